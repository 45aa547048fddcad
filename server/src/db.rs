//! Database pools and migrations (how they run: [`MigrateConfig`], [`migrate`]).

use std::time::Duration;

use anyhow::Context;
use clap::Args;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, PgPool};

use crate::config::DbConfig;
use crate::secret::SecretUrl;
use crate::transport_security;

/// Every schema object, embedded from `migrations/` (rules for writing them:
/// `migrations/README.md`). `/readyz` compares the database with this list.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// How migrations run (`vinops-server migrate`, and `serve` with `MIGRATE_ON_START`): a
/// statement that waits for a lock gives up after `lock_timeout` instead of queueing every
/// query of the site behind it, and none runs longer than `statement_timeout`.
#[derive(Debug, Clone, Args)]
pub struct MigrateConfig {
    /// Longest a migration statement waits for a lock, in milliseconds (PostgreSQL's
    /// `lock_timeout`); the migration then fails and can be retried when the table is quiet.
    #[arg(long, env = "MIGRATE_LOCK_TIMEOUT_MS", default_value_t = 5000)]
    pub migrate_lock_timeout_ms: u64,
    /// Longest one migration statement may run, in milliseconds (`statement_timeout`); an
    /// index built `CONCURRENTLY` on a big table is the long one.
    #[arg(long, env = "MIGRATE_STATEMENT_TIMEOUT_MS", default_value_t = 600_000)]
    pub migrate_statement_timeout_ms: u64,
}

impl Default for MigrateConfig {
    /// The CLI defaults.
    fn default() -> Self {
        MigrateConfig {
            migrate_lock_timeout_ms: 5000,
            migrate_statement_timeout_ms: 600_000,
        }
    }
}

/// Applies this binary's pending migrations over the owner connection (see [`apply`]). A
/// schema ahead of this binary (a newer release migrated it; this one is a rollback or a
/// replica not yet upgraded) is fine by the expand/contract rule (`migrations/README.md`):
/// apply what is missing, never refuse what is newer.
pub async fn migrate(database_url: &SecretUrl, cfg: &MigrateConfig) -> anyhow::Result<()> {
    let mut migrator = Migrator::with_migrations(MIGRATOR.iter().cloned().collect());
    migrator.set_ignore_missing(true);
    apply(database_url, cfg, &migrator).await
}

/// Applies `migrator`'s pending migrations over the owner connection, with `cfg`'s lock and
/// statement timeouts: a migration that waits for a lock held by a long query fails after
/// `lock_timeout` rather than stalling every query queued behind its own lock request (the
/// site's pages included). Retry it when the table is quiet. Two runs at once: the second
/// waits for the first's advisory lock up to the same timeout, then fails.
pub async fn apply(
    database_url: &SecretUrl,
    cfg: &MigrateConfig,
    migrator: &Migrator,
) -> anyhow::Result<()> {
    let opts = connect_options(database_url, "DATABASE_URL")?;
    let opts = opts.application_name("vinops-migrate").options([
        ("lock_timeout", cfg.migrate_lock_timeout_ms.to_string()),
        (
            "statement_timeout",
            cfg.migrate_statement_timeout_ms.to_string(),
        ),
    ]);
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await
        .with_context(|| format!("connecting to {database_url}"))?;
    let applied = migrator.run(&pool).await.context("applying migrations");
    pool.close().await;
    applied
}

/// The read-only pool for pages and the API. Lazy: the server starts (and `/healthz` answers)
/// even while the database is down; queries then fail fast and pages answer 503.
pub fn web_pool(cfg: &DbConfig) -> anyhow::Result<PgPool> {
    let opts = connect_options(&cfg.web_database_url, "WEB_DATABASE_URL")?;
    let opts = opts
        .application_name("vinops-web")
        .options([(
            "statement_timeout",
            cfg.web_statement_timeout_ms.to_string(),
        )])
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(250));
    Ok(PgPoolOptions::new()
        .max_connections(cfg.web_pool_max)
        .acquire_timeout(Duration::from_secs(3))
        .connect_lazy_with(opts))
}

/// The read-write pool for jobs.
pub async fn etl_pool(cfg: &DbConfig) -> anyhow::Result<PgPool> {
    // Set-based ETL statements take seconds by design; warn only when one is far off.
    let opts = etl_options(cfg)?
        .application_name("vinops-etl")
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(30));
    PgPoolOptions::new()
        .max_connections(4)
        .connect_with(opts)
        .await
        .with_context(|| format!("connecting to {}", cfg.etl_database_url))
}

/// The read-write pool of the scheduled jobs inside `serve`. Lazy like the web pool: the site
/// starts while the database is down, and a job firing then fails to claim its slot (another
/// replica may run it). Larger than `etl_pool`: each running job holds one connection for its
/// advisory lock besides its own work.
pub fn jobs_pool(cfg: &DbConfig) -> anyhow::Result<PgPool> {
    let opts = etl_options(cfg)?
        .application_name("vinops-jobs")
        .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(30));
    Ok(PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with(opts))
}

/// The site's small read-write pool (ETL role): removal requests and the admin endpoint. Lazy
/// like the web pool, so the site starts while the database is down; two connections, because
/// these writes are rare and must never compete with the pages for connections.
pub fn site_write_pool(cfg: &DbConfig) -> anyhow::Result<PgPool> {
    let opts = etl_options(cfg)?
        .application_name("vinops-site-write")
        .options([("statement_timeout", "5000")]);
    Ok(PgPoolOptions::new()
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(3))
        .connect_lazy_with(opts))
}

/// The ETL role's connection options (`ETL_DATABASE_URL`), shared by the read-write pools.
fn etl_options(cfg: &DbConfig) -> anyhow::Result<PgConnectOptions> {
    connect_options(&cfg.etl_database_url, "ETL_DATABASE_URL")
}

/// A database URL's connection options. The URL's `sslmode` is obeyed as written; without one,
/// a loopback or Unix-socket connection is plain (`disable`) and any other host gets libpq's
/// default (`prefer`). Why not `prefer` on loopback too: such a connection never leaves the
/// machine, yet a server with `ssl = on` (Debian's default, with a self-signed certificate)
/// would take every local connection through a TLS handshake for nothing — and an ETL run
/// cancelled in the middle of its COPY (a job cancelled at shutdown) has left such a
/// connection's return to the pool hanging, so that `close()` on the pool never finished.
/// Remote URLs should say `verify-full` (`serve` warns when they do not).
pub fn connect_options(url: &SecretUrl, setting: &str) -> anyhow::Result<PgConnectOptions> {
    let opts: PgConnectOptions = url
        .expose()
        .parse()
        .with_context(|| format!("parsing {setting} {url}"))?;
    let explicit = transport_security::query_param(url.expose(), "sslmode").is_some();
    if !explicit && transport_security::is_local(url.expose()) {
        return Ok(opts.ssl_mode(PgSslMode::Disable));
    }
    Ok(opts)
}
