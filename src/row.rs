//! One record of the Copart export, typed: [`CopartRow::from_record`] turns the 59 raw strings
//! into checked values, or says which columns are wrong and why — all of them at once, so one
//! look at an audit row tells everything that is wrong with a line.
//!
//! Columns are read by position through [`Col`] (never by name: the original lost its price and
//! date events to a misspelled column name). Text is trimmed and empty text is `None`. "Id" is not
//! read: it is the line number of the export and changes from file to file.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{DateTime, NaiveDateTime, Utc};
use csv::StringRecord;

use crate::header::{COLUMN_COUNT, Col};
use crate::lot_number::LotNumber;
use crate::money::Money;
use crate::odometer::{Odometer, OdometerBrand};
use crate::sale_time::{SaleDate, SaleTime, YardTimeZone, auction_instant};
use crate::source_time::{parse_create_datetime, parse_last_updated};
use crate::status::SaleStatus;
use crate::vehicle_type::VehicleTypeCode;
use crate::vin::Vin;

mod values;

pub use values::{Keys, ValueError};
use values::{collapse_whitespace, currency, model_year, whole, yes_no};

/// Model years accepted; the `vehicles.year` CHECK constraint uses the same range.
pub const YEAR_RANGE: RangeInclusive<i16> = 1900..=2100;

/// Longest offending value kept in a [`FieldError`], in characters.
const MAX_ERROR_VALUE_CHARS: usize = 120;

/// One column of a record that did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {:?}: {} (value {:?})", .column.name(), .reason, .value)]
pub struct FieldError {
    pub column: Col,
    /// The offending raw value, cut to 120 characters (the last one then being `…`).
    pub value: String,
    /// The `Display` of the field's parse error.
    pub reason: String,
}

/// Why a record is not a lot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("record has {found} fields, expected 59")]
    FieldCount { found: usize },
    /// Every bad column of the record, in column order (never empty).
    #[error("{}", join(.0))]
    Fields(Vec<FieldError>),
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A lot as read from one export record. Money is in cents; `0` amounts that mean "none" are
/// `None` (except `high_bid`, where 0 is a real "no bid yet").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopartRow {
    pub yard_number: u32,
    /// `ST - CITY`, e.g. `CA - VALLEJO`.
    pub yard_name: String,
    pub sale_date: SaleDate,
    pub day_of_week: Option<String>,
    /// Local time at the yard.
    pub sale_time: Option<SaleTime>,
    pub time_zone: YardTimeZone,
    /// `sale_date` + `sale_time` in `time_zone`, as UTC; `None` unless both are known.
    pub auction_at: Option<DateTime<Utc>>,
    pub item_number: Option<u32>,
    pub lot_number: LotNumber,
    pub vehicle_type: VehicleTypeCode,
    pub year: i16,
    /// Upper case.
    pub make: String,
    /// Upper case.
    pub model_group: Option<String>,
    /// Often truncated by Copart (`TRANSIT T-`).
    pub model_detail: Option<String>,
    /// Truncated to ~8 characters by Copart (`HATCHBAC`); empty for most rows.
    pub body_style: Option<String>,
    pub color: Option<String>,
    pub damage_primary: Option<String>,
    pub damage_secondary: Option<String>,
    pub title_state: Option<String>,
    pub title_type: Option<String>,
    pub has_keys: Option<Keys>,
    pub lot_cond_code: Option<String>,
    pub vin: Vin,
    pub odometer: Option<Odometer>,
    pub odometer_brand: Option<OdometerBrand>,
    pub est_retail_value: Option<Money>,
    pub repair_cost: Option<Money>,
    /// Inner runs of whitespace collapsed (`1.8L  4` → `1.8L 4`).
    pub engine: Option<String>,
    pub drive: Option<String>,
    pub transmission: Option<String>,
    pub fuel_type: Option<String>,
    /// `None` for empty and for `0`.
    pub cylinders: Option<u8>,
    pub runs_drives: Option<String>,
    pub sale_status: SaleStatus,
    /// The "Sale Status" text as found (trimmed), kept beside the mapped value.
    pub sale_status_raw: String,
    /// Current high bid; 0 means no bid yet.
    pub high_bid: Money,
    pub special_note: Option<String>,
    pub location_city: Option<String>,
    pub location_state: Option<String>,
    /// May hold ZIP+4 with a space (`94590 7203`).
    pub location_zip: Option<String>,
    pub location_country: Option<String>,
    /// Upper case, 3 letters.
    pub currency_code: Option<String>,
    /// URL without scheme (`cs.copart.com/...`).
    pub image_thumbnail: Option<String>,
    /// Zone not stated by the export; see [`parse_create_datetime`].
    pub source_created_at: Option<NaiveDateTime>,
    pub grid_row: Option<String>,
    pub make_offer_eligible: Option<bool>,
    pub buy_it_now: Option<Money>,
    /// As found (`http://`); rewriting to https is the image fetcher's job.
    pub image_url: Option<String>,
    pub trim: Option<String>,
    /// The last-write-wins key.
    pub last_updated: DateTime<Utc>,
    pub rentals: Option<String>,
    pub copart_select: Option<String>,
    pub seller_name: Option<String>,
    pub offsite_address1: Option<String>,
    pub offsite_state: Option<String>,
    pub offsite_city: Option<String>,
    pub offsite_zip: Option<String>,
    pub sale_light: Option<String>,
    pub autograde: Option<String>,
    pub announcements: Option<String>,
}

