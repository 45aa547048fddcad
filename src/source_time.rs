//! The export's two bookkeeping timestamps: "Create Date/Time" (when Copart created the lot
//! record) and "Last Updated Time" (when it last changed — the last-write-wins key of the upsert).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// Why a timestamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceTimeError {
    #[error("timestamp is empty")]
    Empty,
    #[error("expected a timestamp like 2025-10-14-08.55.06.000795 (YYYY-MM-DD-HH.MM.SS.ffffff)")]
    BadCreateFormat,
    #[error("timestamp is not a valid calendar date and time")]
    OutOfRange,
    #[error("expected an ISO-8601 timestamp with a zone, like 2025-10-14T07:01:00Z")]
    BadIso,
}

/// Parses "Create Date/Time" in IBM DB2 style, `YYYY-MM-DD-HH.MM.SS` followed by an optional
/// `.` and 1 to 9 fraction digits (the export writes 6). The export does not say which zone this
/// is in (probably Copart's server time, not UTC), so it stays a naive date-time rather than us
/// pretending to know.
pub fn parse_create_datetime(raw: &str) -> Result<NaiveDateTime, SourceTimeError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(SourceTimeError::Empty);
    }
    let b = s.as_bytes();
    if b.len() < 19 {
        return Err(SourceTimeError::BadCreateFormat);
    }
    // Fixed layout: separators at known positions, digits everywhere else.
    const SEPARATORS: [(usize, u8); 5] = [(4, b'-'), (7, b'-'), (10, b'-'), (13, b'.'), (16, b'.')];
    if SEPARATORS.iter().any(|&(i, sep)| b[i] != sep) {
        return Err(SourceTimeError::BadCreateFormat);
    }
    let num = |from: usize, to: usize| -> Result<u32, SourceTimeError> {
        b[from..to].iter().try_fold(0u32, |acc, &d| {
            if d.is_ascii_digit() {
                Ok(acc * 10 + u32::from(d - b'0'))
            } else {
                Err(SourceTimeError::BadCreateFormat)
            }
        })
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => {
            // Scale "000795" (micro) or any other precision to nanoseconds.
            let value = num(20, b.len())?;
            // 1..=9 digits: the cast is exact and the result stays below 10^9.
            value * 10u32.pow(9 - frac.len() as u32)
        }
        _ => return Err(SourceTimeError::BadCreateFormat),
    };
    // Four digits: at most 9999, so the cast is exact.
    let date =
        NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(SourceTimeError::OutOfRange)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        .ok_or(SourceTimeError::OutOfRange)?;
    Ok(date.and_time(time))
}

/// Parses "Last Updated Time": RFC 3339 / ISO-8601 with an explicit zone, `Z` or an offset
/// (`2025-10-14T07:01:00Z`, `2025-10-14T03:01:00-04:00`), optionally with fractional seconds.
/// A timestamp without a zone is rejected: guessing one is how the original mis-dated auctions.
pub fn parse_last_updated(raw: &str) -> Result<DateTime<Utc>, SourceTimeError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(SourceTimeError::Empty);
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| SourceTimeError::BadIso)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").expect("test value")
    }

    #[test]
    fn db2_create_time() {
        assert_eq!(
            parse_create_datetime("2025-10-14-08.55.06.000795"),
            Ok(naive("2025-10-14 08:55:06.000795"))
        );
        assert_eq!(
            parse_create_datetime(" 2025-10-14-08.55.06 "),
            Ok(naive("2025-10-14 08:55:06"))
        );
        assert_eq!(
            parse_create_datetime("2025-10-14-23.59.59.5"),
            Ok(naive("2025-10-14 23:59:59.5"))
        );
        assert_eq!(
            parse_create_datetime("2024-02-29-00.00.00.123456789"),
            Ok(naive("2024-02-29 00:00:00.123456789"))
        );
    }

    #[test]
    fn bad_create_times() {
        use SourceTimeError::{BadCreateFormat, Empty, OutOfRange};
        assert_eq!(parse_create_datetime(""), Err(Empty));
        for bad in [
            "2025-10-14 08:55:06",
            "2025-10-14T08:55:06Z",
            "2025-10-14-08.55",
            "2025-10-14-08.55.06.",
            "2025-10-14-08.55.06.0007951234",
            "2025-10-14-08.55.06,000795",
            "2025-1a-14-08.55.06.000795",
            "2025-10-14-08.55.06.00x795",
            "+025-10-14-08.55.06",
            "14.10.2025",
        ] {
            assert_eq!(parse_create_datetime(bad), Err(BadCreateFormat), "{bad:?}");
        }
        for bad in [
            "2025-13-14-08.55.06",
            "2025-02-30-08.55.06",
            "2025-10-14-24.00.00",
            "2025-10-14-08.60.00",
            "2025-10-14-08.55.60",
        ] {
            assert_eq!(parse_create_datetime(bad), Err(OutOfRange), "{bad:?}");
        }
    }

    #[test]
    fn last_updated() {
        let want = naive("2025-10-14 07:01:00").and_utc();
        assert_eq!(parse_last_updated("2025-10-14T07:01:00Z"), Ok(want));
        assert_eq!(parse_last_updated(" 2025-10-14T07:01:00Z "), Ok(want));
        assert_eq!(parse_last_updated("2025-10-14T07:01:00+00:00"), Ok(want));
        assert_eq!(parse_last_updated("2025-10-14T03:01:00-04:00"), Ok(want));
        assert_eq!(parse_last_updated("2025-10-14T10:01:00+03:00"), Ok(want));
        assert_eq!(
            parse_last_updated("2025-10-14T07:01:00.250Z"),
            Ok(naive("2025-10-14 07:01:00.25").and_utc())
        );
    }

    #[test]
    fn bad_last_updated() {
        assert_eq!(parse_last_updated(""), Err(SourceTimeError::Empty));
        for bad in [
            "2025-10-14T07:01:00",
            "2025-10-14",
            "2025-10-14-08.55.06.000795",
            "yesterday",
            "2025-13-14T07:01:00Z",
        ] {
            assert_eq!(
                parse_last_updated(bad),
                Err(SourceTimeError::BadIso),
                "{bad:?}"
            );
        }
    }
}
