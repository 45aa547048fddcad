//! One ETL run over one file: [`ingest_file`].
//!
//! The `audit.runs` row is inserted first, in its own statement, so it survives whatever happens
//! next; everything else for the file — `raw.files`, staging, upserts, row errors, the prune and
//! the run's final "succeeded" — is one transaction. A run killed mid-way therefore leaves no
//! partial file (its sha256 is not "used"), and the next run simply does the file again.
//!
//! One run at a time, across replicas: the transaction takes a transaction-scoped advisory lock
//! (`pg_try_advisory_xact_lock`). Unlike a session lock it cannot outlive the run on a pooled
//! connection: commit, rollback or a dropped connection all release it.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;
use sqlx::PgPool;

use super::events::{self, EventCounts};
use super::validate::{self, FileCheck};
use super::{ETL_LOCK_KEY, ingest, upsert};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Succeeded,
    /// Nothing to do: the same file was ingested before, or another run holds the lock.
    Skipped,
    /// The file was rejected (the reason says why); nothing but the run row was written.
    Failed,
}

impl RunStatus {
    /// The value stored in `audit.runs.status` (CHECK `runs_status_known`).
    pub const fn as_db_str(self) -> &'static str {
        match self {
            RunStatus::Succeeded => "succeeded",
            RunStatus::Skipped => "skipped",
            RunStatus::Failed => "failed",
        }
    }
}

/// Milliseconds per step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StepMs {
    pub validate: u64,
    pub parse_copy: u64,
    pub events: u64,
    pub upsert: u64,
    pub outcomes: u64,
    pub prune: u64,
}

impl StepMs {
    /// Each step with its name (the `step_ms` JSON keys), in pipeline order.
    pub fn named(&self) -> [(&'static str, u64); 6] {
        [
            ("validate", self.validate),
            ("parse_copy", self.parse_copy),
            ("events", self.events),
            ("upsert", self.upsert),
            ("outcomes", self.outcomes),
            ("prune", self.prune),
        ]
    }
}

/// What a run did; the same figures are in its `audit.runs` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub run_id: i64,
    pub status: RunStatus,
    /// Why the run was skipped or failed.
    pub reason: Option<String>,
    pub file_id: Option<i64>,
    pub bytes: u64,
    pub rows_total: u64,
    /// `rows_total - rows_invalid`: exactly one row per lot number.
    pub rows_valid: u64,
    /// Rows that did not parse, plus duplicate lot numbers set aside.
    pub rows_invalid: u64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    /// Of `unchanged`: rows older than the stored lot, not applied.
    pub stale: i64,
    /// Rows sent to staging: new lots and rows whose hash differs from their lot's (the rest
    /// were identical to the stored lot and never left the parser).
    pub staged: u64,
    pub vehicles_inserted: i64,
    pub vehicles_updated: i64,
    /// Lot events recorded and outcomes inferred from this file (history and outcomes).
    pub events: EventCounts,
    pub step_ms: StepMs,
    pub total_ms: u64,
}

impl RunReport {
    pub(crate) fn new(run_id: i64, status: RunStatus, reason: Option<String>) -> Self {
        Self {
            run_id,
            status,
            reason,
            file_id: None,
            bytes: 0,
            rows_total: 0,
            rows_valid: 0,
            rows_invalid: 0,
            inserted: 0,
            updated: 0,
            unchanged: 0,
            stale: 0,
            staged: 0,
            vehicles_inserted: 0,
            vehicles_updated: 0,
            events: EventCounts::default(),
            step_ms: StepMs::default(),
            total_ms: 0,
        }
    }
}

fn ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn int(n: impl TryInto<i32>) -> Option<i32> {
    n.try_into().ok()
}

/// Validates and ingests the export at `path` (`source` is recorded in `raw.files`, e.g.
/// `copart` or `file:<name>`). A rejected, duplicate or locked-out file is an `Ok` report with
/// status `Failed`/`Skipped`; `Err` means the run itself broke (it is then recorded as failed).
pub async fn ingest_file(pool: &PgPool, path: &Path, source: &str) -> anyhow::Result<RunReport> {
    let started = Instant::now();
    let run_id = sqlx::query_scalar!("INSERT INTO audit.runs (job) VALUES ('etl') RETURNING id")
        .fetch_one(pool)
        .await
        .context("recording the run")?;
    match run(pool, path, source, run_id, started).await {
        Ok(report) => Ok(report),
        Err(e) => {
            let error = format!("{e:#}");
            tracing::error!(run_id, error, "ETL run failed");
            // Best effort: the database may be what failed.
            let _ = finish(pool, run_id, RunStatus::Failed, Some(&error), None, None).await;
            Err(e)
        }
    }
}

