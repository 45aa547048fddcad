//! How a Leptos page becomes a response: every page route and the 404 fallback go through
//! [`render`], which is leptos_axum's own pipeline (`handle_response_inner`: the request
//! contexts, leptos_meta's `<head>`, status and headers from `ResponseOptions`) with one change
//! in how the document is put together.
//!
//! Why the change: leptos_axum's stream builders (one per `SsrMode`, all private) send the app's
//! HTML and then the hydration data scripts (`__RESOLVED_RESOURCES`, `__SERIALIZED_ERRORS`,
//! `__PENDING_RESOURCES`, `__RESOURCE_RESOLVERS`, `__INCOMPLETE_CHUNKS`). `hydration_context`
//! writes them for every page, with or without resources, and our app's HTML is the whole
//! document (the shell), so they land after `</html>`: a parse error to the HTML standard
//! ("Stray start tag script" in the W3C checker) that browsers repair by moving them into
//! `<body>`. Every route renders with `SsrMode::Async` (the whole document waits for its data),
//! so here the document and its data are complete before the first byte, and the same scripts go
//! in, in the same order, as the last children of `<body>`: where a browser puts them anyway
//! (found as the last `</body>`, the way leptos_meta finds `</head>` to fill the head).
//! Islands read `__SERIALIZED_ERRORS`/`__INCOMPLETE_CHUNKS` while hydrating, so the scripts are
//! kept, not dropped.

use std::future::Future;
use std::pin::Pin;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt, stream};
use leptos::prelude::*;
use tower::ServiceExt;
use tower_http::services::ServeDir;

type Html = Pin<Box<dyn Stream<Item = String> + Send>>;

/// The end of the shell's `<body>` (`app::shell`).
const BODY_END: &str = "</body>";

/// Renders `app` (the shell with the routed page) as the response to `req`.
pub fn render<IV: IntoView + 'static>(
    context: impl Fn() + Clone + Send + 'static,
    app: impl FnOnce() -> IV + Send + 'static,
    req: Request,
) -> impl Future<Output = Response> {
    // The page's inline scripts carry the nonce the edge announces in this response's CSP.
    let context = move || {
        context();
        super::edge::csp::provide_request_nonce();
    };
    leptos_axum::handle_response_inner(context, app, req, whole_document::<IV>)
}

/// The stream builder: the document in one chunk, hydration data inside `<body>`.
fn whole_document<IV: IntoView + 'static>(
    app: IV,
    hydration_data: Box<dyn FnOnce() -> Html + Send>,
    _supports_out_of_order: bool,
) -> Pin<Box<dyn Future<Output = Html> + Send>> {
    Box::pin(async move {
        let html: String = app.to_html_stream_in_order().collect().await;
        let data: String = hydration_data().collect().await;
        Box::pin(stream::once(async move { data_in_body(html, &data) })) as Html
    })
}

/// `html` with `data` just before its last `</body>`. Only markers (`<!>`, in debug builds)
/// follow it in our shell; a document without one (not our shell) gets `data` at the end, where
/// leptos_axum would have put it.
pub fn data_in_body(mut html: String, data: &str) -> String {
    match html.rfind(BODY_END) {
        Some(at) => html.insert_str(at, data),
        None => html.push_str(data),
    }
    html
}

/// The router's fallback: a file of the built site (`/pkg/*`, the favicon, …) when there is
/// one, else the localized 404 page (or whatever status the page set, e.g. a redirect).
pub async fn file_or_not_found<IV: IntoView + 'static>(
    site_root: &str,
    context: impl Fn() + Clone + Send + 'static,
    app: impl FnOnce() -> IV + Send + 'static,
    req: Request,
) -> Response {
    // A GET for the same path, with the headers that choose an encoding or make it conditional.
    let mut probe = Request::builder().uri(req.uri().clone());
    for name in [
        header::ACCEPT_ENCODING,
        header::IF_MODIFIED_SINCE,
        header::IF_NONE_MATCH,
        header::RANGE,
    ] {
        if let Some(v) = req.headers().get(&name) {
            probe = probe.header(name, v);
        }
    }
    if let Ok(probe) = probe.body(Body::empty()) {
        let served = ServeDir::new(site_root)
            .precompressed_gzip()
            .precompressed_br()
            .oneshot(probe)
            .await;
        // A file, a redirect, a 304 or 416; a path the file system refuses (a segment longer
        // than a file name may be: ENAMETOOLONG is a 500 from ServeDir) is no file either.
        if let Ok(res) = served
            && res.status() != StatusCode::NOT_FOUND
            && !res.status().is_server_error()
        {
            return res.into_response();
        }
    }
    let mut res = render(context, app, req).await;
    if res.status() == StatusCode::OK {
        *res.status_mut() = StatusCode::NOT_FOUND;
    }
    res
}

#[cfg(test)]
mod tests {
    use super::data_in_body;

    #[test]
    fn data_goes_before_the_end_of_body() {
        let html = "<!DOCTYPE html><html><head></head><body><p>x</p></body><!></html><!>";
        assert_eq!(
            data_in_body(html.to_owned(), "<script>a</script>"),
            "<!DOCTYPE html><html><head></head><body><p>x</p><script>a</script></body><!></html><!>"
        );
    }

    #[test]
    fn another_document_gets_it_at_the_end() {
        assert_eq!(
            data_in_body("<p>x</p>".to_owned(), "<script>a</script>"),
            "<p>x</p><script>a</script>"
        );
    }
}
