//! The URL form of a catalog request: every parameter as text ([`RawParams`]), the one parameter
//! order ([`PARAMS`]), and the conversions to and from the typed [`CatalogQuery`] /
//! [`CatalogRequest`] with the parsing rules of the `query` module.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cursor::{Cursor, CursorError};
use super::lot_filters::{AuctionDates, AuctionDays, AuctionPreset, TZ_MAX, TZ_MIN};
use super::query::{
    CatalogQuery, CatalogRequest, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_TEXT_LEN, QueryError,
    YEAR_MAX, YEAR_MIN,
};
use super::sort::Sort;
use crate::keys::Keys;
use crate::status::SaleStatus;
use crate::vehicle_type::VehicleKind;

/// Parameter names in their URL order: every query parameter the catalog and the API's search
/// accept. Canonical URLs, cache keys and the form list them in this order.
pub const PARAMS: [&str; 32] = [
    "type",
    "make",
    "model",
    "trim",
    "year",
    "year_from",
    "year_to",
    "damage",
    "secondary_damage",
    "title",
    "status",
    "odometer_min",
    "odometer_max",
    "state",
    "yard",
    "color",
    "fuel",
    "drive",
    "transmission",
    "body",
    "keys",
    "runs_drives",
    "bid_min",
    "bid_max",
    "buy_it_now",
    "auction",
    "auction_from",
    "auction_to",
    "tz",
    "sort",
    "limit",
    "cursor",
];

/// A request as it arrives in a URL or a JSON object: known parameter names and their text.
/// Unknown names are dropped when it is parsed (the API refuses them before this, the page
/// ignores them). Serialized as an object in [`PARAMS`] order, like the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct RawParams(BTreeMap<String, String>);

