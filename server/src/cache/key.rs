//! Cache keys and what may be cached for how long.
//!
//! Key format: `{prefix}:v{version}:{namespace}:{hash}`
//! - `prefix`: `REDIS_KEY_PREFIX` (default `vinops`), so deployments can share a Redis;
//! - `version`: the dataset version, the id of the last succeeded ETL run (see `version.rs`).
//!   A new run changes every key, so nothing is deleted on ETL: old keys expire by their TTL;
//! - `namespace`: which query (`filter-options`, `catalog`), so one query's keys can be told
//!   apart in `redis-cli --scan`;
//! - `hash`: first 128 bits of SHA-256 over the JSON of the query parameters, hex. The same
//!   parameters give the same key as long as they serialize the same way: use structs or
//!   `BTreeMap`s for parameters, never `HashMap`s (their JSON order varies between processes).

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Filter dropdown options (makes, models, trims, years): 10 minutes, as the original.
pub const FILTER_OPTIONS_TTL: Duration = Duration::from_secs(600);
/// The first page of a catalog listing or search: 5 minutes, as the original.
pub const FIRST_PAGE_TTL: Duration = Duration::from_secs(300);

/// The caching rule for a read. Callers pick the variant; the cache applies its namespace and
/// TTL. Rule: only first pages are cached. A page reached with a cursor is `NoStore`: cursors are
/// nearly unique per visitor, so caching them fills Redis with keys that are never hit again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePolicy {
    FilterOptions,
    /// A catalog or search page without a cursor.
    FirstPage,
    /// Never cached (cursor pages, per-VIN pages, health).
    NoStore,
}

impl CachePolicy {
    /// The policy for a listing page: `FirstPage` without a cursor, `NoStore` with one.
    pub fn listing(has_cursor: bool) -> CachePolicy {
        if has_cursor {
            CachePolicy::NoStore
        } else {
            CachePolicy::FirstPage
        }
    }

    pub fn namespace(self) -> Option<&'static str> {
        match self {
            CachePolicy::FilterOptions => Some("filter-options"),
            CachePolicy::FirstPage => Some("catalog"),
            CachePolicy::NoStore => None,
        }
    }

    pub fn ttl(self) -> Option<Duration> {
        match self {
            CachePolicy::FilterOptions => Some(FILTER_OPTIONS_TTL),
            CachePolicy::FirstPage => Some(FIRST_PAGE_TTL),
            CachePolicy::NoStore => None,
        }
    }
}

/// A complete Redis key (see the module doc for the format).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey(String);

impl CacheKey {
    /// Builds `{prefix}:v{version}:{namespace}:{hash(params)}`. `None` only if the parameters
    /// cannot be serialized (a map with non-string keys): such a read is simply not cached.
    pub fn new<P: Serialize + ?Sized>(
        prefix: &str,
        version: i64,
        namespace: &str,
        params: &P,
    ) -> Option<CacheKey> {
        let json = serde_json::to_vec(params).ok()?;
        let digest = Sha256::digest(&json);
        let hash = hex::encode(&digest[..16]);
        Some(CacheKey(format!("{prefix}:v{version}:{namespace}:{hash}")))
    }

    /// A key used verbatim, for callers with their own scheme (and for tests).
    pub fn raw(key: impl Into<String>) -> CacheKey {
        CacheKey(key.into())
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

    #[derive(Serialize)]
    struct Params<'a> {
        make: Option<&'a str>,
        year_min: Option<i32>,
    }

    fn key(version: i64, make: &str) -> String {
        let p = Params {
            make: Some(make),
            year_min: Some(2015),
        };
        CacheKey::new("vinops", version, "catalog", &p)
            .map(|k| k.0)
            .unwrap_or_default()
    }

    #[test]
    fn same_parameters_same_key_and_documented_shape() {
        let a = key(7, "TOYOTA");
        assert_eq!(a, key(7, "TOYOTA"));
        let parts: Vec<&str> = a.split(':').collect();
        assert_eq!(parts.len(), 4, "{a}");
        assert_eq!(&parts[..3], ["vinops", "v7", "catalog"]);
        assert_eq!(parts[3].len(), 32);
        assert!(parts[3].bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn version_and_parameters_change_the_key() {
        assert_ne!(key(7, "TOYOTA"), key(8, "TOYOTA"));
        assert_ne!(key(7, "TOYOTA"), key(7, "HONDA"));
    }

    #[test]
    fn cursor_pages_are_never_cached() {
        assert_eq!(CachePolicy::listing(true), CachePolicy::NoStore);
        assert_eq!(CachePolicy::NoStore.ttl(), None);
        assert_eq!(CachePolicy::listing(false).ttl(), Some(FIRST_PAGE_TTL));
        assert_eq!(
            CachePolicy::FilterOptions.ttl(),
            Some(Duration::from_secs(600))
        );
        assert_eq!(FIRST_PAGE_TTL, Duration::from_secs(300));
    }
}
