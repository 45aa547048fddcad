//! Serving a router on a listener with connection-level limits: the one accept loop of every
//! listener a site process opens (in place of `axum::serve`, which sets neither).
//!
//! - **Header-read timeout.** A connection must send a complete request head within
//!   [`ServeLimits::header_read_timeout`], counted from the moment the server waits for one: at
//!   accept, and again after each response on a keep-alive connection. Otherwise hyper closes
//!   it. Without it a client that trickles half a request line (slowloris), or connects and
//!   sends nothing, holds a connection and its task forever.
//! - **Connection cap.** At most [`ServeLimits::max_connections`] connections are served at
//!   once; at the cap the loop stops accepting until one closes, so new ones wait in the
//!   kernel's backlog instead of taking file descriptors and memory.
//! - **Graceful shutdown.** When `shutdown` resolves the loop stops accepting, every connection
//!   finishes the request it is serving (idle ones close at once), and [`serve`] returns once
//!   all are closed. The cap's semaphore doubles as the count of open connections.
//!
//! HTTP/1.1 only, on purpose: browsers speak HTTP/2 only over TLS, which ends at the proxy in
//! front, and hyper's protocol sniffing (the `auto` builder) waits for the first bytes with no
//! timeout at all, so a silent connection would escape the header-read timeout.
//!
//! Each request carries the peer address as `ConnectInfo<SocketAddr>` (the rate limits key on
//! it), as `into_make_service_with_connect_info` did.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

use crate::config::EdgeConfig;

/// The connection-level limits of a listener.
#[derive(Debug, Clone, Copy)]
pub struct ServeLimits {
    /// Time allowed for a complete request head (and for idling between two requests).
    pub header_read_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
}

impl ServeLimits {
    /// The limits of `HTTP_HEADER_READ_TIMEOUT_SECS` and `HTTP_MAX_CONNECTIONS` (a zero cap
    /// counts as one, so a typo cannot make a server that never accepts).
    pub fn from_config(cfg: &EdgeConfig) -> ServeLimits {
        ServeLimits {
            header_read_timeout: Duration::from_secs(cfg.header_read_timeout_secs.max(1)),
            max_connections: cfg.max_connections.max(1),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then drains (see the module doc).
pub async fn serve<L>(
    mut listener: L,
    router: Router,
    limits: ServeLimits,
    shutdown: impl Future<Output = ()> + Send,
) where
    L: Listener<Addr = SocketAddr>,
{
    let max = limits.max_connections.clamp(1, u32::MAX as usize);
    let slots = Arc::new(Semaphore::new(max));
    let (close, closing) = watch::channel(false);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let builder = Arc::new(builder);
    let mut shutdown = pin!(shutdown);
    loop {
        // A slot first: at the cap nothing is accepted until a connection closes.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (io, peer) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let service = router
            .clone()
            .map_request(move |mut req: axum::http::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req
            });
        let builder = Arc::clone(&builder);
        let mut closing = closing.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let conn =
                builder.serve_connection(TokioIo::new(io), TowerToHyperService::new(service));
            let mut conn = pin!(conn);
            tokio::select! {
                served = conn.as_mut() => log_end(served),
                () = async { drop(closing.wait_for(|c| *c).await) } => {
                    conn.as_mut().graceful_shutdown();
                    log_end(conn.await);
                }
            }
        });
    }
    drop(listener);
    close.send_replace(true);
    // Every connection holds a slot until it ends: all slots back means all closed.
    let _ = slots.acquire_many(max as u32).await;
}

/// A connection's end: errors are the client's doing (reset, timeout, bad request) and are
/// answered by hyper itself, so they are debug noise, not warnings.
fn log_end(served: Result<(), hyper::Error>) {
    if let Err(e) = served {
        tracing::debug!(error = %e, "connection ended with an error");
    }
}
