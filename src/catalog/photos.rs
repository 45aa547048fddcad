//! Lot photos as the pages show them: the gallery of a VIN page and the public URL of a stored
//! image. The read model (`read::photos`) returns storage keys; the URL is made at render time
//! from the configured media base, so cached data never carries a deployment's address.

use serde::{Deserialize, Serialize};

/// One photo of a lot: the full-size image and, when the image job made one, its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryPhoto {
    /// Position in the lot's photo list (1-based, Copart's order).
    pub seq: i16,
    /// Storage key of the `ful` variant.
    pub full_key: String,
    /// Storage key of the `thb` variant of the same position, if any.
    pub thumb_key: Option<String>,
}

/// Where stored images are published: `{base}/{storage_key}` (`MEDIA_BASE_URL`, `/media` by
/// default, a CDN origin in production).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaBase(String);

impl MediaBase {
    pub const DEFAULT: &'static str = "/media";

    /// A base URL or path; trailing slashes are dropped, an empty value means the default.
    pub fn new(base: &str) -> MediaBase {
        let trimmed = base.trim().trim_end_matches('/');
        if trimmed.is_empty() && !base.trim().starts_with('/') {
            MediaBase(Self::DEFAULT.to_owned())
        } else {
            MediaBase(trimmed.to_owned())
        }
    }

    /// The public URL of a storage key. Keys are written by our image job, but each byte outside
    /// the URL-safe path set is still percent-encoded so an odd key cannot break out of the
    /// attribute or the path.
    pub fn url(&self, key: &str) -> String {
        let mut out = String::with_capacity(self.0.len() + key.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        for b in key.trim_start_matches('/').bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
}

impl Default for MediaBase {
    fn default() -> Self {
        MediaBase(Self::DEFAULT.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_base_and_key() {
        let m = MediaBase::default();
        assert_eq!(m.url("copart/123/1_thb.jpg"), "/media/copart/123/1_thb.jpg");
        let cdn = MediaBase::new("https://cdn.example.com/img/");
        assert_eq!(cdn.url("/a/b.jpg"), "https://cdn.example.com/img/a/b.jpg");
        assert_eq!(MediaBase::new("  ").url("k"), "/media/k");
        // "/" alone means the site root.
        assert_eq!(MediaBase::new("/").url("k"), "/k");
    }

    #[test]
    fn odd_bytes_are_encoded() {
        let m = MediaBase::default();
        assert_eq!(m.url("a b\"<>.jpg"), "/media/a%20b%22%3C%3E.jpg");
        assert_eq!(m.url("ф.jpg"), "/media/%D1%84.jpg");
    }
}
