//! One generated lot: the 59 export fields as text plus the little typed state needed to change
//! them consistently later (its yard, for the time zone; whether it was made broken on purpose).
//!
//! The fields are kept as strings because that is what the export is: a simulator advancing an
//! export edits a lot through the setters below (bid, status, sale date, last update, lot
//! number) and every other column stays byte-for-byte what it was.

use std::io;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::header::{COLUMN_COUNT, Col};

use super::text::{Stamp, push_padded, push_u64};
use super::yards::{YARDS, Yard};
use super::zones::weekday_name;

/// A scheduled sale: local date and local start time at the yard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sale {
    pub date: NaiveDate,
    /// Local time as HHMM, e.g. 1200.
    pub hhmm: u16,
}

/// How a deliberately broken row is broken (only with `bad_row_rate > 0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BadKind {
    /// Production junk such as "K1TCHEN004" or "787714".
    JunkVin,
    /// A VIN with I, O or Q in it.
    ForbiddenLetterVin,
    /// No VIN at all.
    EmptyVin,
    /// A VIN cut to 10 characters.
    ShortVin,
    /// A 7-digit `Sale Date M/D/CY`.
    SevenDigitSaleDate,
    /// A `Time Zone` that is no US abbreviation.
    UnknownTimeZone,
}

impl BadKind {
    pub const ALL: [BadKind; 6] = [
        BadKind::JunkVin,
        BadKind::ForbiddenLetterVin,
        BadKind::EmptyVin,
        BadKind::ShortVin,
        BadKind::SevenDigitSaleDate,
        BadKind::UnknownTimeZone,
    ];

    /// Whether the VIN column is the broken one.
    pub const fn breaks_vin(self) -> bool {
        matches!(
            self,
            BadKind::JunkVin | BadKind::ForbiddenLetterVin | BadKind::EmptyVin | BadKind::ShortVin
        )
    }
}

/// A generated export row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedLot {
    /// The 59 columns in export order; index with [`Col::index`].
    pub fields: [String; COLUMN_COUNT],
    /// The yard the lot is at (decides the time zone when the sale date changes).
    pub yard: &'static Yard,
    /// `Some` when the row was broken on purpose.
    pub bad: Option<BadKind>,
}

impl Default for GeneratedLot {
    fn default() -> Self {
        Self {
            fields: std::array::from_fn(|_| String::new()),
            yard: &YARDS[0],
            bad: None,
        }
    }
}

impl GeneratedLot {
    /// One column's text.
    pub fn field(&self, col: Col) -> &str {
        &self.fields[col.index()]
    }

    /// Replaces one column's text (reusing its buffer).
    pub fn set_field(&mut self, col: Col, value: &str) {
        let f = &mut self.fields[col.index()];
        f.clear();
        f.push_str(value);
    }

    pub(crate) fn field_mut(&mut self, col: Col) -> &mut String {
        let f = &mut self.fields[col.index()];
        f.clear();
        f
    }

