//! The real site on 127.0.0.1:0, built by `server::startup::App::build` (the start-up `serve`
//! runs) from test settings: [`TestApp::builder`] over a test database, or [`start`] over any
//! settings. Nothing is mocked.

use std::net::SocketAddr;
use std::path::PathBuf;

use server::cache::{Cache, CacheConfig};
use server::config::{ApiConfig, DbConfig, EdgeConfig};
use server::http::ops::OpsAddr;
use server::http::seo::SeoConfig;
use server::startup::{App, Settings};
use server::storage::StorageConfig;

use super::TestDb;

/// The admin token every test app accepts (`with_seo` can set another or none).
pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789abcdef";

/// The SEO settings of test apps: the admin endpoint on (`ADMIN_TOKEN`), the default removal
/// form limits.
pub fn seo_config() -> SeoConfig {
    SeoConfig {
        admin_token: Some(ADMIN_TOKEN.into()),
        ..SeoConfig::default()
    }
}

/// The settings of a test app on `db`: the flags' defaults, except a port the system picks (for
/// the site and for the operator listener), `SITE_URL` the app's own address, no migrations
/// (the test database has them), no jobs, no
/// Redis, a fresh health report per request, the test admin token, and photos in a local store
/// of its own (`media_dir`, which nothing creates until a photo is stored) with the archive
/// beside it (`<media_dir>.archive`).
pub fn settings(db: &DbConfig, media_dir: PathBuf) -> Settings {
    let mut s = Settings::defaults().expect("the flags' defaults");
    s.db = db.clone();
    s.serve.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    s.serve.ops_addr = OpsAddr::At(SocketAddr::from(([127, 0, 0, 1], 0)));
    s.serve.site_url = String::new();
    s.serve.migrate_on_start = false;
    s.jobs.jobs_enabled = false;
    s.cache.redis_url = "off".into();
    s.health.health_cache_ms = 0;
    s.seo = seo_config();
    // The archive (and the suppression journal in it) next to the photos, not in the
    // default `var/archive` of whatever directory the tests run in.
    s.source.archive_dir = media_dir.with_extension("archive");
    s.storage = StorageConfig::local(media_dir);
    s
}

/// A fresh directory path for a test app's local photo store.
pub fn scratch_media_dir() -> PathBuf {
    std::env::temp_dir().join(format!(
        "vinops-test-media-{}",
        uuid::Uuid::new_v4().simple()
    ))
}

/// A site serving in the background (until the test's runtime ends).
pub struct Started {
    pub addr: SocketAddr,
    /// The operator listener's address (`None` with `OPS_ADDR=off`).
    pub ops_addr: Option<SocketAddr>,
    /// The app's query cache (its counters and connection state).
    pub cache: Cache,
}

/// Builds the site from `settings` and serves it in the background.
pub async fn start(settings: Settings) -> Started {
    let app = App::build(settings).await.expect("the app builds");
    let started = Started {
        addr: app.addr(),
        ops_addr: app.ops_addr(),
        cache: app.state().cache.clone(),
    };
    tokio::spawn(async move {
        app.run_until(std::future::pending())
            .await
            .expect("server runs");
    });
    started
}

pub struct TestApp {
    pub addr: SocketAddr,
    /// The operator listener: `/metrics`, `/admin/*`, the full `/health`.
    pub ops_addr: SocketAddr,
    pub db: TestDb,
    pub client: reqwest::Client,
    cache: Cache,
    /// The default local photo store's directory, removed with the app.
    scratch: Option<PathBuf>,
}

/// What [`TestApp::builder`] configures before [`TestAppBuilder::spawn`].
pub struct TestAppBuilder {
    db: TestDb,
    settings: Settings,
    scratch: Option<PathBuf>,
}

impl TestApp {
    /// A test app on `db` with the settings of [`settings`]; change them with the `with_*`
    /// methods.
    pub fn builder(db: TestDb) -> TestAppBuilder {
        let dir = scratch_media_dir();
        TestAppBuilder {
            settings: settings(&db.cfg, dir.clone()),
            db,
            scratch: Some(dir),
        }
    }

    /// `TestApp::builder(db).spawn()`: the default test settings.
    pub async fn spawn(db: TestDb) -> TestApp {
        TestApp::builder(db).spawn().await
    }

    /// The app's query cache (disabled unless a builder method configured Redis).
    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `path` on the operator listener.
    pub fn ops_url(&self, path: &str) -> String {
        format!("http://{}{}", self.ops_addr, path)
    }

