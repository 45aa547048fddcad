//! The one VIN rule shared by the ETL, the API, the pages and the database CHECK constraint.
//!
//! A VIN is trimmed and upper-cased, then must be 11–17 characters of `[A-HJ-NPR-Z0-9]` (I, O and
//! Q are never valid; we reject them rather than strip them, which would change the identity of
//! the vehicle). 17-character VINs also get their ISO 3779 / FMVSS 115 check digit verified, and
//! the answer is kept as a flag: many non-North-American VINs legitimately fail it, so a wrong
//! check digit must not hide a vehicle.
//!
//! The SQL twin of [`Vin::parse`] is the `vehicles_vin_format` CHECK in `migrations/`; keep both
//! in sync (`VIN_SQL_PATTERN`).

use std::fmt;
use std::str::FromStr;

/// Shortest accepted VIN (pre-1981 and some non-US serials).
pub const MIN_LEN: usize = 11;
/// Longest accepted VIN (the modern ISO 3779 length).
pub const MAX_LEN: usize = 17;
/// The same rule as a POSIX regular expression, as used by the database CHECK constraint.
pub const VIN_SQL_PATTERN: &str = "^[A-HJ-NPR-Z0-9]{11,17}$";

/// Why a string is not a VIN. Messages are for logs and audit rows; the UI maps the variant to a
/// localized message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VinError {
    #[error("VIN is empty")]
    Empty,
    #[error("VIN has {0} characters, expected 11 to 17")]
    BadLength(usize),
    #[error("VIN contains {ch:?} at position {pos}; I, O and Q are never used in VINs")]
    ForbiddenLetter { ch: char, pos: usize },
    #[error(
        "VIN contains {ch:?} at position {pos}; only A-Z (without I, O, Q) and 0-9 are allowed"
    )]
    BadChar { ch: char, pos: usize },
}

/// Outcome of the ISO 3779 check-digit test (position 9 of a 17-character VIN).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CheckDigit {
    Valid,
    Invalid,
    /// Shorter VINs have no check digit.
    NotApplicable,
}

/// A normalized, validated VIN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Vin {
    text: String,
    check: CheckDigit,
}

impl Vin {
    /// The single constructor: trims, upper-cases and validates.
    pub fn parse(raw: &str) -> Result<Self, VinError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(VinError::Empty);
        }
        let mut text = String::with_capacity(trimmed.len());
        for (i, ch) in trimmed.chars().enumerate() {
            let up = ch.to_ascii_uppercase();
            match up {
                'I' | 'O' | 'Q' => return Err(VinError::ForbiddenLetter { ch, pos: i + 1 }),
                'A'..='Z' | '0'..='9' => text.push(up),
                _ => return Err(VinError::BadChar { ch, pos: i + 1 }),
            }
        }
        let len = text.len();
        if !(MIN_LEN..=MAX_LEN).contains(&len) {
            return Err(VinError::BadLength(len));
        }
        let check = if len == 17 {
            let bytes: &[u8; 17] = text
                .as_bytes()
                .try_into()
                .map_err(|_| VinError::BadLength(len))?;
            if bytes[8] == check_digit_for(bytes) {
                CheckDigit::Valid
            } else {
                CheckDigit::Invalid
            }
        } else {
            CheckDigit::NotApplicable
        };
        Ok(Self { text, check })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn into_string(self) -> String {
        self.text
    }

    pub fn check_digit(&self) -> CheckDigit {
        self.check
    }

    /// `Some(true/false)` for 17-character VINs, `None` for shorter ones — the shape stored in
    /// `vehicles.vin_check_digit_ok`.
    pub fn check_digit_ok(&self) -> Option<bool> {
        match self.check {
            CheckDigit::Valid => Some(true),
            CheckDigit::Invalid => Some(false),
            CheckDigit::NotApplicable => None,
        }
    }
}

