//! Per-client token buckets for `/api/v1/*` (a layer on the API router only: pages read the
//! database directly and never pass through it: pages that called the API over HTTP would share
//! the server's own bucket and turn into errors under load).
//!
//! - A bucket holds up to `burst` tokens and refills at `per_min / 60` tokens a second; each
//!   request takes one. An empty bucket is a 429 `RATE_LIMITED` with `Retry-After` (whole
//!   seconds until a token is back). Allowed responses carry `X-RateLimit-Limit` (per minute)
//!   and `X-RateLimit-Remaining`.
//! - The client is the socket's peer address, or — only when the peer is a configured trusted
//!   proxy — the rightmost `X-Forwarded-For` entry that is not itself a trusted proxy (entries
//!   further left are written by the client and could be anything). IPv6 clients are keyed by
//!   their /64, which one subscriber typically owns whole.
//! - Memory is bounded: a bucket idle long enough to have refilled is the same as no bucket,
//!   so such buckets are swept (every minute, or when the table is full); past
//!   [`MAX_BUCKETS`] live clients new ones are let through untracked rather than refused.
//! - Per process: with several replicas a client gets the limit at each. Good enough against
//!   a runaway script; a shared limit would need Redis on every request.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

/// Most clients tracked at once (~64 bytes each).
pub const MAX_BUCKETS: usize = 100_000;
const SWEEP_EVERY: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow { remaining: u32 },
    Deny { retry_after_secs: u64 },
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

struct Table {
    buckets: HashMap<IpAddr, Bucket>,
    last_sweep: Instant,
}

/// The limiter's state, shared by every request of the API router.
pub struct RateLimiter {
    per_min: u32,
    per_sec: f64,
    burst: f64,
    trusted: Vec<IpAddr>,
    table: Mutex<Table>,
}

impl RateLimiter {
    /// `None` when `per_min` is 0 (limit disabled). A zero burst is taken as 1.
    pub fn new(per_min: u32, burst: u32, trusted: Vec<IpAddr>) -> Option<Arc<RateLimiter>> {
        (per_min > 0).then(|| {
            Arc::new(RateLimiter {
                per_min,
                per_sec: f64::from(per_min) / 60.0,
                burst: f64::from(burst.max(1)),
                trusted,
                table: Mutex::new(Table {
                    buckets: HashMap::new(),
                    last_sweep: Instant::now(),
                }),
            })
        })
    }

    /// How long an idle bucket takes to refill completely (then it can be forgotten).
    fn refill_time(&self) -> Duration {
        Duration::from_secs_f64(self.burst / self.per_sec)
    }

    /// Takes a token for `client` at `now`.
    pub fn check(&self, client: IpAddr, now: Instant) -> Decision {
        let mut t = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        let full = t.buckets.len() >= MAX_BUCKETS;
        if full || now.saturating_duration_since(t.last_sweep) >= SWEEP_EVERY {
            let idle = self.refill_time();
            t.buckets
                .retain(|_, b| now.saturating_duration_since(b.at) < idle);
            t.last_sweep = now;
        }
        if t.buckets.len() >= MAX_BUCKETS && !t.buckets.contains_key(&client) {
            tracing::warn!(
                buckets = MAX_BUCKETS,
                "rate-limit table full; new client not limited"
            );
            return Decision::Allow { remaining: 0 };
        }
        let bucket = t.buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_sec).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            // Truncation is the intent: whole requests left.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let remaining = bucket.tokens.floor() as u32;
            Decision::Allow { remaining }
        } else {
            let wait = ((1.0 - bucket.tokens) / self.per_sec).ceil().max(1.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let retry_after_secs = wait as u64;
            Decision::Deny { retry_after_secs }
        }
    }

    /// The client a request is counted against (see the module doc).
    pub fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> IpAddr {
        let peer = peer.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let ip = if self.trusted.contains(&peer) {
            forwarded_client(headers, &self.trusted).unwrap_or(peer)
        } else {
            peer
        };
        bucket_key(ip)
    }
}

/// The rightmost `X-Forwarded-For` address that is not a trusted proxy. `None` when the header
/// is absent, or an entry on the way is not an address (a broken chain is not believed).
fn forwarded_client(headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for entry in entries.iter().rev() {
        let ip: IpAddr = entry.parse().ok()?;
        if !trusted.contains(&ip) {
            return Some(ip);
        }
    }
    None
}

/// IPv4 as is; IPv6 by its /64 (IPv4-mapped IPv6 as the IPv4 address).
fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The middleware: counts the request, answers 429 when the client's bucket is empty.
pub async fn limit(
    State(limiter): State<Arc<RateLimiter>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip());
    let client = limiter.client_ip(peer, request.headers());
    match limiter.check(client, Instant::now()) {
        Decision::Deny { retry_after_secs } => {
            ApiError::RateLimited { retry_after_secs }.into_response()
        }
        Decision::Allow { remaining } => {
            let mut res = next.run(request).await;
            let h = res.headers_mut();
            h.insert("x-ratelimit-limit", HeaderValue::from(limiter.per_min));
            h.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn burst_then_refill() {
        let l = RateLimiter::new(60, 3, vec![]).expect("enabled");
        let t0 = Instant::now();
        let a = ip("192.0.2.1");
        for left in [2, 1, 0] {
            assert_eq!(l.check(a, t0), Decision::Allow { remaining: left });
        }
        assert_eq!(
            l.check(a, t0),
            Decision::Deny {
                retry_after_secs: 1
            }
        );
        // Another client has its own bucket.
        assert!(matches!(
            l.check(ip("192.0.2.2"), t0),
            Decision::Allow { .. }
        ));
        // One token a second at 60/min.
        assert!(matches!(
            l.check(a, t0 + Duration::from_secs(1)),
            Decision::Allow { remaining: 0 }
        ));
        assert!(RateLimiter::new(0, 3, vec![]).is_none());
    }

    #[test]
    fn retry_after_is_time_to_next_token() {
        let l = RateLimiter::new(1, 1, vec![]).expect("enabled");
        let t0 = Instant::now();
        let a = ip("192.0.2.1");
        assert!(matches!(l.check(a, t0), Decision::Allow { .. }));
        assert_eq!(
            l.check(a, t0 + Duration::from_secs(15)),
            Decision::Deny {
                retry_after_secs: 45
            }
        );
    }

    #[test]
    fn idle_buckets_are_swept() {
        let l = RateLimiter::new(60, 2, vec![]).expect("enabled");
        let t0 = Instant::now();
        l.check(ip("192.0.2.1"), t0);
        l.check(ip("192.0.2.2"), t0 + Duration::from_secs(60));
        l.check(ip("192.0.2.3"), t0 + Duration::from_secs(61));
        let n = l.table.lock().expect("lock").buckets.len();
        assert_eq!(n, 2, "the idle, refilled bucket is gone");
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.1");
        let l = RateLimiter::new(60, 2, vec![proxy]).expect("enabled");
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 198.51.100.7, 10.0.0.1"),
        );
        assert_eq!(l.client_ip(Some(proxy), &h), ip("198.51.100.7"));
        // An untrusted peer's header is ignored.
        assert_eq!(l.client_ip(Some(ip("203.0.113.9")), &h), ip("203.0.113.9"));
        // A trusted peer without the header is the client itself.
        assert_eq!(l.client_ip(Some(proxy), &HeaderMap::new()), proxy);
        // IPv6 clients share a bucket per /64.
        assert_eq!(
            l.client_ip(Some(ip("2001:db8:1:2:aaaa::1")), &HeaderMap::new()),
            ip("2001:db8:1:2::")
        );
    }
}
