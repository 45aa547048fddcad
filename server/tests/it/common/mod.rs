//! Test harness: a fresh PostgreSQL database per test (migrated with the real migrations) and
//! the real app on a random port (`app`). Nothing is mocked.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

mod app;
pub mod files;
pub mod html;

pub use app::{ADMIN_TOKEN, TestApp, scratch_media_dir, seo_config, settings, start};

use server::config::DbConfig;
use sqlx::{Connection, PgConnection, PgPool};

/// Superuser connection used to create and drop test databases.
fn admin_url() -> String {
    std::env::var("TEST_ADMIN_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn host_part() -> String {
    std::env::var("TEST_DATABASE_HOST").unwrap_or_else(|_| "127.0.0.1:5432".to_owned())
}

pub struct TestDb {
    pub name: String,
    pub cfg: DbConfig,
}

impl TestDb {
    /// Creates `vinops_test_<uuid>` owned by the `vinops` role and applies every migration.
    pub async fn new() -> TestDb {
        let name = format!("vinops_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&admin_url())
            .await
            .expect("admin connection");
        // The name is generated here (a UUID), never user input.
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE {name} OWNER vinops"
        )))
        .execute(&mut admin)
        .await
        .expect("create test database");
        admin.close().await.ok();
        let host = host_part();
        let cfg = DbConfig {
            database_url: format!("postgres://vinops@{host}/{name}"),
            etl_database_url: format!("postgres://vinops_etl@{host}/{name}"),
            web_database_url: format!("postgres://vinops_web@{host}/{name}"),
            web_pool_max: 4,
            web_statement_timeout_ms: 5000,
        };
        server::db::migrate(&cfg.database_url)
            .await
            .expect("migrations apply");
        TestDb { name, cfg }
    }

    /// A fresh database with `rows` demo lots (generator seed `seed`) loaded through the ETL.
    pub async fn with_demo(seed: u64, rows: usize) -> TestDb {
        let db = TestDb::new().await;
        let etl = db.etl().await;
        server::demo::load(&etl, seed, rows, 0.0)
            .await
            .expect("demo load");
        db
    }

    pub async fn owner(&self) -> PgPool {
        PgPool::connect(&self.cfg.database_url)
            .await
            .expect("owner pool")
    }

    pub async fn etl(&self) -> PgPool {
        server::db::etl_pool(&self.cfg).await.expect("etl pool")
    }

    pub fn web(&self) -> PgPool {
        server::db::web_pool(&self.cfg).expect("web pool")
    }
}

/// Waits (bounded) until a cache's background Redis connection is up.
pub async fn wait_cache_up(cache: &server::cache::Cache) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while cache.status().await.state != server::cache::CacheState::Up {
        assert!(
            std::time::Instant::now() < deadline,
            "cache never connected"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Images-job settings for the local photo simulator: high rate, short backoffs, retries due
/// at once.
pub fn fast_images() -> server::images::ImagesOptions {
    use std::time::Duration;
    server::images::ImagesOptions {
        max_lots: None,
        rate_per_sec: 2000.0,
        burst: 100,
        retry: server::images::RetryPolicy {
            attempts: 4,
            backoff: Duration::from_millis(10),
            backoff_max: Duration::from_millis(80),
            max_retry_after: Duration::from_secs(10),
        },
        metadata_timeout: Duration::from_secs(5),
        image_timeout: Duration::from_secs(5),
        lot_retry_base: Duration::ZERO,
        ..server::images::ImagesOptions::default()
    }
}
