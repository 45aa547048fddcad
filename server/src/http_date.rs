//! HTTP dates (IMF-fixdate, RFC 9110 §5.6.7): what `Last-Modified` and `If-Modified-Since`
//! carry. Shared by the export download and the Copart simulator.

use chrono::{DateTime, NaiveDateTime, Utc};

const HTTP_DATE: &str = "%a, %d %b %Y %H:%M:%S GMT";

pub fn http_date(t: DateTime<Utc>) -> String {
    t.format(HTTP_DATE).to_string()
}

/// Parses an IMF-fixdate (`Wed, 15 Oct 2025 03:45:03 GMT`), or any RFC 2822 date.
pub fn parse_http_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, HTTP_DATE)
        .map(|t| t.and_utc())
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc2822(s)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn http_dates_round_trip() {
        let t = Utc
            .with_ymd_and_hms(2025, 10, 15, 3, 45, 3)
            .single()
            .expect("valid");
        assert_eq!(http_date(t), "Wed, 15 Oct 2025 03:45:03 GMT");
        assert_eq!(parse_http_date("Wed, 15 Oct 2025 03:45:03 GMT"), Some(t));
        assert_eq!(parse_http_date("not a date"), None);
    }
}
