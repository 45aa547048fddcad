//! The catalog's size for `/health`'s `metrics` (the original's contract): vehicles, lots,
//! lots still listed, vehicles with photos, lots waiting for photos, photos stored.
//!
//! Exact counts, so each scans its table: tens of milliseconds at 150k lots, a few hundred at
//! 1M. A report is computed every `HEALTH_CACHE_MS` (2 s) at most; these counts are taken at
//! most once per [`TOTALS_TTL`] and reused in between, so a dashboard refreshing every few
//! seconds costs the database one scan a minute. The photos of the last 30 minutes, which the
//! images rule judges, are read on every report instead (an index range on `images`).
//!
//! Suppressed VINs are left out of every count, as the pages leave them out.

use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;
use sqlx::PgPool;

/// How long a set of counts is reused (at least; never shorter than a report's reuse).
pub const TOTALS_TTL: Duration = Duration::from_secs(60);

/// The counts, as of `counted_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub vehicles: i64,
    pub lots: i64,
    /// Lots still in the export (not disappeared).
    pub active_lots: i64,
    /// Vehicles with at least one lot whose photos are stored.
    pub vehicles_with_photos: i64,
    /// Lots the images job would work on now (`v_lots_needing_photos`, demo lots left out),
    /// uncapped.
    pub lots_needing_photos: i64,
    /// Photos stored (one per photo, whatever its sizes).
    pub photos: i64,
}

pub async fn count(pool: &PgPool) -> anyhow::Result<Totals> {
    let r = sqlx::query!(
        r#"SELECT
             (SELECT count(*) FROM vehicles v
              WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = v.vin)) AS "vehicles!",
             (SELECT count(*) FROM lots l
              WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)) AS "lots!",
             (SELECT count(*) FROM lots l
              WHERE l.disappeared_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)) AS "active_lots!",
             (SELECT count(DISTINCT l.vin) FROM lot_photos p JOIN lots l ON l.id = p.lot_id
              WHERE p.status = 'stored' AND p.photos > 0
                AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)) AS "vehicles_with_photos!",
             (SELECT count(*) FROM v_lots_needing_photos WHERE NOT demo) AS "lots_needing_photos!",
             (SELECT coalesce(sum(p.photos), 0)::bigint FROM lot_photos p
              WHERE p.status = 'stored') AS "photos!""#
    )
    .fetch_one(pool)
    .await
    .context("catalog totals")?;
    Ok(Totals {
        vehicles: r.vehicles,
        lots: r.lots,
        active_lots: r.active_lots,
        vehicles_with_photos: r.vehicles_with_photos,
        lots_needing_photos: r.lots_needing_photos,
        photos: r.photos,
    })
}

/// Photos stored in the last 30 minutes (one per photo: its full-size variant).
pub async fn photos_last_30_min(pool: &PgPool) -> anyhow::Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM images
           WHERE created_at > now() - interval '30 minutes' AND variant = 'ful'"#
    )
    .fetch_one(pool)
    .await
    .context("photos of the last 30 minutes")
}

/// The last counts and when they were taken, reused for a while.
pub struct Reuse {
    ttl: Duration,
    last: tokio::sync::Mutex<Option<(Instant, Totals)>>,
}

impl Reuse {
    pub fn new(ttl: Duration) -> Reuse {
        Reuse {
            ttl,
            last: tokio::sync::Mutex::new(None),
        }
    }

    /// The counts, fresh or at most the reuse period old. A failure is not kept: the next
    /// report tries again.
    pub async fn get(&self, pool: &PgPool) -> anyhow::Result<Totals> {
        let mut last = self.last.lock().await;
        if let Some((at, totals)) = *last
            && at.elapsed() < self.ttl
        {
            return Ok(totals);
        }
        let totals = count(pool).await?;
        *last = Some((Instant::now(), totals));
        Ok(totals)
    }
}
