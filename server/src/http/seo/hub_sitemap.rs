//! `/sitemaps/hubs.xml.gz`: every make, model and model-year hub in every language, with
//! alternates.
//!
//! Built from the facet tables (`read::hubs::hub_tree` and `read::hub_years::years_by_model`:
//! small reads, independent of the number of lots) straight into a gzip encoder, so only the compressed file is held. Hubs are
//! few (real exports: hundreds of makes, a few thousand models, tens of thousands of model
//! years over every language), far below
//! the protocol's 50,000 URLs per file; past that the file is cut and the cut logged, so it
//! stays valid. Validators and errors as the other sitemaps: `ETag`/`Last-Modified` from the
//! dataset version, 304 on a match, 503 with `Retry-After` when the database fails.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use vinops::catalog::hub::{Slug, YEARS, hub_path, year_path};

use super::conditional::validators;
use super::sitemap_http::{CACHE_CONTROL, fresh_version, unavailable};
use super::sitemap_xml::{
    LANGS, MAX_URLS_PER_FILE, URLSET_OPEN, XML_HEADER, escape, url_entry, w3c_datetime,
};
use crate::http::AppState;

pub const FILE_NAME: &str = "hubs.xml.gz";

pub async fn hubs(state: AppState, headers: HeaderMap) -> Response {
    let version = match fresh_version(&state.web_pool, &headers, "hubs").await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let etag = version.etag();
    let tree = match vinops::read::hubs::hub_tree(&state.web_pool).await {
        Ok(t) => t,
        Err(e) => return unavailable("hubs", &e),
    };
    let years = match vinops::read::hub_years::years_by_model(&state.web_pool).await {
        Ok(y) => slug_years(y),
        Err(e) => return unavailable("hubs", &e),
    };
    let no_years = BTreeSet::new();
    let paths = tree.iter().flat_map(|(make, models)| {
        let years = &years;
        let no_years = &no_years;
        std::iter::once(hub_path(&make.slug, None)).chain(models.iter().flat_map(move |m| {
            let of_model = years
                .get(&(make.slug.clone(), m.slug.clone()))
                .unwrap_or(no_years);
            std::iter::once(hub_path(&make.slug, Some(&m.slug))).chain(
                of_model
                    .iter()
                    .map(move |y| year_path(&make.slug, &m.slug, *y)),
            )
        }))
    });
    let site = escape(state.seo.site_url());
    let lastmod = version.at.map(w3c_datetime);
    let body = match gzip(&site, lastmod.as_deref(), paths) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "hubs sitemap: gzip failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut res = (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/gzip"),
        )],
        body,
    )
        .into_response();
    validators(&mut res, &etag, version.at, CACHE_CONTROL);
    res
}

/// The urlset of `paths` in every language, gzip-compressed as it is written.
fn gzip(
    site: &str,
    lastmod: Option<&str>,
    paths: impl Iterator<Item = String>,
) -> std::io::Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(XML_HEADER.as_bytes())?;
    gz.write_all(URLSET_OPEN.as_bytes())?;
    let mut written = 0usize;
    let mut entry = String::with_capacity(1024);
    'paths: for path in paths {
        for lang in LANGS {
            if written == MAX_URLS_PER_FILE {
                tracing::error!(
                    max = MAX_URLS_PER_FILE,
                    "hubs sitemap cut at the protocol's limit"
                );
                break 'paths;
            }
            entry.clear();
            url_entry(&mut entry, site, lang, &path, lastmod);
            gz.write_all(entry.as_bytes())?;
            written += 1;
        }
    }
    gz.write_all(b"</urlset>")?;
    gz.finish()
}

/// The model years of every (make slug, model slug): stored names sharing a slug share a hub,
/// so their years merge. Years outside [`YEARS`] have no URL and are left out.
fn slug_years(
    by_name: HashMap<(String, String), Vec<i16>>,
) -> HashMap<(Slug, Slug), BTreeSet<i16>> {
    let mut out: HashMap<(Slug, Slug), BTreeSet<i16>> = HashMap::new();
    for ((make, model), years) in by_name {
        let (Some(make), Some(model)) = (Slug::of(&make), Slug::of(&model)) else {
            continue;
        };
        out.entry((make, model))
            .or_default()
            .extend(years.into_iter().filter(|y| YEARS.contains(y)));
    }
    out
}
