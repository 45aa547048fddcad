//! The simulator's https, like the real photo API's: a CA made at start (`crate::pki`) (kept in memory; its
//! PEM is what a client adds to its roots to trust the simulator, e.g. `IMAGES_EXTRA_CA_FILE`),
//! a server certificate from it for the simulator's names, and a listener that runs each TLS
//! handshake in its own task, so a client that stalls its handshake holds up nobody else.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;

use crate::pki::DevPki;

/// The photo API's host name (a reserved `.test` name: it never resolves by DNS, so a client
/// reaches it only through a pin).
pub const PHOTO_HOST: &str = "photos.sim.test";

/// Names the certificate covers: the photo host, any other `*.sim.test` (tests use more names
/// for hosts that must be refused), `localhost` and the loopback addresses (IPv4-mapped too) —
/// so a refusal in a test comes from the client's rules, never from a certificate mismatch.
const DNS_NAMES: [&str; 3] = [PHOTO_HOST, "*.sim.test", "localhost"];
const IPS: [IpAddr; 3] = [
    IpAddr::V4(Ipv4Addr::LOCALHOST),
    IpAddr::V6(Ipv6Addr::LOCALHOST),
    IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped()),
];

const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// A CA and a server configuration with a certificate it issued.
#[derive(Clone)]
pub struct SimTls {
    ca_pem: String,
    config: Arc<ServerConfig>,
}

impl std::fmt::Debug for SimTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimTls")
    }
}

impl SimTls {
    pub fn generate() -> anyhow::Result<SimTls> {
        let pki = DevPki::generate("Vinops simulator CA (development only)", &DNS_NAMES, &IPS)?;
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .context("TLS versions")?
            .with_no_client_auth()
            .with_single_cert(pki.chain_der(), pki.key_der())
            .context("server TLS configuration")?;
        // HTTP/1.1 only: the handlers read the `Host` header.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(SimTls {
            ca_pem: pki.ca_pem().to_owned(),
            config: Arc::new(config),
        })
    }

    /// The CA certificate, PEM: trust it to talk to the simulator.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Accepts on `listener`, handing out connections once their handshake is done.
    pub fn listen(&self, listener: TcpListener) -> anyhow::Result<TlsListener> {
        let local = listener.local_addr().context("reading the bound address")?;
        let acceptor = TlsAcceptor::from(Arc::clone(&self.config));
        let (tx, rx) = mpsc::channel(64);
        let task = tokio::spawn(async move {
            loop {
                let (tcp, peer) = match listener.accept().await {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::warn!(error = %e, "simulator: accept failed");
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    let _ = tcp.set_nodelay(true);
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                        Ok(Ok(tls)) => {
                            let _ = tx.send((tls, peer)).await;
                        }
                        // A client that does not trust us, or talks plain HTTP: its problem.
                        Ok(Err(e)) => {
                            tracing::debug!(error = %e, "simulator: TLS handshake failed")
                        }
                        Err(_) => tracing::debug!("simulator: TLS handshake timed out"),
                    }
                });
            }
        });
        Ok(TlsListener { rx, local, task })
    }
}

/// Connections whose TLS handshake is done, for `axum::serve`.
pub struct TlsListener {
    rx: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
    task: JoinHandle<()>,
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.rx.recv().await {
            Some(conn) => conn,
            // The accept task only ends when this listener is dropped.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}
