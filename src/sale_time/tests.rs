use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

#[test]
fn sale_dates() {
    assert_eq!(SaleDate::parse("0"), Ok(SaleDate::Unscheduled));
    assert_eq!(SaleDate::parse("00000000"), Ok(SaleDate::Unscheduled));
    assert_eq!(
        SaleDate::parse(""),
        Ok(SaleDate::Unscheduled),
        "missing is treated like 0"
    );
    assert_eq!(
        SaleDate::parse("20251017"),
        Ok(SaleDate::Scheduled(ymd(2025, 10, 17)))
    );
    assert_eq!(
        SaleDate::parse(" 20260224 "),
        Ok(SaleDate::Scheduled(ymd(2026, 2, 24)))
    );
    assert_eq!(
        SaleDate::parse("20240229"),
        Ok(SaleDate::Scheduled(ymd(2024, 2, 29)))
    );
    let d = SaleDate::parse("20251017").expect("valid");
    assert!(d.is_scheduled());
    assert_eq!(d.date(), Some(ymd(2025, 10, 17)));
    assert_eq!(d.to_string(), "2025-10-17");
    assert_eq!(SaleDate::Unscheduled.date(), None);
    assert_eq!(SaleDate::Unscheduled.to_string(), "unscheduled");
}

#[test]
fn bad_sale_dates() {
    assert_eq!(
        SaleDate::parse("2025101"),
        Err(SaleDateError::WrongLength(7))
    );
    assert_eq!(
        SaleDate::parse("101725"),
        Err(SaleDateError::WrongLength(6)),
        "not MMDDYY"
    );
    assert_eq!(
        SaleDate::parse("202510170"),
        Err(SaleDateError::WrongLength(9))
    );
    let bad_month = SaleDateError::InvalidDate {
        year: 2025,
        month: 13,
        day: 40,
    };
    assert_eq!(SaleDate::parse("20251340"), Err(bad_month));
    let bad_day = SaleDateError::InvalidDate {
        year: 2025,
        month: 2,
        day: 29,
    };
    assert_eq!(SaleDate::parse("20250229"), Err(bad_day));
    assert!(matches!(
        SaleDate::parse("20250001"),
        Err(SaleDateError::InvalidDate { .. })
    ));
    assert!(matches!(
        SaleDate::parse("20250100"),
        Err(SaleDateError::InvalidDate { .. })
    ));
    assert_eq!(
        SaleDate::parse("00011017"),
        Err(SaleDateError::YearOutOfRange(1))
    );
    assert_eq!(SaleDate::parse("2025-10-17"), Err(SaleDateError::NotDigits));
    assert_eq!(SaleDate::parse("10/17/25"), Err(SaleDateError::NotDigits));
    assert_eq!(SaleDate::parse("abc"), Err(SaleDateError::NotDigits));
    assert_eq!(SaleDate::parse("-1"), Err(SaleDateError::NotDigits));
}

#[test]
fn sale_times() {
    let hm = |raw: &str| SaleTime::parse(raw).map(|t| t.to_string());
    assert_eq!(hm("1200").as_deref(), Ok("12:00"));
    assert_eq!(hm("930").as_deref(), Ok("09:30"));
    assert_eq!(hm("0930").as_deref(), Ok("09:30"));
    assert_eq!(hm("0").as_deref(), Ok("00:00"));
    assert_eq!(hm("5").as_deref(), Ok("00:05"));
    assert_eq!(hm("2359").as_deref(), Ok("23:59"));
    assert_eq!(hm(" 1400 ").as_deref(), Ok("14:00"));
    assert_eq!(SaleTime::parse("2400"), Err(SaleTimeError::BadHour(24)));
    assert_eq!(SaleTime::parse("1260"), Err(SaleTimeError::BadMinute(60)));
    assert_eq!(SaleTime::parse("99"), Err(SaleTimeError::BadMinute(99)));
    assert_eq!(SaleTime::parse("12000"), Err(SaleTimeError::TooLong(5)));
    assert_eq!(SaleTime::parse("12:00"), Err(SaleTimeError::NotDigits));
    assert_eq!(SaleTime::parse("-100"), Err(SaleTimeError::NotDigits));
    assert_eq!(SaleTime::parse(""), Err(SaleTimeError::Empty));
}

