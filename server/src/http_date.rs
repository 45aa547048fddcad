//! HTTP dates (RFC 9110 §5.6.7): what `Last-Modified` and `If-Modified-Since` carry. Shared by
//! the export download, the sitemaps' and VIN pages' validators and the Copart simulator.
//!
//! We send only the preferred form, IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`). We accept all
//! three forms a recipient must: IMF-fixdate, RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
//! asctime (`Sun Nov  6 08:49:37 1994`), parsed by the `httpdate` crate, and, as before, any
//! RFC 2822 date (`Sun, 6 Nov 1994 08:49:37 +0000`) that some servers send.

use chrono::{DateTime, Utc};

const HTTP_DATE: &str = "%a, %d %b %Y %H:%M:%S GMT";

/// IMF-fixdate. Formatted here rather than by `httpdate`, which takes a `SystemTime` and so
/// cannot hold every `DateTime` we might format; the output is the same (tested).
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format(HTTP_DATE).to_string()
}

/// Parses an HTTP-date in any of its three forms, or an RFC 2822 date.
pub fn parse_http_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    httpdate::parse_http_date(s)
        .ok()
        .map(DateTime::<Utc>::from)
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

    /// RFC 9110 §5.6.7: a recipient must accept all three forms of HTTP-date.
    #[test]
    fn obsolete_forms_are_accepted() {
        let t = Utc
            .with_ymd_and_hms(1994, 11, 6, 8, 49, 37)
            .single()
            .expect("valid");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(parse_http_date("  Sun Nov  6 08:49:37 1994 "), Some(t));
        assert_eq!(parse_http_date("Sun Nov 32 08:49:37 1994"), None);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 25:49:37 GMT"), None);
    }

    #[test]
    fn formatting_is_imf_fixdate() {
        for (y, mo, d, h, mi, s) in [
            (1970, 1, 1, 0, 0, 0),
            (2000, 2, 29, 23, 59, 59),
            (2026, 7, 4, 9, 5, 7),
        ] {
            let t = Utc
                .with_ymd_and_hms(y, mo, d, h, mi, s)
                .single()
                .expect("valid");
            assert_eq!(http_date(t), httpdate::fmt_http_date(t.into()));
            assert_eq!(parse_http_date(&http_date(t)), Some(t));
        }
    }
}
