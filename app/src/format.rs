//! Locale-aware formatting of money, distances and dates.
//!
//! Hand-written rather than ICU: the site's languages use two shapes, and the same code runs on
//! the server and in wasm with no data tables. EN: "$16,541", "52,123 mi", "10/17/2025"; RU and
//! UK: "16 541 $", "52 123 миль", "17.10.2025" (narrow no-break spaces, as
//! `Intl.NumberFormat('ru-RU')` and `('uk-UA')` write them).

use chrono::{DateTime, NaiveDate, Utc};

use crate::i18n::Lang;

const NARROW_NBSP: char = '\u{202F}';

/// The plural form of `n` by the rule Russian and Ukrainian share: `forms` = (1, 2–4, 5–20), and
/// the last two digits decide 11–14 — 1 лот, 2 лота / лоти, 5 лотов / лотів, 21 лот, 11 лотов.
pub fn slavic_plural(n: i64, forms: [&'static str; 3]) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=14) => forms[2],
        (1, _) => forms[0],
        (2..=4, _) => forms[1],
        _ => forms[2],
    }
}

/// Groups the digits of an integer by thousands in the language's style.
pub fn group_digits(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Ru | Lang::Uk => NARROW_NBSP,
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Whole US dollars from cents, rounded half up.
pub fn usd(cents: i64, lang: Lang) -> String {
    let dollars = (cents + 50).div_euclid(100);
    match lang {
        Lang::En => format!("${}", group_digits(dollars, lang)),
        Lang::Ru | Lang::Uk => format!("{}{NARROW_NBSP}$", group_digits(dollars, lang)),
    }
}

pub fn miles(mi: i64, lang: Lang) -> String {
    format!("{} {}", group_digits(mi, lang), lang.t().miles_unit)
}

pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%m/%d/%Y").to_string(),
        Lang::Ru | Lang::Uk => d.format("%d.%m.%Y").to_string(),
    }
}

/// Date and time in UTC, labelled as such (the visitor's own zone needs the browser).
pub fn datetime_utc(t: DateTime<Utc>, lang: Lang) -> String {
    match lang {
        Lang::En => t.format("%m/%d/%Y %H:%M UTC").to_string(),
        Lang::Ru | Lang::Uk => t.format("%d.%m.%Y %H:%M UTC").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        assert_eq!(usd(1_654_100, Lang::En), "$16,541");
        assert_eq!(usd(1_654_100, Lang::Ru), "16\u{202F}541\u{202F}$");
        assert_eq!(usd(0, Lang::En), "$0");
        assert_eq!(usd(99_950, Lang::En), "$1,000");
        assert_eq!(usd(100_000_000, Lang::En), "$1,000,000");
    }

    #[test]
    fn distance_and_dates() {
        assert_eq!(miles(52_123, Lang::En), "52,123 mi");
        assert_eq!(miles(52_123, Lang::Ru), "52\u{202F}123 миль");
        assert_eq!(miles(0, Lang::En), "0 mi");
        let d = NaiveDate::from_ymd_opt(2025, 10, 17).expect("valid date");
        assert_eq!(date(d, Lang::En), "10/17/2025");
        assert_eq!(date(d, Lang::Ru), "17.10.2025");
    }

    #[test]
    fn grouping_edges() {
        assert_eq!(group_digits(999, Lang::En), "999");
        assert_eq!(group_digits(1000, Lang::En), "1,000");
        assert_eq!(group_digits(-1234567, Lang::En), "-1,234,567");
    }
}
