//! The cache the read model can sit behind, as seen from code that must not know Redis.
//!
//! The pages (`app`) run inside the server but may not depend on fred; the server implements
//! [`ReadCache`] for its Redis cache and hands an `Arc<dyn ReadCache>` to the pages. The trait is
//! object-safe (boxed futures) so one handle type works for every implementation, including
//! [`NoCache`] for tools and tests.
//!
//! The trait moves JSON bytes only; *what* may be cached for how long is decided once, by
//! [`ReadPolicy`] and the wrappers in [`super::cached`], not by each caller.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, `Send` future: what the trait's methods return (axum handlers need `Send`).
pub type CacheFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Filter dropdown options: 10 minutes (as the original).
pub const FILTER_OPTIONS_TTL: Duration = Duration::from_secs(600);
/// The first page of a catalog listing: 5 minutes (as the original).
pub const FIRST_PAGE_TTL: Duration = Duration::from_secs(300);

/// The caching rule of one read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadPolicy {
    FilterOptions,
    /// A listing page without a cursor.
    FirstPage,
    /// A hub page's data and the list of makes (as long as the dropdowns: same facet tables).
    Hub,
    /// Never cached: cursor pages (nearly unique per visitor), per-VIN pages.
    NoStore,
}

impl ReadPolicy {
    /// The policy of a listing page: cursor pages are never cached.
    pub fn listing(has_cursor: bool) -> ReadPolicy {
        if has_cursor {
            ReadPolicy::NoStore
        } else {
            ReadPolicy::FirstPage
        }
    }

    /// How long a value may be served; `None` = do not cache.
    pub fn ttl(self) -> Option<Duration> {
        match self {
            ReadPolicy::FilterOptions | ReadPolicy::Hub => Some(FILTER_OPTIONS_TTL),
            ReadPolicy::FirstPage => Some(FIRST_PAGE_TTL),
            ReadPolicy::NoStore => None,
        }
    }
}

/// What identifies a cached read: its policy, which query (`namespace`), and the query's
/// parameters in a canonical text form (the same request always gives the same text).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReadKey {
    pub policy: ReadPolicy,
    pub namespace: &'static str,
    pub params: String,
}

/// A JSON byte cache. Implementations never fail: an unavailable cache answers `None` and
/// drops writes, so a page never fails because of its cache.
pub trait ReadCache: Send + Sync {
    /// The bytes stored under `key`; `None` when absent, disabled or unavailable.
    fn get<'a>(&'a self, key: &'a ReadKey) -> CacheFuture<'a, Option<Vec<u8>>>;

    /// Stores `json` under `key` for `ttl`.
    fn put<'a>(&'a self, key: &'a ReadKey, json: Vec<u8>, ttl: Duration) -> CacheFuture<'a, ()>;
}

/// A cache that stores nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCache;

impl ReadCache for NoCache {
    fn get<'a>(&'a self, _key: &'a ReadKey) -> CacheFuture<'a, Option<Vec<u8>>> {
        Box::pin(async { None })
    }

    fn put<'a>(&'a self, _key: &'a ReadKey, _json: Vec<u8>, _ttl: Duration) -> CacheFuture<'a, ()> {
        Box::pin(async {})
    }
}
