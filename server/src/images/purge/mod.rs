//! Deleting the photos of suppressed VINs from the store: a VIN removed at its owner's request
//! must not keep its photos online. With a bucket the pages link straight to its public URL, so a
//! 410 from `/media` is not enough: the objects themselves must go, from S3 and from the local
//! store alike.
//!
//! Owns `photo_purges` (migration 0022). A suppression queues its VIN there in the same
//! transaction ([`request`], from `crate::suppress`), so the removal itself never waits for the
//! store. A purge attempt then:
//! 1. claims the VIN (counts the attempt, leases the row for [`LEASE_SECS`]);
//! 2. collects the keys: those of the `images` rows of every lot of the VIN, plus whatever the
//!    store holds under each lot's prefix (`lots/{lot}/`: an object stored by an images run
//!    that was cut short has no row);
//! 3. deletes every object (a missing one is fine);
//! 4. only then deletes the lots' `images` and `lot_photos` rows and the request, in one
//!    transaction — so until the objects are gone the database still knows them, and a failed
//!    attempt loses nothing.
//!
//! A failure (store down, database down, no answer within [`ATTEMPT_BUDGET`]) leaves the row,
//! due again after 1 min doubling up to 30 min; the `photo_purge` job ([`run_due`]) retries it
//! and `/health` reports it. The first attempt runs right after the suppression commits
//! ([`purge_now`]: the `suppress` command and the admin endpoint).
//!
//! Unsuppress drops the request ([`cancel`]) and the lots' `lot_photos` rows, so the images job
//! fetches the photos again — only while Copart still lists the lot and serves its photos:
//! a removal deletes our copy for good.

mod db;

use std::collections::BTreeSet;
use std::time::Duration;

use serde::Serialize;
use sqlx::PgPool;
use vinops::lot_number::LotNumber;
use vinops::vin::Vin;

pub use db::{cancel, request, request_for_lot};

use crate::storage::{Storage, StorageKey};

/// How long one attempt may take before it counts as failed (a hung store).
pub const ATTEMPT_BUDGET: Duration = Duration::from_secs(30);
/// How long a claimed row is kept from other attempts (a process that dies mid-attempt leaves
/// its VIN to the next attempt after this).
pub const LEASE_SECS: f64 = 600.0;
/// Back-off after a failed attempt: this, doubling per attempt, up to [`RETRY_MAX_SECS`].
pub const RETRY_BASE_SECS: f64 = 60.0;
pub const RETRY_MAX_SECS: f64 = 1800.0;
/// Objects deleted at once.
const DELETES_AT_ONCE: usize = 8;
/// Purges one job run claims at most.
const RUN_BATCH: i64 = 100;

/// What became of a VIN's photos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PhotoPurge {
    /// The objects are gone from the store (`objects`: how many keys were deleted) and the
    /// photo rows from the database (`rows`).
    Purged { objects: u64, rows: u64 },
    /// Not done yet; the `photo_purge` job retries it (`reason` says why it is not done).
    Pending { reason: String },
    /// No purge is pending for the VIN (done already, or the VIN is no longer suppressed).
    NothingPending,
}

/// What one [`run_due`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PurgeRun {
    /// Purges claimed.
    pub claimed: u64,
    pub purged: u64,
    /// Objects deleted from the store.
    pub objects: u64,
    /// Purges still pending after this run (failed now, retried later).
    pub failed: u64,
    /// Why the first failed one failed.
    pub first_error: Option<String>,
}

/// The attempt right after a suppression (see the module doc). Never an error: whatever goes
/// wrong leaves the request pending for the job, and the answer says why. `storage` is `None`
/// when this process has no store configured.
pub async fn purge_now(pool: &PgPool, storage: Option<&Storage>, vin: &Vin) -> PhotoPurge {
    let Some(storage) = storage else {
        return PhotoPurge::Pending {
            reason: "no usable photo store in this process; the photo_purge job deletes them"
                .into(),
        };
    };
    let claim = match db::claim_one(pool, vin.as_str(), LEASE_SECS).await {
        Ok(Some(c)) => c,
        Ok(None) => {
            return match db::pending(pool, vin.as_str()).await {
                Ok(false) => PhotoPurge::NothingPending,
                Ok(true) => PhotoPurge::Pending {
                    reason: "another attempt is in progress".into(),
                },
                Err(e) => PhotoPurge::Pending {
                    reason: format!("{e:#}"),
                },
            };
        }
        Err(e) => {
            return PhotoPurge::Pending {
                reason: format!("{e:#}"),
            };
        }
    };
    attempt(pool, storage, &claim).await
}

