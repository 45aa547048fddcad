//! The HTTP side: the public router (Leptos pages, JSON API, liveness and readiness, static
//! files, `/media` photos), the operator listener's router (`ops`) and the listeners.

pub mod api;
pub mod media;
pub mod ops;
mod pages;
mod router;
pub mod seo;

pub use router::{AppState, router};

use std::net::SocketAddr;

use anyhow::Context;
use axum::serve::{ListenerExt, TapIo};
use tokio::net::{TcpListener, TcpStream};

/// The site's listener: TCP with `TCP_NODELAY` on every accepted socket. A named type (not
/// `impl Listener`) so `ConnectInfo<SocketAddr>` works with it: the API's rate limit keys on the
/// peer address.
pub type SiteListener = TapIo<TcpListener, fn(&mut TcpStream)>;

fn set_nodelay(tcp: &mut TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::warn!(error = %e, "could not set TCP_NODELAY");
    }
}

/// Binds the listener with TCP_NODELAY. Without it, streamed SSR responses hit Nagle + delayed
/// ACK and the server tops out near 370 req/s at ~43 ms each (measured, TOOLCHAIN.md §7).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<SiteListener> {
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    Ok(listener.tap_io(set_nodelay as fn(&mut TcpStream)))
}

/// Resolves when the process receives SIGTERM or Ctrl-C; the server then stops accepting and
/// finishes the requests in flight.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, draining connections");
}
