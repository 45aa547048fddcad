//! The scheduler's slot ledger in PostgreSQL: claiming a (job, slot) once across replicas, the
//! per-job session advisory lock, and the outcome of each slot (`audit.job_slots`, migration
//! 0017). The jobs' own run rows (`audit.runs`) are the run ledger's, `crate::runs`.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use sqlx::pool::PoolConnection;
use sqlx::postgres::Postgres;

/// How a claimed slot ended (`audit.job_slots.outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotOutcome {
    Succeeded,
    Failed,
    Skipped,
    Panicked,
    Cancelled,
}

impl SlotOutcome {
    pub const fn as_str(self) -> &'static str {
        match self {
            SlotOutcome::Succeeded => "succeeded",
            SlotOutcome::Failed => "failed",
            SlotOutcome::Skipped => "skipped",
            SlotOutcome::Panicked => "panicked",
            SlotOutcome::Cancelled => "cancelled",
        }
    }
}

/// A job's own run row says how the slot went: a 304 or an already-ingested file is skipped, a
/// rejected export or failing storage is failed (both ETL and images runs use `RunStatus`).
impl From<crate::runs::RunStatus> for SlotOutcome {
    fn from(status: crate::runs::RunStatus) -> Self {
        match status {
            crate::runs::RunStatus::Succeeded => SlotOutcome::Succeeded,
            crate::runs::RunStatus::Skipped => SlotOutcome::Skipped,
            crate::runs::RunStatus::Failed => SlotOutcome::Failed,
        }
    }
}

/// Claims `(job, slot)` for `instance` and returns the claim time (database clock). `None`:
/// another replica (or an earlier firing of this one) already has it — the slot is not ours to
/// run, whatever state it is in.
pub async fn claim(
    pool: &PgPool,
    job: &str,
    slot: DateTime<Utc>,
    instance: &str,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let row = sqlx::query_scalar!(
        r#"INSERT INTO audit.job_slots (job, slot, instance) VALUES ($1, $2, $3)
           ON CONFLICT (job, slot) DO NOTHING
           RETURNING claimed_at"#,
        job,
        slot,
        instance
    )
    .fetch_optional(pool)
    .await
    .context("claiming the slot")?;
    Ok(row)
}

/// Records an occurrence this process's ticker passed over (it fired late, e.g. the process was
/// starved of CPU) as `skipped`, unless a replica claimed it: the ledger then has a row for
/// every occurrence, and a missed one says so instead of being a silent gap. Safe against a
/// late replica: once the next occurrence has fired, no firing computes the missed slot again.
pub async fn mark_missed(
    pool: &PgPool,
    job: &str,
    slot: DateTime<Utc>,
    instance: &str,
) -> anyhow::Result<bool> {
    let done = sqlx::query!(
        r#"INSERT INTO audit.job_slots (job, slot, instance, outcome, finished_at, error)
           VALUES ($1, $2, $3, 'skipped', now(),
                   'missed: the scheduler fired too late for this slot; the next slot covers it')
           ON CONFLICT (job, slot) DO NOTHING"#,
        job,
        slot,
        instance
    )
    .execute(pool)
    .await
    .context("recording a missed slot")?;
    Ok(done.rows_affected() > 0)
}

/// What to write when a claimed slot ends.
#[derive(Debug, Clone)]
pub struct SlotRecord {
    pub outcome: SlotOutcome,
    pub run_id: Option<i64>,
    pub counts: serde_json::Value,
    pub error: Option<String>,
}

pub async fn finish(
    pool: &PgPool,
    job: &str,
    slot: DateTime<Utc>,
    rec: &SlotRecord,
) -> anyhow::Result<()> {
    sqlx::query!(
        r#"UPDATE audit.job_slots
           SET outcome = $3, finished_at = greatest(now(), claimed_at), run_id = $4, counts = $5::text::jsonb, error = $6
           WHERE job = $1 AND slot = $2"#,
        job,
        slot,
        rec.outcome.as_str(),
        rec.run_id,
        rec.counts.to_string(),
        rec.error.as_deref()
    )
    .execute(pool)
    .await
    .context("recording the slot's outcome")?;
    Ok(())
}

/// Earlier slots of `job` still marked running while we hold its lock can no longer be running
/// anywhere: their process died or lost the database before recording an outcome.
pub async fn close_abandoned(
    pool: &PgPool,
    job: &str,
    before: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let done = sqlx::query!(
        r#"UPDATE audit.job_slots
           SET outcome = 'failed', finished_at = greatest(now(), claimed_at),
               error = 'abandoned: its process stopped or lost the database before recording an outcome'
           WHERE job = $1 AND outcome = 'running' AND slot < $2"#,
        job,
        before
    )
    .execute(pool)
    .await
    .context("closing abandoned slots")?;
    Ok(done.rows_affected())
}

/// The advisory-lock key of a lock group: 64 bits of SHA-256 of its name, so keys are stable
/// across versions and far from the ETL's own transaction lock.
pub fn lock_key(lock: &str) -> i64 {
    let digest = Sha256::digest(format!("vinops.job:{lock}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(bytes)
}

/// A held session advisory lock, on a connection kept out of the pool for the run. Dropped
/// without `release` (a cancelled task), it closes its connection, which releases the lock.
pub struct JobLock {
    conn: Option<PoolConnection<Postgres>>,
    key: i64,
}

impl JobLock {
    /// Tries the lock without waiting; `None` when another session holds it.
    pub async fn try_take(pool: &PgPool, lock: &str) -> anyhow::Result<Option<JobLock>> {
        let key = lock_key(lock);
        let mut conn = pool
            .acquire()
            .await
            .context("connection for the job lock")?;
        let locked = sqlx::query_scalar!(r#"SELECT pg_try_advisory_lock($1) AS "locked!""#, key)
            .fetch_one(&mut *conn)
            .await
            .context("taking the job lock")?;
        Ok(locked.then_some(JobLock {
            conn: Some(conn),
            key,
        }))
    }

    /// Unlocks; if that fails the connection is closed instead, which releases the lock too (a
    /// session lock must never go back to the pool still held).
    pub async fn release(mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        let unlocked =
            sqlx::query_scalar!(r#"SELECT pg_advisory_unlock($1) AS "unlocked!""#, self.key)
                .fetch_one(&mut *conn)
                .await;
        if !matches!(unlocked, Ok(true)) {
            tracing::warn!("could not release a job lock; closing its connection instead");
            let _ = conn.close().await;
        }
    }
}

impl Drop for JobLock {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // Detached, the connection is closed when dropped instead of going back to the pool.
            drop(conn.detach());
        }
    }
}
