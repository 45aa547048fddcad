//! Hub pages (`/{lang}/cars/{make}` and `/{lang}/cars/{make}/{model}`): the URL slug of a make or
//! model, the sale-date window of their price summary, and the data they show.
//!
//! A slug is the name in lower case ASCII: letters with diacritics, ligatures and Cyrillic are
//! spelled in ASCII letters (`ŠKODA` → `skoda`, `Straße` → `strasse`, `ЛАДА` → `lada`; the
//! table is in `translit`), and every run of other characters than letters and digits becomes
//! one `-` (`MERCEDES-BENZ` → `mercedes-benz`, `LAND ROVER` → `land-rover`, `F150 SUPERCREW` →
//! `f150-supercrew`). Stored names that differ only in punctuation, case or accents
//! (`MERCEDES BENZ`, `Mercedes-Benz`; `ŠKODA`, `SKODA`) share one slug, and so one hub: they
//! are the same make to a reader, and two pages for it would split its links and its counts.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::LotCard;

mod translit;
mod year;

pub use year::{MonthPrices, YEARS, YearHub, YearLink, parse_year, year_path};

/// A make's or model's URL segment (see the module docs). Never empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    /// The slug of a stored name, or of a requested URL segment (already percent-decoded);
    /// `None` when it has no letter or digit at all.
    pub fn of(name: &str) -> Option<Slug> {
        let mut out = String::with_capacity(name.len());
        let mut gap = false;
        for c in name.chars().flat_map(char::to_lowercase) {
            let mut buf = [0; 4];
            let spelled: &str = if c.is_ascii_alphanumeric() {
                c.encode_utf8(&mut buf)
            } else if let Some(ascii) = translit::spell(c) {
                ascii
            } else {
                gap = true;
                continue;
            };
            if spelled.is_empty() {
                continue;
            }
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push_str(spelled);
        }
        (!out.is_empty()).then_some(Slug(out))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The sale dates a hub's price summary covers: from `today − days` on, upcoming sales
/// included (most lots of a live export are still to be sold; their current bid is what the
/// market says so far). The URL parameter is `window`; absent = [`PriceWindow::DEFAULT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PriceWindow {
    Days30,
    Days90,
    Days365,
    /// Every lot, with or without a sale date.
    All,
}

impl PriceWindow {
    pub const ALL: [PriceWindow; 4] = [
        PriceWindow::Days30,
        PriceWindow::Days90,
        PriceWindow::Days365,
        PriceWindow::All,
    ];
    pub const DEFAULT: PriceWindow = PriceWindow::Days90;

    /// The `window` parameter value.
    pub const fn param(self) -> &'static str {
        match self {
            PriceWindow::Days30 => "30d",
            PriceWindow::Days90 => "90d",
            PriceWindow::Days365 => "365d",
            PriceWindow::All => "all",
        }
    }

    /// `None` for a value that is not one of [`PriceWindow::param`]'s.
    pub fn parse(value: &str) -> Option<PriceWindow> {
        PriceWindow::ALL.into_iter().find(|w| w.param() == value)
    }

    /// The earliest sale date covered, counted from `today`; `None` = no date limit.
    pub fn since(self, today: NaiveDate) -> Option<NaiveDate> {
        let days = match self {
            PriceWindow::Days30 => 30,
            PriceWindow::Days90 => 90,
            PriceWindow::Days365 => 365,
            PriceWindow::All => return None,
        };
        Some(today - Duration::days(days))
    }

    /// The query string of this window on a hub URL (`""` for the default).
    pub fn query_string(self) -> String {
        if self == PriceWindow::DEFAULT {
            String::new()
        } else {
            format!("window={}", self.param())
        }
    }
}

/// A link on a hub: a make (or model) with its slug and its number of lots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubLink {
    /// The stored name with the most lots among those sharing the slug (what the page shows
    /// and what catalog filters use).
    pub name: String,
    pub slug: Slug,
    pub lots: i64,
}

