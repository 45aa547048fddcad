//! Whether Redis answers, as seen by the cache: edge-triggered state (one log line when Redis goes
//! away and one when it is back, not one per request), the last error text for `/health`, and the
//! hit/miss/error counters for `/metrics`.

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;

/// Up or down as last observed; `Unknown` until the first command or connection.
const UNKNOWN: u8 = 0;
const UP: u8 = 1;
const DOWN: u8 = 2;

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
    /// Commands that failed or timed out (Redis down, slow, or refusing).
    pub errors: u64,
    /// Values written.
    pub stores: u64,
}

pub(crate) struct Health {
    state: AtomicU8,
    last_error: Mutex<Option<String>>,
    /// Scrubbed from error texts before they are stored or logged.
    password: Option<String>,
    hits: AtomicU64,
    misses: AtomicU64,
    errors: AtomicU64,
    stores: AtomicU64,
}

impl Health {
    pub(crate) fn new(password: Option<String>) -> Health {
        Health {
            state: AtomicU8::new(UNKNOWN),
            last_error: Mutex::new(None),
            password,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            stores: AtomicU64::new(0),
        }
    }

    /// A command or the connection failed. Logs only on the transition to down.
    pub(crate) fn failed(&self, what: &str, error: &dyn std::fmt::Display) {
        let text = self.scrub(format!("{what}: {error}"));
        *self
            .last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(text.clone());
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
        if self.state.swap(UP, Ordering::AcqRel) == DOWN {
            tracing::info!("redis is back: cache in use again");
        }
    }

    #[cfg(test)]
    fn is_down(&self) -> bool {
        self.state.load(Ordering::Acquire) == DOWN
    }

    pub(crate) fn last_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
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

    pub(crate) fn counts(&self) -> CacheCounts {
        CacheCounts {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            stores: self.stores.load(Ordering::Relaxed),
        }
    }

    fn scrub(&self, text: String) -> String {
        match &self.password {
            Some(p) if !p.is_empty() => text.replace(p.as_str(), "***"),
            _ => text,
        }
    }
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
        let err = h.last_error().unwrap_or_default();
        assert!(
            err.contains("WRONGPASS") && !err.contains("hunter2"),
            "{err}"
        );
        h.succeeded();
        assert!(!h.is_down());
        // The last error stays visible on /health after recovery: it says what happened.
        assert!(h.last_error().is_some());
    }
}
