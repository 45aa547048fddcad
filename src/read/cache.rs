//! The caching policy of the read model, in one place, and the cache it sits behind as seen
//! from code that must not know Redis.
//!
//! What is cached, under which namespace, for how long ([`ReadKind`]):
//!
//! | read | namespace | TTL |
//! |---|---|---|
//! | filter dropdown options | `filter-options` | 10 min |
//! | a catalog page without a cursor (pages and `/api/v1/search`) | `catalog-page` | 5 min |
//! | a catalog page with a cursor | — | never |
//! | the list of makes, a make hub, a model hub | `hub-makes`, `make-hub`, `model-hub` | 10 min |
//! | a VIN page (pages and `/api/v1/vehicles`) | — | never |
//!
//! and, whatever the read ([`super::cached::read_through`]): errors are never cached, a value
//! the computing code refuses ([`Computed::Skip`]) is never cached, and a cached value that
//! does not decode is a miss and is overwritten.
//!
//! The pages (`app`) run inside the server but may not depend on fred; the server implements
//! [`ReadCache`] for its Redis cache (adding the key prefix and the dataset version, see
//! `server/src/cache/key.rs`) and hands an `Arc<dyn ReadCache>` to the pages, and its JSON API
//! uses the same implementation. The trait is object-safe (boxed futures) so one handle type
//! works for every implementation, including [`NoCache`] for tools and tests. It moves JSON
//! bytes only and decides nothing: the policy is this module's.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, `Send` future: what the trait's methods return (axum handlers need `Send`).
pub type CacheFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Filter dropdown options: 10 minutes (as the original).
pub const FILTER_OPTIONS_TTL: Duration = Duration::from_secs(600);
/// The first page of a catalog listing: 5 minutes (as the original).
pub const FIRST_PAGE_TTL: Duration = Duration::from_secs(300);
/// Hub pages and the list of makes: 10 minutes, as long as the dropdowns, since both read the
/// same facet tables.
pub const HUB_TTL: Duration = Duration::from_secs(600);

/// Every read that goes through [`super::cached`], with its caching rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadKind {
    FilterOptions,
    /// A catalog listing page without a cursor.
    CatalogFirstPage,
    /// A catalog page reached with a cursor: never cached, since cursors are nearly unique per
    /// visitor and their keys would fill Redis without ever being hit again.
    CatalogCursorPage,
    HubMakes,
    MakeHub,
    ModelHub,
    YearHub,
    /// Never cached: one key per VIN would rarely be hit twice, and a removal request (410) must
    /// take effect at once.
    VinPage,
}

impl ReadKind {
    /// The kind of a catalog listing page: only the first page (no cursor) is cached.
    pub fn listing(has_cursor: bool) -> ReadKind {
        if has_cursor {
            ReadKind::CatalogCursorPage
        } else {
            ReadKind::CatalogFirstPage
        }
    }

    /// How long a value may be served; `None` = never cached.
    pub fn ttl(self) -> Option<Duration> {
        match self {
            ReadKind::FilterOptions => Some(FILTER_OPTIONS_TTL),
            ReadKind::CatalogFirstPage => Some(FIRST_PAGE_TTL),
            ReadKind::HubMakes | ReadKind::MakeHub | ReadKind::ModelHub | ReadKind::YearHub => {
                Some(HUB_TTL)
            }
            ReadKind::CatalogCursorPage | ReadKind::VinPage => None,
        }
    }

    /// The key segment naming the query, so one query's entries can be told apart in
    /// `redis-cli --scan`. Uncached kinds have one too (for logs), though no key is ever made.
    pub fn namespace(self) -> &'static str {
        match self {
            ReadKind::FilterOptions => "filter-options",
            ReadKind::CatalogFirstPage | ReadKind::CatalogCursorPage => "catalog-page",
            ReadKind::HubMakes => "hub-makes",
            ReadKind::MakeHub => "make-hub",
            ReadKind::ModelHub => "model-hub",
            ReadKind::YearHub => "year-hub",
            ReadKind::VinPage => "vin-page",
        }
    }
}

/// What identifies a cached read: which read, and its parameters in a canonical text form (the
/// same request always gives the same text, so two URLs meaning the same page share one entry).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReadKey {
    pub kind: ReadKind,
    pub params: String,
}

impl ReadKey {
    pub fn new(kind: ReadKind, params: impl Into<String>) -> ReadKey {
        ReadKey {
            kind,
            params: params.into(),
        }
    }
}

/// A freshly computed value and whether it may be cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computed<T> {
    /// A complete answer: cache it.
    Store(T),
    /// Return it to this caller only: the computing code knows it is degraded or partial (the
    /// original cached an empty list from a failed query and served it for minutes).
    Skip(T),
}

