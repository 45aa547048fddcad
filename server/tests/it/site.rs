//! The site pages against a real database loaded with demo data: status codes (200, 301, 303,
//! 400, 404, 410, 503), the catalog's GET form round trip and pagination, the VIN page, the home
//! search and the Russian pages.

use crate::common;

use std::collections::HashSet;

use common::html::texts;
use common::{TestApp, TestDb};

async fn app_with_demo(rows: usize) -> TestApp {
    TestApp::spawn(TestDb::with_demo(7, rows).await).await
}

async fn html(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get_settled(path).await;
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned()
}

/// The `href` of the element with `id="{id}"`, HTML entities decoded.
fn href_of(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..at + html[at..].find('>')?];
    let h = tag.split("href=\"").nth(1)?.split('"').next()?;
    Some(h.replace("&amp;", "&"))
}

#[tokio::test]
async fn catalog_form_round_trip_filters_and_canonicalizes() {
    let app = app_with_demo(300).await;
    let pool = app.db.owner().await;
    let (make, n): (String, i64) = sqlx::query_as(
        "SELECT v.make, count(*) FROM lots l JOIN vehicles v USING (vin)
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a make");

    // What the GET form submits (every field, most empty) redirects to the canonical URL.
    let form = format!(
        "/en/cars?make={}&model=&trim=&year=&year_from=&year_to=&damage=&title=&status=&odometer_max=&state=&sort=auction_asc",
        make.replace(' ', "+")
    );
    let res = app.get(&form).await;
    assert_eq!(res.status().as_u16(), 301, "{form}");
    let canonical = location(&res);
    assert_eq!(
        canonical,
        format!("/en/cars?make={}", make.replace(' ', "+"))
    );

    let (status, page) = html(&app, &canonical).await;
    assert_eq!(status, 200);
    let lot_numbers = texts(&page, "lot-number");
    assert_eq!(lot_numbers.len(), usize::try_from(n.min(48)).expect("n"));
    for lot in &lot_numbers {
        let m: String = sqlx::query_scalar(
            "SELECT v.make FROM lots l JOIN vehicles v USING (vin) WHERE l.lot_number = $1",
        )
        .bind(lot.parse::<i64>().expect("number"))
        .fetch_one(&pool)
        .await
        .expect("lot");
        assert_eq!(m, make, "lot {lot} matches the make filter");
    }
    // The selected make is kept in the form; Reset is the bare path.
    assert!(page.contains(&format!("<option value=\"{make}\" selected")));
    assert_eq!(href_of(&page, "reset").as_deref(), Some("/en/cars"));
}

#[tokio::test]
async fn next_links_walk_every_lot_once() {
    let app = app_with_demo(130).await;
    let mut seen = HashSet::new();
    let mut path = "/en/cars?sort=year_desc".to_owned();
    let mut pages = 0;
    loop {
        let (status, page) = html(&app, &path).await;
        assert_eq!(status, 200, "{path}");
        pages += 1;
        for lot in texts(&page, "lot-number") {
            assert!(seen.insert(lot.clone()), "lot {lot} shown twice");
        }
        match href_of(&page, "next-page") {
            Some(next) => {
                assert!(
                    next.starts_with("/en/cars?sort=year_desc&cursor="),
                    "{next}"
                );
                path = next;
            }
            None => break,
        }
        assert!(pages < 10, "pagination ends");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 130);
}

#[tokio::test]
async fn bad_catalog_queries_are_localized_400s() {
    let app = TestApp::spawn(TestDb::new().await).await;
    for (path, text) in [
        ("/en/cars?cursor=garbage", "This catalog link is not valid"),
        ("/en/cars?sort=cheapest", "This catalog link is not valid"),
        ("/ru/cars?year=abc", "Эта ссылка на каталог некорректна"),
        ("/en/cars?make=A&make=B", "This catalog link is not valid"),
    ] {
        let (status, page) = html(&app, path).await;
        assert_eq!(status, 400, "{path}");
        assert!(page.contains(text), "{path}");
    }
}

#[tokio::test]
async fn vin_page_statuses_and_content() {
    let app = app_with_demo(100).await;
    let pool = app.db.owner().await;
    let (vin, lot): (String, i64) =
        sqlx::query_as("SELECT vin, lot_number FROM lots ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("a lot");

    let (status, page) = html(&app, &format!("/en/vin/{vin}")).await;
    assert_eq!(status, 200);
    assert!(texts(&page, "vin-lot-number").contains(&lot.to_string()));
    assert!(page.contains("Copy VIN") && page.contains("Specifications"));
    let (status, page) = html(&app, &format!("/ru/vin/{vin}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Характеристики") && page.contains("История аукционов"));

    let res = app.get(&format!("/en/vin/{}", vin.to_lowercase())).await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(location(&res), format!("/en/vin/{vin}"));

    let (status, page) = html(&app, "/en/vin/NOTAVINOQ").await;
    assert_eq!(status, 404);
    assert!(page.contains("Page not found"));
    let (status, page) = html(&app, "/ru/vin/1HGCM82633A999999").await;
    assert_eq!(status, 404);
    assert!(page.contains("VIN не найден"));

    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&vin)
        .execute(&pool)
        .await
        .expect("suppress");
    let (status, page) = html(&app, &format!("/en/vin/{vin}")).await;
    assert_eq!(status, 410);
    assert!(page.contains("Removed on request"));
    assert!(
        !page.contains(&lot.to_string()),
        "nothing of the VIN is shown"
    );
}

#[tokio::test]
async fn home_search_redirects_or_explains() {
    let app = app_with_demo(50).await;
    let pool = app.db.owner().await;
    let (vin, lot): (String, i64) =
        sqlx::query_as("SELECT vin, lot_number FROM lots ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .expect("a lot");

    let pasted = format!("+{}+{}+", &vin[..5].to_lowercase(), &vin[5..]);
    let res = app.get(&format!("/en/search?q={pasted}")).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), format!("/en/vin/{vin}"));

    let res = app.get(&format!("/ru/search?q={lot}")).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), format!("/ru/vin/{vin}"));

    let (status, page) = html(&app, "/en/search?q=12").await;
    assert_eq!(status, 404);
    assert!(page.contains("We have no vehicle with this lot number."));
    let (status, page) = html(&app, "/ru/search?q=IOQ-bad").await;
    assert_eq!(status, 400);
    assert!(page.contains("Это не VIN и не номер лота"));
    assert!(!page.contains("alert("));
    let (status, _) = html(&app, "/en/search?q=").await;
    assert_eq!(status, 400);

    let (status, page) = html(&app, "/en").await;
    assert_eq!(status, 200);
    assert!(texts(&page, "freshness")[0].starts_with("Data updated"));
}

#[tokio::test]
async fn static_pages_and_russian_strings() {
    let app = app_with_demo(30).await;
    for (path, text) in [
        ("/en/contacts", "request@vinops.online"),
        ("/ru/contacts", "Контакты"),
        ("/en/terms", "Terms of use"),
        ("/ru/terms", "Условия использования"),
        ("/ru/cars", "Применить"),
        ("/ru", "Что вы получите"),
    ] {
        let (status, page) = html(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains(text), "{path}: {text}");
        assert!(page.contains("href=\"/ru/terms\"") || path.starts_with("/en"));
    }
    let (_, page) = html(&app, "/ru/cars").await;
    assert!(page.contains("Марка") && page.contains("Сортировка") && page.contains("Авто"));
}

#[tokio::test]
async fn pages_answer_503_when_the_database_is_down() {
    let mut db = TestDb::new().await;
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    let app = TestApp::spawn(db).await;
    for path in [
        "/en/cars",
        "/en/vin/1HGCM82633A004352",
        "/en/search?q=47704465",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 503, "{path}");
        assert_eq!(res.headers()["retry-after"], "60", "{path}");
    }
    // The home page does not depend on the database.
    assert_eq!(app.get("/en").await.status().as_u16(), 200);
}
