//! JSON API v1, mounted at `/api/v1` (contract: `openapi.json`, served at
//! `/api/v1/openapi.json`; summary in docs/api.md).
//!
//! - `GET /search` — catalog pages, with the pages' own parameters and cursor (`CatalogRequest`);
//! - `GET /makes-models` — filter dropdowns (junk thresholds as the read model applies them);
//! - `GET /vehicles/{vin}` — a VIN with every lot it has had (404 unknown, 410 suppressed).
//!
//! Layers, outermost first: `X-Api-Version`, CORS (allow-list from config; preflights are
//! answered here, before counting), error localization (`Accept-Language`), the per-client rate
//! limit (shared by the replicas through Redis, `shared_limit`), then the handlers. The router is merged outside the site's compression layer (see
//! `conditional` for why) and only it is rate-limited: pages never go through HTTP to read data.

pub(crate) mod conditional;
pub mod dto;
pub mod error;
mod handlers;
pub mod lang;
pub mod rate_limit;
pub mod shared_limit;

pub use handlers::OPENAPI_JSON;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::cache::Cache;
use crate::config::ApiConfig;
use crate::http::AppState;
use error::ErrorInfo;
use lang::{FromAcceptLanguage, Lang};
use rate_limit::RateLimiter;
use shared_limit::{ApiLimiter, SharedLimiter};

/// The API's routes and layers, to be nested at `/api/v1`; the rate limit is kept in `cache`'s
/// Redis (shared by the replicas) when there is one.
pub fn router(cfg: &ApiConfig, cache: &Cache) -> anyhow::Result<Router<AppState>> {
    let mut api = Router::new()
        .route("/search", get(handlers::search))
        .route("/makes-models", get(handlers::makes_models))
        .route("/vehicles/{vin}", get(handlers::vehicle))
        .route("/openapi.json", get(handlers::openapi))
        .fallback(handlers::not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed);
    api = rate_limited(api, "api", cfg, cache)?;
    api = api.layer(middleware::from_fn(localize));
    if let Some(cors) = cors_layer(cfg)? {
        api = api.layer(cors);
    }
    Ok(api.layer(SetResponseHeaderLayer::overriding(
        HeaderName::from_static("x-api-version"),
        HeaderValue::from_static("1"),
    )))
}

/// `router` behind the API's per-client limit (`API_RATE_LIMIT_*`), kept in `cache`'s Redis under
/// `scope` (a budget of its own per scope) when there is one; unchanged when the limit is off.
pub(crate) fn rate_limited<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    scope: &'static str,
    cfg: &ApiConfig,
    cache: &Cache,
) -> anyhow::Result<Router<S>> {
    let Some(local) = RateLimiter::new(
        cfg.rate_limit_per_min,
        cfg.rate_limit_burst,
        rate_limit::MAX_BUCKETS,
        cfg.trusted_proxy_list()?,
    ) else {
        return Ok(router);
    };
    let limiter = ApiLimiter {
        limiter: Arc::new(SharedLimiter::new(scope, local)),
        cache: cache.clone(),
    };
    Ok(router.layer(middleware::from_fn_with_state(limiter, rate_limit::limit)))
}

/// CORS for the configured origins only; `None` (no CORS headers) when the list is empty.
/// Read-only API: GET/HEAD/OPTIONS, no credentials.
fn cors_layer(cfg: &ApiConfig) -> anyhow::Result<Option<CorsLayer>> {
    let origins = cfg
        .cors_origin_list()
        .into_iter()
        .map(|o| {
            if o == "*" {
                anyhow::bail!("API_CORS_ORIGINS: list origins explicitly, `*` is not supported");
            }
            HeaderValue::from_str(&o).map_err(|_| anyhow::anyhow!("API_CORS_ORIGINS: bad {o:?}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if origins.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
            .allow_headers([
                header::ACCEPT_LANGUAGE,
                header::CONTENT_TYPE,
                header::IF_NONE_MATCH,
            ])
            .expose_headers([
                header::ETAG,
                header::RETRY_AFTER,
                HeaderName::from_static("x-ratelimit-limit"),
                HeaderName::from_static("x-ratelimit-remaining"),
            ])
            .max_age(Duration::from_secs(600)),
    ))
}

/// Rewrites error bodies in the request's language (errors are built in English, see
/// `error`), and marks them as varying by `Accept-Language`. Of the successful bodies only the
/// option lists' labels are in a language (their handler marks them itself).
async fn localize(request: Request, next: Next) -> Response {
    let lang = Lang::from_headers(request.headers());
    let mut res = next.run(request).await;
    let Some(info) = res.extensions().get::<ErrorInfo>().cloned() else {
        return res;
    };
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept-Language"));
    if lang != Lang::En {
        res.headers_mut().remove(header::CONTENT_LENGTH);
        *res.body_mut() = Body::from(info.body(lang));
    }
    res
}
