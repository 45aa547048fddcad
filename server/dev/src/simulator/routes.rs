//! Every route of the simulated Copart host, in one table: the tokenized export URL and the
//! `/__sim/*` control endpoints (advance, fault, state, and the ground truth of the last
//! advance). Copart's photo API (`/v1/lotImages/{lot}`) has its own table in `photos`, merged
//! into this one by `spawn`.

use std::io;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::{self, StreamExt};
use serde::Serialize;

use super::conn::ConnKill;
use super::export::{BLOCK_PAGE, Export};
use super::fault::{Fault, FaultRequest};
use super::state::Changes;
use super::{Shared, lock};

/// The path of the tokenized export URL (the token is the `authKey` query parameter).
pub const EXPORT_PATH: &str = "/FTPLSTDM/salesdata.cgi";

pub fn router(state: Shared) -> Router {
    Router::new()
        // `get` also answers HEAD, with the same headers and no body.
        .route(EXPORT_PATH, get(salesdata))
        .route("/__sim/advance", post(advance))
        .route("/__sim/fault", post(set_fault))
        .route("/__sim/state", get(sim_state))
        .route("/__sim/changes", get(last_changes))
        .with_state(state)
}

async fn salesdata(State(state): State<Shared>, request: Request) -> Response {
    let (fault, export, key_ok) = {
        let mut s = lock(&state);
        s.requests += 1;
        let fault = s.faults.take();
        let key = query_param(request.uri().query(), "authKey");
        (fault, s.sim.export(), key == Some(s.auth_key.as_str()))
    };
    match fault {
        None => {}
        Some(Fault::Slow { delay_ms }) => tokio::time::sleep(Duration::from_millis(delay_ms)).await,
        Some(Fault::Reset) => {
            if let Some(ConnectInfo(conn)) = request.extensions().get::<ConnectInfo<ConnKill>>() {
                conn.kill();
            }
            // Never written when the connection was killed; a plain 500 otherwise (a router
            // served without the killable listener).
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Some(other) => return fault_response(other, &export),
    }
    if !key_ok {
        // What Copart's CDN does to a request it does not like: 200, and not the file.
        return block_page();
    }
    let headers = request.headers();
    if export.not_modified(
        header_str(headers, header::IF_NONE_MATCH),
        header_str(headers, header::IF_MODIFIED_SINCE),
    ) {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, export.etag.clone()),
                (header::LAST_MODIFIED, export.last_modified()),
            ],
        )
            .into_response();
    }
    file(
        &export,
        export.bytes.len(),
        &export.etag,
        Body::from(export.bytes.clone()),
    )
}

fn fault_response(fault: Fault, export: &Export) -> Response {
    match fault {
        Fault::HtmlBlock => block_page(),
        Fault::ServerError => {
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
        Fault::WrongHeader => match export.with_wrong_header() {
            Ok(body) => {
                let etag = super::export::etag_of(&body);
                file(export, body.len(), &etag, Body::from(body))
            }
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "rendering the wrong header");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
        Fault::TruncatedClean => {
            let body = export.bytes.slice(..export.cut_point());
            file(export, body.len(), &export.etag, Body::from(body))
        }
        Fault::Truncated => {
            // Headers promise the whole file; the body stops mid-record and then the
            // connection fails (the pause lets the first part reach the client first).
            let part = export.bytes.slice(..export.cut_point());
            let first = stream::iter([Ok::<Bytes, io::Error>(part)]);
            let then_fail = stream::once(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(io::Error::other("simulated truncation"))
            });
            let body = Body::from_stream(first.chain(then_fail));
            file(export, export.bytes.len(), &export.etag, body)
        }
        // Handled by the caller; answering normally is the safe fallback.
        Fault::Slow { .. } | Fault::Reset => file(
            export,
            export.bytes.len(),
            &export.etag,
            Body::from(export.bytes.clone()),
        ),
    }
}

/// The file response with Copart's headers (and, like Copart, no `Cache-Control`).
fn file(export: &Export, content_length: usize, etag: &str, body: Body) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, content_length.to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"salesdata.csv\"".to_owned(),
            ),
            (header::LAST_MODIFIED, export.last_modified()),
            (header::ETAG, etag.to_owned()),
        ],
        body,
    )
        .into_response()
}

fn block_page() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html")],
        BLOCK_PAGE,
    )
        .into_response()
}

/// The raw value of one query parameter (tokens are URL-safe, so no decoding is needed).
fn query_param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn advance(State(state): State<Shared>) -> Response {
    // Rendering a full-size export takes a while: keep it off the async workers.
    let result = tokio::task::spawn_blocking(move || lock(&state).sim.advance()).await;
    match result {
        Ok(Ok(report)) => Json(report).into_response(),
        Ok(Err(e)) => {
            tracing::error!(error = format!("{e:#}"), "advance failed");
            (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")).into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "advance task failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn set_fault(State(state): State<Shared>, Json(req): Json<FaultRequest>) -> StatusCode {
    lock(&state).faults.set(req.fault(), req.times);
    StatusCode::NO_CONTENT
}

/// `GET /__sim/state`.
#[derive(Debug, Serialize)]
struct StateView {
    version: u64,
    rows: usize,
    etag: String,
    clock: chrono::DateTime<chrono::Utc>,
    last_modified: String,
    requests: u64,
}

async fn sim_state(State(state): State<Shared>) -> Json<StateView> {
    let s = lock(&state);
    let export = s.sim.export();
    Json(StateView {
        version: export.version,
        rows: export.rows,
        etag: export.etag.clone(),
        clock: export.clock,
        last_modified: export.last_modified(),
        requests: s.requests,
    })
}

/// `GET /__sim/changes`: the lot numbers behind the last advance, for an ETL run in another
/// process to compare what it detected with what happened.
async fn last_changes(State(state): State<Shared>) -> Json<Changes> {
    Json(lock(&state).sim.last_changes().clone())
}

#[cfg(test)]
mod tests {
    use super::query_param;

    #[test]
    fn finds_the_auth_key() {
        assert_eq!(query_param(Some("authKey=abc&x=1"), "authKey"), Some("abc"));
        assert_eq!(query_param(Some("x=1&authKey="), "authKey"), Some(""));
        assert_eq!(query_param(Some("authkey=abc"), "authKey"), None);
        assert_eq!(query_param(None, "authKey"), None);
    }
}
