//! The dataset version: the id of the last succeeded ETL run (plus the last suppression event,
//! see `VERSION_SQL`), part of every cache key so that each ETL run — and each suppress or
//! unsuppress — invalidates everything cached before it (the original never invalidated, and
//! served data up to a TTL stale after each load).
//!
//! Read lazily from PostgreSQL and reused for `refresh`: at most one query per `refresh` per
//! process, made by whichever request finds the value old; requests arriving meanwhile use the
//! previous value rather than wait.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sqlx::PgPool;

/// How long the version query may take before the request goes on without it.
const QUERY_TIMEOUT: Duration = Duration::from_millis(500);

/// The last succeeded run that changed the data (an ETL run, a demo load or a demo purge)
/// plus the last suppression event. Why a sum: both ids only grow,
/// and every change of either adds at least 1, so the sum strictly increases and never comes
/// back to a value an older key was written under. Folding suppressions in here (rather than
/// deleting keys on suppress) also reaches every replica's cache and every cached listing that
/// might show the VIN, without knowing which keys those are; the price, a cold cache after a
/// suppression, is paid a few times a month. A suppression is therefore forgotten by the cache
/// within `DATASET_VERSION_REFRESH_MS` (default 5 s).
const VERSION_SQL: &str = "SELECT COALESCE((SELECT max(id) FROM audit.runs
                                    WHERE job IN ('etl', 'demo', 'demo_purge')
                                      AND status = 'succeeded'), 0)
                        + COALESCE((SELECT max(id) FROM suppression_events), 0)";

/// Where the dataset version comes from. Cheap to clone.
#[derive(Clone)]
pub struct DatasetVersion(Arc<Source>);

enum Source {
    Fixed(i64),
    Db(DbSource),
}

struct DbSource {
    pool: PgPool,
    refresh: Duration,
    /// The last value read and when (`None` until the first successful read).
    known: Mutex<Option<(i64, Instant)>>,
    /// When the last read was attempted, successful or not: failures are retried after
    /// `refresh` too, not by every request while the database is down.
    last_attempt: Mutex<Option<Instant>>,
    refreshing: tokio::sync::Mutex<()>,
    failing: AtomicBool,
}

impl DatasetVersion {
    /// Reads `audit.runs` through `pool` (the web role may SELECT it), at most every `refresh`.
    pub fn from_db(pool: PgPool, refresh: Duration) -> DatasetVersion {
        DatasetVersion(Arc::new(Source::Db(DbSource {
            pool,
            refresh,
            known: Mutex::new(None),
            last_attempt: Mutex::new(None),
            refreshing: tokio::sync::Mutex::new(()),
            failing: AtomicBool::new(false),
        })))
    }

    /// A constant version, for tools and tests that have no database.
    pub fn fixed(version: i64) -> DatasetVersion {
        DatasetVersion(Arc::new(Source::Fixed(version)))
    }

    /// The current version; `None` while it has never been read (database down since start-up),
    /// in which case the caller must not use the cache: a key without a version could serve
    /// data from before an ETL run forever.
    pub async fn current(&self) -> Option<i64> {
        match &*self.0 {
            Source::Fixed(v) => Some(*v),
            Source::Db(db) => db.current().await,
        }
    }
}

impl DbSource {
    fn known(&self) -> Option<(i64, Instant)> {
        *self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn current(&self) -> Option<i64> {
        let known = self.known();
        if let Some((v, at)) = known
            && at.elapsed() < self.refresh
        {
            return Some(v);
        }
        let stale = known.map(|(v, _)| v);
        // One refresher at a time; the others answer with what is known.
        let Ok(_guard) = self.refreshing.try_lock() else {
            return stale;
        };
        {
            let mut last = self
                .last_attempt
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            // Another request may have refreshed (or failed to) while this one waited.
            if let Some(at) = *last
                && at.elapsed() < self.refresh
            {
                return self.known().map(|(v, _)| v);
            }
            *last = Some(Instant::now());
        }
        match self.read().await {
            Ok(v) => {
                *self.known.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some((v, Instant::now()));
                if self.failing.swap(false, Ordering::Relaxed) {
                    tracing::info!(version = v, "dataset version readable again");
                }
                Some(v)
            }
            Err(e) => {
                if !self.failing.swap(true, Ordering::Relaxed) {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        "cannot read the dataset version; the cache keeps the last known one"
                    );
                }
                stale
            }
        }
    }

    async fn read(&self) -> anyhow::Result<i64> {
        use anyhow::Context;
        let query = sqlx::query_scalar::<_, Option<i64>>(VERSION_SQL).fetch_one(&self.pool);
        let max = tokio::time::timeout(QUERY_TIMEOUT, query)
            .await
            .context("reading the dataset version timed out")?
            .context("reading the dataset version")?;
        // No succeeded run yet: version 0, still a real version (the next run changes it).
        Ok(max.unwrap_or(0))
    }
}
