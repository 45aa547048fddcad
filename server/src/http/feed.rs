//! `GET /{lang}/cars.atom?…`: the Atom feed (RFC 4287) of a catalog search — the newest lots
//! that match the catalog's own parameters, what they hold and their words from `app::feed`.
//!
//! - Read through the read model's cache like the catalog page (`read::cached`, keyed by the
//!   dataset version: an ETL run or a suppression makes every feed new at once); a search and
//!   its feed are one query in another order.
//! - Rate-limited like the API, per client and shared by the replicas, in a scope of its own:
//!   feed readers poll, and must not use up a visitor's API allowance nor the reverse.
//! - `ETag` (weak: the body may go out compressed) and `If-None-Match` → 304, so a reader that
//!   polls an unchanged search costs one cached read and no body; `Cache-Control` as the API's
//!   search.
//! - Errors are the API's JSON errors (400 `INVALID_QUERY` naming the parameter, 503 with
//!   `Retry-After`): a feed reader shows the status, a person reading the body gets a reason.
//!
//! Text is escaped for XML, and characters XML 1.0 cannot carry (control characters an export
//! might hold) are dropped rather than making the whole feed unreadable.

use std::fmt::Write;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, SecondsFormat, Utc};
use vinops::catalog::CatalogRequest;
use vinops::read::cached;

use app::feed::{FeedDoc, feed, feed_query};
use app::i18n::Lang;
use app::seo_meta::SiteUrl;

use super::AppState;
use super::api::conditional::{cache_control, etag, none_match};
use super::api::error::ApiError;
use crate::cache::Cache;
use crate::config::ApiConfig;

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// The feeds of every language, behind their rate limit.
pub fn routes(cfg: &ApiConfig, cache: &Cache) -> anyhow::Result<Router<AppState>> {
    let mut router = Router::new();
    for lang in Lang::ALL {
        router = router.route(
            &format!("/{}/cars.atom", lang.code()),
            get(
                move |state: State<AppState>, query: RawQuery, headers: HeaderMap| {
                    answer(lang, state, query, headers)
                },
            ),
        );
    }
    super::api::rate_limited(router, "feed", cfg, cache)
}

async fn answer(
    lang: Lang,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // Decoded as the catalog page decodes its own query, so both read the same request.
    let pairs = app::query_string::decode_pairs(query.as_deref().unwrap_or_default());
    let asked = CatalogRequest::from_pairs(pairs)?;
    let req = CatalogRequest {
        query: feed_query(&asked.query),
        cursor: None,
    };
    let page = cached::catalog_page(&state.web_pool, &state.cache, &req).await?;
    // An empty feed is dated by the last data update (one more read, only then).
    let fallback = if page.items.is_empty() {
        vinops::read::freshness::last_update(&state.web_pool)
            .await
            .map_err(ApiError::from)?
            .unwrap_or(DateTime::UNIX_EPOCH)
    } else {
        DateTime::UNIX_EPOCH
    };
    let site = SiteUrl::new(state.seo.site_url());
    let doc = feed(
        lang,
        &asked.query,
        &page.items,
        &site,
        &state.media_base,
        fallback,
    );
    let body = write_atom(&doc);
    let tag = format!("W/{}", etag(body.as_bytes()));
    let mut res = if none_match(&headers, &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, ATOM)], body).into_response()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control::SEARCH_BROAD),
    );
    Ok(res)
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Escaped XML text (also for attribute values), without the characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// The feed as an Atom document.
pub fn write_atom(doc: &FeedDoc) -> String {
    let mut out = String::with_capacity(1024 + doc.entries.len() * 900);
    let lang = doc.lang.code();
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}"><id>{id}</id><title>{title}</title><subtitle>{subtitle}</subtitle><updated>{updated}</updated><author><name>{author}</name></author><generator>Vinops</generator><link rel="self" type="application/atom+xml" href="{id}"/><link rel="alternate" type="text/html" href="{page}"/>"#,
        id = xml(&doc.self_url),
        title = xml(&doc.title),
        subtitle = xml(&doc.subtitle),
        updated = rfc3339(doc.updated),
        author = xml(doc.lang.t().site_name),
        page = xml(&doc.page_url),
    );
    for e in &doc.entries {
        let _ = write!(
            out,
            r#"<entry><id>{id}</id><title>{title}</title><updated>{at}</updated><published>{at}</published><link rel="alternate" type="text/html" href="{url}"/>"#,
            id = xml(&e.id),
            title = xml(&e.title),
            at = rfc3339(e.published),
            url = xml(&e.url),
        );
        if let Some(img) = &e.image {
            let _ = write!(
                out,
                r#"<link rel="enclosure" type="image/jpeg" href="{}"/>"#,
                xml(img)
            );
        }
        let _ = write!(out, "<summary>{}</summary></entry>", xml(&e.summary));
    }
    out.push_str("</feed>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::feed::FeedEntry;

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            xml("a<b>&\"c'\u{1}\u{b}\td"),
            "a&lt;b&gt;&amp;&quot;c&apos;\td"
        );
    }

    #[test]
    fn a_feed_is_one_atom_document() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("t");
        let doc = FeedDoc {
            lang: Lang::En,
            self_url: "https://x.example/en/cars.atom?make=A%26B".into(),
            page_url: "https://x.example/en/cars?make=A%26B".into(),
            title: "Cars <A&B>".into(),
            subtitle: "s".into(),
            updated: at,
            entries: vec![FeedEntry {
                id: "https://x.example/en/vin/V#lot-1".into(),
                url: "https://x.example/en/vin/V".into(),
                title: "t".into(),
                published: at,
                summary: "a \u{0} b".into(),
                image: None,
            }],
        };
        let xml = write_atom(&doc);
        assert!(xml.starts_with(
            r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom""#
        ));
        assert!(xml.contains("<title>Cars &lt;A&amp;B&gt;</title>"));
        assert!(xml.contains("<updated>2027-01-15T08:00:00Z</updated>"));
        assert!(xml.contains("<summary>a  b</summary></entry></feed>"));
        assert_eq!(xml.matches("<entry>").count(), 1);
    }
}
