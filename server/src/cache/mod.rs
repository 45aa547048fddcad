//! The Redis query cache in front of the read model (DB results as JSON, never HTML).
//!
//! Rules, each a bug of the original (reference §10/§14):
//! - Redis is optional. A dead, slow or refusing Redis is a cache miss after at most the command
//!   timeout (`REDIS_COMMAND_TIMEOUT_MS`), never an error for the page; start-up does not wait
//!   for it, and the client reconnects by itself with backoff.
//! - Only complete answers are cached: errors never, and the computing code can refuse a value
//!   (`Computed::Skip`).
//! - Keys carry the dataset version (last succeeded ETL run), so an ETL run invalidates
//!   everything without deleting keys; see `key` for the format.
//! - First pages and filter options are cached (5 and 10 minutes); cursor pages never
//!   (`CachePolicy::listing`).

mod client;
mod config;
mod health;
mod key;
mod read_cache;
mod typed;
mod version;

pub use client::{Cache, CacheError};
pub use config::CacheConfig;
pub use health::{CacheCounts, CacheState, CacheStatus};
pub use key::{CacheKey, CachePolicy, FILTER_OPTIONS_TTL, FIRST_PAGE_TTL};
pub use typed::Computed;
pub use version::DatasetVersion;
