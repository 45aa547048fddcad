//! Copart's photo API, simulated: `GET /v1/lotImages/{lot}?country=us&brand=cprt&yardNumber=N`
//! answers JSON in the real shape (reference §6.1) whose links point at JPEGs this server also
//! serves. Which lots have photos, and how many, follows from the lot number and the seed alone,
//! so any lot of any generated export has an answer and tests know the ground truth
//! ([`PhotoSim::photo_count`], [`jpeg::render`]).
//!
//! Faults, each a share of requests (metadata and images alike) drawn from a seeded generator:
//! throttling (429 + `Retry-After`), server errors (503), slow answers; and, switchable, the
//! real API's http→https redirect (a 302 to the same path under `/https/`). The next N requests
//! can also be forced to one fault, for tests that measure a single one.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use vinops::generator::Rng;

use super::jpeg::{self, Size};

/// The metadata path, as on `inventoryv2.copart.io`.
pub const LOT_IMAGES_PATH: &str = "/v1/lotImages/{lot}";
/// Where the redirect sends metadata requests (the simulator speaks plain HTTP only).
pub const HTTPS_PREFIX: &str = "/https";
/// Image paths, shaped like Copart's CDN.
const IMAGE_PREFIX: &str = "/v1/AUTH_svc.pdoc00001/lpp";

const FAULT_STREAM: u64 = 0xFA17_F070_5EED_0001;

/// Which lots have how many photos.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoConfig {
    pub seed: u64,
    /// Per 100 lots, how many answer 404 (photos gone).
    pub none_per_100: u32,
    /// Photos of a lot that has some: between these, inclusive.
    pub min_photos: u16,
    pub max_photos: u16,
    pub faults: PhotoFaults,
}

impl Default for PhotoConfig {
    /// 5% of lots without photos, 8–14 photos otherwise (Copart lots have ~10–16), no faults.
    fn default() -> Self {
        PhotoConfig {
            seed: 42,
            none_per_100: 5,
            min_photos: 8,
            max_photos: 14,
            faults: PhotoFaults::default(),
        }
    }
}

/// Shares of requests that fail, and how (body of `POST /__sim/photo_faults`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoFaults {
    /// Share (0–1) answered 429 with `Retry-After: retry_after_secs`.
    pub throttle_rate: f64,
    pub retry_after_secs: u64,
    /// Share answered 503.
    pub error_rate: f64,
    /// Share answered `slow_ms` late (otherwise normally).
    pub slow_rate: f64,
    pub slow_ms: u64,
    /// Metadata requests to `/v1/lotImages` get a 302 to `/https/v1/lotImages` (like Copart's
    /// http→https redirect).
    pub redirect: bool,
}

impl Default for PhotoFaults {
    fn default() -> Self {
        PhotoFaults {
            throttle_rate: 0.0,
            retry_after_secs: 1,
            error_rate: 0.0,
            slow_rate: 0.0,
            slow_ms: 0,
            redirect: true,
        }
    }
}

/// One fault forced onto the next N requests (`POST /__sim/photo_fault_next`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "fault")]
pub enum PhotoFault {
    Throttle { retry_after_secs: u64 },
    ServerError,
    Slow { delay_ms: u64 },
}

/// Request counters (`GET /__sim/photo_stats`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoStats {
    pub metadata_requests: u64,
    pub image_requests: u64,
    /// Of the image requests: `_hrs` ones (the job must never make any).
    pub hrs_requests: u64,
    pub redirects: u64,
    pub throttled: u64,
    pub server_errors: u64,
    pub slow: u64,
    pub not_found: u64,
}

#[derive(Debug, Default)]
struct Counters {
    metadata: AtomicU64,
    image: AtomicU64,
    hrs: AtomicU64,
    redirects: AtomicU64,
    throttled: AtomicU64,
    errors: AtomicU64,
    slow: AtomicU64,
    not_found: AtomicU64,
}