    /// The fields in order, as the csv writer takes them.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(String::as_str)
    }

    pub fn vin(&self) -> &str {
        self.field(Col::Vin)
    }

    /// The lot number, if the column holds one.
    pub fn lot_number(&self) -> Option<u32> {
        self.field(Col::LotNumber).parse().ok()
    }

    /// Sets the lot number and the `Image URL` (on Copart's photo API) that embeds it.
    pub fn set_lot_number(&mut self, lot: u32) {
        self.set_lot_number_at(lot, super::DEFAULT_IMAGE_API_BASE);
    }

    /// Sets the lot number and the `Image URL` on the photo API at `base` (scheme and host).
    pub fn set_lot_number_at(&mut self, lot: u32, base: &str) {
        let yard = self.yard.number;
        push_u64(self.field_mut(Col::LotNumber), u64::from(lot));
        let url = self.field_mut(Col::ImageUrl);
        url.push_str(base);
        url.push_str("/v1/lotImages/");
        push_u64(url, u64::from(lot));
        url.push_str("?country=us&brand=cprt&yardNumber=");
        push_u64(url, u64::from(yard));
    }

    /// Sets the row number (`Id`), which Copart renumbers in every export.
    pub fn set_id(&mut self, id: u64) {
        push_u64(self.field_mut(Col::Id), id);
    }

    /// The scheduled sale, if the row has a well-formed one.
    pub fn sale(&self) -> Option<Sale> {
        let date = NaiveDate::parse_from_str(self.field(Col::SaleDate), "%Y%m%d").ok()?;
        let hhmm = self.field(Col::SaleTime).parse().ok()?;
        Some(Sale { date, hhmm })
    }

    /// Schedules (or unschedules, with `None`) the sale, keeping `Day of Week`, `Sale time` and
    /// `Time Zone` consistent: the zone is the one in force on the sale date, or at `now` for an
    /// unscheduled lot.
    pub fn set_sale(&mut self, sale: Option<Sale>, now: DateTime<Utc>) {
        let zone = self.yard.zone;
        match sale {
            Some(s) => {
                let f = self.field_mut(Col::SaleDate);
                push_padded(f, s.date.year().max(0) as u64, 4);
                push_padded(f, u64::from(s.date.month()), 2);
                push_padded(f, u64::from(s.date.day()), 2);
                self.set_field(Col::DayOfWeek, weekday_name(s.date.weekday()));
                push_padded(self.field_mut(Col::SaleTime), u64::from(s.hhmm), 4);
                self.set_field(Col::TimeZone, zone.abbreviation_on(s.date));
            }
            None => {
                self.set_field(Col::SaleDate, "0");
                self.set_field(Col::DayOfWeek, "");
                self.set_field(Col::SaleTime, "");
                self.set_field(Col::TimeZone, zone.abbreviation_at(now));
            }
        }
    }

    /// The current high bid in whole dollars (0 = none).
    pub fn high_bid(&self) -> u32 {
        let text = self.field(Col::HighBid);
        text.split('.')
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
    }

    /// Sets the high bid, written like Copart does ("1050.0").
    pub fn set_high_bid(&mut self, dollars: u32) {
        let f = self.field_mut(Col::HighBid);
        push_u64(f, u64::from(dollars));
        f.push_str(".0");
    }

    pub fn set_sale_status(&mut self, status: &str) {
        self.set_field(Col::SaleStatus, status);
    }

    /// Sets `Last Updated Time` (ISO-8601, whole seconds, `Z`).
    pub fn set_last_updated(&mut self, t: DateTime<Utc>) {
        Stamp::from_unix(t.timestamp()).push_iso(self.field_mut(Col::LastUpdatedTime));
    }

    /// Writes the row as one CSV record.
    pub fn write_to<W: io::Write>(&self, writer: &mut csv::Writer<W>) -> csv::Result<()> {
        writer.write_record(self.fields.iter())
    }

    /// The row as a `csv::StringRecord`, as a reader would return it.
    pub fn to_record(&self) -> csv::StringRecord {
        self.fields.iter().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn setters_keep_columns_consistent() {
        let mut lot = GeneratedLot::default();
        lot.set_lot_number(47_704_465);
        assert_eq!(lot.lot_number(), Some(47_704_465));
        assert_eq!(
            lot.field(Col::ImageUrl),
            "http://inventoryv2.copart.io/v1/lotImages/47704465?country=us&brand=cprt&yardNumber=72"
        );
        let now = Utc
            .with_ymd_and_hms(2025, 10, 15, 4, 4, 0)
            .single()
            .expect("valid");
        let date = NaiveDate::from_ymd_opt(2025, 11, 4).expect("valid");
        lot.set_sale(Some(Sale { date, hhmm: 900 }), now);
        assert_eq!(lot.field(Col::SaleDate), "20251104");
        assert_eq!(lot.field(Col::DayOfWeek), "TUESDAY");
        assert_eq!(lot.field(Col::SaleTime), "0900");
        assert_eq!(lot.field(Col::TimeZone), "EST");
        assert_eq!(lot.sale(), Some(Sale { date, hhmm: 900 }));
        lot.set_sale(None, now);
        assert_eq!(lot.field(Col::SaleDate), "0");
        assert_eq!(lot.field(Col::TimeZone), "EDT");
        assert_eq!(lot.sale(), None);
        lot.set_high_bid(1050);
        assert_eq!(lot.field(Col::HighBid), "1050.0");
        assert_eq!(lot.high_bid(), 1050);
        lot.set_last_updated(
            Utc.with_ymd_and_hms(2025, 10, 14, 7, 1, 0)
                .single()
                .expect("valid"),
        );
        assert_eq!(lot.field(Col::LastUpdatedTime), "2025-10-14T07:01:00Z");
        assert_eq!(lot.to_record().len(), 59);
    }
}
