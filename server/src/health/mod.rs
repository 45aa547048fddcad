//! `/health` (and `/{lang}/health`): the truth about the site and its jobs, as JSON for API
//! clients and monitors — keeping the original system's contract beside this report's own
//! fields (`contract`) — or as the app's HTML dashboard for browsers, in the URL's language
//! (content negotiation: `negotiate`; the page: `html` and `app::health`).
//!
//! Services: web, database, redis, etl, image backfill, images, photo purges, outcomes. The rules (`rules`)
//! turn what was observed into `healthy` / `degraded` / `unhealthy`; the worst wins, and only
//! `unhealthy` (database down) answers 503 — in both formats, so a monitor scraping either sees
//! it. `/healthz` (liveness, in the router) checks nothing on purpose.
//!
//! A report is computed at most once per `HEALTH_CACHE_MS` (concurrent requests in that window
//! share it), so a public `/health` cannot be used to load the database.
//!
//! The public port answers the report's public view (statuses, reasons, metric cards, charts;
//! no details, no error text, no latency: `public`); the operator listener, or a request with
//! `Authorization: Bearer <ADMIN_TOKEN>`, gets the full report. `/readyz` (`ready`) is
//! readiness: the database answers and its schema has every migration of this binary.

mod cards;
pub mod contract;
mod facts;
pub mod html;
pub mod negotiate;
pub mod public;
pub mod ready;
pub mod report;
pub mod rules;
mod totals;

pub use report::Report;
pub use rules::{ServiceStatus, Status};

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
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
    /// The catalog's counts, reused longer than a report (they scan whole tables).
    totals: totals::Reuse,
    /// The last readiness verdict (reused within the TTL, like the report).
    ready: tokio::sync::Mutex<Option<(Instant, Arc<ready::Verdict>)>>,
    /// Why migrating at start-up failed, when it did (`MIGRATE_ON_START`).
    startup_migration: Mutex<Option<String>>,
    /// The reason last logged for not being ready (logged when it changes).
    not_ready_logged: Mutex<Option<String>>,
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
            // Tests (no reuse) see every change at once.
            totals: totals::Reuse::new(if ttl.is_zero() {
                Duration::ZERO
            } else {
                totals::TOTALS_TTL.max(ttl)
            }),
            ready: tokio::sync::Mutex::new(None),
            startup_migration: Mutex::new(None),
            not_ready_logged: Mutex::new(None),
        }))
    }

    /// Records that migrating at start-up failed: until the schema is current, `/readyz` says
    /// so.
    pub fn startup_migration_failed(&self, error: String) {
        *self
            .0
            .startup_migration
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(error);
    }

    /// The readiness verdict (reused within the TTL). Logs when it turns not ready, or its
    /// reason changes, and when it is ready again.
    pub async fn readiness(&self, pool: &PgPool) -> Arc<ready::Verdict> {
        let mut last = self.0.ready.lock().await;
        if let Some((at, verdict)) = last.as_ref()
            && at.elapsed() < self.0.ttl
        {
            return Arc::clone(verdict);
        }
        let startup = self
            .0
            .startup_migration
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let verdict = Arc::new(
            ready::check(pool)
                .await
                .with_startup_failure(startup.as_deref()),
        );
        self.log_readiness(&verdict);
        *last = Some((Instant::now(), Arc::clone(&verdict)));
        verdict
    }

    fn log_readiness(&self, verdict: &ready::Verdict) {
        let mut logged = self
            .0
            .not_ready_logged
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match (verdict.ready, logged.as_deref()) {
            (true, Some(_)) => {
                tracing::info!(reason = %verdict.reason, "ready");
                *logged = None;
            }
            (false, was) if was != Some(verdict.reason.as_str()) => {
                tracing::warn!(
                    reason = %verdict.reason,
                    detail = verdict.detail.as_deref().unwrap_or_default(),
                    "not ready: /readyz answers 503"
                );
                *logged = Some(verdict.reason.clone());
            }
            _ => {}
        }
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
            let (read, totals) = match ping {
                Ok(_) => tokio::join!(
                    within_facts_timeout(facts::read(pool, now)),
                    within_facts_timeout(self.0.totals.get(pool))
                ),
                Err(_) => (Err(String::new()), Err(String::new())),
            };
            (ping, read, totals)
        };
        let ((ping, read, totals), cache_status) = tokio::join!(database, cache.status());
        if let (Ok(_), Err(e)) = (&ping, &totals) {
            tracing::warn!(error = %e, "health: counting the catalog failed");
        }
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
            totals: totals.ok(),
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

