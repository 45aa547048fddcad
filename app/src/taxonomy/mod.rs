//! Copart's vocabulary in the page's language: damage, title type, body style, colour, fuel,
//! transmission, drive, runs/drives, sale status text, and our own outcome methods.
//!
//! The export writes these values in English (or as codes: `SC`, `4DR SPOR`). Each language has
//! one list of names, `locales/taxonomy_<code>.rs`; adding a language adds its list and one arm in
//! [`names`]. Values stay raw wherever they are data (URLs, filter values, the API); only what
//! is shown goes through [`Lang::taxon`].
//!
//! English needs a name only where the raw value is a code or an identifier (title types,
//! outcome methods); elsewhere Copart's own English is shown as it was exported. A value no list
//! names is shown raw, and on the server it is counted and logged once (`untranslated`), so
//! `/metrics` shows when Copart starts writing something new.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use vinops::SaleStatus;

use crate::i18n::Lang;

#[path = "../locales/taxonomy_en.rs"]
mod en;
#[path = "../locales/taxonomy_ru.rs"]
mod ru;
#[path = "../locales/taxonomy_uk.rs"]
mod uk;
#[cfg(feature = "ssr")]
pub mod untranslated;

/// A column of closed vocabulary, as far as naming its values goes (primary and secondary
/// damage share one vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Taxon {
    Damage,
    TitleType,
    BodyStyle,
    Color,
    Fuel,
    Transmission,
    Drive,
    RunsDrives,
    /// Only the engine texts that are words ("ELECTRIC"); figures ("2.0L  4") are shown as they
    /// are.
    Engine,
    /// The export's sale status text ("Pure Sale"); the statuses `vinops` knows take the
    /// language's status labels.
    SaleStatus,
    /// How an outcome was inferred (`lots.outcome_method`, e.g. `disappeared_after_sale`).
    OutcomeMethod,
}

impl Taxon {
    /// The kind of the export column `col`, when its values are named through the taxonomy.
    pub fn of_column(col: vinops::header::Col) -> Option<Taxon> {
        use vinops::header::Col;
        Some(match col {
            Col::DamageDescription | Col::SecondaryDamage => Taxon::Damage,
            Col::SaleTitleType => Taxon::TitleType,
            Col::BodyStyle => Taxon::BodyStyle,
            Col::Color => Taxon::Color,
            Col::FuelType => Taxon::Fuel,
            Col::Transmission => Taxon::Transmission,
            Col::Drive => Taxon::Drive,
            Col::RunsDrives => Taxon::RunsDrives,
            Col::Engine => Taxon::Engine,
            Col::SaleStatus => Taxon::SaleStatus,
            _ => return None,
        })
    }

    pub const ALL: [Taxon; 11] = [
        Taxon::Damage,
        Taxon::TitleType,
        Taxon::BodyStyle,
        Taxon::Color,
        Taxon::Fuel,
        Taxon::Transmission,
        Taxon::Drive,
        Taxon::RunsDrives,
        Taxon::Engine,
        Taxon::SaleStatus,
        Taxon::OutcomeMethod,
    ];

    /// The kind's name in logs and metric labels.
    pub const fn slug(self) -> &'static str {
        match self {
            Taxon::Damage => "damage",
            Taxon::TitleType => "title_type",
            Taxon::BodyStyle => "body_style",
            Taxon::Color => "color",
            Taxon::Fuel => "fuel",
            Taxon::Transmission => "transmission",
            Taxon::Drive => "drive",
            Taxon::RunsDrives => "runs_drives",
            Taxon::Engine => "engine",
            Taxon::SaleStatus => "sale_status",
            Taxon::OutcomeMethod => "outcome_method",
        }
    }

    /// Whether the raw value is itself readable English (so English needs no list entry).
    const fn raw_is_english(self) -> bool {
        !matches!(self, Taxon::TitleType | Taxon::OutcomeMethod)
    }
}

/// Whether a language must name `kind`'s values: every language but English always, English
/// only for codes.
pub fn needs_names(lang: Lang, kind: Taxon) -> bool {
    lang != Lang::En || !kind.raw_is_english()
}

/// `(kind, raw value as Copart writes it, name)` of one language.
type Names = &'static [(Taxon, &'static str, &'static str)];

/// The one place that knows which list belongs to which language.
const fn names(lang: Lang) -> Names {
    match lang {
        Lang::En => en::NAMES,
        Lang::Ru => ru::NAMES,
        Lang::Uk => uk::NAMES,
    }
}

/// The lookup key of a value: Copart's case and spacing vary between exports ("Front-wheel
/// Drive", "FRONT-WHEEL DRIVE"), the meaning does not.
fn key(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_uppercase());
    }
    out
}

type Table = HashMap<(Taxon, String), &'static str>;

/// Every language's list as a map, in [`Lang::ALL`] order, built on first use.
static TABLES: LazyLock<Vec<Table>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|lang| {
            names(*lang)
                .iter()
                .map(|(kind, raw, name)| ((*kind, key(raw)), *name))
                .collect()
        })
        .collect()
});

fn table(lang: Lang) -> &'static Table {
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &TABLES[i]
}

impl Lang {
    /// How this language shows `raw`, a value of `kind`: its name, or `raw` itself when it
    /// needs none or has none yet (the latter counted and logged once on the server).
    pub fn taxon<'a>(self, kind: Taxon, raw: &'a str) -> Cow<'a, str> {
        if let Some(name) = self.taxon_known(kind, raw) {
            return Cow::Borrowed(name);
        }
        #[cfg(feature = "ssr")]
        untranslated::record(self, kind, raw);
        Cow::Borrowed(raw)
    }

    /// The name of `raw` in this language if it has one; nothing is counted. For values that
    /// come from a visitor (a filter value in a URL), which must not fill the log.
    pub fn taxon_known(self, kind: Taxon, raw: &str) -> Option<&'static str> {
        if kind == Taxon::SaleStatus {
            let status = SaleStatus::parse(raw);
            if status != SaleStatus::Unknown && self != Lang::En {
                return Some((self.t().status_label)(status.as_db_str()));
            }
        }
        table(self).get(&(kind, key(raw))).copied()
    }

    /// How this language names a stored keys value (`yes`, `no`, `exempt`); another text is
    /// shown as it is.
    pub fn keys_name(self, raw: &str) -> String {
        vinops::catalog::Keys::from_db_str(raw).map_or_else(
            || raw.to_owned(),
            |k| (self.t().more_filters.keys_label)(k).to_owned(),
        )
    }

    /// A code with its name, "Salvage certificate (SC)", or the code alone when it has no
    /// name: for codes people know from Copart (title types).
    pub fn taxon_with_code(self, kind: Taxon, code: &str) -> String {
        let name = self.taxon(kind, code);
        if name == code {
            code.to_owned()
        } else {
            format!("{name} ({})", code.trim())
        }
    }
}

#[cfg(test)]
mod tests;
