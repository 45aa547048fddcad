//! What a catalog request asks for: the typed filters, the order and the page size, and their
//! one URL form, shared by the page's GET form, "next page" links and the JSON API.
//!
//! Parsing rules: unknown parameter names are ignored (tracking tags, `lang`, …); an empty value
//! is the same as an absent one (a GET form sends `make=` for "all makes"); surrounding
//! whitespace is trimmed; a value that cannot mean anything (`sort=cheapest`, `year=abc`,
//! `type=cars`) is a [`QueryError`], not silently dropped, so a bad link is a 400, not a page
//! that quietly shows something else. The page size is clamped, not refused.
//!
//! Text filters match the stored value exactly (the dropdowns offer stored values). Trim means
//! `COALESCE(NULLIF(trim, ''), model_detail)`, as everywhere. Ranges (`year_from`/`year_to`,
//! `odometer_min`/`odometer_max`, `bid_min`/`bid_max` in whole dollars, `auction_from`/
//! `auction_to`) include both ends, and a lower end above the upper one is an error rather than
//! an empty page. The auction window is described in [`super::lot_filters`].
//!
//! The URL form itself (parameter order, text ⇄ types) is in `query_url`.

use serde::{Deserialize, Serialize};

use super::cursor::{Cursor, CursorError};
use super::lot_filters::AuctionDates;
use super::sort::Sort;
use crate::keys::Keys;
use crate::status::SaleStatus;
use crate::vehicle_type::VehicleKind;

pub use super::query_url::{PARAMS, RawParams, percent_encode};

/// Rows per page when the request does not say.
pub const DEFAULT_PAGE_SIZE: u16 = 48;
/// Largest page served in one request.
pub const MAX_PAGE_SIZE: u16 = 100;
/// Years the schema accepts (`vehicles_year_range`).
pub const YEAR_MIN: i16 = 1900;
pub const YEAR_MAX: i16 = 2100;
/// Longest text filter value accepted; real makes/models/trims are far shorter.
pub const MAX_TEXT_LEN: usize = 64;

