//! PostgreSQL `COPY … (FORMAT text)` encoding of staging rows and row errors.
//!
//! Text format, not CSV or binary: it is trivial to produce correctly (escape `\`, tab, newline,
//! CR; `\N` for NULL) and PostgreSQL parses it fastest. Every value is written in a form the
//! server reads the same way whatever its `DateStyle` or `TimeZone` (ISO dates, explicit `+00`).

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use vinops::row::{CopartRow, RowError};

/// Column list of `staging.lots` in the order [`push_staging_row`] writes them.
pub const STAGING_COPY: &str = "COPY staging.lots (file_id, row_no, lot_number, vin, \
    vin_check_digit_ok, yard_number, yard_name, sale_date, sale_time_local, time_zone, auction_at, \
    day_of_week, item_number, vehicle_type, year, make, model, model_detail, trim, body_style, \
    color, engine, drive, transmission, fuel_type, cylinders, damage_primary, damage_secondary, \
    title_state, title_type, has_keys, lot_cond_code, odometer_mi, odometer_brand, \
    est_retail_value_cents, repair_cost_cents, current_bid_cents, buy_it_now_cents, runs_drives, \
    sale_status, sale_status_raw, special_note, location_city, location_state, location_zip, \
    location_country, currency_code, image_thumbnail, image_url, source_created_at, grid_row, \
    make_offer_eligible, seller_name, source_updated_at) FROM STDIN (FORMAT text)";

/// Column list of `audit.row_errors` in the order [`push_row_errors`] writes them.
pub const ROW_ERRORS_COPY: &str = "COPY audit.row_errors (run_id, file_id, row_no, column_name, \
    value, reason) FROM STDIN (FORMAT text)";

/// Builds one COPY line field by field.
struct Line<'a> {
    buf: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Line<'a> {
    fn new(buf: &'a mut Vec<u8>) -> Self {
        Self { buf, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.buf.push(b'\t');
        }
        self.first = false;
    }

    fn null(&mut self) {
        self.sep();
        self.buf.extend_from_slice(b"\\N");
    }

    fn text(&mut self, s: &str) {
        self.sep();
        escape_into(self.buf, s);
    }

    fn opt_text(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.text(s),
            None => self.null(),
        }
    }

    /// Anything whose `Display` needs no escaping (numbers, dates, `t`/`f`).
    fn plain(&mut self, v: impl std::fmt::Display) {
        self.sep();
        // Writing into a Vec<u8> through fmt cannot fail.
        let _ = write!(ByteWriter(self.buf), "{v}");
    }

    fn opt_plain<T: std::fmt::Display>(&mut self, v: Option<T>) {
        match v {
            Some(v) => self.plain(v),
            None => self.null(),
        }
    }

    fn opt_bool(&mut self, v: Option<bool>) {
        self.opt_plain(v.map(|b| if b { 't' } else { 'f' }));
    }

    fn end(self) {
        self.buf.push(b'\n');
    }
}

struct ByteWriter<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for ByteWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Escapes text for COPY text format. NUL cannot be stored in PostgreSQL text at all, so it is
/// dropped.
pub fn escape_into(buf: &mut Vec<u8>, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            0 => {}
            _ => buf.push(b),
        }
    }
}

fn date(d: NaiveDate) -> impl std::fmt::Display {
    d.format("%Y-%m-%d")
}

fn time(t: NaiveTime) -> impl std::fmt::Display {
    t.format("%H:%M:%S")
}

fn utc(t: DateTime<Utc>) -> impl std::fmt::Display {
    t.format("%Y-%m-%d %H:%M:%S%.f+00")
}

fn naive(t: NaiveDateTime) -> impl std::fmt::Display {
    t.format("%Y-%m-%d %H:%M:%S%.f")
}

