//! The XML the sitemap files share: the document head, one `<url>` with its language
//! alternates, escaping, `lastmod` dates and the protocol's size limit. Plain text building, no
//! I/O: `sitemap` (index, static pages), `vin_sitemap` and `hub_sitemap` write their files with it.
//!
//! Every page URL lists its alternates in every language and x-default (= en), as the pages' own
//! `hreflang` links do.

use app::i18n::Lang;
use chrono::{DateTime, SecondsFormat, Utc};

/// The languages every page exists in (the site's one list), in the order their alternates are
/// listed.
pub const LANGS: [&str; Lang::ALL.len()] = {
    let mut codes = [""; Lang::ALL.len()];
    let mut i = 0;
    while i < codes.len() {
        codes[i] = Lang::ALL[i].code();
        i += 1;
    }
    codes
};
pub const XML_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
pub const URLSET_OPEN: &str = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#;
/// The sitemaps protocol's limit of URLs per file.
pub const MAX_URLS_PER_FILE: usize = 50_000;

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
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="{site}/{}{path}"/></url>"#,
        Lang::DEFAULT.code()
    );
}

/// A `lastmod` value (W3C datetime, whole seconds, UTC).
pub fn w3c_datetime(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
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
        for (l, p) in [
            ("en", "en"),
            ("ru", "ru"),
            ("uk", "uk"),
            ("x-default", "en"),
        ] {
            assert!(
                s.contains(&format!(
                    r#"hreflang="{l}" href="https://x.test/{p}/vin/ABC""#
                )),
                "{l}"
            );
        }
    }
}
