//! The export's one-letter "Vehicle Type" code and the catalog's vehicle kinds (the Auto / Moto /
//! … tabs) derived from it.
//!
//! The original classified vehicles by "Body Style", which is empty for over 80% of rows, so
//! motorcycles and trailers without a body style landed in "Auto". The type code is always filled.
//!
//! ⚠ Copart does not document the codes. The mapping in [`VehicleKind::codes`] is *inferred* from
//! code frequencies in a 154k-row export (V 140,232, K 3,633, C 2,902, R 2,039, L 1,603, U 1,469,
//! A 642, M 542, E 425, J 132) and is **unverified**; it is kept in that one function so it can be
//! corrected in one place. Codes it does not list are [`VehicleKind::Other`].

use std::fmt;

/// Why a string is not a vehicle type code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VehicleTypeError {
    #[error("vehicle type is empty")]
    Empty,
    #[error("vehicle type must be a single letter A-Z")]
    NotALetter,
}

/// A "Vehicle Type" code: one ASCII letter, stored upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VehicleTypeCode(u8);

const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

impl VehicleTypeCode {
    /// Parses one letter (surrounding whitespace ignored, case-insensitive).
    pub fn parse(raw: &str) -> Result<Self, VehicleTypeError> {
        match raw.trim().as_bytes() {
            [] => Err(VehicleTypeError::Empty),
            [b] if b.is_ascii_alphabetic() => Ok(Self(b.to_ascii_uppercase())),
            _ => Err(VehicleTypeError::NotALetter),
        }
    }

    /// The code as an upper-case ASCII byte.
    pub const fn get(self) -> u8 {
        self.0
    }

    pub const fn as_char(self) -> char {
        self.0 as char
    }

    pub fn as_str(self) -> &'static str {
        let i = usize::from(self.0 - b'A');
        &LETTERS[i..=i]
    }

    /// The catalog kind this code belongs to (see the module docs: inferred, unverified).
    pub fn kind(self) -> VehicleKind {
        VehicleKind::ALL
            .into_iter()
            .find(|k| k.codes().contains(&self.0))
            .unwrap_or(VehicleKind::Other)
    }
}

