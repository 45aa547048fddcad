//! `/health`: the truth about the site and its jobs, as JSON for API clients and monitors, or
//! as an HTML dashboard for browsers (content negotiation: `negotiate`).
//!
//! Services: web, database, redis, etl, image backfill, images, photo purges, outcomes. The rules (`rules`)
//! turn what was observed into `healthy` / `degraded` / `unhealthy`; the worst wins, and only
//! `unhealthy` (database down) answers 503 — in both formats, so a monitor scraping either sees
//! it. `/healthz` (liveness, in the router) checks nothing on purpose.
//!
//! A report is computed at most once per `HEALTH_CACHE_MS` (concurrent requests in that window
//! share it), so a public `/health` cannot be used to load the database.

mod facts;
pub mod html;
pub mod negotiate;
pub mod report;
pub mod rules;

pub use report::Report;
pub use rules::{ServiceStatus, Status};

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use clap::Args;
use serde::Deserialize;
use sqlx::PgPool;

use crate::cache::Cache;
use crate::http::AppState;

/// Longest the database may take to answer the health `SELECT 1`.
const DB_PING_TIMEOUT: Duration = Duration::from_secs(2);
/// Longest the health queries may take together.
const FACTS_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Args)]
pub struct HealthConfig {
    /// A health report is reused for this many milliseconds (0: computed on every request).
    #[arg(long, env = "HEALTH_CACHE_MS", default_value_t = 2000)]
    pub health_cache_ms: u64,
}

/// Shared by the `/health` handlers: start time and the last report.
#[derive(Clone)]
pub struct Monitor(Arc<Inner>);

struct Inner {
    ttl: Duration,
    started: Instant,
    last: tokio::sync::Mutex<Option<(Instant, Arc<Report>)>>,
    /// The last time the health queries failed while the database answered a ping (logged once
    /// per outage, not on every refresh).
    facts_failing: Mutex<bool>,
}

impl Default for Monitor {
    /// No reuse: every request computes a fresh report (tests).
    fn default() -> Self {
        Monitor::new(Duration::ZERO)
    }
}

impl Monitor {
    pub fn new(ttl: Duration) -> Monitor {
        Monitor(Arc::new(Inner {
            ttl,
            started: Instant::now(),
            last: tokio::sync::Mutex::new(None),
            facts_failing: Mutex::new(false),
        }))
    }

    pub fn from_config(cfg: &HealthConfig) -> Monitor {
        Monitor::new(Duration::from_millis(cfg.health_cache_ms))
    }

    /// The current report (reused within the TTL).
    pub async fn report(&self, pool: &PgPool, cache: &Cache) -> Arc<Report> {
        // Held while computing: concurrent requests wait for this one instead of all querying.
        let mut last = self.0.last.lock().await;
        if let Some((at, report)) = last.as_ref()
            && at.elapsed() < self.0.ttl
        {
            return Arc::clone(report);
        }
        let report = Arc::new(self.compute(pool, cache).await);
        *last = Some((Instant::now(), Arc::clone(&report)));
        report
    }

    async fn compute(&self, pool: &PgPool, cache: &Cache) -> Report {
        let now = Utc::now();
        let database = async {
            let ping = facts::ping(pool, DB_PING_TIMEOUT).await;
            let read = match ping {
                Ok(_) => match tokio::time::timeout(FACTS_TIMEOUT, facts::read(pool, now)).await {
                    Ok(r) => r.map_err(|e| format!("{e:#}")),
                    Err(_) => Err(format!("no answer within {} ms", FACTS_TIMEOUT.as_millis())),
                },
                Err(_) => Err(String::new()),
            };
            (ping, read)
        };
        let ((ping, read), cache_status) = tokio::join!(database, cache.status());
        let facts = match read {
            Ok(f) => {
                self.set_facts_failing(false, "");
                Some(f)
            }
            Err(e) => {
                if ping.is_ok() {
                    self.set_facts_failing(true, &e);
                }
                None
            }
        };
        report::build(report::Observed {
            now,
            version: env!("CARGO_PKG_VERSION"),
            uptime_secs: self.0.started.elapsed().as_secs(),
            db: ping,
            facts,
            cache: cache_status,
            cache_counts: cache.counts(),
        })
    }

    fn set_facts_failing(&self, failing: bool, error: &str) {
        let mut flag = self
            .0
            .facts_failing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if failing && !*flag {
            tracing::warn!(error, "health queries failed although the database answers");
        }
        *flag = failing;
    }
}

#[derive(Debug, Deserialize)]
pub struct HealthQuery {
    format: Option<String>,
}

/// `GET /health`.
pub async fn handler(
    State(state): State<AppState>,
    Query(q): Query<HealthQuery>,
    headers: HeaderMap,
) -> Response {
    let report = state.health.report(&state.web_pool, &state.cache).await;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let code = StatusCode::from_u16(report.status.http_status())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = match negotiate::choose(accept, q.format.as_deref()) {
        negotiate::Format::Json => (code, axum::Json(report.as_ref())).into_response(),
        negotiate::Format::Html => (
            code,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html::render(&report),
        )
            .into_response(),
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::VARY, HeaderValue::from_static("accept"));
    response
}
