//! Whether the database holds demo data (`demo_lots` has a row): the pages then carry the demo
//! banner (`app::demo`).
//!
//! Read once when the app is built, then again at most every `refresh` (the dataset version's
//! `DATASET_VERSION_REFRESH_MS`, so a demo load or purge shows within the same few seconds as
//! its data): the request that finds the value old starts the read in the background and
//! answers with what is known — a page never waits for it. A failed read keeps the last value.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sqlx::PgPool;

/// How long the read may take.
const QUERY_TIMEOUT: Duration = Duration::from_millis(500);

#[derive(Clone)]
pub struct DemoFlag(Arc<Inner>);

struct Inner {
    pool: PgPool,
    refresh: Duration,
    demo: AtomicBool,
    /// When the last read started.
    checked: Mutex<Option<Instant>>,
}

impl DemoFlag {
    /// Reads the flag now (false when the database cannot say).
    pub async fn new(pool: PgPool, refresh: Duration) -> DemoFlag {
        let flag = DemoFlag(Arc::new(Inner {
            pool,
            refresh,
            demo: AtomicBool::new(false),
            checked: Mutex::new(Some(Instant::now())),
        }));
        flag.read().await;
        flag
    }

    /// The last known value; starts a read in the background when it is older than `refresh`.
    pub fn get(&self) -> bool {
        let due = {
            let mut checked = self
                .0
                .checked
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let due = checked.is_none_or(|at| at.elapsed() >= self.0.refresh);
            if due {
                *checked = Some(Instant::now());
            }
            due
        };
        if due && let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let flag = self.clone();
            runtime.spawn(async move { flag.read().await });
        }
        self.0.demo.load(Ordering::Relaxed)
    }

    async fn read(&self) {
        let query = sqlx::query_scalar!(r#"SELECT EXISTS (SELECT 1 FROM demo_lots) AS "demo!""#)
            .fetch_one(&self.0.pool);
        match tokio::time::timeout(QUERY_TIMEOUT, query).await {
            Ok(Ok(demo)) => self.0.demo.store(demo, Ordering::Relaxed),
            Ok(Err(e)) => tracing::debug!(error = %e, "demo flag not read"),
            Err(_) => tracing::debug!("demo flag not read in time"),
        }
    }
}
