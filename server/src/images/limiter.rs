//! The job's one token bucket: every HTTP request to the photo API (metadata, each image, each
//! redirect hop, each retry) takes a token first, whichever lot it belongs to, so the whole run
//! stays under the configured rate however many downloads run at once.
//!
//! A caller that finds the bucket empty reserves the next token (the count goes negative) and
//! sleeps until it is due, so waiting callers are served in arrival order and the rate holds
//! exactly instead of in bursts of wake-ups.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
pub struct TokenBucket {
    rate: f64,
    burst: f64,
    state: Mutex<Bucket>,
    granted: AtomicU64,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    /// `rate` tokens per second (at least 0.01), up to `burst` (at least 1) saved up. Starts full.
    pub fn new(rate: f64, burst: u32) -> TokenBucket {
        let burst = f64::from(burst.max(1));
        TokenBucket {
            rate: rate.max(0.01),
            burst,
            state: Mutex::new(Bucket {
                tokens: burst,
                last: Instant::now(),
            }),
            granted: AtomicU64::new(0),
        }
    }

    /// Waits for one token.
    pub async fn acquire(&self) {
        let wait = {
            let mut b = self
                .state
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = Instant::now();
            let refill = now.saturating_duration_since(b.last).as_secs_f64() * self.rate;
            b.tokens = (b.tokens + refill).min(self.burst);
            b.last = now;
            b.tokens -= 1.0;
            if b.tokens >= 0.0 {
                Duration::ZERO
            } else {
                Duration::from_secs_f64(-b.tokens / self.rate)
            }
        };
        self.granted.fetch_add(1, Ordering::Relaxed);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }

    /// Tokens handed out so far (= requests made).
    pub fn granted(&self) -> u64 {
        self.granted.load(Ordering::Relaxed)
    }

    pub fn rate(&self) -> f64 {
        self.rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_rate_holds_after_the_burst() {
        let bucket = std::sync::Arc::new(TokenBucket::new(100.0, 5));
        let start = Instant::now();
        // 5 at once (the burst), then 100 per second: 45 tokens take 0.4 s.
        let tasks: Vec<_> = (0..45)
            .map(|_| {
                let b = std::sync::Arc::clone(&bucket);
                tokio::spawn(async move { b.acquire().await })
            })
            .collect();
        for t in tasks {
            t.await.expect("task");
        }
        let took = start.elapsed().as_secs_f64();
        assert!((0.39..=0.6).contains(&took), "took {took} s");
        assert_eq!(bucket.granted(), 45);
    }

    #[tokio::test]
    async fn an_idle_bucket_refills_only_to_the_burst() {
        let bucket = TokenBucket::new(50.0, 3);
        tokio::time::sleep(Duration::from_millis(300)).await;
        let start = Instant::now();
        for _ in 0..5 {
            bucket.acquire().await;
        }
        // 3 saved tokens (not 15), then two more 20 ms apart.
        let took = start.elapsed().as_secs_f64();
        assert!((0.039..=0.2).contains(&took), "took {took} s");
    }
}
