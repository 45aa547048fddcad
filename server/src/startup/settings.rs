//! [`Settings`]: everything `serve` is configured with, one group of flags / environment
//! variables per part of the site (each documented in `deploy/.env.example`).

use clap::{Args, FromArgMatches};

use crate::cache::CacheConfig;
use crate::config::{ApiConfig, DbConfig, ServeConfig, SourceConfig};
use crate::db::MigrateConfig;
use crate::health::HealthConfig;
use crate::http::seo::SeoConfig;
use crate::images::ImagesConfig;
use crate::jobs::JobsConfig;
use crate::storage::StorageConfig;

/// The settings of a site process: what [`super::App::build`] builds it from.
#[derive(Debug, Clone, Args)]
pub struct Settings {
    #[command(flatten)]
    pub db: DbConfig,
    #[command(flatten)]
    pub serve: ServeConfig,
    #[command(flatten)]
    pub migrate: MigrateConfig,
    #[command(flatten)]
    pub cache: CacheConfig,
    #[command(flatten)]
    pub api: ApiConfig,
    #[command(flatten)]
    pub jobs: JobsConfig,
    #[command(flatten)]
    pub source: SourceConfig,
    #[command(flatten)]
    pub health: HealthConfig,
    #[command(flatten)]
    pub seo: SeoConfig,
    #[command(flatten)]
    pub storage: StorageConfig,
    #[command(flatten)]
    pub images: ImagesConfig,
}

impl Settings {
    /// The flags' defaults with the environment ignored: the starting point of settings made in
    /// code (the integration tests), which must not pick up a developer's `DATABASE_URL` or
    /// `REDIS_URL`. One source of defaults: the flag definitions themselves.
    pub fn defaults() -> anyhow::Result<Settings> {
        let command = Settings::augment_args(clap::Command::new("vinops-server"))
            .mut_args(|arg| arg.env(None));
        let matches = command.try_get_matches_from(["vinops-server"])?;
        Ok(Settings::from_arg_matches(&matches)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_flags_defaults() {
        let s = Settings::defaults().expect("defaults parse");
        assert_eq!(s.serve.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(s.serve.ops_addr.to_string(), "127.0.0.1:3900");
        assert!(
            !s.serve.migrate_on_start,
            "production migrates as a step of its own"
        );
        assert_eq!(s.migrate.migrate_lock_timeout_ms, 5000);
        assert!(s.jobs.jobs_enabled);
        assert_eq!(s.storage.media_base_url, "/media");
        assert_eq!(s.cache.redis_url.expose(), "redis://127.0.0.1:6379");
        assert_eq!(s.api.rate_limit_per_min, 60);
    }
}
