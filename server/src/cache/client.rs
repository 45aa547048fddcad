//! The `Cache` handle: a fred client behind a policy of "Redis is optional".
//!
//! - Construction never waits for Redis: the connection is made (and remade, with exponential
//!   backoff, forever) by a background task. The original kept a client whose first connect
//!   failed and never retried; here a failed first connect goes through the same reconnect
//!   policy as a dropped connection (`fail_fast = false` on the config).
//! - Commands are sent with `fail_fast`: while disconnected they fail at once instead of queueing
//!   for the next reconnect; while connected they are bounded by the command timeout. Either way
//!   the caller sees a miss (`get`) or nothing (`set`), never an error.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fred::bytes::Bytes;
use fred::clients::WithOptions;
use fred::prelude::{
    Builder, ClientLike, Config, EventInterface, Expiration, FromValue, KeysInterface,
    LuaInterface, Options, ReconnectPolicy,
};
use fred::types::config::UnresponsiveConfig;
use tokio::task::JoinHandle;
use vinops::read::ReadKey;

use super::config::CacheConfig;
use super::health::{CONNECTION, CacheCounts, CacheState, CacheStatus, Health, millis};
use super::key::CacheKey;
use super::tls::{check_scheme, client_config};
use super::version::DatasetVersion;

/// Reconnect backoff: 100 ms doubling to 2 s, never giving up. A local reconnect attempt costs
/// next to nothing, and a short ceiling brings the cache back soon after Redis restarts.
const RECONNECT_MIN_MS: u32 = 100;
const RECONNECT_MAX_MS: u32 = 2000;
/// A connection with a command unanswered this long is dropped and remade: catches a
/// half-open TCP connection (peer gone without a RST) that timeouts alone would never fix.
const UNRESPONSIVE_AFTER: Duration = Duration::from_secs(2);

/// Only a malformed `REDIS_URL` is an error; an unreachable Redis is not.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("invalid REDIS_URL {url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("Redis TLS settings: {0}")]
    Tls(String),
}

/// Shared handle to the cache; clones are cheap and share one connection.
#[derive(Clone)]
pub struct Cache(Arc<Inner>);

struct Inner {
    /// `None` when the cache is disabled.
    backend: Option<Backend>,
    prefix: String,
    versions: Option<DatasetVersion>,
    timeout: Duration,
    health: Arc<Health>,
}

struct Backend {
    /// The client with the per-command options of the module doc applied to every command.
    commands: WithOptions<fred::prelude::Client>,
    /// The connection task and the event listeners; aborted when the last handle goes.
    tasks: Vec<JoinHandle<Result<(), fred::prelude::Error>>>,
}

impl Drop for Backend {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl Cache {
    /// A cache that stores nothing: every read is a miss and computes.
    pub fn disabled() -> Cache {
        Cache(Arc::new(Inner {
            backend: None,
            prefix: String::new(),
            versions: None,
            timeout: Duration::ZERO,
            health: Arc::new(Health::new(None)),
        }))
    }

    /// Starts connecting in the background and returns at once. `versions` supplies the dataset
    /// version of every key; without it nothing is cached. Must be called inside a tokio runtime.
    pub fn connect(
        cfg: &CacheConfig,
        versions: Option<DatasetVersion>,
    ) -> Result<Cache, CacheError> {
        if !cfg.enabled() {
            tracing::info!("redis cache disabled (REDIS_URL is empty or off)");
            return Ok(Cache::disabled());
        }
        let health = Arc::new(Health::new(cfg.password().map(str::to_owned)));
        let invalid = |e: fred::prelude::Error| CacheError::InvalidUrl {
            url: cfg.redis_url.redacted(),
            reason: match cfg.password() {
                Some(p) => e.details().replace(p, "***"),
                None => e.details().to_owned(),
            },
        };
        let url = cfg.redis_url.expose().trim();
        let tls = check_scheme(url).map_err(|reason| CacheError::InvalidUrl {
            url: cfg.redis_url.redacted(),
            reason,
        })?;
        let own_tls = client_config(tls, cfg.ca_file.as_deref()).map_err(CacheError::Tls)?;
        let mut config = Config::from_url(url).map_err(invalid)?;
        config.fail_fast = false;
        if own_tls.is_some() {
            config.tls = own_tls;
        }
        let timeout = cfg.command_timeout();
        let connect_timeout = cfg.connect_timeout();
        let client = Builder::from_config(config)
            .with_performance_config(|perf| perf.default_command_timeout = timeout)
            .with_connection_config(|conn| {
                conn.connection_timeout = connect_timeout;
                conn.internal_command_timeout = connect_timeout;
                conn.max_command_attempts = 1;
                conn.unresponsive = UnresponsiveConfig {
                    max_timeout: Some(UNRESPONSIVE_AFTER),
                    interval: UNRESPONSIVE_AFTER / 4,
                };
            })
            .set_policy(ReconnectPolicy::new_exponential(
                0,
                RECONNECT_MIN_MS,
                RECONNECT_MAX_MS,
                2,
            ))
            .build()
            .map_err(invalid)?;
        let on_error = {
            let health = Arc::clone(&health);
            client.on_error(move |(error, _server)| {
                health.failed(CONNECTION, &error);
                async { Ok(()) }
            })
        };
        let on_connect = {
            let health = Arc::clone(&health);
            client.on_reconnect(move |_server| {
                health.succeeded();
                async { Ok(()) }
            })
        };
        let connection = client.connect();
        tracing::info!(url = %cfg.redis_url, "redis cache connecting in the background");
        let options = Options {
            fail_fast: true,
            max_attempts: Some(1),
            timeout: Some(timeout),
            ..Options::default()
        };
        Ok(Cache(Arc::new(Inner {
            backend: Some(Backend {
                commands: client.with_options(&options),
                tasks: vec![connection, on_error, on_connect],
            }),
            prefix: cfg.key_prefix.clone(),
            versions,
            timeout,
            health,
        })))
    }

