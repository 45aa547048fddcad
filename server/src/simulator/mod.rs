//! The Copart simulator: a local stand-in for `inventory.copart.io` that serves a generated
//! sales-data export at the tokenized URL with the real response headers, moves it forward 15
//! minutes at a time like the real file (`state`), and fails on demand the ways the real
//! download fails (`fault`). The ETL's integration tests and `vinops-server simulate` use it.
//!
//! Owns: the simulated export and its versions (`state`, `export`), the HTTP surface (`routes`,
//! one table for every route), the fault switch and the connection-killing listener (`conn`),
//! and Copart's photo API with its JPEGs and faults (`photos`, `jpeg`).

mod conn;
mod export;
mod fault;
mod jpeg;
mod photos;
mod routes;
mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use crate::http_date::{http_date, parse_http_date};
pub use conn::ConnKill;
pub use export::{BLOCK_PAGE, Export, WRONG_HIGH_BID_NAME, etag_of};
pub use fault::{Fault, FaultName, FaultRequest};
pub use jpeg::Size as PhotoSize;
pub use photos::{
    HTTPS_PREFIX, ImageLink, LOT_IMAGES_PATH, LotImage, LotImages, PhotoConfig, PhotoFault,
    PhotoFaults, PhotoHandle, PhotoSim, PhotoStats, spawn_photos,
};
pub use routes::{EXPORT_PATH, router};
pub use state::{AdvanceReport, Changes, Relist, STEP_MINUTES, SimConfig, Simulator};

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
    /// The photo API served on the same address.
    pub photos: Arc<PhotoSim>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// Builds the first export and serves it on `addr` (port 0 picks a free port; see
/// [`SimHandle::addr`]).
pub async fn spawn(mut cfg: SimConfig, addr: SocketAddr) -> anyhow::Result<SimHandle> {
    // Bound first: with `photos_here`, the export's image URLs name this very address.
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    if cfg.photos_here {
        cfg.image_api_base = Some(format!("http://{addr}"));
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
        .merge(photos::router(Arc::clone(&photos)))
        .into_make_service_with_connect_info::<ConnKill>();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(conn::KillableListener::new(listener), app)
            .with_graceful_shutdown(async {
                // A dropped sender also stops the server.
                let _ = rx.await;
            })
            .await
    });
    Ok(SimHandle {
        addr,
        state,
        photos,
        shutdown: Some(tx),
        task: Some(task),
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
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .context("simulator task")?
                .context("serving the simulator")?;
        }
        Ok(())
    }
}
