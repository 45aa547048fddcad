//! The images job's settings from the environment (each also a CLI flag).

use std::time::Duration;

use clap::Args;

use super::{ImagesOptions, RetryPolicy, Selection};

#[derive(Debug, Clone, Args)]
pub struct ImagesConfig {
    /// Requests per second to the photo API, over all concurrent downloads.
    #[arg(long, env = "IMAGES_RATE_PER_SEC", default_value_t = 10.0)]
    pub rate_per_sec: f64,
    /// Requests that may go at once after an idle spell (token-bucket size).
    #[arg(long, env = "IMAGES_BURST", default_value_t = 50)]
    pub burst: u32,
    /// Lots worked on at once.
    #[arg(long, env = "IMAGES_CONCURRENCY", default_value_t = 8)]
    pub concurrency: usize,
    /// Lots per run at most (0: no limit).
    #[arg(long = "limit", env = "IMAGES_MAX_LOTS", default_value_t = 2000)]
    pub max_lots: usize,
    /// Attempts per request before the lot is left for a later run.
    #[arg(long, env = "IMAGES_ATTEMPTS", default_value_t = 4)]
    pub attempts: u32,
    /// First backoff between attempts, in milliseconds (doubles, capped at 8 s).
    #[arg(long, env = "IMAGES_BACKOFF_MS", default_value_t = 1000)]
    pub backoff_ms: u64,
    /// Longest `Retry-After` waited out inside a run, in seconds; longer ones leave the lot for
    /// a retry at that time.
    #[arg(long, env = "IMAGES_MAX_RETRY_AFTER_SECS", default_value_t = 60)]
    pub max_retry_after_secs: u64,
    #[arg(long, env = "IMAGES_METADATA_TIMEOUT_MS", default_value_t = 10_000)]
    pub metadata_timeout_ms: u64,
    #[arg(long, env = "IMAGES_DOWNLOAD_TIMEOUT_MS", default_value_t = 30_000)]
    pub download_timeout_ms: u64,
    /// First delay before a failed lot is due again, in seconds (doubles per attempt, up to a
    /// day).
    #[arg(long, env = "IMAGES_RETRY_DELAY_SECS", default_value_t = 900)]
    pub retry_delay_secs: u64,
    /// Ask this scheme and host (e.g. a simulator, `http://127.0.0.1:9300`) instead of the
    /// host in each lot's `Image URL`. Empty: the URL as exported.
    #[arg(long, env = "IMAGES_API_BASE", default_value = "")]
    pub api_base: String,
}

impl ImagesConfig {
    /// The options for a run over `selection`.
    pub fn options(&self, selection: Selection) -> ImagesOptions {
        let base = ImagesOptions::default();
        ImagesOptions {
            max_lots: (self.max_lots > 0).then_some(self.max_lots),
            concurrency: self.concurrency.max(1),
            rate_per_sec: self.rate_per_sec,
            burst: self.burst,
            selection,
            metadata_timeout: Duration::from_millis(self.metadata_timeout_ms),
            image_timeout: Duration::from_millis(self.download_timeout_ms),
            retry: RetryPolicy {
                attempts: self.attempts.max(1),
                backoff: Duration::from_millis(self.backoff_ms),
                backoff_max: base
                    .retry
                    .backoff_max
                    .max(Duration::from_millis(self.backoff_ms)),
                max_retry_after: Duration::from_secs(self.max_retry_after_secs),
            },
            lot_retry_base: Duration::from_secs(self.retry_delay_secs),
            api_base: Some(self.api_base.trim().to_owned()).filter(|b| !b.is_empty()),
            ..base
        }
    }
}
