//! The run ledger: the only code that inserts into or updates `audit.runs`.
//!
//! A job opens its row with [`start`] (status `running`, in a statement of its own, so the row
//! survives whatever the job does next) and closes it once with [`finish`], whose [`Outcome`]
//! carries the status, the error and the job's figures. A run that ends before it begins its work
//! (an unchanged export, a failed download) is written whole by [`record`]. Rows nobody will
//! close any more — their process died, or the scheduler cancelled the work at shutdown — are
//! closed by [`close_abandoned`] and [`close_cancelled`].
//!
//! Where the figures go ([`Figures`]): an ETL run fills the file columns (`file_id`, `bytes`,
//! `rows_*`, `inserted`, `updated`, `unchanged`), `step_ms`, and its lot events and inferred
//! outcomes under `counts.events` (summed by `/health`), whoever started it — the scheduler,
//! `etl run`, `etl ingest` or `demo`. Every other job keeps its figures in `counts`, so the file
//! columns mean one thing (a migration moved older images rows there too).
//!
//! Reading stays with the readers (`/health`, the cache's dataset version, sitemaps, the photo
//! job's `--since-run`); deleting old rows with retention.

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::{PgExecutor, PgPool};

use crate::etl::StepMs;
use crate::etl::events::EventCounts;
use crate::images::ImagesReport;
use crate::jobs::RetentionReport;

/// The id of an `audit.runs` row, only ever made by this module (from a row it wrote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RunId(i64);

