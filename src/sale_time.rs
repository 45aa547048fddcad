//! When a lot is auctioned: the export's sale date, local sale time and yard time zone, and the
//! one conversion of the three into a UTC instant.
//!
//! The column "Sale Date M/D/CY" lies about its format: it is an 8-digit `YYYYMMDD` integer, with
//! `0` for "not scheduled yet". The original parsed it as `MDDYY`/`MMDDYY`, got NULL for every
//! real date, and broke badges, outcome detection and pagination; this module is the fix.
//!
//! Time zones are the abbreviations the export writes per yard (`PDT`, `AKST`, …). Each one
//! already says whether daylight saving time applies, so it maps to a fixed UTC offset and no
//! time-zone database is needed.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

/// Calendar years accepted in a sale date; anything else is a broken value.
const SALE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Why a "Sale Date M/D/CY" value is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaleDateError {
    #[error("sale date must contain only digits (YYYYMMDD, or 0 for unscheduled)")]
    NotDigits,
    #[error("sale date has {0} digits, expected 8 (YYYYMMDD) or 0 for unscheduled")]
    WrongLength(usize),
    #[error("sale date year {0} is outside 1900..=2100")]
    YearOutOfRange(i32),
    #[error("sale date {year:04}-{month:02}-{day:02} is not a calendar date")]
    InvalidDate { year: i32, month: u32, day: u32 },
}

/// The sale date of a lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SaleDate {
    /// `0` in the export: the lot has no auction date yet (about half of all rows).
    Unscheduled,
    Scheduled(NaiveDate),
}

impl SaleDate {
    /// Parses `YYYYMMDD`; `0` is [`SaleDate::Unscheduled`]. An empty value is treated like `0`:
    /// the column is always filled in the export, and a missing date means the same thing as a
    /// zero one — there is no date to show or convert.
    pub fn parse(raw: &str) -> Result<Self, SaleDateError> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(Self::Unscheduled);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SaleDateError::NotDigits);
        }
        if s.bytes().all(|b| b == b'0') {
            return Ok(Self::Unscheduled);
        }
        let &[y1, y2, y3, y4, m1, m2, d1, d2] = s.as_bytes() else {
            return Err(SaleDateError::WrongLength(s.len()));
        };
        let num = |digits: &[u8]| {
            digits
                .iter()
                .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'))
        };
        // Four digits: at most 9999, so the cast is exact.
        let year = num(&[y1, y2, y3, y4]) as i32;
        let (month, day) = (num(&[m1, m2]), num(&[d1, d2]));
        if !SALE_YEARS.contains(&year) {
            return Err(SaleDateError::YearOutOfRange(year));
        }
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Self::Scheduled)
            .ok_or(SaleDateError::InvalidDate { year, month, day })
    }

    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Self::Unscheduled => None,
            Self::Scheduled(d) => Some(d),
        }
    }

    pub fn is_scheduled(self) -> bool {
        matches!(self, Self::Scheduled(_))
    }
}

impl fmt::Display for SaleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unscheduled => f.write_str("unscheduled"),
            Self::Scheduled(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// Why a "Sale time (HHMM)" value is not a time of day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaleTimeError {
    #[error("sale time is empty")]
    Empty,
    #[error("sale time must contain only digits (HHMM)")]
    NotDigits,
    #[error("sale time has {0} digits, expected at most 4 (HHMM)")]
    TooLong(usize),
    #[error("sale time hour {0} is not in 0..=23")]
    BadHour(u32),
    #[error("sale time minute {0} is not in 0..=59")]
    BadMinute(u32),
}

/// The local wall-clock time of the auction at the yard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SaleTime(NaiveTime);

impl SaleTime {
    /// Parses `HHMM` with up to 4 digits, read as if left-padded with zeros: `1200` is 12:00,
    /// `930` is 09:30, `0` is 00:00.
    pub fn parse(raw: &str) -> Result<Self, SaleTimeError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(SaleTimeError::Empty);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SaleTimeError::NotDigits);
        }
        if s.len() > 4 {
            return Err(SaleTimeError::TooLong(s.len()));
        }
        let hhmm = s
            .bytes()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
        let (hour, minute) = (hhmm / 100, hhmm % 100);
        if hour >= 24 {
            return Err(SaleTimeError::BadHour(hour));
        }
        if minute >= 60 {
            return Err(SaleTimeError::BadMinute(minute));
        }
        NaiveTime::from_hms_opt(hour, minute, 0)
            .map(Self)
            .ok_or(SaleTimeError::BadHour(hour))
    }

    pub fn time(self) -> NaiveTime {
        self.0
    }
}