/// `query`'s answer, or why not (its error chain, or the timeout).
async fn within_facts_timeout<T>(
    query: impl Future<Output = anyhow::Result<T>>,
) -> Result<T, String> {
    match tokio::time::timeout(FACTS_TIMEOUT, query).await {
        Ok(r) => r.map_err(|e| format!("{e:#}")),
        Err(_) => Err(format!("no answer within {} ms", FACTS_TIMEOUT.as_millis())),
    }
}

#[derive(Debug, Deserialize)]
pub struct HealthQuery {
    format: Option<String>,
}

/// The paths the dashboard answers on: `/health` (English) and `/{lang}/health` per language,
/// as the original had them.
pub fn paths() -> Vec<String> {
    std::iter::once("/health".to_owned())
        .chain(
            app::i18n::Lang::ALL
                .iter()
                .map(|l| format!("/{}/health", l.code())),
        )
        .collect()
}

/// The dashboard's language: the path's language segment, English for `/health`.
fn lang_of(uri: &Uri) -> app::i18n::Lang {
    app::i18n::Lang::of_path(uri.path()).unwrap_or(app::i18n::Lang::En)
}

/// `GET /health` on the public port: the public view, or the full report with the admin token.
pub async fn handler(
    State(state): State<AppState>,
    Query(q): Query<HealthQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let full = crate::http::seo::admin::has_admin_token(&state, &headers);
    let mut response = answer(&state, (q, lang_of(&uri)), &headers, full).await;
    // The answer depends on the token: no cache may hand one client's to another.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("accept, authorization"),
    );
    response
}

/// `GET /health` on the operator listener: the full report.
pub async fn ops_handler(
    State(state): State<AppState>,
    Query(q): Query<HealthQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&state, (q, lang_of(&uri)), &headers, true).await
}

async fn answer(
    state: &AppState,
    (q, lang): (HealthQuery, app::i18n::Lang),
    headers: &HeaderMap,
    full: bool,
) -> Response {
    let report = state.health.report(&state.web_pool, &state.cache).await;
    let public;
    let report = if full {
        report.as_ref()
    } else {
        public = report.public();
        &public
    };
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let code = StatusCode::from_u16(report.status.http_status())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = match negotiate::choose(accept, q.format.as_deref()) {
        negotiate::Format::Json => (code, axum::Json(report)).into_response(),
        negotiate::Format::Html => (
            code,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html::render(report, lang),
        )
            .into_response(),
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::VARY, HeaderValue::from_static("accept"));
    response
}

/// `GET /readyz` on the public port: the reason without error text.
pub async fn readyz(State(state): State<AppState>) -> Response {
    ready_answer(&state, false).await
}

/// `GET /readyz` on the operator listener: with the error text.
pub async fn ops_readyz(State(state): State<AppState>) -> Response {
    ready_answer(&state, true).await
}

async fn ready_answer(state: &AppState, full: bool) -> Response {
    let verdict = state.health.readiness(&state.web_pool).await;
    let code = if verdict.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut response = (
        code,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        verdict.body(full),
    )
        .into_response();
    if !verdict.ready {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(app::respond::RETRY_AFTER_SECS),
        );
    }
    response
}