/// Why a catalog request is refused (the API answers 400 with this message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unknown vehicle type {0:?}")]
    UnknownKind(String),
    #[error("unknown sort {0:?}")]
    UnknownSort(String),
    #[error("unknown sale status {0:?}")]
    UnknownStatus(String),
    #[error("{param} must be a whole number, got {value:?}")]
    NotANumber { param: &'static str, value: String },
    #[error("{param} must be between {YEAR_MIN} and {YEAR_MAX}")]
    YearOutOfRange { param: &'static str },
    #[error("year_from ({from}) is after year_to ({to})")]
    YearRange { from: i16, to: i16 },
    #[error("odometer_max must not be negative")]
    NegativeOdometer,
    #[error("{param} must not be negative")]
    Negative { param: &'static str },
    /// A lower bound above its upper bound (`odometer_min` > `odometer_max`, …).
    #[error("{low} is above {high}")]
    Range {
        low: &'static str,
        high: &'static str,
    },
    #[error("unknown keys value {0:?} (yes, no or exempt)")]
    UnknownKeys(String),
    #[error("unknown auction window {0:?} (today or week)")]
    UnknownAuction(String),
    #[error("auction cannot be combined with auction_from or auction_to")]
    AuctionConflict,
    #[error("{param} must be a date (YYYY-MM-DD), got {value:?}")]
    NotADate { param: &'static str, value: String },
    #[error("tz must be minutes east of UTC between -720 and 840")]
    TzOutOfRange,
    #[error("{param} must be 1 or true, got {value:?}")]
    NotAFlag { param: &'static str, value: String },
    #[error("{param} is longer than {MAX_TEXT_LEN} characters")]
    TooLong { param: &'static str },
    /// NUL and other control characters: no stored value has them, and PostgreSQL refuses NUL
    /// in text (an error the page would otherwise report as the database failing).
    #[error("{param} contains a control character")]
    ControlCharacter { param: &'static str },
    #[error("{0} is given more than once")]
    Duplicate(String),
    #[error(transparent)]
    Cursor(#[from] CursorError),
}

/// The filters, order and page size of a catalog page. `Default` is the unfiltered catalog,
/// soonest auction first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawParams", into = "RawParams")]
pub struct CatalogQuery {
    /// The vehicle-kind tab (`type`); `None` = every kind.
    pub kind: Option<VehicleKind>,
    pub make: Option<String>,
    pub model: Option<String>,
    /// `COALESCE(NULLIF(trim, ''), model_detail)`.
    pub trim: Option<String>,
    /// One model year.
    pub year: Option<i16>,
    pub year_from: Option<i16>,
    pub year_to: Option<i16>,
    pub damage: Option<String>,
    /// `lots.title_type` (e.g. `SV`, `CT`).
    pub title: Option<String>,
    pub status: Option<SaleStatus>,
    /// Lots with a reading at least this (lots without a reading are excluded).
    pub odometer_min: Option<i32>,
    /// Lots with a reading at most this (lots without a reading are excluded).
    pub odometer_max: Option<i32>,
    /// `lots.location_state` (e.g. `CA`).
    pub state: Option<String>,
    /// `lots.damage_secondary` (`secondary_damage`).
    pub damage2: Option<String>,
    /// `lots.yard_name` (e.g. `CA - SAN DIEGO`).
    pub yard: Option<String>,
    /// `lots.color`.
    pub color: Option<String>,
    /// `lots.fuel_type` (`fuel`).
    pub fuel: Option<String>,
    /// `lots.drive`.
    pub drive: Option<String>,
    /// `lots.transmission`.
    pub transmission: Option<String>,
    /// `lots.body_style` (`body`).
    pub body: Option<String>,
    /// `lots.runs_drives` (e.g. `RUN & DRIVE VERIFIED`).
    pub runs_drives: Option<String>,
    /// `lots.has_keys`.
    pub keys: Option<Keys>,
    /// Current bid bounds in whole US dollars (`bid_min`, `bid_max`), both included.
    pub bid_min: Option<i64>,
    pub bid_max: Option<i64>,
    /// Only lots with a Buy It Now price.
    pub buy_it_now: bool,
    /// The auction-date window (`auction`, `auction_from`, `auction_to`, read in `tz`).
    pub auction: Option<AuctionDates>,
    pub sort: Sort,
    /// Rows per page, within `1..=MAX_PAGE_SIZE`.
    pub limit: u16,
}

impl Default for CatalogQuery {
    fn default() -> Self {
        Self {
            kind: None,
            make: None,
            model: None,
            trim: None,
            year: None,
            year_from: None,
            year_to: None,
            damage: None,
            title: None,
            status: None,
            odometer_min: None,
            odometer_max: None,
            state: None,
            damage2: None,
            yard: None,
            color: None,
            fuel: None,
            drive: None,
            transmission: None,
            body: None,
            runs_drives: None,
            keys: None,
            bid_min: None,
            bid_max: None,
            buy_it_now: false,
            auction: None,
            sort: Sort::default(),
            limit: DEFAULT_PAGE_SIZE,
        }
    }
}

/// A catalog request as it arrives in a URL: the query plus the optional cursor of the page to
/// continue after. A cursor of a different sort than the query's is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "RawParams", into = "RawParams")]
pub struct CatalogRequest {
    pub query: CatalogQuery,
    pub cursor: Option<Cursor>,
}

impl CatalogRequest {
    /// Parses decoded URL query pairs (see the module docs for the rules).
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        RawParams::from_pairs(pairs)?.try_into()
    }

    /// The request as URL pairs: defaults and empty values left out, fixed order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        RawParams::from(self.clone()).pairs()
    }

    /// `a=1&b=2` (percent-encoded; empty when every value is a default).
    pub fn to_query_string(&self) -> String {
        self.to_pairs()
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

impl CatalogQuery {
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        CatalogRequest::from_pairs(pairs).map(|r| r.query)
    }

    /// The URL of the page after `cursor` with the same filters: `?…&cursor=…` without the `?`.
    pub fn next_page_query_string(&self, cursor: Cursor) -> String {
        CatalogRequest {
            query: self.clone(),
            cursor: Some(cursor),
        }
        .to_query_string()
    }

    /// The same query as URL pairs (no cursor).
    pub fn to_query_string(&self) -> String {
        CatalogRequest {
            query: self.clone(),
            cursor: None,
        }
        .to_query_string()
    }

    /// The parents of a dropdown only: for the option lists, which depend on the tab and the
    /// already chosen make → model → trim, but not on the lot filters or the order.
    pub fn vehicle_parents(&self) -> CatalogQuery {
        CatalogQuery {
            kind: self.kind,
            make: self.make.clone(),
            model: self.model.clone(),
            trim: self.trim.clone(),
            ..CatalogQuery::default()
        }
    }

    /// The URL names of the filters this query sets, in URL order: the tab (`type`) included,
    /// the order and page size not (they only rearrange the same result).
    pub fn filters_set(&self) -> Vec<&'static str> {
        CatalogRequest {
            query: self.clone(),
            cursor: None,
        }
        .to_pairs()
        .into_iter()
        .map(|(name, _)| name)
        // `tz` only says how the auction days are read; it is part of that filter.
        .filter(|name| !matches!(*name, "sort" | "limit" | "tz"))
        .collect()
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
