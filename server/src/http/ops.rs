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

use super::{AppState, seo};

/// Where the operator listener binds (`OPS_ADDR`): an address, or `off` for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpsAddr {
    Off,
    At(SocketAddr),
}

impl std::str::FromStr for OpsAddr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("off") {
            return Ok(OpsAddr::Off);
        }
        s.parse()
            .map(OpsAddr::At)
            .map_err(|_| format!("{s:?} is neither an address (127.0.0.1:3900) nor `off`"))
    }
}

impl std::fmt::Display for OpsAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpsAddr::Off => f.write_str("off"),
            OpsAddr::At(addr) => addr.fmt(f),
        }
    }
}

/// The operator listener's routes.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new()
        .route(
            "/healthz",
            get(super::router::healthz).head(super::router::healthz),
        )
        .route("/readyz", get(crate::health::ops_readyz));
    for path in crate::health::paths() {
        router = router.route(&path, get(crate::health::ops_handler));
    }
    router
        .route("/metrics", get(crate::metrics::handler))
        .merge(seo::admin_routes())
        .layer(axum::middleware::from_fn_with_state(
            state.http_metrics.clone(),
            crate::metrics::track_http,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_addr_is_an_address_or_off() {
        assert_eq!("off".parse::<OpsAddr>(), Ok(OpsAddr::Off));
        assert_eq!(" OFF ".parse::<OpsAddr>(), Ok(OpsAddr::Off));
        assert_eq!("".parse::<OpsAddr>(), Ok(OpsAddr::Off));
        let at: OpsAddr = "127.0.0.2:3001".parse().expect("address");
        assert_eq!(at.to_string(), "127.0.0.2:3001");
        assert!("localhost".parse::<OpsAddr>().is_err());
    }
}
