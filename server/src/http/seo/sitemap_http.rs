//! The HTTP side the sitemap files share: the dataset version their validators are built
//! from, the early answers (304 on a match, 503 when the database fails) and the shared
//! `Cache-Control`.
//!
//! The index, the hubs sitemap and the VIN shards change only with the dataset version (an ETL
//! run or a suppression), so they carry `ETag: W/"<version>-<build>"` and `Last-Modified` (when
//! that version was made) and answer `If-None-Match` / `If-Modified-Since` with 304 before
//! touching anything else. A database failure is a 503 with `Retry-After`, never an empty
//! sitemap: an empty sitemap tells crawlers every VIN page is gone.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::conditional::{not_modified, validators};

pub const CACHE_CONTROL: &str = "public, max-age=3600";

/// The dataset version and when it was made: what the sitemaps' validators are built from.
#[derive(Debug, Clone, Copy)]
pub struct Version {
    pub id: i64,
    pub at: Option<DateTime<Utc>>,
}

impl Version {
    /// Same formula as the cache's dataset version (`cache/version.rs`).
    pub async fn read(pool: &PgPool) -> sqlx::Result<Version> {
        let row = sqlx::query!(
            r#"SELECT COALESCE((SELECT max(id) FROM audit.runs
                                WHERE job IN ('etl', 'demo', 'demo_purge')
                                  AND status = 'succeeded'), 0)
                    + COALESCE((SELECT max(id) FROM suppression_events), 0) AS "id!",
                      GREATEST((SELECT max(finished_at) FROM audit.runs
                                WHERE job IN ('etl', 'demo', 'demo_purge')
                                  AND status = 'succeeded'),
                               (SELECT max(created_at) FROM suppression_events)) AS "at""#
        )
        .fetch_one(pool)
        .await?;
        Ok(Version {
            id: row.id,
            at: row.at,
        })
    }

    pub fn etag(&self) -> String {
        format!("W/\"{}-{}\"", self.id, env!("CARGO_PKG_VERSION"))
    }
}

/// The dataset version for a sitemap response, or the response that ends it early: 304 when
/// the request's validators match (before anything else is read), 503 when the database fails.
pub async fn fresh_version(
    pool: &PgPool,
    headers: &HeaderMap,
    what: &'static str,
) -> Result<Version, Response> {
    let version = Version::read(pool)
        .await
        .map_err(|e| unavailable(what, &e))?;
    let etag = version.etag();
    if not_modified(headers, &etag, version.at) {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        validators(&mut res, &etag, version.at, CACHE_CONTROL);
        return Err(res);
    }
    Ok(version)
}

/// 503 with `Retry-After`, the cause logged once.
pub fn unavailable(what: &str, e: &sqlx::Error) -> Response {
    tracing::warn!(error = %e, what, "sitemap unavailable");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(
            header::RETRY_AFTER,
            HeaderValue::from(app::respond::RETRY_AFTER_SECS),
        )],
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "Service temporarily unavailable; retry later.\n",
    )
        .into_response()
}

/// An `application/xml` body.
pub fn xml(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// An empty body with a status, for the shard handler's refusals.
pub fn empty(status: StatusCode) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Body::empty()).into_response()
}
