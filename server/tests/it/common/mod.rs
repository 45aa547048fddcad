//! Test harness: a fresh PostgreSQL database per test, cloned from a template with the real
//! migrations (`db`), and the real app on a random port (`app`). Nothing is mocked.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

mod app;
mod db;
pub mod files;
pub mod html;

pub use app::{ADMIN_TOKEN, TestApp, scratch_media_dir, seo_config, settings, start};
pub use db::{TestDb, template_name};

/// The full `/health` report (JSON) of an operator listener.
pub async fn ops_health(ops: std::net::SocketAddr) -> serde_json::Value {
    reqwest::Client::new()
        .get(format!("http://{ops}/health"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("/health")
        .json()
        .await
        .expect("/health JSON")
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
