//! Scheduled jobs inside `serve` (tokio-cron-scheduler): once per slot across replicas, each
//! slot recorded, failures contained, graceful shutdown.
//!
//! A job is a name, a trigger and an async closure ([`Job`]); `serve` builds the list
//! ([`standard_jobs`]) and hands it to [`Scheduler::start`]. Every firing goes through the same
//! steps ([`runner`]):
//! 1. compute the slot (the cron occurrence that fired, see [`schedule`]);
//! 2. claim `(job, slot)` in `audit.job_slots` with `INSERT … ON CONFLICT DO NOTHING` — the
//!    replica whose insert made the row runs the slot, the others do nothing. This is what makes
//!    it *once per slot*: the advisory lock alone would let replica B run the slot again after A
//!    finished and unlocked;
//! 3. take the job's session advisory lock (try-lock): held means the previous slot's run is
//!    still going somewhere, and this slot is recorded `skipped`;
//! 4. run the closure in its own task (a panic or error is recorded, the other jobs and the web
//!    server go on), then record outcome, counts, run id and error on the slot row;
//! 5. fire the jobs triggered [`Trigger::After`] this one, with the same slot, when it succeeded.
//!
//! The photo jobs (`images`) show how a job is added: a closure returning a [`JobSummary`],
//! a trigger, and a lock group when two jobs must not overlap.

mod config;
mod etl;
mod images;
mod retention;
mod runner;
pub mod schedule;
mod scheduler;
pub mod slots;

pub use config::JobsConfig;
pub use etl::etl_job;
pub use images::{images_jobs, photo_purge_job};
pub use retention::{RetentionPolicy, RetentionReport, retention_job, run_retention};
pub use runner::JobContext;
pub use schedule::{Schedule, ScheduleSetting};
pub use scheduler::Scheduler;
pub use slots::SlotOutcome;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// When a job fires.
#[derive(Debug, Clone)]
pub enum Trigger {
    /// At every occurrence of a cron schedule.
    Cron(Schedule),
    /// Right after each succeeded run of the named job, for the same slot.
    After(&'static str),
    /// Never (disabled by configuration).
    Off,
}

impl From<&ScheduleSetting> for Trigger {
    fn from(s: &ScheduleSetting) -> Self {
        match s {
            ScheduleSetting::Off => Trigger::Off,
            ScheduleSetting::Cron(c) => Trigger::Cron(c.clone()),
        }
    }
}

/// What a job reports back to the scheduler.
#[derive(Debug, Clone)]
pub struct JobSummary {
    /// `Succeeded`, `Skipped` (nothing to do) or `Failed` (the job's own verdict, e.g. a
    /// rejected export); an `Err` from the closure is recorded as failed too.
    pub outcome: SlotOutcome,
    /// The job's own `audit.runs` row, when it writes one.
    pub run_id: Option<i64>,
    /// Counts for the slot row (a JSON object).
    pub counts: serde_json::Value,
    /// Why it was skipped or failed.
    pub note: Option<String>,
}

impl JobSummary {
    pub fn succeeded(run_id: Option<i64>, counts: serde_json::Value) -> JobSummary {
        JobSummary {
            outcome: SlotOutcome::Succeeded,
            run_id,
            counts,
            note: None,
        }
    }
}

pub type JobFuture = Pin<Box<dyn Future<Output = anyhow::Result<JobSummary>> + Send>>;
pub type JobFn = Arc<dyn Fn(JobContext) -> JobFuture + Send + Sync>;

/// A named job: its trigger, its lock group and its work.
#[derive(Clone)]
pub struct Job {
    pub name: &'static str,
    pub trigger: Trigger,
    /// Jobs sharing a lock group never run at the same time (default: the job's name).
    pub lock: &'static str,
    /// The `audit.runs.job` value the work writes, if any.
    pub audit_job: Option<&'static str>,
    pub work: JobFn,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("name", &self.name)
            .field("trigger", &self.trigger)
            .field("lock", &self.lock)
            .finish_non_exhaustive()
    }
}

impl Job {
    pub fn new<F, Fut>(name: &'static str, trigger: Trigger, work: F) -> Job
    where
        F: Fn(JobContext) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<JobSummary>> + Send + 'static,
    {
        Job {
            name,
            trigger,
            lock: name,
            audit_job: None,
            work: Arc::new(move |ctx| Box::pin(work(ctx))),
        }
    }

    pub fn lock_group(mut self, lock: &'static str) -> Job {
        self.lock = lock;
        self
    }

    pub fn records_runs_as(mut self, audit_job: &'static str) -> Job {
        self.audit_job = Some(audit_job);
        self
    }
}

/// The jobs `serve` runs: ETL and the photo fetching jobs (when a Copart URL is configured), the
/// retry of photo purges and retention.
pub fn standard_jobs(
    cfg: &JobsConfig,
    pool: &sqlx::PgPool,
    source: &crate::config::SourceConfig,
    storage: &crate::storage::Storage,
    images: &crate::images::ImagesConfig,
    archive: &crate::archive::Archive,
) -> Vec<Job> {
    let mut jobs = Vec::new();
    if source.csv_url.expose().trim().is_empty() {
        if cfg.etl_schedule.schedule().is_some() {
            tracing::info!("ETL job not scheduled: COPART_CSV_URL is not set");
        }
    } else {
        jobs.push(etl_job(&cfg.etl_schedule, pool.clone(), source, archive));
    }
    // The photo jobs exist only when the ETL job does (see `images_jobs`).
    let etl_registered = jobs.iter().any(|j| j.name == "etl");
    jobs.extend(images_jobs(
        &cfg.images_backfill_schedule,
        (etl_registered, cfg.images_after_etl),
        pool,
        storage,
        images,
    ));
    jobs.push(photo_purge_job(
        &cfg.photo_purge_schedule,
        pool,
        storage,
        archive.storage(),
    ));
    jobs.push(retention_job(
        &cfg.retention_schedule,
        pool.clone(),
        RetentionPolicy::from_config(cfg, source, archive.clone()),
    ));
    jobs
}
