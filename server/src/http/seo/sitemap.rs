//! `robots.txt`, the sitemap index (`/sitemap.xml`) and the static-pages sitemap
//! (`/sitemaps/static.xml`); VIN shards are in `vin_sitemap`.
//!
//! Every URL is absolute, from `SITE_URL`. Every page URL lists its en / ru / x-default (= en)
//! alternates, as the pages' own `hreflang` links do.
//!
//! Caching: the index and the VIN shards change only with the dataset version (an ETL run or a
//! suppression), so they carry `ETag: W/"<version>-<build>"` and `Last-Modified` (when that
//! version was made) and answer `If-None-Match` / `If-Modified-Since` with 304 before touching
//! anything else; `Cache-Control: public, max-age=3600`. The static sitemap changes only with a
//! deploy. A database failure is a 503 with `Retry-After`, never an empty sitemap: an empty
//! sitemap tells crawlers every VIN page is gone.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::PgPool;

use super::SeoState;
use super::vin_sitemap::{self, ShardName};
use crate::http::AppState;
use crate::http_date::{http_date, parse_http_date};

pub const CACHE_CONTROL: &str = "public, max-age=3600";
pub const LANGS: [&str; 2] = ["en", "ru"];
pub const XML_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
pub const URLSET_OPEN: &str = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#;

