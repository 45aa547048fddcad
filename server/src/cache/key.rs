//! The format of every cache key, written down once.
//!
//! `{prefix}:v{version}:{namespace}:{hash}`
//! - `prefix`: `REDIS_KEY_PREFIX` (default `vinops`), so deployments can share a Redis;
//! - `version`: the dataset version, the id of the last succeeded ETL run plus the last
//!   suppression event (see `version.rs`). A new run changes every key, so nothing is deleted on
//!   ETL: old keys expire by their TTL;
//! - `namespace`: which query, from the read model's policy (`vinops::read::ReadKind`:
//!   `catalog-page`, `filter-options`, `hub-makes`, `make-hub`, `model-hub`), so one query's
//!   keys can be told apart in `redis-cli --scan`;
//! - `hash`: the first 128 bits of SHA-256 over the read's canonical parameter text
//!   (`ReadKey::params`, e.g. the catalog's canonical query string), hex. The read model builds
//!   that text so that requests meaning the same thing give the same text, hence the same key.
//!
//! What is cached and for how long is not decided here: see `vinops::read::cache`.

use std::fmt;

use sha2::{Digest, Sha256};

/// A complete Redis key (see the module doc for the format).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey(String);

impl CacheKey {
    /// Builds `{prefix}:v{version}:{namespace}:{hash(params)}`.
    pub fn new(prefix: &str, version: i64, namespace: &str, params: &str) -> CacheKey {
        let digest = Sha256::digest(params.as_bytes());
        let hash = hex::encode(&digest[..16]);
        CacheKey(format!("{prefix}:v{version}:{namespace}:{hash}"))
    }

    /// The key a lookup resolved (`Cache::get` hands it out as the read's slot).
    pub(crate) fn resolved(slot: &vinops::read::cache::Slot) -> CacheKey {
        CacheKey(slot.as_str().to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(version: i64, params: &str) -> String {
        CacheKey::new("vinops", version, "catalog-page", params).0
    }

    #[test]
    fn same_parameters_same_key_and_documented_shape() {
        let a = key(7, "make=TOYOTA&year_from=2015");
        assert_eq!(a, key(7, "make=TOYOTA&year_from=2015"));
        let parts: Vec<&str> = a.split(':').collect();
        assert_eq!(parts.len(), 4, "{a}");
        assert_eq!(&parts[..3], ["vinops", "v7", "catalog-page"]);
        assert_eq!(parts[3].len(), 32);
        assert!(parts[3].bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn version_and_parameters_change_the_key() {
        assert_ne!(key(7, "make=TOYOTA"), key(8, "make=TOYOTA"));
        assert_ne!(key(7, "make=TOYOTA"), key(7, "make=HONDA"));
        // The unfiltered catalog has empty parameters: still a full-length key.
        assert_eq!(key(7, "").split(':').nth(3).map(str::len), Some(32));
    }
}