    pub fn is_enabled(&self) -> bool {
        self.0.backend.is_some()
    }

    pub fn prefix(&self) -> &str {
        &self.0.prefix
    }

    /// Hit/miss/error/store counters since start, for `/metrics`.
    pub fn counts(&self) -> CacheCounts {
        self.0.health.counts()
    }

    /// Up/down/disabled with the PING round trip and the last error, for `/health`.
    pub async fn status(&self) -> CacheStatus {
        let Some(backend) = &self.0.backend else {
            return CacheStatus {
                state: CacheState::Disabled,
                latency_ms: None,
                last_error: None,
            };
        };
        let started = Instant::now();
        let ping = backend.commands.ping::<String>(None);
        let (state, latency_ms) = match self.bounded(ping).await {
            Ok(_) => {
                self.0.health.succeeded();
                (CacheState::Up, Some(millis(started.elapsed())))
            }
            Err(e) => {
                self.0.health.failed("PING", &e);
                (CacheState::Down, None)
            }
        };
        CacheStatus {
            state,
            latency_ms,
            last_error: self.0.health.last_error(),
        }
    }

    /// The Redis key of a read, or `None` when nothing may be cached: the cache is disabled, or
    /// the dataset version is unknown (a key without one could serve data from before an ETL
    /// run forever).
    pub async fn key_for(&self, key: &ReadKey) -> Option<CacheKey> {
        self.0.backend.as_ref()?;
        let version = self.0.versions.as_ref()?.current().await?;
        Some(CacheKey::new(
            &self.0.prefix,
            version,
            key.kind.namespace(),
            &key.params,
        ))
    }

    /// The raw bytes under `key`; `None` on absence or any failure.
    pub(crate) async fn get_bytes(&self, key: &CacheKey) -> Option<Bytes> {
        let backend = self.0.backend.as_ref()?;
        if self.0.health.paused() {
            self.0.health.error();
            return None;
        }
        let get = backend.commands.get::<Option<Bytes>, _>(key.as_str());
        match self.bounded(get).await {
            Ok(value) => {
                self.0.health.succeeded();
                if value.is_none() {
                    self.0.health.miss();
                }
                value
            }
            Err(e) => {
                self.0.health.error();
                self.0.health.failed("GET", &e);
                None
            }
        }
    }

    /// Stores `value` under `key` for `ttl` (at least a second); failures are only counted.
    pub(crate) async fn set_bytes(&self, key: &CacheKey, value: Vec<u8>, ttl: Duration) {
        let Some(backend) = &self.0.backend else {
            return;
        };
        if self.0.health.paused() {
            self.0.health.error();
            return;
        }
        let secs = i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX).max(1);
        let set = backend.commands.set::<(), _, _>(
            key.as_str(),
            Bytes::from(value),
            Some(Expiration::EX(secs)),
            None,
            false,
        );
        match self.bounded(set).await {
            Ok(()) => {
                self.0.health.succeeded();
                self.0.health.stored();
            }
            Err(e) => {
                self.0.health.error();
                self.0.health.failed("SET", &e);
            }
        }
    }

    /// Runs a Lua script (`EVAL`) on one key, for a caller with a fallback of its own (the
    /// shared rate limit). Never waits longer than the command timeout; a failure pauses the
    /// cache like any other command (see `health`), so while Redis is gone the caller falls back
    /// at once instead of waiting on every request.
    pub(crate) async fn eval<R: FromValue>(
        &self,
        script: &'static str,
        key: &str,
        args: Vec<i64>,
    ) -> Result<R, Unanswered> {
        let Some(backend) = &self.0.backend else {
            return Err(Unanswered::Disabled);
        };
        if self.0.health.paused() {
            return Err(Unanswered::Failed);
        }
        let eval = backend.commands.eval::<R, _, _, _>(script, key, args);
        match self.bounded(eval).await {
            Ok(v) => {
                self.0.health.succeeded();
                Ok(v)
            }
            Err(e) => {
                self.0.health.failed("EVAL", &e);
                Err(Unanswered::Failed)
            }
        }
    }

    pub(crate) fn health(&self) -> &Health {
        &self.0.health
    }

    /// fred applies the timeout itself; this outer bound only guards against a command that
    /// slips past it (fred documents its cancellation as imperfect).
    async fn bounded<T>(
        &self,
        fut: impl Future<Output = Result<T, fred::prelude::Error>>,
    ) -> Result<T, BoundedError> {
        match tokio::time::timeout(self.0.timeout * 2, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(e)) => Err(BoundedError::Redis(e)),
            Err(_) => Err(BoundedError::Timeout(self.0.timeout * 2)),
        }
    }
}

/// Why [`Cache::eval`] has no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unanswered {
    /// `REDIS_URL` is empty or `off`: there is no Redis to ask.
    Disabled,
    /// Redis failed, timed out, or is in the pause after a failure.
    Failed,
}

#[derive(Debug, thiserror::Error)]
enum BoundedError {
    #[error("{0}")]
    Redis(fred::prelude::Error),
    #[error("no answer within {0:?}")]
    Timeout(Duration),
}
