//! The make and model hubs against the real router and database: counts and models equal to a
//! reference computed here from the lots, medians per model year equal to a reference median
//! over the window, the status codes (301 canonical, 404, 400), suppression leaving the hubs,
//! the home page's make index, and the hubs sitemap.

use crate::common;
use crate::xml;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use chrono::{NaiveDate, Utc};
use common::html::texts;
use common::{TestApp, TestDb};
use vinops::catalog::hub::{HUB_LOTS, PriceWindow, Slug};

pub(crate) async fn app_with_demo(rows: usize) -> TestApp {
    let db = TestDb::with_demo(23, rows).await;
    // Spread sale dates into the past, so the periods select different lots: every third lot
    // 200 days ago, every third + 1 60 days ago, the rest as generated (upcoming).
    let owner = db.owner().await;
    sqlx::query(
        "UPDATE lots SET sale_date = CASE id % 3 WHEN 0 THEN current_date - 200
                                                 WHEN 1 THEN current_date - 60 ELSE sale_date END,
                         auction_at = NULL, sale_time_local = NULL",
    )
    .execute(&owner)
    .await
    .expect("spread sale dates");
    TestApp::spawn(db).await
}

/// One unsuppressed lot as the reference sees it.
#[derive(Debug, Clone)]
pub(crate) struct Lot {
    pub make: String,
    pub model: Option<String>,
    pub year: Option<i16>,
    pub bid: i64,
    pub retail: Option<i64>,
    pub sale_date: Option<NaiveDate>,
}

/// make, model, year, current bid, est. retail value, sale date.
type LotRow = (
    String,
    Option<String>,
    Option<i16>,
    i64,
    Option<i64>,
    Option<NaiveDate>,
);

pub(crate) async fn lots(app: &TestApp) -> Vec<Lot> {
    let pool = app.db.owner().await;
    let rows: Vec<LotRow> = sqlx::query_as(
        "SELECT l.make, l.model, l.year, l.current_bid_cents, l.est_retail_value_cents, l.sale_date
             FROM lots l WHERE l.make <> ''
               AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)",
    )
    .fetch_all(&pool)
    .await
    .expect("lots");
    rows.into_iter()
        .map(|(make, model, year, bid, retail, sale_date)| Lot {
            make,
            model: model.filter(|m| !m.is_empty()),
            year,
            bid,
            retail,
            sale_date,
        })
        .collect()
}

pub(crate) fn slug(s: &str) -> Option<String> {
    Slug::of(s).map(|s| s.as_str().to_owned())
}

