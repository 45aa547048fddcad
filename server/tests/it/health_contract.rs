//! `/health` keeps the original system's contract, which its operators script against
//! (`jq .status`, `jq '.services.imageBackfill'`): the JSON of both views validates against the
//! OpenAPI document, each service says `up`/`degraded`/`down` with a message, and the
//! `metrics` numbers are exact — checked against counts written here another way, over data
//! with suppressed VINs, lots gone from the export, stored and missing photos.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sqlx::PgPool;

use crate::common::{TestApp, TestDb};
use crate::openapi_check;

async fn scalar(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn exec(pool: &PgPool, sql: &str) {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test]
async fn the_original_contract_holds_with_exact_numbers_in_both_views() {
    let app = TestApp::spawn(TestDb::with_demo(7, 60).await).await;
    let pool = app.db.owner().await;
    // Photos stored for the first 10 lots (3 each), 4 of them stored in the last 30 minutes
    // and one 2 hours ago; the last 5 lots gone from the export; the first lot's VIN and one
    // without photos suppressed.
    exec(
        &pool,
        "INSERT INTO lot_photos (lot_id, status, photos)
         SELECT id, 'stored', 3 FROM lots ORDER BY id LIMIT 10",
    )
    .await;
    for (limit, age) in [(4, "1 minute"), (5, "2 hours")] {
        exec(
            &pool,
            &format!(
                "INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, source_url, created_at)
                 SELECT id, 2, 'ful', 'k/' || id, sha256(id::text::bytea), 10, 'http://x/' || id,
                        now() - interval '{age}'
                 FROM lots ORDER BY id LIMIT {limit}
                 ON CONFLICT DO NOTHING"
            ),
        )
        .await;
    }
    exec(
        &pool,
        "UPDATE lots SET disappeared_at = now()
         WHERE id IN (SELECT id FROM lots ORDER BY id DESC LIMIT 5)",
    )
    .await;
    exec(
        &pool,
        "INSERT INTO suppressions (vin, reason)
         SELECT vin, 'owner request' FROM (
             (SELECT vin FROM lots ORDER BY id LIMIT 1)
             UNION (SELECT vin FROM lots ORDER BY id DESC LIMIT 1 OFFSET 20)) v",
    )
    .await;

    // The expected numbers, counted another way (NOT IN rather than NOT EXISTS, joins spelled
    // out rather than the view).
    let visible = "vin NOT IN (SELECT vin FROM suppressions)";
    let expected = [
        (
            "totalVehicles",
            scalar(&pool, &format!("SELECT count(*) FROM vehicles WHERE {visible}")).await,
        ),
        (
            "totalLots",
            scalar(&pool, &format!("SELECT count(*) FROM lots WHERE {visible}")).await,
        ),
        (
            "activeLots",
            scalar(
                &pool,
                &format!("SELECT count(*) FROM lots WHERE disappeared_at IS NULL AND {visible}"),
            )
            .await,
        ),
        (
            "vehiclesWithImages",
            scalar(
                &pool,
                &format!(
                    "SELECT count(DISTINCT vin) FROM lots
                     WHERE id IN (SELECT lot_id FROM lot_photos WHERE status = 'stored' AND photos > 0)
                       AND {visible}"
                ),
            )
            .await,
        ),
        (
            "lotsNeedingImages",
            scalar(
                &pool,
                &format!(
                    "SELECT count(*) FROM lots
                     WHERE image_url IS NOT NULL AND disappeared_at IS NULL
                       AND id NOT IN (SELECT lot_id FROM lot_photos) AND {visible}"
                ),
            )
            .await,
        ),
        ("imagesAddedLast30Min", 4),
    ];
    // The data is what the test means it to be: every number is neither 0 nor the total.
    let lots = scalar(&pool, "SELECT count(*) FROM lots").await;
    for (name, n) in &expected {
        assert!(*n > 0 && *n < lots, "{name} = {n} of {lots} lots");
    }

    let public = app
        .client
        .get(app.url("/health"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("public health");
    let (status, _, public) = openapi_check::check(public, "/health").await;
    assert_eq!(status, 200, "{public}");
    let full = app.ops_get("/health?format=json").await;
    let (status, _, full) = openapi_check::check(full, "/health").await;
    assert_eq!(status, 200, "{full}");

    for (view, v) in [("public", &public), ("full", &full)] {
        assert_eq!(v["view"], view);
        assert!(["healthy", "degraded"].contains(&v["status"].as_str().expect("status")));
        chrono::DateTime::parse_from_rfc3339(v["timestamp"].as_str().expect("timestamp"))
            .expect("RFC 3339");
        for (name, n) in &expected {
            assert_eq!(v["metrics"][name], *n, "{view} metrics.{name}: {v}");
        }
        let services = v["services"].as_object().expect("services");
        for name in ["web", "database", "redis", "etl", "imageBackfill", "images"] {
            let s = &services[name];
            assert!(
                ["up", "degraded", "down"].contains(&s["status"].as_str().expect("status")),
                "{view} {name}: {s}"
            );
            assert!(
                s["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{view} {name}"
            );
        }
        assert_eq!(services["web"]["status"], "up");
        assert_eq!(services["database"]["status"], "up");
        let backfill = &services["imageBackfill"];
        assert_eq!(backfill["lotsRemaining"], v["metrics"]["lotsNeedingImages"]);
        assert!(backfill["lastActivity"].is_string(), "{backfill}");
        // 10 lots × 3 photos, one of them now suppressed: photos in storage all the same.
        assert_eq!(services["images"]["total"], 30, "{v}");
        assert!(services["images"]["lastAdded"].is_string());
        // Photos were stored in the window: the images rule is satisfied.
        assert_eq!(services["images"]["status"], "up", "{v}");
    }
    assert!(public["metrics"]["uptimeSeconds"].is_null());
    assert!(full["metrics"]["uptimeSeconds"].is_u64());
    assert!(public["services"]["database"].get("details").is_none());
    assert!(full["services"]["database"]["details"].is_object());

    // The dashboard's catalog grid shows the same numbers.
    let html = app
        .ops_get("/health?format=html")
        .await
        .text()
        .await
        .expect("html");
    let coverage = 100.0 * expected[3].1 as f64 / expected[0].1 as f64;
    for text in [
        "Total Vehicles".to_owned(),
        "Active Lots".to_owned(),
        format!(">{}<", expected[0].1),
        format!(">{}<", expected[2].1),
        format!(">{:.1}%<", (coverage * 10.0).round() / 10.0),
    ] {
        assert!(html.contains(&text), "{text} not on the dashboard");
    }
    // The same dashboard in Russian at /ru/health (the original's per-language path), on both
    // listeners; the JSON there is the same report.
    let ru = app
        .client
        .get(app.url("/ru/health?format=html"))
        .send()
        .await
        .expect("ru dashboard");
    assert_eq!(ru.status().as_u16(), 200);
    let ru = ru.text().await.expect("html");
    assert!(ru.contains(r#"<html lang="ru""#), "{ru}");
    assert!(ru.contains("Всего автомобилей") && ru.contains("Активные лоты"));
    let ru_ops = app.ops_get("/ru/health?format=json").await;
    let (status, _, ru_json) = openapi_check::check(ru_ops, "/health").await;
    assert_eq!(status, 200);
    assert_eq!(
        ru_json["metrics"]["totalLots"],
        full["metrics"]["totalLots"]
    );
}
