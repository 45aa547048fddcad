//! Security headers on every response the router makes: pages, the API, `/media`, the built
//! files under `/pkg`, redirects, 404s and the edge's own 503/413 answers.
//!
//! A header a handler set itself is kept (e.g. `/media`'s `X-Content-Type-Options`); the
//! `Content-Security-Policy` always carries this response's nonce. A 304 gets no CSP: the
//! browser keeps the body it cached, whose scripts carry the nonce of *that* response, and a
//! 304's headers update the cached ones.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::csp::{CspNonce, CspPolicy};

/// The headers every response gets, built once.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    csp: CspPolicy,
    fixed: Vec<(HeaderName, HeaderValue)>,
}

/// Browser features no page of the site uses, denied to it and to anything it embeds.
const PERMISSIONS_POLICY: &str = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), \
     magnetometer=(), microphone=(), payment=(), usb=()";

impl SecurityHeaders {
    /// `hsts_max_age_secs` 0: no `Strict-Transport-Security`.
    pub fn new(csp: CspPolicy, hsts_max_age_secs: u64) -> SecurityHeaders {
        let mut fixed = vec![
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            // For browsers older than CSP's frame-ancestors.
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            ),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static(PERMISSIONS_POLICY),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        if hsts_max_age_secs > 0 {
            fixed.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::try_from(format!("max-age={hsts_max_age_secs}"))
                    .unwrap_or_else(|_| HeaderValue::from_static("max-age=31536000")),
            ));
        }
        SecurityHeaders { csp, fixed }
    }

    /// Adds the headers to `res`, the CSP with `nonce`.
    pub fn apply(&self, nonce: &CspNonce, res: &mut Response) {
        let headers = res.headers_mut();
        for (name, value) in &self.fixed {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        if res.status() != StatusCode::NOT_MODIFIED {
            res.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, self.csp.header(nonce));
        }
    }
}

/// The middleware: a fresh nonce for the request (see `csp`), the headers on its response.
pub async fn layer(
    State(headers): State<Arc<SecurityHeaders>>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = CspNonce::fresh();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    headers.apply(&nonce, &mut res);
    res
}