    /// `GET path` on the operator listener.
    pub async fn ops_get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.ops_url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// `GET path`, asked again (up to 3 times, 0.5 s apart) while the answer is a 503 with
    /// `Retry-After`: "come back later", which a loaded 2-core machine gives now and then (a
    /// connection not acquired, a statement timeout) and which a browser or crawler would
    /// retry. A page that is broken answers 5xx every time and still fails its test. Tests
    /// of the 503 itself use [`TestApp::get`].
    pub async fn get_settled(&self, path: &str) -> reqwest::Response {
        let mut res = self.get(path).await;
        for _ in 0..3 {
            if res.status().as_u16() != 503 || !res.headers().contains_key("retry-after") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            res = self.get(path).await;
        }
        res
    }

    /// `POST /admin/suppressions` for `vin` on the operator listener with the test admin token,
    /// which must answer 200; the JSON body.
    pub async fn admin_suppress(&self, vin: &str) -> serde_json::Value {
        let res = self
            .client
            .post(self.ops_url("/admin/suppressions"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&serde_json::json!({ "vin": vin, "reason": "owner request" }))
            .send()
            .await
            .expect("request");
        assert_eq!(res.status().as_u16(), 200);
        res.json().await.expect("json")
    }

    /// `DELETE /admin/suppressions/{vin}` on the operator listener with the test admin token,
    /// which must answer 200; the JSON body.
    pub async fn admin_unsuppress(&self, vin: &str) -> serde_json::Value {
        let res = self
            .client
            .delete(self.ops_url(&format!("/admin/suppressions/{vin}")))
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

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = &self.scratch {
            std::fs::remove_dir_all(dir).ok();
        }
    }
}

impl TestAppBuilder {
    /// The query cache on the shared Redis (127.0.0.1:6379) under a key prefix of its own,
    /// the dataset version re-read on every request (so an ETL run shows at once).
    pub fn with_redis(self) -> Self {
        let prefix = format!("vinops-test-{}", uuid::Uuid::new_v4().simple());
        let mut cfg = CacheConfig::local("redis://127.0.0.1:6379", prefix);
        cfg.version_refresh_ms = 0;
        self.with_cache(cfg)
    }

    /// The query cache with these settings.
    pub fn with_cache(mut self, cfg: CacheConfig) -> Self {
        self.settings.cache = cfg;
        self
    }

    /// The JSON API's CORS and rate-limit settings.
    pub fn with_api(mut self, cfg: ApiConfig) -> Self {
        self.settings.api = cfg;
        self
    }

    /// The admin token and removal form settings.
    pub fn with_seo(mut self, cfg: SeoConfig) -> Self {
        self.settings.seo = cfg;
        self
    }

    /// The photo store (and `MEDIA_BASE_URL`): the admin endpoint deletes a suppressed VIN's
    /// photos from it, `/media` serves it when it is a local directory.
    pub fn with_storage(mut self, cfg: StorageConfig) -> Self {
        self.settings.storage = cfg;
        self.scratch = None;
        self
    }

    /// A local photo store in `dir` (the test's own, not removed with the app).
    pub fn with_media_dir(self, dir: PathBuf) -> Self {
        self.with_storage(StorageConfig::local(dir))
    }

    /// The archive (and the suppression journal) in `bucket` on the photo store's S3 server
    /// (`ARCHIVE_S3_BUCKET`; set the storage to S3 first).
    pub fn with_archive_bucket(mut self, bucket: &str) -> Self {
        self.settings.source.archive_s3_bucket = bucket.to_owned();
        self
    }

    /// Pages link photos to `{url}/{storage_key}` (`MEDIA_BASE_URL`).
    pub fn with_media_base(mut self, url: &str) -> Self {
        self.settings.storage.media_base_url = url.to_owned();
        self
    }

    /// The public edge's limits and headers (`HTTP_*`, `HSTS_MAX_AGE_SECS`).
    pub fn with_edge(mut self, cfg: EdgeConfig) -> Self {
        self.settings.serve.edge = cfg;
        self
    }

    /// Builds the app on the test database and serves it in the background.
    pub async fn spawn(self) -> TestApp {
        let started = start(self.settings).await;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            addr: started.addr,
            ops_addr: started
                .ops_addr
                .expect("test apps have an operator listener"),
            db: self.db,
            client,
            cache: started.cache,
            scratch: self.scratch,
        }
    }
}