/// The price summary of one model year (or of every year together) over the window. Each
/// figure has its own count: a lot without bids (current bid 0) says nothing about the price,
/// and many lots have no estimated retail value. Quartiles are `percentile_cont` (linear
/// interpolation), rounded to the cent; the bids are the last ones seen, the retail values
/// Copart's estimates (`PriceSource`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearPrices {
    /// `None`: lots whose export row has no model year (or, in [`PriceSummary::period`], every
    /// year together).
    pub year: Option<i16>,
    /// Lots of this year in the window.
    pub lots: i64,
    pub median_bid_cents: Option<i64>,
    /// The bid a quarter of the lots with a bid stay under, and the one three quarters do.
    #[serde(default)]
    pub q1_bid_cents: Option<i64>,
    #[serde(default)]
    pub q3_bid_cents: Option<i64>,
    /// Lots behind the bid figures (those with a bid).
    pub bid_lots: i64,
    pub median_retail_cents: Option<i64>,
    #[serde(default)]
    pub q1_retail_cents: Option<i64>,
    #[serde(default)]
    pub q3_retail_cents: Option<i64>,
    /// Lots behind the retail figures (those with an estimate).
    pub retail_lots: i64,
}

/// A hub's prices over its window: per model year, and the period as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PriceSummary {
    /// Newest year first, unknown year last.
    pub years: Vec<YearPrices>,
    /// Every lot of the window together; `None` when there is none.
    pub period: Option<YearPrices>,
}

/// `/{lang}/cars/{make}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MakeHub {
    pub make: HubLink,
    /// Its models, by name; lots without a model are only in `make.lots`.
    pub models: Vec<HubLink>,
    /// The first sale date `prices` cover (`None`: every lot).
    pub since: Option<NaiveDate>,
    pub prices: PriceSummary,
    /// The make's next lots to be sold (the catalog's default order).
    pub lots: Vec<LotCard>,
}

/// `/{lang}/cars/{make}/{model}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelHub {
    pub make: HubLink,
    pub model: HubLink,
    /// The first sale date `prices` cover (`None`: every lot).
    pub since: Option<NaiveDate>,
    pub prices: PriceSummary,
    /// The model's years with lots (every period), newest first: links to the year hubs.
    #[serde(default)]
    pub years: Vec<YearLink>,
    /// The model's next lots to be sold (the catalog's default order).
    pub lots: Vec<LotCard>,
}

/// The path of a hub after the language segment: `/cars/ford`, `/cars/ford/f150`.
pub fn hub_path(make: &Slug, model: Option<&Slug>) -> String {
    match model {
        Some(model) => format!("/cars/{make}/{model}"),
        None => format!("/cars/{make}"),
    }
}

/// Lot cards a hub shows; the rest are one link away in the catalog.
pub const HUB_LOTS: u16 = 12;

