//! JSON API v1 against the real router, PostgreSQL and (for the cache test) Redis. Every JSON
//! body is validated against the response schema `openapi.json` documents for its path and
//! status (`schema::check`), so the code and the contract cannot drift apart.

mod edge;
mod http;
mod labels;
use crate::common;
use crate::openapi_check;

use std::collections::HashSet;

use common::{TestApp, TestDb};
use openapi_check::check;
use serde_json::Value;
use server::config::ApiConfig;

const SEARCH: &str = "/api/v1/search";
const OPTIONS: &str = "/api/v1/makes-models";
const VEHICLE: &str = "/api/v1/vehicles/{vin}";

/// Generous limits, so only the rate-limit test ever sees a 429.
fn api_cfg() -> ApiConfig {
    ApiConfig {
        rate_limit_per_min: 100_000,
        rate_limit_burst: 10_000,
        ..ApiConfig::default()
    }
}

async fn demo_db(rows: usize) -> TestDb {
    TestDb::with_demo(7, rows).await
}

async fn app_with_demo(rows: usize) -> TestApp {
    let db = demo_db(rows).await;
    TestApp::builder(db).with_api(api_cfg()).spawn().await
}

async fn get(
    app: &TestApp,
    path: &str,
    template: &str,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let res = app.get(path).await;
    check(res, template).await
}

async fn lot_count(app: &TestApp, filter: &str) -> i64 {
    let pool = app.db.owner().await;
    let sql = format!(
        "SELECT count(*) FROM lots l JOIN vehicles v USING (vin)
         WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin) {filter}"
    );
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(&pool)
        .await
        .expect("count")
}

/// Walks every page of `query` via nextCursor; returns the lot numbers in order.
async fn walk(app: &TestApp, query: &str) -> Vec<i64> {
    let mut lots = Vec::new();
    let mut path = format!("{SEARCH}?{query}");
    for _ in 0..100 {
        let (status, _, body) = get(app, &path, SEARCH).await;
        assert_eq!(status, 200, "{path}: {body}");
        for item in body["items"].as_array().expect("items") {
            lots.push(item["lotNumber"].as_i64().expect("lot number is a number"));
        }
        match body["nextCursor"].as_str() {
            Some(c) => path = format!("{SEARCH}?{query}&cursor={c}"),
            None => return lots,
        }
    }
    panic!("no last page after 100 pages");
}

#[tokio::test]
async fn search_pages_walk_every_lot_exactly_once() {
    let app = app_with_demo(150).await;
    let expected = lot_count(&app, "").await;
    let (status, headers, first) = get(&app, &format!("{SEARCH}?limit=40"), SEARCH).await;
    assert_eq!(status, 200);
    assert_eq!(first["total"], expected);
    assert_eq!(first["totalCapped"], false);
    assert_eq!(first["items"].as_array().expect("items").len(), 40);
    assert_eq!(
        headers["cache-control"],
        "public, max-age=60, stale-while-revalidate=300"
    );
    assert_eq!(headers["x-api-version"], "1");
    let item = &first["items"][0];
    assert!(item["currentBidCents"].is_i64(), "money is a JSON number");
    assert!(item["lotNumber"].is_i64());
    for sort in ["auction_asc", "year_desc", "odometer_asc", "bid_desc"] {
        let lots = walk(&app, &format!("limit=40&sort={sort}")).await;
        let unique: HashSet<i64> = lots.iter().copied().collect();
        assert_eq!(unique.len(), lots.len(), "{sort}: no duplicates");
        assert_eq!(
            i64::try_from(lots.len()).expect("len"),
            expected,
            "{sort}: all lots"
        );
    }
}

