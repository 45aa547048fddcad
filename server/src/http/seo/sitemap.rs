//! `robots.txt`, the sitemap index (`/sitemap.xml`), the static-pages sitemap
//! (`/sitemaps/static.xml`), and the dispatch of `/sitemaps/{file}` to the hubs sitemap
//! (`hub_sitemap`) and the VIN shards (`vin_sitemap`).
//!
//! Every URL is absolute, from `SITE_URL`. The XML pieces all sitemap files share are in
//! `sitemap_xml`; the dataset-version validators, 304 and 503 answers in `sitemap_http`.
//! The index carries the dataset version's validators; `Cache-Control: public, max-age=3600`.
//! The static sitemap changes only with a deploy.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::SeoState;
use super::conditional::validators;
use super::hub_sitemap;
use super::sitemap_http::{CACHE_CONTROL, fresh_version, unavailable, xml};
use super::sitemap_xml::{LANGS, URLSET_OPEN, XML_HEADER, escape, url_entry, w3c_datetime};
use super::vin_sitemap::{self, ShardName};
use crate::http::AppState;

/// Pages that exist in both languages, as paths after `/{lang}`. The make and model hubs have
/// a sitemap of their own, from the facet tables (`hub_sitemap`).
const STATIC_PAGES: [&str; 4] = ["", "/cars", "/contacts", "/terms"];

/// `GET /robots.txt`: everything may be crawled except the form and admin endpoints; the
/// sitemap index is named with its absolute URL (the protocol requires it).
pub async fn robots(State(seo): State<SeoState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/\nDisallow: /*/removal\nDisallow: /*/cars.atom\n\nSitemap: {}/sitemap.xml\n",
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
    entry(hub_sitemap::FILE_NAME);
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
    if file == hub_sitemap::FILE_NAME {
        return hub_sitemap::hubs(state, headers).await;
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
