//! The catalog's auction-date filter, which is read in the visitor's time zone.
//!
//! The window is a pair of local calendar days (`auction_from`, `auction_to`, both included) or
//! a preset relative to today (`auction=today`, `auction=week`: today and the six days after).
//! Only the browser knows its zone, so the form sends it as `tz`, minutes east of UTC (what
//! `-Date.getTimezoneOffset()` gives); without it the days are UTC days. A fixed offset instead
//! of a zone name keeps the tz database out of the wasm bundle; it is the visitor's offset
//! today, which is what "today" means to them.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// `tz` bounds: UTC−12:00 … UTC+14:00, the offsets in use.
pub const TZ_MIN: i16 = -720;
pub const TZ_MAX: i16 = 840;

/// Days in the `week` preset (today included).
pub const WEEK_DAYS: i64 = 7;

/// A window relative to the visitor's today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuctionPreset {
    Today,
    /// Today and the next six days.
    Week,
}

impl AuctionPreset {
    pub const ALL: [AuctionPreset; 2] = [AuctionPreset::Today, AuctionPreset::Week];

    pub const fn slug(self) -> &'static str {
        match self {
            AuctionPreset::Today => "today",
            AuctionPreset::Week => "week",
        }
    }

    pub fn from_slug(s: &str) -> Option<AuctionPreset> {
        AuctionPreset::ALL.into_iter().find(|p| p.slug() == s)
    }
}

/// Which local days a lot's auction must fall on: a preset or a range (either end open).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuctionDays {
    Preset(AuctionPreset),
    Range {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
}

/// The auction-date filter: the days and the zone they are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuctionDates {
    pub days: AuctionDays,
    /// Minutes east of UTC, within [`TZ_MIN`]`..=`[`TZ_MAX`].
    pub tz_minutes: i16,
}

/// `[start, end)` in UTC; `None` = open on that side.
pub type Window = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl AuctionDates {
    fn offset(self) -> FixedOffset {
        // In range by construction (the parser checks TZ_MIN..=TZ_MAX); UTC otherwise.
        FixedOffset::east_opt(i32::from(self.tz_minutes) * 60)
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
    }

    /// The visitor's calendar day at `now`.
    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.offset()).date_naive()
    }

    /// Whether the window moves with the clock (a cached answer must be keyed by the day).
    pub fn is_relative(self) -> bool {
        matches!(self.days, AuctionDays::Preset(_))
    }

    /// The first and last local day included (`None` = open).
    pub fn days(self, now: DateTime<Utc>) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match self.days {
            AuctionDays::Preset(AuctionPreset::Today) => {
                let d = self.today(now);
                (Some(d), Some(d))
            }
            AuctionDays::Preset(AuctionPreset::Week) => {
                let d = self.today(now);
                (Some(d), d.checked_add_signed(Duration::days(WEEK_DAYS - 1)))
            }
            AuctionDays::Range { from, to } => (from, to),
        }
    }

    /// The instants the window covers: from the local midnight that starts the first day to the
    /// one that ends the last.
    pub fn window(self, now: DateTime<Utc>) -> Window {
        let (from, to) = self.days(now);
        let midnight = |d: NaiveDate| {
            self.offset()
                .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
                .single()
                .map(|t| t.with_timezone(&Utc))
        };
        (
            from.and_then(midnight),
            to.and_then(|d| d.succ_opt()).and_then(midnight),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn today_is_the_visitors_day() {
        // 03:00 UTC on the 7th is still the 6th in New York (UTC−5).
        let ny = AuctionDates {
            days: AuctionDays::Preset(AuctionPreset::Today),
            tz_minutes: -300,
        };
        let now = at("2026-12-07T03:00:00Z");
        assert_eq!(ny.today(now), day("2026-12-06"));
        assert_eq!(
            ny.window(now),
            (
                Some(at("2026-12-06T05:00:00Z")),
                Some(at("2026-12-07T05:00:00Z"))
            )
        );
        let utc = AuctionDates {
            tz_minutes: 0,
            ..ny
        };
        assert_eq!(utc.today(now), day("2026-12-07"));
    }

    #[test]
    fn week_is_seven_days_from_today() {
        let d = AuctionDates {
            days: AuctionDays::Preset(AuctionPreset::Week),
            tz_minutes: 180,
        };
        let now = at("2026-12-07T22:30:00Z"); // 01:30 on the 8th in Moscow (UTC+3)
        assert_eq!(
            d.days(now),
            (Some(day("2026-12-08")), Some(day("2026-12-14")))
        );
        assert_eq!(
            d.window(now),
            (
                Some(at("2026-12-07T21:00:00Z")),
                Some(at("2026-12-14T21:00:00Z"))
            )
        );
        assert!(d.is_relative());
    }

    #[test]
    fn a_range_is_open_where_a_day_is_missing() {
        let d = AuctionDates {
            days: AuctionDays::Range {
                from: None,
                to: Some(day("2026-12-31")),
            },
            tz_minutes: 0,
        };
        let now = at("2026-01-01T00:00:00Z");
        assert_eq!(d.window(now), (None, Some(at("2027-01-01T00:00:00Z"))));
        assert!(!d.is_relative());
    }

    #[test]
    fn presets_round_trip() {
        for p in AuctionPreset::ALL {
            assert_eq!(AuctionPreset::from_slug(p.slug()), Some(p));
        }
        assert_eq!(AuctionPreset::from_slug("month"), None);
    }
}