/// The median the page must show: the mean of the two middle values, rounded half away from 0.
/// PostgreSQL's `percentile_cont(p)` (linear interpolation between the two nearest ranks),
/// rounded to the cent as the query rounds it; written out here independently of the SQL.
fn percentile(v: &[i64], p: f64) -> Option<i64> {
    let mut v = v.to_vec();
    v.sort_unstable();
    if v.is_empty() {
        return None;
    }
    let pos = p * (v.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (a, b) = (v[lo] as f64, v[hi] as f64);
    Some((a + (b - a) * (pos - lo as f64)).round() as i64)
}

/// (first quartile, median, third quartile) of `v`.
pub(crate) fn quartiles(v: &[i64]) -> [Option<i64>; 3] {
    [0.25, 0.5, 0.75].map(|p| percentile(v, p))
}

/// The make slug with the most lots and its lots.
fn biggest_make(all: &[Lot]) -> (String, Vec<Lot>) {
    let mut by: BTreeMap<String, Vec<Lot>> = BTreeMap::new();
    for l in all {
        if let Some(s) = slug(&l.make) {
            by.entry(s).or_default().push(l.clone());
        }
    }
    by.into_iter()
        .max_by_key(|(s, v)| (v.len(), std::cmp::Reverse(s.clone())))
        .expect("a make")
}

#[tokio::test]
async fn make_hub_counts_models_and_links_down() {
    let app = app_with_demo(500).await;
    let all = lots(&app).await;
    let (make, make_lots) = biggest_make(&all);
    let html = app.page(&format!("/en/cars/{make}")).await;

    // Every model of the make is linked to its hub, with its number of lots.
    let mut models: BTreeMap<String, usize> = BTreeMap::new();
    for l in &make_lots {
        if let Some(s) = l.model.as_deref().and_then(slug) {
            *models.entry(s).or_default() += 1;
        }
    }
    assert!(models.len() > 1, "the demo make has several models");
    for (model, n) in &models {
        let href = format!("href=\"/en/cars/{make}/{model}\"");
        let at = html.find(&href).unwrap_or_else(|| panic!("link {href}"));
        let count = texts(&html[at..], "hub-model-lots");
        assert_eq!(
            count.first().map(String::as_str),
            Some(n.to_string().as_str()),
            "{model}"
        );
    }
    // The lead counts every lot of the make; the cards are the first of the catalog's order.
    let lead = texts(&html, "hub-lead").join(" ");
    assert!(
        lead.starts_with(&format!("{} lot", make_lots.len())),
        "{lead}"
    );
    assert_eq!(
        html.matches("data-testid=\"lot-card\"").count(),
        make_lots.len().min(usize::from(HUB_LOTS))
    );
    assert!(html.contains("data-testid=\"hub-all-lots\""));

    // A model hub: its lots and the link to them in the catalog.
    let (model, n) = models.iter().max_by_key(|(_, n)| **n).expect("model");
    let html = app.page(&format!("/ru/cars/{make}/{model}")).await;
    assert!(html.contains("<html lang=\"ru\""));
    let lead = texts(&html, "hub-lead").join(" ");
    assert!(lead.starts_with(&n.to_string()), "{lead}");
    assert_eq!(
        html.matches("data-testid=\"lot-card\"").count(),
        (*n).min(usize::from(HUB_LOTS))
    );
    assert!(html.contains("href=\"/ru/cars?make="), "catalog link");
    // The trail: home → catalog → make hub → (this model).
    assert!(html.contains(&format!("href=\"/ru/cars/{make}\"")));
    assert!(html.contains("\"@type\":\"BreadcrumbList\""));
}

#[tokio::test]
async fn price_summary_matches_a_reference_per_period() {
    let app = app_with_demo(400).await;
    let all = lots(&app).await;
    let (make, make_lots) = biggest_make(&all);
    let pool = app.db.web();
    let names: Vec<String> = make_lots
        .iter()
        .map(|l| l.make.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let today = Utc::now().date_naive();
    let mut seen_lots = BTreeSet::new();
    for window in PriceWindow::ALL {
        let since = window.since(today);
        let summary = vinops::read::hub_prices::year_prices(&pool, &names, None, since)
            .await
            .expect("prices");
        let got = &summary.years;
        let mut want: BTreeMap<Option<i16>, Vec<&Lot>> = BTreeMap::new();
        for l in make_lots.iter().filter(|l| match since {
            None => true,
            Some(s) => l.sale_date.is_some_and(|d| d >= s),
        }) {
            want.entry(l.year).or_default().push(l);
        }
        let figures = |lots: &[&Lot]| {
            let bids: Vec<i64> = lots.iter().map(|l| l.bid).filter(|b| *b > 0).collect();
            let retail: Vec<i64> = lots
                .iter()
                .filter_map(|l| l.retail)
                .filter(|r| *r > 0)
                .collect();
            (bids, retail)
        };
        let check = |p: &vinops::catalog::hub::YearPrices, lots: &[&Lot]| {
            let (bids, retail) = figures(lots);
            assert_eq!(p.lots, lots.len() as i64, "{window:?} {:?}", p.year);
            assert_eq!(p.bid_lots, bids.len() as i64);
            assert_eq!(p.retail_lots, retail.len() as i64);
            assert_eq!(
                [p.q1_bid_cents, p.median_bid_cents, p.q3_bid_cents],
                quartiles(&bids),
                "{window:?} {:?}: bids",
                p.year
            );
            assert_eq!(
                [p.q1_retail_cents, p.median_retail_cents, p.q3_retail_cents],
                quartiles(&retail),
                "{window:?} {:?}: retail",
                p.year
            );
        };
        assert_eq!(got.len(), want.len(), "{window:?}: years");
        for p in got {
            check(p, &want[&p.year]);
        }
        // The period as a whole: every lot of the window, whatever its year.
        let every: Vec<&Lot> = want.values().flatten().copied().collect();
        match &summary.period {
            Some(p) => {
                assert_eq!(p.year, None);
                check(p, &every);
            }
            None => assert!(every.is_empty(), "{window:?}: no period row"),
        }
        // Newest year first, unknown year last.
        let years: Vec<Option<i16>> = got.iter().map(|p| p.year).collect();
        let mut sorted = years.clone();
        sorted.sort_by(|a, b| match (a, b) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Greater,
            (_, None) => std::cmp::Ordering::Less,
            (Some(a), Some(b)) => b.cmp(a),
        });
        assert_eq!(years, sorted);
        seen_lots.insert(got.iter().map(|p| p.lots).sum::<i64>());

        // The page shows one row per year, with the period's canonical URL the default one.
        let q = window.query_string();
        let path = if q.is_empty() {
            format!("/en/cars/{make}")
        } else {
            format!("/en/cars/{make}?{q}")
        };
        let html = app.page(&path).await;
        assert_eq!(
            html.matches("data-testid=\"hub-price-row\"").count(),
            got.len(),
            "{path}"
        );
        // The chart draws every year with a known model year and a figure, and says so in text.
        let drawn = got
            .iter()
            .filter(|p| {
                p.year.is_some()
                    && (p.median_bid_cents.is_some() || p.median_retail_cents.is_some())
            })
            .count();
        assert_eq!(
            html.matches("data-testid=\"chart-slot\"").count(),
            drawn,
            "{path}: chart"
        );
        if drawn > 0 {
            assert!(html.contains("aria-labelledby=\"price-chart-title price-chart-desc\""));
            assert!(html.contains("<desc id=\"price-chart-desc\">"), "{path}");
        }
        let spread = summary.period.as_ref().map_or(0, |p| {
            usize::from(p.median_bid_cents.is_some()) + usize::from(p.median_retail_cents.is_some())
        });
        assert_eq!(
            html.matches("data-testid=\"hub-spread\"").count(),
            spread,
            "{path}"
        );
        // (leptos_meta writes `href` before `rel`.)
        let canonical = format!(
            "<link href=\"http://{}/en/cars/{make}\" rel=\"canonical\">",
            app.addr
        );
        assert!(html.contains(&canonical), "{path}: canonical");
    }
    // The periods select different lots (dates were spread over 200 days).
    assert!(seen_lots.len() >= 3, "{seen_lots:?}");
}

#[tokio::test]
async fn hub_urls_answer_the_documented_statuses() {
    let app = app_with_demo(200).await;
    let (make, make_lots) = biggest_make(&lots(&app).await);
    let raw = make_lots[0].make.clone();
    let location = |res: &reqwest::Response| {
        res.headers()
            .get("location")
            .map(|v| v.to_str().expect("ascii").to_owned())
    };
    // Another spelling of the make, the default period, stray parameters: 301 to one URL.
    let upper = raw.replace(' ', "%20");
    for (path, to) in [
        (format!("/en/cars/{upper}"), format!("/en/cars/{make}")),
        (
            format!("/en/cars/{make}?window=90d"),
            format!("/en/cars/{make}"),
        ),
        (
            format!("/ru/cars/{make}?utm_source=x&window=all"),
            format!("/ru/cars/{make}?window=all"),
        ),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status().as_u16(), 301, "{path}");
        assert_eq!(location(&res).as_deref(), Some(to.as_str()), "{path}");
    }
    for (path, status) in [
        ("/en/cars/no-such-make".to_owned(), 404),
        (format!("/en/cars/{make}/no-such-model"), 404),
        ("/en/cars/%20-".to_owned(), 404),
        (format!("/en/cars/{make}?window=7d"), 400),
        ("/de/cars/ford".to_owned(), 404),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status().as_u16(), status, "{path}");
        let body = res.text().await.expect("body");
        assert!(
            body.contains("<meta name=\"robots\" content=\"noindex\""),
            "{path}"
        );
    }
}

