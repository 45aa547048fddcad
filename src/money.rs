//! US dollar amounts (bids, Buy-It-Now prices, retail values, repair costs) as whole cents.
//!
//! Amounts are parsed digit by digit from the export's decimal text ("1050.0") and never pass
//! through `f64`, so "17850.5" is exactly 1 785 050 cents. The original stored whatever
//! `parseFloat` returned and its NUMERIC columns came back as strings in JSON; here an amount is
//! an integer from the CSV to the database.

use std::fmt;

/// Largest amount accepted, in dollars. Nothing at a salvage auction costs more; a larger value
/// means a broken file, not an expensive car.
pub const MAX_DOLLARS: i64 = 100_000_000;

const MAX_CENTS: i64 = MAX_DOLLARS * 100;

/// Why a string is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is empty")]
    Empty,
    #[error("amount is negative")]
    Negative,
    #[error("amount has more than 2 decimals that are not zero")]
    TooManyDecimals,
    #[error("amount exceeds the limit of 100,000,000 dollars")]
    TooLarge,
    #[error("amount contains {ch:?} at position {pos}; expected digits with an optional '.'")]
    BadChar { ch: char, pos: usize },
    #[error("amount is not a decimal number like 1050.00 or 1,050.00")]
    Malformed,
}

/// A non-negative amount of US cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// Parses a decimal amount exactly: `1050`, `1050.0`, `1050.00`, `17850.5`, with an optional
    /// leading `$` and correctly placed thousands commas (`$1,050.00`). More than two decimals
    /// are accepted only when the extra ones are zeros (`1050.000`). Surrounding whitespace is
    /// ignored; an empty string is [`MoneyError::Empty`] (callers decide what empty means).
    pub fn parse(raw: &str) -> Result<Self, MoneyError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        let body = s.strip_prefix('$').unwrap_or(s);
        if body.starts_with('-') || s.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let offset = s.len() - body.len();
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let dollars = parse_integer_part(int_part, offset)?;
        let cents = match frac_part {
            None => 0,
            Some(f) => parse_fraction(f, offset + int_part.len() + 1)?,
        };
        let total = dollars * 100 + cents;
        if total > MAX_CENTS {
            return Err(MoneyError::TooLarge);
        }
        Ok(Self(total))
    }

    /// For columns where 0 means "none" (Buy-It-Now, Est. Retail Value, Repair cost): empty and
    /// any zero amount give `None`.
    pub fn parse_optional_nonzero(raw: &str) -> Result<Option<Self>, MoneyError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let m = Self::parse(raw)?;
        Ok(if m.is_zero() { None } else { Some(m) })
    }

    /// Wraps a number of cents known to be valid (e.g. read back from the database); `None` if
    /// negative or above [`MAX_DOLLARS`].
    pub const fn from_cents(cents: i64) -> Option<Self> {
        if cents < 0 || cents > MAX_CENTS {
            None
        } else {
            Some(Self(cents))
        }
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Whole dollars, fractions dropped.
    pub const fn whole_dollars(self) -> i64 {
        self.0 / 100
    }

    /// Approximate dollars, for display and charts only; never compute with it.
    #[allow(clippy::cast_precision_loss)] // at most 1e10 cents: exact in an f64 anyway
    pub fn dollars_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// `1050.00` — the plain form a NUMERIC(12,2) column accepts, without currency symbol.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Serialized as an integer number of cents, so no float ever carries an amount.
impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let cents = i64::deserialize(d)?;
        Self::from_cents(cents).ok_or_else(|| {
            serde::de::Error::custom(if cents < 0 {
                MoneyError::Negative
            } else {
                MoneyError::TooLarge
            })
        })
    }
}

/// Dollars before the point: digits, optionally grouped by commas in threes (`1,050`). `offset`
/// is the byte position of `s` in the trimmed input, for error messages.
fn parse_integer_part(s: &str, offset: usize) -> Result<i64, MoneyError> {
    if s.is_empty() {
        return Err(MoneyError::Malformed);
    }
    let grouped = s.contains(',');
    let mut dollars: i64 = 0;
    let mut since_comma = 0usize;
    let mut seen_comma = false;
    for (i, ch) in s.char_indices() {
        match ch {
            '0'..='9' => {
                dollars = dollars * 10 + i64::from(ch as u8 - b'0');
                if dollars > MAX_DOLLARS {
                    return Err(MoneyError::TooLarge);
                }
                since_comma += 1;
            }
            ',' => {
                // First group 1–3 digits, every later group exactly 3.
                let ok = if seen_comma {
                    since_comma == 3
                } else {
                    (1..=3).contains(&since_comma)
                };
                if !ok {
                    return Err(MoneyError::Malformed);
                }
                seen_comma = true;
                since_comma = 0;
            }
            '-' => return Err(MoneyError::Negative),
            _ => {
                return Err(MoneyError::BadChar {
                    ch,
                    pos: offset + i + 1,
                });
            }
        }
    }
    if grouped && since_comma != 3 {
        return Err(MoneyError::Malformed);
    }
    Ok(dollars)
}

