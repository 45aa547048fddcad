//! Cache configuration from the environment (`REDIS_*`, `DATASET_VERSION_REFRESH_MS`), each also
//! a CLI flag of `serve`. `deploy/.env.example` documents the variables.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::secret::SecretUrl;

#[derive(Debug, Clone, Args)]
pub struct CacheConfig {
    /// Redis URL (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS). Empty or
    /// `off` disables the cache. May carry a password: never logged.
    #[arg(
        long,
        env = "REDIS_URL",
        default_value = "redis://127.0.0.1:6379",
        hide_env_values = true
    )]
    pub redis_url: SecretUrl,
    /// First segment of every key, so several deployments can share one Redis.
    #[arg(
        long = "redis-key-prefix",
        env = "REDIS_KEY_PREFIX",
        default_value = "vinops"
    )]
    pub key_prefix: String,
    /// PEM file of the CA(s) a `rediss://` server's certificate must chain to, instead of the
    /// system's roots (a private CA). Only with `rediss://`.
    #[arg(long = "redis-ca-file", env = "REDIS_CA_FILE")]
    pub ca_file: Option<PathBuf>,
    /// Longest a page waits for one Redis command before treating it as a miss.
    #[arg(
        long = "redis-command-timeout-ms",
        env = "REDIS_COMMAND_TIMEOUT_MS",
        default_value_t = 75
    )]
    pub command_timeout_ms: u64,
    /// Longest one connection attempt may take (attempts run in the background).
    #[arg(
        long = "redis-connect-timeout-ms",
        env = "REDIS_CONNECT_TIMEOUT_MS",
        default_value_t = 1000
    )]
    pub connect_timeout_ms: u64,
    /// How often the dataset version (last succeeded ETL run) is re-read from PostgreSQL. An ETL
    /// run shows on cached pages at most this much later.
    #[arg(
        long = "dataset-version-refresh-ms",
        env = "DATASET_VERSION_REFRESH_MS",
        default_value_t = 5000
    )]
    pub version_refresh_ms: u64,
}

impl CacheConfig {
    /// The local defaults (the same as the CLI's), for tests and tools.
    pub fn local(redis_url: impl Into<String>, key_prefix: impl Into<String>) -> CacheConfig {
        CacheConfig {
            redis_url: SecretUrl::new(redis_url),
            key_prefix: key_prefix.into(),
            ca_file: None,
            command_timeout_ms: 75,
            connect_timeout_ms: 1000,
            version_refresh_ms: 5000,
        }
    }

    /// False when `REDIS_URL` is empty or `off`: the site then always reads the database.
    pub fn enabled(&self) -> bool {
        let url = self.redis_url.expose().trim();
        !(url.is_empty() || url.eq_ignore_ascii_case("off"))
    }

    pub fn command_timeout(&self) -> Duration {
        // Zero would mean "no timeout" to fred, which is exactly what a page must never get.
        Duration::from_millis(self.command_timeout_ms.max(1))
    }

    pub fn connect_timeout(&self) -> Duration {
        Duration::from_millis(self.connect_timeout_ms.max(1))
    }

    pub fn version_refresh(&self) -> Duration {
        Duration::from_millis(self.version_refresh_ms)
    }

    /// The password in the URL, if any, so error texts that might echo it can be scrubbed.
    pub(crate) fn password(&self) -> Option<&str> {
        let rest = self.redis_url.expose().split_once("://")?.1;
        let userinfo = rest.split(['/', '?', '#']).next()?.rsplit_once('@')?.0;
        userinfo
            .split_once(':')
            .map(|(_, p)| p)
            .filter(|p| !p.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_off_disables() {
        assert!(CacheConfig::local("redis://127.0.0.1:6379", "t").enabled());
        assert!(!CacheConfig::local("", "t").enabled());
        assert!(!CacheConfig::local("  ", "t").enabled());
        assert!(!CacheConfig::local("OFF", "t").enabled());
    }

    #[test]
    fn debug_and_password_lookup_never_leak_into_logs() {
        let cfg = CacheConfig::local("redis://app:hunter2@cache:6379/0", "t");
        assert_eq!(cfg.password(), Some("hunter2"));
        assert!(!format!("{cfg:?}").contains("hunter2"));
        assert_eq!(
            CacheConfig::local("redis://cache:6379", "t").password(),
            None
        );
        assert_eq!(
            CacheConfig::local("redis://:pw@cache:6379", "t").password(),
            Some("pw")
        );
    }

    #[test]
    fn zero_timeouts_are_clamped() {
        let mut cfg = CacheConfig::local("redis://x", "t");
        cfg.command_timeout_ms = 0;
        assert_eq!(cfg.command_timeout(), Duration::from_millis(1));
    }
}
