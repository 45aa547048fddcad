//! PostgreSQL `COPY … (FORMAT text)` encoding of staging rows and row errors.
//!
//! Text format, not CSV or binary: it is trivial to produce correctly (escape `\`, tab, newline,
//! CR; `\N` for NULL) and PostgreSQL parses it fastest. Every value is written in a form the
//! server reads the same way whatever its `DateStyle` or `TimeZone` (ISO dates, explicit `+00`).

use std::fmt::Write as _;

use chrono::{DateTime, Datelike as _, NaiveDate, NaiveDateTime, NaiveTime, Timelike as _, Utc};
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
    make_offer_eligible, seller_name, source_updated_at, row_hash) FROM STDIN (FORMAT text)";

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

    /// A value written by `push` (which must produce text that needs no escaping).
    fn with<T>(&mut self, v: T, push: impl FnOnce(&mut Vec<u8>, T)) {
        self.sep();
        push(self.buf, v);
    }

    fn opt_with<T>(&mut self, v: Option<T>, push: impl FnOnce(&mut Vec<u8>, T)) {
        match v {
            Some(v) => self.with(v, push),
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
    let special = |b: &u8| matches!(b, b'\\' | b'\t' | b'\n' | b'\r' | 0);
    // Nearly every value has nothing to escape: copy it in one go.
    if !s.as_bytes().iter().any(special) {
        buf.extend_from_slice(s.as_bytes());
        return;
    }
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

// Dates and times are written by hand: chrono's `format` re-parses its format string for every
// value, which was ~8% of the ingest's CPU. The output is exactly what `%Y-%m-%d`, `%H:%M:%S`
// and `%.f` print (the row hash is taken over this text, so it must not drift).

fn push_digits(buf: &mut Vec<u8>, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut n = n;
    for d in digits[..width].iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    buf.extend_from_slice(&digits[..width]);
}

fn push_date(buf: &mut Vec<u8>, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(year) if year <= 9999 => {
            push_digits(buf, year, 4);
            buf.push(b'-');
            push_digits(buf, d.month(), 2);
            buf.push(b'-');
            push_digits(buf, d.day(), 2);
        }
        // Outside what a Copart export can hold; chrono knows how to spell it.
        _ => buf.extend_from_slice(d.format("%Y-%m-%d").to_string().as_bytes()),
    }
}

fn push_time(buf: &mut Vec<u8>, t: NaiveTime, fraction: bool) {
    push_digits(buf, t.hour(), 2);
    buf.push(b':');
    push_digits(buf, t.minute(), 2);
    buf.push(b':');
    push_digits(buf, t.second(), 2);
    let nanos = t.nanosecond() % 1_000_000_000;
    if fraction && nanos != 0 {
        buf.push(b'.');
        if nanos.is_multiple_of(1_000_000) {
            push_digits(buf, nanos / 1_000_000, 3);
        } else if nanos.is_multiple_of(1_000) {
            push_digits(buf, nanos / 1_000, 6);
        } else {
            push_digits(buf, nanos, 9);
        }
    }
}

fn push_naive(buf: &mut Vec<u8>, t: NaiveDateTime) {
    push_date(buf, t.date());
    buf.push(b' ');
    push_time(buf, t.time(), true);
}

/// UTC with an explicit `+00`, read the same whatever the session's `TimeZone`.
fn push_utc(buf: &mut Vec<u8>, t: DateTime<Utc>) {
    push_naive(buf, t.naive_utc());
    buf.extend_from_slice(b"+00");
}

/// Appends one `staging.lots` line for a parsed row and returns the row's hash (see
/// [`row_hash`]), which is also the line's last column.
pub fn push_staging_row(buf: &mut Vec<u8>, file_id: i64, row_no: u32, row: &CopartRow) -> i64 {
    let mut l = Line::new(buf);
    l.plain(file_id);
    l.plain(row_no);
    let values_start = l.buf.len();
    l.plain(row.lot_number.get());
    l.text(row.vin.as_str());
    l.opt_bool(row.vin.check_digit_ok());
    l.plain(row.yard_number);
    l.text(&row.yard_name);
    l.opt_with(row.sale_date.date(), push_date);
    l.opt_with(row.sale_time, |b, t| push_time(b, t.time(), false));
    l.text(row.time_zone.as_str());
    l.opt_with(row.auction_at, push_utc);
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
    l.opt_with(row.source_created_at, push_naive);
    l.opt_text(row.grid_row.as_deref());
    l.opt_bool(row.make_offer_eligible);
    l.opt_text(row.seller_name.as_deref());
    l.with(row.last_updated, push_utc);
    let hash = row_hash(&l.buf[values_start..]);
    l.plain(hash);
    l.end();
    hash
}

/// The hash of a row's stored values: the first 8 bytes of the SHA-256 of their COPY text.
///
/// The COPY text is the canonical form of everything the ETL keeps from a row (typed, escaped,
/// zone-free), so equal text means an equal stored row. A 64-bit prefix is plenty for its one
/// job — telling whether *this lot's* row changed since the last file (a false "unchanged"
/// needs a 2^-64 coincidence per changed lot) — and keeps `lots.row_hash` a plain `bigint`.
pub fn row_hash(values: &[u8]) -> i64 {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(values);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
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

    fn text(push: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut buf = Vec::new();
        push(&mut buf);
        String::from_utf8(buf).expect("utf8")
    }

    #[test]
    fn hand_written_dates_and_times_match_chrono() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 7).expect("date");
        assert_eq!(
            text(|b| push_date(b, date)),
            date.format("%Y-%m-%d").to_string()
        );
        let early = NaiveDate::from_ymd_opt(987, 1, 2).expect("date");
        assert_eq!(text(|b| push_date(b, early)), "0987-01-02");
        for nanos in [0, 5_000_000, 123_000_000, 123_456_000, 1_000, 123_456_789] {
            let t = date.and_hms_nano_opt(9, 5, 3, nanos).expect("time");
            assert_eq!(
                text(|b| push_naive(b, t)),
                t.format("%Y-%m-%d %H:%M:%S%.f").to_string(),
                "{nanos} ns"
            );
            assert_eq!(
                text(|b| push_utc(b, t.and_utc())),
                t.format("%Y-%m-%d %H:%M:%S%.f+00").to_string()
            );
            assert_eq!(text(|b| push_time(b, t.time(), false)), "09:05:03");
        }
    }

    #[test]
    fn the_row_hash_is_the_last_column_and_covers_the_values_only() {
        let mut generator =
            vinops::generator::Generator::new(vinops::generator::GenConfig::new(7, 1));
        let mut lot = vinops::generator::GeneratedLot::default();
        generator.fill_next(&mut lot);
        let row = CopartRow::from_record(&lot.to_record()).expect("generated rows parse");

        let mut a = Vec::new();
        let hash = push_staging_row(&mut a, 1, 1, &row);
        let line = String::from_utf8(a.clone()).expect("utf8");
        let fields: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
        assert_eq!(fields.len(), STAGING_COPY.matches(',').count() + 1);
        assert_eq!(fields.last().copied(), Some(hash.to_string().as_str()));
        // Another file and row number: same values, same hash.
        let mut b = Vec::new();
        assert_eq!(push_staging_row(&mut b, 99, 42, &row), hash);
        // A changed value: another hash.
        let mut changed = row.clone();
        changed.high_bid =
            vinops::money::Money::from_cents(changed.high_bid.cents() + 100).expect("valid money");
        assert_ne!(push_staging_row(&mut Vec::new(), 1, 1, &changed), hash);
    }
}
