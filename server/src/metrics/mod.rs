//! `/metrics` (Prometheus text format) and the functions that feed it.
//!
//! What is counted, and where:
//! - HTTP requests and latency by *route template* (`/{lang}/vin/{vin}`, never the raw path, so
//!   the series stay bounded): [`track_http`], a middleware the router installs, into the app's
//!   own [`HttpMetrics`].
//! - ETL runs, rows and durations: [`etl_run`], called by the scheduled ETL job.
//! - Scheduled job runs by outcome and their durations: [`job_run`], called by the scheduler.
//! - Image downloads by result and bytes: [`image_download`] — the API for the images job; call it
//!   once per HTTP download attempt of a photo (not per lot).
//! - Cache hits/misses/errors/stores: read from the cache's own counters at scrape time.
//! - Copart values pages showed raw for want of a name in the page's language: read from
//!   `app::taxonomy::untranslated` at scrape time (`taxonomy.rs`).
//!
//! The job, ETL and image counters live in one process-wide registry (each replica exposes its
//! own; Prometheus sums). The HTTP counters belong to the app whose router counted them, so two
//! apps in one process (the integration tests run many) each report only their own requests.

mod registry;
mod taxonomy;

pub use registry::Registry;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::cache::Cache;
use crate::etl::RunReport;

static REGISTRY: Registry = Registry::new();

/// Latency buckets for HTTP requests, seconds.
static HTTP_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Duration buckets for jobs, seconds (a 304 ETL run takes well under a second; a first load
/// of a large export tens of seconds; an image backfill minutes).
static JOB_BUCKETS: &[f64] = &[
    0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0, 1800.0,
];

/// The label of requests no route matched (static files, 404s): one series for all of them.
pub const UNMATCHED_ROUTE: &str = "(unmatched)";

fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

/// The HTTP request counters of one app (see the module doc). Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct HttpMetrics(Arc<Registry>);

impl HttpMetrics {
    /// Counts one HTTP request.
    pub fn request(&self, method: &Method, route: &str, status: StatusCode, elapsed: Duration) {
        let method = method_label(method);
        let status = status.as_str();
        self.0.count(
            "vinops_http_requests_total",
            "HTTP requests by method, matched route template and status code.",
            &[("method", method), ("route", route), ("status", status)],
            1,
        );
        self.0.observe(
            "vinops_http_request_duration_seconds",
            "Time to the response head, by method and matched route template.",
            HTTP_BUCKETS,
            &[("method", method), ("route", route)],
            elapsed.as_secs_f64(),
        );
    }
}

/// Middleware: times every request and labels it with the route template axum matched.
pub async fn track_http(
    State(metrics): State<HttpMetrics>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| UNMATCHED_ROUTE.to_owned(), |p| p.as_str().to_owned());
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.request(&method, &route, response.status(), started.elapsed());
    response
}

/// Counts one ETL run (scheduled or not) from its report.
pub fn etl_run(report: &RunReport) {
    REGISTRY.count(
        "vinops_etl_runs_total",
        "ETL runs by status.",
        &[("status", report.status.as_db_str())],
        1,
    );
    let rows = [
        ("valid", report.rows_valid),
        ("invalid", report.rows_invalid),
        ("inserted", u64::try_from(report.inserted).unwrap_or(0)),
        ("updated", u64::try_from(report.updated).unwrap_or(0)),
        ("unchanged", u64::try_from(report.unchanged).unwrap_or(0)),
    ];
    for (kind, n) in rows {
        REGISTRY.count(
            "vinops_etl_rows_total",
            "Export rows by what became of them (valid/invalid as parsed; inserted/updated/unchanged lots).",
            &[("kind", kind)],
            n,
        );
    }
    REGISTRY.observe(
        "vinops_etl_run_duration_seconds",
        "Whole ETL run (fetch to archive), by status.",
        JOB_BUCKETS,
        &[("status", report.status.as_db_str())],
        Duration::from_millis(report.total_ms).as_secs_f64(),
    );
    let steps = report.step_ms.named();
    if report.status == crate::etl::RunStatus::Succeeded {
        for (step, ms) in steps {
            REGISTRY.observe(
                "vinops_etl_step_duration_seconds",
                "Steps of succeeded ETL runs.",
                JOB_BUCKETS,
                &[("step", step)],
                Duration::from_millis(ms).as_secs_f64(),
            );
        }
    }
}

/// Counts one scheduled job firing by its outcome (`succeeded`, `failed`, `skipped`,
/// `panicked`, `cancelled`; `not_claimed` when another replica had the slot, `claim_failed`
/// when the database could not be asked, `missed` for an occurrence this process fired too
/// late for).
pub fn job_run(job: &str, outcome: &str, elapsed: Duration) {
    REGISTRY.count(
        "vinops_job_runs_total",
        "Scheduled job firings by job and outcome.",
        &[("job", job), ("outcome", outcome)],
        1,
    );
    if !matches!(outcome, "not_claimed" | "claim_failed" | "missed") {
        REGISTRY.observe(
            "vinops_job_duration_seconds",
            "Scheduled job runs, claim to record.",
            JOB_BUCKETS,
            &[("job", job)],
            elapsed.as_secs_f64(),
        );
    }
}

