//! Conditional requests on VIN pages (`GET|HEAD /{lang}/vin/{VIN}`): `ETag` and
//! `Last-Modified` on every 200, and 304 — without rendering — when the client's copy is
//! current.
//!
//! A middleware rather than page code: it runs one cheap indexed query (the VIN's last change)
//! before Leptos renders anything, so a 304 costs no rendering. It only ever *adds* answers for
//! canonical URLs of existing, unsuppressed VINs; everything else (404, 410, 301, 503) is left
//! to the page, and a failing query just lets the page answer.
//!
//! `Last-Modified` is the latest of: the vehicle row's and its lots' `updated_at` and
//! `outcome_at` (the same expression the VIN sitemaps give as `lastmod`), and this process's
//! start (a deploy may change every page's HTML). The `ETag` is weak (the body is compressed per
//! `Accept-Encoding`) and also covers the language, the query string and the build.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use vinops::vin::Vin;

use super::SeoState;
use super::conditional::{not_modified, validators};
use crate::http::AppState;

/// VIN pages may be reused for a minute, then revalidated (cheaply, thanks to the 304).
pub const CACHE_CONTROL: &str = "public, max-age=60, must-revalidate";

/// `(lang, VIN)` when `path` is a canonical VIN page URL.
fn vin_page(path: &str) -> Option<(&str, Vin)> {
    let mut parts = path.strip_prefix('/')?.split('/');
    let lang = parts
        .next()
        .filter(|l| app::i18n::Lang::from_segment(l).is_some())?;
    if parts.next() != Some("vin") {
        return None;
    }
    let raw = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    let vin = Vin::parse(raw).ok().filter(|v| v.as_str() == raw)?;
    Some((lang, vin))
}

/// When the VIN's page last changed; `None` when it is unknown or suppressed.
pub async fn last_change(pool: &PgPool, vin: &Vin) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"
        SELECT GREATEST(v.updated_at,
                        (SELECT max(GREATEST(l.updated_at, l.outcome_at))
                         FROM lots l WHERE l.vin = v.vin)) AS "lastmod!"
        FROM vehicles v
        WHERE v.vin = $1
          AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = v.vin)
        "#,
        vin.as_str()
    )
    .fetch_optional(pool)
    .await
}

fn etag(lang: &str, vin: &Vin, query: &str, modified: DateTime<Utc>) -> String {
    let mut h = Sha256::new();
    for part in [
        lang,
        vin.as_str(),
        query,
        &modified.timestamp().to_string(),
        env!("CARGO_PKG_VERSION"),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    format!("W/\"{}\"", hex::encode(&h.finalize()[..12]))
}

/// The middleware (on the page routes).
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let Some((lang, vin)) = vin_page(request.uri().path()) else {
        return next.run(request).await;
    };
    let lang = lang.to_owned();
    let changed = match last_change(&state.web_pool, &vin).await {
        Ok(Some(t)) => t,
        // Unknown, suppressed or unreadable: the page says which (404, 410, 503).
        Ok(None) | Err(_) => return next.run(request).await,
    };
    let seo: &SeoState = &state.seo;
    let modified = changed.max(seo.0.started);
    // HTTP dates have whole seconds: compare and send them so.
    let modified = DateTime::from_timestamp(modified.timestamp(), 0).unwrap_or(modified);
    let tag = etag(&lang, &vin, request.uri().query().unwrap_or(""), modified);
    if not_modified(request.headers(), &tag, Some(modified)) {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        validators(&mut res, &tag, Some(modified), CACHE_CONTROL);
        return res;
    }
    let mut res = next.run(request).await;
    if res.status() == StatusCode::OK {
        validators(&mut res, &tag, Some(modified), CACHE_CONTROL);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_vin_page_paths_match() {
        assert!(vin_page("/en/vin/1HGCM82633A004352").is_some());
        assert!(vin_page("/ru/vin/1HGCM82633A004352").is_some());
        for p in [
            "/en/vin/1hgcm82633a004352",
            "/de/vin/1HGCM82633A004352",
            "/en/vin/1HGCM82633A004352/removal",
            "/en/cars",
            "/en/vin/",
        ] {
            assert!(vin_page(p).is_none(), "{p}");
        }
    }
}