/// Pages that exist in both languages, as paths after `/{lang}`. The make and model hubs have
/// a sitemap of their own, from the facet tables (`hub_sitemap`).
const STATIC_PAGES: [&str; 4] = ["", "/cars", "/contacts", "/terms"];

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
                                WHERE job = 'etl' AND status = 'succeeded'), 0)
                    + COALESCE((SELECT max(id) FROM suppression_events), 0) AS "id!",
                      GREATEST((SELECT max(finished_at) FROM audit.runs
                                WHERE job = 'etl' AND status = 'succeeded'),
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

/// Whether the request's validators match (RFC 9110 §13.2.2: `If-None-Match` wins over
/// `If-Modified-Since` when both are sent).
pub fn not_modified(headers: &HeaderMap, etag: &str, last_modified: Option<DateTime<Utc>>) -> bool {
    let strip = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let inm: Vec<&str> = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    if !inm.is_empty() {
        let ours = strip(etag);
        return inm.iter().any(|t| t.trim() == "*" || strip(t) == ours);
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    matches!((since, last_modified), (Some(s), Some(m)) if m.timestamp() <= s.timestamp())
}

/// Adds `ETag`, `Last-Modified` and `Cache-Control` to `res`.
pub fn validators(
    res: &mut Response,
    etag: &str,
    last_modified: Option<DateTime<Utc>>,
    cache_control: &'static str,
) {
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(v) = last_modified.and_then(|t| HeaderValue::from_str(&http_date(t)).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
}

/// 503 with `Retry-After`, the cause logged once.
pub fn unavailable(what: &str, e: &sqlx::Error) -> Response {
    tracing::warn!(error = %e, what, "sitemap unavailable");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, "60"),
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "Service temporarily unavailable; retry in a minute.\n",
    )
        .into_response()
}

fn xml(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The minimal escaping XML text needs (`SITE_URL` is configuration; paths are ours).
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// One `<url>` with its language alternates: `path` is what follows `/{lang}`.
pub fn url_entry(out: &mut String, site: &str, lang: &str, path: &str, lastmod: Option<&str>) {
    use std::fmt::Write;
    let _ = write!(out, "<url><loc>{site}/{lang}{path}</loc>");
    if let Some(m) = lastmod {
        let _ = write!(out, "<lastmod>{m}</lastmod>");
    }
    for alt in LANGS {
        let _ = write!(
            out,
            r#"<xhtml:link rel="alternate" hreflang="{alt}" href="{site}/{alt}{path}"/>"#
        );
    }
    let _ = write!(
        out,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="{site}/en{path}"/></url>"#
    );
}

pub fn w3c_datetime(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `GET /robots.txt`: everything may be crawled except the form and admin endpoints; the
/// sitemap index is named with its absolute URL (the protocol requires it).
pub async fn robots(State(seo): State<SeoState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\nDisallow: /*/removal\n\nSitemap: {}/sitemap.xml\n",
        seo.site_url()
    );
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

/// `GET /sitemap.xml`: the static sitemap, the hubs sitemap and every VIN shard of both
/// languages.
pub async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let version = match fresh_version(&state.web_pool, &headers, "index").await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let etag = version.etag();
    let shards = match vin_sitemap::shard_count(&state.web_pool, &state.seo, version.id).await {
        Ok(n) => n,
        Err(e) => return unavailable("index", &e),
    };
    let site = escape(state.seo.site_url());
    let lastmod = version.at.map(w3c_datetime);
    let mut out = String::with_capacity(256 + 160 * shards as usize);
    out.push_str(XML_HEADER);
    out.push_str(r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#);
    let mut entry = |file: &str| {
        out.push_str("<sitemap><loc>");
        out.push_str(&site);
        out.push_str("/sitemaps/");
        out.push_str(file);
        out.push_str("</loc>");
        if let Some(m) = &lastmod {
            out.push_str("<lastmod>");
            out.push_str(m);
            out.push_str("</lastmod>");
        }
        out.push_str("</sitemap>");
    };
    entry("static.xml");
    entry(super::hub_sitemap::FILE_NAME);
    for lang in LANGS {
        for k in 0..shards {
            entry(&ShardName { lang, n: shards, k }.file_name());
        }
    }
    out.push_str("</sitemapindex>");
    let mut res = xml(out);
    validators(&mut res, &etag, version.at, CACHE_CONTROL);
    res
}

/// `GET /sitemaps/{file}`: `static.xml`, `hubs.xml.gz` or a VIN shard
/// `vins-{lang}-{n}-{k}.xml.gz`.
pub async fn sitemap_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    if file == "static.xml" {
        return static_pages(state.seo.site_url());
    }
    if file == super::hub_sitemap::FILE_NAME {
        return super::hub_sitemap::hubs(state, headers).await;
    }
    match ShardName::parse(&file) {
        Some(shard) => vin_sitemap::shard(state, shard, headers).await,
        None => (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, "no-store")]).into_response(),
    }
}

fn static_pages(site_url: &str) -> Response {
    let site = escape(site_url);
    let mut out = String::with_capacity(4096);
    out.push_str(XML_HEADER);
    out.push_str(URLSET_OPEN);
    for lang in LANGS {
        for path in STATIC_PAGES {
            url_entry(&mut out, &site, lang, path, None);
        }
    }
    out.push_str("</urlset>");
    let mut res = xml(out);
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    res
}

/// An empty body with a status, for the shard handler's refusals.
pub fn empty(status: StatusCode) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Body::empty()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_entry_has_every_alternate() {
        let mut s = String::new();
        url_entry(
            &mut s,
            "https://x.test",
            "ru",
            "/vin/ABC",
            Some("2026-01-01T00:00:00Z"),
        );
        assert!(s.starts_with("<url><loc>https://x.test/ru/vin/ABC</loc><lastmod>"));
        for (l, p) in [("en", "en"), ("ru", "ru"), ("x-default", "en")] {
            assert!(
                s.contains(&format!(
                    r#"hreflang="{l}" href="https://x.test/{p}/vin/ABC""#
                )),
                "{l}"
            );
        }
    }

    #[test]
    fn conditional_forms() {
        let mut h = HeaderMap::new();
        let t = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .expect("date")
            .with_timezone(&Utc);
        assert!(!not_modified(&h, "W/\"1-x\"", Some(t)));
        h.insert(header::IF_MODIFIED_SINCE, http_date(t).parse().expect("h"));
        assert!(not_modified(&h, "W/\"1-x\"", Some(t)));
        assert!(!not_modified(
            &h,
            "W/\"1-x\"",
            Some(t + chrono::Duration::seconds(1))
        ));
        // If-None-Match wins over If-Modified-Since.
        h.insert(header::IF_NONE_MATCH, "W/\"0-x\"".parse().expect("h"));
        assert!(!not_modified(&h, "W/\"1-x\"", Some(t)));
        h.insert(header::IF_NONE_MATCH, "\"1-x\"".parse().expect("h"));
        assert!(not_modified(&h, "W/\"1-x\"", Some(t)));
    }
}
