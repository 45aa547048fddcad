//! Copart's lot number: the primary key of a lot in the export (column "Lot number") and the
//! identifier users see on copart.com.
//!
//! It is kept apart from our internal row ids on purpose: the original exposed its internal
//! `lots.id` as "Lot #", so users saw numbers that Copart does not know.

use std::fmt;
use std::str::FromStr;

/// Most digits accepted. Real lot numbers have 8; 10 is the most a `u32` can have.
const MAX_DIGITS: usize = 10;

/// Why a string is not a lot number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LotNumberError {
    #[error("lot number is empty")]
    Empty,
    #[error("lot number contains {ch:?} at position {pos}; only digits are allowed")]
    NotDigit { ch: char, pos: usize },
    #[error("lot number has {0} digits, at most 10 are allowed")]
    TooLong(usize),
    #[error("lot number is 0")]
    Zero,
    #[error("lot number {0} does not fit in 32 bits")]
    TooLarge(u64),
}

/// A Copart lot number: a positive integer that fits in a `u32` (real ones have 8 digits, e.g.
/// 47704465).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LotNumber(u32);

impl LotNumber {
    /// Parses the export's text: surrounding whitespace is ignored, then only digits (1 to 10 of
    /// them) are allowed, and the value must be positive. Signs, decimals and separators are
    /// rejected rather than guessed at.
    pub fn parse(raw: &str) -> Result<Self, LotNumberError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(LotNumberError::Empty);
        }
        if let Some((i, ch)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(LotNumberError::NotDigit { ch, pos: i + 1 });
        }
        if s.len() > MAX_DIGITS {
            return Err(LotNumberError::TooLong(s.len()));
        }
        // At most 10 ASCII digits: cannot overflow a u64.
        let value = s
            .bytes()
            .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
        let value = u32::try_from(value).map_err(|_| LotNumberError::TooLarge(value))?;
        Self::new(value).ok_or(LotNumberError::Zero)
    }

    /// Wraps a number that is already known (e.g. read back from the database). `None` for 0.
    pub const fn new(value: u32) -> Option<Self> {
        if value == 0 { None } else { Some(Self(value)) }
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for LotNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for LotNumber {
    type Err = LotNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for LotNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for LotNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        Self::new(n).ok_or_else(|| serde::de::Error::custom(LotNumberError::Zero))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_lot_numbers() {
        for (raw, want) in [
            ("47704465", 47_704_465),
            ("45148624", 45_148_624),
            (" 47250074 ", 47_250_074),
        ] {
            let lot = LotNumber::parse(raw).expect(raw);
            assert_eq!(lot.get(), want);
            assert_eq!(lot.to_string(), raw.trim());
        }
    }

    #[test]
    fn edges() {
        assert_eq!(LotNumber::parse("1").expect("one").get(), 1);
        assert_eq!(
            LotNumber::parse("0047704465").expect("leading zeros").get(),
            47_704_465
        );
        assert_eq!(
            LotNumber::parse("4294967295").expect("u32::MAX").get(),
            u32::MAX
        );
        assert_eq!(
            LotNumber::parse("4294967296"),
            Err(LotNumberError::TooLarge(4_294_967_296))
        );
        assert_eq!(
            LotNumber::parse("12345678901"),
            Err(LotNumberError::TooLong(11))
        );
    }

    #[test]
    fn rejects_non_numbers() {
        assert_eq!(LotNumber::parse(""), Err(LotNumberError::Empty));
        assert_eq!(LotNumber::parse("   "), Err(LotNumberError::Empty));
        assert_eq!(LotNumber::parse("0"), Err(LotNumberError::Zero));
        assert_eq!(LotNumber::parse("00000000"), Err(LotNumberError::Zero));
        assert_eq!(
            LotNumber::parse("-5"),
            Err(LotNumberError::NotDigit { ch: '-', pos: 1 })
        );
        assert_eq!(
            LotNumber::parse("+5"),
            Err(LotNumberError::NotDigit { ch: '+', pos: 1 })
        );
        assert_eq!(
            LotNumber::parse("47704465.0"),
            Err(LotNumberError::NotDigit { ch: '.', pos: 9 })
        );
        assert!(LotNumber::parse("4770 4465").is_err());
        assert!(LotNumber::parse("lot").is_err());
        assert!(
            LotNumber::parse("４７").is_err(),
            "full-width digits are not ASCII digits"
        );
    }

    #[test]
    fn new_rejects_zero() {
        assert_eq!(LotNumber::new(0), None);
        assert_eq!(LotNumber::new(7).map(LotNumber::get), Some(7));
    }

    #[test]
    fn serde_is_a_number() {
        let lot = LotNumber::parse("47704465").expect("valid");
        assert_eq!(serde_json::to_string(&lot).expect("ser"), "47704465");
        let back: LotNumber = serde_json::from_str("47704465").expect("de");
        assert_eq!(back, lot);
        assert!(serde_json::from_str::<LotNumber>("0").is_err());
        assert!(serde_json::from_str::<LotNumber>("\"47704465\"").is_err());
        assert!(serde_json::from_str::<LotNumber>("-1").is_err());
    }
}
