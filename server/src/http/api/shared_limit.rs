//! The rate limits every replica shares: one state per client and scope in Redis, taken by one
//! atomic Lua script, with the process's own [`RateLimiter`] as the fallback.
//!
//! - Same semantics as the in-process token bucket (`per_min` sustained, `burst` at once), as
//!   GCRA: Redis keeps, per client, the time its bucket will be full again plus one request
//!   ("theoretical arrival time"). A request is allowed while that time is at most
//!   `burst × interval` ahead of now, and pushes it one `interval` further. One integer per
//!   client, expiring when the bucket would be full anyway, so Redis needs no sweeping.
//! - The script reads Redis's own clock (`TIME`): replicas with skewed clocks still share one
//!   timeline. Read, decision and write happen in one script, so two replicas can never both
//!   take the last token.
//! - Keys: `{REDIS_KEY_PREFIX}:ratelimit:{scope}:{client}` (scope `api` or `removal`, client as
//!   `RateLimiter::client_ip` gives it: the trusted-proxy rule and the IPv6 /64 are the same).
//!   No dataset version in them: an ETL run must not reset anyone's limit.
//! - Redis disabled: the process's limiter, as before. Redis failing, slow past the command
//!   timeout (`REDIS_COMMAND_TIMEOUT_MS`), or in the pause after a failure: the process's
//!   limiter too, counted (`/metrics` `vinops_rate_limit_decisions_total{by="fallback"}`,
//!   `/health` cache counts) — each replica then enforces the limit on its own, N× looser with
//!   N replicas, but never unlimited and never waiting on a dead Redis.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use crate::cache::{Cache, Unanswered};

use super::rate_limit::{Decision, RateLimiter};

/// GCRA in one step. KEYS[1]: the client's arrival time (ms). ARGV[1]: ms between requests at
/// the sustained rate; ARGV[2]: the burst. Returns `{1, requests left}` or `{0, ms to wait}`.
/// Times are whole milliseconds (13 digits): exact in Lua's doubles and in their conversion
/// to the string Redis stores.
const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local window = interval * tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local after = tat + interval
if after - now > window then
  return {0, after - now - window}
end
redis.call('SET', KEYS[1], after, 'PX', after - now)
return {1, math.floor((window - (after - now)) / interval)}
";

/// One limit (a scope) over Redis, with its in-process fallback.
pub struct SharedLimiter {
    scope: &'static str,
    local: Arc<RateLimiter>,
    interval_ms: i64,
    burst: i64,
}

impl SharedLimiter {
    /// The limit of `local` (its rate, burst and client rule), shared under `scope`.
    pub fn new(scope: &'static str, local: Arc<RateLimiter>) -> SharedLimiter {
        // Rounded to whole ms: at most 0.5 ms per request off the configured rate.
        #[allow(clippy::cast_possible_truncation)]
        let interval_ms = (60_000.0 / f64::from(local.per_min().max(1))).round() as i64;
        SharedLimiter {
            scope,
            interval_ms: interval_ms.max(1),
            burst: i64::from(local.burst()),
            local,
        }
    }

    /// The in-process limiter: the fallback, and the client rule.
    pub fn local(&self) -> &RateLimiter {
        &self.local
    }

    /// Takes a token for `client`: from Redis when it answers, else from this process.
    pub async fn check(&self, cache: &Cache, client: IpAddr) -> Decision {
        if !cache.is_enabled() {
            return self.local.check(client, Instant::now());
        }
        let key = format!("{}:ratelimit:{}:{client}", cache.prefix(), self.scope);
        let answer = cache
            .eval::<Vec<i64>>(GCRA, &key, vec![self.interval_ms, self.burst])
            .await;
        match answer {
            Ok(v) => {
                if let Some(d) = decision(&v) {
                    cache.health().limit_shared();
                    return d;
                }
                tracing::warn!(answer = ?v, "unexpected rate-limit script answer");
                cache.health().limit_fallback();
            }
            Err(Unanswered::Failed) => cache.health().limit_fallback(),
            // Checked above; harmless should it ever be reached.
            Err(Unanswered::Disabled) => {}
        }
        self.local.check(client, Instant::now())
    }
}

/// The script's answer as a decision; `None` when it is not one.
fn decision(answer: &[i64]) -> Option<Decision> {
    match *answer {
        [1, left] => Some(Decision::Allow {
            remaining: u32::try_from(left.max(0)).unwrap_or(u32::MAX),
        }),
        [0, wait_ms] => Some(Decision::Deny {
            retry_after_secs: u64::try_from(wait_ms.max(0))
                .unwrap_or(0)
                .div_ceil(1000)
                .max(1),
        }),
        _ => None,
    }
}

/// What the API's middleware holds: its shared limit and the Redis it is kept in.
#[derive(Clone)]
pub struct ApiLimiter {
    pub limiter: Arc<SharedLimiter>,
    pub cache: Cache,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_answers_become_decisions() {
        assert_eq!(decision(&[1, 4]), Some(Decision::Allow { remaining: 4 }));
        assert_eq!(
            decision(&[0, 1]),
            Some(Decision::Deny {
                retry_after_secs: 1
            })
        );
        assert_eq!(
            decision(&[0, 59_001]),
            Some(Decision::Deny {
                retry_after_secs: 60
            })
        );
        assert_eq!(decision(&[2]), None);
    }

    #[test]
    fn interval_follows_the_rate() {
        let l = |per_min| {
            SharedLimiter::new(
                "t",
                RateLimiter::new(per_min, 5, 10, vec![]).expect("enabled"),
            )
        };
        assert_eq!(l(60).interval_ms, 1000);
        assert_eq!(l(1).interval_ms, 60_000);
        assert_eq!(l(1_000_000).interval_ms, 1);
        assert_eq!(l(60).burst, 5);
    }
}
