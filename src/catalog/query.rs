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
//! `COALESCE(NULLIF(trim, ''), model_detail)`, as everywhere.

use serde::{Deserialize, Serialize};

use super::cursor::{Cursor, CursorError};
use super::sort::Sort;
use crate::status::SaleStatus;
use crate::vehicle_type::VehicleKind;

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
#[serde(try_from = "RawQuery", into = "RawQuery")]
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
    /// Lots with a reading at most this (lots without a reading are excluded).
    pub odometer_max: Option<i32>,
    /// `lots.location_state` (e.g. `CA`).
    pub state: Option<String>,
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
            odometer_max: None,
            state: None,
            sort: Sort::default(),
            limit: DEFAULT_PAGE_SIZE,
        }
    }
}

/// A catalog request as it arrives in a URL: the query plus the optional cursor of the page to
/// continue after. A cursor of a different sort than the query's is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "RawRequest", into = "RawRequest")]
pub struct CatalogRequest {
    pub query: CatalogQuery,
    pub cursor: Option<Cursor>,
}

/// The URL form: every parameter as optional text. Its field names are the parameter names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawQuery {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trim: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub damage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub odometer_max: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawRequest {
    #[serde(flatten)]
    pub query: RawQuery,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Parameter names in their URL order: every query parameter the catalog and the API's search
/// accept.
pub const PARAMS: [&str; 15] = [
    "type",
    "make",
    "model",
    "trim",
    "year",
    "year_from",
    "year_to",
    "damage",
    "title",
    "status",
    "odometer_max",
    "state",
    "sort",
    "limit",
    "cursor",
];

impl RawRequest {
    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        let q = &mut self.query;
        Some(match name {
            "type" => &mut q.kind,
            "make" => &mut q.make,
            "model" => &mut q.model,
            "trim" => &mut q.trim,
            "year" => &mut q.year,
            "year_from" => &mut q.year_from,
            "year_to" => &mut q.year_to,
            "damage" => &mut q.damage,
            "title" => &mut q.title,
            "status" => &mut q.status,
            "odometer_max" => &mut q.odometer_max,
            "state" => &mut q.state,
            "sort" => &mut q.sort,
            "limit" => &mut q.limit,
            "cursor" => &mut self.cursor,
            _ => return None,
        })
    }

    /// Collects decoded `(name, value)` pairs; a known name given twice is an error (a value
    /// silently winning over another would hide a broken link).
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let mut raw = RawRequest::default();
        for (k, v) in pairs {
            if let Some(slot) = raw.slot(k.as_ref()) {
                if slot.is_some() {
                    return Err(QueryError::Duplicate(k.as_ref().to_owned()));
                }
                *slot = Some(v.into());
            }
        }
        Ok(raw)
    }

    /// The non-empty parameters in their fixed order (stable: usable in cache keys).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut me = self.clone();
        PARAMS
            .into_iter()
            .filter_map(|name| {
                let v = me.slot(name).and_then(Option::take)?;
                (!v.is_empty()).then_some((name, v))
            })
            .collect()
    }
}

/// Trimmed text; empty means absent.
fn text(param: &'static str, v: Option<String>) -> Result<Option<String>, QueryError> {
    let Some(v) = v else { return Ok(None) };
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > MAX_TEXT_LEN {
        return Err(QueryError::TooLong { param });
    }
    if v.chars().any(char::is_control) {
        return Err(QueryError::ControlCharacter { param });
    }
    Ok(Some(v.to_owned()))
}

fn number<T: std::str::FromStr>(
    param: &'static str,
    v: Option<String>,
) -> Result<Option<T>, QueryError> {
    let Some(v) = text(param, v)? else {
        return Ok(None);
    };
    // Digits only (one optional leading '-'): `FromStr` would also take "+5".
    let digits = v.strip_prefix('-').unwrap_or(&v);
    let parsed = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        v.parse().ok()
    } else {
        None
    };
    parsed
        .map(Some)
        .ok_or(QueryError::NotANumber { param, value: v })
}

fn year(param: &'static str, v: Option<String>) -> Result<Option<i16>, QueryError> {
    // A number too large for i16 is out of range, not "not a number".
    match number::<i64>(param, v)? {
        None => Ok(None),
        Some(y) if (i64::from(YEAR_MIN)..=i64::from(YEAR_MAX)).contains(&y) => {
            Ok(i16::try_from(y).ok())
        }
        Some(_) => Err(QueryError::YearOutOfRange { param }),
    }
}

