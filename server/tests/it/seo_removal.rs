//! VIN page status codes and validators, the removal form, the admin endpoint, and the full
//! suppress → 410 → unsuppress cycle across pages, API, sitemaps and the Redis cache. Real
//! PostgreSQL and Redis, the real router.

use crate::common;

use std::io::Read;

use common::html::form_body;
use common::{ADMIN_TOKEN, TestApp, TestDb, wait_cache_up};
use server::http::seo::SeoConfig;

async fn demo_db(rows: usize) -> TestDb {
    TestDb::with_demo(5, rows).await
}

async fn app(rows: usize, seo: SeoConfig) -> TestApp {
    TestApp::builder(demo_db(rows).await)
        .with_seo(seo)
        .spawn()
        .await
}

async fn some_vin(app: &TestApp) -> String {
    let pool = app.db.owner().await;
    sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a vin")
}

async fn get_with(app: &TestApp, path: &str, name: &str, value: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header(name, value)
        .send()
        .await
        .expect("request")
}

/// The form's token on the VIN page.
async fn form_token(app: &TestApp, lang: &str, vin: &str) -> String {
    let page = app
        .get(&format!("/{lang}/vin/{vin}"))
        .await
        .text()
        .await
        .expect("body");
    common::html::removal_form_token(&page)
}

async fn post_form(
    app: &TestApp,
    lang: &str,
    vin: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let body = form_body(fields);
    let mut req = app
        .client
        .post(app.url(&format!("/{lang}/vin/{vin}/removal")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.expect("request")
}

async fn requests(app: &TestApp, vin: &str) -> Vec<(String, String, Option<String>, String)> {
    let pool = app.db.owner().await;
    sqlx::query_as(
        "SELECT lang, reason, contact, status FROM removal_requests WHERE vin = $1 ORDER BY id",
    )
    .bind(vin)
    .fetch_all(&pool)
    .await
    .expect("requests")
}

#[tokio::test]
async fn vin_page_answers_each_status_and_conditional_requests() {
    let app = app(60, common::seo_config()).await;
    let vin = some_vin(&app).await;
    let path = format!("/en/vin/{vin}");

    let res = app.get(&path).await;
    assert_eq!(res.status().as_u16(), 200);
    let etag = res.headers()["etag"].to_str().expect("etag").to_owned();
    let modified = res.headers()["last-modified"]
        .to_str()
        .expect("date")
        .to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=60, must-revalidate"
    );

    let res = get_with(&app, &path, "if-none-match", &etag).await;
    assert_eq!(res.status().as_u16(), 304);
    assert_eq!(res.headers()["etag"], etag.as_str());
    assert!(res.bytes().await.expect("body").is_empty());
    let res = get_with(&app, &path, "if-modified-since", &modified).await;
    assert_eq!(res.status().as_u16(), 304);
    let res = get_with(
        &app,
        &path,
        "if-modified-since",
        "Mon, 01 Jan 2001 00:00:00 GMT",
    )
    .await;
    assert_eq!(res.status().as_u16(), 200, "older copy");
    let res = get_with(&app, &path, "if-none-match", "W/\"other\"").await;
    assert_eq!(res.status().as_u16(), 200, "other ETag");
    // Each language is its own representation.
    let res = get_with(&app, &format!("/ru/vin/{vin}"), "if-none-match", &etag).await;
    assert_eq!(res.status().as_u16(), 200);

    // A change to the vehicle moves Last-Modified (and the ETag) forward.
    let owner = app.db.owner().await;
    sqlx::query("UPDATE lots SET updated_at = now() + interval '1 hour' WHERE vin = $1")
        .bind(&vin)
        .execute(&owner)
        .await
        .expect("touch");
    let res = get_with(&app, &path, "if-none-match", &etag).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_ne!(res.headers()["etag"].to_str().expect("etag"), etag);

    // 301, 404, 410: no validators, no 304.
    let res = app.get(&format!("/en/vin/{}", vin.to_lowercase())).await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(res.headers()["location"], path.as_str());
    let res = get_with(&app, "/en/vin/1HGCM82633A999999", "if-none-match", "*").await;
    assert_eq!(res.status().as_u16(), 404);
    assert!(res.headers().get("etag").is_none());
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&vin)
        .execute(&owner)
        .await
        .expect("suppress");
    let res = get_with(&app, &path, "if-none-match", &etag).await;
    assert_eq!(res.status().as_u16(), 410);
    assert!(res.headers().get("etag").is_none());
    let page = res.text().await.expect("body");
    assert!(page.contains("Removed on request"));
    let res = app.get(&format!("/ru/vin/{vin}")).await;
    assert_eq!(res.status().as_u16(), 410);
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Удалено по запросу")
    );
}

