//! The scheduled ETL job: `etl run` (fetch → ingest → events/outcomes → archive) once per slot.
//!
//! The pipeline writes its own `audit.runs` row (job `etl`, lot events and outcomes included, as
//! for every ETL run); this job feeds `/metrics` and maps the run's status onto the slot: a 304
//! or an already-ingested file is `skipped`, a rejected export `failed` with its reason.

use std::sync::Arc;

use sqlx::PgPool;

use super::{Job, JobSummary, ScheduleSetting, Trigger};
use crate::config::SourceConfig;
use crate::etl::pipeline::{Pipeline, run_once};
use crate::metrics;

pub fn etl_job(
    schedule: &ScheduleSetting,
    pool: PgPool,
    source: &SourceConfig,
    archive: &crate::archive::Archive,
) -> Job {
    let pipeline = Arc::new(Pipeline::from_source(source, archive.clone()));
    let client = reqwest::Client::new();
    Job::new("etl", Trigger::from(schedule), move |_ctx| {
        let (pool, client, pipeline) = (pool.clone(), client.clone(), Arc::clone(&pipeline));
        async move { run(&pool, &client, &pipeline).await }
    })
    .records_runs_as("etl")
}

async fn run(pool: &PgPool, client: &reqwest::Client, p: &Pipeline) -> anyhow::Result<JobSummary> {
    let report = run_once(pool, client, p).await?;
    metrics::etl_run(&report);
    Ok(JobSummary {
        outcome: report.status.into(),
        run_id: Some(report.run_id),
        counts: serde_json::json!({
            "rows_valid": report.rows_valid,
            "rows_invalid": report.rows_invalid,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }),
        note: report.reason,
    })
}
