//! US time zones as the export names them, and the daylight-saving rules that decide which
//! abbreviation is in force.
//!
//! The abbreviation is the one in force at the yard on the sale date (EDT before the first
//! Sunday of November, EST after it), or at the export time for lots without a sale date.
//! Arizona keeps MST all year and Hawaii HST; Alaska switches between AKST and AKDT. The rules
//! are the post-2007 US ones (second Sunday in March to first Sunday in November, at 02:00
//! local), which is all an export dated 2025 onwards needs. The arithmetic is done on day
//! numbers rather than through chrono because it runs for every generated row.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

use super::text::{civil_from_days, days_from_civil, weekday_from_sunday};

/// A US time zone as Copart's yards use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Eastern,
    Central,
    Mountain,
    /// Arizona: Mountain Standard Time all year.
    Arizona,
    Pacific,
    Alaska,
    Hawaii,
}

/// Zones grouped the way the export's shares are counted (Arizona counts as Mountain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneGroup {
    Eastern,
    Central,
    Mountain,
    Pacific,
    Alaska,
    Hawaii,
}

impl Zone {
    /// Offset from UTC in hours outside daylight saving time.
    pub const fn standard_offset_hours(self) -> i64 {
        match self {
            Zone::Eastern => -5,
            Zone::Central => -6,
            Zone::Mountain | Zone::Arizona => -7,
            Zone::Pacific => -8,
            Zone::Alaska => -9,
            Zone::Hawaii => -10,
        }
    }

    pub const fn observes_dst(self) -> bool {
        !matches!(self, Zone::Arizona | Zone::Hawaii)
    }

    pub const fn group(self) -> ZoneGroup {
        match self {
            Zone::Eastern => ZoneGroup::Eastern,
            Zone::Central => ZoneGroup::Central,
            Zone::Mountain | Zone::Arizona => ZoneGroup::Mountain,
            Zone::Pacific => ZoneGroup::Pacific,
            Zone::Alaska => ZoneGroup::Alaska,
            Zone::Hawaii => ZoneGroup::Hawaii,
        }
    }

    /// The abbreviation, with or without daylight saving time.
    pub const fn abbreviation(self, dst: bool) -> &'static str {
        match (self, dst && self.observes_dst()) {
            (Zone::Eastern, true) => "EDT",
            (Zone::Eastern, false) => "EST",
            (Zone::Central, true) => "CDT",
            (Zone::Central, false) => "CST",
            (Zone::Mountain, true) => "MDT",
            (Zone::Mountain | Zone::Arizona, _) => "MST",
            (Zone::Pacific, true) => "PDT",
            (Zone::Pacific, false) => "PST",
            (Zone::Alaska, true) => "AKDT",
            (Zone::Alaska, false) => "AKST",
            (Zone::Hawaii, _) => "HST",
        }
    }

    /// The abbreviation in force on a local calendar date, for times after 02:00 (sales never
    /// happen in the night hour that changes).
    pub fn abbreviation_on(self, date: NaiveDate) -> &'static str {
        let day = days_from_civil(date.year(), date.month(), date.day());
        let (start, end) = dst_days(date.year());
        self.abbreviation(day >= start && day < end)
    }

    /// The abbreviation in force at an instant.
    pub fn abbreviation_at(self, t: DateTime<Utc>) -> &'static str {
        self.abbreviation(self.dst_at_unix(t.timestamp()))
    }

    /// Whether daylight saving time is in force at a Unix time.
    pub(crate) const fn dst_at_unix(self, unix: i64) -> bool {
        if !self.observes_dst() {
            return false;
        }
        let local_standard = unix + self.standard_offset_hours() * 3600;
        let (year, _, _) = civil_from_days(local_standard.div_euclid(86_400));
        let (start, end) = dst_days(year);
        // DST starts at 02:00 standard time and ends at 02:00 daylight time, i.e. 01:00 standard.
        local_standard >= start * 86_400 + 2 * 3600 && local_standard < end * 86_400 + 3600
    }

    /// Offset from UTC in seconds at a Unix time.
    pub(crate) const fn offset_seconds_at(self, unix: i64) -> i64 {
        (self.standard_offset_hours() + self.dst_at_unix(unix) as i64) * 3600
    }

    /// Local wall-clock time at an instant (standard or daylight offset as in force).
    pub fn local_time(self, t: DateTime<Utc>) -> NaiveDateTime {
        t.naive_utc() + Duration::seconds(self.offset_seconds_at(t.timestamp()))
    }

    /// Local calendar date at an instant.
    pub fn local_date(self, t: DateTime<Utc>) -> NaiveDate {
        self.local_time(t).date()
    }
}

