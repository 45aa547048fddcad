//! Page metadata for search engines and link previews: title, description, robots,
//! canonical URL, `hreflang` alternates, OpenGraph and JSON-LD, in the page's language.
//!
//! Every page builds one [`PageMeta`] (the builders per page type are in `pages`) and hands it
//! to `Layout`, which renders it with [`PageHead`] through leptos_meta, so the tags land in the
//! `<head>`; the routes render with `SsrMode::Async`, so the head is complete before the first
//! byte even when the metadata depends on data (the VIN and catalog pages render their `Layout`
//! once their data is loaded).
//!
//! Absolute URLs use `SITE_URL`: the server provides a [`SiteUrl`] in the Leptos context; without
//! one (tools, tests that render without the router) the `SITE_URL` environment variable, read
//! once, else the server's default.

mod head;
mod hub;
pub mod json_ld;
mod pages;

pub use head::{JsonLd, PageHead};
pub use hub::{make_hub_meta, model_hub_meta, year_hub_meta};
pub use pages::{
    catalog_canonical_query, catalog_indexable, catalog_meta, catalog_subject, catalog_title,
    error_meta, home_meta, static_meta, vin_meta,
};

use crate::i18n::Lang;

/// The public origin of the site (`SITE_URL`), without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// The server's default `SITE_URL` (`server::config::ServeConfig`).
    pub const DEFAULT: &'static str = "http://127.0.0.1:3000";

    pub fn new(url: &str) -> SiteUrl {
        let url = url.trim().trim_end_matches('/');
        SiteUrl(if url.is_empty() { Self::DEFAULT } else { url }.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The site URL in force for this render.
pub fn site_url() -> SiteUrl {
    #[cfg(feature = "ssr")]
    {
        use std::sync::LazyLock;
        static FROM_ENV: LazyLock<SiteUrl> =
            LazyLock::new(|| SiteUrl::new(&std::env::var("SITE_URL").unwrap_or_default()));
        leptos::prelude::use_context::<SiteUrl>().unwrap_or_else(|| FROM_ENV.clone())
    }
    #[cfg(not(feature = "ssr"))]
    SiteUrl::new("")
}

/// `https://site/path` for a path on this site; an absolute URL (a CDN's media base) as is.
pub fn absolute(site: &SiteUrl, path_or_url: &str) -> String {
    if path_or_url.starts_with("https://") || path_or_url.starts_with("http://") {
        path_or_url.to_owned()
    } else if let Some(rest) = path_or_url.strip_prefix("//") {
        // Protocol-relative: take the site's scheme.
        let scheme = site.as_str().split_once("//").map_or("https:", |(s, _)| s);
        format!("{scheme}//{rest}")
    } else if path_or_url.starts_with('/') {
        format!("{}{path_or_url}", site.as_str())
    } else {
        format!("{}/{path_or_url}", site.as_str())
    }
}

/// Whether search engines may index the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Robots {
    /// Indexable, with a canonical URL (no robots tag: index, follow is the default).
    Index,
    /// `noindex,follow`: a heavily filtered listing. Its links are still followed, and its
    /// canonical URL is still given.
    NoIndexFollow,
    /// `noindex`: an error page (404, 410, 400, 503). No canonical URL.
    Error,
}

impl Robots {
    pub const fn content(self) -> Option<&'static str> {
        match self {
            Robots::Index => None,
            Robots::NoIndexFollow => Some("noindex,follow"),
            Robots::Error => Some("noindex"),
        }
    }
}

/// Everything the head says about one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMeta {
    pub lang: Lang,
    /// The page's own title, without the site name (`Layout` appends it).
    pub title: String,
    pub description: String,
    /// The canonical path after the language segment (`""` for home, `/cars?make=FORD`); the
    /// canonical URL and the `hreflang` alternates are this path under each language. `None`
    /// when the URL has no language of ours (then there are no alternates either).
    pub rest: Option<String>,
    pub robots: Robots,
    /// `og:type`.
    pub og_type: &'static str,
    /// Absolute URL of a photo of what the page shows, if there is one.
    pub image: Option<String>,
    /// JSON-LD objects, one `<script type="application/ld+json">` each.
    pub json_ld: Vec<serde_json::Value>,
}

impl PageMeta {
    /// `{SITE_URL}/{lang}{rest}` of this page in `lang`.
    pub fn url_in(&self, site: &SiteUrl, lang: Lang) -> Option<String> {
        self.rest
            .as_ref()
            .map(|rest| format!("{}/{}{rest}", site.as_str(), lang.code()))
    }

    /// The canonical URL, for indexable and noindex,follow pages alike (none on error pages).
    pub fn canonical(&self, site: &SiteUrl) -> Option<String> {
        match self.robots {
            Robots::Error => None,
            Robots::Index | Robots::NoIndexFollow => self.url_in(site, self.lang),
        }
    }
}
