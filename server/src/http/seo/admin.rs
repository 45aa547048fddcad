//! The operator's admin endpoint, the HTTP twin of `vinops-server suppress|unsuppress`:
//!
//! - `POST /admin/suppressions` with JSON `{"vin": "...", "reason": "..."}` → 200
//!   `{"vin", "outcome": "changed"|"unchanged", "photos": {"status": "purged", "objects",
//!   "rows"} | {"status": "pending", "reason"} | {"status": "nothing_pending"}}` — the photos
//!   are deleted from the store right after the suppression commits; when that fails the
//!   suppression still holds and the `photo_purge` job retries;
//! - `DELETE /admin/suppressions/{vin}` → 200 with the same body;
//! - the removal-requests page, `/admin/removals` (`admin_removals`).
//!
//! Served on the operator listener only (`OPS_ADDR`, loopback by default); the public port
//! answers 404 for `/admin/*`. Even there it takes `Authorization: Bearer <ADMIN_TOKEN>` (or
//! the token as the password of Basic credentials, which a browser asks for), compared in
//! constant time (SHA-256 of both sides, so neither the content nor the length
//! leaks through timing): anything else on the host may reach the listener. Without
//! `ADMIN_TOKEN` the endpoint does not exist (404), so a forgotten configuration cannot open
//! it. A wrong or missing token is a 401. Errors are JSON `{"code", "message"}`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use vinops::vin::Vin;

use crate::http::AppState;
use crate::images::purge::PhotoPurge;
use crate::suppress::{self, Outcome};

#[derive(Debug, Deserialize)]
pub struct SuppressBody {
    vin: String,
    reason: String,
}

#[derive(Debug, Serialize)]
pub struct Done {
    vin: String,
    outcome: Outcome,
    /// What became of the photos (suppress only).
    #[serde(skip_serializing_if = "Option::is_none")]
    photos: Option<PhotoPurge>,
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("not found")]
    Disabled,
    #[error("missing or wrong admin token")]
    Unauthorized,
    #[error("{0}")]
    BadRequest(String),
    #[error("the form is not from this admin page; reload it and try again")]
    Forbidden,
    #[error("database unavailable")]
    Unavailable,
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            AdminError::Disabled => (StatusCode::NOT_FOUND, "NOT_FOUND"),
            AdminError::Unauthorized => (StatusCode::UNAUTHORIZED, "UNAUTHORIZED"),
            AdminError::BadRequest(_) => (StatusCode::BAD_REQUEST, "BAD_REQUEST"),
            AdminError::Forbidden => (StatusCode::FORBIDDEN, "FORBIDDEN"),
            AdminError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "UNAVAILABLE"),
        };
        let body = Json(serde_json::json!({ "code": code, "message": self.to_string() }));
        let mut res = (status, body).into_response();
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            AdminError::Unauthorized => {
                h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                h.append(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(r#"Basic realm="Vinops admin", charset="UTF-8""#),
                );
            }
            AdminError::Unavailable => {
                h.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(app::respond::RETRY_AFTER_SECS),
                );
            }
            _ => {}
        }
        res
    }
}

pub(super) fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), AdminError> {
    let Some(expected) = state.seo.0.admin_token.as_deref() else {
        return Err(AdminError::Disabled);
    };
    let given = presented_token(headers).unwrap_or_default();
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    if bool::from(a.as_slice().ct_eq(b.as_slice())) {
        Ok(())
    } else {
        Err(AdminError::Unauthorized)
    }
}

/// The token a request presents: `Bearer <token>` (scripts), or the password of `Basic`
/// credentials (browsers, which ask for them on the admin page's challenge; any user name).
fn presented_token(headers: &HeaderMap) -> Option<String> {
    use base64::Engine;
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.trim().split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") {
        return Some(rest.trim().to_owned());
    }
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .ok()?;
    let (_user, password) = std::str::from_utf8(&decoded).ok()?.split_once(':')?;
    Some(password.to_owned())
}

/// Whether the request carries the admin token (never when no token is configured): the
/// public `/health` then answers the full report.
pub fn has_admin_token(state: &AppState, headers: &HeaderMap) -> bool {
    authorize(state, headers).is_ok()
}

fn parse_vin(raw: &str) -> Result<Vin, AdminError> {
    Vin::parse(raw).map_err(|e| AdminError::BadRequest(format!("vin: {e}")))
}

pub(super) fn failed(e: &anyhow::Error) -> AdminError {
    tracing::error!(error = format!("{e:#}"), "admin change failed");
    AdminError::Unavailable
}

/// `POST /admin/suppressions`.
pub async fn suppress(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<SuppressBody>, JsonRejection>,
) -> Result<Json<Done>, AdminError> {
    authorize(&state, &headers)?;
    let Json(body) = body.map_err(|e| AdminError::BadRequest(e.body_text()))?;
    let vin = parse_vin(&body.vin)?;
    if body.reason.trim().is_empty() {
        return Err(AdminError::BadRequest("reason: required".into()));
    }
    let applied = suppress::suppress_and_purge(
        &state.seo.0.write_pool,
        state.seo.photo_store(),
        &vin,
        &body.reason,
        "admin-api",
    )
    .await
    .map_err(|e| failed(&e))?;
    state.seo.journal_now().await;
    tracing::info!(vin = %vin.as_str(), outcome = ?applied.outcome, photos = ?applied.photos, "suppressed through the admin API");
    Ok(Json(Done {
        vin: vin.into_string(),
        outcome: applied.outcome,
        photos: Some(applied.photos),
    }))
}

/// `DELETE /admin/suppressions/{vin}`.
pub async fn unsuppress(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(raw): Path<String>,
) -> Result<Json<Done>, AdminError> {
    authorize(&state, &headers)?;
    let vin = parse_vin(&raw)?;
    let outcome = suppress::unsuppress(&state.seo.0.write_pool, &vin, "admin-api")
        .await
        .map_err(|e| failed(&e))?;
    state.seo.journal_now().await;
    tracing::info!(vin = %vin.as_str(), ?outcome, "unsuppressed through the admin API");
    Ok(Json(Done {
        vin: vin.into_string(),
        outcome,
        photos: None,
    }))
}
