//! The Content-Security-Policy of the site and its per-response nonce.
//!
//! Scripts run only from this origin (the wasm-bindgen module under `/pkg`) or inline with the
//! nonce of the response they came in: no `'unsafe-inline'` for scripts. Every inline script
//! the site writes carries that nonce: the theme boot script and the islands loader (the shell),
//! the JSON-LD blocks (leptos_meta's `<Script>`) and the hydration data (leptos_integration_utils).
//!
//! The nonce is made by the edge middleware for each request ([`CspNonce::fresh`]), travels in
//! the request's extensions into the Leptos render ([`provide_request_nonce`]) and comes back as
//! the `Content-Security-Policy` header of that response. It is never stored: the query cache
//! keeps data, not HTML, so no two responses share a nonce.
//!
//! Styles allow `'unsafe-inline'` (one inline `style` attribute hides the removal form's
//! honeypot field); styles cannot run code.

use axum::http::HeaderValue;
use leptos::nonce::Nonce;

/// The nonce of one response, as a request extension.
#[derive(Debug, Clone)]
pub struct CspNonce(pub Nonce);

impl CspNonce {
    /// 128 random bits from a CSPRNG (leptos's own generator), URL-safe base64.
    pub fn fresh() -> CspNonce {
        CspNonce(Nonce::new())
    }
}

/// Makes the request's [`CspNonce`] the nonce of the page being rendered (in place of the one
/// leptos_axum generated, which no header announces). Call inside the render's context.
pub fn provide_request_nonce() {
    let nonce = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        leptos::prelude::provide_context(nonce);
    }
}

/// The policy, all but the nonce fixed at start-up.
#[derive(Debug, Clone)]
pub struct CspPolicy {
    /// Extra `img-src` source: the photo bucket's origin when photos are not under `/media`.
    media_origin: Option<String>,
    /// `cargo leptos watch`'s live-reload websocket (`LEPTOS_WATCH`), development only.
    live_reload: bool,
}

impl CspPolicy {
    /// The policy for a site whose photos are linked at `media_base_url` (`/media`, or a
    /// bucket's public URL).
    pub fn new(media_base_url: &str, live_reload: bool) -> CspPolicy {
        CspPolicy {
            media_origin: origin_of(media_base_url),
            live_reload,
        }
    }

    /// The header value for a response whose inline scripts carry `nonce`.
    pub fn header(&self, nonce: &CspNonce) -> HeaderValue {
        let img = match &self.media_origin {
            Some(origin) => format!("'self' data: {origin}"),
            None => "'self' data:".to_owned(),
        };
        let connect = if self.live_reload {
            "'self' ws: wss:"
        } else {
            "'self'"
        };
        let value = format!(
            "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src {img}; connect-src {connect}; \
             font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
             frame-ancestors 'none'",
            &*nonce.0
        );
        // The nonce is URL-safe base64 and the origin was parsed from a URL: always valid; the
        // fallback still forbids framing and inline scripts.
        HeaderValue::from_str(&value).unwrap_or_else(|_| {
            HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'")
        })
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL; `None` for a path.
fn origin_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let origin = parsed.origin().ascii_serialization();
    (origin != "null").then_some(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(p: &CspPolicy, nonce: &CspNonce) -> String {
        p.header(nonce).to_str().expect("ascii").to_owned()
    }

    #[test]
    fn scripts_need_the_nonce_and_framing_is_refused() {
        let nonce = CspNonce::fresh();
        let csp = policy(&CspPolicy::new("/media", false), &nonce);
        assert!(csp.contains(&format!("script-src 'self' 'nonce-{}'", &*nonce.0)));
        assert!(csp.contains("frame-ancestors 'none'"));
        let script_src = csp
            .split(';')
            .find(|d| d.contains("script-src"))
            .expect("script-src");
        assert!(!script_src.contains("unsafe-inline"));
        assert!(csp.contains("img-src 'self' data:;"));
    }

    #[test]
    fn a_bucket_origin_may_serve_images() {
        let nonce = CspNonce::fresh();
        let csp = policy(
            &CspPolicy::new("https://photos.example.com/bucket/", false),
            &nonce,
        );
        assert!(csp.contains("img-src 'self' data: https://photos.example.com;"));
    }

    #[test]
    fn nonces_differ() {
        assert_ne!(&*CspNonce::fresh().0, &*CspNonce::fresh().0);
    }
}