#[tokio::test]
async fn suppressed_lots_leave_the_hubs_and_the_home_page_indexes_every_make() {
    let app = app_with_demo(300).await;
    let all = lots(&app).await;
    let home = app.page("/en").await;
    let makes: BTreeSet<String> = all.iter().filter_map(|l| slug(&l.make)).collect();
    for make in &makes {
        assert!(
            home.contains(&format!("href=\"/en/cars/{make}\"")),
            "{make}"
        );
    }
    assert_eq!(home.matches("href=\"/en/cars/").count(), makes.len());

    // Suppress every VIN of the smallest make: its hub is gone (404), its link leaves home.
    let pool = app.db.owner().await;
    let (small, vins): (String, Vec<String>) = {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT make, vin FROM lots WHERE make <> ''")
                .fetch_all(&pool)
                .await
                .expect("rows");
        let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (make, vin) in rows {
            if let Some(s) = slug(&make) {
                by.entry(s).or_default().push(vin);
            }
        }
        by.into_iter().min_by_key(|(_, v)| v.len()).expect("make")
    };
    let etl = app.db.etl().await;
    for vin in &vins {
        let vin = vinops::vin::Vin::parse(vin).expect("vin");
        server::suppress::suppress(&etl, &vin, "hub test", "test")
            .await
            .expect("suppress");
    }
    assert_eq!(
        app.get(&format!("/en/cars/{small}"))
            .await
            .status()
            .as_u16(),
        404
    );
    let home = app.page("/en").await;
    assert!(!home.contains(&format!("href=\"/en/cars/{small}\"")));
}

