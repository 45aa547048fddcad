//! The simulated photo API's routes: `GET /v1/lotImages/{lot}?country=us&brand=cprt&yardNumber=N`
//! answers JSON in the real API's shape (lot number, image count, per-image links) whose links point at JPEGs this server also
//! serves, on the scheme and host the request came in on; and the control endpoints
//! (`/__sim/photo_*`). The same table serves the https listener and plain http (merged into the
//! export simulator's server); each answer knows which through its [`Origin`].

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};

use super::hostile::{Hostile, Origin};
use super::jpeg::Size;
use super::photos::{PhotoFault, PhotoFaults, PhotoSim, PhotoStats};

/// The metadata path, as on `inventoryv2.copart.io`.
pub const LOT_IMAGES_PATH: &str = "/v1/lotImages/{lot}";
/// Where the simulator's redirect sends metadata requests (same scheme and host).
pub const HTTPS_PREFIX: &str = "/https";
/// Image paths, shaped like Copart's CDN.
pub const IMAGE_PREFIX: &str = "/v1/AUTH_svc.pdoc00001/lpp";

/// Which listener a router serves (a request extension, read into each answer's [`Origin`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Https(pub bool);

/// The photo API's routes and its control endpoints, over plain http.
pub fn router(sim: Arc<PhotoSim>) -> Router {
    router_for(sim, Https(false))
}

/// The same, for a listener that is (or is not) https.
pub fn router_for(sim: Arc<PhotoSim>, https: Https) -> Router {
    Router::new()
        .route(LOT_IMAGES_PATH, get(lot_images_entry))
        .route("/https/v1/lotImages/{lot}", get(lot_images))
        .route("/v1/AUTH_svc.pdoc00001/lpp/{lot}/{file}", get(image))
        .route("/__sim/photo_faults", post(set_faults).get(get_faults))
        .route("/__sim/photo_fault_next", post(fault_next))
        .route("/__sim/photo_hostile", post(set_hostile))
        .route("/__sim/photo_stats", get(stats))
        .with_state(sim)
        .layer(Extension(https))
}

/// The JSON body, shaped like the real photo API's answer.
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

fn origin(request: &Request, Https(https): Https) -> Origin {
    let authority = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.to_string()))
        .unwrap_or_else(|| "127.0.0.1".to_owned());
    Origin { https, authority }
}

fn path_and_query(request: &Request) -> String {
    request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().path().to_owned(), |p| p.to_string())
}

fn redirect(to: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, to)]).into_response()
}

/// A hostile answer to a metadata request, when the lot has one.
fn hostile_metadata(
    sim: &PhotoSim,
    lot: &str,
    origin: &Origin,
    request: &Request,
) -> Option<Response> {
    let answer = match sim.hostile_for(lot, origin)? {
        Hostile::RedirectMetadata { to } => {
            redirect(Hostile::target(&to, &path_and_query(request)))
        }
        Hostile::MetadataBody { body } => body.response("application/json"),
        _ => return None,
    };
    sim.counters.hostile.fetch_add(1, Ordering::Relaxed);
    Some(answer)
}

async fn lot_images_entry(
    State(sim): State<Arc<PhotoSim>>,
    Extension(https): Extension<Https>,
    Path(lot): Path<String>,
    request: Request,
) -> Response {
    let origin = origin(&request, https);
    sim.note(&origin);
    if let Some(r) = hostile_metadata(&sim, &lot, &origin, &request) {
        return r;
    }
    if sim.faults().redirect {
        sim.counters.redirects.fetch_add(1, Ordering::Relaxed);
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        return redirect(format!(
            "{}{HTTPS_PREFIX}/v1/lotImages/{lot}{query}",
            origin.base()
        ));
    }
    answer_lot_images(&sim, &lot, &origin).await
}

async fn lot_images(
    State(sim): State<Arc<PhotoSim>>,
    Extension(https): Extension<Https>,
    Path(lot): Path<String>,
    request: Request,
) -> Response {
    let origin = origin(&request, https);
    sim.note(&origin);
    if let Some(r) = hostile_metadata(&sim, &lot, &origin, &request) {
        return r;
    }
    answer_lot_images(&sim, &lot, &origin).await
}

async fn answer_lot_images(sim: &PhotoSim, lot: &str, origin: &Origin) -> Response {
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
    let host = match sim.hostile_for(lot, origin) {
        Some(Hostile::LinkImagesTo { base }) => {
            sim.counters.hostile.fetch_add(1, Ordering::Relaxed);
            base
        }
        _ => origin.base(),
    };
    let base = format!("{host}{IMAGE_PREFIX}/{lot}");
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
    Extension(https): Extension<Https>,
    Path((lot, file)): Path<(String, String)>,
    request: Request,
) -> Response {
    let origin = origin(&request, https);
    sim.note(&origin);
    sim.counters.image.fetch_add(1, Ordering::Relaxed);
    let parsed = file
        .strip_suffix(".jpg")
        .and_then(|f| f.split_once('_'))
        .and_then(|(seq, size)| Some((seq.parse::<u16>().ok()?, Size::from_suffix(size)?)));
    if parsed.is_some_and(|(_, size)| size == Size::HighRes) {
        sim.counters.hrs.fetch_add(1, Ordering::Relaxed);
    }
    match sim.hostile_for(&lot, &origin) {
        Some(Hostile::RedirectImages { to }) => {
            sim.counters.hostile.fetch_add(1, Ordering::Relaxed);
            return redirect(Hostile::target(&to, &path_and_query(&request)));
        }
        Some(Hostile::ImageBody { body }) => {
            sim.counters.hostile.fetch_add(1, Ordering::Relaxed);
            return body.response("image/jpeg");
        }
        _ => {}
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

/// Body of `POST /__sim/photo_hostile`: `{"lot": 47000001, "behaviour": {"kind":
/// "redirect_images", "to": "https://127.0.0.1:9443{path}"}}`; without `behaviour` the lot is
/// normal again.
#[derive(Debug, Deserialize)]
struct SetHostile {
    lot: u32,
    #[serde(default)]
    behaviour: Option<Hostile>,
}

async fn set_hostile(State(sim): State<Arc<PhotoSim>>, Json(req): Json<SetHostile>) -> StatusCode {
    sim.set_hostile(req.lot, req.behaviour);
    StatusCode::NO_CONTENT
}

async fn stats(State(sim): State<Arc<PhotoSim>>) -> Json<PhotoStats> {
    Json(sim.stats())
}