#[tokio::test]
async fn search_filters_and_refuses_bad_parameters() {
    let app = app_with_demo(150).await;
    let pool = app.db.owner().await;
    let (make, n): (String, i64) = sqlx::query_as(
        "SELECT v.make, count(*) FROM lots l JOIN vehicles v USING (vin)
         WHERE v.make IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a make");
    let q = format!("make={}&limit=100", make.replace(' ', "+"));
    let (status, _, body) = get(&app, &format!("{SEARCH}?{q}"), SEARCH).await;
    assert_eq!(status, 200);
    assert_eq!(body["total"], n);
    let items = body["items"].as_array().expect("items");
    assert!(items.iter().all(|i| i["make"] == make.as_str()));

    // Three filters: the shorter Cache-Control.
    let (status, headers, _) = get(
        &app,
        &format!("{SEARCH}?{q}&year_from=1990&year_to=2030"),
        SEARCH,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["cache-control"],
        "public, max-age=30, stale-while-revalidate=120"
    );

    for (query, status, code) in [
        ("sort=cheapest", 400, "INVALID_QUERY"),
        ("year=abc", 400, "INVALID_QUERY"),
        ("make=A&make=B", 400, "INVALID_QUERY"),
        ("cursor=garbage", 400, "INVALID_CURSOR"),
        ("cursor=v1.auction_asc.5", 400, "INVALID_CURSOR"),
        (
            "sort=year_desc&cursor=v1.auction_asc.5.1",
            400,
            "INVALID_CURSOR",
        ),
        ("year_from=2020&year_to=2010", 422, "CONFLICTING_PARAMS"),
        ("bid_min=900&bid_max=100", 422, "CONFLICTING_PARAMS"),
        ("odometer_min=9&odometer_max=8", 422, "CONFLICTING_PARAMS"),
        (
            "auction=today&auction_to=2026-12-31",
            422,
            "CONFLICTING_PARAMS",
        ),
        ("keys=maybe", 400, "INVALID_QUERY"),
        ("buy_it_now=yes", 400, "INVALID_QUERY"),
        ("auction_from=12/01/2026", 400, "INVALID_QUERY"),
        ("tz=9999&auction=today", 400, "INVALID_QUERY"),
    ] {
        let (got, headers, body) = get(&app, &format!("{SEARCH}?{query}"), SEARCH).await;
        assert_eq!(got, status, "{query}: {body}");
        assert_eq!(body["error"]["code"], code, "{query}");
        assert_eq!(headers["cache-control"], "no-store, must-revalidate");
        assert!(body["traceId"].as_str().is_some_and(|t| t.len() == 36));
    }
}

/// A misspelt filter must not quietly answer the unfiltered list: every operation refuses a
/// name it does not take, naming it, while the pages keep ignoring them (campaign tags).
#[tokio::test]
async fn unknown_parameters_are_refused_by_name_and_ignored_by_pages() {
    let app = app_with_demo(30).await;
    let pool = app.db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a VIN");
    let vehicle = format!("/api/v1/vehicles/{vin}");
    for (path, schema) in [
        (SEARCH, SEARCH),
        (OPTIONS, OPTIONS),
        (vehicle.as_str(), VEHICLE),
    ] {
        let (status, _, _) = get(&app, path, schema).await;
        assert_eq!(status, 200, "{path} without extras");
        for extra in ["maek=BMW", "make=BMW&yaer=2010", "utm_source=x"] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = format!("{path}{sep}{extra}");
            if path == vehicle && extra.starts_with("make=") {
                continue;
            }
            let (status, headers, body) = get(&app, &url, schema).await;
            assert_eq!(status, 400, "{url}: {body}");
            assert_eq!(body["error"]["code"], "INVALID_QUERY", "{url}");
            let name = extra.rsplit('&').next().and_then(|p| p.split('=').next());
            let details = body["error"]["details"].as_str().unwrap_or_default();
            assert!(
                details.contains(&format!("{:?}", name.expect("a name"))),
                "{url}: {details}"
            );
            assert_eq!(headers["cache-control"], "no-store, must-revalidate");
        }
    }
    // Search parameters are still accepted by the dropdowns (documented).
    let (status, _, _) = get(&app, &format!("{OPTIONS}?sort=year_desc&limit=5"), OPTIONS).await;
    assert_eq!(status, 200);
    let vin_page = format!("/en/vin/{vin}?fbclid=1");
    for page in [
        "/en/cars?utm_source=x&maek=BMW",
        "/ru?gclid=1",
        vin_page.as_str(),
    ] {
        // A page answers, or redirects to its canonical URL without the unknown names: no 400.
        let res = app.get_settled(page).await;
        match res.status().as_u16() {
            200 => {}
            301 => {
                let to = res.headers()["location"].to_str().expect("ascii");
                assert!(!to.contains("maek") && !to.contains("utm"), "{page} → {to}");
            }
            other => panic!("{page}: {other}"),
        }
    }
}

