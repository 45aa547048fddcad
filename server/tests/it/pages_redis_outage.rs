//! The pages with the Redis cache in front of them, and that Redis going away mid-test: a private
//! redis-server child (never the shared one) is first used, then hung (SIGSTOP), then killed, and
//! the catalog and a VIN page keep answering 200 with the same, correct content from PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::redis_child;

use common::html::texts;
use common::{TestApp, TestDb, wait_cache_up};
use redis_child::{RedisChild, free_port};
use server::cache::{CacheConfig, CacheState};

/// What the pages must show, straight from the database.
struct Expected {
    total: i64,
    /// The catalog's first page in the default order (auction date, then id).
    first_page: Vec<String>,
    vin: String,
    vin_lots: Vec<String>,
}

async fn expected(db: &TestDb) -> Expected {
    let owner = db.owner().await;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .unwrap();
    let first_page: Vec<i64> = sqlx::query_scalar(
        "SELECT lot_number FROM lots ORDER BY auction_at ASC NULLS LAST, id ASC LIMIT 48",
    )
    .fetch_all(&owner)
    .await
    .unwrap();
    let vin: String = sqlx::query_scalar(
        "SELECT vin FROM lots ORDER BY auction_at ASC NULLS LAST, id ASC LIMIT 1",
    )
    .fetch_one(&owner)
    .await
    .unwrap();
    let mut vin_lots: Vec<String> =
        sqlx::query_scalar("SELECT lot_number::text FROM lots WHERE vin = $1")
            .bind(&vin)
            .fetch_all(&owner)
            .await
            .unwrap();
    vin_lots.sort();
    Expected {
        total,
        first_page: first_page.iter().map(i64::to_string).collect(),
        vin,
        vin_lots,
    }
}

/// The catalog (both languages) and the VIN page answer 200 and show the database's data.
async fn assert_pages_correct(app: &TestApp, want: &Expected, when: &str) {
    let en = app.page("/en/cars").await;
    assert_eq!(
        texts(&en, "lot-number"),
        want.first_page,
        "{when}: /en/cars lots"
    );
    assert!(
        en.contains(&format!("{} lots", want.total)),
        "{when}: result count"
    );
    let ru = app.page("/ru/cars").await;
    assert_eq!(
        texts(&ru, "lot-number"),
        want.first_page,
        "{when}: /ru/cars lots"
    );
    assert!(ru.contains("Каталог автомобилей"), "{when}: Russian page");
    let vin = app.page(&format!("/en/vin/{}", want.vin)).await;
    assert!(vin.contains(&want.vin), "{when}: VIN on its page");
    let mut shown = texts(&vin, "vin-lot-number");
    shown.sort();
    assert_eq!(shown, want.vin_lots, "{when}: every lot of the VIN");
}

#[tokio::test]
async fn pages_keep_answering_with_correct_content_when_redis_hangs_and_dies() {
    let mut redis = RedisChild::start(free_port());
    let db = TestDb::with_demo(7, 300).await;
    let want = expected(&db).await;
    assert!(want.total > 100 && want.first_page.len() == 48);

    let prefix = format!("vinops-test-{}", uuid::Uuid::new_v4().simple());
    let cfg = CacheConfig::local(redis.url(), prefix);
    let app = TestApp::builder(db).with_cache(cfg).spawn().await;
    let cache = app.cache().clone();
    wait_cache_up(&cache).await;

    // Redis in use: the first round stores, the second is served from it.
    assert_pages_correct(&app, &want, "redis up, cold").await;
    let cold = cache.counts();
    assert!(
        cold.stores > 0,
        "pages stored their data in Redis: {cold:?}"
    );
    assert_pages_correct(&app, &want, "redis up, warm").await;
    let warm = cache.counts();
    assert!(warm.hits > cold.hits, "pages read Redis: {warm:?}");

    // Hung: every command times out, and the page is built from PostgreSQL.
    redis.pause();
    assert_pages_correct(&app, &want, "redis hung").await;
    assert!(
        cache.counts().errors > warm.errors,
        "the hung Redis was really asked (and timed out)"
    );

    // Dead: connection refused, the client keeps reconnecting in the background.
    redis.kill();
    for round in 0..3 {
        assert_pages_correct(&app, &want, &format!("redis dead, round {round}")).await;
    }
    assert_ne!(cache.status().await.state, CacheState::Up);
}
