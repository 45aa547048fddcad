//! `etl run`: fetch → validate + ingest + upsert + events/outcomes → archive, once.
//!
//! The download sends back the validators of the last good export, so an unchanged export is a
//! cheap 304, recorded as a skipped run. A failed download is a failed run with its reason;
//! nothing else is written and the last good data stays live. Only files that were ingested
//! successfully are archived; rejected or duplicate downloads are deleted.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use chrono::Utc;
use sqlx::PgPool;

use super::RunReport;
use super::run::ingest_download;
use crate::archive::Archive;
use crate::config::EtlLimits;
use crate::fetch::{FetchConfig, FetchOutcome, Validators, fetch};
use crate::http_date::http_date;
use crate::runs::{self, EtlFigures, Figures, Outcome, RunJob, RunStatus};

/// Where the export comes from and where good files go.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub fetch: FetchConfig,
    pub archive: Archive,
    /// Downloads land here first (`ARCHIVE_DIR/incoming`), and are compressed into the archive
    /// from here once ingested.
    pub work_dir: PathBuf,
    /// Free space `work_dir` must have before a download starts (`ETL_MIN_FREE_MB`).
    pub min_free_bytes: u64,
    /// Caps on the file; `fetch.max_bytes` is normally `limits.max_file_bytes()`.
    pub limits: EtlLimits,
}

impl Pipeline {
    /// The pipeline `etl run` and the scheduled ETL job use: 3 download attempts with doubling
    /// backoff from 1 s, downloads staged under `ARCHIVE_DIR/incoming`, good files kept in
    /// `archive` (see `Archive::from_config`).
    pub fn from_source(source: &crate::config::SourceConfig, archive: Archive) -> Pipeline {
        Pipeline {
            fetch: FetchConfig {
                url: source.csv_url.expose().to_owned(),
                cookie: source.cookie.as_ref().map(|c| c.expose().to_owned()),
                user_agent: source.user_agent.clone(),
                referer: Some(source.referer.clone()),
                timeout: std::time::Duration::from_secs(source.download_timeout_secs),
                attempts: 3,
                backoff: std::time::Duration::from_secs(1),
                max_bytes: source.limits.max_file_bytes(),
            },
            archive,
            work_dir: source.archive_dir.join("incoming"),
            min_free_bytes: source.min_free_mb.saturating_mul(1024 * 1024),
            limits: source.limits,
        }
    }
}

/// Runs the whole pipeline once. Like `ingest_file`, an `Ok` report may be skipped or failed.
pub async fn run_once(
    pool: &PgPool,
    client: &reqwest::Client,
    p: &Pipeline,
) -> anyhow::Result<RunReport> {
    tokio::fs::create_dir_all(&p.work_dir)
        .await
        .with_context(|| format!("creating {}", p.work_dir.display()))?;
    // A download that fills the disk would stop the database on the same disk: refuse first.
    if let Some(free) = free_bytes(&p.work_dir)
        && free < p.min_free_bytes
    {
        let reason = format!(
            "not enough free space to download: {} MiB free in {}, ETL_MIN_FREE_MB is {}",
            free / (1024 * 1024),
            p.work_dir.display(),
            p.min_free_bytes / (1024 * 1024)
        );
        tracing::error!(reason, "export not downloaded");
        return record_without_file(pool, RunStatus::Failed, &reason, 0).await;
    }
    let validators = last_validators(pool).await?;
    let started = Instant::now();
    let outcome = fetch(client, &p.fetch, &validators, &p.work_dir).await;
    let fetch_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let download = match outcome {
        Ok(FetchOutcome::Downloaded(d)) => d,
        Ok(FetchOutcome::NotModified) => {
            return record_without_file(
                pool,
                RunStatus::Skipped,
                "export not modified (HTTP 304)",
                fetch_ms,
            )
            .await;
        }
        Err(e) => {
            tracing::warn!(error = %e, "export download failed");
            return record_without_file(
                pool,
                RunStatus::Failed,
                &format!("download failed: {e}"),
                fetch_ms,
            )
            .await;
        }
    };
    tracing::info!(
        bytes = download.bytes,
        attempts = download.attempts,
        fetch_ms,
        "export downloaded"
    );

    // The fetch is part of the run: its time goes into the same row.
    let report = ingest_download(pool, (&download.path, &p.limits), "copart", Some(fetch_ms)).await;
    let keep = matches!(&report, Ok(r) if r.status == RunStatus::Succeeded);
    if !keep {
        let _ = tokio::fs::remove_file(&download.path).await;
    }
    let mut report = report?;
    if keep && let Some(file_id) = report.file_id {
        let key = p
            .archive
            .store(&download.path, Utc::now())
            .await
            .context("archiving the export")?;
        sqlx::query!(
            "UPDATE raw.files SET etag = $2, last_modified = $3, archive_key = $4 WHERE id = $1",
            file_id,
            download.validators.etag,
            download.last_modified,
            key
        )
        .execute(pool)
        .await?;
        match p.archive.prune(Utc::now()).await {
            Ok(pruned) if pruned.removed.is_empty() => {}
            Ok(pruned) => tracing::info!(
                removed = pruned.removed.len(),
                kept = pruned.kept,
                kept_bytes = pruned.kept_bytes,
                "pruned old archived exports"
            ),
            Err(e) => tracing::warn!(error = format!("{e:#}"), "could not prune the archive"),
        }
    }
    report.total_ms += fetch_ms;
    Ok(report)
}

/// Validators of the newest successfully ingested Copart export.
async fn last_validators(pool: &PgPool) -> anyhow::Result<Validators> {
    let row = sqlx::query!(
        r#"SELECT etag, last_modified FROM raw.files
           WHERE source = 'copart' AND ingest_finished_at IS NOT NULL
             AND (etag IS NOT NULL OR last_modified IS NOT NULL)
           ORDER BY id DESC LIMIT 1"#
    )
    .fetch_optional(pool)
    .await
    .context("reading the last export's validators")?;
    Ok(row.map_or_else(Validators::default, |r| Validators {
        etag: r.etag,
        last_modified: r.last_modified.map(http_date),
    }))
}

/// A run that ended with the download (an unchanged export, a failed fetch): one row.
async fn record_without_file(
    pool: &PgPool,
    status: RunStatus,
    reason: &str,
    fetch_ms: u64,
) -> anyhow::Result<RunReport> {
    let figures = EtlFigures {
        fetch_ms: Some(fetch_ms),
        ..EtlFigures::default()
    };
    let outcome = Outcome {
        status,
        error: Some(reason),
        figures: Figures::Etl(&figures),
    };
    let run_id = runs::record(pool, RunJob::Etl, &outcome).await?;
    let mut report = RunReport::new(run_id.get(), status, Some(reason.to_owned()));
    report.total_ms = fetch_ms;
    Ok(report)
}

/// Bytes available to this process on the filesystem of `dir` (`None` when it cannot be read:
/// then the download goes ahead and the size cap still bounds it).
fn free_bytes(dir: &std::path::Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(dir)
        .inspect_err(|e| tracing::warn!(dir = %dir.display(), error = %e, "free space unknown"))
        .ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}
