//! Copart's photo API, simulated — its state: which lots have photos, and how many, follows
//! from the lot number and the seed alone, so any lot of any generated export has an answer and
//! tests know the ground truth ([`PhotoSim::photo_count`], [`jpeg::render`]). The routes are in
//! `photo_routes`, the https and plain listeners in `photo_server`.
//!
//! Faults, each a share of requests (metadata and images alike) drawn from a seeded generator:
//! throttling (429 + `Retry-After`), server errors (503), slow answers; and, switchable, the
//! real API's redirect (a 302 to the same path under `/https/`). The next N requests can also be
//! forced to one fault, for tests that measure a single one. Per lot, hostile answers
//! (`hostile`) stand in for a compromised photo API.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use vinops::generator::Rng;

use super::hostile::{Hostile, Origin};
use super::jpeg::{self, Size};
use super::tls::PHOTO_HOST;

const FAULT_STREAM: u64 = 0xFA17_F070_5EED_0001;

/// Which lots have how many photos.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoConfig {
    pub seed: u64,
    /// Per 100 lots, how many answer 404 (photos gone).
    pub none_per_100: u32,
    /// Photos of a lot that has some: between these, inclusive.
    pub min_photos: u16,
    pub max_photos: u16,
    pub faults: PhotoFaults,
}

impl Default for PhotoConfig {
    /// 5% of lots without photos, 8–14 photos otherwise (Copart lots have ~10–16), no faults.
    fn default() -> Self {
        PhotoConfig {
            seed: 42,
            none_per_100: 5,
            min_photos: 8,
            max_photos: 14,
            faults: PhotoFaults::default(),
        }
    }
}

/// Shares of requests that fail, and how (body of `POST /__sim/photo_faults`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhotoFaults {
    /// Share (0–1) answered 429 with `Retry-After: retry_after_secs`.
    pub throttle_rate: f64,
    pub retry_after_secs: u64,
    /// Share answered 503.
    pub error_rate: f64,
    /// Share answered `slow_ms` late (otherwise normally).
    pub slow_rate: f64,
    pub slow_ms: u64,
    /// Metadata requests to `/v1/lotImages` get a 302 to `/https/v1/lotImages` (like Copart's
    /// http→https redirect).
    pub redirect: bool,
}

impl Default for PhotoFaults {
    fn default() -> Self {
        PhotoFaults {
            throttle_rate: 0.0,
            retry_after_secs: 1,
            error_rate: 0.0,
            slow_rate: 0.0,
            slow_ms: 0,
            redirect: true,
        }
    }
}

/// One fault forced onto the next N requests (`POST /__sim/photo_fault_next`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "fault")]
pub enum PhotoFault {
    Throttle { retry_after_secs: u64 },
    ServerError,
    Slow { delay_ms: u64 },
}

/// Request counters (`GET /__sim/photo_stats`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoStats {
    pub metadata_requests: u64,
    pub image_requests: u64,
    /// Of the image requests: `_hrs` ones (the job must never make any).
    pub hrs_requests: u64,
    pub redirects: u64,
    pub throttled: u64,
    pub server_errors: u64,
    pub slow: u64,
    pub not_found: u64,
    /// Hostile answers given (see `hostile`).
    pub hostile: u64,
    /// Requests over https under a name other than the photo host (e.g. `127.0.0.1`, where a
    /// hostile redirect pointed): a guarded fetcher makes none.
    pub other_host_requests: u64,
    /// Requests over plain http.
    pub plain_requests: u64,
}

#[derive(Debug, Default)]
pub(super) struct Counters {
    pub(super) metadata: AtomicU64,
    pub(super) image: AtomicU64,
    pub(super) hrs: AtomicU64,
    pub(super) redirects: AtomicU64,
    throttled: AtomicU64,
    errors: AtomicU64,
    slow: AtomicU64,
    pub(super) not_found: AtomicU64,
    pub(super) hostile: AtomicU64,
    other_host: AtomicU64,
    plain: AtomicU64,
}

#[derive(Debug)]
struct FaultState {
    faults: PhotoFaults,
    rng: Rng,
    next: Option<(PhotoFault, usize)>,
}

