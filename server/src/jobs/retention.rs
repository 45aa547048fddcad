//! The retention job: prunes the raw-file archive (`ARCHIVE_KEEP_DAYS`, `ARCHIVE_MAX_MB`) and old bookkeeping
//! rows (`RETENTION_AUDIT_KEEP_DAYS`), and records what it deleted as an `audit.runs` row (job
//! `retention`, counts per kind).
//!
//! Kept on purpose: lot history (`audit.lot_events`, the VIN pages show it) and every ingested
//! file's registration (`raw.files`: events cascade from it); the newest succeeded run of each
//! job (the cache's dataset version and `/health` read it); runs still `running`.

use anyhow::Context;
use chrono::{Datelike, TimeDelta, Utc};
use serde::Serialize;
use sqlx::PgPool;

use super::{Job, JobSummary, JobsConfig, ScheduleSetting, Trigger};
use crate::archive::Archive;
use crate::config::SourceConfig;
use crate::runs::{self, Figures, Outcome, RunJob};

#[derive(Debug, Clone)]
pub struct RetentionPolicy {
    pub archive: Archive,
    pub archive_keep_days: u32,
    pub audit_keep_days: u32,
}

impl RetentionPolicy {
    pub fn from_config(
        cfg: &JobsConfig,
        source: &SourceConfig,
        archive: Archive,
    ) -> RetentionPolicy {
        RetentionPolicy {
            archive,
            archive_keep_days: source.archive_keep_days,
            audit_keep_days: cfg.audit_keep_days,
        }
    }
}

/// What one retention run deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetentionReport {
    pub run_id: i64,
    /// Archived export files removed.
    pub archive_files: u64,
    /// `raw.files` rows whose archived file is gone now: their `archive_key` is cleared.
    pub archive_keys_cleared: u64,
    pub runs: u64,
    pub row_errors: u64,
    pub job_slots: u64,
    /// Registrations of files that were never ingested (their staging rows go with them).
    pub raw_files: u64,
    /// Staging rows of files already ingested (normally none: each run truncates staging).
    pub staging_rows: u64,
}

pub fn retention_job(schedule: &ScheduleSetting, pool: PgPool, policy: RetentionPolicy) -> Job {
    Job::new("retention", Trigger::from(schedule), move |_ctx| {
        let (pool, policy) = (pool.clone(), policy.clone());
        async move {
            let report = run_retention(&pool, &policy).await?;
            Ok(JobSummary::succeeded(
                Some(report.run_id),
                serde_json::to_value(report)?,
            ))
        }
    })
    .records_runs_as("retention")
}

/// One retention pass; the run row ends `failed` with the cause if any step fails.
pub async fn run_retention(
    pool: &PgPool,
    policy: &RetentionPolicy,
) -> anyhow::Result<RetentionReport> {
    let run = runs::start(pool, RunJob::Retention).await?;
    let result = prune(pool, policy, run.get()).await;
    let error;
    let outcome = match &result {
        Ok(report) => Outcome::succeeded(Figures::Retention(report)),
        Err(e) => {
            error = format!("{e:#}");
            Outcome::failed(&error)
        }
    };
    runs::finish(pool, run, &outcome)
        .await
        .context("closing the retention run")?;
    result
}

async fn prune(
    pool: &PgPool,
    policy: &RetentionPolicy,
    run_id: i64,
) -> anyhow::Result<RetentionReport> {
    let mut report = RetentionReport {
        run_id,
        ..RetentionReport::default()
    };
    let now = Utc::now();
    // Files first: a key is cleared only once its file is really gone.
    let pruned = policy
        .archive
        .prune(now)
        .await
        .context("pruning the archive")?;
    report.archive_files = pruned.removed.len() as u64;
    let day = (now - TimeDelta::days(i64::from(policy.archive_keep_days))).date_naive();
    // Every key of a pruned day sorts before the first key of the cutoff day; keys removed for
    // the size budget are named.
    let first_kept_key = format!(
        "raw/copart/{:04}/{:02}/{:02}/",
        day.year(),
        day.month(),
        day.day()
    );
    let keep_days = i32::try_from(policy.audit_keep_days).unwrap_or(i32::MAX);

    let mut tx = pool
        .begin()
        .await
        .context("starting the retention transaction")?;
    report.archive_keys_cleared = sqlx::query!(
        "UPDATE raw.files SET archive_key = NULL
         WHERE archive_key = ANY($2)
            OR (archive_key LIKE 'raw/copart/%' AND archive_key < $1)",
        first_kept_key,
        &pruned.removed
    )
    .execute(&mut *tx)
    .await
    .context("clearing keys of pruned files")?
    .rows_affected();
    report.row_errors = sqlx::query!(
        r#"DELETE FROM audit.row_errors e USING audit.runs r
           WHERE e.run_id = r.id AND r.started_at < now() - make_interval(days => $1)
             AND r.status <> 'running'
             AND r.id NOT IN (SELECT max(id) FROM audit.runs WHERE status = 'succeeded' GROUP BY job)"#,
        keep_days
    )
    .execute(&mut *tx)
    .await
    .context("deleting old row errors")?
    .rows_affected();
    report.runs = sqlx::query!(
        r#"DELETE FROM audit.runs r
           WHERE r.started_at < now() - make_interval(days => $1) AND r.status <> 'running'
             AND r.id NOT IN (SELECT max(id) FROM audit.runs WHERE status = 'succeeded' GROUP BY job)"#,
        keep_days
    )
    .execute(&mut *tx)
    .await
    .context("deleting old runs")?
    .rows_affected();
    report.job_slots = sqlx::query!(
        "DELETE FROM audit.job_slots WHERE claimed_at < now() - make_interval(days => $1) AND outcome <> 'running'",
        keep_days
    )
    .execute(&mut *tx)
    .await
    .context("deleting old slot rows")?
    .rows_affected();
    report.raw_files = sqlx::query!(
        "DELETE FROM raw.files WHERE ingest_finished_at IS NULL AND fetched_at < now() - make_interval(days => $1)",
        keep_days
    )
    .execute(&mut *tx)
    .await
    .context("deleting never-ingested file registrations")?
    .rows_affected();
    report.staging_rows = sqlx::query!(
        r#"DELETE FROM staging.lots s USING raw.files f
           WHERE s.file_id = f.id AND f.ingest_finished_at IS NOT NULL"#
    )
    .execute(&mut *tx)
    .await
    .context("deleting leftover staging rows")?
    .rows_affected();
    tx.commit().await.context("committing the retention")?;
    Ok(report)
}