#[tokio::test]
async fn hubs_sitemap_lists_every_hub_in_every_language() {
    let app = app_with_demo(300).await;
    let all = lots(&app).await;
    let mut want = BTreeSet::new();
    for l in &all {
        let Some(make) = slug(&l.make) else { continue };
        want.insert(format!("/cars/{make}"));
        if let Some(model) = l.model.as_deref().and_then(slug) {
            want.insert(format!("/cars/{make}/{model}"));
            if let Some(year) = l.year {
                want.insert(format!("/cars/{make}/{model}/{year}"));
            }
        }
    }
    assert!(
        want.iter().any(|p| p.matches('/').count() == 4),
        "year hubs"
    );
    let site = format!("http://{}", app.addr);
    let index = app.page("/sitemap.xml").await;
    assert!(index.contains(&format!("<loc>{site}/sitemaps/hubs.xml.gz</loc>")));
    let res = app.get("/sitemaps/hubs.xml.gz").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/gzip");
    let etag = res.headers()["etag"].clone();
    let bytes = res.bytes().await.expect("body");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .expect("gzip");
    let root = xml::parse(&text);
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        let got: BTreeSet<String> = root
            .children_named("url")
            .filter_map(|u| {
                u.child("loc")
                    .expect("loc")
                    .text
                    .strip_prefix(&format!("{site}/{lang}"))
                    .map(str::to_owned)
            })
            .collect();
        assert_eq!(got, want, "{lang}");
    }
    // Conditional GET with the ETag: 304.
    let res = app
        .client
        .get(app.url("/sitemaps/hubs.xml.gz"))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 304);
    // Hub pages of every sitemap entry answer 200 (a sample of every level).
    let years = want.iter().filter(|p| p.matches('/').count() == 4);
    for path in want
        .iter()
        .take(5)
        .chain(want.iter().rev().take(5))
        .chain(years.take(5))
    {
        app.page(&format!("/en{path}")).await;
    }
}

#[tokio::test]
async fn spellings_with_accents_share_one_hub_everywhere() {
    let db = TestDb::with_demo(23, 60).await;
    let owner = db.owner().await;
    // Nine lots become one make under three spellings, with one model under two.
    sqlx::query(
        "UPDATE lots SET make = (ARRAY['ŠKODA', 'Škoda', 'SKODA'])[id % 3 + 1],
                         model = (ARRAY['OCTAVIA', 'Octávia'])[id % 2 + 1]
         WHERE id IN (SELECT id FROM lots ORDER BY id LIMIT 9)",
    )
    .execute(&owner)
    .await
    .expect("rename");
    sqlx::query("SELECT catalog_refresh_facets()")
        .execute(&owner)
        .await
        .expect("refresh facets");
    let app = TestApp::spawn(db).await;
    for (path, to) in [
        ("/en/cars/%C5%A0KODA", "/en/cars/skoda"),
        ("/en/cars/%C5%A0koda/Oct%C3%A1via", "/en/cars/skoda/octavia"),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 301, "{path}");
        assert_eq!(res.headers()["location"], to, "{path}");
    }
    let hub = app.page("/en/cars/skoda").await;
    assert_eq!(hub.matches("href=\"/en/cars/skoda/octavia\"").count(), 1);
    app.page("/en/cars/skoda/octavia").await;
    let home = app.page("/en").await;
    assert_eq!(home.matches("href=\"/en/cars/skoda\"").count(), 1);
    assert!(!home.contains("/en/cars/koda"));
    let bytes = app
        .get("/sitemaps/hubs.xml.gz")
        .await
        .bytes()
        .await
        .expect("body");
    let mut sitemap = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut sitemap)
        .expect("gzip");
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        for path in ["/cars/skoda<", "/cars/skoda/octavia<"] {
            let loc = format!("/{lang}{path}");
            assert_eq!(sitemap.matches(&loc).count(), 1, "{loc}");
        }
    }
    assert!(!sitemap.contains("/cars/koda"));
}