/// The `photo_purge` job: every due purge (every pending one with `force`, as `vinops-server
/// images purge` does), one after the other. `Err` only when the database cannot be asked.
pub async fn run_due(pool: &PgPool, storage: &Storage, force: bool) -> anyhow::Result<PurgeRun> {
    let claims = db::claim_due(pool, force, RUN_BATCH, LEASE_SECS).await?;
    let mut run = PurgeRun {
        claimed: claims.len() as u64,
        ..PurgeRun::default()
    };
    for claim in &claims {
        match attempt(pool, storage, claim).await {
            PhotoPurge::Purged { objects, .. } => {
                run.purged += 1;
                run.objects += objects;
            }
            PhotoPurge::Pending { reason } => {
                run.failed += 1;
                run.first_error.get_or_insert(reason);
            }
            PhotoPurge::NothingPending => {}
        }
    }
    Ok(run)
}

/// One claimed attempt: the work within [`ATTEMPT_BUDGET`], and its failure recorded.
async fn attempt(pool: &PgPool, storage: &Storage, claim: &db::Claim) -> PhotoPurge {
    let outcome = match tokio::time::timeout(ATTEMPT_BUDGET, work(pool, storage, claim)).await {
        Ok(Ok(done)) => return done,
        Ok(Err(e)) => format!("{e:#}"),
        Err(_) => format!(
            "no answer within {} s (store or database hung)",
            ATTEMPT_BUDGET.as_secs()
        ),
    };
    tracing::warn!(vin = %claim.vin, attempts = claim.attempts, error = outcome, "photo purge failed; retried later");
    // Best effort: with the database down the lease runs out and the next run retries anyway.
    if let Err(e) = db::record_failure(pool, claim, &outcome, RETRY_BASE_SECS, RETRY_MAX_SECS).await
    {
        tracing::warn!(vin = %claim.vin, error = format!("{e:#}"), "photo purge: failure not recorded");
    }
    PhotoPurge::Pending { reason: outcome }
}

async fn work(pool: &PgPool, storage: &Storage, claim: &db::Claim) -> anyhow::Result<PhotoPurge> {
    if !db::suppressed(pool, &claim.vin).await? {
        // Unsuppressed since: its photos may stay, and a request left over is closed.
        db::close(pool, claim).await?;
        return Ok(PhotoPurge::NothingPending);
    }
    let lots = db::lot_numbers(pool, &claim.vin).await?;
    let stored = db::stored_keys(pool, &claim.vin).await?;
    let objects = delete_lot_photos(storage, &lots, stored).await?;
    let rows = db::finish(pool, claim).await?;
    tracing::info!(vin = %claim.vin, objects, rows, "photos of a suppressed VIN purged");
    Ok(PhotoPurge::Purged { objects, rows })
}

/// Deletes the photo objects of some lots from the store: the `stored` keys their `images` rows
/// name and whatever the store holds under each lot's prefix (objects whose row is gone), then
/// the lots' empty directories. Returns how many objects it deleted; the first failure ends it,
/// and calling it again finishes the job (deleting an absent object succeeds).
pub async fn delete_lot_photos(
    storage: &Storage,
    lot_numbers: &[i64],
    stored: Vec<String>,
) -> anyhow::Result<u64> {
    let lots: Vec<LotNumber> = lot_numbers
        .iter()
        .filter_map(|n| u32::try_from(*n).ok().and_then(LotNumber::new))
        .collect();
    let mut keys = BTreeSet::new();
    for raw in stored {
        match StorageKey::parse(&raw) {
            Ok(k) => {
                keys.insert(k);
            }
            // Never written through the store (a key is checked before every put).
            Err(e) => tracing::warn!(key = raw, error = %e, "photo purge: row with a bad key"),
        }
    }
    for lot in &lots {
        keys.extend(storage.lot_objects(*lot).await?);
    }
    delete_all(storage, &keys).await?;
    for lot in &lots {
        storage.tidy_lot(*lot).await;
    }
    Ok(keys.len() as u64)
}

/// Deletes every key, [`DELETES_AT_ONCE`] at a time; the first error ends it (the rest wait for
/// the retry).
async fn delete_all(storage: &Storage, keys: &BTreeSet<StorageKey>) -> anyhow::Result<()> {
    let mut todo = keys.iter().cloned();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() < DELETES_AT_ONCE {
            let Some(key) = todo.next() else { break };
            let storage = storage.clone();
            running.spawn(async move { storage.delete(&key).await });
        }
        let Some(done) = running.join_next().await else {
            return Ok(());
        };
        done??;
    }
}