#[tokio::test]
async fn makes_models_apply_the_thresholds() {
    let app = app_with_demo(300).await;
    let pool = app.db.owner().await;
    let over = |sql: &str| {
        let pool = pool.clone();
        let sql = sql.to_owned();
        async move {
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql))
                .fetch_all(&pool)
                .await
                .expect("query")
        }
    };
    let base = "FROM lots l JOIN vehicles v USING (vin) WHERE v.make <> ''";
    let makes = over(&format!(
        "SELECT v.make {base} GROUP BY 1 HAVING count(*) >= 10 ORDER BY 1"
    ))
    .await;
    let rare = over(&format!(
        "SELECT v.make {base} GROUP BY 1 HAVING count(*) < 10"
    ))
    .await;
    let (status, headers, body) = get(&app, OPTIONS, OPTIONS).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["cache-control"],
        "public, max-age=600, stale-while-revalidate=1800"
    );
    let got: Vec<String> = serde_json::from_value(body["makes"].clone()).expect("makes");
    assert_eq!(got, makes, "makes with >= 10 lots, alphabetical");
    assert!(!makes.is_empty() && !rare.is_empty(), "demo data has both");
    assert_eq!(
        body["models"],
        serde_json::json!([]),
        "no models without a make"
    );

    let make = &makes[0];
    let models = over(&format!(
        "SELECT v.model {base} AND v.make = '{make}' AND v.model <> ''
         GROUP BY 1 HAVING count(*) >= 10 ORDER BY 1"
    ))
    .await;
    let path = format!("{OPTIONS}?make={}", make.replace(' ', "+"));
    let (status, _, body) = get(&app, &path, OPTIONS).await;
    assert_eq!(status, 200);
    let got: Vec<String> = serde_json::from_value(body["models"].clone()).expect("models");
    assert_eq!(got, models);

    let (status, _, body) = get(&app, &format!("{OPTIONS}?model=X"), OPTIONS).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "CONFLICTING_PARAMS");
    let (status, _, _) = get(&app, &format!("{OPTIONS}?type=cars"), OPTIONS).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn vehicles_found_missing_suppressed_and_invalid() {
    let app = app_with_demo(60).await;
    let pool = app.db.owner().await;
    let (vin, lot): (String, i64) =
        sqlx::query_as("SELECT vin, lot_number FROM lots ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("a lot");
    // Inferred sold: its bid is the last one before the sale, and says so.
    sqlx::query("UPDATE lots SET outcome = 'sold' WHERE lot_number = $1")
        .bind(lot)
        .execute(&pool)
        .await
        .expect("outcome");
    let path = format!("/api/v1/vehicles/{vin}");
    let (status, headers, body) = get(&app, &path, VEHICLE).await;
    assert_eq!(status, 200);
    assert_eq!(body["vehicle"]["vin"], vin.as_str());
    let lots = body["lots"].as_array().expect("lots");
    assert!(lots.iter().any(|l| l["lotNumber"] == lot));
    for l in lots {
        let want = if l["lotNumber"] == lot {
            "inferred_sale"
        } else {
            "last_seen_bid"
        };
        assert_eq!(l["currentBidSource"], want);
    }
    // The same provenance on the lot's search item (the catalog's card).
    let (make, model): (String, String) =
        sqlx::query_as("SELECT make, model FROM lots WHERE lot_number = $1")
            .bind(lot)
            .fetch_one(&pool)
            .await
            .expect("make and model");
    let search = format!(
        "{SEARCH}?make={}&model={}&limit=100",
        make.replace(' ', "+"),
        model.replace(' ', "+")
    );
    let (status, _, found) = get(&app, &search, SEARCH).await;
    assert_eq!(status, 200, "{found}");
    let items = found["items"].as_array().expect("items");
    assert!(items.iter().any(|i| i["lotNumber"] == lot), "{found}");
    for i in items {
        let want = if i["lotNumber"] == lot {
            "inferred_sale"
        } else {
            "last_seen_bid"
        };
        assert_eq!(i["currentBidSource"], want, "{i}");
    }
    assert!(
        lots[0]
            .as_object()
            .expect("lot")
            .contains_key("outcomeConfidence")
    );
    assert_eq!(
        headers["cache-control"],
        "public, max-age=60, stale-while-revalidate=300"
    );

    // Lower case is accepted as is (documented), same body.
    let (status, _, lower) = get(
        &app,
        &format!("/api/v1/vehicles/{}", vin.to_lowercase()),
        VEHICLE,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(lower, body);

    let (status, _, body) = get(&app, "/api/v1/vehicles/12345678901", VEHICLE).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("NOT_FOUND"))
    );
    for bad in ["abcoOq12345", "SHORT", "1HGCM82633A00435!"] {
        let (status, _, body) = get(&app, &format!("/api/v1/vehicles/{bad}"), VEHICLE).await;
        assert_eq!(status, 422, "{bad}");
        assert_eq!(body["error"]["code"], "INVALID_VIN");
    }

    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'owner request')")
        .bind(&vin)
        .execute(&pool)
        .await
        .expect("suppress");
    let (status, _, body) = get(&app, &path, VEHICLE).await;
    assert_eq!(status, 410);
    assert_eq!(body["error"]["code"], "SUPPRESSED");
    // Suppressed lots leave search too.
    let (_, _, page) = get(&app, &format!("{SEARCH}?limit=100"), SEARCH).await;
    let items = page["items"].as_array().expect("items");
    assert!(items.iter().all(|i| i["vin"] != vin.as_str()));
}