impl<T> Computed<T> {
    /// `Store` when `cacheable`, else `Skip`.
    pub fn store_if(value: T, cacheable: bool) -> Computed<T> {
        if cacheable {
            Computed::Store(value)
        } else {
            Computed::Skip(value)
        }
    }

    pub fn into_inner(self) -> T {
        match self {
            Computed::Store(v) | Computed::Skip(v) => v,
        }
    }
}

/// What the bytes a [`ReadCache::get`] returned turned out to be, reported back so the
/// implementation's hit/miss counters are right (absence and failures it sees itself).
#[derive(Clone, Copy)]
pub enum Found<'a> {
    /// Decoded: served from the cache.
    Hit,
    /// Present but not decodable (corrupt, or an older build's shape), with why: a miss,
    /// recomputed and overwritten.
    Undecodable(&'a dyn std::fmt::Display),
}

/// Where one read's value lives for the length of one request: the key as the implementation
/// resolved it at lookup, dataset version included. The value computed after a miss is stored
/// in this slot, never under a key resolved again afterwards: the version may move on while the
/// rows are read (an ETL run commits, a standby replays it), and a key resolved after the read
/// could file rows older than its version under it, to be served until the next version. Resolved
/// before the read, the key's version is never newer than the rows (the version is read from the
/// same database as the rows, which only moves forward), so a cached value is never staler than
/// its key says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot(String);

impl Slot {
    pub fn new(resolved_key: impl Into<String>) -> Slot {
        Slot(resolved_key.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What [`ReadCache::get`] found: the bytes, if any, and the slot a computed value goes into
/// (`None` when nothing may be stored now, e.g. the dataset version is unknown).
#[derive(Debug, Default)]
pub struct Lookup {
    pub bytes: Option<Vec<u8>>,
    pub slot: Option<Slot>,
}

/// A JSON byte cache. Implementations never fail: an unavailable cache answers no bytes and
/// drops writes, so a read never fails because of its cache.
pub trait ReadCache: Send + Sync {
    /// False when nothing would be stored (a cache switched off): the read-through then skips
    /// the lookup and the encoding of the value.
    fn is_enabled(&self) -> bool {
        true
    }

    /// The bytes stored under `key`, and the slot (see [`Slot`]) to store a computed value in.
    fn get<'a>(&'a self, key: &'a ReadKey) -> CacheFuture<'a, Lookup>;

    /// Stores `json` in `slot` for `ttl`.
    fn put<'a>(&'a self, slot: &'a Slot, json: Vec<u8>, ttl: Duration) -> CacheFuture<'a, ()>;

    /// Told what the bytes `get` returned were; for counters and logs only.
    fn found(&self, _key: &ReadKey, _found: Found<'_>) {}
}

/// A cache that stores nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCache;

impl ReadCache for NoCache {
    fn is_enabled(&self) -> bool {
        false
    }

    fn get<'a>(&'a self, _key: &'a ReadKey) -> CacheFuture<'a, Lookup> {
        Box::pin(async { Lookup::default() })
    }

    fn put<'a>(&'a self, _slot: &'a Slot, _json: Vec<u8>, _ttl: Duration) -> CacheFuture<'a, ()> {
        Box::pin(async {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_first_pages_of_a_listing_are_cached() {
        assert_eq!(ReadKind::listing(false).ttl(), Some(FIRST_PAGE_TTL));
        assert_eq!(ReadKind::listing(true).ttl(), None);
        // Both kinds name one query: a page and its cursor pages are the same listing.
        assert_eq!(
            ReadKind::listing(true).namespace(),
            ReadKind::listing(false).namespace()
        );
    }

    #[test]
    fn the_documented_ttls() {
        let minutes = |k: ReadKind| k.ttl().map(|d| d.as_secs() / 60);
        assert_eq!(minutes(ReadKind::FilterOptions), Some(10));
        assert_eq!(minutes(ReadKind::CatalogFirstPage), Some(5));
        for hub in [
            ReadKind::HubMakes,
            ReadKind::MakeHub,
            ReadKind::ModelHub,
            ReadKind::YearHub,
        ] {
            assert_eq!(minutes(hub), Some(10), "{hub:?}");
        }
        assert_eq!(ReadKind::VinPage.ttl(), None);
    }

    #[test]
    fn cached_reads_have_distinct_namespaces() {
        let cached: Vec<&str> = [
            ReadKind::FilterOptions,
            ReadKind::CatalogFirstPage,
            ReadKind::HubMakes,
            ReadKind::MakeHub,
            ReadKind::ModelHub,
            ReadKind::YearHub,
        ]
        .iter()
        .map(|k| k.namespace())
        .collect();
        let mut unique = cached.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), cached.len(), "{cached:?}");
        // Namespaces are one key segment: no separator inside.
        assert!(cached.iter().all(|n| !n.contains(':')));
    }
}
