//! The steps of one ETL run over one file, in the order `run` calls them: validate → lock →
//! register the file → parse and COPY → events → upsert → outcomes → fill rates → backfill →
//! facets → prune → commit. Each but `validate` works inside the file's transaction.

use std::future::Future;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};

use super::events::{self, EventCounts};
use super::ingest::{self, Parsed};
use super::upsert::{self, UpsertCounts};
use super::validate::{self, FileCheck, RejectReason};
use super::{ETL_LOCK_KEY, RunReport};
use crate::config::EtlLimits;
use crate::runs::{self, Figures, Outcome, RunId, RunJob};

pub(super) fn ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Awaits `step`, storing how long it took in `ms_out`.
pub(super) async fn timed<T>(
    ms_out: &mut u64,
    step: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let t = Instant::now();
    let out = step.await;
    *ms_out = ms(t);
    out
}

/// Reads the whole file once before any database write (module `validate`); the inner `Err` is
/// why the file is rejected.
pub(super) async fn validate(
    path: &Path,
    limits: &EtlLimits,
) -> anyhow::Result<Result<FileCheck, RejectReason>> {
    let owned = path.to_owned();
    let limits = *limits;
    tokio::task::spawn_blocking(move || validate::check_file(&owned, &limits))
        .await
        .context("validation thread panicked")?
        .with_context(|| format!("reading {}", path.display()))
}

/// Takes the ETL's transaction lock; `false` when another run holds it. Holding it, sizes the
/// transaction for a big file and closes the runs a killed process left `running`.
pub(super) async fn lock(
    tx: &mut PgConnection,
    (run, job): (RunId, RunJob),
) -> anyhow::Result<bool> {
    let locked = sqlx::query_scalar!(
        r#"SELECT pg_try_advisory_xact_lock($1) AS "locked!""#,
        ETL_LOCK_KEY
    )
    .fetch_one(&mut *tx)
    .await
    .context("taking the ETL lock")?;
    if !locked {
        return Ok(false);
    }
    // The sorts and hash joins of a 150k-row file spill to disk at the default 4 MB work_mem.
    // JIT compiles the wide row comparisons of every big statement again on every run, which
    // costs more than it saves; a bulk load rebuilds indexes with maintenance_work_mem.
    sqlx::query!(
        r#"SELECT set_config('work_mem', '64MB', true) AS "w!", set_config('jit', 'off', true) AS "j!",
                  set_config('maintenance_work_mem', '256MB', true) AS "m!""#
    )
    .fetch_one(&mut *tx)
    .await
    .context("setting the run's work_mem and jit")?;
    runs::close_abandoned(&mut *tx, job, run).await?;
    Ok(true)
}

/// Registers the file in `raw.files`; `None` when a file with the same sha256 is there already.
pub(super) async fn register_file(
    tx: &mut PgConnection,
    check: &FileCheck,
    source: &str,
) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"INSERT INTO raw.files (sha256, source, bytes, row_count, ingest_started_at)
           VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (sha256) DO NOTHING
           RETURNING id"#,
        check.sha256.as_slice(),
        source,
        i64::try_from(check.bytes)?,
        i32::try_from(check.records).ok()
    )
    .fetch_optional(&mut *tx)
    .await
    .context("registering the file")
}

/// The registered file with this file's sha256 (the one a skipped run repeats).
pub(super) async fn registered_file(
    pool: &PgPool,
    check: &FileCheck,
) -> anyhow::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM raw.files WHERE sha256 = $1",
        check.sha256.as_slice()
    )
    .fetch_optional(pool)
    .await
    .context("reading the registered file")
}

/// Parses the file and COPYs its new and changed rows into staging (module `ingest`). The inner
/// `Err`: the file has too many invalid rows; the transaction must be rolled back.
pub(super) async fn parse_copy(
    tx: &mut PgConnection,
    (path, limits): (&Path, &EtlLimits),
    run: RunId,
    file_id: i64,
    check: &FileCheck,
) -> anyhow::Result<Result<Parsed, RejectReason>> {
    let t = Instant::now();
    let rows_hint = usize::try_from(check.records).unwrap_or(0);
    let parsed = match ingest::copy_file(tx, path, run.get(), file_id, rows_hint, limits).await? {
        Ok(parsed) => parsed,
        Err(reason) => return Ok(Err(reason)),
    };
    let c = &parsed.counts;
    tracing::info!(
        run_id = run.get(),
        rows = c.rows_total,
        invalid = c.rows_invalid,
        duplicates = c.duplicates,
        staged = c.staged,
        ms = ms(t),
        "parsed; changed and new rows copied into staging"
    );
    Ok(Ok(parsed))
}