impl fmt::Display for Vin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Vin {
    type Err = VinError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for Vin {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl serde::Serialize for Vin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Vin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Vin::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// ISO 3779 transliteration value of one VIN character (0 for characters outside the alphabet,
/// which `Vin::parse` never lets through).
const fn transliterate(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => 0,
    }
}

const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The check digit (`b'0'..=b'9'` or `b'X'`) that position 9 of this 17-character VIN should
/// hold. Position 9 itself is ignored (its weight is 0), so this is also how the demo generator
/// makes valid VINs.
pub const fn check_digit_for(vin: &[u8; 17]) -> u8 {
    let mut sum = 0u32;
    let mut i = 0;
    while i < 17 {
        sum += transliterate(vin[i]) * WEIGHTS[i];
        i += 1;
    }
    match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalizes() {
        let v = Vin::parse("  1hgcm82633a004352 ").expect("valid");
        assert_eq!(v.as_str(), "1HGCM82633A004352");
        assert_eq!(v.check_digit(), CheckDigit::Valid);
        assert_eq!(v.check_digit_ok(), Some(true));
    }

    #[test]
    fn real_vins_from_the_export_have_valid_check_digits() {
        for raw in [
            "KMHE24L10HA059207",
            "JTDVPRAEXLJ074010",
            "1FMZK1ZM7GKA75186",
        ] {
            assert_eq!(
                Vin::parse(raw).expect(raw).check_digit(),
                CheckDigit::Valid,
                "{raw}"
            );
        }
    }

    #[test]
    fn wrong_check_digit_is_a_flag_not_a_rejection() {
        let v = Vin::parse("1HGCM82643A004352").expect("still a VIN");
        assert_eq!(v.check_digit(), CheckDigit::Invalid);
        assert_eq!(v.check_digit_ok(), Some(false));
    }

    #[test]
    fn x_check_digit() {
        // Sum ≡ 10 (mod 11) must give 'X'.
        let mut vin = *b"11111111X11111111";
        vin[8] = b'0';
        let want = check_digit_for(&vin);
        vin[8] = want;
        let s = std::str::from_utf8(&vin).expect("ascii");
        assert_eq!(
            Vin::parse(s).expect("valid").check_digit(),
            CheckDigit::Valid
        );
        assert_eq!(check_digit_for(b"11111111111111111"), b'1');
        assert_eq!(check_digit_for(b"1M8GDM9AXKP042788"), b'X');
    }

    #[test]
    fn i_o_q_are_rejected_not_stripped() {
        assert_eq!(
            Vin::parse("abcoOq12345"),
            Err(VinError::ForbiddenLetter { ch: 'o', pos: 4 })
        );
        assert!(matches!(
            Vin::parse("1HGCM82633I004352"),
            Err(VinError::ForbiddenLetter { ch: 'I', .. })
        ));
        assert!(matches!(
            Vin::parse("1HGCQ82633A004352"),
            Err(VinError::ForbiddenLetter { ch: 'Q', .. })
        ));
    }

    #[test]
    fn lowercase_is_accepted_and_uppercased() {
        assert_eq!(
            Vin::parse("jn8az08w35w000001").expect("valid").as_str(),
            "JN8AZ08W35W000001"
        );
    }

    #[test]
    fn lengths() {
        assert_eq!(Vin::parse("1234567890"), Err(VinError::BadLength(10)));
        assert_eq!(
            Vin::parse("1HGCM82633A0043521"),
            Err(VinError::BadLength(18))
        );
        let eleven = Vin::parse("12345678901").expect("11 is the minimum");
        assert_eq!(eleven.check_digit(), CheckDigit::NotApplicable);
        assert_eq!(eleven.check_digit_ok(), None);
        assert!(Vin::parse("ABCDEFGHJKLMNPR12").is_ok());
    }

    #[test]
    fn junk_seen_in_production_is_rejected() {
        for raw in ["K1TCHEN004", "787714", "CHX230210", "15101215", "", "   "] {
            assert!(Vin::parse(raw).is_err(), "{raw:?} must be rejected");
        }
    }

    #[test]
    fn inner_spaces_and_punctuation_are_rejected() {
        assert_eq!(
            Vin::parse("1HGCM8 2633A004352"),
            Err(VinError::BadChar { ch: ' ', pos: 7 })
        );
        assert!(matches!(
            Vin::parse("1HGCM-82633A004352"),
            Err(VinError::BadChar { ch: '-', .. })
        ));
        assert!(matches!(
            Vin::parse("1HGCM82633Ä00435"),
            Err(VinError::BadChar { .. })
        ));
    }

    #[test]
    fn serde_round_trip_validates() {
        let v: Vin = serde_json::from_str("\"1hgcm82633a004352\"").expect("valid");
        assert_eq!(
            serde_json::to_string(&v).expect("ser"),
            "\"1HGCM82633A004352\""
        );
        assert!(serde_json::from_str::<Vin>("\"IIIIIIIIIII\"").is_err());
    }
}
