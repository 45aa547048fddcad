//! Languages and UI messages.
//!
//! Each language is a `Messages` value in `app/src/locales/<code>.rs` (inside `src/` so that
//! `cargo leptos watch` rebuilds on a translation edit). A struct instead of a key/value
//! catalog means a missing translation is a compile error, not an English string on a Russian
//! page (the original had several), and there is nothing to parse at run time or ship to wasm.

use std::fmt;

#[path = "locales/en.rs"]
mod en;
#[path = "locales/ru.rs"]
mod ru;

/// A language the site is published in. The first URL segment chooses it; there is no
/// Accept-Language guessing, so every URL has exactly one language (good for crawlers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];
    pub const DEFAULT: Lang = Lang::En;

    /// Exact, case-sensitive match of a URL segment: `/english` or `/EN` are not languages.
    pub fn from_segment(segment: &str) -> Option<Lang> {
        match segment {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub const fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ru,
            Lang::Ru => Lang::En,
        }
    }

    pub const fn t(self) -> &'static Messages {
        match self {
            Lang::En => &en::MESSAGES,
            Lang::Ru => &ru::MESSAGES,
        }
    }

    /// The same path in this language: `/en/cars?x=1` → `/ru/cars?x=1`.
    pub fn switch_path(self, path_and_query: &str) -> String {
        let rest = path_and_query
            .strip_prefix('/')
            .and_then(|p| {
                let (seg, rest) = p.split_at(p.find(['/', '?']).unwrap_or(p.len()));
                Lang::from_segment(seg).map(|_| rest)
            })
            .unwrap_or("");
        format!("/{}{}", self.code(), rest)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Every string the UI shows, per language.
pub struct Messages {
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub nav_home: &'static str,
    pub nav_catalog: &'static str,
    pub switch_language: &'static str,
    pub theme_toggle: &'static str,
    pub skip_to_content: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_browse: &'static str,
    pub catalog_title: &'static str,
    pub catalog_lead: &'static str,
    pub catalog_empty: &'static str,
    pub catalog_unavailable: &'static str,
    /// "{n} lots": rendered by `lots_count`.
    pub lots_count: fn(i64) -> String,
    pub lot_number: &'static str,
    pub odometer: &'static str,
    pub location: &'static str,
    pub auction_date: &'static str,
    pub not_scheduled: &'static str,
    pub current_bid: &'static str,
    pub buy_now: &'static str,
    pub retail_value: &'static str,
    pub no_bids: &'static str,
    pub miles_unit: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub footer_about: &'static str,
    pub status_label: fn(&str) -> &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_exact() {
        assert_eq!(Lang::from_segment("en"), Some(Lang::En));
        assert_eq!(Lang::from_segment("ru"), Some(Lang::Ru));
        for bad in ["english", "rubbish", "EN", "", "de"] {
            assert_eq!(Lang::from_segment(bad), None, "{bad}");
        }
    }

    #[test]
    fn switch_path_keeps_rest_and_query() {
        assert_eq!(
            Lang::Ru.switch_path("/en/cars?make=FORD"),
            "/ru/cars?make=FORD"
        );
        assert_eq!(Lang::En.switch_path("/ru"), "/en");
        assert_eq!(Lang::Ru.switch_path("/en?x=1"), "/ru?x=1");
        assert_eq!(Lang::Ru.switch_path("/zz/cars"), "/ru");
    }

    #[test]
    fn languages_differ() {
        assert_ne!(Lang::En.t().catalog_title, Lang::Ru.t().catalog_title);
        assert_eq!((Lang::En.t().lots_count)(1), "1 lot");
        assert_eq!((Lang::Ru.t().lots_count)(21), "21 лот");
        assert_eq!((Lang::Ru.t().lots_count)(3), "3 лота");
        assert_eq!((Lang::Ru.t().lots_count)(11), "11 лотов");
    }
}