/// What one photo download attempt came to, for [`image_download`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageDownload {
    /// Downloaded and written to storage.
    Stored,
    /// Already stored with the same content: nothing written.
    Unchanged,
    /// 404 (or no photo listed): the lot has no photos.
    NotFound,
    /// 429 from the source.
    Throttled,
    /// 5xx from the source.
    ServerError,
    /// Timed out or the connection failed.
    Timeout,
    /// The object store refused or was unreachable.
    StorageError,
    /// Not requested: the URL or a redirect hop broke the fetcher's network rules (not https,
    /// host off the allow-list, a non-public address).
    Refused,
    /// Downloaded but not kept: over the size cap, or not a plausible JPEG.
    Rejected,
    /// Anything else (bad body, unexpected status).
    Other,
}

impl ImageDownload {
    pub const fn as_str(self) -> &'static str {
        match self {
            ImageDownload::Stored => "stored",
            ImageDownload::Unchanged => "unchanged",
            ImageDownload::NotFound => "not_found",
            ImageDownload::Throttled => "throttled",
            ImageDownload::ServerError => "server_error",
            ImageDownload::Timeout => "timeout",
            ImageDownload::StorageError => "storage_error",
            ImageDownload::Refused => "refused",
            ImageDownload::Rejected => "rejected",
            ImageDownload::Other => "other",
        }
    }
}

/// Counts one photo download attempt and the bytes it fetched (0 when none). For the images
/// job: call it once per HTTP attempt, retries included, so throttling shows as it happens.
pub fn image_download(result: ImageDownload, bytes: u64) {
    REGISTRY.count(
        "vinops_image_downloads_total",
        "Photo download attempts by result.",
        &[("result", result.as_str())],
        1,
    );
    image_bytes(bytes);
}

/// Counts downloaded photo bytes on their own (the images job counts bytes and results at
/// different points).
pub fn image_bytes(bytes: u64) {
    if bytes > 0 {
        REGISTRY.count(
            "vinops_image_download_bytes_total",
            "Bytes of photos downloaded.",
            &[],
            bytes,
        );
    }
}

/// The whole exposition: the app's HTTP counters, the process-wide registry and the cache
/// counters read now.
pub fn render(http: &HttpMetrics, cache: &Cache) -> String {
    let mut out = String::with_capacity(8 * 1024);
    http.0.render(&mut out);
    REGISTRY.render(&mut out);
    let c = cache.counts();
    registry::header(
        &mut out,
        "vinops_cache_requests_total",
        "Query-cache lookups by result (error: Redis failed, timed out, or was paused after a failure).",
        "counter",
    );
    for (result, n) in [("hit", c.hits), ("miss", c.misses), ("error", c.errors)] {
        registry::sample(
            &mut out,
            "vinops_cache_requests_total",
            "",
            &[("result", result.to_owned())],
            None,
            n as f64,
        );
    }
    registry::header(
        &mut out,
        "vinops_cache_stores_total",
        "Values written to the query cache.",
        "counter",
    );
    registry::sample(
        &mut out,
        "vinops_cache_stores_total",
        "",
        &[],
        None,
        c.stores as f64,
    );
    registry::header(
        &mut out,
        "vinops_rate_limit_decisions_total",
        "Rate-limit decisions by who made them (shared: Redis, for every replica; fallback: this process alone, Redis being away).",
        "counter",
    );
    for (by, n) in [("shared", c.limits_shared), ("fallback", c.limits_fallback)] {
        registry::sample(
            &mut out,
            "vinops_rate_limit_decisions_total",
            "",
            &[("by", by.to_owned())],
            None,
            n as f64,
        );
    }
    taxonomy::render(&mut out);
    out
}

/// `GET /metrics`.
pub async fn handler(
    State(http): State<HttpMetrics>,
    State(cache): State<Cache>,
) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        render(&http, &cache),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_downloads_and_cache_counters_are_exposed() {
        image_download(ImageDownload::Stored, 1234);
        image_download(ImageDownload::Throttled, 0);
        image_download(ImageDownload::Refused, 0);
        image_download(ImageDownload::Rejected, 0);
        let text = render(&HttpMetrics::default(), &Cache::disabled());
        assert!(
            text.contains("vinops_image_downloads_total{result=\"stored\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("vinops_image_downloads_total{result=\"throttled\"} 1\n"));
        assert!(text.contains("vinops_image_downloads_total{result=\"refused\"} 1\n"));
        assert!(text.contains("vinops_image_downloads_total{result=\"rejected\"} 1\n"));
        assert!(text.contains("vinops_image_download_bytes_total 1234\n"));
        assert!(text.contains("vinops_cache_requests_total{result=\"miss\"} 0\n"));
        assert!(text.contains("# TYPE vinops_cache_stores_total counter\n"));
        assert!(text.contains("vinops_rate_limit_decisions_total{by=\"fallback\"} 0\n"));
    }
}
