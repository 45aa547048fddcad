//! The Copart simulator: a local stand-in for `inventory.copart.io` that serves a generated
//! sales-data export at the tokenized URL with the real response headers, moves it forward 15
//! minutes at a time like the real file (`state`), and fails on demand the ways the real
//! download fails (`fault`). The ETL's integration tests and `vinops-dev simulate` use it.
//!
//! Owns: the simulated export and its versions (`state`, `export`), the HTTP surface (`routes`,
//! one table for every route), the fault switch and the connection-killing listener (`conn`),
//! and Copart's photo API with its JPEGs, faults and hostile answers (`photos`, `photo_routes`,
//! `jpeg`, `hostile`), served over https with a CA of its own (`tls`, `photo_server`).

mod conn;
mod export;
mod fault;
pub mod hostile;
mod jpeg;
mod photo_routes;
mod photo_server;
mod photos;
mod routes;
mod state;
mod tls;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use conn::ConnKill;
pub use export::{BLOCK_PAGE, Export, WRONG_HIGH_BID_NAME, etag_of};
pub use fault::{Fault, FaultName, FaultRequest};
pub use hostile::{Hostile, HostileBody};
pub use jpeg::Size as PhotoSize;
pub use photo_routes::{
    HTTPS_PREFIX, IMAGE_PREFIX, ImageLink, LOT_IMAGES_PATH, LotImage, LotImages,
};
pub use photo_server::{PhotoEndpoints, PhotoHandle, spawn_photos};
pub use photos::{PhotoConfig, PhotoFault, PhotoFaults, PhotoSim, PhotoStats};
pub use routes::{EXPORT_PATH, router};
pub use server::http_date::{http_date, parse_http_date};
pub use state::{AdvanceReport, Changes, Relist, STEP_MINUTES, SimConfig, Simulator};
pub use tls::PHOTO_HOST;

/// What the HTTP handlers share.
#[derive(Debug)]
pub struct SimState {
    pub sim: Simulator,
    pub faults: fault::FaultSlot,
    /// Requests to the export URL so far (control endpoints not counted).
    pub requests: u64,
    pub auth_key: String,
}

pub type Shared = Arc<Mutex<SimState>>;

/// Locks the state; a panic while it was held leaves it usable (every change to it is a
/// complete assignment or a whole advance).
pub fn lock(state: &Shared) -> MutexGuard<'_, SimState> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running simulator.
#[derive(Debug)]
pub struct SimHandle {
    pub addr: SocketAddr,
    pub state: Shared,
    /// The photo API, served over plain http on the same address and over https at
    /// `photo_endpoints.https`.
    pub photos: Arc<PhotoSim>,
    pub photo_endpoints: PhotoEndpoints,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<std::io::Result<()>>>,
}

/// Builds the first export and serves it on `addr` (port 0 picks a free port; see
/// [`SimHandle::addr`]).
pub async fn spawn(mut cfg: SimConfig, addr: SocketAddr) -> anyhow::Result<SimHandle> {
    // Bound first: with `photos_here`, the export's image URLs name the photo listener.
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let tls = tokio::task::spawn_blocking(tls::SimTls::generate)
        .await
        .context("generating the simulator's certificate")??;
    let https = TcpListener::bind(SocketAddr::new(addr.ip(), 0))
        .await
        .with_context(|| format!("binding {}", addr.ip()))?;
    let photo_endpoints = PhotoEndpoints::new(
        https.local_addr().context("reading the bound address")?,
        addr,
        tls.clone(),
    );
    if cfg.photos_here {
        cfg.image_api_base = Some(photo_endpoints.base_url());
    }
    let auth_key = cfg.auth_key.clone();
    let photos = Arc::new(PhotoSim::new(cfg.photos.clone()));
    let sim = tokio::task::spawn_blocking(move || Simulator::new(&cfg))
        .await
        .context("generating the first export")??;
    let state: Shared = Arc::new(Mutex::new(SimState {
        sim,
        faults: fault::FaultSlot::default(),
        requests: 0,
        auth_key,
    }));
    let app = router(Arc::clone(&state))
        .merge(photo_routes::router(Arc::clone(&photos)))
        .into_make_service_with_connect_info::<ConnKill>();
    let (stop, rx) = watch::channel(false);
    let secure = photo_server::serve_https(&tls, https, Arc::clone(&photos), rx.clone())?;
    let plain = tokio::spawn(async move {
        axum::serve(conn::KillableListener::new(listener), app)
            .with_graceful_shutdown(photo_server::stopped(rx))
            .await
    });
    Ok(SimHandle {
        addr,
        state,
        photos,
        photo_endpoints,
        stop,
        tasks: vec![plain, secure],
    })
}

impl SimHandle {
    /// The tokenized export URL, with the right key.
    pub fn url(&self) -> String {
        let key = lock(&self.state).auth_key.clone();
        format!("http://{}{EXPORT_PATH}?authKey={key}", self.addr)
    }

    /// One 15-minute step (blocking: renders the new export).
    pub fn advance(&self) -> anyhow::Result<AdvanceReport> {
        lock(&self.state).sim.advance()
    }

    /// The lot numbers behind the last advance.
    pub fn last_changes(&self) -> Changes {
        lock(&self.state).sim.last_changes().clone()
    }

    /// The export currently served.
    pub fn export(&self) -> Arc<Export> {
        lock(&self.state).sim.export()
    }

    /// Makes the next `times` requests to the export URL fail with `fault` (0 clears it).
    pub fn set_fault(&self, fault: Fault, times: usize) {
        lock(&self.state).faults.set(fault, times);
    }

    /// Requests to the export URL so far.
    pub fn requests(&self) -> u64 {
        lock(&self.state).requests
    }

    /// Stops accepting, lets requests in flight finish, and waits for the server to stop.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        for task in self.tasks.drain(..) {
            task.await
                .context("simulator task")?
                .context("serving the simulator")?;
        }
        Ok(())
    }
}
