//! Route table of the public port. Leptos renders every page; axum owns the few non-HTML
//! endpoints and the JSON API (`/api/v1`, see `api`). The operator's endpoints are in `ops`.

use std::sync::Arc;

use axum::{Router, extract::Request, http::StatusCode, response::Redirect, routing::get};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sqlx::PgPool;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};
use vinops::catalog::MediaBase;
use vinops::read::ReadCache;

use super::{api, pages, seo};
use crate::cache::Cache;
use crate::config::ApiConfig;

/// What request handlers share.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    /// Read-only pool (role vinops_web).
    pub web_pool: PgPool,
    /// Query cache in front of the read model (a disabled one when Redis is not configured).
    pub cache: Cache,
    /// CORS and rate-limit settings of the JSON API.
    pub api: ApiConfig,
    /// `/health`: start time and the last report.
    pub health: crate::health::Monitor,
    /// Sitemaps, VIN page validators, removal form and admin endpoint (`seo`).
    pub seo: seo::SeoState,
    /// The local photo store served under `/media` (`None` with an S3 bucket).
    pub media_dir: Option<std::path::PathBuf>,
    /// Where pages link photos (`MEDIA_BASE_URL`): `/media`, or the bucket's public URL.
    pub media_base: MediaBase,
    /// `/metrics`' HTTP counters of this app.
    pub http_metrics: crate::metrics::HttpMetrics,
    /// Whether the database holds demo data (the pages' banner).
    pub demo: crate::demo_flag::DemoFlag,
}

impl axum::extract::FromRef<AppState> for Cache {
    fn from_ref(state: &AppState) -> Self {
        state.cache.clone()
    }
}

impl axum::extract::FromRef<AppState> for crate::metrics::HttpMetrics {
    fn from_ref(state: &AppState) -> Self {
        state.http_metrics.clone()
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// The whole site. Fails only on an invalid API configuration (a CORS origin or trusted proxy
/// that does not parse), so a typo stops start-up instead of silently opening or closing access.
pub fn router(state: AppState) -> anyhow::Result<Router> {
    let api = api::router(&state.api, &state.cache)?;
    let routes = generate_route_list(app::App);
    let pool = state.web_pool.clone();
    let cache = state.cache.clone();
    // The pages see the cache only through the read model's trait (no fred in `app`).
    let read_cache: Arc<dyn ReadCache> = Arc::new(state.cache.clone());
    let removal_tokens = state.seo.token_issuer();
    // Canonical, hreflang, OpenGraph and JSON-LD URLs of the pages are absolute, on SITE_URL.
    let site_url = app::seo_meta::SiteUrl::new(state.seo.site_url());
    let media_base = state.media_base.clone();
    let demo = state.demo.clone();
    // Server functions and pages find the pool, the cache, the URL bases and whether demo data
    // is shown in the Leptos context.
    let context = move || {
        provide_context(app::demo::DemoData(demo.get()));
        provide_context(pool.clone());
        provide_context(cache.clone());
        provide_context(read_cache.clone());
        provide_context(removal_tokens.clone());
        provide_context(site_url.clone());
        provide_context(media_base.clone());
    };
    let shell = {
        let options = state.leptos.clone();
        move || app::shell(options.clone())
    };
    // Pages see the state too, as leptos_axum's own route handlers provide it.
    let page_context = {
        let state = state.clone();
        let context = context.clone();
        move || {
            provide_context(state.clone());
            context();
        }
    };
    let page = {
        let (context, shell) = (page_context.clone(), shell.clone());
        move |req: Request| pages::render(context.clone(), shell.clone(), req)
    };
    let not_found = {
        let shell = shell.clone();
        let site_root = state.leptos.site_root.to_string();
        move |req: Request| {
            let (site_root, context, shell) =
                (site_root.clone(), page_context.clone(), shell.clone());
            async move { pages::file_or_not_found(&site_root, context, shell, req).await }
        }
    };
    let mut router = Router::new()
        // `/` has no language; English is the canonical default. 308 keeps the method and is
        // cached by browsers and crawlers.
        .route("/", get(|| async { Redirect::permanent("/en") }))
        .route("/healthz", get(healthz).head(healthz))
        .route("/readyz", get(crate::health::readyz));
    // The public view; `/metrics` and `/admin/*` are on the operator listener only (`ops`)
    // and end in the 404 page here.
    for path in crate::health::paths() {
        router = router.route(&path, get(crate::health::handler));
    }
    Ok(router
        .merge(seo::routes())
        .merge(super::feed::routes(&state.api, &state.cache)?)
        .route("/media/{*key}", get(super::media::serve))
        // Server functions only (no paths): the pages are rendered by `pages` (why: see there).
        .leptos_routes_with_context(&state, Vec::new(), context, shell)
        .leptos_routes_with_handler(routes, page)
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            seo::vin_validators::layer,
        ))
        .layer(CompressionLayer::new())
        // Gzip files already (VIN sitemap shards): outside the compression layer.
        .merge(seo::uncompressed_routes())
        // After the compression layer, so API bodies go out as the exact bytes their strong
        // ETag was computed over.
        .nest("/api/v1", api)
        // Outside every route (API included): sees the matched route template of each request.
        .layer(axum::middleware::from_fn_with_state(
            state.http_metrics.clone(),
            crate::metrics::track_http,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state))
}

/// Liveness: answers as long as the process serves HTTP; checks no dependency on purpose
/// (readiness is `/readyz`, dependency health `/health`).
pub(super) async fn healthz() -> (StatusCode, [(&'static str, &'static str); 2], &'static str) {
    (
        StatusCode::OK,
        [
            ("content-type", "text/plain; charset=utf-8"),
            ("cache-control", "no-store"),
        ],
        "ok",
    )
}
