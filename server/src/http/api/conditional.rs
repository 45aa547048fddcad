//! Successful API responses: JSON body, strong `ETag` over its exact bytes, `Cache-Control`, and
//! `If-None-Match` → 304 without a body.
//!
//! The ETag is strong (`"<32 hex>"`, the first 128 bits of SHA-256 of the body): the body is
//! byte-for-byte what we send, because the API is mounted outside the response-compression layer
//! (a compressed body under the same strong ETag would break byte-range and cache semantics;
//! a reverse proxy that compresses weakens the ETag itself, as nginx does).

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::error::ApiError;

/// `Cache-Control` of each endpoint: the values the earlier implementation of this API sent, kept
/// so that clients and caches in front of it see the same freshness rules.
pub mod cache_control {
    /// `GET /vehicles/{vin}`.
    pub const VEHICLE: &str = "public, max-age=60, stale-while-revalidate=300";
    /// `GET /search` with at most two filters.
    pub const SEARCH_BROAD: &str = "public, max-age=60, stale-while-revalidate=300";
    /// `GET /search` with three filters or more: narrower results churn faster.
    pub const SEARCH_NARROW: &str = "public, max-age=30, stale-while-revalidate=120";
    /// `GET /makes-models`.
    pub const OPTIONS: &str = "public, max-age=600, stale-while-revalidate=1800";
    /// `GET /openapi.json`: changes only with a deploy.
    pub const OPENAPI: &str = "public, max-age=3600";
}

/// `"<hex>"`: strong validator of `body`.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// Whether `If-None-Match` matches `etag`. RFC 9110 §13.1.2: `*` matches any current
/// representation, and the comparison is weak (a `W/` prefix is ignored on either side).
pub(crate) fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let ours = strip(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || strip(t) == ours)
}

/// 200 with `value` as JSON, or 304 when the client already has this exact body.
pub fn json<T: Serialize>(
    request: &HeaderMap,
    value: &T,
    cache_control: &'static str,
) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value)
        .map_err(|e| ApiError::Internal(format!("serializing the response: {e}")))?;
    Ok(raw_json(request, body, cache_control))
}

/// Like [`json`], for a body that is JSON already.
pub fn raw_json(request: &HeaderMap, body: Vec<u8>, cache_control: &'static str) -> Response {
    let tag = etag(&body);
    let not_modified = none_match(request, &tag);
    let mut res = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, body).into_response()
    };
    let h = res.headers_mut();
    if !not_modified {
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inm(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, v.parse().expect("header"));
        h
    }

    #[test]
    fn etag_is_strong_and_content_addressed() {
        let a = etag(b"{\"a\":1}");
        assert_eq!(a.len(), 34);
        assert!(a.starts_with('"') && a.ends_with('"'));
        assert_eq!(a, etag(b"{\"a\":1}"));
        assert_ne!(a, etag(b"{\"a\":2}"));
    }

    #[test]
    fn if_none_match_forms() {
        let tag = etag(b"x");
        assert!(none_match(&inm(&tag), &tag));
        assert!(none_match(&inm(&format!("W/{tag}")), &tag));
        assert!(none_match(&inm(&format!("\"other\", {tag}")), &tag));
        assert!(none_match(&inm("*"), &tag));
        assert!(!none_match(&inm("\"other\""), &tag));
        assert!(!none_match(&HeaderMap::new(), &tag));
    }

    #[test]
    fn not_modified_has_no_body_but_keeps_validators() {
        let tag = etag(b"{}");
        let res = raw_json(&inm(&tag), b"{}".to_vec(), cache_control::VEHICLE);
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(res.headers()[header::ETAG], tag.as_str());
        assert_eq!(res.headers()[header::CACHE_CONTROL], cache_control::VEHICLE);
    }
}
