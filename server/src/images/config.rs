//! The images job's settings from the environment (each also a CLI flag). The network rules
//! are parsed here, once: a malformed allow-list or pin, or an unreadable CA file, stops the
//! start instead of failing every run.

use std::time::Duration;

use clap::Args;

use super::net::{AllowedHosts, CaFileSetting, DEFAULT_ALLOWED_HOSTS, NetPolicy, PinnedHosts};
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
    /// Hosts the photo API and its image links may name, on every request and redirect hop:
    /// exact names, `*.suffix` (names below it) or IP addresses, separated by commas.
    #[arg(long, env = "IMAGES_ALLOWED_HOSTS", default_value = DEFAULT_ALLOWED_HOSTS)]
    pub allowed_hosts: AllowedHosts,
    /// DEVELOPMENT ONLY: `name=ip[:port],…` answered before DNS and before the address filter
    /// (the one way to reach a private address, e.g. the simulator). Logged as a warning.
    #[arg(long, env = "IMAGES_PINNED_HOSTS", default_value = "")]
    pub pinned_hosts: PinnedHosts,
    /// DEVELOPMENT ONLY: a PEM file of extra trusted roots (the simulator's CA), added to the
    /// system's. Logged as a warning.
    #[arg(long, env = "IMAGES_EXTRA_CA_FILE", default_value = "")]
    pub extra_ca_file: CaFileSetting,
    /// Largest photo accepted, in bytes (bigger answers are cut off while reading).
    #[arg(long, env = "IMAGES_MAX_BYTES", default_value_t = super::DEFAULT_MAX_IMAGE_BYTES)]
    pub max_bytes: u64,
    /// Largest photo-list (JSON) answer accepted, in bytes.
    #[arg(long, env = "IMAGES_MAX_METADATA_BYTES", default_value_t = super::DEFAULT_MAX_METADATA_BYTES)]
    pub max_metadata_bytes: u64,
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
            net: self.net(),
            max_image_bytes: self.max_bytes,
            max_metadata_bytes: self.max_metadata_bytes,
            ..base
        }
    }

    pub fn net(&self) -> NetPolicy {
        NetPolicy {
            allowed: self.allowed_hosts.clone(),
            pins: self.pinned_hosts.clone(),
            extra_roots: self.extra_ca_file.0.clone(),
            ..NetPolicy::default()
        }
    }

    /// Says at start-up when development network settings are on (each run says it again).
    pub fn warn_if_development(&self) {
        self.net().warn_if_development("start-up");
    }
}
