//! robots.txt and the sitemaps against the real router and a real database: well-formed XML,
//! absolute URLs, counts equal to the unsuppressed VINs, shards that tile, hreflang alternates,
//! gzip, validators and 304, 503 with the database down.

use crate::common;
use crate::xml;

use std::collections::BTreeSet;
use std::io::Read;

use common::{TestApp, TestDb};
use xml::Element;

async fn app_with_demo(rows: usize) -> TestApp {
    TestApp::spawn(TestDb::with_demo(11, rows).await).await
}

async fn unsuppressed_vins(app: &TestApp) -> BTreeSet<String> {
    let pool = app.db.owner().await;
    sqlx::query_scalar::<_, String>(
        "SELECT vin FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = v.vin)",
    )
    .fetch_all(&pool)
    .await
    .expect("vins")
    .into_iter()
    .collect()
}

fn locs(root: &Element, item: &str) -> Vec<String> {
    root.children_named(item)
        .map(|u| u.child("loc").expect("loc").text.clone())
        .collect()
}

pub(crate) async fn gunzip_get(app: &TestApp, path: &str) -> (reqwest::header::HeaderMap, String) {
    let res = app
        .client
        .get(app.url(path))
        // Even when the client offers gzip, the file is not compressed a second time.
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200, "{path}");
    let headers = res.headers().clone();
    assert_eq!(headers["content-type"], "application/gzip", "{path}");
    assert!(headers.get("content-encoding").is_none(), "{path}");
    let bytes = res.bytes().await.expect("body");
    let mut xml = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut xml)
        .expect("a gzip file");
    (headers, xml)
}

/// The VINs of a shard, checking every entry's shape on the way.
pub(crate) fn shard_vins(app: &TestApp, xml_text: &str, lang: &str) -> Vec<String> {
    let root = xml::parse(xml_text);
    assert_eq!(root.name, "urlset");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    assert_eq!(
        root.attr("xmlns:xhtml"),
        Some("http://www.w3.org/1999/xhtml")
    );
    let site = format!("http://{}", app.addr);
    let mut vins = Vec::new();
    for url in root.children_named("url") {
        let loc = &url.child("loc").expect("loc").text;
        let vin = loc
            .strip_prefix(&format!("{site}/{lang}/vin/"))
            .unwrap_or_else(|| panic!("absolute {lang} VIN URL: {loc}"));
        let lastmod = &url.child("lastmod").expect("lastmod").text;
        chrono::DateTime::parse_from_rfc3339(lastmod).expect("W3C datetime lastmod");
        let alternates: Vec<(String, String)> = url
            .children_named("xhtml:link")
            .map(|l| {
                assert_eq!(l.attr("rel"), Some("alternate"));
                (
                    l.attr("hreflang").expect("hreflang").to_owned(),
                    l.attr("href").expect("href").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            alternates,
            vec![
                ("en".into(), format!("{site}/en/vin/{vin}")),
                ("ru".into(), format!("{site}/ru/vin/{vin}")),
                ("uk".into(), format!("{site}/uk/vin/{vin}")),
                ("x-default".into(), format!("{site}/en/vin/{vin}")),
            ]
        );
        vins.push(vin.to_owned());
    }
    vins
}

#[tokio::test]
async fn robots_txt_points_to_the_absolute_sitemap_index() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let res = app.get("/robots.txt").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/plain")
    );
    let body = res.text().await.expect("body");
    assert!(body.contains("User-agent: *"));
    assert!(body.contains("Disallow: /admin/"));
    assert!(
        body.contains(&format!("Sitemap: http://{}/sitemap.xml\n", app.addr)),
        "{body}"
    );
}

#[tokio::test]
async fn static_sitemap_lists_every_static_page_with_alternates() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let res = app.get("/sitemaps/static.xml").await;
    assert_eq!(res.status().as_u16(), 200);
    let root = xml::parse(&res.text().await.expect("body"));
    let site = format!("http://{}", app.addr);
    let mut expected = Vec::new();
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        for path in ["", "/cars", "/contacts", "/terms"] {
            expected.push(format!("{site}/{lang}{path}"));
        }
    }
    assert_eq!(locs(&root, "url"), expected);
    for url in root.children_named("url") {
        let hreflangs: Vec<&str> = url
            .children_named("xhtml:link")
            .filter_map(|l| l.attr("hreflang"))
            .collect();
        assert_eq!(hreflangs, ["en", "ru", "uk", "x-default"]);
    }
    // The pages it lists exist.
    for loc in expected {
        let path = loc.strip_prefix(&site).expect("ours");
        assert_eq!(app.get(path).await.status().as_u16(), 200, "{path}");
    }
}

