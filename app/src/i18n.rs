//! Languages and UI messages.
//!
//! Each language is a `Messages` value in `app/src/locales/<code>.rs` (inside `src/` so that
//! `cargo leptos watch` rebuilds on a translation edit). A struct instead of a key/value
//! catalog means a missing translation is a compile error, not an English string on a Russian
//! page (the original had several), and there is nothing to parse at run time or ship to wasm.

use std::fmt;

use vinops::VehicleKind;
use vinops::catalog::Keys;
use vinops::catalog::badge::{DisplayStatus, PriceLabel};

#[path = "locales/en.rs"]
mod en;
#[path = "locales/hub_en.rs"]
mod hub_en;
#[path = "locales/hub_ru.rs"]
mod hub_ru;
#[path = "locales/hub_uk.rs"]
mod hub_uk;
#[path = "locales/price_en.rs"]
mod price_en;
#[path = "locales/price_ru.rs"]
mod price_ru;
#[path = "locales/price_uk.rs"]
mod price_uk;
#[path = "locales/ru.rs"]
mod ru;
#[path = "locales/uk.rs"]
mod uk;

mod sections;
pub use sections::{HubMessages, PriceMessages};

/// A language the site is published in. The first URL segment chooses it; there is no
/// Accept-Language guessing, so every URL has exactly one language (good for crawlers).
///
/// [`Lang::ALL`] is the one list of languages: routes, sitemaps, hreflang, the language switch,
/// the API's `Accept-Language` and the VIN validators all iterate it. Adding a language is a
/// variant, its arms in this `impl` (and in the exhaustive matches the compiler then points
/// to: number formats, the taxonomy list, the dashboards' texts) and its files in `locales/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
    Uk,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Uk];
    pub const DEFAULT: Lang = Lang::En;

    /// Exact, case-sensitive match of a URL segment: `/english` or `/EN` are not languages.
    pub fn from_segment(segment: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == segment)
    }

    /// The language a path is in: its first segment (`/ru/cars` → Russian), `None` when that is
    /// not one of ours (`/health`, `/de/cars`).
    pub fn of_path(path: &str) -> Option<Lang> {
        Lang::from_segment(
            path.trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or_default(),
        )
    }

    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
        }
    }

    /// The language's name in itself, as the language switch shows it.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Uk => "Українська",
        }
    }

    /// The browser locale for `Intl` formatting.
    pub const fn bcp47(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Ru => "ru-RU",
            Lang::Uk => "uk-UA",
        }
    }

    /// The key that sorts texts (option labels) in this language's alphabetical order. By code
    /// point, Russian `ё` and Ukrainian `ґ є і ї` would come after `я`; here each letter of the
    /// alphabet takes its place, Russian `ё` counts as `е`, and anything else (digits, Latin)
    /// keeps its code point, which sorts it before the alphabet.
    pub fn collation_key(self, s: &str) -> Vec<u32> {
        let alphabet = match self {
            Lang::En => "",
            Lang::Ru => "абвгдежзийклмнопрстуфхцчшщъыьэюя",
            Lang::Uk => "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
        };
        s.to_lowercase()
            .chars()
            .map(|c| {
                if self == Lang::Ru && c == 'ё' {
                    'е'
                } else {
                    c
                }
            })
            .map(|c| {
                alphabet
                    .chars()
                    .position(|a| a == c)
                    .map_or(u32::from(c), |i| {
                        0x11_0000 + u32::try_from(i).unwrap_or(u32::MAX - 0x11_0000)
                    })
            })
            .collect()
    }

    /// Every language but this one, in [`Lang::ALL`] order.
    pub fn others(self) -> impl Iterator<Item = Lang> {
        Lang::ALL.into_iter().filter(move |l| *l != self)
    }

    pub const fn t(self) -> &'static Messages {
        match self {
            Lang::En => &en::MESSAGES,
            Lang::Ru => &ru::MESSAGES,
            Lang::Uk => &uk::MESSAGES,
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

/// Labels of the catalog form's "more filters" part.
pub struct MoreFilterMessages {
    /// The disclosure's summary.
    pub title: &'static str,
    pub secondary_damage: &'static str,
    pub yard: &'static str,
    pub color: &'static str,
    pub fuel: &'static str,
    pub drive: &'static str,
    pub transmission: &'static str,
    pub body: &'static str,
    pub runs_drives: &'static str,
    pub keys: &'static str,
    pub keys_label: fn(Keys) -> &'static str,
    pub odometer_min: &'static str,
    pub bid_min: &'static str,
    pub bid_max: &'static str,
    pub buy_it_now: &'static str,
    pub auction: &'static str,
    pub auction_today: &'static str,
    pub auction_week: &'static str,
    pub auction_from: &'static str,
    pub auction_to: &'static str,
    /// Under the date fields: whose days they are.
    pub auction_tz_note: &'static str,
}

/// Every string the UI shows, per language. Grouped by page; `fn` fields take the value they
/// label (plural forms, enums) so a language can inflect.
pub struct Messages {
    // --- frame ---
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub nav_home: &'static str,
    pub nav_catalog: &'static str,
    pub nav_contacts: &'static str,
    pub nav_terms: &'static str,
    /// The label of the language switch (a list of the other languages, each in its own name).
    pub switch_language: &'static str,
    pub theme_toggle: &'static str,
    pub skip_to_content: &'static str,
    pub footer_about: &'static str,
    pub footer_navigation: &'static str,
    pub footer_rights: &'static str,
    // --- home ---
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_browse: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_hint: &'static str,
    pub search_empty: &'static str,
    pub search_invalid: &'static str,
    pub search_lot_not_found: &'static str,
    pub search_unavailable: &'static str,
    pub features_title: &'static str,
    /// (title, text) of each feature card.
    pub features: [(&'static str, &'static str); 4],
    /// "Data updated N minutes ago" from the minutes since the last ETL run.
    pub updated_ago: fn(i64) -> String,
    pub updated_never: &'static str,
    // --- catalog ---
    pub catalog_title: &'static str,
    pub catalog_lead: &'static str,
    pub catalog_empty: &'static str,
    pub catalog_unavailable: &'static str,
    pub catalog_bad_query: &'static str,
    /// "{n} lots": rendered by `lots_count`.
    pub lots_count: fn(i64) -> String,
    /// "{n}+ lots": more lots than the count cap.
    pub lots_count_capped: fn(i64) -> String,
    pub kind_tabs_label: &'static str,
    pub kind_all: &'static str,
    pub kind_label: fn(VehicleKind) -> &'static str,
    pub filters_title: &'static str,
    pub filter_make: &'static str,
    pub filter_model: &'static str,
    pub filter_trim: &'static str,
    pub filter_year: &'static str,
    pub filter_year_from: &'static str,
    pub filter_year_to: &'static str,
    pub filter_damage: &'static str,
    pub filter_title_type: &'static str,
    pub filter_status: &'static str,
    pub filter_odometer_max: &'static str,
    pub filter_state: &'static str,
    pub filter_any: &'static str,
    pub more_filters: MoreFilterMessages,
    pub sort_title: &'static str,
    /// Label of a sort slug (`auction_asc`, …).
    pub sort_label: fn(&str) -> &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub next_page: &'static str,
    pub pagination_label: &'static str,
    pub first_page: &'static str,
    pub photo_placeholder: &'static str,
    /// Alt text of a lot's photo, from the lot's title ("2017 HYUNDAI SONATA").
    pub photo_alt: fn(&str) -> String,
    /// The "load more" button under the catalog, its busy label, and what it announces.
    pub load_more: &'static str,
    pub loading_more: &'static str,
    /// "{n}": how many cards were appended (a count, not inflected: "Loaded: {n}").
    pub loaded_more: &'static str,
    pub all_loaded: &'static str,
    pub load_more_failed: &'static str,
    /// The link to the search's Atom feed.
    pub follow_feed: &'static str,
    // --- lot card and badges ---
    pub lot_number: &'static str,
    pub odometer: &'static str,
    pub location: &'static str,
    pub auction_date: &'static str,
    pub not_scheduled: &'static str,
    pub miles_unit: &'static str,
    pub status_label: fn(&str) -> &'static str,
    pub display_status: fn(DisplayStatus) -> &'static str,
    pub price_label: fn(PriceLabel) -> &'static str,
    pub price_note: &'static str,
    // --- VIN page ---
    pub vin_lead: &'static str,
    pub copy_vin: &'static str,
    pub copied: &'static str,
    pub gallery_placeholder: &'static str,
    pub gallery_title: &'static str,
    /// "{n}" and "{total}" are replaced (the lightbox island formats it in the browser too).
    pub photo_n_of: &'static str,
    pub lightbox_label: &'static str,
    pub lightbox_close: &'static str,
    pub lightbox_prev: &'static str,
    pub lightbox_next: &'static str,
    pub specs_title: &'static str,
    pub spec_year: &'static str,
    pub spec_make: &'static str,
    pub spec_model: &'static str,
    pub spec_trim: &'static str,
    pub spec_body: &'static str,
    pub spec_engine: &'static str,
    pub spec_transmission: &'static str,
    pub spec_drive: &'static str,
    pub spec_fuel: &'static str,
    pub spec_color: &'static str,
    pub spec_cylinders: &'static str,
    /// "{n} auction attempts" heading of the lot list.
    pub lots_title: fn(usize) -> String,
    pub lot_auction: &'static str,
    pub lot_yard: &'static str,
    pub lot_yard_time: &'static str,
    pub lot_utc_time: &'static str,
    pub lot_local_time: &'static str,
    pub lot_title_type: &'static str,
    pub lot_damage: &'static str,
    pub lot_keys: &'static str,
    pub lot_runs_drives: &'static str,
    pub lot_retail: &'static str,
    pub lot_repair_cost: &'static str,
    pub current_bid: &'static str,
    pub buy_now: &'static str,
    pub lot_status: &'static str,
    pub lot_outcome: &'static str,
    /// `sold`, `not_sold`, `on_approval`, `unknown`.
    pub outcome_label: fn(&str) -> &'static str,
    /// "inferred, 85% confidence" (confidence in percent when known).
    pub outcome_inferred: fn(Option<i64>) -> String,
    /// `yes`, `no`, `exempt` and the odometer brand codes.
    pub yes_no: fn(&str) -> &'static str,
    pub odometer_brand: fn(&str) -> &'static str,
    pub vin_unavailable: &'static str,
    pub vin_removed_title: &'static str,
    pub vin_removed_body: &'static str,
    pub vin_not_found_title: &'static str,
    pub vin_not_found_body: &'static str,
    // --- errors and static pages ---
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub contacts_title: &'static str,
    pub contacts_lead: &'static str,
    pub contacts_email: &'static str,
    pub contacts_telegram: &'static str,
    pub terms_title: &'static str,
    pub terms_body: [&'static str; 3],
    // --- removal request form on the VIN page (pages/vin_removal.rs) ---
    pub removal_title: &'static str,
    pub removal_lead: &'static str,
    pub removal_reason: &'static str,
    pub removal_contact: &'static str,
    pub removal_submit: &'static str,
    pub removal_sent_title: &'static str,
    pub removal_sent_body: &'static str,
    // --- page metadata (seo_meta): descriptions, OpenGraph locale ---
    /// `og:locale` of the language (`en_US`).
    pub og_locale: &'static str,
    pub meta_home_description: &'static str,
    /// Description of the unfiltered catalog.
    pub meta_catalog_description: &'static str,
    /// Title and description of a catalog filtered to a subject ("2019 FORD F150", "Motorcycles").
    pub meta_catalog_filtered_title: fn(&str) -> String,
    pub meta_catalog_filtered_description: fn(&str) -> String,
    /// Description of a VIN page from its vehicle and newest lot.
    pub meta_vin_description: fn(&VinSummary) -> String,
    pub meta_contacts_description: &'static str,
    pub meta_terms_description: &'static str,
    // --- make and model hubs (pages/hub.rs) ---
    pub hub: &'static HubMessages,
    // --- price charts and provenance, VIN timeline, similar lots ---
    pub price: &'static PriceMessages,
}

/// What a VIN page's description says, from its vehicle and newest lot: the input of
/// [`Messages::meta_vin_description`] (`seo_meta` fills it in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VinSummary {
    pub vin: String,
    /// "2019 FORD F150 XLT", or "VIN …" when nothing is known.
    pub subject: String,
    /// Copart lot number of the newest lot.
    pub lot_number: Option<i64>,
    /// "DALLAS, TX" of the newest lot.
    pub place: Option<String>,
    /// Sale date of the newest lot, formatted for the language.
    pub date: Option<String>,
    /// How many lots the VIN has had.
    pub lots: usize,
    /// Whether the page has photos (the description mentions them only then).
    pub has_photos: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_exact() {
        assert_eq!(Lang::from_segment("en"), Some(Lang::En));
        assert_eq!(Lang::from_segment("ru"), Some(Lang::Ru));
        assert_eq!(Lang::from_segment("uk"), Some(Lang::Uk));
        assert_eq!(Lang::of_path("/uk/cars/ford"), Some(Lang::Uk));
        assert_eq!(Lang::of_path("/ru"), Some(Lang::Ru));
        assert_eq!(Lang::of_path("/health"), None);
        assert_eq!(Lang::of_path("/"), None);
        for bad in ["english", "rubbish", "EN", "", "de", "ua", "UK"] {
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
        assert_eq!(Lang::Uk.switch_path("/ru/vin/X?y=1"), "/uk/vin/X?y=1");
    }

    #[test]
    fn texts_sort_in_each_alphabet() {
        fn sorted(lang: Lang, words: &[&'static str]) -> Vec<&'static str> {
            let mut w = words.to_vec();
            w.sort_by_cached_key(|s| lang.collation_key(s));
            w
        }
        assert_eq!(
            sorted(
                Lang::Uk,
                &["Інше", "Якір", "Зелений", "Ґанок", "Білий", "Єнот"]
            ),
            ["Білий", "Ґанок", "Єнот", "Зелений", "Інше", "Якір"]
        );
        assert_eq!(
            sorted(Lang::Ru, &["Ёлка", "Жёлтый", "Ель", "Ясень"]),
            ["Ёлка", "Ель", "Жёлтый", "Ясень"]
        );
    }

    #[test]
    fn languages_differ() {
        assert_ne!(Lang::En.t().catalog_title, Lang::Ru.t().catalog_title);
        assert_eq!((Lang::En.t().lots_count)(1), "1 lot");
        assert_eq!((Lang::Ru.t().lots_count)(21), "21 лот");
        assert_eq!((Lang::Ru.t().lots_count)(3), "3 лота");
        assert_eq!((Lang::Ru.t().lots_count)(11), "11 лотов");
        assert_eq!((Lang::Uk.t().lots_count)(21), "21 лот");
        assert_eq!((Lang::Uk.t().lots_count)(3), "3 лоти");
        assert_eq!((Lang::Uk.t().lots_count)(11), "11 лотів");
        assert_eq!(
            (Lang::Uk.t().lots_count_capped)(10_000),
            "10\u{202F}000+ лотів"
        );
        assert_eq!((Lang::En.t().lots_count_capped)(10_000), "10,000+ lots");
        assert_eq!(
            (Lang::Ru.t().lots_count_capped)(10_000),
            "10\u{202F}000+ лотов"
        );
        assert_eq!((Lang::En.t().updated_ago)(1), "Data updated 1 minute ago");
        assert_eq!(
            (Lang::Ru.t().updated_ago)(5),
            "Данные обновлены 5 минут назад"
        );
    }
}