impl fmt::Display for VehicleTypeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the catalog calls a kind of vehicle. Serialized as its slug ([`VehicleKind::slug`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VehicleKind {
    Automobile,
    Motorcycle,
    Atv,
    DirtBike,
    /// Heavy and medium duty trucks.
    Truck,
    Rv,
    Trailer,
    Boat,
    JetSki,
    Snowmobile,
    Equipment,
    /// Codes not mapped to any other kind.
    Other,
}

impl VehicleKind {
    pub const ALL: [VehicleKind; 12] = [
        Self::Automobile,
        Self::Motorcycle,
        Self::Atv,
        Self::DirtBike,
        Self::Truck,
        Self::Rv,
        Self::Trailer,
        Self::Boat,
        Self::JetSki,
        Self::Snowmobile,
        Self::Equipment,
        Self::Other,
    ];

    /// THE mapping from export codes to kinds (inferred, unverified — see the module docs), used
    /// both for classifying rows and for SQL filters (`vehicle_type = ANY(...)`). `Other` lists
    /// no codes: it is every code not listed elsewhere (filter it with `NOT (... = ANY(all
    /// listed))`).
    pub const fn codes(self) -> &'static [u8] {
        match self {
            Self::Automobile => b"V",
            Self::Motorcycle => b"C",
            Self::Atv => b"A",
            Self::DirtBike => b"D",
            Self::Truck => b"KU",
            Self::Rv => b"R",
            Self::Trailer => b"L",
            Self::Boat => b"M",
            Self::JetSki => b"J",
            Self::Snowmobile => b"S",
            Self::Equipment => b"E",
            Self::Other => b"",
        }
    }

    /// The URL / API name of the kind (the `type` query parameter).
    pub const fn slug(self) -> &'static str {
        match self {
            Self::Automobile => "auto",
            Self::Motorcycle => "moto",
            Self::Atv => "atv",
            Self::DirtBike => "dirt_bikes",
            Self::Truck => "trucks",
            Self::Rv => "rv",
            Self::Trailer => "trailer",
            Self::Boat => "boat",
            Self::JetSki => "jet_ski",
            Self::Snowmobile => "snowmobile",
            Self::Equipment => "equipment",
            Self::Other => "other",
        }
    }

    /// The inverse of [`slug`](Self::slug) (exact match).
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

impl fmt::Display for VehicleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl serde::Serialize for VehicleKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

impl<'de> serde::Deserialize<'de> for VehicleKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::from_slug(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown vehicle kind {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(code: &str) -> VehicleKind {
        VehicleTypeCode::parse(code).expect(code).kind()
    }

    #[test]
    fn codes_parse() {
        let v = VehicleTypeCode::parse(" v ").expect("valid");
        assert_eq!(v.get(), b'V');
        assert_eq!(v.as_char(), 'V');
        assert_eq!(v.as_str(), "V");
        assert_eq!(v.to_string(), "V");
        assert_eq!(VehicleTypeCode::parse("Z").expect("valid").as_str(), "Z");
        assert_eq!(VehicleTypeCode::parse("A").expect("valid").as_str(), "A");
    }

    #[test]
    fn bad_codes() {
        assert_eq!(VehicleTypeCode::parse(""), Err(VehicleTypeError::Empty));
        assert_eq!(VehicleTypeCode::parse("  "), Err(VehicleTypeError::Empty));
        for bad in ["VV", "1", "-", "é", "V K", "Ω"] {
            assert_eq!(
                VehicleTypeCode::parse(bad),
                Err(VehicleTypeError::NotALetter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn working_mapping() {
        assert_eq!(kind("V"), VehicleKind::Automobile);
        assert_eq!(kind("C"), VehicleKind::Motorcycle);
        assert_eq!(kind("A"), VehicleKind::Atv);
        assert_eq!(kind("D"), VehicleKind::DirtBike);
        assert_eq!(kind("K"), VehicleKind::Truck);
        assert_eq!(kind("U"), VehicleKind::Truck);
        assert_eq!(kind("R"), VehicleKind::Rv);
        assert_eq!(kind("L"), VehicleKind::Trailer);
        assert_eq!(kind("M"), VehicleKind::Boat);
        assert_eq!(kind("J"), VehicleKind::JetSki);
        assert_eq!(kind("S"), VehicleKind::Snowmobile);
        assert_eq!(kind("E"), VehicleKind::Equipment);
        for other in ["B", "X", "Z", "q"] {
            assert_eq!(kind(other), VehicleKind::Other, "{other}");
        }
    }

    #[test]
    fn every_code_belongs_to_at_most_one_kind() {
        for code in b'A'..=b'Z' {
            let owners: Vec<VehicleKind> = VehicleKind::ALL
                .into_iter()
                .filter(|k| k.codes().contains(&code))
                .collect();
            assert!(owners.len() <= 1, "{} maps to {owners:?}", code as char);
        }
        for k in VehicleKind::ALL {
            for &c in k.codes() {
                assert!(c.is_ascii_uppercase(), "{k:?}");
                assert_eq!(VehicleTypeCode(c).kind(), k);
            }
        }
        assert!(VehicleKind::Other.codes().is_empty());
    }

    #[test]
    fn slugs_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for k in VehicleKind::ALL {
            assert!(seen.insert(k.slug()), "duplicate slug {}", k.slug());
            assert_eq!(VehicleKind::from_slug(k.slug()), Some(k));
            let json = serde_json::to_string(&k).expect("ser");
            assert_eq!(json, format!("\"{}\"", k.slug()));
            assert_eq!(serde_json::from_str::<VehicleKind>(&json).expect("de"), k);
        }
        assert_eq!(VehicleKind::from_slug("AUTO"), None);
        assert_eq!(VehicleKind::from_slug("pickup"), None);
        assert!(serde_json::from_str::<VehicleKind>("\"cars\"").is_err());
    }
}
