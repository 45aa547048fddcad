//! Every 503 the site answers while its database is down asks clients to come back after the
//! same `Retry-After`: pages, the JSON API, the sitemaps, `/media` and the admin endpoint.

use crate::common::{ADMIN_TOKEN, TestApp, TestDb};

#[tokio::test]
async fn every_503_carries_the_same_retry_after() {
    let mut db = TestDb::new().await;
    // Nothing listens on port 1: the web pool and the (write) pool of the admin endpoint fail.
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    db.cfg.etl_database_url = "postgres://vinops_etl@127.0.0.1:1/nowhere".into();
    let media = std::env::temp_dir().join(format!(
        "vinops-retry-after-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&media).expect("media dir");
    let app = TestApp::builder(db)
        .with_media_dir(media.clone())
        .spawn()
        .await;

    let mut answers = Vec::new();
    for path in [
        "/en/cars",
        "/ru/vin/1HGCM82633A004352",
        "/api/v1/search",
        "/api/v1/vehicles/1HGCM82633A004352",
        "/sitemap.xml",
        "/sitemaps/hubs.xml.gz",
        "/sitemaps/vins-en-1-0.xml.gz",
        "/media/lots/47704465/1_thb.jpg",
    ] {
        answers.push((path, app.get(path).await));
    }
    let admin = app
        .client
        .post(app.ops_url("/admin/suppressions"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({ "vin": "1HGCM82633A004352", "reason": "owner request" }))
        .send()
        .await
        .expect("request");
    answers.push(("POST /admin/suppressions", admin));

    let mut values = std::collections::BTreeMap::new();
    for (what, res) in &answers {
        assert_eq!(res.status().as_u16(), 503, "{what}");
        let value = res
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("(none)");
        values.insert(*what, value.to_owned());
    }
    let distinct: std::collections::BTreeSet<&String> = values.values().collect();
    assert_eq!(distinct.len(), 1, "{values:#?}");
    let expected = app::respond::RETRY_AFTER_SECS.to_string();
    assert_eq!(distinct.into_iter().next(), Some(&expected));
    std::fs::remove_dir_all(&media).ok();
}
