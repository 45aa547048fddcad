//! `GET /media/{*key}`: photos from the local store (when no bucket is configured; with S3,
//! pages link to the bucket's public URL instead and this answers 404). A key must pass
//! [`StorageKey::parse`] after percent-decoding, so `..`, `%2e%2e`, absolute paths and
//! backslashes never reach the file system. Keys never change content, hence the year-long
//! immutable caching.
//!
//! A photo of a suppressed VIN answers 410 (the removal promise covers photos too). The check
//! reads the lot number from the key (`lots/{lot_number}/…`) and asks the database; when the
//! database cannot answer, the photo is not served (503): a removed VIN's photos must not leak
//! out because of an outage. The files themselves are deleted by the photo purge
//! (`crate::images::purge`, the same for S3, whose public URLs this route never sees); the 410
//! covers the moments before it is done. A browser or CDN that cached a photo before the
//! suppression keeps it until evicted — purging a CDN is an operator step (deploy/RUNBOOK.md,
//! removal requests).

use std::path::Path;

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::storage::{IMMUTABLE, LocalStore, StorageKey};

pub(super) async fn serve(
    State(state): State<AppState>,
    UrlPath(key): UrlPath<String>,
) -> Response {
    let Some(dir) = state.media_dir.as_deref() else {
        return not_found();
    };
    if let Some(lot) = lot_number_of(&key) {
        match suppressed(&state.web_pool, lot).await {
            Ok(false) => {}
            Ok(true) => return gone(),
            Err(e) => {
                tracing::warn!(error = %e, "media: suppression check failed");
                return unavailable();
            }
        }
    }
    serve_from(dir, &key).await
}

/// The lot number of a photo key (`lots/{lot_number}/{seq}_{variant}.jpg`), if it is one.
fn lot_number_of(key: &str) -> Option<i64> {
    let rest = key.strip_prefix("lots/")?;
    rest.split('/').next()?.parse().ok()
}

async fn suppressed(pool: &sqlx::PgPool, lot_number: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM lots l JOIN suppressions s ON s.vin = l.vin
                          WHERE l.lot_number = $1) AS "suppressed!""#,
        lot_number
    )
    .fetch_one(pool)
    .await
}

fn gone() -> Response {
    (
        StatusCode::GONE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "suppressed",
    )
        .into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        [(
            header::RETRY_AFTER,
            HeaderValue::from(app::respond::RETRY_AFTER_SECS),
        )],
        "media_unavailable",
    )
        .into_response()
}

/// The object `raw_key` (already percent-decoded) under `dir`.
pub async fn serve_from(dir: &Path, raw_key: &str) -> Response {
    let Ok(key) = StorageKey::parse(raw_key) else {
        return not_found();
    };
    match LocalStore::new(dir).get(&key).await {
        Ok(Some(bytes)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, key.content_type()),
                (header::CACHE_CONTROL, IMMUTABLE),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), key = %key, "reading a media file");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CACHE_CONTROL, "no-store")],
                "media_unavailable",
            )
                .into_response()
        }
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            // A photo may be stored a moment later: do not let a 404 stick.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        "not_found",
    )
        .into_response()
}