/// Cents after the point: one or more digits; beyond the second they must be zeros.
fn parse_fraction(s: &str, offset: usize) -> Result<i64, MoneyError> {
    if s.is_empty() {
        return Err(MoneyError::Malformed);
    }
    let mut cents = 0i64;
    for (i, ch) in s.char_indices() {
        let Some(d) = ch.to_digit(10) else {
            return Err(MoneyError::BadChar {
                ch,
                pos: offset + i + 1,
            });
        };
        match i {
            0 => cents += i64::from(d) * 10,
            1 => cents += i64::from(d),
            _ if d != 0 => return Err(MoneyError::TooManyDecimals),
            _ => {}
        }
    }
    Ok(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(raw: &str) -> i64 {
        Money::parse(raw)
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"))
            .cents()
    }

    #[test]
    fn export_forms() {
        assert_eq!(cents("1050.0"), 105_000);
        assert_eq!(cents("1050.00"), 105_000);
        assert_eq!(cents("1050"), 105_000);
        assert_eq!(cents("17850.0"), 1_785_000);
        assert_eq!(cents("17850.5"), 1_785_050);
        assert_eq!(cents("17850.05"), 1_785_005);
        assert_eq!(cents("0"), 0);
        assert_eq!(cents("0.0"), 0);
        assert_eq!(cents(" 12.34 "), 1234);
        assert_eq!(cents("1050.000"), 105_000);
        assert_eq!(cents("0.990000"), 99);
    }

    #[test]
    fn dollar_sign_and_thousands() {
        assert_eq!(cents("$1,050.00"), 105_000);
        assert_eq!(cents("$1050"), 105_000);
        assert_eq!(cents("1,234,567.89"), 123_456_789);
        assert_eq!(cents("999,999"), 99_999_900);
        for bad in [
            "1,05", "1,0500", ",105", "1050,", "1,,050", "1234,567", "$", "$$5", "5$",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn rejections() {
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("$-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("-$5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("-0.0"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("12.345"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("12.001"), Err(MoneyError::TooManyDecimals));
        assert_eq!(
            Money::parse("abc"),
            Err(MoneyError::BadChar { ch: 'a', pos: 1 })
        );
        assert_eq!(
            Money::parse("12.3x"),
            Err(MoneyError::BadChar { ch: 'x', pos: 5 })
        );
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("  "), Err(MoneyError::Empty));
        for bad in [
            ".5", "5.", "1.2.3", "1e5", "+5", "NaN", "inf", "1 050", "١٢",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn limit() {
        assert_eq!(cents("100000000"), 10_000_000_000);
        assert_eq!(cents("100000000.00"), 10_000_000_000);
        assert_eq!(Money::parse("100000000.01"), Err(MoneyError::TooLarge));
        assert_eq!(Money::parse("100000001"), Err(MoneyError::TooLarge));
        assert_eq!(
            Money::parse("99999999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn optional_nonzero() {
        for none in ["", "  ", "0", "0.0", "0.00", "$0", "0.000"] {
            assert_eq!(Money::parse_optional_nonzero(none), Ok(None), "{none:?}");
        }
        assert_eq!(
            Money::parse_optional_nonzero("1500.0"),
            Ok(Money::from_cents(150_000))
        );
        assert_eq!(
            Money::parse_optional_nonzero("-1"),
            Err(MoneyError::Negative)
        );
        assert!(Money::parse_optional_nonzero("n/a").is_err());
    }

    #[test]
    fn constructors_and_views() {
        assert_eq!(Money::from_cents(-1), None);
        assert_eq!(Money::from_cents(MAX_CENTS + 1), None);
        let m = Money::from_cents(105_050).expect("valid");
        assert_eq!(m.whole_dollars(), 1050);
        assert!((m.dollars_f64() - 1050.5).abs() < f64::EPSILON);
        assert_eq!(m.to_string(), "1050.50");
        assert_eq!(Money::ZERO.to_string(), "0.00");
        assert_eq!(Money::from_cents(5).expect("valid").to_string(), "0.05");
        assert!(Money::ZERO.is_zero());
    }

    #[test]
    fn serde_as_cents() {
        let m = Money::parse("1050.0").expect("valid");
        assert_eq!(serde_json::to_string(&m).expect("ser"), "105000");
        assert_eq!(serde_json::from_str::<Money>("105000").expect("de"), m);
        assert!(serde_json::from_str::<Money>("-1").is_err());
        assert!(serde_json::from_str::<Money>("10.5").is_err());
    }
}