#[derive(Debug)]
struct FaultState {
    faults: PhotoFaults,
    rng: Rng,
    next: Option<(PhotoFault, usize)>,
}

/// The photo API's state, shared by its handlers.
#[derive(Debug)]
pub struct PhotoSim {
    cfg: PhotoConfig,
    faults: Mutex<FaultState>,
    counters: Counters,
    /// Rendered JPEGs (bounded; cleared when full): retries and reruns ask for the same ones.
    cache: Mutex<HashMap<(u32, u16, Size), Bytes>>,
}

const CACHE_MAX: usize = 4096;

impl PhotoSim {
    pub fn new(cfg: PhotoConfig) -> PhotoSim {
        let faults = FaultState {
            faults: cfg.faults,
            rng: Rng::new(cfg.seed, FAULT_STREAM),
            next: None,
        };
        PhotoSim {
            cfg,
            faults: Mutex::new(faults),
            counters: Counters::default(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &PhotoConfig {
        &self.cfg
    }

    /// How many photos `lot` has (0: the API answers 404). Ground truth for tests.
    pub fn photo_count(&self, lot: u32) -> u16 {
        let mut rng = Rng::new(self.cfg.seed ^ u64::from(lot), 0x0F07_0C0E);
        if rng.below(100) < u64::from(self.cfg.none_per_100) {
            return 0;
        }
        let (lo, hi) = (
            self.cfg.min_photos.max(1),
            self.cfg.max_photos.max(self.cfg.min_photos.max(1)),
        );
        lo + rng.below(u64::from(hi - lo) + 1) as u16
    }

    /// The JPEG served for photo `seq` of `lot` (whether or not the lot has it).
    pub fn image(&self, lot: u32, seq: u16, size: Size) -> anyhow::Result<Bytes> {
        let key = (lot, seq, size);
        if let Some(b) = lock(&self.cache).get(&key) {
            return Ok(b.clone());
        }
        let bytes = jpeg::render(lot, seq, size)?;
        let mut cache = lock(&self.cache);
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert(key, bytes.clone());
        Ok(bytes)
    }

    pub fn set_faults(&self, faults: PhotoFaults) {
        lock(&self.faults).faults = faults;
    }

    pub fn faults(&self) -> PhotoFaults {
        lock(&self.faults).faults
    }

    /// Forces `fault` onto the next `times` requests (0 clears it).
    pub fn fault_next(&self, fault: PhotoFault, times: usize) {
        lock(&self.faults).next = (times > 0).then_some((fault, times));
    }

    pub fn stats(&self) -> PhotoStats {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        PhotoStats {
            metadata_requests: get(&c.metadata),
            image_requests: get(&c.image),
            hrs_requests: get(&c.hrs),
            redirects: get(&c.redirects),
            throttled: get(&c.throttled),
            server_errors: get(&c.errors),
            slow: get(&c.slow),
            not_found: get(&c.not_found),
        }
    }

    /// The fault for this request, if any: a forced one first, then the configured shares.
    fn draw_fault(&self) -> Option<PhotoFault> {
        let mut s = lock(&self.faults);
        if let Some((fault, left)) = s.next.as_mut() {
            let fault = *fault;
            *left -= 1;
            if *left == 0 {
                s.next = None;
            }
            return Some(fault);
        }
        let f = s.faults;
        // Per-million integer draws: the same sequence on every platform.
        let roll = s.rng.below(1_000_000) as f64 / 1_000_000.0;
        if roll < f.throttle_rate {
            Some(PhotoFault::Throttle {
                retry_after_secs: f.retry_after_secs,
            })
        } else if roll < f.throttle_rate + f.error_rate {
            Some(PhotoFault::ServerError)
        } else if roll < f.throttle_rate + f.error_rate + f.slow_rate {
            Some(PhotoFault::Slow {
                delay_ms: f.slow_ms,
            })
        } else {
            None
        }
    }

    /// Applies this request's fault: `Some(response)` to answer with instead, `None` to go on
    /// (after the delay of a slow answer).
    async fn fault_response(&self) -> Option<Response> {
        match self.draw_fault()? {
            PhotoFault::Throttle { retry_after_secs } => {
                self.counters.throttled.fetch_add(1, Ordering::Relaxed);
                Some(
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        [(header::RETRY_AFTER, retry_after_secs.to_string())],
                        "Too Many Requests",
                    )
                        .into_response(),
                )
            }
            PhotoFault::ServerError => {
                self.counters.errors.fetch_add(1, Ordering::Relaxed);
                Some((StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response())
            }
            PhotoFault::Slow { delay_ms } => {
                self.counters.slow.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                None
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The photo API's routes and its control endpoints.
pub fn router(sim: Arc<PhotoSim>) -> Router {
    Router::new()
        .route(LOT_IMAGES_PATH, get(lot_images_http))
        .route("/https/v1/lotImages/{lot}", get(lot_images))
        .route("/v1/AUTH_svc.pdoc00001/lpp/{lot}/{file}", get(image))
        .route("/__sim/photo_faults", post(set_faults).get(get_faults))
        .route("/__sim/photo_fault_next", post(fault_next))
        .route("/__sim/photo_stats", get(stats))
        .with_state(sim)
}

/// The JSON body (reference §6.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LotImages {
    pub lot_images: Vec<LotImage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotImage {
    pub sequence: u16,
    pub link: Vec<ImageLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageLink {
    pub url: String,
    pub is_thumb_nail: bool,
    pub is_hd_image: bool,
}

fn host(headers: &HeaderMap) -> &str {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
}

async fn lot_images_http(
    State(sim): State<Arc<PhotoSim>>,
    Path(lot): Path<String>,
    request: Request,
) -> Response {
    if sim.faults().redirect {
        sim.counters.redirects.fetch_add(1, Ordering::Relaxed);
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let to = format!(
            "http://{}{HTTPS_PREFIX}/v1/lotImages/{lot}{query}",
            host(request.headers())
        );
        return (StatusCode::FOUND, [(header::LOCATION, to)]).into_response();
    }
    lot_images(State(sim), Path(lot), request).await
}

async fn lot_images(
    State(sim): State<Arc<PhotoSim>>,
    Path(lot): Path<String>,
    request: Request,
) -> Response {
    sim.counters.metadata.fetch_add(1, Ordering::Relaxed);
    if let Some(r) = sim.fault_response().await {
        return r;
    }
    let count = lot.parse::<u32>().map_or(0, |n| sim.photo_count(n));
    if count == 0 {
        sim.counters.not_found.fetch_add(1, Ordering::Relaxed);
        return (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({"error": "Not Found"})),
        )
            .into_response();
    }
    let base = format!("http://{}{IMAGE_PREFIX}/{lot}", host(request.headers()));
    let lot_images = (1..=count)
        .map(|sequence| LotImage {
            sequence,
            link: Size::ALL
                .into_iter()
                .map(|size| ImageLink {
                    url: format!("{base}/{sequence}_{}.jpg", size.suffix()),
                    is_thumb_nail: size == Size::Thumb,
                    is_hd_image: size == Size::HighRes,
                })
                .collect(),
        })
        .collect();
    Json(LotImages { lot_images }).into_response()
}

async fn image(
    State(sim): State<Arc<PhotoSim>>,
    Path((lot, file)): Path<(String, String)>,
) -> Response {
    sim.counters.image.fetch_add(1, Ordering::Relaxed);
    let parsed = file
        .strip_suffix(".jpg")
        .and_then(|f| f.split_once('_'))
        .and_then(|(seq, size)| Some((seq.parse::<u16>().ok()?, Size::from_suffix(size)?)));
    if parsed.is_some_and(|(_, size)| size == Size::HighRes) {
        sim.counters.hrs.fetch_add(1, Ordering::Relaxed);
    }
    if let Some(r) = sim.fault_response().await {
        return r;
    }
    let (Ok(lot), Some((seq, size))) = (lot.parse::<u32>(), parsed) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if seq == 0 || seq > sim.photo_count(lot) {
        sim.counters.not_found.fetch_add(1, Ordering::Relaxed);
        return StatusCode::NOT_FOUND.into_response();
    }
    let sim2 = Arc::clone(&sim);
    match tokio::task::spawn_blocking(move || sim2.image(lot, seq, size)).await {
        Ok(Ok(bytes)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => {
            tracing::error!(error = format!("{e:#}"), "rendering a photo");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "photo task failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn set_faults(State(sim): State<Arc<PhotoSim>>, Json(f): Json<PhotoFaults>) -> StatusCode {
    sim.set_faults(f);
    StatusCode::NO_CONTENT
}

async fn get_faults(State(sim): State<Arc<PhotoSim>>) -> Json<PhotoFaults> {
    Json(sim.faults())
}

/// Body of `POST /__sim/photo_fault_next`: `{"fault": "throttle", "retry_after_secs": 2,
/// "times": 1}`.
#[derive(Debug, Deserialize)]
struct FaultNext {
    #[serde(flatten)]
    fault: PhotoFault,
    times: usize,
}

async fn fault_next(State(sim): State<Arc<PhotoSim>>, Json(req): Json<FaultNext>) -> StatusCode {
    sim.fault_next(req.fault, req.times);
    StatusCode::NO_CONTENT
}

async fn stats(State(sim): State<Arc<PhotoSim>>) -> Json<PhotoStats> {
    Json(sim.stats())
}

/// A running photo API on its own (the demo and the benchmark use it without the export).
#[derive(Debug)]
pub struct PhotoHandle {
    pub addr: std::net::SocketAddr,
    pub sim: Arc<PhotoSim>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl PhotoHandle {
    /// `http://addr`: the base to put in generated `Image URL`s.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        use anyhow::Context;
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await
                .context("photo API task")?
                .context("serving the photo API")?;
        }
        Ok(())
    }
}

/// Serves the photo API alone on `addr` (port 0: a free port).
pub async fn spawn_photos(
    cfg: PhotoConfig,
    addr: std::net::SocketAddr,
) -> anyhow::Result<PhotoHandle> {
    use anyhow::Context;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let sim = Arc::new(PhotoSim::new(cfg));
    let app = router(Arc::clone(&sim));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
    });
    Ok(PhotoHandle {
        addr,
        sim,
        shutdown: Some(tx),
        task: Some(task),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_counts_follow_the_config() {
        let sim = PhotoSim::new(PhotoConfig::default());
        let counts: Vec<u16> = (47_000_000..47_001_000)
            .map(|l| sim.photo_count(l))
            .collect();
        let none = counts.iter().filter(|c| **c == 0).count();
        assert!(
            (20..=90).contains(&none),
            "{none} of 1000 lots without photos"
        );
        assert!(counts.iter().all(|c| *c == 0 || (8..=14).contains(c)));
        assert_eq!(sim.photo_count(47_000_123), sim.photo_count(47_000_123));
    }

    #[test]
    fn fault_shares_are_close_to_the_configured_rate() {
        let sim = PhotoSim::new(PhotoConfig::default());
        sim.set_faults(PhotoFaults {
            throttle_rate: 0.1,
            error_rate: 0.2,
            ..PhotoFaults::default()
        });
        let faults = (0..10_000).filter(|_| sim.draw_fault().is_some()).count();
        assert!(
            (2_700..=3_300).contains(&faults),
            "{faults} faults of 10,000"
        );
        sim.fault_next(PhotoFault::ServerError, 2);
        sim.set_faults(PhotoFaults::default());
        assert_eq!(sim.draw_fault(), Some(PhotoFault::ServerError));
        assert_eq!(sim.draw_fault(), Some(PhotoFault::ServerError));
        assert_eq!(sim.draw_fault(), None);
    }
}
