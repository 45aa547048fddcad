//! Scheduler settings from the environment (documented in `deploy/.env.example`).

use std::time::Duration;

use clap::Args;

use super::schedule::ScheduleSetting;

#[derive(Debug, Clone, Args)]
pub struct JobsConfig {
    /// Run the scheduled jobs in this process at all (false: a web-only replica).
    #[arg(long, env = "JOBS_ENABLED", default_value_t = true, action = clap::ArgAction::Set)]
    pub jobs_enabled: bool,
    /// ETL schedule: six-field cron with seconds (UTC), or `off`. Default: every 15 minutes,
    /// Copart's refresh rate.
    #[arg(long, env = "ETL_SCHEDULE", default_value = "0 */15 * * * *")]
    pub etl_schedule: ScheduleSetting,
    /// Image backfill schedule (the images job), or `off`. Default: every 30 minutes.
    #[arg(
        long,
        env = "IMAGES_BACKFILL_SCHEDULE",
        default_value = "0 */30 * * * *"
    )]
    pub images_backfill_schedule: ScheduleSetting,
    /// Fetch the photos of new lots right after each ETL run that ingested a file.
    #[arg(long, env = "IMAGES_AFTER_ETL", default_value_t = true, action = clap::ArgAction::Set)]
    pub images_after_etl: bool,
    /// Retry schedule of photo purges (the photos of suppressed VINs still to be deleted from
    /// the store), or `off`. Default: every 5 minutes.
    #[arg(long, env = "PHOTO_PURGE_SCHEDULE", default_value = "30 */5 * * * *")]
    pub photo_purge_schedule: ScheduleSetting,
    /// Retention schedule, or `off`. Default: daily at 03:30 UTC.
    #[arg(long, env = "RETENTION_SCHEDULE", default_value = "0 30 3 * * *")]
    pub retention_schedule: ScheduleSetting,
    /// Job run records (audit.runs and their row errors, audit.job_slots) and never-ingested
    /// file registrations older than this many days are deleted by retention. The newest
    /// succeeded run of each job is always kept.
    #[arg(long, env = "RETENTION_AUDIT_KEEP_DAYS", default_value_t = 30)]
    pub audit_keep_days: u32,
    /// On SIGTERM/Ctrl-C, how long running jobs may take to finish before they are cancelled
    /// (their transactions roll back), in seconds.
    #[arg(long, env = "JOBS_SHUTDOWN_GRACE_SECS", default_value_t = 30)]
    pub shutdown_grace_secs: u64,
}

impl JobsConfig {
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }
}