/// History compares the staged rows with the stored lots, so it runs before they are updated.
pub(super) async fn record_events(
    tx: &mut PgConnection,
    file_id: i64,
) -> anyhow::Result<EventCounts> {
    events::record_changes(tx, file_id)
        .await
        .context("recording lot events")
}

/// `vehicles` and `lots` from staging (module `upsert`). `export`: the file is Copart's, so
/// the demo lots it lists become its own.
pub(super) async fn upsert(
    tx: &mut PgConnection,
    file_id: i64,
    parsed: &Parsed,
    export: bool,
) -> anyhow::Result<UpsertCounts> {
    upsert::upsert_file(
        tx,
        file_id,
        (&parsed.lot_set, export),
        parsed.counts.lots,
        parsed.arrived.len(),
    )
    .await
}

/// A demo load's new lots (inserted by this transaction: `first_seen_at` is its `now()`) are
/// demo lots. Lots the file lists that existed before keep what they were.
pub(super) async fn mark_demo_lots(
    tx: &mut PgConnection,
    run_id: RunId,
    lot_set: &[i64],
) -> anyhow::Result<()> {
    sqlx::query!(
        r#"INSERT INTO demo_lots (lot_id, run_id)
           SELECT id, $1 FROM lots WHERE lot_number = ANY($2) AND first_seen_at = now()
           ON CONFLICT (lot_id) DO NOTHING"#,
        run_id.get(),
        lot_set
    )
    .execute(&mut *tx)
    .await
    .context("recording the demo lots")?;
    Ok(())
}

/// Outcomes need the updated lots and the file's lot set, so they run after the upsert.
pub(super) async fn outcomes(
    tx: &mut PgConnection,
    file_id: i64,
    parsed: &Parsed,
    counts: &mut EventCounts,
) -> anyhow::Result<()> {
    let as_of = parsed.as_of.unwrap_or_else(chrono::Utc::now);
    let moves = events::Moves {
        arrived: &parsed.arrived,
        departed: &parsed.departed,
    };
    events::apply_outcomes(tx, file_id, as_of, &moves, counts)
        .await
        .context("inferring outcomes")
}

/// The share of rows with a value, per column (`audit.file_columns`).
pub(super) async fn fill_rates(
    tx: &mut PgConnection,
    file_id: i64,
    parsed: &Parsed,
) -> anyhow::Result<()> {
    parsed.fill.record(tx, file_id).await
}

/// Lots per run whose filter columns are filled from their vehicle while the backfill of
/// migration 0031 lasts: ~1 s of a run at this size, so a 1M-lot database is done in ten runs.
const BACKFILL_BATCH: i32 = 100_000;

/// One batch of the filter-column backfill (a no-op once done); the lots it changed.
pub(super) async fn backfill(tx: &mut PgConnection) -> anyhow::Result<i32> {
    sqlx::query_scalar!(
        r#"SELECT lots_backfill_filter_columns($1) AS "changed!""#,
        BACKFILL_BATCH
    )
    .fetch_one(&mut *tx)
    .await
    .context("backfilling the lots' filter columns")
}

/// The dropdowns' counts, rebuilt from the lots as this file leaves them — when it added lots,
/// moved one between options or the backfill filled some (a suppression rebuilds them itself,
/// see suppress.rs).
pub(super) async fn facets(
    tx: &mut PgConnection,
    up: &UpsertCounts,
    backfilled: i32,
) -> anyhow::Result<()> {
    if up.facets_dirty || backfilled > 0 {
        sqlx::query_scalar!(r#"SELECT catalog_refresh_facets() AS "groups!""#)
            .fetch_one(&mut *tx)
            .await
            .context("refreshing the catalog facets")?;
    }
    Ok(())
}

/// Empties staging and forgets old files' lot sets (module `upsert`).
pub(super) async fn prune(tx: &mut PgConnection) -> anyhow::Result<()> {
    upsert::prune(tx).await
}

/// Marks the file ingested and closes the run as succeeded in the same transaction, then
/// commits: the run's success commits with the data, there is no moment where one exists
/// without the other.
pub(super) async fn commit(
    mut tx: Transaction<'_, Postgres>,
    run: RunId,
    report: &RunReport,
    fetch_ms: Option<u64>,
) -> anyhow::Result<()> {
    sqlx::query!(
        "UPDATE raw.files SET ingest_finished_at = now() WHERE id = $1",
        report.file_id
    )
    .execute(&mut *tx)
    .await
    .context("marking the file ingested")?;
    let figures = report.figures(fetch_ms);
    runs::finish(&mut *tx, run, &Outcome::succeeded(Figures::Etl(&figures))).await?;
    tx.commit().await.context("committing the file")
}
