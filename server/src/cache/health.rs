//! Whether Redis answers, as seen by the cache: edge-triggered state (one log line when Redis goes
//! away and one when it is back, not one per request), the last error text for `/health`, the
//! hit/miss/error counters (and the rate limit's shared/fallback decisions) for `/metrics`, and a
//! short pause of commands after a failure.
//!
//! Why the pause: while Redis is disconnected fred fails commands at once, but a hung Redis
//! (process stopped, network black hole) still looks connected until fred's unresponsive check
//! drops the connection (seconds). Without the pause every page would wait the full command
//! timeout meanwhile; with it, one request per `PAUSE_AFTER_FAILURE` does.

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;

/// Up or down as last observed; `Unknown` until the first command or connection.
const UNKNOWN: u8 = 0;
const UP: u8 = 1;
const DOWN: u8 = 2;

/// How long commands are skipped after a failure (a PING from `status` always goes through, and
/// a reconnection ends the pause at once).
const PAUSE_AFTER_FAILURE: Duration = Duration::from_secs(1);

/// What `/health` shows for Redis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheState {
    Up,
    Down,
    /// `REDIS_URL` is empty or `off`.
    Disabled,
}

#[derive(Debug, Clone, Serialize)]
pub struct CacheStatus {
    pub state: CacheState,
    /// Round trip of a PING, when it answered.
    pub latency_ms: Option<f64>,
    /// The last error seen (connection or command), without credentials.
    pub last_error: Option<String>,
}

/// A snapshot of the counters. Errors are counted apart from misses: each failed command is
/// also a miss for its caller, but is not counted as one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CacheCounts {
    pub hits: u64,
    /// Key absent, or present but not decodable (then overwritten by the next store).
    pub misses: u64,
    /// Lookups and stores Redis did not serve: failed, timed out, or skipped during the pause
    /// after a failure.
    pub errors: u64,
    /// Values written.
    pub stores: u64,
    /// Rate-limit decisions Redis made (the limit shared by every replica).
    pub limits_shared: u64,
    /// Rate-limit decisions made by this process alone because Redis failed, timed out or was
    /// paused: each replica then applies the limit on its own.
    pub limits_fallback: u64,
}

pub(crate) struct Health {
    state: AtomicU8,
    /// Commands are skipped until this many ms after `epoch` (0: not paused).
    paused_until_ms: AtomicU64,
    epoch: Instant,
    last_error: Mutex<Option<String>>,
    /// Why the last connection attempt failed, until one succeeds: the cause an operator needs
    /// (a refused certificate, a wrong password), which the "not connected" of every command
    /// failing meanwhile would otherwise hide.
    connection_error: Mutex<Option<String>>,
    /// Scrubbed from error texts before they are stored or logged.
    password: Option<String>,
    hits: AtomicU64,
    misses: AtomicU64,
    errors: AtomicU64,
    stores: AtomicU64,
    limits_shared: AtomicU64,
    limits_fallback: AtomicU64,
}

impl Health {
    pub(crate) fn new(password: Option<String>) -> Health {
        Health {
            state: AtomicU8::new(UNKNOWN),
            paused_until_ms: AtomicU64::new(0),
            epoch: Instant::now(),
            last_error: Mutex::new(None),
            connection_error: Mutex::new(None),
            password,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            stores: AtomicU64::new(0),
            limits_shared: AtomicU64::new(0),
            limits_fallback: AtomicU64::new(0),
        }
    }

    /// A command or the connection failed. Logs only on the transition to down.
    pub(crate) fn failed(&self, what: &str, error: &dyn std::fmt::Display) {
        let pause = u64::try_from(PAUSE_AFTER_FAILURE.as_millis()).unwrap_or(u64::MAX);
        let until = self.now_ms().saturating_add(pause).max(1);
        self.paused_until_ms.store(until, Ordering::Release);
        let text = self.scrub(format!("{what}: {error}"));
        if what == CONNECTION {
            *lock(&self.connection_error) = Some(text.clone());
        }
        *lock(&self.last_error) = Some(text.clone());
        if self.state.swap(DOWN, Ordering::AcqRel) != DOWN {
            tracing::warn!(
                error = %text,
                "redis unavailable: cache reads are misses until it is back"
            );
        }
    }

    /// A command or a (re)connection succeeded. Logs only on the transition from down.
    pub(crate) fn succeeded(&self) {
        // Relaxed read first: the common case (already up) must not write a shared cache line.
        if self.state.load(Ordering::Relaxed) == UP {
            return;
        }
        self.paused_until_ms.store(0, Ordering::Release);
        *lock(&self.connection_error) = None;
        if self.state.swap(UP, Ordering::AcqRel) == DOWN {
            tracing::info!("redis is back: cache in use again");
        }
    }

    /// True during the pause after a failure: the command should not be sent.
    pub(crate) fn paused(&self) -> bool {
        let until = self.paused_until_ms.load(Ordering::Acquire);
        until != 0 && self.now_ms() < until
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    #[cfg(test)]
    fn is_down(&self) -> bool {
        self.state.load(Ordering::Acquire) == DOWN
    }

    /// The failed connection attempt's cause while not connected, else the last error.
    pub(crate) fn last_error(&self) -> Option<String> {
        lock(&self.connection_error)
            .clone()
            .or_else(|| lock(&self.last_error).clone())
    }

    pub(crate) fn hit(&self) {
        self.hits.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn miss(&self) {
        self.misses.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn error(&self) {
        self.errors.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn stored(&self) {
        self.stores.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn limit_shared(&self) {
        self.limits_shared.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn limit_fallback(&self) {
        self.limits_fallback.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn counts(&self) -> CacheCounts {
        CacheCounts {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            stores: self.stores.load(Ordering::Relaxed),
            limits_shared: self.limits_shared.load(Ordering::Relaxed),
            limits_fallback: self.limits_fallback.load(Ordering::Relaxed),
        }
    }

    fn scrub(&self, text: String) -> String {
        match &self.password {
            Some(p) if !p.is_empty() => text.replace(p.as_str(), "***"),
            _ => text,
        }
    }
}

/// What [`Health::failed`] is told when the connection (not a command) failed.
pub(crate) const CONNECTION: &str = "connection";

fn lock(m: &Mutex<Option<String>>) -> std::sync::MutexGuard<'_, Option<String>> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_flips_and_errors_are_scrubbed() {
        let h = Health::new(Some("hunter2".into()));
        assert!(!h.is_down());
        h.failed("GET", &"WRONGPASS hunter2 rejected");
        assert!(h.is_down());
        assert!(h.paused());
        let err = h.last_error().unwrap_or_default();
        assert!(
            err.contains("WRONGPASS") && !err.contains("hunter2"),
            "{err}"
        );
        h.succeeded();
        assert!(!h.is_down());
        assert!(!h.paused());
        // The last error stays visible on /health after recovery: it says what happened.
        assert!(h.last_error().is_some());
    }

    #[test]
    fn a_connection_failure_is_not_hidden_by_the_commands_failing_after_it() {
        let h = Health::new(None);
        h.failed(CONNECTION, &"invalid peer certificate: UnknownIssuer");
        h.failed("PING", &"Canceled: Connection closed unexpectedly.");
        let err = h.last_error().unwrap_or_default();
        assert!(err.contains("UnknownIssuer"), "{err}");
        // Connected again: the command's error is the last one, the attempt's cause is over.
        h.succeeded();
        h.failed("GET", &"timed out");
        assert_eq!(h.last_error().as_deref(), Some("GET: timed out"));
    }
}