impl CopartRow {
    /// Parses one record (header excluded). All bad columns are reported, not just the first.
    pub fn from_record(rec: &StringRecord) -> Result<Self, RowError> {
        if rec.len() != COLUMN_COUNT {
            return Err(RowError::FieldCount { found: rec.len() });
        }
        let mut r = Reader {
            rec,
            errors: Vec::new(),
        };
        let yard_number = r.parse(Col::YardNumber, whole::<u32>);
        let yard_name = r.required_text(Col::YardName);
        let sale_date = r.parse(Col::SaleDate, SaleDate::parse);
        let day_of_week = r.text(Col::DayOfWeek);
        let sale_time = r.optional(Col::SaleTime, SaleTime::parse);
        let time_zone = r.parse(Col::TimeZone, YardTimeZone::parse);
        let item_number = r.optional(Col::ItemNumber, whole::<u32>);
        let lot_number = r.parse(Col::LotNumber, LotNumber::parse);
        let vehicle_type = r.parse(Col::VehicleType, VehicleTypeCode::parse);
        let year = r.parse(Col::Year, model_year);
        let make = r.required_text(Col::Make).map(|s| s.to_uppercase());
        let model_group = r.text(Col::ModelGroup).map(|s| s.to_uppercase());
        let has_keys = r.optional(Col::HasKeys, Keys::parse);
        let vin = r.parse(Col::Vin, Vin::parse);
        let odometer = r.optional(Col::Odometer, Odometer::parse);
        let est_retail_value = r
            .parse(Col::EstRetailValue, Money::parse_optional_nonzero)
            .flatten();
        let repair_cost = r
            .parse(Col::RepairCost, Money::parse_optional_nonzero)
            .flatten();
        let cylinders = r.optional(Col::Cylinders, whole::<u8>).filter(|&c| c != 0);
        let sale_status_raw = r.raw(Col::SaleStatus).trim().to_owned();
        let high_bid = if r.raw(Col::HighBid).trim().is_empty() {
            Some(Money::ZERO)
        } else {
            r.parse(Col::HighBid, Money::parse)
        };
        let currency_code = r.optional(Col::CurrencyCode, currency);
        let source_created_at = r.optional(Col::CreateDateTime, parse_create_datetime);
        let make_offer_eligible = r.optional(Col::MakeOfferEligible, yes_no);
        let buy_it_now = r
            .parse(Col::BuyItNowPrice, Money::parse_optional_nonzero)
            .flatten();
        let last_updated = r.parse(Col::LastUpdatedTime, parse_last_updated);

        let (
            Some(yard_number),
            Some(yard_name),
            Some(sale_date),
            Some(time_zone),
            Some(lot_number),
            Some(vehicle_type),
            Some(year),
            Some(make),
            Some(vin),
            Some(high_bid),
            Some(last_updated),
        ) = (
            yard_number,
            yard_name,
            sale_date,
            time_zone,
            lot_number,
            vehicle_type,
            year,
            make,
            vin,
            high_bid,
            last_updated,
        )
        else {
            // A missing required value always pushed its error.
            return Err(RowError::Fields(r.errors));
        };
        if !r.errors.is_empty() {
            return Err(RowError::Fields(r.errors));
        }
        Ok(Self {
            yard_number,
            yard_name,
            sale_date,
            day_of_week,
            sale_time,
            time_zone,
            auction_at: auction_instant(sale_date, sale_time, time_zone),
            item_number,
            lot_number,
            vehicle_type,
            year,
            make,
            model_group,
            model_detail: r.text(Col::ModelDetail),
            body_style: r.text(Col::BodyStyle),
            color: r.text(Col::Color),
            damage_primary: r.text(Col::DamageDescription),
            damage_secondary: r.text(Col::SecondaryDamage),
            title_state: r.text(Col::SaleTitleState),
            title_type: r.text(Col::SaleTitleType),
            has_keys,
            lot_cond_code: r.text(Col::LotCondCode),
            vin,
            odometer,
            odometer_brand: OdometerBrand::from_code(r.raw(Col::OdometerBrand)),
            est_retail_value,
            repair_cost,
            engine: r.text(Col::Engine).map(|s| collapse_whitespace(&s)),
            drive: r.text(Col::Drive),
            transmission: r.text(Col::Transmission),
            fuel_type: r.text(Col::FuelType),
            cylinders,
            runs_drives: r.text(Col::RunsDrives),
            sale_status: SaleStatus::parse(&sale_status_raw),
            sale_status_raw,
            high_bid,
            special_note: r.text(Col::SpecialNote),
            location_city: r.text(Col::LocationCity),
            location_state: r.text(Col::LocationState),
            location_zip: r.text(Col::LocationZip),
            location_country: r.text(Col::LocationCountry),
            currency_code,
            image_thumbnail: r.text(Col::ImageThumbnail),
            source_created_at,
            grid_row: r.text(Col::GridRow),
            make_offer_eligible,
            buy_it_now,
            image_url: r.text(Col::ImageUrl),
            trim: r.text(Col::Trim),
            last_updated,
            rentals: r.text(Col::Rentals),
            copart_select: r.text(Col::CopartSelect),
            seller_name: r.text(Col::SellerName),
            offsite_address1: r.text(Col::OffsiteAddress1),
            offsite_state: r.text(Col::OffsiteState),
            offsite_city: r.text(Col::OffsiteCity),
            offsite_zip: r.text(Col::OffsiteZip),
            sale_light: r.text(Col::SaleLight),
            autograde: r.text(Col::AutoGrade),
            announcements: r.text(Col::Announcements),
        })
    }

