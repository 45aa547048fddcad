//! What `/health` reads from PostgreSQL (read-only role) in a handful of small queries: the ETL
//! and image runs (`audit.runs`), whether lots still need photos (`v_lots_needing_photos`), the
//! photo purges still pending (`photo_purges`), the outcome counts the scheduled ETL records, and the per-hour series for the charts.
//!
//! Every query is bounded: runs through the `(job, started_at)` index, photos per hour through
//! `images (created_at)` (migration 0017), the lots-needing-photos count capped by `LIMIT`.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::Serialize;
use sqlx::PgPool;

/// Above this many, the page says "10,000+": an exact count would scan every lot.
pub const NEED_PHOTOS_CAP: i64 = 10_000;

/// The last run of a job.
#[derive(Debug, Clone, Serialize)]
pub struct LastRun {
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EtlFacts {
    pub last_run: Option<LastRun>,
    /// Last run that succeeded or was skipped (export unchanged): the ETL is keeping up.
    pub last_success: Option<DateTime<Utc>>,
    /// Last run that ingested a file.
    pub last_ingest: Option<DateTime<Utc>>,
    pub runs_24h: i64,
    pub failed_24h: i64,
    /// New + changed lots written over the last 24 h.
    pub lots_written_24h: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageFacts {
    pub last_run: Option<LastRun>,
    pub running: bool,
    /// Lots needing photos now, capped at `NEED_PHOTOS_CAP + 1`.
    pub lots_need_photos: i64,
    pub photos_24h: i64,
    /// Photos stored in the last 30 minutes (the images rule's window).
    pub photos_30min: i64,
    pub last_photo_at: Option<DateTime<Utc>>,
}

/// Photos of suppressed VINs not yet deleted from the store (`photo_purges`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PurgeFacts {
    pub pending: i64,
    /// Pending ones whose last attempt failed.
    pub failing: i64,
    pub oldest_requested_at: Option<DateTime<Utc>>,
    /// Why the purge due next failed last.
    pub last_error: Option<String>,
    /// Suppress/unsuppress events not yet in the suppression journal, and the oldest one's time.
    pub unjournaled: i64,
    pub oldest_unjournaled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct OutcomeFacts {
    pub sold: i64,
    pub not_sold: i64,
    pub on_approval: i64,
    pub unknown: i64,
    pub disappeared: i64,
    pub relisted: i64,
}

/// Per-hour series over the last 24 hours, oldest first; `hours[i]` starts bucket `i`.
#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub hours: Vec<DateTime<Utc>>,
    pub lots_ingested: Vec<i64>,
    pub photos_stored: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DbFacts {
    pub etl: EtlFacts,
    pub images: ImageFacts,
    pub purges: PurgeFacts,
    pub outcomes: OutcomeFacts,
    pub charts: Charts,
}

/// The database the web pool reads, as one round trip showed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DbPing {
    pub latency_ms: f64,
    /// `Some` when the web pool reads a hot standby (`WEB_DATABASE_URL` pointing at one).
    pub standby: Option<Standby>,
}

/// A standby's replay: pages show the primary's data as of the last replayed transaction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standby {
    /// Seconds since the last replayed transaction committed on the primary, while WAL it has
    /// received is not replayed yet; 0 when replay has caught up with what arrived (an idle
    /// primary is not lag); `None` before anything was replayed.
    pub lag_secs: Option<f64>,
    /// WAL received from the primary and not replayed yet, in bytes (`None` before any was
    /// received): known even when no transaction was replayed since start, unlike `lag_secs`.
    pub behind_bytes: Option<f64>,
    /// Replay paused by an operator (`pg_wal_replay_pause()`).
    pub paused: bool,
}

