//! A cached catalog page goes stale after an ETL run: the first page is served from Redis (a
//! private redis-server child), a changed export is ingested, and within the dataset-version
//! refresh window the same URL shows the new data (the run's id is part of every key).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::redis_child;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::files::{ingest, lots_of, write_lots};
use common::html::texts;
use common::{TestApp, TestDb, wait_cache_up};
use redis_child::{RedisChild, free_port};
use server::cache::CacheConfig;
use vinops::header::Col;

/// How often the app re-reads the dataset version in this test.
const REFRESH: Duration = Duration::from_millis(500);

async fn lot_count(app: &TestApp) -> i64 {
    let owner = app.db.owner().await;
    sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cached_catalog_page_shows_the_new_data_after_an_etl_run() {
    let redis = RedisChild::start(free_port());
    let db = TestDb::new().await;
    let etl = db.etl().await;
    let lots = lots_of(41, 150);
    ingest(&etl, &write_lots(&lots, false, false)).await;

    let prefix = format!("vinops-test-{}", uuid::Uuid::new_v4().simple());
    let mut cfg = CacheConfig::local(redis.url(), prefix);
    cfg.version_refresh_ms = u64::try_from(REFRESH.as_millis()).unwrap();
    let app = TestApp::builder(db).with_cache(cfg).spawn().await;
    let cache = app.cache().clone();
    wait_cache_up(&cache).await;
    let before_total = lot_count(&app).await;

    // Newest listed first: the lots of a new export lead this page.
    let url = "/en/cars?sort=listed_desc";
    let first = app.page(url).await;
    assert!(first.contains(&format!("{before_total} lots")));
    let stored = cache.counts();
    assert!(stored.stores > 0, "the first page was cached: {stored:?}");
    let again = app.page(url).await;
    assert!(
        cache.counts().hits > stored.hits,
        "the second request was served from Redis"
    );
    assert_eq!(texts(&again, "lot-number"), texts(&first, "lot-number"));

    // The next export: every lot still listed, plus new ones.
    let known: HashSet<String> = lots
        .iter()
        .map(|l| l.field(Col::LotNumber).to_owned())
        .collect();
    let new: Vec<_> = lots_of(42, 12)
        .into_iter()
        .filter(|l| l.bad.is_none() && !known.contains(l.field(Col::LotNumber)))
        .collect();
    assert!(!new.is_empty());
    let mut next = lots.clone();
    next.extend(new.iter().cloned());
    let report = ingest(&etl, &write_lots(&next, false, false)).await;
    assert_eq!(report.status, server::etl::RunStatus::Succeeded);
    let after_total = lot_count(&app).await;
    assert!(after_total > before_total, "the export added lots");

    // Within the refresh window (plus a request's time), the same URL shows the new data.
    let ingested = Instant::now();
    let deadline = ingested + REFRESH + Duration::from_secs(5);
    let fresh = loop {
        let html = app.page(url).await;
        if html.contains(&format!("{after_total} lots")) {
            break html;
        }
        assert!(
            Instant::now() < deadline,
            "still the old page {:?} after the ETL run",
            ingested.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let shown: HashSet<String> = texts(&fresh, "lot-number").into_iter().collect();
    for lot in &new {
        assert!(
            shown.contains(lot.field(Col::LotNumber)),
            "new lot {} leads the newest-listed page",
            lot.field(Col::LotNumber)
        );
    }
    println!(
        "new data shown {:?} after the run (refresh window {REFRESH:?})",
        ingested.elapsed()
    );
}