/// Marks a run that ends without a committed file (`file_id`: the file it matched, if any).
async fn finish(
    pool: &PgPool,
    run_id: i64,
    status: RunStatus,
    error: Option<&str>,
    bytes: Option<u64>,
    file_id: Option<i64>,
) -> anyhow::Result<()> {
    sqlx::query!(
        "UPDATE audit.runs SET status = $2, finished_at = now(), error = $3, bytes = $4,
                file_id = COALESCE($5, file_id)
         WHERE id = $1",
        run_id,
        status.as_db_str(),
        error,
        bytes.and_then(|b| i64::try_from(b).ok()),
        file_id
    )
    .execute(pool)
    .await
    .context("closing the run row")?;
    Ok(())
}

async fn run(
    pool: &PgPool,
    path: &Path,
    source: &str,
    run_id: i64,
    started: Instant,
) -> anyhow::Result<RunReport> {
    let owned = path.to_owned();
    let checked = tokio::task::spawn_blocking(move || validate::check_file(&owned))
        .await
        .context("validation thread panicked")?
        .with_context(|| format!("reading {}", path.display()))?;
    let validate_ms = ms(started);
    let check: FileCheck = match checked {
        Ok(c) => c,
        Err(reason) => {
            let reason = reason.to_string();
            tracing::warn!(run_id, reason, "file rejected");
            finish(pool, run_id, RunStatus::Failed, Some(&reason), None, None).await?;
            let mut report = RunReport::new(run_id, RunStatus::Failed, Some(reason));
            report.step_ms.validate = validate_ms;
            report.total_ms = ms(started);
            return Ok(report);
        }
    };
    tracing::info!(
        run_id,
        bytes = check.bytes,
        rows = check.records,
        "file valid"
    );

    let mut tx = pool.begin().await.context("starting the transaction")?;
    let locked = sqlx::query_scalar!(
        r#"SELECT pg_try_advisory_xact_lock($1) AS "locked!""#,
        ETL_LOCK_KEY
    )
    .fetch_one(&mut *tx)
    .await
    .context("taking the ETL lock")?;
    let skip = |reason: &str| {
        let mut r = RunReport::new(run_id, RunStatus::Skipped, Some(reason.to_owned()));
        r.bytes = check.bytes;
        r.step_ms.validate = validate_ms;
        r
    };
    if !locked {
        tx.rollback().await.ok();
        let mut report = skip("another ETL run is in progress");
        finish(
            pool,
            run_id,
            RunStatus::Skipped,
            report.reason.as_deref(),
            Some(check.bytes),
            None,
        )
        .await?;
        report.total_ms = ms(started);
        return Ok(report);
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
    // Holding the lock, no other run is active: an older run still 'running' was killed.
    sqlx::query!(
        "UPDATE audit.runs SET status = 'failed', finished_at = now(),
             error = 'abandoned: the process ended before the run finished'
         WHERE job = 'etl' AND status = 'running' AND id < $1",
        run_id
    )
    .execute(&mut *tx)
    .await
    .context("closing abandoned runs")?;

    let sha = check.sha256.to_vec();
    let file_id = sqlx::query_scalar!(
        r#"INSERT INTO raw.files (sha256, source, bytes, row_count, ingest_started_at)
           VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (sha256) DO NOTHING
           RETURNING id"#,
        sha,
        source,
        i64::try_from(check.bytes)?,
        int(check.records)
    )
    .fetch_optional(&mut *tx)
    .await
    .context("registering the file")?;
    let Some(file_id) = file_id else {
        tx.rollback().await.ok();
        let existing = sqlx::query_scalar!("SELECT id FROM raw.files WHERE sha256 = $1", sha)
            .fetch_optional(pool)
            .await?;
        let mut report = skip("same file already ingested");
        report.file_id = existing;
        finish(
            pool,
            run_id,
            RunStatus::Skipped,
            report.reason.as_deref(),
            Some(check.bytes),
            existing,
        )
        .await?;
        report.total_ms = ms(started);
        tracing::info!(run_id, "same file already ingested; skipped");
        return Ok(report);
    };

    let t = Instant::now();
    let rows_hint = usize::try_from(check.records).unwrap_or(0);
    let parsed = ingest::copy_file(&mut tx, path, run_id, file_id, rows_hint).await?;
    let parse_copy_ms = ms(t);
    let counts = parsed.counts;
    tracing::info!(
        run_id,
        rows = counts.rows_total,
        invalid = counts.rows_invalid,
        duplicates = counts.duplicates,
        staged = counts.staged,
        ms = parse_copy_ms,
        "parsed; changed and new rows copied into staging"
    );

    // History compares the staged rows with the stored lots, so it runs before they are
    // updated; outcomes need the updated lots and the file's lot set, so they run after.
    let t = Instant::now();
    let mut event_counts = events::record_changes(&mut tx, file_id)
        .await
        .context("recording lot events")?;
    let events_ms = ms(t);
    let t = Instant::now();
    let up = upsert::upsert_file(
        &mut tx,
        file_id,
        &parsed.lot_set,
        counts.lots,
        parsed.arrived.len(),
    )
    .await?;
    let upsert_ms = ms(t);
    let t = Instant::now();
    let as_of = parsed.as_of.unwrap_or_else(chrono::Utc::now);
    let moves = events::Moves {
        arrived: &parsed.arrived,
        departed: &parsed.departed,
    };
    events::apply_outcomes(&mut tx, file_id, as_of, &moves, &mut event_counts)
        .await
        .context("inferring outcomes")?;
    let outcomes_ms = ms(t);
    parsed.fill.record(&mut tx, file_id).await?;
    // The dropdowns' counts, rebuilt from the lots as this file leaves them — when it added
    // lots or moved one between options (a suppression rebuilds them itself, see suppress.rs).
    if up.facets_dirty {
        sqlx::query_scalar!(r#"SELECT catalog_refresh_facets() AS "groups!""#)
            .fetch_one(&mut *tx)
            .await
            .context("refreshing the catalog facets")?;
    }
    let t = Instant::now();
    upsert::prune(&mut tx).await?;
    let prune_ms = ms(t);

    let mut report = RunReport::new(run_id, RunStatus::Succeeded, None);
    report.file_id = Some(file_id);
    report.bytes = check.bytes;
    report.rows_total = counts.rows_total;
    report.rows_invalid = counts.rows_invalid + counts.duplicates;
    report.rows_valid = counts.rows_total.saturating_sub(report.rows_invalid);
    report.inserted = up.lots_inserted;
    report.updated = up.lots_updated;
    report.unchanged = up.lots_unchanged;
    report.stale = up.lots_stale;
    report.staged = counts.staged;
    report.vehicles_inserted = up.vehicles_inserted;
    report.vehicles_updated = up.vehicles_updated;
    report.events = event_counts;
    report.step_ms = StepMs {
        validate: validate_ms,
        parse_copy: parse_copy_ms,
        events: events_ms,
        upsert: upsert_ms,
        outcomes: outcomes_ms,
        prune: prune_ms,
    };
    let step_ms = serde_json::to_value(report.step_ms)?;

    // The run's success commits with the data: there is no moment where one exists without
    // the other.
    sqlx::query!(
        "UPDATE raw.files SET ingest_finished_at = now() WHERE id = $1",
        file_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"UPDATE audit.runs
           SET status = 'succeeded', finished_at = now(), file_id = $2, bytes = $3,
               rows_total = $4, rows_valid = $5, rows_invalid = $6, inserted = $7, updated = $8,
               unchanged = $9, step_ms = $10
           WHERE id = $1"#,
        run_id,
        file_id,
        i64::try_from(check.bytes)?,
        int(report.rows_total),
        int(report.rows_valid),
        int(report.rows_invalid),
        int(report.inserted),
        int(report.updated),
        int(report.unchanged),
        step_ms
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await.context("committing the file")?;
    report.total_ms = ms(started);
    tracing::info!(
        run_id,
        file_id,
        inserted = report.inserted,
        updated = report.updated,
        unchanged = report.unchanged,
        invalid = report.rows_invalid,
        total_ms = report.total_ms,
        "ETL run succeeded"
    );
    Ok(report)
}