impl RunId {
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl std::fmt::Display for RunId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Which job a run belongs to (`audit.runs.job`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunJob {
    Etl,
    /// A demo load: an ETL run over generated data (`vinops-dev demo`).
    Demo,
    Images,
    Retention,
    /// The removal of every demo lot (`vinops-dev demo purge`): a new dataset version.
    DemoPurge,
}

impl RunJob {
    pub const fn as_str(self) -> &'static str {
        match self {
            RunJob::Etl => "etl",
            RunJob::Demo => "demo",
            RunJob::Images => "images",
            RunJob::Retention => "retention",
            RunJob::DemoPurge => "demo_purge",
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Succeeded,
    /// Nothing to do: the same file was ingested before, or another run holds the lock.
    Skipped,
    /// The file was rejected, or the job failed (the error says why).
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

/// How a run ended and what it did.
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    pub status: RunStatus,
    /// Why it was skipped or failed.
    pub error: Option<&'a str>,
    pub figures: Figures<'a>,
}

impl<'a> Outcome<'a> {
    pub fn succeeded(figures: Figures<'a>) -> Outcome<'a> {
        Outcome {
            status: RunStatus::Succeeded,
            error: None,
            figures,
        }
    }

    /// A run that broke before it had figures worth keeping.
    pub fn failed(error: &'a str) -> Outcome<'a> {
        Outcome {
            status: RunStatus::Failed,
            error: Some(error),
            figures: Figures::None,
        }
    }
}

/// A job's figures, each kind stored in its own place (module doc).
#[derive(Debug, Clone)]
pub enum Figures<'a> {
    None,
    Etl(&'a EtlFigures),
    Images(&'a ImagesReport),
    Retention(&'a RetentionReport),
    DemoPurge(&'a DemoPurgeCounts),
}

/// What a demo purge deleted (`counts`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DemoPurgeCounts {
    pub lots: u64,
    pub vehicles: u64,
    pub files: u64,
    pub objects: u64,
}

/// What an ETL run leaves in its row. What the run did not reach stays NULL (or out of the
/// JSON): a rejected file has no size, a skipped one no rows, a run without a download no
/// `fetch` time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EtlFigures {
    pub file_id: Option<i64>,
    pub bytes: Option<u64>,
    pub rows: Option<EtlRows>,
    /// Milliseconds per ingest step.
    pub steps: Option<StepMs>,
    /// Milliseconds the download took, when the run fetched the export itself.
    pub fetch_ms: Option<u64>,
    /// Lot events recorded and outcomes inferred (`counts.events`).
    pub events: Option<EventCounts>,
}

/// The rows of an ingested file (see `RunReport` for what each means).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EtlRows {
    pub total: u64,
    pub valid: u64,
    pub invalid: u64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
}

/// An images run's `counts`: lots picked, how each ended, photos, bytes, requests.
#[derive(Serialize)]
struct ImagesCounts<'a> {
    lots: u64,
    #[serde(flatten)]
    counts: &'a crate::images::CountSnapshot,
    requests: u64,
}

/// The row's values for one outcome, in the columns' types.
#[derive(Default)]
struct Columns {
    file_id: Option<i64>,
    bytes: Option<i64>,
    rows_total: Option<i32>,
    rows_valid: Option<i32>,
    rows_invalid: Option<i32>,
    inserted: Option<i32>,
    updated: Option<i32>,
    unchanged: Option<i32>,
    step_ms: Value,
    counts: Value,
}

fn int(n: impl TryInto<i32>) -> Option<i32> {
    n.try_into().ok()
}

fn big(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Figures<'_> {
    fn columns(&self) -> anyhow::Result<Columns> {
        let mut c = Columns {
            step_ms: json!({}),
            counts: json!({}),
            ..Columns::default()
        };
        match self {
            Figures::None => {}
            Figures::Etl(f) => {
                c.file_id = f.file_id;
                c.bytes = f.bytes.map(big);
                if let Some(r) = f.rows {
                    c.rows_total = int(r.total);
                    c.rows_valid = int(r.valid);
                    c.rows_invalid = int(r.invalid);
                    c.inserted = int(r.inserted);
                    c.updated = int(r.updated);
                    c.unchanged = int(r.unchanged);
                }
                if let Some(steps) = f.steps {
                    c.step_ms = serde_json::to_value(steps)?;
                }
                if let (Some(ms), Some(steps)) = (f.fetch_ms, c.step_ms.as_object_mut()) {
                    steps.insert("fetch".into(), json!(ms));
                }
                if let Some(events) = f.events {
                    c.counts = json!({ "events": events });
                }
            }
            Figures::Images(r) => {
                c.step_ms = json!({ "total": r.elapsed_ms });
                c.counts = serde_json::to_value(ImagesCounts {
                    lots: r.lots,
                    counts: &r.counts,
                    requests: r.requests,
                })?;
            }
            Figures::Retention(r) => c.counts = serde_json::to_value(r)?,
            Figures::DemoPurge(r) => c.counts = serde_json::to_value(r)?,
        }
        Ok(c)
    }
}

/// Opens a run: its row, `running` from now.
pub async fn start(pool: &PgPool, job: RunJob) -> anyhow::Result<RunId> {
    let id = sqlx::query_scalar!(
        "INSERT INTO audit.runs (job) VALUES ($1) RETURNING id",
        job.as_str()
    )
    .fetch_one(pool)
    .await
    .with_context(|| format!("recording the {} run", job.as_str()))?;
    Ok(RunId(id))
}

/// Closes a running run with its outcome, on `conn`: inside a transaction the outcome commits
/// (or rolls back) with the work. Fails when the row is not running any more (closed twice, or
/// closed as abandoned), rather than overwriting how it ended.
pub async fn finish(
    conn: impl PgExecutor<'_>,
    id: RunId,
    outcome: &Outcome<'_>,
) -> anyhow::Result<()> {
    let c = outcome.figures.columns()?;
    let done = sqlx::query!(
        r#"UPDATE audit.runs
           SET status = $2, finished_at = greatest(now(), started_at), error = $3, file_id = $4,
               bytes = $5, rows_total = $6, rows_valid = $7, rows_invalid = $8, inserted = $9,
               updated = $10, unchanged = $11, step_ms = $12, counts = $13
           WHERE id = $1 AND status = 'running'"#,
        id.0,
        outcome.status.as_db_str(),
        outcome.error,
        c.file_id,
        c.bytes,
        c.rows_total,
        c.rows_valid,
        c.rows_invalid,
        c.inserted,
        c.updated,
        c.unchanged,
        c.step_ms,
        c.counts,
    )
    .execute(conn)
    .await
    .with_context(|| format!("closing run {id}"))?;
    anyhow::ensure!(
        done.rows_affected() == 1,
        "run {id} is not running any more"
    );
    Ok(())
}

/// Writes a run that ended before it began its work, whole, in one statement; on `conn`, so a
/// run whose work is one transaction can be recorded in it.
pub async fn record(
    conn: impl PgExecutor<'_>,
    job: RunJob,
    outcome: &Outcome<'_>,
) -> anyhow::Result<RunId> {
    let c = outcome.figures.columns()?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO audit.runs (job, status, finished_at, error, file_id, bytes, rows_total,
                                   rows_valid, rows_invalid, inserted, updated, unchanged,
                                   step_ms, counts)
           VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           RETURNING id"#,
        job.as_str(),
        outcome.status.as_db_str(),
        outcome.error,
        c.file_id,
        c.bytes,
        c.rows_total,
        c.rows_valid,
        c.rows_invalid,
        c.inserted,
        c.updated,
        c.unchanged,
        c.step_ms,
        c.counts,
    )
    .fetch_one(conn)
    .await
    .with_context(|| format!("recording the {} run", job.as_str()))?;
    Ok(RunId(id))
}

/// Closes the `job` runs older than `current` still marked running. Only for a caller that holds
/// the job's lock (the ETL's transaction lock): no other run of the job can be active, so those
/// rows belong to processes that ended before they finished.
pub async fn close_abandoned(
    conn: impl PgExecutor<'_>,
    job: RunJob,
    current: RunId,
) -> anyhow::Result<u64> {
    let done = sqlx::query!(
        "UPDATE audit.runs SET status = 'failed', finished_at = greatest(now(), started_at),
             error = 'abandoned: the process ended before the run finished'
         WHERE job = $1 AND status = 'running' AND id < $2",
        job.as_str(),
        current.0
    )
    .execute(conn)
    .await
    .context("closing abandoned runs")?;
    Ok(done.rows_affected())
}

/// After the scheduler cancelled a job at shutdown: the run rows it left `running` (its
/// transaction rolled back, but the row is written outside it) are closed as failed. `job` is
/// the `audit.runs.job` the cancelled work writes; only rows started since `since` (the slot's
/// claim, under the job's lock) are touched, so a run of another process never is.
pub async fn close_cancelled(
    pool: &PgPool,
    job: &str,
    since: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let done = sqlx::query!(
        r#"UPDATE audit.runs
           SET status = 'failed', finished_at = greatest(now(), started_at),
               error = 'cancelled: the server shut down before the run finished; nothing of it was committed'
           WHERE job = $1 AND status = 'running' AND started_at >= $2"#,
        job,
        since
    )
    .execute(pool)
    .await
    .context("closing the cancelled run rows")?;
    Ok(done.rows_affected())
}
