//! Object storage keys: the one key scheme for photos (`lots/{lot_number}/{seq}_{thb|ful}.jpg`)
//! and the checking constructor every key read from outside (a `/media/...` path) goes through,
//! so no key can name anything outside the store. Pure (the stores themselves live in the
//! server), so the key parser can be tested and fuzzed without the server's dependencies.

use std::fmt;

use crate::lot_number::LotNumber;

/// The two photo sizes kept (Copart's `_hrs` high-resolution variant is never downloaded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    /// `_thb`: the thumbnail (catalog cards).
    Thumb,
    /// `_ful`: the full image (VIN page gallery).
    Full,
}

impl Variant {
    /// The value of `images.variant` (CHECK `images_variant_known`) and the key suffix.
    pub const fn as_str(self) -> &'static str {
        match self {
            Variant::Thumb => "thb",
            Variant::Full => "ful",
        }
    }

    pub fn parse(s: &str) -> Option<Variant> {
        match s {
            "thb" => Some(Variant::Thumb),
            "ful" => Some(Variant::Full),
            _ => None,
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not a storage key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("empty key")]
    Empty,
    #[error("key longer than {MAX_KEY_LEN} bytes")]
    TooLong,
    #[error("key segment {0:?} is empty, `.` or `..`")]
    BadSegment(String),
    #[error("key contains the character {0:?}")]
    BadChar(char),
}

const MAX_KEY_LEN: usize = 512;

/// A relative object key: `/`-separated segments of ASCII letters, digits, `.`, `-` and `_`,
/// none empty, `.` or `..`. Such a key is a plain relative path on every file system and a
/// valid S3 key, so the local store can join it to its root without escaping it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StorageKey(String);

impl StorageKey {
    /// The key of one photo.
    pub fn image(lot: LotNumber, seq: u16, variant: Variant) -> StorageKey {
        StorageKey(format!("lots/{lot}/{seq}_{variant}.jpg"))
    }

    /// The prefix every photo key of a lot starts with (`lots/{lot_number}/`).
    pub fn lot_prefix(lot: LotNumber) -> String {
        format!("lots/{lot}/")
    }

    /// A key the store itself listed (S3 `ListObjectsV2`): taken as it is, so an object whose
    /// name would not pass [`StorageKey::parse`] can still be deleted. Never for outside input.
    pub fn listed(raw: String) -> StorageKey {
        StorageKey(raw)
    }

    /// Checks a key from outside (see the type doc). A leading `/` (absolute path), a
    /// backslash, a `%` (an encoded anything) or a `..` segment is refused.
    pub fn parse(raw: &str) -> Result<StorageKey, KeyError> {
        if raw.is_empty() {
            return Err(KeyError::Empty);
        }
        if raw.len() > MAX_KEY_LEN {
            return Err(KeyError::TooLong);
        }
        if let Some(c) = raw
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/')))
        {
            return Err(KeyError::BadChar(c));
        }
        if let Some(seg) = raw
            .split('/')
            .find(|s| s.is_empty() || *s == "." || *s == "..")
        {
            return Err(KeyError::BadSegment(seg.to_owned()));
        }
        Ok(StorageKey(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The content type a key's extension implies (what `/media` answers with).
    pub fn content_type(&self) -> &'static str {
        let ext = self.0.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("png") => "image/png",
            Some("webp") => "image/webp",
            Some("avif") => "image/avif",
            Some("csv") => "text/csv",
            _ => "application/octet-stream",
        }
    }
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_photo_key_scheme() {
        let lot = LotNumber::new(47_704_465).expect("lot");
        assert_eq!(
            StorageKey::image(lot, 3, Variant::Thumb).as_str(),
            "lots/47704465/3_thb.jpg"
        );
        assert_eq!(
            StorageKey::image(lot, 12, Variant::Full).as_str(),
            "lots/47704465/12_ful.jpg"
        );
        let key = StorageKey::image(lot, 1, Variant::Full);
        assert_eq!(StorageKey::parse(key.as_str()), Ok(key.clone()));
        assert_eq!(StorageKey::lot_prefix(lot), "lots/47704465/");
        assert!(key.as_str().starts_with(&StorageKey::lot_prefix(lot)));
        assert_eq!(key.content_type(), "image/jpeg");
    }

    #[test]
    fn keys_cannot_leave_the_store() {
        for bad in [
            "",
            "/etc/passwd",
            "../secret",
            "lots/../../etc/passwd",
            "lots/./1_thb.jpg",
            "lots//1_thb.jpg",
            "lots/1/",
            "lots\\..\\x",
            "lots/%2e%2e/x",
            "C:/x",
            "lots/1/ü.jpg",
            "lots/1/a b.jpg",
        ] {
            assert!(StorageKey::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(StorageKey::parse(&"a".repeat(600)).is_err());
        assert!(StorageKey::parse("raw/copart/2026/11/26/0915.csv").is_ok());
    }

    #[test]
    fn variants_round_trip() {
        for v in [Variant::Thumb, Variant::Full] {
            assert_eq!(Variant::parse(v.as_str()), Some(v));
        }
        assert_eq!(Variant::parse("hrs"), None);
    }
}
