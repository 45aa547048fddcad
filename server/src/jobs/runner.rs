//! One firing of a job, from claim to record (steps in the module doc of `jobs`), and the
//! shutdown of the firings in flight.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::slots::{self, JobLock, SlotOutcome, SlotRecord};
use super::{Job, Trigger};
use crate::metrics;

/// What a job's closure gets.
#[derive(Debug, Clone)]
pub struct JobContext {
    slot: DateTime<Utc>,
    stop: watch::Receiver<bool>,
}

impl JobContext {
    /// The scheduled instant this run stands for.
    pub fn slot(&self) -> DateTime<Utc> {
        self.slot
    }

    /// True once the server is shutting down: a long job (the image backfill) should stop
    /// between units of work and report what it did. A job that ignores it is cancelled when
    /// the grace period runs out.
    pub fn stopping(&self) -> bool {
        *self.stop.borrow()
    }
}

#[derive(Clone)]
pub(crate) struct Runner(Arc<Inner>);

struct Inner {
    pool: PgPool,
    instance: String,
    jobs: Vec<Job>,
    /// Set when shutdown starts: no new slot is claimed (another replica may take it).
    stop: watch::Sender<bool>,
    /// Set when the grace period is over: running work is cancelled.
    cancel: watch::Sender<bool>,
    tasks: Mutex<JoinSet<()>>,
    /// The last slot each cron job fired for in this process, to notice occurrences it passed.
    last_slot: Mutex<HashMap<&'static str, DateTime<Utc>>>,
}

/// At most this many passed-over occurrences are recorded per firing (a process suspended for
/// hours does not write thousands of rows).
const MISSED_CAP: usize = 32;

/// `host:pid:random`, recorded on each claimed slot.
fn instance_id() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown-host".to_owned());
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("{host}:{}:{}", std::process::id(), &random[..8])
}

impl Runner {
    pub(crate) fn new(pool: PgPool, jobs: Vec<Job>) -> Runner {
        Runner(Arc::new(Inner {
            pool,
            instance: instance_id(),
            jobs,
            stop: watch::Sender::new(false),
            cancel: watch::Sender::new(false),
            tasks: Mutex::new(JoinSet::new()),
            last_slot: Mutex::new(HashMap::new()),
        }))
    }

    pub(crate) fn instance(&self) -> &str {
        &self.0.instance
    }