#[tokio::test]
async fn vin_page_is_503_with_retry_after_when_the_database_is_down() {
    let mut db = TestDb::new().await;
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    let app = common::TestApp::spawn(db).await;
    let res = get_with(&app, "/en/vin/1HGCM82633A004352", "if-none-match", "*").await;
    assert_eq!(res.status().as_u16(), 503);
    assert_eq!(res.headers()["retry-after"], "60");
    assert!(res.headers().get("etag").is_none());
}

#[tokio::test]
async fn suppress_then_unsuppress_reaches_pages_api_sitemaps_and_the_cache() {
    let db = demo_db(150).await;
    let app = TestApp::builder(db).with_redis().spawn().await;
    wait_cache_up(app.cache()).await;

    // A VIN on the first page of both the catalog and the API search (both cached).
    let search: serde_json::Value = app.get("/api/v1/search").await.json().await.expect("json");
    let vin = search["items"][0]["vin"]
        .as_str()
        .expect("a vin")
        .to_owned();
    let lot = search["items"][0]["lotNumber"].as_i64().expect("lot");
    let catalog = app.get("/en/cars").await.text().await.expect("body");
    assert!(
        catalog.contains(&format!("/en/vin/{vin}")),
        "on the first page"
    );
    // Served from Redis now.
    let again = app.get("/en/cars").await.text().await.expect("body");
    assert!(again.contains(&format!("/en/vin/{vin}")));

    let visible = |vin: String| {
        let app = &app;
        async move {
            let page = app.get(&format!("/en/vin/{vin}")).await.status().as_u16();
            let ru = app.get(&format!("/ru/vin/{vin}")).await.status().as_u16();
            let res = app.get(&format!("/api/v1/vehicles/{vin}")).await;
            let api = res.status().as_u16();
            let api_body: serde_json::Value = res.json().await.expect("json");
            let search: serde_json::Value =
                app.get("/api/v1/search").await.json().await.expect("json");
            let in_search = search["items"]
                .as_array()
                .expect("items")
                .iter()
                .any(|i| i["vin"] == vin.as_str());
            let catalog = app.get("/en/cars").await.text().await.expect("body");
            let in_catalog = catalog.contains(&format!("/en/vin/{vin}"));
            let shard = app
                .get("/sitemaps/vins-en-1-0.xml.gz")
                .await
                .bytes()
                .await
                .expect("shard");
            let mut xml = String::new();
            flate2::read::GzDecoder::new(&shard[..])
                .read_to_string(&mut xml)
                .expect("gzip");
            let in_sitemap = xml.contains(&format!("/vin/{vin}<"));
            let lot_search = app
                .get(&format!("/en/search?q={lot}"))
                .await
                .status()
                .as_u16();
            (
                (page, ru, api, api_body["error"]["code"].clone()),
                (in_search, in_catalog, in_sitemap, lot_search),
            )
        }
    };

    // The dropdowns' counts (lots per make), rebuilt with each suppress and unsuppress.
    let owner = app.db.owner().await;
    let facet_lots = || {
        let owner = owner.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT sum(lots)::bigint FROM catalog_attr_facets WHERE facet = 'make'",
            )
            .fetch_one(&owner)
            .await
            .expect("facets")
        }
    };
    let vin_lots: i64 =
        sqlx::query_scalar("SELECT count(*) FROM lots l WHERE l.vin = $1 AND l.make <> ''")
            .bind(&vin)
            .fetch_one(&owner)
            .await
            .expect("lots of the vin");
    assert!(vin_lots > 0);
    let facets_before = facet_lots().await;

    let before = visible(vin.clone()).await;
    assert_eq!(before.0.0, 200);
    assert_eq!(before.0.2, 200);
    assert_eq!(before.1, (true, true, true, 303));

    // Suppress through the admin endpoint.
    let body = app.admin_suppress(&vin).await;
    assert_eq!(body["outcome"], "changed");

    let during = visible(vin.clone()).await;
    assert_eq!(
        during.0,
        (410, 410, 410, serde_json::json!("SUPPRESSED")),
        "pages and API"
    );
    assert_eq!(
        during.1,
        (false, false, false, 404),
        "search, cached catalog page, sitemap, lot-number search"
    );

    assert_eq!(
        facet_lots().await,
        facets_before - vin_lots,
        "dropdown counts"
    );

    // Unsuppress with the operator command's function.
    let etl = app.db.etl().await;
    let vin_typed = vinops::vin::Vin::parse(&vin).expect("vin");
    let outcome = server::suppress::unsuppress(&etl, &vin_typed, "cli:test")
        .await
        .expect("unsuppress");
    assert_eq!(outcome, server::suppress::Outcome::Changed);
    let after = visible(vin.clone()).await;
    assert_eq!(after, before, "everything back as it was");
    assert_eq!(facet_lots().await, facets_before);

    // The log holds both steps, with who did them.
    let log: Vec<(String, String)> =
        sqlx::query_as("SELECT action, actor FROM suppression_events WHERE vin = $1 ORDER BY id")
            .bind(&vin)
            .fetch_all(&owner)
            .await
            .expect("events");
    assert_eq!(
        log,
        vec![
            ("suppress".to_owned(), "admin-api".to_owned()),
            ("unsuppress".to_owned(), "cli:test".to_owned())
        ]
    );
}