#[tokio::test]
async fn etag_answers_304_without_a_body() {
    let app = app_with_demo(30).await;
    for path in [SEARCH, OPTIONS, "/api/v1/openapi.json"] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        let etag = res.headers()["etag"].to_str().expect("etag").to_owned();
        assert!(
            etag.starts_with('"') && !etag.starts_with("W/"),
            "strong: {etag}"
        );
        let cc = res.headers()["cache-control"].clone();
        let res = app
            .client
            .get(app.url(path))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("request");
        assert_eq!(res.status().as_u16(), 304, "{path}");
        assert_eq!(res.headers()["etag"], etag.as_str());
        assert_eq!(res.headers()["cache-control"], cc);
        assert!(res.bytes().await.expect("body").is_empty());
        let res = app
            .client
            .get(app.url(path))
            .header("if-none-match", "\"stale\"")
            .send()
            .await
            .expect("request");
        assert_eq!(res.status().as_u16(), 200, "{path}");
    }
}

#[tokio::test]
async fn cached_first_page_goes_stale_only_with_a_new_etl_run() {
    let db = demo_db(60).await;
    let app = TestApp::builder(db)
        .with_redis()
        .with_api(api_cfg())
        .spawn()
        .await;
    common::wait_cache_up(app.cache()).await;
    let path = format!("{SEARCH}?limit=20");
    let (_, _, before) = get(&app, &path, SEARCH).await;
    assert_eq!(before["total"], 60);

    // A change without an ETL run: the first page is served from Redis, unchanged...
    let pool = app.db.owner().await;
    let vin = before["items"][0]["vin"].as_str().expect("vin").to_owned();
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&vin)
        .execute(&pool)
        .await
        .expect("suppress");
    let (_, _, cached) = get(&app, &path, SEARCH).await;
    assert_eq!(cached, before, "first page comes from the cache");
    // ...while a cursor page is never cached: it reads the database.
    let cursor = before["nextCursor"].as_str().expect("cursor");
    let (_, _, second) = get(&app, &format!("{path}&cursor={cursor}"), SEARCH).await;
    assert!(
        second["total"].as_i64().expect("total") < 60,
        "cursor page is fresh"
    );

    // A new successful ETL run changes the dataset version: the cached page is gone.
    vinops_dev::demo::load_as_export(&app.db.etl().await, 8, 40, 0.0)
        .await
        .expect("second export");
    let (_, _, after) = get(&app, &path, SEARCH).await;
    let fresh = vinops::read::catalog_page(
        &app.db.web(),
        &vinops::catalog::CatalogQuery::from_pairs([("limit", "20")]).expect("query"),
        None,
    )
    .await
    .expect("read model");
    assert_eq!(after["total"], fresh.total);
    assert_ne!(after, before);
    let items = after["items"].as_array().expect("items");
    assert!(items.iter().all(|i| i["vin"] != vin.as_str()));
}