    /// A cron tick of `name` for `slot`: records the occurrences passed over since this
    /// process's previous tick of the job (if any), then fires the slot.
    pub(crate) fn ticked(
        &self,
        name: &'static str,
        schedule: &super::Schedule,
        slot: DateTime<Utc>,
    ) {
        let previous = self
            .0
            .last_slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name, slot);
        if let Some(previous) = previous.filter(|p| *p < slot) {
            let missed = schedule.between(previous, slot, MISSED_CAP);
            if !missed.is_empty() {
                let runner = self.clone();
                tokio::spawn(async move { runner.record_missed(name, missed).await });
            }
        }
        self.spawn_fire(name, slot);
    }

    async fn record_missed(&self, name: &'static str, missed: Vec<DateTime<Utc>>) {
        for slot in missed {
            match slots::mark_missed(&self.0.pool, name, slot, &self.0.instance).await {
                Ok(true) => {
                    tracing::warn!(job = name, %slot, "slot missed: the scheduler fired too late");
                    metrics::job_run(name, "missed", Duration::ZERO);
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(job = name, %slot, error = format!("{e:#}"), "could not record a missed slot")
                }
            }
        }
    }

    /// Starts a firing of `name` for `slot` in the background (nothing once stopping).
    pub(crate) fn spawn_fire(&self, name: &'static str, slot: DateTime<Utc>) {
        if *self.0.stop.borrow() {
            return;
        }
        let Some(job) = self.0.jobs.iter().find(|j| j.name == name).cloned() else {
            tracing::error!(job = name, "no such job");
            return;
        };
        let runner = self.clone();
        let mut tasks = self.0.tasks.lock().unwrap_or_else(PoisonError::into_inner);
        // Reap finished firings so the set holds only the running ones.
        while tasks.try_join_next().is_some() {}
        tasks.spawn(async move { runner.fire(&job, slot).await });
    }

    async fn fire(&self, job: &Job, slot: DateTime<Utc>) {
        let started = Instant::now();
        if *self.0.stop.borrow() {
            return;
        }
        let claimed_at = match slots::claim(&self.0.pool, job.name, slot, &self.0.instance).await {
            Ok(Some(at)) => at,
            Ok(None) => {
                tracing::debug!(job = job.name, %slot, "slot already claimed by another replica");
                metrics::job_run(job.name, "not_claimed", started.elapsed());
                return;
            }
            Err(e) => {
                // Not claimed, so not ours: a replica that reaches the database may run it.
                tracing::warn!(job = job.name, %slot, error = format!("{e:#}"), "could not claim the slot; not running it");
                metrics::job_run(job.name, "claim_failed", started.elapsed());
                return;
            }
        };
        let rec = self.run_claimed(job, slot, claimed_at).await;
        if let Err(e) = slots::finish(&self.0.pool, job.name, slot, &rec).await {
            tracing::error!(job = job.name, %slot, error = format!("{e:#}"), "could not record the slot's outcome");
        }
        metrics::job_run(job.name, rec.outcome.as_str(), started.elapsed());
        let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        match rec.outcome {
            SlotOutcome::Succeeded | SlotOutcome::Skipped => tracing::info!(
                job = job.name, %slot, outcome = rec.outcome.as_str(), run_id = rec.run_id,
                note = rec.error.as_deref(), ms, "job finished"
            ),
            _ => tracing::error!(
                job = job.name, %slot, outcome = rec.outcome.as_str(), run_id = rec.run_id,
                error = rec.error.as_deref(), ms, "job did not succeed"
            ),
        }
        if rec.outcome == SlotOutcome::Succeeded {
            for next in &self.0.jobs {
                if matches!(next.trigger, Trigger::After(after) if after == job.name) {
                    self.spawn_fire(next.name, slot);
                }
            }
        }
    }

    /// Lock, run, and say how it went. Never fails: every failure is an outcome.
    async fn run_claimed(
        &self,
        job: &Job,
        slot: DateTime<Utc>,
        claimed_at: DateTime<Utc>,
    ) -> SlotRecord {
        let pool = &self.0.pool;
        let record = |outcome, error: Option<String>| SlotRecord {
            outcome,
            run_id: None,
            counts: serde_json::json!({}),
            error,
        };
        let lock = match JobLock::try_take(pool, job.lock).await {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                return record(
                    SlotOutcome::Skipped,
                    Some(format!(
                        "lock '{}' held: the previous run is still going",
                        job.lock
                    )),
                );
            }
            Err(e) => return record(SlotOutcome::Failed, Some(format!("{e:#}"))),
        };
        match slots::close_abandoned(pool, job.name, slot).await {
            Ok(0) => {}
            Ok(n) => tracing::warn!(job = job.name, slots = n, "closed abandoned slots"),
            Err(e) => tracing::warn!(
                job = job.name,
                error = format!("{e:#}"),
                "could not close abandoned slots"
            ),
        }
        let ctx = JobContext {
            slot,
            stop: self.0.stop.subscribe(),
        };
        // Its own task: a panic ends that task only.
        let mut task = tokio::spawn((job.work)(ctx));
        let mut cancel = self.0.cancel.subscribe();
        let finished = tokio::select! {
            r = &mut task => Some(r),
            () = wait_set(&mut cancel) => None,
        };
        let rec = match finished {
            Some(Ok(Ok(s))) => SlotRecord {
                outcome: s.outcome,
                run_id: s.run_id,
                counts: s.counts,
                error: s.note,
            },
            Some(Ok(Err(e))) => record(SlotOutcome::Failed, Some(format!("{e:#}"))),
            Some(Err(e)) if e.is_panic() => {
                record(SlotOutcome::Panicked, Some(panic_text(e.into_panic())))
            }
            Some(Err(_)) | None => {
                // Dropping the task's future drops its open transaction, which rolls back.
                task.abort();
                let _ = task.await;
                if let Some(audit_job) = job.audit_job
                    && let Err(e) = crate::runs::close_cancelled(pool, audit_job, claimed_at).await
                {
                    tracing::warn!(
                        job = job.name,
                        error = format!("{e:#}"),
                        "could not close the cancelled run rows"
                    );
                }
                record(
                    SlotOutcome::Cancelled,
                    Some("cancelled: still running when the shutdown grace period ended".into()),
                )
            }
        };
        lock.release().await;
        rec
    }

    /// Stops claiming new slots (the caller then stops the cron ticker).
    pub(crate) fn stop_claiming(&self) {
        self.0.stop.send_replace(true);
    }

    /// Waits for the firings in flight; past `grace`, cancels them and waits (bounded) for them
    /// to record `cancelled` and release their locks.
    pub(crate) async fn drain(&self, grace: Duration) {
        self.stop_claiming();
        let mut tasks =
            std::mem::take(&mut *self.0.tasks.lock().unwrap_or_else(PoisonError::into_inner));
        if tasks.is_empty() {
            return;
        }
        tracing::info!(
            running = tasks.len(),
            grace_secs = grace.as_secs(),
            "waiting for running jobs"
        );
        let all = async { while tasks.join_next().await.is_some() {} };
        tokio::pin!(all);
        if tokio::time::timeout(grace, &mut all).await.is_err() {
            tracing::warn!("shutdown grace period over: cancelling running jobs");
            self.0.cancel.send_replace(true);
            if tokio::time::timeout(Duration::from_secs(10), &mut all)
                .await
                .is_err()
            {
                tracing::error!("jobs did not record their cancellation in time");
            }
        }
    }
}

/// Resolves when the flag is set (never if its sender is gone unset).
async fn wait_set(rx: &mut watch::Receiver<bool>) {
    if rx.wait_for(|set| *set).await.is_err() {
        std::future::pending::<()>().await;
    }
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-text panic payload".to_owned());
    format!("panicked: {text}")
}