#[test]
fn time_zones_parse_case_insensitively() {
    for tz in YardTimeZone::ALL {
        assert_eq!(YardTimeZone::parse(tz.as_str()), Ok(tz));
        assert_eq!(
            YardTimeZone::parse(&format!(" {} ", tz.as_str().to_lowercase())),
            Ok(tz)
        );
        assert_eq!(tz.to_string().parse::<YardTimeZone>(), Ok(tz));
    }
    assert_eq!(
        YardTimeZone::parse("XYZ"),
        Err(TimeZoneError::Unknown("XYZ".to_owned()))
    );
    assert_eq!(
        YardTimeZone::parse("UTC"),
        Err(TimeZoneError::Unknown("UTC".to_owned()))
    );
    assert_eq!(YardTimeZone::parse("  "), Err(TimeZoneError::Empty));
    assert!(YardTimeZone::Pdt.is_daylight_saving() && !YardTimeZone::Pst.is_daylight_saving());
    assert!(YardTimeZone::Hdt.is_daylight_saving() && !YardTimeZone::Hst.is_daylight_saving());
}

fn instant(date: &str, time: &str, tz: &str) -> Option<String> {
    let date = SaleDate::parse(date).expect("date");
    let time = SaleTime::parse(time).expect("time");
    let tz = YardTimeZone::parse(tz).expect("tz");
    auction_instant(date, Some(time), tz).map(|t| t.to_rfc3339())
}

#[test]
fn every_zone_converts_to_utc() {
    let cases = [
        ("20250115", "1200", "EST", "2025-01-15T17:00:00+00:00"),
        ("20251017", "1200", "EDT", "2025-10-17T16:00:00+00:00"),
        ("20250115", "1200", "CST", "2025-01-15T18:00:00+00:00"),
        ("20251017", "1200", "CDT", "2025-10-17T17:00:00+00:00"),
        ("20250115", "1200", "MST", "2025-01-15T19:00:00+00:00"),
        ("20251017", "1200", "MDT", "2025-10-17T18:00:00+00:00"),
        ("20250115", "1200", "PST", "2025-01-15T20:00:00+00:00"),
        ("20251017", "1200", "PDT", "2025-10-17T19:00:00+00:00"),
        ("20250115", "0900", "AKST", "2025-01-15T18:00:00+00:00"),
        ("20250701", "0900", "AKDT", "2025-07-01T17:00:00+00:00"),
        ("20251017", "1200", "HST", "2025-10-17T22:00:00+00:00"),
        ("20251017", "1200", "HDT", "2025-10-17T21:00:00+00:00"),
        ("20250115", "1200", "AST", "2025-01-15T16:00:00+00:00"),
        ("20251017", "1200", "ADT", "2025-10-17T15:00:00+00:00"),
    ];
    for (date, time, tz, want) in cases {
        assert_eq!(
            instant(date, time, tz).as_deref(),
            Some(want),
            "{date} {time} {tz}"
        );
    }
    let covered: Vec<&str> = cases.iter().map(|c| c.2).collect();
    for tz in YardTimeZone::ALL {
        assert!(
            covered.contains(&tz.as_str()),
            "{tz} has no conversion test"
        );
    }
}

#[test]
fn instant_crosses_midnight_and_year() {
    assert_eq!(
        instant("20251017", "2000", "PDT").as_deref(),
        Some("2025-10-18T03:00:00+00:00")
    );
    assert_eq!(
        instant("20251231", "1930", "HST").as_deref(),
        Some("2026-01-01T05:30:00+00:00")
    );
}

#[test]
fn no_instant_without_date_or_time() {
    let noon = SaleTime::parse("1200").ok();
    assert_eq!(
        auction_instant(SaleDate::Unscheduled, noon, YardTimeZone::Pdt),
        None
    );
    let date = SaleDate::parse("20251017").expect("date");
    assert_eq!(auction_instant(date, None, YardTimeZone::Pdt), None);
}