/// The keys under `prefix` in one cache namespace, on the shared Redis.
async fn cache_keys(prefix: &str, namespace: &str) -> Vec<String> {
    use fred::prelude::ClientLike;
    use futures_util::TryStreamExt;
    let config = fred::prelude::Config::from_url("redis://127.0.0.1:6379").expect("url");
    let client = fred::prelude::Builder::from_config(config)
        .build()
        .expect("client");
    client.init().await.expect("raw redis connection");
    let keys: Vec<fred::types::Key> = client
        .scan_buffered(format!("{prefix}:*:{namespace}:*"), Some(1000), None)
        .try_collect()
        .await
        .expect("scan");
    keys.into_iter()
        .map(|k| k.into_string().expect("text key"))
        .collect()
}

/// The catalog page and the API's search read the same first page from one Redis entry (and
/// the page's dropdowns and makes-models from another), whichever of the two comes first; the
/// counters behind /metrics and /health count both readers.
#[tokio::test]
async fn a_page_and_the_api_share_one_cache_entry_per_first_page() {
    let db = demo_db(60).await;
    let app = TestApp::builder(db)
        .with_redis()
        .with_api(api_cfg())
        .spawn()
        .await;
    let cache = app.cache().clone();
    common::wait_cache_up(&cache).await;
    let prefix = cache.prefix().to_owned();
    let direct = vinops::read::catalog_page(&app.db.web(), &Default::default(), None)
        .await
        .expect("read model");

    // Reads the dataset version once: the page reads its two entries concurrently, and a read
    // that finds the version being read for the first time goes without the cache.
    let any = vinops::read::ReadKey::new(vinops::read::ReadKind::FilterOptions, "");
    assert!(cache.key_for(&any).await.is_some(), "dataset version known");

    // The page first: it stores the first page and the dropdowns.
    app.page("/en/cars").await;
    let after_page = cache.counts();
    assert_eq!(cache_keys(&prefix, "catalog-page").await.len(), 1);
    assert_eq!(cache_keys(&prefix, "filter-options").await.len(), 1);

    // Taken out of the database without an ETL run (so the dataset version stays): only the
    // page's entry still has this lot first.
    let vin = direct.items[0].vin.clone();
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&vin)
        .execute(&app.db.owner().await)
        .await
        .expect("suppress");
    let (status, _, body) = get(&app, SEARCH, SEARCH).await;
    assert_eq!(status, 200);
    assert_eq!(
        body["items"][0]["vin"],
        vin.as_str(),
        "served from the page's entry"
    );
    assert_eq!(body["total"], 60);
    let (status, _, _) = get(&app, OPTIONS, OPTIONS).await;
    assert_eq!(status, 200);
    let after_api = cache.counts();
    assert_eq!(after_api.hits, after_page.hits + 2, "{after_api:?}");
    assert_eq!(
        (after_api.misses, after_api.stores),
        (after_page.misses, after_page.stores),
        "the API stored nothing of its own"
    );
    assert_eq!(cache_keys(&prefix, "catalog-page").await.len(), 1);
    assert_eq!(cache_keys(&prefix, "filter-options").await.len(), 1);

    // The API first, for another first page: the page then reads the API's entry.
    let make = direct.items[1].make.clone().expect("demo lots have a make");
    let query = vinops::catalog::CatalogQuery {
        make: Some(make),
        ..Default::default()
    }
    .to_query_string();
    let (status, _, _) = get(&app, &format!("{SEARCH}?{query}"), SEARCH).await;
    assert_eq!(status, 200);
    let before_page = cache.counts();
    assert_eq!(before_page.stores, after_api.stores + 1);
    app.page(&format!("/en/cars?{query}")).await;
    let after = cache.counts();
    assert_eq!(cache_keys(&prefix, "catalog-page").await.len(), 2);
    // The make's first page was a hit; its dropdowns (a selection the API had not asked for) a
    // miss, now stored.
    assert_eq!(after.hits, before_page.hits + 1, "{after:?}");
    assert_eq!(after.stores, before_page.stores + 1, "{after:?}");
    assert_eq!(cache_keys(&prefix, "filter-options").await.len(), 2);

    let metrics = app.ops_get("/metrics").await.text().await.expect("body");
    let hits = format!(
        r#"vinops_cache_requests_total{{result="hit"}} {}"#,
        after.hits
    );
    assert!(metrics.contains(&hits), "{hits} in\n{metrics}");
    let health: Value = app
        .ops_get("/health")
        .await
        .json()
        .await
        .expect("health JSON");
    assert_eq!(health["services"]["redis"]["details"]["hits"], after.hits);
    assert_eq!(
        health["services"]["redis"]["details"]["misses"],
        after.misses
    );
}
