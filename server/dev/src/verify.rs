//! Checks what the job recorded against the simulated photo API's ground truth: every lot marked
//! `stored` has exactly the simulator's photos (each sequence's `_thb` and `_ful`, no more), each
//! row's sha256 is the simulator's bytes' and the stored object's; lots marked `none` really
//! have no photos; and no row of an unfinished lot points at a missing or different object. The
//! benchmark prints it; tests assert on it.

use std::collections::BTreeSet;

use anyhow::Context;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::simulator::{PhotoSim, PhotoSize};
use server::storage::{Storage, StorageKey};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    pub lots: u64,
    pub lots_stored: u64,
    pub lots_none: u64,
    /// Lots not finished (never tried or due for a retry).
    pub lots_pending: u64,
    /// Photos the stored lots should have, and the rows they have.
    pub expected_images: u64,
    pub image_rows: u64,
    /// One line per problem (empty: all good).
    pub problems: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies every listed lot (see the module doc).
pub async fn verify(
    pool: &PgPool,
    storage: &Storage,
    sim: &PhotoSim,
) -> anyhow::Result<Verification> {
    let lots = sqlx::query!(
        r#"SELECT l.id, l.lot_number, p.status AS "status?"
           FROM lots l LEFT JOIN lot_photos p ON p.lot_id = l.id
           WHERE l.image_url IS NOT NULL AND l.disappeared_at IS NULL
           ORDER BY l.id"#
    )
    .fetch_all(pool)
    .await
    .context("reading lots")?;
    let mut v = Verification::default();
    for lot in lots {
        v.lots += 1;
        let number = u32::try_from(lot.lot_number).context("lot number out of range")?;
        let count = sim.photo_count(number);
        let rows = sqlx::query!(
            "SELECT seq, variant, storage_key, sha256, bytes FROM images WHERE lot_id = $1",
            lot.id
        )
        .fetch_all(pool)
        .await
        .context("reading images")?;
        v.image_rows += rows.len() as u64;
        let got: BTreeSet<(i16, String)> =
            rows.iter().map(|r| (r.seq, r.variant.clone())).collect();
        let expected: BTreeSet<(i16, String)> = (1..=count as i16)
            .flat_map(|s| [(s, "thb".to_owned()), (s, "ful".to_owned())])
            .collect();
        match lot.status.as_deref() {
            Some("stored") => {
                v.lots_stored += 1;
                v.expected_images += expected.len() as u64;
                for missing in expected.difference(&got) {
                    v.problems.push(format!("lot {number}: {missing:?} lost"));
                }
            }
            Some("none") => {
                v.lots_none += 1;
                if count != 0 {
                    v.problems
                        .push(format!("lot {number}: marked none but has {count} photos"));
                }
            }
            _ => v.lots_pending += 1,
        }
        for extra in got.difference(&expected) {
            v.problems
                .push(format!("lot {number}: unexpected row {extra:?}"));
        }
        for r in &rows {
            let Some(size) = PhotoSize::from_suffix(&r.variant) else {
                continue;
            };
            let truth = sim.image(number, r.seq.max(1) as u16, size)?;
            let truth_sha = Sha256::digest(&truth);
            if r.sha256.as_slice() != truth_sha.as_slice() || r.bytes as usize != truth.len() {
                v.problems.push(format!(
                    "lot {number}: {} differs from the source",
                    r.storage_key
                ));
            }
            let key = StorageKey::parse(&r.storage_key)
                .with_context(|| format!("bad storage key {:?}", r.storage_key))?;
            match storage.get(&key).await? {
                None => v
                    .problems
                    .push(format!("lot {number}: {key} recorded, not stored")),
                Some(obj) if Sha256::digest(&obj).as_slice() != r.sha256.as_slice() => {
                    v.problems.push(format!(
                        "lot {number}: {key} in storage differs from its row"
                    ))
                }
                Some(_) => {}
            }
        }
    }
    Ok(v)
}