/// One query within `timeout`: the round trip and whether it reached a standby, or why not (no
/// credentials in it: sqlx errors name neither the URL nor the password).
pub async fn ping(pool: &PgPool, timeout: Duration) -> Result<DbPing, String> {
    let started = Instant::now();
    let query = sqlx::query!(
        r#"SELECT pg_is_in_recovery() AS "standby!",
                  CASE WHEN NOT pg_is_in_recovery() THEN NULL
                       WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()
                         THEN 0
                       ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
                  END::float8 AS lag_secs,
                  CASE WHEN pg_is_in_recovery()
                       THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
                  END::float8 AS behind_bytes,
                  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END
                    AS replay_paused"#
    )
    .fetch_one(pool);
    match tokio::time::timeout(timeout, query).await {
        Ok(Ok(row)) => Ok(DbPing {
            latency_ms: started.elapsed().as_secs_f64() * 1000.0,
            standby: row.standby.then_some(Standby {
                lag_secs: row.lag_secs,
                behind_bytes: row.behind_bytes,
                paused: row.replay_paused.unwrap_or(false),
            }),
        }),
        Ok(Err(e)) => Err(short(&e.to_string())),
        Err(_) => Err(format!("no answer within {} ms", timeout.as_millis())),
    }
}

/// Error texts shown on the page are cut short (a stack of causes helps nobody there).
pub fn short(s: &str) -> String {
    const MAX: usize = 200;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

async fn last_run(pool: &PgPool, job: &str) -> anyhow::Result<Option<LastRun>> {
    let row = sqlx::query!(
        r#"SELECT status, started_at, finished_at, error FROM audit.runs
           WHERE job = $1 ORDER BY started_at DESC, id DESC LIMIT 1"#,
        job
    )
    .fetch_optional(pool)
    .await
    .with_context(|| format!("last {job} run"))?;
    Ok(row.map(|r| LastRun {
        status: r.status,
        started_at: r.started_at,
        finished_at: r.finished_at,
        error: r.error.as_deref().map(short),
    }))
}

pub async fn read(pool: &PgPool, now: DateTime<Utc>) -> anyhow::Result<DbFacts> {
    let etl = sqlx::query!(
        r#"SELECT
             max(finished_at) FILTER (WHERE status IN ('succeeded', 'skipped')) AS last_success,
             max(finished_at) FILTER (WHERE status = 'succeeded') AS last_ingest,
             count(*) FILTER (WHERE started_at > now() - interval '24 hours') AS "runs_24h!",
             count(*) FILTER (WHERE status = 'failed' AND started_at > now() - interval '24 hours') AS "failed_24h!",
             coalesce(sum(coalesce(inserted, 0) + coalesce(updated, 0))
                 FILTER (WHERE status = 'succeeded' AND started_at > now() - interval '24 hours'), 0)::bigint AS "written_24h!"
           FROM audit.runs WHERE job = 'etl'"#
    )
    .fetch_one(pool)
    .await
    .context("ETL runs")?;
    let images = sqlx::query!(
        r#"SELECT
             max(finished_at) AS last_finished,
             coalesce(bool_or(status = 'running' AND started_at > now() - interval '6 hours'), false) AS "running!"
           FROM audit.runs WHERE job = 'images'"#
    )
    .fetch_one(pool)
    .await
    .context("image runs")?;
    let need = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM (SELECT 1 FROM v_lots_needing_photos WHERE NOT demo LIMIT $1) t"#,
        NEED_PHOTOS_CAP + 1
    )
    .fetch_one(pool)
    .await
    .context("lots needing photos")?;
    // A handful of rows at most (one per suppressed VIN whose photos are not deleted yet).
    let purges = sqlx::query!(
        r#"SELECT count(*) AS "pending!",
                  count(*) FILTER (WHERE last_error IS NOT NULL) AS "failing!",
                  min(requested_at) AS oldest,
                  (array_agg(last_error ORDER BY next_attempt_at)
                       FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
           FROM photo_purges"#
    )
    .fetch_one(pool)
    .await
    .context("photo purges")?;
    let journal = sqlx::query!(
        r#"SELECT count(*) AS "unjournaled!", min(created_at) AS oldest
           FROM suppression_events WHERE journaled_at IS NULL"#
    )
    .fetch_one(pool)
    .await
    .context("the suppression journal")?;
    let outcomes = sqlx::query!(
        r#"SELECT
             coalesce(sum((counts->'events'->>'outcome_sold')::bigint), 0)::bigint AS "sold!",
             coalesce(sum((counts->'events'->>'outcome_not_sold')::bigint), 0)::bigint AS "not_sold!",
             coalesce(sum((counts->'events'->>'outcome_on_approval')::bigint), 0)::bigint AS "on_approval!",
             coalesce(sum((counts->'events'->>'outcome_unknown')::bigint), 0)::bigint AS "unknown!",
             coalesce(sum((counts->'events'->>'disappeared')::bigint), 0)::bigint AS "disappeared!",
             coalesce(sum((counts->'events'->>'relisted')::bigint), 0)::bigint AS "relisted!"
           FROM audit.runs
           WHERE job = 'etl' AND status = 'succeeded' AND started_at > now() - interval '24 hours'"#
    )
    .fetch_one(pool)
    .await
    .context("outcome counts")?;

    let first_hour = now
        .duration_trunc(TimeDelta::hours(1))
        .context("truncating to the hour")?
        - TimeDelta::hours(23);
    let hours: Vec<DateTime<Utc>> = (0..24).map(|i| first_hour + TimeDelta::hours(i)).collect();
    let lots_rows = sqlx::query!(
        r#"SELECT date_trunc('hour', finished_at, 'UTC') AS "hour!",
                  sum(coalesce(inserted, 0) + coalesce(updated, 0))::bigint AS "n!"
           FROM audit.runs
           WHERE job = 'etl' AND status = 'succeeded' AND finished_at >= $1
           GROUP BY 1"#,
        first_hour
    )
    .fetch_all(pool)
    .await
    .context("lots per hour")?;
    let photo_rows = sqlx::query!(
        r#"SELECT date_trunc('hour', created_at, 'UTC') AS "hour!", count(*) AS "n!"
           FROM images WHERE created_at >= $1 GROUP BY 1"#,
        first_hour
    )
    .fetch_all(pool)
    .await
    .context("photos per hour")?;
    let bucket = |series: &[(DateTime<Utc>, i64)]| -> Vec<i64> {
        hours
            .iter()
            .map(|h| {
                series
                    .iter()
                    .filter(|(at, _)| at == h)
                    .map(|(_, n)| n)
                    .sum()
            })
            .collect()
    };
    let lots_series: Vec<_> = lots_rows.iter().map(|r| (r.hour, r.n)).collect();
    let photo_series: Vec<_> = photo_rows.iter().map(|r| (r.hour, r.n)).collect();
    let last_photo_at = sqlx::query_scalar!("SELECT max(created_at) FROM images")
        .fetch_one(pool)
        .await
        .context("last photo")?;

    Ok(DbFacts {
        etl: EtlFacts {
            last_run: last_run(pool, "etl").await?,
            last_success: etl.last_success,
            last_ingest: etl.last_ingest,
            runs_24h: etl.runs_24h,
            failed_24h: etl.failed_24h,
            lots_written_24h: etl.written_24h,
        },
        images: ImageFacts {
            last_run: last_run(pool, "images").await?,
            running: images.running,
            lots_need_photos: need,
            photos_24h: photo_series.iter().map(|(_, n)| n).sum(),
            photos_30min: super::totals::photos_last_30_min(pool).await?,
            last_photo_at,
        },
        purges: PurgeFacts {
            pending: purges.pending,
            failing: purges.failing,
            oldest_requested_at: purges.oldest,
            last_error: purges.last_error.as_deref().map(short),
            unjournaled: journal.unjournaled,
            oldest_unjournaled_at: journal.oldest,
        },
        outcomes: OutcomeFacts {
            sold: outcomes.sold,
            not_sold: outcomes.not_sold,
            on_approval: outcomes.on_approval,
            unknown: outcomes.unknown,
            disappeared: outcomes.disappeared,
            relisted: outcomes.relisted,
        },
        charts: Charts {
            lots_ingested: bucket(&lots_series),
            photos_stored: bucket(&photo_series),
            hours,
        },
    })
}
