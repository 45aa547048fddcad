//! The Atom feeds of catalog searches (`/{lang}/cars.atom?…`): linked from the catalog page, one
//! feed per selection whatever its order or page, the same newest lots as the API's search in
//! the newest-listed order, conditional requests, errors, a suppressed VIN leaving the feed,
//! and a rate limit of its own. Real PostgreSQL, the real router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::xml::{self, Element};

use common::{TestApp, TestDb};
use serde_json::Value;
use server::config::ApiConfig;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

async fn commonest_make(app: &TestApp) -> String {
    let pool = app.db.owner().await;
    sqlx::query_scalar(
        "SELECT make FROM lots WHERE make IS NOT NULL GROUP BY make ORDER BY count(*) DESC, make LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a make")
}

async fn feed(app: &TestApp, path_and_query: &str) -> (reqwest::header::HeaderMap, Element) {
    let res = app.get(path_and_query).await;
    assert_eq!(res.status().as_u16(), 200, "{path_and_query}");
    let headers = res.headers().clone();
    assert_eq!(
        headers["content-type"].to_str().unwrap(),
        "application/atom+xml; charset=utf-8"
    );
    (headers, xml::parse(&res.text().await.expect("body")))
}

fn link<'a>(e: &'a Element, rel: &str) -> Option<&'a str> {
    e.children_named("link")
        .find(|l| l.attr("rel") == Some(rel))
        .and_then(|l| l.attr("href"))
}

fn text<'a>(e: &'a Element, name: &str) -> &'a str {
    &e.child(name).unwrap_or_else(|| panic!("<{name}>")).text
}

/// Every element RFC 4287 requires of a feed and of each entry, once, with absolute ids.
fn check_atom(root: &Element) {
    assert_eq!(root.name, "feed");
    assert_eq!(root.attr("xmlns"), Some(ATOM_NS));
    for name in ["id", "title", "updated", "author"] {
        assert_eq!(root.children_named(name).count(), 1, "feed <{name}>");
    }
    assert!(link(root, "self").is_some() && link(root, "alternate").is_some());
    for e in root.children_named("entry") {
        for name in ["id", "title", "updated", "summary"] {
            assert_eq!(e.children_named(name).count(), 1, "entry <{name}>");
        }
        assert!(text(e, "id").starts_with("http://"), "absolute id");
        assert!(chrono::DateTime::parse_from_rfc3339(text(e, "updated")).is_ok());
        assert!(link(e, "alternate").is_some());
    }
}

#[tokio::test]
async fn a_search_has_an_atom_feed_of_its_newest_lots() {
    let app = TestApp::spawn(TestDb::with_demo(11, 160).await).await;
    let make = commonest_make(&app).await;
    let site = format!("http://{}", app.addr);

    // The catalog page links its feed, in the head and on the page.
    let page = app
        .page(&format!("/en/cars?make={make}&sort=year_asc"))
        .await;
    let href = format!("/en/cars.atom?make={make}");
    assert!(
        page.contains(r#"type="application/atom+xml""#)
            && page.contains(&format!(r#"href="{href}""#)),
        "head link"
    );
    assert!(page.contains(r#"data-testid="feed-link""#));

    let (headers, root) = feed(&app, &href).await;
    check_atom(&root);
    assert_eq!(text(&root, "id"), format!("{site}{href}"));
    assert_eq!(link(&root, "self"), Some(format!("{site}{href}").as_str()));
    assert_eq!(
        link(&root, "alternate"),
        Some(format!("{site}/en/cars?make={make}").as_str())
    );
    assert!(text(&root, "title").contains(&make));

    // The same lots, in the same order, as the API's search in the newest-listed order.
    let api: Value = app
        .get(&format!(
            "/api/v1/search?make={make}&sort=listed_desc&limit=50"
        ))
        .await
        .json()
        .await
        .expect("search");
    let expected: Vec<String> = api["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            format!(
                "{site}/en/vin/{}#lot-{}",
                i["vin"].as_str().unwrap(),
                i["lotNumber"]
            )
        })
        .collect();
    let got: Vec<String> = root
        .children_named("entry")
        .map(|e| text(e, "id").to_owned())
        .collect();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
    let times: Vec<String> = root
        .children_named("entry")
        .map(|e| text(e, "updated").to_owned())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(text(&root, "updated"), times[0]);

    // One feed per selection: order, page size and unknown parameters change nothing.
    let plain = app.get(&href).await.text().await.expect("body");
    let variant = app
        .get(&format!("{href}&sort=year_asc&limit=12&utm_source=reader"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(plain, variant);

    // A reader that already has it gets a 304 without a body.
    let tag = headers["etag"].to_str().unwrap().to_owned();
    assert!(tag.starts_with("W/\""), "{tag}");
    let again = app
        .client
        .get(app.url(&href))
        .header("if-none-match", &tag)
        .send()
        .await
        .expect("conditional");
    assert_eq!(again.status().as_u16(), 304);
    assert!(again.text().await.expect("body").is_empty());

    // Russian: its language, its pages.
    let (_, ru) = feed(&app, &format!("/ru/cars.atom?make={make}")).await;
    check_atom(&ru);
    assert_eq!(ru.attr("xml:lang"), Some("ru"));
    assert!(
        text(ru.child("entry").expect("an entry"), "id").starts_with(&format!("{site}/ru/vin/"))
    );

    // A bad value is the API's 400 naming it.
    let bad = app.get("/en/cars.atom?year=abc").await;
    assert_eq!(bad.status().as_u16(), 400);
    assert!(bad.text().await.expect("body").contains("year"));

    // A removed VIN leaves the feed.
    let first_vin = api["items"][0]["vin"].as_str().unwrap().to_owned();
    app.admin_suppress(&first_vin).await;
    let (_, after) = feed(&app, &href).await;
    assert!(
        after
            .children_named("entry")
            .all(|e| !text(e, "id").contains(&first_vin)),
        "suppressed VIN still in the feed"
    );
}

#[tokio::test]
async fn an_empty_search_is_a_valid_feed_dated_by_the_last_update() {
    let app = TestApp::spawn(TestDb::with_demo(12, 20).await).await;
    let (_, root) = feed(&app, "/en/cars.atom?make=NO%20SUCH%20MAKE").await;
    check_atom(&root);
    assert_eq!(root.children_named("entry").count(), 0);
    let updated = chrono::DateTime::parse_from_rfc3339(text(&root, "updated")).expect("date");
    assert!(
        updated.timestamp() > 1_000_000_000,
        "dated by the demo load: {updated}"
    );
}

#[tokio::test]
async fn feeds_have_a_rate_limit_of_their_own() {
    let api = ApiConfig {
        rate_limit_per_min: 1,
        rate_limit_burst: 2,
        ..ApiConfig::default()
    };
    let app = TestApp::builder(TestDb::with_demo(13, 20).await)
        .with_api(api)
        .spawn()
        .await;
    for _ in 0..2 {
        assert_eq!(app.get("/en/cars.atom").await.status().as_u16(), 200);
    }
    let limited = app.get("/en/cars.atom").await;
    assert_eq!(limited.status().as_u16(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    // The API's allowance is untouched by the feed's.
    assert_eq!(app.get("/api/v1/search").await.status().as_u16(), 200);
}
