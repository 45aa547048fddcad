//! Serving the simulated photo API: over https (the address clients use, with a certificate from
//! the simulator's own CA, see `tls`) and over plain http beside it (only so a test can point a
//! hostile redirect at plain http). [`PhotoEndpoints`] tells a client how to reach and trust
//! it: the fetcher's network rules for it, or the same as environment settings.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::photo_routes::{Https, router_for};
use super::photos::{PhotoConfig, PhotoSim};
use super::tls::{PHOTO_HOST, SimTls};
use server::images::net::{ExtraRoots, HostPattern, NetPolicy, Pin};

/// Where the photo API listens and what a client must trust.
#[derive(Debug, Clone)]
pub struct PhotoEndpoints {
    /// The https listener.
    pub https: SocketAddr,
    /// Plain http (the same routes).
    pub http: SocketAddr,
    tls: SimTls,
}

impl PhotoEndpoints {
    pub(super) fn new(https: SocketAddr, http: SocketAddr, tls: SimTls) -> PhotoEndpoints {
        PhotoEndpoints { https, http, tls }
    }

    /// `https://photos.sim.test:{port}`: the base to put in generated `Image URL`s.
    pub fn base_url(&self) -> String {
        format!("https://{PHOTO_HOST}:{}", self.https.port())
    }

    /// `http://photos.sim.test:{port}`.
    pub fn http_base_url(&self) -> String {
        format!("http://{PHOTO_HOST}:{}", self.http.port())
    }

    /// The CA that issued the simulator's certificate, PEM.
    pub fn ca_pem(&self) -> &str {
        self.tls.ca_pem()
    }

    /// The images job's network rules for this simulator: the real defaults, plus the photo host
    /// allowed and pinned to the simulator's address, and its CA trusted.
    pub fn net(&self) -> anyhow::Result<NetPolicy> {
        let mut net = NetPolicy {
            allowed: NetPolicy::default()
                .allowed
                .with(HostPattern::Exact(PHOTO_HOST.to_owned())),
            extra_roots: Some(ExtraRoots::from_pem("simulator", self.ca_pem().as_bytes())?),
            ..NetPolicy::default()
        };
        net.pins.insert(
            PHOTO_HOST,
            Pin {
                ip: self.https.ip(),
                port: None,
            },
        )?;
        Ok(net)
    }

    /// The same rules as the environment of another process (`serve`, `images backfill`),
    /// with the CA written to `ca_file`.
    pub fn env(&self, ca_file: &Path) -> anyhow::Result<Vec<(&'static str, String)>> {
        std::fs::write(ca_file, self.ca_pem())
            .with_context(|| format!("writing {}", ca_file.display()))?;
        let net = self.net()?;
        Ok(vec![
            ("IMAGES_ALLOWED_HOSTS", net.allowed.to_string()),
            ("IMAGES_PINNED_HOSTS", net.pins.to_string()),
            ("IMAGES_EXTRA_CA_FILE", ca_file.display().to_string()),
        ])
    }
}

/// Serves `sim` over https on `listener` until `stop` turns true.
pub(super) fn serve_https(
    tls: &SimTls,
    listener: TcpListener,
    sim: Arc<PhotoSim>,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<JoinHandle<std::io::Result<()>>> {
    let listener = tls.listen(listener)?;
    let app = router_for(sim, Https(true));
    Ok(tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(stopped(stop))
            .await
    }))
}

pub(super) async fn stopped(mut stop: watch::Receiver<bool>) {
    // A dropped sender also stops the server.
    let _ = stop.wait_for(|s| *s).await;
}

/// A running photo API on its own (the demo, the benchmark and tests use it without the export).
#[derive(Debug)]
pub struct PhotoHandle {
    /// The https address.
    pub addr: SocketAddr,
    pub endpoints: PhotoEndpoints,
    pub sim: Arc<PhotoSim>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<std::io::Result<()>>>,
}

impl PhotoHandle {
    /// `https://photos.sim.test:{port}` (see [`PhotoEndpoints::base_url`]).
    pub fn base_url(&self) -> String {
        self.endpoints.base_url()
    }

    /// The images job's network rules for this simulator (see [`PhotoEndpoints::net`]).
    pub fn net(&self) -> NetPolicy {
        // Built from the simulator's own fresh CA; failing would be a bug, not a condition.
        self.endpoints.net().expect("the simulator's own CA parses")
    }

    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        for task in self.tasks.drain(..) {
            task.await
                .context("photo API task")?
                .context("serving the photo API")?;
        }
        Ok(())
    }
}

/// Serves the photo API alone: https on `addr` (port 0: a free port), plain http on another
/// free port of the same IP.
pub async fn spawn_photos(cfg: PhotoConfig, addr: SocketAddr) -> anyhow::Result<PhotoHandle> {
    let tls = tokio::task::spawn_blocking(SimTls::generate)
        .await
        .context("generating the simulator's certificate")??;
    let https = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let http = TcpListener::bind(SocketAddr::new(addr.ip(), 0))
        .await
        .with_context(|| format!("binding {}", addr.ip()))?;
    let endpoints = PhotoEndpoints::new(
        https.local_addr().context("reading the bound address")?,
        http.local_addr().context("reading the bound address")?,
        tls.clone(),
    );
    let sim = Arc::new(PhotoSim::new(cfg));
    let (stop, rx) = watch::channel(false);
    let secure = serve_https(&tls, https, Arc::clone(&sim), rx.clone())?;
    let app = router_for(Arc::clone(&sim), Https(false));
    let plain = tokio::spawn(async move {
        axum::serve(http, app)
            .with_graceful_shutdown(stopped(rx))
            .await
    });
    Ok(PhotoHandle {
        addr: endpoints.https,
        endpoints,
        sim,
        stop,
        tasks: vec![secure, plain],
    })
}