/// Appends one `staging.lots` line for a parsed row.
pub fn push_staging_row(buf: &mut Vec<u8>, file_id: i64, row_no: u32, row: &CopartRow) {
    let mut l = Line::new(buf);
    l.plain(file_id);
    l.plain(row_no);
    l.plain(row.lot_number.get());
    l.text(row.vin.as_str());
    l.opt_bool(row.vin.check_digit_ok());
    l.plain(row.yard_number);
    l.text(&row.yard_name);
    l.opt_plain(row.sale_date.date().map(date));
    l.opt_plain(row.sale_time.map(|t| time(t.time())));
    l.text(row.time_zone.as_str());
    l.opt_plain(row.auction_at.map(utc));
    l.opt_text(row.day_of_week.as_deref());
    l.opt_plain(row.item_number);
    l.plain(row.vehicle_type.as_char());
    l.plain(row.year);
    l.text(&row.make);
    l.opt_text(row.model_group.as_deref());
    l.opt_text(row.model_detail.as_deref());
    l.opt_text(row.trim.as_deref());
    l.opt_text(row.body_style.as_deref());
    l.opt_text(row.color.as_deref());
    l.opt_text(row.engine.as_deref());
    l.opt_text(row.drive.as_deref());
    l.opt_text(row.transmission.as_deref());
    l.opt_text(row.fuel_type.as_deref());
    l.opt_plain(row.cylinders);
    l.opt_text(row.damage_primary.as_deref());
    l.opt_text(row.damage_secondary.as_deref());
    l.opt_text(row.title_state.as_deref());
    l.opt_text(row.title_type.as_deref());
    l.opt_text(row.has_keys.map(|k| k.as_db_str()));
    l.opt_text(row.lot_cond_code.as_deref());
    l.opt_plain(row.odometer.map(|o| o.miles()));
    l.opt_text(row.odometer_brand.as_ref().map(|b| b.code()));
    l.opt_plain(row.est_retail_value.map(|m| m.cents()));
    l.opt_plain(row.repair_cost.map(|m| m.cents()));
    l.plain(row.high_bid.cents());
    l.opt_plain(row.buy_it_now.map(|m| m.cents()));
    l.opt_text(row.runs_drives.as_deref());
    l.text(row.sale_status.as_db_str());
    l.text(&row.sale_status_raw);
    l.opt_text(row.special_note.as_deref());
    l.opt_text(row.location_city.as_deref());
    l.opt_text(row.location_state.as_deref());
    l.opt_text(row.location_zip.as_deref());
    l.opt_text(row.location_country.as_deref());
    l.opt_text(row.currency_code.as_deref());
    l.opt_text(row.image_thumbnail.as_deref());
    l.opt_text(row.image_url.as_deref());
    l.opt_plain(row.source_created_at.map(naive));
    l.opt_text(row.grid_row.as_deref());
    l.opt_bool(row.make_offer_eligible);
    l.opt_text(row.seller_name.as_deref());
    l.plain(utc(row.last_updated));
    l.end();
}

/// Appends one line per error of a row (one per bad column, or one record-level line); returns
/// how many lines were written.
pub fn push_row_errors(
    buf: &mut Vec<u8>,
    run_id: i64,
    file_id: i64,
    row_no: u32,
    err: &RowError,
) -> usize {
    match err {
        RowError::FieldCount { .. } => {
            push_error_line(buf, run_id, file_id, row_no, None, None, &err.to_string());
            1
        }
        RowError::Fields(fields) => {
            for f in fields {
                push_error_line(
                    buf,
                    run_id,
                    file_id,
                    row_no,
                    Some(f.column.name()),
                    Some(&f.value),
                    &f.reason,
                );
            }
            fields.len()
        }
    }
}

/// Appends one `audit.row_errors` line.
pub fn push_error_line(
    buf: &mut Vec<u8>,
    run_id: i64,
    file_id: i64,
    row_no: u32,
    column: Option<&str>,
    value: Option<&str>,
    reason: &str,
) {
    let mut l = Line::new(buf);
    l.plain(run_id);
    l.plain(file_id);
    l.plain(row_no);
    l.opt_text(column);
    l.opt_text(value);
    l.text(reason);
    l.end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_four_specials_and_drops_nul() {
        let mut buf = Vec::new();
        escape_into(&mut buf, "a\\b\tc\nd\re\0f Škoda");
        assert_eq!(
            String::from_utf8(buf).expect("utf8"),
            "a\\\\b\\tc\\nd\\ref Škoda"
        );
    }

    #[test]
    fn error_line_has_nulls_and_escapes() {
        let mut buf = Vec::new();
        push_error_line(&mut buf, 7, 3, 12, None, Some("x\ty"), "bad");
        assert_eq!(buf, b"7\t3\t12\t\\N\tx\\ty\tbad\n");
    }
}
