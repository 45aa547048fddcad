//! Odometer readings (column "Odometer", written like `52123.0`) and the brand code that says how
//! far to trust them (column "Odometer Brand").
//!
//! A reading of 0 is a reading: the original's `parseNum` turned it into NULL, which made "0 mi"
//! vehicles look like "unknown mileage".

use std::fmt;

/// Highest reading accepted, in miles. Seven digits is what odometers show; anything above is a
/// broken value.
pub const MAX_MILES: u32 = 9_999_999;

/// Why a string is not an odometer reading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OdometerError {
    #[error("odometer is empty")]
    Empty,
    #[error("odometer is negative")]
    Negative,
    #[error("odometer exceeds 9,999,999 miles")]
    TooLarge,
    #[error("odometer is not a number like 52123 or 52123.0")]
    Malformed,
}

/// An odometer reading in whole miles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Odometer(u32);

impl Odometer {
    /// Parses `52123`, `52123.0` or `0`. A fractional part is dropped (odometers count whole
    /// miles; the export only ever writes `.0`). Signs, separators and exponents are rejected.
    pub fn parse(raw: &str) -> Result<Self, OdometerError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(OdometerError::Empty);
        }
        if s.starts_with('-') {
            return Err(OdometerError::Negative);
        }
        let (int_part, frac) = s.split_once('.').unwrap_or((s, "0"));
        if int_part.is_empty()
            || frac.is_empty()
            || !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(OdometerError::Malformed);
        }
        let mut miles: u32 = 0;
        for b in int_part.bytes() {
            miles = miles * 10 + u32::from(b - b'0');
            if miles > MAX_MILES {
                return Err(OdometerError::TooLarge);
            }
        }
        Ok(Self(miles))
    }

    /// Wraps a reading known to be valid (e.g. read back from the database); `None` above
    /// [`MAX_MILES`].
    pub const fn new(miles: u32) -> Option<Self> {
        if miles > MAX_MILES {
            None
        } else {
            Some(Self(miles))
        }
    }

    pub const fn miles(self) -> u32 {
        self.0
    }
}

/// Serialized as the plain number of miles.
impl serde::Serialize for Odometer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Odometer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let miles = u32::deserialize(d)?;
        Self::new(miles).ok_or_else(|| serde::de::Error::custom(OdometerError::TooLarge))
    }
}

impl fmt::Display for Odometer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} mi", self.0)
    }
}

/// The "Odometer Brand" code. Unknown codes are kept verbatim in [`OdometerBrand::Other`] so they
/// can be counted and looked up, never guessed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OdometerBrand {
    /// `A`: actual mileage.
    Actual,
    /// `E`: exempt from odometer disclosure (old or heavy vehicles).
    Exempt,
    /// `N`: not the actual mileage.
    NotActual,
    /// `T`: true mileage unknown (TMU).
    TrueMileageUnknown,
    /// `R`: odometer replaced (documented, not seen in the sampled exports).
    Replaced,
    /// `M`: mechanical (documented, not seen in the sampled exports).
    Mechanical,
    /// Any other code, trimmed but otherwise as found.
    Other(String),
}

impl OdometerBrand {
    /// Maps a code (trimmed, case-insensitive). `None` for a blank value, which is "no brand",
    /// not an unknown one.
    pub fn from_code(raw: &str) -> Option<Self> {
        let s = raw.trim();
        let brand = match s.as_bytes() {
            [] => return None,
            [b'A' | b'a'] => Self::Actual,
            [b'E' | b'e'] => Self::Exempt,
            [b'N' | b'n'] => Self::NotActual,
            [b'T' | b't'] => Self::TrueMileageUnknown,
            [b'R' | b'r'] => Self::Replaced,
            [b'M' | b'm'] => Self::Mechanical,
            _ => Self::Other(s.to_owned()),
        };
        Some(brand)
    }

