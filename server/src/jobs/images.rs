//! The scheduled photo jobs. Two run `images::run` under one lock group:
//! - `images_new`: right after each ETL run that ingested a file, the lots first seen since that
//!   run's slot — new lots get their photos within minutes;
//! - `images_backfill`: on its own schedule (default every 30 min), every lot still needing
//!   photos, newest auctions first.
//!
//! They share the advisory lock ("images"), so they never download side by side and the one
//! rate limit per process stays the limit towards the photo API.
//!
//! The third, `photo_purge`, retries the pending deletions of suppressed VINs' photos
//! (`images::purge`) on its own schedule (default every 5 min), apart from the downloads: a
//! removal must not wait for a long backfill, nor depend on photo fetching being switched on.

use sqlx::PgPool;

use super::{Job, JobSummary, ScheduleSetting, SlotOutcome, Trigger};
use crate::images::{self, ImagesConfig, Selection};
use crate::storage::Storage;

/// The photo jobs when the ETL job is registered (a real export is configured): the backfill on
/// `backfill` (or `off`), and — with `after_etl` — the run for new lots after each ETL run.
/// Without a real export there are no real photos to fetch: a demo's lots are made up, and
/// asking Copart's photo API for them every 30 minutes would be noise at best.
pub fn images_jobs(
    backfill: &ScheduleSetting,
    (etl_registered, after_etl): (bool, bool),
    pool: &PgPool,
    storage: &Storage,
    cfg: &ImagesConfig,
) -> Vec<Job> {
    if !etl_registered {
        if backfill.schedule().is_some() {
            tracing::info!("photo jobs not scheduled: COPART_CSV_URL is not set");
        }
        return Vec::new();
    }
    cfg.warn_if_development();
    let new_lots = {
        let (pool, storage, cfg) = (pool.clone(), storage.clone(), cfg.clone());
        Job::new("images_new", Trigger::After("etl"), move |ctx| {
            let (pool, storage) = (pool.clone(), storage.clone());
            // The ETL run of this slot started at or after the slot instant, so its new lots'
            // `first_seen_at` is not earlier.
            let opts = cfg.options(Selection::SeenSince(ctx.slot()));
            async move { run(&pool, &storage, &opts).await }
        })
    };
    let backfill = {
        let (pool, storage, cfg) = (pool.clone(), storage.clone(), cfg.clone());
        Job::new("images_backfill", Trigger::from(backfill), move |_ctx| {
            let (pool, storage) = (pool.clone(), storage.clone());
            let opts = cfg.options(Selection::All);
            async move { run(&pool, &storage, &opts).await }
        })
    };
    [after_etl.then_some(new_lots), Some(backfill)]
        .into_iter()
        .flatten()
        .map(|job| job.lock_group("images").records_runs_as("images"))
        .collect()
}

/// One run, its report mapped onto the slot. Storage that kept failing is an `Ok` report with
/// status failed (like a rejected export), so the slot says failed with the run's reason.
async fn run(
    pool: &PgPool,
    storage: &Storage,
    opts: &images::ImagesOptions,
) -> anyhow::Result<JobSummary> {
    let report = images::run(pool, storage, opts).await?;
    Ok(JobSummary {
        outcome: report.status.into(),
        run_id: Some(report.run_id),
        counts: serde_json::to_value(report.counts)?,
        note: report.error.clone(),
    })
}

/// The retry of what a removal leaves to do after its commit: pending photo purges (see the
/// module doc), then the suppression events not yet in the journal (`suppress::journal`, in
/// the archive store `journal`). The slot is `failed` while either keeps failing (the reason in
/// the note), so the ledger shows a store that is down.
pub fn photo_purge_job(
    schedule: &ScheduleSetting,
    pool: &PgPool,
    storage: &Storage,
    journal: &Storage,
) -> Job {
    let (pool, storage, journal) = (pool.clone(), storage.clone(), journal.clone());
    Job::new("photo_purge", Trigger::from(schedule), move |_ctx| {
        let (pool, storage, journal) = (pool.clone(), storage.clone(), journal.clone());
        async move {
            let run = images::purge::run_due(&pool, &storage, false).await?;
            let journaled = crate::suppress::journal::flush(&pool, &journal).await;
            let mut counts = serde_json::to_value(&run)?;
            counts["journaled"] = serde_json::json!(journaled.as_ref().map(|f| f.written).ok());
            let mut note = run.first_error.clone();
            if let Err(e) = &journaled {
                note = Some(format!("suppression journal: {e:#}"));
            }
            Ok(JobSummary {
                outcome: if run.failed > 0 || journaled.is_err() {
                    SlotOutcome::Failed
                } else {
                    SlotOutcome::Succeeded
                },
                run_id: None,
                counts,
                note,
            })
        }
    })
}
