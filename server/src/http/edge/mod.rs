//! The public edge inside the app (it must hold without a proxy in front): security headers
//! with a per-response CSP nonce (`headers`, `csp`) and the request-level limits (`limits`).
//! The connection-level limits (header-read timeout, connection cap) are in `http::serve`.
//!
//! [`layers`] wraps a router in all of them, outermost first: security headers (so the edge's
//! own 503 and 413 carry them too), load shedding and the request timeout, the body limit.

pub mod csp;
pub mod headers;
pub mod limits;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware::from_fn_with_state;

use crate::config::EdgeConfig;
use csp::CspPolicy;
use headers::SecurityHeaders;
use limits::RequestLimits;

/// `router` behind the edge: see the module doc. `media_base_url` is where pages link photos
/// (their origin is allowed as an image source).
pub fn layers(router: Router, cfg: &EdgeConfig, media_base_url: &str) -> Router {
    let live_reload = std::env::var_os("LEPTOS_WATCH").is_some();
    let headers = Arc::new(SecurityHeaders::new(
        CspPolicy::new(media_base_url, live_reload),
        cfg.hsts_max_age_secs,
    ));
    let limits = Arc::new(RequestLimits::new(
        cfg.max_in_flight,
        Duration::from_secs(cfg.request_timeout_secs),
        cfg.max_body_bytes,
    ));
    router
        .layer(from_fn_with_state(Arc::clone(&limits), limits::body_limit))
        .layer(from_fn_with_state(limits, limits::shed_and_time))
        .layer(from_fn_with_state(headers, headers::layer))
}
