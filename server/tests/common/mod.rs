//! Test harness: a fresh PostgreSQL database per test (migrated with the real migrations) and
//! the real app on a random port. Nothing is mocked.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod files;
pub mod html;

use std::net::SocketAddr;

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

static MIGRATE_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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

pub struct TestApp {
    pub addr: SocketAddr,
    pub db: TestDb,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// `POST /admin/suppressions` for `vin` with the test admin token, which must answer 200;
    /// the JSON body.
    pub async fn admin_suppress(&self, vin: &str) -> serde_json::Value {
        let res = self
            .client
            .post(self.url("/admin/suppressions"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&serde_json::json!({ "vin": vin, "reason": "owner request" }))
            .send()
            .await
            .expect("request");
        assert_eq!(res.status().as_u16(), 200);
        res.json().await.expect("json")
    }

    /// `DELETE /admin/suppressions/{vin}` with the test admin token, which must answer 200;
    /// the JSON body.
    pub async fn admin_unsuppress(&self, vin: &str) -> serde_json::Value {
        let res = self
            .client
            .delete(self.url(&format!("/admin/suppressions/{vin}")))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .expect("request");
        assert_eq!(res.status().as_u16(), 200);
        res.json().await.expect("json")
    }

    /// The body of `GET path`, which must answer 200.
    pub async fn page(&self, path: &str) -> String {
        let res = self.get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        res.text().await.expect("body")
    }
}

/// Starts the real router (Leptos pages included) on 127.0.0.1:0 against a fresh database,
/// without the Redis cache and with the default API settings.
pub async fn spawn_app(db: TestDb) -> TestApp {
    spawn_app_with(
        db,
        server::cache::Cache::disabled(),
        server::config::ApiConfig::default(),
    )
    .await
}

/// A cache on the shared Redis (127.0.0.1:6379) under a key prefix of its own, versioned by the
/// test database's last ETL run (re-read on every request, so a run shows at once).
pub fn redis_cache(db: &TestDb) -> server::cache::Cache {
    let prefix = format!("vinops-test-{}", uuid::Uuid::new_v4().simple());
    let mut cfg = server::cache::CacheConfig::local("redis://127.0.0.1:6379", prefix);
    cfg.version_refresh_ms = 0;
    let versions = server::cache::DatasetVersion::from_db(db.web(), cfg.version_refresh());
    server::cache::Cache::connect(&cfg, Some(versions)).expect("cache config")
}

/// The admin token every test app accepts (`spawn_app_seo` can set another or none).
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef";

/// The SEO settings of test apps: the admin endpoint on (`ADMIN_TOKEN`), the default removal
/// form limits.
pub fn seo_config() -> server::http::seo::SeoConfig {
    server::http::seo::SeoConfig {
        admin_token: Some(ADMIN_TOKEN.to_owned()),
        ..server::http::seo::SeoConfig::default()
    }
}

/// Like `spawn_app`, with the given cache and API settings.
pub async fn spawn_app_with(
    db: TestDb,
    cache: server::cache::Cache,
    api: server::config::ApiConfig,
) -> TestApp {
    spawn_app_full(db, cache, api, seo_config(), None).await
}

/// Like `spawn_app_with`, with the given SEO settings (admin token, removal form limits).
/// `SITE_URL` is the app's own address.
pub async fn spawn_app_seo(
    db: TestDb,
    cache: server::cache::Cache,
    api: server::config::ApiConfig,
    seo: server::http::seo::SeoConfig,
) -> TestApp {
    spawn_app_full(db, cache, api, seo, None).await
}

/// Like `spawn_app`, serving `/media` from a local photo store in `media_dir`.
pub async fn spawn_app_with_media(db: TestDb, media_dir: std::path::PathBuf) -> TestApp {
    let store = server::storage::Storage::Local(server::storage::LocalStore::new(media_dir));
    spawn_app_with_store(db, store).await
}

/// Like `spawn_app`, with a photo store: the admin endpoint deletes a suppressed VIN's photos
/// from it, and `/media` serves it when it is the local one.
pub async fn spawn_app_with_store(db: TestDb, store: server::storage::Storage) -> TestApp {
    spawn_app_full(
        db,
        server::cache::Cache::disabled(),
        server::config::ApiConfig::default(),
        seo_config(),
        Some(store),
    )
    .await
}

async fn spawn_app_full(
    db: TestDb,
    cache: server::cache::Cache,
    api: server::config::ApiConfig,
    seo: server::http::seo::SeoConfig,
    store: Option<server::storage::Storage>,
) -> TestApp {
    let media_dir = store
        .as_ref()
        .and_then(|s| s.local_dir())
        .map(std::path::Path::to_path_buf);
    let addr = serve_router(|addr, leptos| {
        let seo = server::http::seo::SeoState::new(
            &seo,
            &format!("http://{addr}"),
            &db.cfg,
            vec![],
            store,
        )
        .expect("valid SEO config");
        server::http::AppState {
            leptos,
            web_pool: db.web(),
            cache,
            api,
            health: server::health::Monitor::default(),
            seo,
            media_dir,
        }
    })
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp { addr, db, client }
}

/// Binds 127.0.0.1:0 and serves the real router in the background over the state `state`
/// builds for that address; returns the address.
pub async fn serve_router(
    state: impl FnOnce(SocketAddr, leptos::prelude::LeptosOptions) -> server::http::AppState,
) -> SocketAddr {
    let mut leptos = leptos::prelude::LeptosOptions::builder()
        .output_name("vinops")
        .site_root("target/site")
        .build();
    let listener = server::http::bind("127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("bind");
    let addr = axum::serve::Listener::local_addr(&listener).expect("local addr");
    leptos.site_addr = addr;
    let app = server::http::router(state(addr, leptos)).expect("valid API config");
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("server runs");
    });
    addr
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