/// The photo API's state, shared by its handlers.
#[derive(Debug)]
pub struct PhotoSim {
    cfg: PhotoConfig,
    faults: Mutex<FaultState>,
    /// Rendered JPEGs (bounded; cleared when full): retries and reruns ask for the same ones.
    cache: Mutex<HashMap<(u32, u16, Size), Bytes>>,
    pub(super) counters: Counters,
    hostile: Mutex<HashMap<u32, Hostile>>,
}

const CACHE_MAX: usize = 4096;

impl PhotoSim {
    pub fn new(cfg: PhotoConfig) -> PhotoSim {
        let faults = FaultState {
            faults: cfg.faults,
            rng: Rng::new(cfg.seed, FAULT_STREAM),
            next: None,
        };
        PhotoSim {
            cfg,
            faults: Mutex::new(faults),
            cache: Mutex::new(HashMap::new()),
            counters: Counters::default(),
            hostile: Mutex::new(HashMap::new()),
        }
    }

    pub fn config(&self) -> &PhotoConfig {
        &self.cfg
    }

    /// How many photos `lot` has (0: the API answers 404). Ground truth for tests.
    pub fn photo_count(&self, lot: u32) -> u16 {
        let mut rng = Rng::new(self.cfg.seed ^ u64::from(lot), 0x0F07_0C0E);
        if rng.below(100) < u64::from(self.cfg.none_per_100) {
            return 0;
        }
        let (lo, hi) = (
            self.cfg.min_photos.max(1),
            self.cfg.max_photos.max(self.cfg.min_photos.max(1)),
        );
        lo + rng.below(u64::from(hi - lo) + 1) as u16
    }

    /// The JPEG served for photo `seq` of `lot` (whether or not the lot has it).
    pub fn image(&self, lot: u32, seq: u16, size: Size) -> anyhow::Result<Bytes> {
        let key = (lot, seq, size);
        if let Some(b) = lock(&self.cache).get(&key) {
            return Ok(b.clone());
        }
        let bytes = jpeg::render(lot, seq, size)?;
        let mut cache = lock(&self.cache);
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert(key, bytes.clone());
        Ok(bytes)
    }

    pub fn set_faults(&self, faults: PhotoFaults) {
        lock(&self.faults).faults = faults;
    }

    pub fn faults(&self) -> PhotoFaults {
        lock(&self.faults).faults
    }

    /// Forces `fault` onto the next `times` requests (0 clears it).
    pub fn fault_next(&self, fault: PhotoFault, times: usize) {
        lock(&self.faults).next = (times > 0).then_some((fault, times));
    }

    pub fn stats(&self) -> PhotoStats {
        let c = &self.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        PhotoStats {
            metadata_requests: get(&c.metadata),
            image_requests: get(&c.image),
            hrs_requests: get(&c.hrs),
            redirects: get(&c.redirects),
            throttled: get(&c.throttled),
            server_errors: get(&c.errors),
            slow: get(&c.slow),
            not_found: get(&c.not_found),
            hostile: get(&c.hostile),
            other_host_requests: get(&c.other_host),
            plain_requests: get(&c.plain),
        }
    }

    /// Makes `lot`'s answers hostile (`None`: normal again).
    pub fn set_hostile(&self, lot: u32, behaviour: Option<Hostile>) {
        let mut map = lock(&self.hostile);
        match behaviour {
            Some(b) => map.insert(lot, b),
            None => map.remove(&lot),
        };
    }

    /// The hostile behaviour for a request about `lot` from `origin`, if one applies.
    pub(super) fn hostile_for(&self, lot: &str, origin: &Origin) -> Option<Hostile> {
        if !origin.is_home() {
            return None;
        }
        let lot = lot.parse::<u32>().ok()?;
        lock(&self.hostile).get(&lot).cloned()
    }