    /// The catalog's one definition of trim: "Trim" if present, else "Model Detail" (the original
    /// filtered on one and offered the other, and found nothing).
    pub fn model_trim(&self) -> Option<&str> {
        self.trim
            .as_deref()
            .filter(|t| !t.is_empty())
            .or(self.model_detail.as_deref())
    }
}

/// Reads columns of one record and collects the errors.
struct Reader<'r> {
    rec: &'r StringRecord,
    errors: Vec<FieldError>,
}

impl<'r> Reader<'r> {
    fn raw(&self, col: Col) -> &'r str {
        // The field count was checked, so every column is present.
        self.rec.get(col.index()).unwrap_or_default()
    }

    fn fail(&mut self, col: Col, reason: &dyn fmt::Display) {
        self.errors.push(FieldError {
            column: col,
            value: clip(self.raw(col)),
            reason: reason.to_string(),
        });
    }

    /// A column that must parse; `None` means an error was recorded.
    fn parse<T, E: fmt::Display>(
        &mut self,
        col: Col,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        match f(self.raw(col)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(col, &e);
                None
            }
        }
    }

    /// A column that may be empty (`None`) but must parse when it is not.
    fn optional<T, E: fmt::Display>(
        &mut self,
        col: Col,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        if self.raw(col).trim().is_empty() {
            None
        } else {
            self.parse(col, f)
        }
    }

    fn text(&self, col: Col) -> Option<String> {
        let s = self.raw(col).trim();
        (!s.is_empty()).then(|| s.to_owned())
    }

    fn required_text(&mut self, col: Col) -> Option<String> {
        let text = self.text(col);
        if text.is_none() {
            self.fail(col, &ValueError::Missing);
        }
        text
    }
}

/// The value for an error report: at most [`MAX_ERROR_VALUE_CHARS`] characters.
fn clip(raw: &str) -> String {
    match raw.char_indices().nth(MAX_ERROR_VALUE_CHARS - 1) {
        Some((end, _)) if raw[end..].chars().nth(1).is_some() => format!("{}…", &raw[..end]),
        _ => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests;
