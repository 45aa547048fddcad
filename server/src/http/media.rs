//! `GET /media/{*key}`: photos from the local store (when no bucket is configured; with S3,
//! pages link to the bucket's public URL instead and this answers 404). A key must pass
//! [`StorageKey::parse`] after percent-decoding, so `..`, `%2e%2e`, absolute paths and
//! backslashes never reach the file system. Keys never change content, hence the year-long
//! immutable caching.

use std::path::Path;

use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::storage::{IMMUTABLE, LocalStore, StorageKey};

pub(super) async fn serve(
    State(state): State<AppState>,
    UrlPath(key): UrlPath<String>,
) -> Response {
    match state.media_dir.as_deref() {
        Some(dir) => serve_from(dir, &key).await,
        None => not_found(),
    }
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
