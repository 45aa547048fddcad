//! HTTP status and redirects from inside a page. Leptos renders the page first (`SsrMode::Async`
//! waits for every resource) and then applies these to the response, so a page can decide its
//! status from its data. No-ops in the browser.
//!
//! Also the one `Retry-After` of every 503 the site answers (pages here; the API, sitemaps,
//! `/media` and the admin and removal endpoints in the server use the same constant).

/// Seconds a client should wait after any 503 before retrying. One value everywhere: a 503
/// means the same thing on every route (the database, or the check that needs it, cannot
/// answer), so browsers, API clients and crawlers should hear the same answer. A minute,
/// because the usual causes (a database restart or failover, a saturated pool) last tens of
/// seconds: asking sooner sends the retries into a database that is still recovering, and
/// crawlers take the value as a hint to slow down, not as a deadline.
pub const RETRY_AFTER_SECS: u64 = 60;

/// Sets the response status (`404`, `410`, `503`, …).
pub fn status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(resp), Ok(code)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        resp.set_status(code);
        if code == http::StatusCode::SERVICE_UNAVAILABLE {
            resp.insert_header(
                http::header::RETRY_AFTER,
                http::HeaderValue::from(RETRY_AFTER_SECS),
            );
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Answers with a redirect to `location` (a path on this site) and status `code` (301, 303, …).
/// Not `leptos_axum::redirect`: that one always uses 302 for browsers.
pub fn redirect(code: u16, location: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(resp), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(location),
    ) {
        resp.insert_header(http::header::LOCATION, value);
        status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = (code, location);
}
