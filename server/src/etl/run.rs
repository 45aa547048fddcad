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
//! A demo load ([`ingest_demo_file`]) is the same run recorded as job `demo`, and the lots it
//! adds are recorded in `demo_lots` in the same transaction: there is no moment at which they
//! exist unmarked (the photo job would take them for Copart's).
//!
//! One run at a time, across replicas: the transaction takes a transaction-scoped advisory lock
//! (`pg_try_advisory_xact_lock`). Unlike a session lock it cannot outlive the run on a pooled
//! connection: commit, rollback or a dropped connection all release it.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use sqlx::PgPool;

use super::steps::{self, ms, timed};
use super::validate::FileCheck;
use super::{RunReport, StepMs};
use crate::config::EtlLimits;
use crate::runs::{self, EtlFigures, Figures, Outcome, RunId, RunJob, RunStatus};

/// Validates and ingests the export at `path` (`source` is recorded in `raw.files`, e.g.
/// `copart` or `file:<name>`). A rejected, duplicate or locked-out file is an `Ok` report with
/// status `Failed`/`Skipped`; `Err` means the run itself broke (it is then recorded as failed).
pub async fn ingest_file(pool: &PgPool, path: &Path, source: &str) -> anyhow::Result<RunReport> {
    ingest_file_with(pool, path, source, &EtlLimits::default()).await
}

/// [`ingest_file`] under the given caps (file size, record size, invalid rows).
pub async fn ingest_file_with(
    pool: &PgPool,
    path: &Path,
    source: &str,
    limits: &EtlLimits,
) -> anyhow::Result<RunReport> {
    ingest_as(pool, (path, limits), source, None, Origin::Export).await
}

/// [`ingest_file`] for a generated demo export: the run is job `demo` and the lots it adds are
/// demo lots (`demo_lots`).
pub async fn ingest_demo_file(
    pool: &PgPool,
    path: &Path,
    source: &str,
) -> anyhow::Result<RunReport> {
    let limits = EtlLimits::default();
    ingest_as(pool, (path, &limits), source, None, Origin::Demo).await
}

/// Where a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Copart's export (downloaded, or a file given to `etl ingest`).
    Export,
    /// Generated demo data.
    Demo,
}

impl Origin {
    const fn job(self) -> RunJob {
        match self {
            Origin::Export => RunJob::Etl,
            Origin::Demo => RunJob::Demo,
        }
    }
}

/// [`ingest_file_with`] for a file the run downloaded first: `fetch_ms`, the download's time,
/// goes into the same run row.
pub(crate) async fn ingest_download(
    pool: &PgPool,
    (path, limits): (&Path, &EtlLimits),
    source: &str,
    fetch_ms: Option<u64>,
) -> anyhow::Result<RunReport> {
    ingest_as(pool, (path, limits), source, fetch_ms, Origin::Export).await
}

