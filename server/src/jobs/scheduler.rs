//! The cron ticker (tokio-cron-scheduler) wired to the runner: each occurrence of a job's
//! schedule becomes a firing for its slot.

use std::collections::HashSet;
use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use sqlx::PgPool;
use tokio_cron_scheduler::JobScheduler;

use super::runner::Runner;
use super::{Job, Trigger};

/// The running scheduler of one process.
pub struct Scheduler {
    runner: Runner,
    cron: JobScheduler,
}

impl Scheduler {
    /// Checks the job list (unique names, `After` targets exist), registers every cron job and
    /// starts ticking. `pool` is the read-write (jobs) pool.
    pub async fn start(pool: PgPool, jobs: Vec<Job>) -> anyhow::Result<Scheduler> {
        let mut names = HashSet::new();
        for job in &jobs {
            anyhow::ensure!(names.insert(job.name), "job {} registered twice", job.name);
        }
        for job in &jobs {
            if let Trigger::After(after) = job.trigger {
                anyhow::ensure!(
                    names.contains(&after),
                    "job {} runs after {after}, which is not registered",
                    job.name
                );
            }
        }
        let runner = Runner::new(pool, jobs.clone());
        let cron = JobScheduler::new()
            .await
            .context("creating the job scheduler")?;
        for job in &jobs {
            match &job.trigger {
                Trigger::Cron(schedule) => {
                    let name = job.name;
                    let runner = runner.clone();
                    let sched = schedule.clone();
                    let ticker =
                        tokio_cron_scheduler::Job::new_async(schedule.as_str(), move |_, _| {
                            let runner = runner.clone();
                            let sched = sched.clone();
                            Box::pin(async move {
                                match sched.slot_at(Utc::now()) {
                                    Some(slot) => runner.ticked(name, &sched, slot),
                                    None => tracing::error!(job = name, "no slot for this firing"),
                                }
                            })
                        })
                        .with_context(|| format!("scheduling {name}"))?;
                    cron.add(ticker)
                        .await
                        .with_context(|| format!("adding {name}"))?;
                    tracing::info!(
                        job = name,
                        schedule = %schedule,
                        next = ?schedule.next_after(Utc::now()),
                        "job scheduled"
                    );
                }
                Trigger::After(after) => {
                    tracing::info!(job = job.name, after, "job runs after each succeeded run");
                }
                Trigger::Off => tracing::info!(job = job.name, "job disabled"),
            }
        }
        cron.start().await.context("starting the job scheduler")?;
        tracing::info!(instance = runner.instance(), "job scheduler started");
        Ok(Scheduler { runner, cron })
    }

    /// This process's id in `audit.job_slots.instance`.
    pub fn instance(&self) -> &str {
        self.runner.instance()
    }

    /// Graceful stop: no new slots, the ticker stopped, running jobs given `grace` to finish,
    /// then cancelled (their transactions roll back) and recorded as such.
    pub async fn shutdown(mut self, grace: Duration) {
        self.runner.stop_claiming();
        if let Err(e) = self.cron.shutdown().await {
            tracing::warn!(error = %e, "stopping the cron ticker");
        }
        self.runner.drain(grace).await;
        tracing::info!("job scheduler stopped");
    }
}