impl TryFrom<RawQuery> for CatalogQuery {
    type Error = QueryError;

    fn try_from(r: RawQuery) -> Result<Self, QueryError> {
        let kind = match text("type", r.kind)? {
            None => None,
            Some(s) => Some(VehicleKind::from_slug(&s).ok_or(QueryError::UnknownKind(s))?),
        };
        let status = match text("status", r.status)? {
            None => None,
            Some(s) => Some(SaleStatus::from_db_str(&s).ok_or(QueryError::UnknownStatus(s))?),
        };
        let sort = match text("sort", r.sort)? {
            None => Sort::default(),
            Some(s) => Sort::from_slug(&s).ok_or(QueryError::UnknownSort(s))?,
        };
        let odometer_max = match number::<i64>("odometer_max", r.odometer_max)? {
            None => None,
            Some(n) if n < 0 => return Err(QueryError::NegativeOdometer),
            // Above the column's range every reading qualifies.
            Some(n) => Some(i32::try_from(n).unwrap_or(i32::MAX)),
        };
        let limit = match number::<i64>("limit", r.limit)? {
            None => DEFAULT_PAGE_SIZE,
            Some(n) => {
                u16::try_from(n.clamp(1, i64::from(MAX_PAGE_SIZE))).unwrap_or(DEFAULT_PAGE_SIZE)
            }
        };
        let (year_from, year_to) = (year("year_from", r.year_from)?, year("year_to", r.year_to)?);
        if let (Some(from), Some(to)) = (year_from, year_to)
            && from > to
        {
            return Err(QueryError::YearRange { from, to });
        }
        Ok(CatalogQuery {
            kind,
            make: text("make", r.make)?,
            model: text("model", r.model)?,
            trim: text("trim", r.trim)?,
            year: year("year", r.year)?,
            year_from,
            year_to,
            damage: text("damage", r.damage)?,
            title: text("title", r.title)?,
            status,
            odometer_max,
            state: text("state", r.state)?,
            sort,
            limit,
        })
    }
}

impl From<CatalogQuery> for RawQuery {
    fn from(q: CatalogQuery) -> Self {
        let n = |v: Option<i16>| v.map(|v| v.to_string());
        RawQuery {
            kind: q.kind.map(|k| k.slug().to_owned()),
            make: q.make,
            model: q.model,
            trim: q.trim,
            year: n(q.year),
            year_from: n(q.year_from),
            year_to: n(q.year_to),
            damage: q.damage,
            title: q.title,
            status: q.status.map(|s| s.as_db_str().to_owned()),
            odometer_max: q.odometer_max.map(|v| v.to_string()),
            state: q.state,
            sort: (q.sort != Sort::default()).then(|| q.sort.slug()),
            limit: (q.limit != DEFAULT_PAGE_SIZE).then(|| q.limit.to_string()),
        }
    }
}

impl TryFrom<RawRequest> for CatalogRequest {
    type Error = QueryError;

    fn try_from(r: RawRequest) -> Result<Self, QueryError> {
        let query = CatalogQuery::try_from(r.query)?;
        let cursor = match text("cursor", r.cursor).or(Err(CursorError::Malformed))? {
            None => None,
            Some(s) => Some(Cursor::decode(&s)?),
        };
        if let Some(c) = &cursor
            && c.sort != query.sort
        {
            return Err(CursorError::WrongSort {
                cursor: c.sort.slug(),
                query: query.sort.slug(),
            }
            .into());
        }
        Ok(CatalogRequest { query, cursor })
    }
}

impl From<CatalogRequest> for RawRequest {
    fn from(r: CatalogRequest) -> Self {
        RawRequest {
            query: r.query.into(),
            cursor: r.cursor.map(|c| c.encode()),
        }
    }
}

impl CatalogRequest {
    /// Parses decoded URL query pairs (see the module docs for the rules).
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        RawRequest::from_pairs(pairs)?.try_into()
    }

    /// The request as URL pairs: defaults and empty values left out, fixed order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        RawRequest::from(self.clone()).pairs()
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
        .filter(|name| !matches!(*name, "sort" | "limit"))
        .collect()
    }
}

/// `application/x-www-form-urlencoded` value encoding: unreserved characters stay, space is
/// `+`, everything else is `%XX` of its UTF-8 bytes.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