async fn ingest_as(
    pool: &PgPool,
    (path, limits): (&Path, &EtlLimits),
    source: &str,
    fetch_ms: Option<u64>,
    origin: Origin,
) -> anyhow::Result<RunReport> {
    let started = Instant::now();
    let id = runs::start(pool, origin.job()).await?;
    let run = Run {
        pool,
        path,
        limits,
        source,
        origin,
        id,
        started,
        fetch_ms,
    };
    match run.steps().await {
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

/// One run in progress.
struct Run<'a> {
    pool: &'a PgPool,
    path: &'a Path,
    limits: &'a EtlLimits,
    source: &'a str,
    origin: Origin,
    id: RunId,
    started: Instant,
    fetch_ms: Option<u64>,
}

impl Run<'_> {
    /// The run, step by step (each in `steps`).
    async fn steps(&self) -> anyhow::Result<RunReport> {
        let check = match steps::validate(self.path, self.limits).await? {
            Ok(check) => check,
            Err(reason) => return self.rejected(reason.to_string()).await,
        };
        let mut step_ms = StepMs {
            validate: ms(self.started),
            ..StepMs::default()
        };
        tracing::info!(
            run_id = self.id.get(),
            bytes = check.bytes,
            rows = check.records,
            "file valid"
        );
        let mut tx = self
            .pool
            .begin()
            .await
            .context("starting the transaction")?;
        if !steps::lock(&mut tx, (self.id, self.origin.job())).await? {
            tx.rollback().await.ok();
            return self
                .skipped(
                    &check,
                    step_ms.validate,
                    "another ETL run is in progress",
                    None,
                )
                .await;
        }
        let Some(file_id) = steps::register_file(&mut tx, &check, self.source).await? else {
            tx.rollback().await.ok();
            let existing = steps::registered_file(self.pool, &check).await?;
            tracing::info!(
                run_id = self.id.get(),
                "same file already ingested; skipped"
            );
            return self
                .skipped(
                    &check,
                    step_ms.validate,
                    "same file already ingested",
                    existing,
                )
                .await;
        };
        let parsed = timed(
            &mut step_ms.parse_copy,
            steps::parse_copy(&mut tx, (self.path, self.limits), self.id, file_id, &check),
        )
        .await?;
        let parsed = match parsed {
            Ok(parsed) => parsed,
            // Too many invalid rows: everything sent so far rolls back with the file's
            // registration; only the run's row says why.
            Err(reason) => {
                tx.rollback()
                    .await
                    .context("rolling back a rejected file")?;
                return self.rejected(reason.to_string()).await;
            }
        };
        let mut events = timed(&mut step_ms.events, steps::record_events(&mut tx, file_id)).await?;
        let export = self.origin == Origin::Export;
        let up = timed(
            &mut step_ms.upsert,
            steps::upsert(&mut tx, file_id, &parsed, export),
        )
        .await?;
        if !export {
            steps::mark_demo_lots(&mut tx, self.id, &parsed.lot_set).await?;
        }
        timed(
            &mut step_ms.outcomes,
            steps::outcomes(&mut tx, file_id, &parsed, &mut events),
        )
        .await?;
        steps::fill_rates(&mut tx, file_id, &parsed).await?;
        let backfilled = steps::backfill(&mut tx).await?;
        steps::facets(&mut tx, &up, backfilled).await?;
        timed(&mut step_ms.prune, steps::prune(&mut tx)).await?;

        let mut report = RunReport::ingested(self.id.get(), &check, file_id, &parsed, &up, events);
        report.step_ms = step_ms;
        steps::commit(tx, self.id, &report, self.fetch_ms).await?;
        report.total_ms = ms(self.started);
        tracing::info!(
            run_id = report.run_id,
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

    /// The file failed validation: the run fails with the reason, nothing else is written.
    async fn rejected(&self, reason: String) -> anyhow::Result<RunReport> {
        tracing::warn!(run_id = self.id.get(), reason, "file rejected");
        let mut report = RunReport::new(self.id.get(), RunStatus::Failed, Some(reason));
        report.step_ms.validate = ms(self.started);
        self.close(report).await
    }

    /// Another run holds the lock, or the file was ingested before (`file_id`: that file).
    async fn skipped(
        &self,
        check: &FileCheck,
        validate_ms: u64,
        reason: &str,
        file_id: Option<i64>,
    ) -> anyhow::Result<RunReport> {
        let mut report = RunReport::new(self.id.get(), RunStatus::Skipped, Some(reason.to_owned()));
        report.bytes = check.bytes;
        report.file_id = file_id;
        report.step_ms.validate = validate_ms;
        self.close(report).await
    }

    /// Closes the row of a run that ingested nothing.
    async fn close(&self, mut report: RunReport) -> anyhow::Result<RunReport> {
        let figures = report.figures(self.fetch_ms);
        let outcome = Outcome {
            status: report.status,
            error: report.reason.as_deref(),
            figures: Figures::Etl(&figures),
        };
        runs::finish(self.pool, self.id, &outcome).await?;
        report.total_ms = ms(self.started);
        Ok(report)
    }
}
