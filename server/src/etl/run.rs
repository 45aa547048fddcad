//! One ETL run over one file: [`ingest_file`].
//!
//! The `audit.runs` row is opened first, in its own statement, so it survives whatever happens
//! next; everything else for the file — `raw.files`, staging, upserts, row errors, the prune and
//! the run's closing as "succeeded" — is one transaction. A run killed mid-way therefore leaves
//! no partial file (its sha256 is not "used"), and the next run simply does the file again. A run
//! that ends without ingesting (rejected, locked out, a repeated file, broken) closes its row
//! with why. Either way the row is written once, by the run ledger (`crate::runs`), with every
//! figure of the run — its lot events and outcomes included — whoever started it.
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
use crate::runs::{self, EtlFigures, EtlRows, Figures, Outcome, RunId, RunJob, RunStatus};

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

    /// The run row's figures. How far the run got decides what is known: a rejected file
    /// (failed) left nothing but its reason; a skipped one was read (its size, and the file it
    /// repeats) but not ingested; an ingested one has every figure, its lot events included.
    /// `fetch_ms`: the download, when the run fetched the export.
    pub(crate) fn figures(&self, fetch_ms: Option<u64>) -> EtlFigures {
        let mut f = EtlFigures {
            fetch_ms,
            ..EtlFigures::default()
        };
        match self.status {
            RunStatus::Failed => {}
            RunStatus::Skipped => {
                f.file_id = self.file_id;
                f.bytes = Some(self.bytes);
            }
            RunStatus::Succeeded => {
                f.file_id = self.file_id;
                f.bytes = Some(self.bytes);
                f.rows = Some(EtlRows {
                    total: self.rows_total,
                    valid: self.rows_valid,
                    invalid: self.rows_invalid,
                    inserted: self.inserted,
                    updated: self.updated,
                    unchanged: self.unchanged,
                });
                f.steps = Some(self.step_ms);
                f.events = Some(self.events);
            }
        }
        f
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
    ingest_download(pool, path, source, None).await
}

/// [`ingest_file`] for a file the run downloaded first: `fetch_ms`, the download's time, goes
/// into the same run row.
pub(crate) async fn ingest_download(
    pool: &PgPool,
    path: &Path,
    source: &str,
    fetch_ms: Option<u64>,
) -> anyhow::Result<RunReport> {
    let started = Instant::now();
    let id = runs::start(pool, RunJob::Etl).await?;
    match run(pool, path, source, id, started, fetch_ms).await {
        Ok(report) => Ok(report),
        Err(e) => {
            let error = format!("{e:#}");
            tracing::error!(run_id = id.get(), error, "ETL run failed");
            let figures = EtlFigures {
                fetch_ms,
                ..EtlFigures::default()
            };
            let outcome = Outcome {
                figures: Figures::Etl(&figures),
                ..Outcome::failed(&error)
            };
            // Best effort: the database may be what failed.
            let _ = runs::finish(pool, id, &outcome).await;
            Err(e)
        }
    }
}

/// Closes the row of a run that ingested nothing.
async fn close(
    pool: &PgPool,
    id: RunId,
    report: &RunReport,
    fetch_ms: Option<u64>,
) -> anyhow::Result<()> {
    let figures = report.figures(fetch_ms);
    let outcome = Outcome {
        status: report.status,
        error: report.reason.as_deref(),
        figures: Figures::Etl(&figures),
    };
    runs::finish(pool, id, &outcome).await
}

async fn run(
    pool: &PgPool,
    path: &Path,
    source: &str,
    id: RunId,
    started: Instant,
    fetch_ms: Option<u64>,
) -> anyhow::Result<RunReport> {
    let run_id = id.get();
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
            let mut report = RunReport::new(run_id, RunStatus::Failed, Some(reason));
            report.step_ms.validate = validate_ms;
            close(pool, id, &report, fetch_ms).await?;
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
        close(pool, id, &report, fetch_ms).await?;
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
    runs::close_abandoned(&mut *tx, RunJob::Etl, id).await?;

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
        close(pool, id, &report, fetch_ms).await?;
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

    // The run's success commits with the data: there is no moment where one exists without
    // the other.
    sqlx::query!(
        "UPDATE raw.files SET ingest_finished_at = now() WHERE id = $1",
        file_id
    )
    .execute(&mut *tx)
    .await?;
    let figures = report.figures(fetch_ms);
    runs::finish(&mut *tx, id, &Outcome::succeeded(Figures::Etl(&figures))).await?;
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
