//! The Redis query cache in front of the read model (DB results as JSON, never HTML): the
//! transport and its health, not the policy. The same connection carries the rate limits that
//! all replicas share (`crate::http::api::shared_limit`, through `Cache::eval`).
//!
//! - `client`: the fred client. Redis is optional: a dead, slow or refusing Redis is a cache
//!   miss after at most the command timeout (`REDIS_COMMAND_TIMEOUT_MS`), never an error for the
//!   caller (for a rate limit: the process's own limiter decides); start-up does not wait for
//!   it, and the client reconnects by itself with backoff.
//! - `key`: the key format (prefix, dataset version, namespace, hash), documented there.
//! - `version`: the dataset version (last succeeded ETL run), so an ETL run invalidates
//!   everything without deleting keys.
//! - `health`: up/down with one log line per transition, hit/miss/error/store counters (and
//!   rate-limit decisions: shared or fallback) for `/health` and `/metrics`.
//! - `tls`: `redis://` or `rediss://`, and the roots a `rediss://` server is checked against.
//! - `read_cache`: `vinops::read::ReadCache` for `Cache`, the only way reads reach Redis.
//!
//! What is cached, under which namespace and for how long (and that errors and refused values
//! never are) is the read model's policy, `vinops::read::cache`, applied by the one
//! read-through the pages and the JSON API share, `vinops::read::cached`.

mod client;
mod config;
mod health;
mod key;
mod read_cache;
mod tls;
mod version;

pub(crate) use client::Unanswered;
pub use client::{Cache, CacheError};
pub use config::CacheConfig;
pub use health::{CacheCounts, CacheState, CacheStatus};
pub use key::CacheKey;
pub use version::DatasetVersion;