#[tokio::test]
async fn removal_form_records_a_request_and_confirms_in_both_languages() {
    let seo = SeoConfig {
        removal_rate_limit_burst: 10,
        ..common::seo_config()
    };
    let app = app(40, seo).await;
    let vin = some_vin(&app).await;
    let token = form_token(&app, "en", &vin).await;
    let same_origin = format!("http://{}", app.addr);
    let res = post_form(
        &app,
        "en",
        &vin,
        &[
            ("token", &token),
            ("reason", "  I own this car  "),
            ("contact", "owner@example.com"),
            ("website", ""),
        ],
        &[("origin", &same_origin), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert_eq!(location, format!("/en/vin/{vin}?removal=sent#removal"));
    assert_eq!(
        requests(&app, &vin).await,
        vec![(
            "en".into(),
            "I own this car".into(),
            Some("owner@example.com".into()),
            "pending".into()
        )]
    );
    let page = app
        .get(location.trim_end_matches("#removal"))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("data-testid=\"removal-sent\"") && page.contains("Request received"));
    assert!(!page.contains("data-testid=\"removal-form\""));

    // Russian, without fetch metadata (an old browser): the token alone suffices.
    let token = form_token(&app, "ru", &vin).await;
    let res = post_form(
        &app,
        "ru",
        &vin,
        &[("token", &token), ("reason", "Продал")],
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let page = app
        .get(&format!("/ru/vin/{vin}?removal=sent"))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("Запрос получен"));
    assert_eq!(requests(&app, &vin).await.len(), 2);

    // The honeypot: same answer, nothing recorded.
    let res = post_form(
        &app,
        "en",
        &vin,
        &[
            ("token", &token),
            ("reason", "spam"),
            ("website", "http://spam.test"),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(requests(&app, &vin).await.len(), 2);

    // An empty reason is a localized 400.
    let res = post_form(
        &app,
        "ru",
        &vin,
        &[("token", &token), ("reason", "  ")],
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.text().await.expect("body").contains("Проверьте форму"));

    // Applying the removal closes the requests.
    let etl = app.db.etl().await;
    let vin_typed = vinops::vin::Vin::parse(&vin).expect("vin");
    server::suppress::suppress(&etl, &vin_typed, "owner asked", "cli:test")
        .await
        .expect("suppress");
    let statuses: Vec<String> = requests(&app, &vin)
        .await
        .into_iter()
        .map(|r| r.3)
        .collect();
    assert_eq!(statuses, ["applied", "applied"]);
    let owner = app.db.owner().await;
    let requested: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT requested_at FROM suppressions WHERE vin = $1")
            .bind(&vin)
            .fetch_one(&owner)
            .await
            .expect("suppression");
    assert!(requested.is_some(), "the request date is kept");
}

#[tokio::test]
async fn removal_form_refuses_cross_site_and_forged_posts() {
    let app = app(40, common::seo_config()).await;
    let vin = some_vin(&app).await;
    let token = form_token(&app, "en", &vin).await;
    let other_vin: String = {
        let pool = app.db.owner().await;
        sqlx::query_scalar("SELECT vin FROM vehicles WHERE vin <> $1 LIMIT 1")
            .bind(&vin)
            .fetch_one(&pool)
            .await
            .expect("another vin")
    };
    let forged_time = {
        let (secs, tag) = token.split_once('.').expect("token format");
        format!("{}.{tag}", secs.parse::<i64>().expect("secs") + 5)
    };
    type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            "cross-site origin",
            token.clone(),
            vec![("origin", "http://evil.test")],
        ),
        (
            "cross-site fetch",
            token.clone(),
            vec![("sec-fetch-site", "cross-site")],
        ),
        (
            "same-site fetch",
            token.clone(),
            vec![("sec-fetch-site", "same-site")],
        ),
        ("opaque origin", token.clone(), vec![("origin", "null")]),
        ("no token", String::new(), vec![]),
        ("garbage token", "123.abc".to_owned(), vec![]),
        ("edited token", forged_time, vec![]),
    ];
    for (what, token, headers) in &cases {
        let res = post_form(
            &app,
            "en",
            &vin,
            &[("token", token), ("reason", "forged")],
            headers,
        )
        .await;
        assert_eq!(res.status().as_u16(), 403, "{what}");
        assert!(
            res.text().await.expect("body").contains("Form expired"),
            "{what}"
        );
    }
    // A token is for one VIN only.
    let res = post_form(
        &app,
        "en",
        &other_vin,
        &[("token", &token), ("reason", "forged")],
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 403);
    assert!(requests(&app, &vin).await.is_empty());
    assert!(requests(&app, &other_vin).await.is_empty());
    // Unknown VIN and lower case: 404, nothing recorded.
    let res = post_form(&app, "en", "1HGCM82633A999999", &[("reason", "x")], &[]).await;
    assert_eq!(res.status().as_u16(), 403, "no token for it either");
    let res = post_form(&app, "en", &vin.to_lowercase(), &[("reason", "x")], &[]).await;
    assert_eq!(res.status().as_u16(), 404);
}

#[tokio::test]
async fn removal_form_is_rate_limited_per_ip() {
    let seo = SeoConfig {
        removal_rate_limit_per_min: 1,
        removal_rate_limit_burst: 2,
        ..common::seo_config()
    };
    let app = app(40, seo).await;
    let vin = some_vin(&app).await;
    // A fresh form each time, and another contact each time: spent tokens and repeated
    // requests are refused or merged before the limit would be reached.
    for i in 0..2 {
        let token = form_token(&app, "en", &vin).await;
        let contact = format!("owner{i}@example.com");
        let res = post_form(
            &app,
            "en",
            &vin,
            &[("token", &token), ("reason", "mine"), ("contact", &contact)],
            &[],
        )
        .await;
        assert_eq!(res.status().as_u16(), 303, "request {i}");
    }
    let token = form_token(&app, "en", &vin).await;
    let res = post_form(
        &app,
        "en",
        &vin,
        &[("token", &token), ("reason", "mine")],
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(
        res.text()
            .await
            .expect("body")
            .contains("Too many requests")
    );
    assert_eq!(requests(&app, &vin).await.len(), 2);
}

#[tokio::test]
async fn admin_endpoint_needs_its_token_and_is_off_without_one() {
    let app = app(20, common::seo_config()).await;
    let vin = some_vin(&app).await;
    let body = serde_json::json!({ "vin": vin, "reason": "x" });
    let res = app
        .client
        .post(app.ops_url("/admin/suppressions"))
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 401);
    let res = app
        .client
        .post(app.ops_url("/admin/suppressions"))
        .bearer_auth("test-admin-token-0123456789abcdeX")
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 401);
    let res = app
        .client
        .post(app.ops_url("/admin/suppressions"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({ "vin": "not a vin", "reason": "x" }))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 400);
    let pool = app.db.owner().await;
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM suppressions")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(n, 0, "nothing applied without the token");

    let body = app.admin_unsuppress(&vin).await;
    assert_eq!(body["outcome"], "unchanged");

    let off = TestApp::builder(TestDb::new().await)
        .with_seo(SeoConfig::default())
        .spawn()
        .await;
    let res = off
        .client
        .post(off.ops_url("/admin/suppressions"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 404, "no ADMIN_TOKEN: no endpoint");
}
