//! Allocation-free formatting of the numbers and timestamps the export is made of, and the
//! civil-calendar arithmetic behind them (days since 1970 ⇄ year/month/day, after Howard
//! Hinnant's public-domain algorithms). `write!` and chrono arithmetic cost more than the rest of
//! a row together; these helpers keep the generator well above 200,000 rows per second.

/// "00" to "99" back to back, so two digits are one `push_str` of a slice.
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839\
                     40414243444546474849505152535455565758596061626364656667686970717273747576777879\
                     8081828384858687888990919293949596979899";

/// "00" to "ff" back to back.
const HEX_PAIRS: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
                         202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\
                         404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
                         606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f\
                         808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\
                         a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
                         c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf\
                         e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

#[inline]
fn push_pair(s: &mut String, n: u64) {
    let i = (n % 100) as usize * 2;
    s.push_str(&PAIRS[i..i + 2]);
}

/// Appends `n` in decimal.
#[inline]
pub(crate) fn push_u64(s: &mut String, n: u64) {
    if n < 10 {
        let i = n as usize * 2 + 1;
        s.push_str(&PAIRS[i..i + 1]);
    } else if n < 100 {
        push_pair(s, n);
    } else {
        push_u64(s, n / 100);
        push_pair(s, n);
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
#[inline]
pub(crate) fn push_padded(s: &mut String, n: u64, width: usize) {
    let mut digits = 1;
    let mut m = n / 10;
    while m > 0 {
        digits += 1;
        m /= 10;
    }
    for _ in digits..width {
        s.push('0');
    }
    push_u64(s, n);
}

/// Appends `n` as 16 lower-case hex digits.
#[inline]
pub(crate) fn push_hex64(s: &mut String, n: u64) {
    for byte in n.to_be_bytes() {
        let i = usize::from(byte) * 2;
        s.push_str(&HEX_PAIRS[i..i + 2]);
    }
}

/// Appends ASCII bytes.
#[inline]
pub(crate) fn push_ascii(s: &mut String, bytes: &[u8]) {
    // Only ASCII digits and letters reach here; the fallback never runs.
    s.push_str(std::str::from_utf8(bytes).unwrap_or_default());
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) const fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month, day of a number of days since 1970-01-01.
pub(crate) const fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// Day of the week of a day number, 0 = Sunday.
pub(crate) const fn weekday_from_sunday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// A UTC timestamp split into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
}

impl Stamp {
    pub(crate) const fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem / 60 % 60,
            second: rem % 60,
        }
    }

    /// `2025-10-14T07:01:00Z`.
    pub(crate) fn push_iso(&self, s: &mut String) {
        self.push_date(s, b'-');
        s.push('T');
        push_padded(s, u64::from(self.hour), 2);
        s.push(':');
        push_padded(s, u64::from(self.minute), 2);
        s.push(':');
        push_padded(s, u64::from(self.second), 2);
        s.push('Z');
    }

    /// `2025-10-14-08.55.06.000795` (the DB2 style of `Create Date/Time`).
    pub(crate) fn push_db2(&self, s: &mut String, micros: u64) {
        self.push_date(s, b'-');
        s.push('-');
        push_padded(s, u64::from(self.hour), 2);
        s.push('.');
        push_padded(s, u64::from(self.minute), 2);
        s.push('.');
        push_padded(s, u64::from(self.second), 2);
        s.push('.');
        push_padded(s, micros, 6);
    }

    fn push_date(&self, s: &mut String, sep: u8) {
        push_padded(s, self.year.max(0) as u64, 4);
        s.push(char::from(sep));
        push_padded(s, u64::from(self.month), 2);
        s.push(char::from(sep));
        push_padded(s, u64::from(self.day), 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Datelike, NaiveDate};

    #[test]
    fn numbers() {
        let mut s = String::new();
        push_u64(&mut s, 0);
        s.push(' ');
        push_u64(&mut s, 18_446_744_073_709_551_615);
        s.push(' ');
        push_padded(&mut s, 900, 4);
        s.push(' ');
        push_padded(&mut s, 12_345, 4);
        s.push(' ');
        push_hex64(&mut s, 0x00af_7676_ab5d_b43e);
        s.push(' ');
        push_hex64(&mut s, u64::MAX);
        assert_eq!(
            s,
            "0 18446744073709551615 0900 12345 00af7676ab5db43e ffffffffffffffff"
        );
        for n in (0..1_000_000).step_by(7).chain([99, 100, 101, 999, 1000]) {
            let mut t = String::new();
            push_u64(&mut t, n);
            assert_eq!(t, n.to_string());
        }
    }

    #[test]
    fn civil_dates_agree_with_chrono() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
            assert_eq!((date - epoch).num_days(), days);
            assert_eq!(days_from_civil(y, m, d), days);
            assert_eq!(
                weekday_from_sunday(days),
                i64::from(date.weekday().num_days_from_sunday())
            );
        }
    }

    #[test]
    fn stamps_format_like_the_export() {
        let t = DateTime::parse_from_rfc3339("2025-10-14T07:01:09Z")
            .expect("valid")
            .timestamp();
        let st = Stamp::from_unix(t);
        let mut s = String::new();
        st.push_iso(&mut s);
        s.push(' ');
        st.push_db2(&mut s, 795);
        assert_eq!(s, "2025-10-14T07:01:09Z 2025-10-14-07.01.09.000795");
    }
}