    /// Counts where a request came from (plain http, another name).
    pub(super) fn note(&self, origin: &Origin) {
        if !origin.https {
            self.counters.plain.fetch_add(1, Ordering::Relaxed);
        } else if !origin.host().eq_ignore_ascii_case(PHOTO_HOST) {
            self.counters.other_host.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The fault for this request, if any: a forced one first, then the configured shares.
    fn draw_fault(&self) -> Option<PhotoFault> {
        let mut s = lock(&self.faults);
        if let Some((fault, left)) = s.next.as_mut() {
            let fault = *fault;
            *left -= 1;
            if *left == 0 {
                s.next = None;
            }
            return Some(fault);
        }
        let f = s.faults;
        // Per-million integer draws: the same sequence on every platform.
        let roll = s.rng.below(1_000_000) as f64 / 1_000_000.0;
        if roll < f.throttle_rate {
            Some(PhotoFault::Throttle {
                retry_after_secs: f.retry_after_secs,
            })
        } else if roll < f.throttle_rate + f.error_rate {
            Some(PhotoFault::ServerError)
        } else if roll < f.throttle_rate + f.error_rate + f.slow_rate {
            Some(PhotoFault::Slow {
                delay_ms: f.slow_ms,
            })
        } else {
            None
        }
    }

    /// Applies this request's fault: `Some(response)` to answer with instead, `None` to go on
    /// (after the delay of a slow answer).
    pub(super) async fn fault_response(&self) -> Option<Response> {
        match self.draw_fault()? {
            PhotoFault::Throttle { retry_after_secs } => {
                self.counters.throttled.fetch_add(1, Ordering::Relaxed);
                Some(
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        [(header::RETRY_AFTER, retry_after_secs.to_string())],
                        "Too Many Requests",
                    )
                        .into_response(),
                )
            }
            PhotoFault::ServerError => {
                self.counters.errors.fetch_add(1, Ordering::Relaxed);
                Some((StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response())
            }
            PhotoFault::Slow { delay_ms } => {
                self.counters.slow.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
                None
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_counts_follow_the_config() {
        let sim = PhotoSim::new(PhotoConfig::default());
        let counts: Vec<u16> = (47_000_000..47_001_000)
            .map(|l| sim.photo_count(l))
            .collect();
        let none = counts.iter().filter(|c| **c == 0).count();
        assert!(
            (20..=90).contains(&none),
            "{none} of 1000 lots without photos"
        );
        assert!(counts.iter().all(|c| *c == 0 || (8..=14).contains(c)));
        assert_eq!(sim.photo_count(47_000_123), sim.photo_count(47_000_123));
    }

    #[test]
    fn hostile_behaviours_apply_to_the_photo_host_over_https_only() {
        let sim = PhotoSim::new(PhotoConfig::default());
        let b = Hostile::ImageBody {
            body: super::super::hostile::HostileBody::Png,
        };
        sim.set_hostile(47_000_001, Some(b.clone()));
        let at = |https: bool, authority: &str| Origin {
            https,
            authority: authority.to_owned(),
        };
        assert_eq!(
            sim.hostile_for("47000001", &at(true, "photos.sim.test:8443")),
            Some(b)
        );
        assert_eq!(
            sim.hostile_for("47000002", &at(true, "photos.sim.test:8443")),
            None
        );
        assert_eq!(
            sim.hostile_for("47000001", &at(false, "photos.sim.test:80")),
            None
        );
        assert_eq!(
            sim.hostile_for("47000001", &at(true, "127.0.0.1:8443")),
            None
        );
        assert_eq!(at(true, "[::1]:8443").host(), "[::1]");
        assert_eq!(at(true, "photos.sim.test").host(), "photos.sim.test");
        sim.note(&at(true, "127.0.0.1:1"));
        sim.note(&at(false, "photos.sim.test:2"));
        sim.note(&at(true, "photos.sim.test:3"));
        let s = sim.stats();
        assert_eq!((s.other_host_requests, s.plain_requests), (1, 1));
        sim.set_hostile(47_000_001, None);
        assert_eq!(
            sim.hostile_for("47000001", &at(true, "photos.sim.test:8443")),
            None
        );
    }

    #[test]
    fn fault_shares_are_close_to_the_configured_rate() {
        let sim = PhotoSim::new(PhotoConfig::default());
        sim.set_faults(PhotoFaults {
            throttle_rate: 0.1,
            error_rate: 0.2,
            ..PhotoFaults::default()
        });
        let faults = (0..10_000).filter(|_| sim.draw_fault().is_some()).count();
        assert!(
            (2_700..=3_300).contains(&faults),
            "{faults} faults of 10,000"
        );
        sim.fault_next(PhotoFault::ServerError, 2);
        sim.set_faults(PhotoFaults::default());
        assert_eq!(sim.draw_fault(), Some(PhotoFault::ServerError));
        assert_eq!(sim.draw_fault(), Some(PhotoFault::ServerError));
        assert_eq!(sim.draw_fault(), None);
    }
}
