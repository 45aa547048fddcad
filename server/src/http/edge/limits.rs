//! Request-level limits: load shedding, the per-request timeout and the body size limit.
//!
//! - **Load shedding.** At most `HTTP_MAX_IN_FLIGHT` requests are handled at once. One more is
//!   answered 503 + `Retry-After` at once, without touching the database: under overload a
//!   fast "come back later" beats queueing into the pool's acquire timeout, where every request
//!   waits seconds and then fails anyway. `/healthz` is never shed, so an orchestrator does not
//!   restart a process that is merely busy.
//! - **Timeout.** A request whose response has not started after `HTTP_REQUEST_TIMEOUT_SECS` is
//!   dropped and answered 503 + `Retry-After` (its work is cancelled). Pages render whole before
//!   the first byte, so this bounds a page's total time.
//! - **Body limit.** A body larger than `HTTP_MAX_BODY_BYTES` is refused with 413: at once when
//!   `Content-Length` says so (nothing is read), else when reading crosses the limit (the
//!   handler's extractor fails with 413). Every route: the removal form, the admin endpoint,
//!   server functions, the API.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::Limited;
use tokio::sync::Semaphore;

use crate::http::api::error::{ErrorCode, ErrorInfo};
use crate::http::api::lang::Lang;

/// The request-level limits, shared by the middlewares.
#[derive(Debug)]
pub struct RequestLimits {
    in_flight: Arc<Semaphore>,
    timeout: Duration,
    max_body_bytes: usize,
    shed_log: ShedLog,
}

/// Requests shed since the last log line, and when that was: under overload one line per
/// [`SHED_LOG_EVERY`] says how many, instead of one line per refused request.
#[derive(Debug, Default)]
struct ShedLog {
    shed: AtomicU64,
    last: std::sync::Mutex<Option<Instant>>,
}

const SHED_LOG_EVERY: Duration = Duration::from_secs(10);

impl ShedLog {
    fn record(&self) {
        self.shed.fetch_add(1, Ordering::Relaxed);
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.is_some_and(|t| t.elapsed() < SHED_LOG_EVERY) {
            return;
        }
        *last = Some(Instant::now());
        let n = self.shed.swap(0, Ordering::Relaxed);
        tracing::warn!(
            shed = n,
            "overloaded: requests answered 503 at the in-flight limit (HTTP_MAX_IN_FLIGHT)"
        );
    }
}

impl RequestLimits {
    /// Zero values count as one (a typo must not make a server that refuses everything).
    pub fn new(max_in_flight: usize, timeout: Duration, max_body_bytes: usize) -> RequestLimits {
        RequestLimits {
            in_flight: Arc::new(Semaphore::new(
                max_in_flight.clamp(1, Semaphore::MAX_PERMITS),
            )),
            timeout: timeout.max(Duration::from_millis(1)),
            max_body_bytes,
            shed_log: ShedLog::default(),
        }
    }
}

/// Load shedding and the timeout around everything inside.
pub async fn shed_and_time(
    State(limits): State<Arc<RequestLimits>>,
    req: Request,
    next: Next,
) -> Response {
    if req.uri().path() == "/healthz" {
        return next.run(req).await;
    }
    let Ok(_permit) = Arc::clone(&limits.in_flight).try_acquire_owned() else {
        limits.shed_log.record();
        return unavailable(req.uri().path(), "overloaded");
    };
    let path = req.uri().path().to_owned();
    match tokio::time::timeout(limits.timeout, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(path, "request timed out");
            unavailable(&path, "timeout")
        }
    }
}

/// The body limit: 413 on a declared length above it, a limited body otherwise.
pub async fn body_limit(
    State(limits): State<Arc<RequestLimits>>,
    req: Request,
    next: Next,
) -> Response {
    let max = limits.max_body_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return too_large(req.uri().path());
    }
    let req = req.map(|body| Body::new(Limited::new(body, max)));
    next.run(req).await
}

/// The edge's 413: the API's JSON error shape under `/api/`, plain text elsewhere.
fn too_large(path: &str) -> Response {
    let (content_type, body) = if path.starts_with("/api/") {
        (
            "application/json",
            api_error_body(ErrorCode::PayloadTooLarge),
        )
    } else {
        (
            "text/plain; charset=utf-8",
            b"Request body too large.\n".to_vec(),
        )
    };
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
            // The unread body stays on the socket: close rather than parse it as a request.
            (header::CONNECTION, "close"),
        ],
        body,
    )
        .into_response()
}

/// The JSON error body the API documents (`traceId` a hyphenated UUID like every other).
fn api_error_body(code: ErrorCode) -> Vec<u8> {
    ErrorInfo::edge(code).body(Lang::En)
}

/// The edge's 503: `Retry-After` as every 503 of the site; the API's JSON error shape under
/// `/api/`, a tiny static page elsewhere (no rendering, no database: it must stay cheap when
/// the server is overloaded).
pub fn unavailable(path: &str, why: &'static str) -> Response {
    let (content_type, body) = if path.starts_with("/api/") {
        ("application/json", api_error_body(ErrorCode::Unavailable))
    } else {
        let lang = Lang::of_path(path).unwrap_or(Lang::DEFAULT);
        let (title, text) = busy(lang);
        (
            "text/html; charset=utf-8",
            page(lang.code(), title, text).into_bytes(),
        )
    };
    let mut res = (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response();
    res.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(app::respond::RETRY_AFTER_SECS),
    );
    res.headers_mut()
        .insert("x-vinops-shed", HeaderValue::from_static(why));
    res
}

/// The busy page's title and text (no `Messages` here: this page must not render anything).
const fn busy(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (
            "Service temporarily unavailable",
            "The site is busy. Please retry in a minute.",
        ),
        Lang::Ru => (
            "Сервис временно недоступен",
            "Сайт перегружен. Повторите через минуту.",
        ),
        Lang::Uk => (
            "Сервіс тимчасово недоступний",
            "Сайт перевантажений. Спробуйте ще раз за хвилину.",
        ),
    }
}

fn page(lang: &str, title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
    )
}
