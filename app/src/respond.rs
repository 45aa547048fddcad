//! HTTP status and redirects from inside a page. Leptos renders the page first (`SsrMode::Async`
//! waits for every resource) and then applies these to the response, so a page can decide its
//! status from its data. No-ops in the browser.

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
                http::HeaderValue::from_static("60"),
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
