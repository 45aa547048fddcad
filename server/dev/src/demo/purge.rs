//! `vinops-dev demo purge`: removes every demo lot and what only it used, and nothing else.
//!
//! What goes: the lots in `demo_lots` (with their photo rows and progress, by cascade), the
//! vehicles left without any lot, the demo loads' `raw.files` registrations (with their row
//! errors and lot events, by cascade; so the same demo can be loaded again) and the photo
//! objects of those lots in the store. What stays: every lot an export wrote or took over (the
//! ETL removes a lot from `demo_lots` as soon as an export lists it), vehicles that still have
//! one, the run rows (history).
//!
//! Order, so that a failure loses nothing: the store's objects first (a failed delete stops
//! here with the database untouched, and running the command again finishes the job), then the
//! rows in one transaction under the ETL lock (no ETL run interleaves), which also refreshes the
//! facets and records a `demo_purge` run — a new dataset version, so every cache forgets the
//! demo.

use anyhow::Context;
use sqlx::PgPool;

use server::etl::ETL_LOCK_KEY;
use server::images::purge::delete_lot_photos;
use server::runs::{self, DemoPurgeCounts, Figures, Outcome, RunJob};
use server::storage::Storage;

/// What a purge removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub lots: u64,
    pub vehicles: u64,
    pub files: u64,
    /// Objects deleted from the store (none without a store).
    pub objects: u64,
    /// The `demo_purge` run row.
    pub run_id: Option<i64>,
}

/// Removes the demo data through `pool` (the owner role: it deletes lots and vehicles).
pub async fn purge(pool: &PgPool, storage: Option<&Storage>) -> anyhow::Result<PurgeReport> {
    let lots: Vec<(i64, i64)> = sqlx::query!(
        "SELECT l.id, l.lot_number FROM lots l JOIN demo_lots d ON d.lot_id = l.id ORDER BY l.id"
    )
    .fetch_all(pool)
    .await
    .context("listing the demo lots")?
    .into_iter()
    .map(|r| (r.id, r.lot_number))
    .collect();
    if lots.is_empty() {
        tracing::info!("no demo lots to purge");
        return Ok(PurgeReport::default());
    }
    let objects = match storage {
        Some(store) => delete_objects(pool, store, &lots).await?,
        None => 0,
    };

    let mut tx = pool.begin().await.context("starting the purge")?;
    // Waits for a running ETL run rather than failing: the purge is an operator's command.
    sqlx::query_scalar!(
        r#"SELECT true AS "locked!" FROM pg_advisory_xact_lock($1)"#,
        ETL_LOCK_KEY
    )
    .fetch_one(&mut *tx)
    .await
    .context("taking the ETL lock")?;
    let ids: Vec<i64> = lots.iter().map(|(id, _)| *id).collect();
    let vins: Vec<String> = sqlx::query_scalar!(
        "DELETE FROM lots WHERE id = ANY($1)
           AND id IN (SELECT lot_id FROM demo_lots) RETURNING vin",
        &ids
    )
    .fetch_all(&mut *tx)
    .await
    .context("deleting the demo lots")?;
    let lots_deleted = vins.len() as u64;
    let vehicles = sqlx::query!(
        "DELETE FROM vehicles v WHERE v.vin = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM lots l WHERE l.vin = v.vin)",
        &vins
    )
    .execute(&mut *tx)
    .await
    .context("deleting vehicles left without lots")?
    .rows_affected();
    let files = sqlx::query!(
        "DELETE FROM raw.files
         WHERE id IN (SELECT file_id FROM audit.runs WHERE job = 'demo' AND file_id IS NOT NULL)"
    )
    .execute(&mut *tx)
    .await
    .context("deleting the demo files' registrations")?
    .rows_affected();
    sqlx::query_scalar!(r#"SELECT catalog_refresh_facets() AS "groups!""#)
        .fetch_one(&mut *tx)
        .await
        .context("refreshing the facets")?;
    let counts = DemoPurgeCounts {
        lots: lots_deleted,
        vehicles,
        files,
        objects,
    };
    let run_id = runs::record(
        &mut *tx,
        RunJob::DemoPurge,
        &Outcome::succeeded(Figures::DemoPurge(&counts)),
    )
    .await?
    .get();
    tx.commit().await.context("committing the purge")?;
    let report = PurgeReport {
        lots: lots_deleted,
        vehicles,
        files,
        objects,
        run_id: Some(run_id),
    };
    tracing::info!(
        lots = report.lots,
        vehicles = report.vehicles,
        files = report.files,
        objects = report.objects,
        run_id,
        "demo data purged"
    );
    Ok(report)
}

/// Deletes every photo object of `lots` (id, lot number), as the photo purge of a suppressed
/// VIN does. Stops at the first failure.
async fn delete_objects(
    pool: &PgPool,
    store: &Storage,
    lots: &[(i64, i64)],
) -> anyhow::Result<u64> {
    let ids: Vec<i64> = lots.iter().map(|(id, _)| *id).collect();
    let stored: Vec<String> = sqlx::query_scalar!(
        "SELECT storage_key FROM images WHERE lot_id = ANY($1)",
        &ids
    )
    .fetch_all(pool)
    .await
    .context("listing the demo photos")?;
    let numbers: Vec<i64> = lots.iter().map(|(_, n)| *n).collect();
    delete_lot_photos(store, &numbers, stored).await
}