/// Folds named counts into one link per slug: counts add up, the name with the most lots
/// names the link, names without a slug are dropped. Sorted by name.
pub fn merge_by_slug(rows: impl IntoIterator<Item = (String, i64)>) -> Vec<HubLink> {
    let mut by_slug: std::collections::BTreeMap<Slug, (HubLink, i64)> = Default::default();
    for (name, lots) in rows {
        let Some(slug) = Slug::of(&name) else {
            continue;
        };
        let entry = by_slug.entry(slug.clone()).or_insert_with(|| {
            let link = HubLink {
                name: name.clone(),
                slug,
                lots: 0,
            };
            (link, 0)
        });
        entry.0.lots += lots;
        // Ties go to the smaller name, so the choice does not depend on row order.
        if lots > entry.1 || (lots == entry.1 && name < entry.0.name) {
            entry.0.name = name;
            entry.1 = lots;
        }
    }
    let mut links: Vec<HubLink> = by_slug.into_values().map(|(l, _)| l).collect();
    links.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.slug.cmp(&b.slug)));
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Option<String> {
        Slug::of(s).map(|s| s.as_str().to_owned())
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("MERCEDES-BENZ").as_deref(), Some("mercedes-benz"));
        assert_eq!(slug("LAND ROVER").as_deref(), Some("land-rover"));
        assert_eq!(slug(" F150  SUPERCREW ").as_deref(), Some("f150-supercrew"));
        assert_eq!(slug("C 300/4MATIC").as_deref(), Some("c-300-4matic"));
        assert_eq!(slug("mercedes-benz").as_deref(), Some("mercedes-benz"));
        assert_eq!(slug("-- / --"), None);
        assert_eq!(slug(""), None);
        // A slug is its own slug: canonical segments never redirect.
        for s in ["a-b", "x", "f150-supercrew"] {
            assert_eq!(slug(s).as_deref(), Some(s));
        }
    }

    #[test]
    fn letters_with_diacritics_and_ligatures_become_ascii() {
        for (name, want) in [
            ("ŠKODA", "skoda"),
            ("Škoda Octavia", "skoda-octavia"),
            ("CITROËN", "citroen"),
            ("citroën", "citroen"),
            ("Ñandú", "nandu"),
            ("ŁADA", "lada"),
            ("GROẞE STRAẞE", "grosse-strasse"),
            ("Große", "grosse"),
            ("ÆRØ", "aero"),
            ("Œuvre", "oeuvre"),
            ("Þór", "thor"),
            ("Dražen Đurić", "drazen-duric"),
            ("İZMİR", "izmir"),
            // Decomposed (NFD) input: the combining marks are part of their letter, not gaps.
            ("S\u{30C}KODA", "skoda"),
            ("CITROE\u{308}N", "citroen"),
        ] {
            assert_eq!(slug(name).as_deref(), Some(want), "{name}");
        }
    }

    #[test]
    fn cyrillic_is_transliterated() {
        for (name, want) in [
            ("ЛАДА", "lada"),
            ("Лада Нива", "lada-niva"),
            ("УАЗ Патриот", "uaz-patriot"),
            ("ГАЗель", "gazel"),
            ("Москвич", "moskvich"),
            ("ЁЖ", "yozh"),
            ("Щука", "shchuka"),
            ("Хендай", "khenday"),
            ("Объект", "obekt"),
            ("Юрий", "yuriy"),
            ("Ява", "yava"),
        ] {
            assert_eq!(slug(name).as_deref(), Some(want), "{name}");
        }
    }

    #[test]
    fn spellings_that_differ_only_in_accents_share_a_slug() {
        let links = merge_by_slug([
            ("ŠKODA".to_owned(), 2),
            ("SKODA".to_owned(), 5),
            ("Škoda".to_owned(), 1),
        ]);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].slug.as_str(), "skoda");
        assert_eq!(links[0].name, "SKODA");
        assert_eq!(links[0].lots, 8);
    }

    #[test]
    fn windows_round_trip() {
        for w in PriceWindow::ALL {
            assert_eq!(PriceWindow::parse(w.param()), Some(w));
        }
        assert_eq!(PriceWindow::parse("7d"), None);
        assert_eq!(PriceWindow::DEFAULT.query_string(), "");
        assert_eq!(PriceWindow::All.query_string(), "window=all");
        let today = NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
        assert_eq!(
            PriceWindow::Days30.since(today),
            NaiveDate::from_ymd_opt(2026, 3, 1)
        );
        assert_eq!(PriceWindow::All.since(today), None);
    }

    #[test]
    fn merging_sums_and_names_by_the_largest() {
        let links = merge_by_slug([
            ("MERCEDES BENZ".to_owned(), 3),
            ("MERCEDES-BENZ".to_owned(), 40),
            ("AUDI".to_owned(), 7),
            ("???".to_owned(), 5),
        ]);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].name, "AUDI");
        assert_eq!(links[1].name, "MERCEDES-BENZ");
        assert_eq!(links[1].lots, 43);
        assert_eq!(links[1].slug.as_str(), "mercedes-benz");
    }
}