impl fmt::Display for SaleTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

/// Why a "Time Zone" value is not a known yard time zone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeZoneError {
    #[error("time zone is empty")]
    Empty,
    #[error("unknown time zone abbreviation {0:?}")]
    Unknown(String),
}

/// The US (and Atlantic) time-zone abbreviations a yard's sale time is given in. Observed in the
/// export: EDT, CDT, PDT, MDT, HST, AKST, AKDT, CST; the rest are their other halves of the year,
/// plus Puerto Rico's AST/ADT and HDT for completeness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YardTimeZone {
    Est,
    Edt,
    Cst,
    Cdt,
    Mst,
    Mdt,
    Pst,
    Pdt,
    Akst,
    Akdt,
    Hst,
    Hdt,
    Ast,
    Adt,
}

impl YardTimeZone {
    pub const ALL: [YardTimeZone; 14] = [
        Self::Est,
        Self::Edt,
        Self::Cst,
        Self::Cdt,
        Self::Mst,
        Self::Mdt,
        Self::Pst,
        Self::Pdt,
        Self::Akst,
        Self::Akdt,
        Self::Hst,
        Self::Hdt,
        Self::Ast,
        Self::Adt,
    ];

    /// Parses an abbreviation, trimmed and case-insensitive.
    pub fn parse(raw: &str) -> Result<Self, TimeZoneError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(TimeZoneError::Empty);
        }
        Self::ALL
            .into_iter()
            .find(|z| z.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| TimeZoneError::Unknown(s.to_owned()))
    }

    /// The abbreviation in upper case, as the export writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Est => "EST",
            Self::Edt => "EDT",
            Self::Cst => "CST",
            Self::Cdt => "CDT",
            Self::Mst => "MST",
            Self::Mdt => "MDT",
            Self::Pst => "PST",
            Self::Pdt => "PDT",
            Self::Akst => "AKST",
            Self::Akdt => "AKDT",
            Self::Hst => "HST",
            Self::Hdt => "HDT",
            Self::Ast => "AST",
            Self::Adt => "ADT",
        }
    }

    /// Offset from UTC in seconds (negative: west of Greenwich). Local = UTC + offset.
    pub const fn utc_offset_seconds(self) -> i32 {
        let hours = match self {
            Self::Adt => -3,
            Self::Ast | Self::Edt => -4,
            Self::Est | Self::Cdt => -5,
            Self::Cst | Self::Mdt => -6,
            Self::Mst | Self::Pdt => -7,
            Self::Pst | Self::Akdt => -8,
            Self::Akst | Self::Hdt => -9,
            Self::Hst => -10,
        };
        hours * 3600
    }

    /// Whether the abbreviation names a daylight-saving ("summer") time.
    pub const fn is_daylight_saving(self) -> bool {
        matches!(
            self,
            Self::Edt | Self::Cdt | Self::Mdt | Self::Pdt | Self::Akdt | Self::Hdt | Self::Adt
        )
    }
}

impl fmt::Display for YardTimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for YardTimeZone {
    type Err = TimeZoneError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// The UTC instant of an auction: the yard's local date and time minus the zone's offset.
/// `None` when the lot is unscheduled or has no sale time — we never invent a default hour (the
/// original assumed 09:00 in the database session's zone).
pub fn auction_instant(
    date: SaleDate,
    time: Option<SaleTime>,
    tz: YardTimeZone,
) -> Option<DateTime<Utc>> {
    let day = date.date()?;
    let local = day.and_time(time?.time());
    let offset = TimeDelta::try_seconds(i64::from(tz.utc_offset_seconds()))?;
    Some(local.checked_sub_signed(offset)?.and_utc())
}

#[cfg(test)]
mod tests;
