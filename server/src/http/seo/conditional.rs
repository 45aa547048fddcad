//! Validators and conditional requests, for the sitemaps and the VIN pages alike: adding
//! `ETag`, `Last-Modified` and `Cache-Control` to an answer, and deciding whether the request's
//! `If-None-Match` / `If-Modified-Since` make it a 304.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use chrono::{DateTime, Utc};

use crate::http_date::{http_date, parse_http_date};

/// Whether the request's validators match (RFC 9110 §13.2.2: `If-None-Match` wins over
/// `If-Modified-Since` when both are sent).
pub fn not_modified(headers: &HeaderMap, etag: &str, last_modified: Option<DateTime<Utc>>) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let inm: Vec<&str> = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    if !inm.is_empty() {
        let ours = strip(etag);
        return inm.iter().any(|t| t.trim() == "*" || strip(t) == ours);
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    matches!((since, last_modified), (Some(s), Some(m)) if m.timestamp() <= s.timestamp())
}

/// Adds `ETag`, `Last-Modified` and `Cache-Control` to `res`.
pub fn validators(
    res: &mut Response,
    etag: &str,
    last_modified: Option<DateTime<Utc>>,
    cache_control: &'static str,
) {
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(v) = last_modified.and_then(|t| HeaderValue::from_str(&http_date(t)).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_forms() {
        let mut h = HeaderMap::new();
        let t = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .expect("date")
            .with_timezone(&Utc);
        assert!(!not_modified(&h, "W/\"1-x\"", Some(t)));
        h.insert(header::IF_MODIFIED_SINCE, http_date(t).parse().expect("h"));
        assert!(not_modified(&h, "W/\"1-x\"", Some(t)));
        assert!(!not_modified(
            &h,
            "W/\"1-x\"",
            Some(t + chrono::Duration::seconds(1))
        ));
        // If-None-Match wins over If-Modified-Since.
        h.insert(header::IF_NONE_MATCH, "W/\"0-x\"".parse().expect("h"));
        assert!(!not_modified(&h, "W/\"1-x\"", Some(t)));
        h.insert(header::IF_NONE_MATCH, "\"1-x\"".parse().expect("h"));
        assert!(not_modified(&h, "W/\"1-x\"", Some(t)));
    }
}
