//! The small value types and parsers of the export's columns that have no module of their own:
//! keys, Y/N flags, currency codes, plain whole numbers and model years.

use super::YEAR_RANGE;

pub use crate::keys::Keys;

impl Keys {
    /// `YES`, `NO` or `EXM`, trimmed and case-insensitive.
    pub fn parse(raw: &str) -> Result<Self, ValueError> {
        let s = raw.trim();
        [("YES", Self::Yes), ("NO", Self::No), ("EXM", Self::Exempt)]
            .into_iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(s))
            .map(|(_, keys)| keys)
            .ok_or(ValueError::NotKeys)
    }
}

/// Problems with the columns that have no type of their own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("required value is missing")]
    Missing,
    #[error("expected a whole number")]
    NotWholeNumber,
    #[error("number is too large")]
    TooLarge,
    #[error("year {0} is outside 1900..=2100")]
    YearOutOfRange(u64),
    #[error("expected YES, NO or EXM")]
    NotKeys,
    #[error("expected Y or N")]
    NotYesNo,
    #[error("expected a 3-letter currency code")]
    NotCurrency,
}

/// Digits only (after trimming), into any unsigned type that holds the value.
pub(super) fn whole<T: TryFrom<u64>>(raw: &str) -> Result<T, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(ValueError::Missing);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotWholeNumber);
    }
    let mut n: u64 = 0;
    for b in s.bytes() {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(b - b'0')))
            .ok_or(ValueError::TooLarge)?;
    }
    T::try_from(n).map_err(|_| ValueError::TooLarge)
}

pub(super) fn model_year(raw: &str) -> Result<i16, ValueError> {
    let n: u64 = whole(raw)?;
    i16::try_from(n)
        .ok()
        .filter(|y| YEAR_RANGE.contains(y))
        .ok_or(ValueError::YearOutOfRange(n))
}

pub(super) fn yes_no(raw: &str) -> Result<bool, ValueError> {
    match raw.trim() {
        "Y" | "y" => Ok(true),
        "N" | "n" => Ok(false),
        _ => Err(ValueError::NotYesNo),
    }
}

pub(super) fn currency(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(ValueError::NotCurrency)
    }
}

pub(super) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
