//! The real router against a real database: redirects, liveness, localized catalog pages, 404s.

use crate::common;

use common::{TestApp, TestDb};

async fn app_with_demo(rows: usize) -> common::TestApp {
    TestApp::spawn(TestDb::with_demo(7, rows).await).await
}

#[tokio::test]
async fn root_redirects_permanently_to_english() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let res = app.get("/").await;
    assert_eq!(res.status().as_u16(), 308);
    assert_eq!(res.headers()["location"], "/en");
}

#[tokio::test]
async fn healthz_is_plain_ok() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.text().await.expect("body"), "ok");
}

#[tokio::test]
async fn catalog_lists_lots_from_the_database_in_both_languages() {
    let app = app_with_demo(200).await;
    let pool = app.db.owner().await;
    let (lot_number, make): (i64, String) = sqlx::query_as(
        "SELECT l.lot_number, v.make FROM lots l JOIN vehicles v USING (vin)
         ORDER BY l.auction_at ASC NULLS LAST, l.id ASC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a lot");

    let res = app.get("/en/cars").await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.expect("body");
    assert!(html.contains("<html lang=\"en\""), "html lang en");
    assert!(html.contains("Car catalog"));
    assert!(
        html.contains(&lot_number.to_string()),
        "first lot number is on the page"
    );
    assert!(html.contains(&make));
    assert!(html.contains("200 lots"), "result count");
    assert_eq!(html.matches("data-testid=\"lot-card\"").count(), 48);

    let res = app.get("/ru/cars").await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.expect("body");
    assert!(html.contains("<html lang=\"ru\""), "html lang ru");
    assert!(html.contains("Каталог автомобилей"));
    assert!(html.contains("200 лотов"));
    assert!(html.contains(&lot_number.to_string()));
}

#[tokio::test]
async fn unknown_language_segments_are_404() {
    let app = TestApp::spawn(TestDb::new().await).await;
    for path in [
        "/de/cars",
        "/english/cars",
        "/EN/cars",
        "/de",
        "/rubbish",
        "/en/no-such-page",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 404, "{path}");
        let html = res.text().await.expect("body");
        assert!(
            html.contains("Page not found"),
            "{path}: localized 404 page"
        );
    }
}

#[tokio::test]
async fn home_pages_render_in_their_language() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let en = app.get("/en").await.text().await.expect("body");
    assert!(en.contains("<html lang=\"en\"") && en.contains("href=\"/en/cars\""));
    let ru = app.get("/ru").await.text().await.expect("body");
    assert!(ru.contains("<html lang=\"ru\"") && ru.contains("Открыть каталог"));
}

#[tokio::test]
async fn catalog_answers_503_when_the_database_is_down() {
    let mut db = TestDb::new().await;
    // Point the web pool at a port where nothing listens.
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    let app = TestApp::spawn(db).await;
    let res = app.get("/en/cars").await;
    assert_eq!(res.status().as_u16(), 503);
    assert_eq!(res.headers()["retry-after"], "60");
    let html = res.text().await.expect("body");
    assert!(html.contains("temporarily unavailable"));
}