/// Day numbers (days since 1970-01-01) of the first day of daylight saving time (second Sunday
/// of March) and of the first day back on standard time (first Sunday of November).
pub(crate) const fn dst_days(year: i32) -> (i64, i64) {
    let march = days_from_civil(year, 3, 1);
    let start = march + (7 - weekday_from_sunday(march)) % 7 + 7;
    let november = days_from_civil(year, 11, 1);
    let end = november + (7 - weekday_from_sunday(november)) % 7;
    (start, end)
}

/// First day of daylight saving time and first day back on standard time in a year.
pub fn dst_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    let (start, end) = dst_days(year);
    let date = |days: i64| {
        let (y, m, d) = civil_from_days(days);
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    };
    (date(start), date(end))
}

/// Upper-case English weekday name as the export writes it.
pub const fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MONDAY",
        Weekday::Tue => "TUESDAY",
        Weekday::Wed => "WEDNESDAY",
        Weekday::Thu => "THURSDAY",
        Weekday::Fri => "FRIDAY",
        Weekday::Sat => "SATURDAY",
        Weekday::Sun => "SUNDAY",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn dst_bounds_match_the_calendar() {
        assert_eq!(dst_bounds(2025), (date(2025, 3, 9), date(2025, 11, 2)));
        assert_eq!(dst_bounds(2026), (date(2026, 3, 8), date(2026, 11, 1)));
        assert_eq!(dst_bounds(2027), (date(2027, 3, 14), date(2027, 11, 7)));
        for year in 2008..2040 {
            let (start, end) = dst_bounds(year);
            assert_eq!(start.weekday(), Weekday::Sun);
            assert_eq!(end.weekday(), Weekday::Sun);
            assert!((8..=14).contains(&start.day()) && start.month() == 3);
            assert!((1..=7).contains(&end.day()) && end.month() == 11);
        }
    }

    #[test]
    fn abbreviations_follow_the_date() {
        assert_eq!(Zone::Eastern.abbreviation_on(date(2025, 10, 31)), "EDT");
        assert_eq!(Zone::Eastern.abbreviation_on(date(2025, 11, 3)), "EST");
        assert_eq!(Zone::Central.abbreviation_on(date(2026, 2, 24)), "CST");
        assert_eq!(Zone::Arizona.abbreviation_on(date(2025, 7, 1)), "MST");
        assert_eq!(Zone::Mountain.abbreviation_on(date(2025, 7, 1)), "MDT");
        assert_eq!(Zone::Hawaii.abbreviation_on(date(2025, 7, 1)), "HST");
        assert_eq!(Zone::Alaska.abbreviation_on(date(2025, 7, 1)), "AKDT");
        assert_eq!(Zone::Alaska.abbreviation_on(date(2025, 12, 1)), "AKST");
        assert_eq!(Zone::Pacific.abbreviation_on(date(2026, 3, 9)), "PDT");
        assert_eq!(Zone::Pacific.abbreviation_on(date(2026, 3, 7)), "PST");
    }

    #[test]
    fn abbreviation_at_an_instant_switches_at_two_local() {
        let at = |y, mo, d, h, mi| {
            Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
                .single()
                .expect("valid")
        };
        // 2025-11-02 05:59Z is 01:59 EDT; 06:00Z is 01:00 EST.
        assert_eq!(Zone::Eastern.abbreviation_at(at(2025, 11, 2, 5, 59)), "EDT");
        assert_eq!(Zone::Eastern.abbreviation_at(at(2025, 11, 2, 6, 0)), "EST");
        // 2025-03-09 07:00Z is 02:00 EST, which becomes 03:00 EDT.
        assert_eq!(Zone::Eastern.abbreviation_at(at(2025, 3, 9, 7, 0)), "EDT");
        assert_eq!(Zone::Eastern.abbreviation_at(at(2025, 3, 9, 6, 59)), "EST");
        let export = at(2025, 10, 15, 4, 4);
        assert_eq!(Zone::Pacific.abbreviation_at(export), "PDT");
        assert_eq!(Zone::Pacific.local_date(export), date(2025, 10, 14));
        assert_eq!(Zone::Eastern.local_date(export), date(2025, 10, 15));
        assert_eq!(
            Zone::Eastern.local_time(export).to_string(),
            "2025-10-15 00:04:00"
        );
        assert_eq!(Zone::Hawaii.abbreviation_at(export), "HST");
        assert_eq!(Zone::Alaska.abbreviation_at(at(2026, 1, 15, 12, 0)), "AKST");
    }
}