#[tokio::test]
async fn index_and_shards_list_every_unsuppressed_vin_once_per_language() {
    let app = app_with_demo(400).await;
    let owner = app.db.owner().await;
    let hidden: String = sqlx::query_scalar("SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
        .fetch_one(&owner)
        .await
        .expect("a vin");
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&hidden)
        .execute(&owner)
        .await
        .expect("suppress");
    let expected = unsuppressed_vins(&app).await;
    assert!(expected.len() > 300, "demo VINs: {}", expected.len());

    let res = app.get("/sitemap.xml").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("application/xml")
    );
    let index = xml::parse(&res.text().await.expect("body"));
    assert_eq!(index.name, "sitemapindex");
    let site = format!("http://{}", app.addr);
    // Fewer than 25,000 VINs: one shard per language.
    assert_eq!(
        locs(&index, "sitemap"),
        vec![
            format!("{site}/sitemaps/static.xml"),
            format!("{site}/sitemaps/hubs.xml.gz"),
            format!("{site}/sitemaps/vins-en-1-0.xml.gz"),
            format!("{site}/sitemaps/vins-ru-1-0.xml.gz"),
            format!("{site}/sitemaps/vins-uk-1-0.xml.gz"),
        ]
    );
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        let (_, text) = gunzip_get(&app, &format!("/sitemaps/vins-{lang}-1-0.xml.gz")).await;
        let vins = shard_vins(&app, &text, lang);
        let set: BTreeSet<String> = vins.iter().cloned().collect();
        assert_eq!(set.len(), vins.len(), "no VIN twice");
        assert_eq!(set, expected, "{lang}: exactly the unsuppressed VINs");
        assert!(!set.contains(&hidden));
    }

    // Finer shards (as after the count doubles) tile the same set without overlap.
    let mut union = BTreeSet::new();
    let mut total = 0;
    for k in 0..4 {
        let (_, text) = gunzip_get(&app, &format!("/sitemaps/vins-en-4-{k}.xml.gz")).await;
        let vins = shard_vins(&app, &text, "en");
        assert!(!vins.is_empty(), "shard {k} of 4 holds VINs");
        total += vins.len();
        union.extend(vins);
    }
    assert_eq!(total, expected.len());
    assert_eq!(union, expected);

    for bad in [
        "/sitemaps/vins-en-3-0.xml.gz",
        "/sitemaps/vins-en-1-1.xml.gz",
        "/sitemaps/vins-de-1-0.xml.gz",
        "/sitemaps/nothing.xml",
    ] {
        assert_eq!(app.get(bad).await.status().as_u16(), 404, "{bad}");
    }
}

#[tokio::test]
async fn sitemaps_revalidate_with_304_and_change_with_a_suppression() {
    let app = app_with_demo(120).await;
    let shard = "/sitemaps/vins-en-1-0.xml.gz";
    let (headers, text) = gunzip_get(&app, shard).await;
    let etag = headers["etag"].to_str().expect("etag").to_owned();
    let modified = headers["last-modified"].to_str().expect("date").to_owned();
    assert_eq!(headers["cache-control"], "public, max-age=3600");
    let vins = shard_vins(&app, &text, "en");

    for (name, value) in [("if-none-match", &etag), ("if-modified-since", &modified)] {
        for path in [shard, "/sitemap.xml"] {
            let res = app
                .client
                .get(app.url(path))
                .header(name, value.as_str())
                .send()
                .await
                .expect("request");
            assert_eq!(res.status().as_u16(), 304, "{path} {name}");
            assert!(res.bytes().await.expect("body").is_empty());
        }
    }

    // A suppression through the admin endpoint makes a new version: new ETag, VIN gone.
    let vin = &vins[0];
    app.admin_suppress(vin).await;
    let res = app
        .client
        .get(app.url(shard))
        .header("if-none-match", etag.as_str())
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200, "the old ETag no longer matches");
    assert_ne!(res.headers()["etag"].to_str().expect("etag"), etag);
    let (_, text) = gunzip_get(&app, shard).await;
    let after = shard_vins(&app, &text, "en");
    assert_eq!(after.len(), vins.len() - 1);
    assert!(!after.contains(vin));
}

#[tokio::test]
async fn sitemaps_answer_503_when_the_database_is_down() {
    let mut db = TestDb::new().await;
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    let app = TestApp::spawn(db).await;
    for path in ["/sitemap.xml", "/sitemaps/vins-en-1-0.xml.gz"] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 503, "{path}");
        assert_eq!(res.headers()["retry-after"], "60", "{path}");
        assert_eq!(res.headers()["cache-control"], "no-store", "{path}");
    }
    // Static pages need no database.
    assert_eq!(app.get("/sitemaps/static.xml").await.status().as_u16(), 200);
    assert_eq!(app.get("/robots.txt").await.status().as_u16(), 200);
}