    /// The code as it appears in the export (upper case for known ones).
    pub fn code(&self) -> &str {
        match self {
            Self::Actual => "A",
            Self::Exempt => "E",
            Self::NotActual => "N",
            Self::TrueMileageUnknown => "T",
            Self::Replaced => "R",
            Self::Mechanical => "M",
            Self::Other(raw) => raw,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Self::Other(_))
    }
}

impl fmt::Display for OdometerBrand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings() {
        assert_eq!(Odometer::parse("52123.0"), Ok(Odometer(52123)));
        assert_eq!(Odometer::parse("52123"), Ok(Odometer(52123)));
        assert_eq!(Odometer::parse(" 52123.00 "), Ok(Odometer(52123)));
        assert_eq!(
            Odometer::parse("52123.9"),
            Ok(Odometer(52123)),
            "fraction is truncated"
        );
        assert_eq!(Odometer::parse("9999999.0"), Ok(Odometer(MAX_MILES)));
        assert_eq!(Odometer::parse("007"), Ok(Odometer(7)));
    }

    #[test]
    fn zero_is_a_reading() {
        assert_eq!(Odometer::parse("0"), Ok(Odometer(0)));
        assert_eq!(Odometer::parse("0.0"), Ok(Odometer(0)));
        assert_eq!(Odometer::parse("0").expect("zero").miles(), 0);
    }

    #[test]
    fn rejections() {
        assert_eq!(Odometer::parse(""), Err(OdometerError::Empty));
        assert_eq!(Odometer::parse("-5"), Err(OdometerError::Negative));
        assert_eq!(Odometer::parse("-0.0"), Err(OdometerError::Negative));
        assert_eq!(Odometer::parse("10000000"), Err(OdometerError::TooLarge));
        assert_eq!(
            Odometer::parse("99999999999999999999"),
            Err(OdometerError::TooLarge)
        );
        for bad in [
            "abc",
            "52,123",
            "52123.",
            ".5",
            "1e5",
            "+5",
            "5 2",
            "52123.0.0",
            "EXEMPT",
        ] {
            assert_eq!(
                Odometer::parse(bad),
                Err(OdometerError::Malformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn display_and_serde() {
        assert_eq!(Odometer(52123).to_string(), "52123 mi");
        assert_eq!(
            serde_json::to_string(&Odometer(52123)).expect("ser"),
            "52123"
        );
        assert_eq!(
            serde_json::from_str::<Odometer>("0").expect("de"),
            Odometer(0)
        );
        assert!(serde_json::from_str::<Odometer>("10000000").is_err());
        assert_eq!(Odometer::new(MAX_MILES + 1), None);
        assert_eq!(Odometer::new(5), Some(Odometer(5)));
    }

    #[test]
    fn brands() {
        let cases = [
            ("A", OdometerBrand::Actual),
            ("E", OdometerBrand::Exempt),
            ("N", OdometerBrand::NotActual),
            ("T", OdometerBrand::TrueMileageUnknown),
            ("R", OdometerBrand::Replaced),
            ("M", OdometerBrand::Mechanical),
        ];
        for (code, want) in cases {
            assert_eq!(OdometerBrand::from_code(code).as_ref(), Some(&want));
            assert_eq!(
                OdometerBrand::from_code(&format!(" {} ", code.to_lowercase())),
                Some(want.clone())
            );
            assert_eq!(want.code(), code);
            assert!(want.is_known());
        }
    }

    #[test]
    fn unknown_brand_is_kept_raw() {
        let other = OdometerBrand::from_code(" X ").expect("non-blank");
        assert_eq!(other, OdometerBrand::Other("X".to_owned()));
        assert_eq!(other.code(), "X");
        assert!(!other.is_known());
        assert_eq!(
            OdometerBrand::from_code("AA"),
            Some(OdometerBrand::Other("AA".to_owned()))
        );
        assert_eq!(OdometerBrand::from_code(""), None);
        assert_eq!(OdometerBrand::from_code("   "), None);
    }
}