impl Serialize for RawParams {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let pairs = self.pairs();
        let mut map = serializer.serialize_map(Some(pairs.len()))?;
        for (k, v) in &pairs {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl RawParams {
    /// Collects decoded `(name, value)` pairs; a known name given twice is an error (a value
    /// silently winning over another would hide a broken link).
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, QueryError> {
        let mut raw = RawParams::default();
        for (k, v) in pairs {
            let k = k.as_ref();
            if !PARAMS.contains(&k) {
                continue;
            }
            if raw.0.insert(k.to_owned(), v.into()).is_some() {
                return Err(QueryError::Duplicate(k.to_owned()));
            }
        }
        Ok(raw)
    }

    /// The non-empty parameters in their fixed order (stable: usable in cache keys).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        PARAMS
            .into_iter()
            .filter_map(|name| {
                let v = self.0.get(name)?;
                (!v.is_empty()).then(|| (name, v.clone()))
            })
            .collect()
    }

    fn take(&mut self, name: &str) -> Option<String> {
        self.0.remove(name)
    }

    fn set(&mut self, name: &'static str, value: Option<String>) {
        if let Some(v) = value {
            self.0.insert(name.to_owned(), v);
        }
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

/// A value of a closed set (`type`, `status`, `keys`, `sort`, `auction`): `known` maps the
/// text, `unknown` names the refusal.
fn one_of<T>(
    param: &'static str,
    v: Option<String>,
    known: impl Fn(&str) -> Option<T>,
    unknown: impl Fn(String) -> QueryError,
) -> Result<Option<T>, QueryError> {
    match text(param, v)? {
        None => Ok(None),
        Some(s) => known(&s).map(Some).ok_or_else(|| unknown(s)),
    }
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

/// An odometer reading: not negative; above the column's range every reading qualifies.
fn odometer(param: &'static str, v: Option<String>) -> Result<Option<i32>, QueryError> {
    match number::<i64>(param, v)? {
        None => Ok(None),
        Some(n) if n < 0 => Err(QueryError::NegativeOdometer),
        Some(n) => Ok(Some(i32::try_from(n).unwrap_or(i32::MAX))),
    }
}

/// Whole dollars, not negative, within `i64` (as the API documents; cents saturate in SQL).
fn dollars(param: &'static str, v: Option<String>) -> Result<Option<i64>, QueryError> {
    match number::<i64>(param, v)? {
        Some(d) if d < 0 => Err(QueryError::Negative { param }),
        d => Ok(d),
    }
}

fn date(param: &'static str, v: Option<String>) -> Result<Option<NaiveDate>, QueryError> {
    let Some(v) = text(param, v)? else {
        return Ok(None);
    };
    // Exactly YYYY-MM-DD: chrono alone would also take "2026-1-5".
    let shaped = v.len() == 10
        && v.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    match shaped.then(|| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()) {
        Some(Some(d)) => Ok(Some(d)),
        _ => Err(QueryError::NotADate { param, value: v }),
    }
}

fn flag(param: &'static str, v: Option<String>) -> Result<bool, QueryError> {
    match text(param, v)?.as_deref() {
        None => Ok(false),
        Some("1" | "true") => Ok(true),
        Some(other) => Err(QueryError::NotAFlag {
            param,
            value: other.to_owned(),
        }),
    }
}

fn ordered<T: PartialOrd>(
    low: (&'static str, Option<T>),
    high: (&'static str, Option<T>),
) -> Result<(), QueryError> {
    match (low.1, high.1) {
        (Some(a), Some(b)) if a > b => Err(QueryError::Range {
            low: low.0,
            high: high.0,
        }),
        _ => Ok(()),
    }
}

/// `auction`, `auction_from`, `auction_to` and `tz` as one filter; `tz` alone is no filter.
fn auction(r: &mut RawParams) -> Result<Option<AuctionDates>, QueryError> {
    let preset = one_of(
        "auction",
        r.take("auction"),
        AuctionPreset::from_slug,
        QueryError::UnknownAuction,
    )?;
    let from = date("auction_from", r.take("auction_from"))?;
    let to = date("auction_to", r.take("auction_to"))?;
    let tz_minutes = match number::<i64>("tz", r.take("tz"))? {
        None => 0,
        Some(m) if (i64::from(TZ_MIN)..=i64::from(TZ_MAX)).contains(&m) => {
            i16::try_from(m).unwrap_or(0)
        }
        Some(_) => return Err(QueryError::TzOutOfRange),
    };
    ordered(("auction_from", from), ("auction_to", to))?;
    let days = match (preset, from, to) {
        (None, None, None) => return Ok(None),
        (Some(p), None, None) => AuctionDays::Preset(p),
        (Some(_), _, _) => return Err(QueryError::AuctionConflict),
        (None, from, to) => AuctionDays::Range { from, to },
    };
    Ok(Some(AuctionDates { days, tz_minutes }))
}

impl TryFrom<RawParams> for CatalogQuery {
    type Error = QueryError;

    fn try_from(mut r: RawParams) -> Result<Self, QueryError> {
        let kind = one_of(
            "type",
            r.take("type"),
            VehicleKind::from_slug,
            QueryError::UnknownKind,
        )?;
        let status = one_of(
            "status",
            r.take("status"),
            SaleStatus::from_db_str,
            QueryError::UnknownStatus,
        )?;
        let keys = one_of(
            "keys",
            r.take("keys"),
            Keys::from_db_str,
            QueryError::UnknownKeys,
        )?;
        let sort = one_of(
            "sort",
            r.take("sort"),
            Sort::from_slug,
            QueryError::UnknownSort,
        )?
        .unwrap_or_default();
        let limit = match number::<i64>("limit", r.take("limit"))? {
            None => DEFAULT_PAGE_SIZE,
            Some(n) => {
                u16::try_from(n.clamp(1, i64::from(MAX_PAGE_SIZE))).unwrap_or(DEFAULT_PAGE_SIZE)
            }
        };
        let year_from = year("year_from", r.take("year_from"))?;
        let year_to = year("year_to", r.take("year_to"))?;
        if let (Some(from), Some(to)) = (year_from, year_to)
            && from > to
        {
            return Err(QueryError::YearRange { from, to });
        }
        let odometer_min = odometer("odometer_min", r.take("odometer_min"))?;
        let odometer_max = odometer("odometer_max", r.take("odometer_max"))?;
        ordered(
            ("odometer_min", odometer_min),
            ("odometer_max", odometer_max),
        )?;
        let bid_min = dollars("bid_min", r.take("bid_min"))?;
        let bid_max = dollars("bid_max", r.take("bid_max"))?;
        ordered(("bid_min", bid_min), ("bid_max", bid_max))?;
        let one_year = year("year", r.take("year"))?;
        let buy_it_now = flag("buy_it_now", r.take("buy_it_now"))?;
        let auction = auction(&mut r)?;
        let mut t = |name: &'static str| text(name, r.take(name));
        Ok(CatalogQuery {
            kind,
            make: t("make")?,
            model: t("model")?,
            trim: t("trim")?,
            year: one_year,
            year_from,
            year_to,
            damage: t("damage")?,
            title: t("title")?,
            status,
            odometer_min,
            odometer_max,
            state: t("state")?,
            damage2: t("secondary_damage")?,
            yard: t("yard")?,
            color: t("color")?,
            fuel: t("fuel")?,
            drive: t("drive")?,
            transmission: t("transmission")?,
            body: t("body")?,
            runs_drives: t("runs_drives")?,
            keys,
            bid_min,
            bid_max,
            buy_it_now,
            auction,
            sort,
            limit,
        })
    }
}

impl From<CatalogQuery> for RawParams {
    fn from(q: CatalogQuery) -> Self {
        let n = |v: Option<i16>| v.map(|v| v.to_string());
        let mut r = RawParams::default();
        r.set("type", q.kind.map(|k| k.slug().to_owned()));
        r.set("make", q.make);
        r.set("model", q.model);
        r.set("trim", q.trim);
        r.set("year", n(q.year));
        r.set("year_from", n(q.year_from));
        r.set("year_to", n(q.year_to));
        r.set("damage", q.damage);
        r.set("secondary_damage", q.damage2);
        r.set("title", q.title);
        r.set("status", q.status.map(|s| s.as_db_str().to_owned()));
        r.set("odometer_min", q.odometer_min.map(|v| v.to_string()));
        r.set("odometer_max", q.odometer_max.map(|v| v.to_string()));
        r.set("state", q.state);
        r.set("yard", q.yard);
        r.set("color", q.color);
        r.set("fuel", q.fuel);
        r.set("drive", q.drive);
        r.set("transmission", q.transmission);
        r.set("body", q.body);
        r.set("keys", q.keys.map(|k| k.as_db_str().to_owned()));
        r.set("runs_drives", q.runs_drives);
        r.set("bid_min", q.bid_min.map(|v| v.to_string()));
        r.set("bid_max", q.bid_max.map(|v| v.to_string()));
        r.set("buy_it_now", q.buy_it_now.then(|| "1".to_owned()));
        if let Some(a) = q.auction {
            match a.days {
                AuctionDays::Preset(p) => r.set("auction", Some(p.slug().to_owned())),
                AuctionDays::Range { from, to } => {
                    r.set("auction_from", from.map(|d| d.to_string()));
                    r.set("auction_to", to.map(|d| d.to_string()));
                }
            }
            r.set("tz", (a.tz_minutes != 0).then(|| a.tz_minutes.to_string()));
        }
        r.set("sort", (q.sort != Sort::default()).then(|| q.sort.slug()));
        r.set(
            "limit",
            (q.limit != DEFAULT_PAGE_SIZE).then(|| q.limit.to_string()),
        );
        r
    }
}

impl TryFrom<RawParams> for CatalogRequest {
    type Error = QueryError;

    fn try_from(mut r: RawParams) -> Result<Self, QueryError> {
        let cursor = r.take("cursor");
        let query = CatalogQuery::try_from(r)?;
        let cursor = match text("cursor", cursor).or(Err(CursorError::Malformed))? {
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

impl From<CatalogRequest> for RawParams {
    fn from(r: CatalogRequest) -> Self {
        let mut raw = RawParams::from(r.query);
        raw.set("cursor", r.cursor.map(|c| c.encode()));
        raw
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
