//! The operator listener (`OPS_ADDR`, loopback by default): what only operators and their
//! tools may reach — `/metrics`, the admin endpoint (`/admin/*`, still behind the admin token)
//! and the full `/health` — besides `/healthz` and `/readyz` (with the error text), so a probe
//! can use either port. The public port answers 404 for `/metrics` and `/admin/*`.
//!
//! Same process and same state as the site: the counters on `/metrics` are the site's own.

use std::net::SocketAddr;

use axum::Router;
use axum::routing::get;
use tower_http::trace::TraceLayer;

use super::{AppState, SiteListener, seo};

/// The operator listener's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/healthz",
            get(super::router::healthz).head(super::router::healthz),
        )
        .route("/readyz", get(crate::health::ops_readyz))
        .route("/health", get(crate::health::ops_handler))
        .route("/metrics", get(crate::metrics::handler))
        .merge(seo::admin_routes())
        .layer(axum::middleware::from_fn_with_state(
            state.http_metrics.clone(),
            crate::metrics::track_http,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the operator listener until `shutdown` resolves, then finishes its requests in
/// flight.
pub async fn serve(
    listener: SiteListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
