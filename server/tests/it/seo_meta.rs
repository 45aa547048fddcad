//! Page metadata on the real router and database, read back with an HTML
//! parser: for every page type in both languages the title, description, robots rule, canonical
//! URL (a reordered, re-sorted or paginated catalog URL keeps the same one), the hreflang
//! triple, OpenGraph, and JSON-LD that parses with only the values the database holds; and a
//! vehicle whose CSV values try to close the JSON-LD script.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeMap;

use app::i18n::Lang;
use app::taxonomy::Taxon;
use common::{TestApp, TestDb};
use scraper::{Html, Selector};
use serde_json::Value;
use sqlx::PgPool;

/// The metadata of one response, as a crawler reads it.
#[derive(Debug)]
struct Head {
    status: u16,
    titles: Vec<String>,
    descriptions: Vec<String>,
    robots: Vec<String>,
    canonicals: Vec<String>,
    /// hreflang → href (each hreflang at most once, checked on parse).
    alternates: BTreeMap<String, String>,
    /// property → contents, in document order.
    og: BTreeMap<String, Vec<String>>,
    /// The text of each `<script type="application/ld+json">`.
    json_ld_text: Vec<String>,
    /// Every `<script>` element, as (type attribute, text).
    scripts: Vec<(Option<String>, String)>,
    html: String,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

impl Head {
    fn parse(status: u16, html: String) -> Head {
        let doc = Html::parse_document(&html);
        let attrs = |css: &str, attr: &str| -> Vec<String> {
            doc.select(&sel(css))
                .filter_map(|e| e.value().attr(attr).map(str::to_owned))
                .collect()
        };
        let mut alternates = BTreeMap::new();
        for e in doc.select(&sel("head link[rel=alternate][hreflang]")) {
            let lang = e.value().attr("hreflang").unwrap().to_owned();
            let href = e.value().attr("href").unwrap().to_owned();
            assert!(
                alternates.insert(lang.clone(), href).is_none(),
                "hreflang {lang} twice"
            );
        }
        let mut og: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in doc.select(&sel("head meta[property]")) {
            og.entry(e.value().attr("property").unwrap().to_owned())
                .or_default()
                .push(e.value().attr("content").unwrap_or_default().to_owned());
        }
        let scripts = doc
            .select(&sel("script"))
            .map(|e| {
                (
                    e.value().attr("type").map(str::to_owned),
                    e.text().collect::<String>(),
                )
            })
            .collect();
        Head {
            status,
            titles: doc
                .select(&sel("title"))
                .map(|e| e.text().collect())
                .collect(),
            descriptions: attrs("head meta[name=description]", "content"),
            robots: attrs("head meta[name=robots]", "content"),
            canonicals: attrs("head link[rel=canonical]", "href"),
            alternates,
            og,
            json_ld_text: doc
                .select(&sel("script[type=\"application/ld+json\"]"))
                .map(|e| e.text().collect())
                .collect(),
            scripts,
            html,
        }
    }

    fn title(&self) -> &str {
        assert_eq!(self.titles.len(), 1, "one <title>: {:?}", self.titles);
        &self.titles[0]
    }

    fn description(&self) -> &str {
        assert_eq!(self.descriptions.len(), 1, "one description");
        &self.descriptions[0]
    }

    fn canonical(&self) -> Option<&str> {
        assert!(self.canonicals.len() <= 1, "one canonical at most");
        self.canonicals.first().map(String::as_str)
    }

    fn robots(&self) -> Option<&str> {
        assert!(self.robots.len() <= 1, "one robots tag at most");
        self.robots.first().map(String::as_str)
    }

    fn og(&self, property: &str) -> Option<&str> {
        let v = self.og.get(property)?;
        assert_eq!(v.len(), 1, "{property} once");
        Some(&v[0])
    }

    /// Every JSON-LD script parsed (each must be JSON).
    fn json_ld(&self) -> Vec<Value> {
        self.json_ld_text
            .iter()
            .map(|t| serde_json::from_str(t).unwrap_or_else(|e| panic!("JSON-LD {t}: {e}")))
            .collect()
    }

    fn json_ld_of(&self, kind: &str) -> Value {
        let all = self.json_ld();
        let mut found = all.iter().filter(|v| v["@type"] == kind);
        let one = found
            .next()
            .unwrap_or_else(|| panic!("no {kind} in {all:?}"));
        assert!(found.next().is_none(), "{kind} twice");
        assert_eq!(one["@context"], "https://schema.org");
        one.clone()
    }

    fn ld_types(&self) -> Vec<String> {
        let mut t: Vec<String> = self
            .json_ld()
            .iter()
            .map(|v| v["@type"].as_str().unwrap().to_owned())
            .collect();
        t.sort();
        t
    }
}

async fn head(app: &TestApp, path: &str) -> Head {
    let res = app.get(path).await;
    let status = res.status().as_u16();
    Head::parse(status, res.text().await.unwrap())
}

fn site(app: &TestApp) -> String {
    format!("http://{}", app.addr)
}

/// The hreflang alternates and OpenGraph of a page whose language-less path is `rest`.
fn assert_shared(h: &Head, app: &TestApp, lang: Lang, rest: &str) {
    let site = site(app);
    let expected: BTreeMap<String, String> = [
        ("en", format!("{site}/en{rest}")),
        ("ru", format!("{site}/ru{rest}")),
        ("uk", format!("{site}/uk{rest}")),
        ("x-default", format!("{site}/en{rest}")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(h.alternates, expected, "hreflang of {rest}");
    let t = lang.t();
    assert_eq!(h.og("og:title"), Some(h.title()));
    assert_eq!(h.og("og:description"), Some(h.description()));
    assert_eq!(
        h.og("og:url").map(str::to_owned),
        Some(format!("{site}/{}{rest}", lang.code()))
    );
    assert_eq!(h.og("og:type"), Some("website"));
    assert_eq!(h.og("og:site_name"), Some("Vinops"));
    assert_eq!(h.og("og:locale"), Some(t.og_locale));
    let alternates: Vec<&str> = lang.others().map(|l| l.t().og_locale).collect();
    assert_eq!(
        h.og.get("og:locale:alternate")
            .map(|v| v.iter().map(String::as_str).collect::<Vec<_>>()),
        Some(alternates)
    );
    assert!(!h.description().trim().is_empty());
}

/// An indexable page: canonical = itself in its language, no robots tag.
fn assert_indexable(h: &Head, app: &TestApp, lang: Lang, rest: &str) {
    assert_eq!(h.status, 200, "{rest}");
    assert_eq!(
        h.canonical().map(str::to_owned),
        Some(format!("{}/{}{rest}", site(app), lang.code()))
    );
    assert_eq!(h.robots(), None, "{rest} is indexable");
    assert_shared(h, app, lang, rest);
}

async fn app_with_demo(rows: usize) -> TestApp {
    TestApp::spawn(TestDb::with_demo(7, rows).await).await
}

#[tokio::test]
async fn home_static_and_error_pages_in_every_language() {
    let app = app_with_demo(30).await;
    let site = site(&app);
    for lang in Lang::ALL {
        let t = lang.t();
        let code = lang.code();

        let home = head(&app, &format!("/{code}")).await;
        assert_indexable(&home, &app, lang, "");
        assert_eq!(home.title(), format!("{} — Vinops", t.home_title));
        assert_eq!(home.description(), t.meta_home_description);
        assert_eq!(home.ld_types(), ["WebSite"]);
        let ws = home.json_ld_of("WebSite");
        assert_eq!(ws["url"], format!("{site}/{code}"));
        assert_eq!(ws["inLanguage"], code);
        let action = &ws["potentialAction"];
        assert_eq!(action["@type"], "SearchAction");
        assert_eq!(action["query-input"], "required name=search_term_string");
        let template = action["target"]["urlTemplate"].as_str().unwrap();
        assert_eq!(
            template,
            format!("{site}/{code}/search?q={{search_term_string}}")
        );
        // The template really searches: a VIN (in lower case, with a dash) lands on its page.
        let vin: String = sqlx::query_scalar("SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
            .fetch_one(&app.db.web())
            .await
            .unwrap();
        let typed = format!("{}-{}", &vin[..5], &vin[5..]).to_lowercase();
        let target = template
            .replace("{search_term_string}", &typed)
            .replace(&site, "");
        let res = app.get(&target).await;
        assert_eq!(res.status().as_u16(), 303);
        assert_eq!(res.headers()["location"], format!("/{code}/vin/{vin}"));

        for (rest, title, description) in [
            ("/contacts", t.contacts_title, t.meta_contacts_description),
            ("/terms", t.terms_title, t.meta_terms_description),
        ] {
            let h = head(&app, &format!("/{code}{rest}")).await;
            assert_indexable(&h, &app, lang, rest);
            assert_eq!(h.title(), format!("{title} — Vinops"));
            assert_eq!(h.description(), description);
            assert!(h.json_ld().is_empty());
        }

        // 404: noindex, no canonical, alternates to the same path, no JSON-LD.
        let missing = head(&app, &format!("/{code}/no-such-page")).await;
        assert_eq!(missing.status, 404);
        assert_eq!(missing.robots(), Some("noindex"));
        assert_eq!(missing.canonical(), None);
        assert_eq!(missing.title(), format!("{} — Vinops", t.not_found_title));
        assert_eq!(missing.description(), t.not_found_body);
        assert_shared(&missing, &app, lang, "/no-such-page");
        assert!(missing.json_ld().is_empty());

        // The search's answer to an unusable query is not the home page: noindex.
        let bad = head(&app, &format!("/{code}/search?q=%21%21")).await;
        assert_eq!(bad.status, 400);
        assert_eq!(bad.robots(), Some("noindex"));
        assert_eq!(bad.canonical(), None);
        assert!(bad.json_ld().is_empty());
    }
    // The English and Russian pages differ in language, not just in URL.
    let (en, ru) = (head(&app, "/en/terms").await, head(&app, "/ru/terms").await);
    assert_ne!(en.title(), ru.title());
    assert_ne!(en.description(), ru.description());
    assert_eq!(en.og("og:locale"), Some("en_US"));
    assert_eq!(ru.og("og:locale"), Some("ru_RU"));

    // A path without a language of ours: still noindex, and no alternates to guess.
    let other = head(&app, "/de/cars").await;
    assert_eq!(other.status, 404);
    assert_eq!(other.robots(), Some("noindex"));
    assert!(other.alternates.is_empty());
}

/// The `href`s of the catalog's card titles, absolute.
fn card_links(h: &Head, site: &str) -> Vec<String> {
    let doc = Html::parse_document(&h.html);
    doc.select(&sel("[data-testid=lot-card] h2 a"))
        .map(|a| format!("{site}{}", a.value().attr("href").unwrap()))
        .collect()
}

#[tokio::test]
async fn catalog_canonicals_robots_breadcrumbs_and_item_list() {
    let app = app_with_demo(40).await;
    let site = site(&app);
    let (make, model): (String, String) = sqlx::query_as(
        "SELECT make, model FROM lots GROUP BY make, model ORDER BY count(*) DESC, make LIMIT 1",
    )
    .fetch_one(&app.db.web())
    .await
    .unwrap();
    let enc = |s: &str| vinops::catalog::query::percent_encode(s);
    for lang in Lang::ALL {
        let t = lang.t();
        let code = lang.code();

        let all = head(&app, &format!("/{code}/cars")).await;
        assert_indexable(&all, &app, lang, "/cars");
        assert_eq!(all.title(), format!("{} — Vinops", t.catalog_title));
        assert_eq!(all.description(), t.meta_catalog_description);
        assert_eq!(all.ld_types(), ["BreadcrumbList", "ItemList"]);
        let list = all.json_ld_of("ItemList");
        let urls: Vec<String> = list["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["url"].as_str().unwrap().to_owned())
            .collect();
        assert!(!urls.is_empty());
        assert_eq!(
            urls,
            card_links(&all, &site),
            "items = the lots on the page"
        );
        assert_eq!(list["numberOfItems"], urls.len());
        assert!(
            urls.iter()
                .all(|u| u.starts_with(&format!("{site}/{code}/vin/")))
        );
        let crumbs = all.json_ld_of("BreadcrumbList");
        assert_eq!(
            crumbs["itemListElement"][0]["item"],
            format!("{site}/{code}")
        );
        assert_eq!(
            crumbs["itemListElement"][1]["item"],
            format!("{site}/{code}/cars")
        );

        // A make + model page: indexable, titled by what it shows, breadcrumbs down to it.
        let rest = format!("/cars?make={}&model={}", enc(&make), enc(&model));
        let mm = head(&app, &format!("/{code}{rest}")).await;
        assert_indexable(&mm, &app, lang, &rest);
        let subject = format!("{make} {model}");
        assert_eq!(
            mm.title(),
            format!("{} — Vinops", (t.meta_catalog_filtered_title)(&subject))
        );
        assert_eq!(
            mm.description(),
            (t.meta_catalog_filtered_description)(&subject)
        );
        let crumbs = mm.json_ld_of("BreadcrumbList");
        let names: Vec<&str> = crumbs["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, [t.nav_home, t.nav_catalog, &make, &model]);
        // The make and model crumbs lead to their hubs.
        let slug = |s: &str| vinops::catalog::hub::Slug::of(s).expect("slug").to_string();
        assert_eq!(
            crumbs["itemListElement"][3]["item"],
            format!("{site}/{code}/cars/{}/{}", slug(&make), slug(&model))
        );

        // Parameters in another order: one 301 to the canonical order (no second canonical).
        let res = app
            .get(&format!(
                "/{code}/cars?model={}&make={}",
                enc(&model),
                enc(&make)
            ))
            .await;
        assert_eq!(res.status().as_u16(), 301);
        assert_eq!(res.headers()["location"], format!("/{code}{rest}"));

        // Another order of the lots and another page size: the same canonical.
        let sorted = head(&app, &format!("/{code}{rest}&sort=year_desc&limit=2")).await;
        assert_eq!(sorted.status, 200);
        assert_eq!(sorted.canonical(), mm.canonical());
        assert_eq!(sorted.robots(), None);
        assert_eq!(sorted.alternates, mm.alternates);

        // A later page (cursor): canonical = the first page of the same filter.
        let first = head(&app, &format!("/{code}/cars?limit=3")).await;
        let next = Html::parse_document(&first.html)
            .select(&sel("a#next-page"))
            .next()
            .expect("a next page")
            .value()
            .attr("href")
            .unwrap()
            .to_owned();
        assert!(next.contains("cursor="), "{next}");
        let page2 = head(&app, &next).await;
        assert_eq!(page2.status, 200);
        assert_eq!(
            page2.canonical().map(str::to_owned),
            Some(format!("{site}/{code}/cars"))
        );
        assert_eq!(page2.og("og:url"), page2.canonical());
        assert_eq!(page2.robots(), None);
        let page2_urls: Vec<Value> = page2.json_ld_of("ItemList")["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["url"].clone())
            .collect();
        assert_eq!(page2_urls.len(), card_links(&page2, &site).len());

        // Heavily filtered: noindex,follow, canonical still the filter's own first page.
        for heavy in [
            format!("make={}&model={}&year=2015", enc(&make), enc(&model)),
            format!("make={}&state=CA", enc(&make)),
            "year_from=2010".to_owned(),
            "odometer_max=100000".to_owned(),
        ] {
            let h = head(&app, &format!("/{code}/cars?{heavy}&sort=year_desc")).await;
            assert_eq!(h.status, 200, "{heavy}");
            assert_eq!(h.robots(), Some("noindex,follow"), "{heavy}");
            assert_eq!(
                h.canonical().map(str::to_owned),
                Some(format!("{site}/{code}/cars?{heavy}")),
                "{heavy}"
            );
            assert_shared(&h, &app, lang, &format!("/cars?{heavy}"));
        }

        // Any text is a valid make: one that matches nothing is an empty page, not indexed.
        let empty = head(&app, &format!("/{code}/cars?make=NOSUCHMAKE")).await;
        assert_eq!(empty.status, 200);
        assert_eq!(empty.robots(), Some("noindex,follow"));
        assert_eq!(
            empty.canonical().map(str::to_owned),
            Some(format!("{site}/{code}/cars?make=NOSUCHMAKE"))
        );
        assert_eq!(
            empty.json_ld_of("ItemList")["itemListElement"],
            serde_json::json!([])
        );

        // A malformed query is an error page.
        let bad = head(&app, &format!("/{code}/cars?year=abc")).await;
        assert_eq!(bad.status, 400);
        assert_eq!(bad.robots(), Some("noindex"));
        assert_eq!(bad.canonical(), None);
    }
}

/// Columns of a vehicle that the `Car` JSON-LD may carry, from the database.
#[derive(sqlx::FromRow)]
struct VehicleRow {
    vin: String,
    year: Option<i16>,
    make: Option<String>,
    model: Option<String>,
    trim: Option<String>,
    body_style: Option<String>,
    color: Option<String>,
    drive: Option<String>,
    transmission: Option<String>,
    fuel_type: Option<String>,
}

async fn vehicle(pool: &PgPool, vin: &str) -> VehicleRow {
    sqlx::query_as(
        "SELECT vin, year, make, model, COALESCE(NULLIF(trim, ''), model_detail) AS trim,
                body_style, color, drive, transmission, fuel_type
         FROM vehicles WHERE vin = $1",
    )
    .bind(vin)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Each optional property is there exactly when the database has a non-blank value, and equal:
/// names as stored, Copart's vocabulary in the page's language.
fn assert_car_matches(car: &Value, v: &VehicleRow, lang: Lang) {
    let named = |key: &str, kind: Option<Taxon>, value: &Option<String>| {
        let value = value.as_deref().map(str::trim).filter(|s| !s.is_empty());
        match (value, kind) {
            (Some(s), Some(k)) => assert_eq!(car[key], lang.taxon(k, s).as_ref(), "{key}"),
            (Some(s), None) => assert_eq!(car[key], s, "{key}"),
            (None, _) => assert!(car.get(key).is_none(), "{key} without a value"),
        }
    };
    let text = |key: &str, value: &Option<String>| named(key, None, value);
    assert_eq!(car["vehicleIdentificationNumber"], v.vin);
    text("model", &v.model);
    text("vehicleConfiguration", &v.trim);
    named("bodyType", Some(Taxon::BodyStyle), &v.body_style);
    named("color", Some(Taxon::Color), &v.color);
    named("driveWheelConfiguration", Some(Taxon::Drive), &v.drive);
    let gearbox = Some(Taxon::Transmission);
    named("vehicleTransmission", gearbox, &v.transmission);
    named("fuelType", Some(Taxon::Fuel), &v.fuel_type);
    match v.make.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => {
            assert_eq!(car["brand"]["@type"], "Brand");
            assert_eq!(car["brand"]["name"], m);
        }
        None => assert!(car.get("brand").is_none()),
    }
    match v.year {
        Some(y) => assert_eq!(car["vehicleModelDate"], y.to_string()),
        None => assert!(car.get("vehicleModelDate").is_none()),
    }
    for invented in ["offers", "price", "priceCurrency", "aggregateRating"] {
        assert!(car.get(invented).is_none(), "{invented}");
    }
}

/// How a VIN page's description mentions photos (only when it has some).
fn photos_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", photos,",
        Lang::Ru | Lang::Uk => ", фото,",
    }
}

#[tokio::test]
async fn vin_pages_404_and_410_in_every_language() {
    let db = TestDb::with_demo(7, 30).await;
    let owner = db.owner().await;
    // A VIN with a lot that has an odometer reading and a place.
    let (vin, lot_id, lot_number, odometer, city): (String, i64, i64, i32, String) =
        sqlx::query_as(
            "SELECT vin, id, lot_number, odometer_mi, location_city FROM lots
             WHERE odometer_mi IS NOT NULL AND location_city IS NOT NULL
             ORDER BY first_seen_at DESC, id DESC LIMIT 1",
        )
        .fetch_one(&owner)
        .await
        .unwrap();
    // One field left empty, to see it left out.
    sqlx::query("UPDATE vehicles SET color = NULL WHERE vin = $1")
        .bind(&vin)
        .execute(&owner)
        .await
        .unwrap();
    let row = vehicle(&owner, &vin).await;
    let gone: String = sqlx::query_scalar("SELECT vin FROM vehicles WHERE vin <> $1 LIMIT 1")
        .bind(&vin)
        .fetch_one(&owner)
        .await
        .unwrap();
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&gone)
        .execute(&owner)
        .await
        .unwrap();
    let app = TestApp::spawn(db).await;
    let site = site(&app);
    let rest = format!("/vin/{vin}");

    for lang in Lang::ALL {
        let t = lang.t();
        let code = lang.code();
        let h = head(&app, &format!("/{code}{rest}")).await;
        assert_indexable(&h, &app, lang, &rest);
        let subject: String = [
            row.year.map(|y| y.to_string()),
            row.make.clone(),
            row.model.clone(),
            row.trim.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        assert_eq!(h.title(), format!("{subject} — VIN {vin} — Vinops"));
        let d = h.description();
        assert!(d.starts_with(&format!("{subject}, VIN {vin}")), "{d}");
        assert!(d.contains(&lot_number.to_string()), "lot number in {d}");
        assert!(d.contains(&city), "place in {d}");
        assert!(!d.contains(photos_word(lang)), "no photos yet: {d}");
        assert_eq!(h.og("og:image"), None, "no photo, no og:image");
        assert_eq!(h.ld_types(), ["BreadcrumbList", "Car"]);
        let car = h.json_ld_of("Car");
        assert_car_matches(&car, &row, lang);
        assert!(car.get("color").is_none());
        assert!(car.get("image").is_none());
        assert_eq!(car["url"], format!("{site}/{code}{rest}"));
        assert_eq!(car["mileageFromOdometer"]["unitCode"], "SMI");
        assert_eq!(car["mileageFromOdometer"]["value"], odometer);
        let crumbs = h.json_ld_of("BreadcrumbList");
        let items = crumbs["itemListElement"].as_array().unwrap();
        assert_eq!(items[0]["name"], t.nav_home);
        assert_eq!(
            items.last().unwrap()["item"],
            format!("{site}/{code}{rest}")
        );
        assert_eq!(items.last().unwrap()["name"], subject);

        // Unknown VIN: 404, noindex.
        let unknown = head(&app, &format!("/{code}/vin/1HGCM82633A004352")).await;
        assert_eq!(unknown.status, 404);
        assert_eq!(unknown.robots(), Some("noindex"));
        assert_eq!(unknown.canonical(), None);
        assert_eq!(
            unknown.title(),
            format!("{} — Vinops", t.vin_not_found_title)
        );
        assert!(unknown.json_ld().is_empty());

        // Removed on request: 410, noindex, nothing about the vehicle in the head.
        let removed = head(&app, &format!("/{code}/vin/{gone}")).await;
        assert_eq!(removed.status, 410);
        assert_eq!(removed.robots(), Some("noindex"));
        assert_eq!(removed.canonical(), None);
        assert_eq!(removed.title(), format!("{} — Vinops", t.vin_removed_title));
        assert_eq!(removed.description(), t.vin_removed_body);
        assert_shared(&removed, &app, lang, &format!("/vin/{gone}"));
        assert!(removed.json_ld().is_empty());
    }

    // With photos: og:image and the Car's images are absolute URLs of the stored files.
    for (seq, key) in [(1_i16, "lots/x/1_ful.jpg"), (2, "lots/x/2_ful.jpg")] {
        sqlx::query(
            "INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, source_url)
             VALUES ($1, $2, 'ful', $3, sha256(convert_to($3, 'UTF8')), 100, 'test')",
        )
        .bind(lot_id)
        .bind(seq)
        .bind(key)
        .execute(&owner)
        .await
        .unwrap();
    }
    let h = head(&app, &format!("/ru{rest}")).await;
    assert!(h.description().contains(photos_word(Lang::Ru)));
    assert_eq!(
        h.og("og:image").map(str::to_owned),
        Some(format!("{site}/media/lots/x/1_ful.jpg"))
    );
    assert_eq!(
        h.json_ld_of("Car")["image"],
        serde_json::json!([
            format!("{site}/media/lots/x/1_ful.jpg"),
            format!("{site}/media/lots/x/2_ful.jpg")
        ])
    );
}

/// Values an export could carry that would end a `<script>` early, or break JSON or JavaScript.
const HOSTILE_MODEL: &str = "</script><script>alert(1)</script>";
const HOSTILE_TRIM: &str = "</title></SCRIPT ><!-- <script>";
const HOSTILE_COLOR: &str = "RED & \"BLUE\"\u{2028}\u{2029}\\";
const HOSTILE_MAKE: &str = "ZZ<b>EVIL</b>";

#[tokio::test]
async fn hostile_csv_values_cannot_leave_the_json_ld_script() {
    let db = TestDb::with_demo(7, 5).await;
    let owner = db.owner().await;
    let vin = "ZZZEVXL0000000001";
    sqlx::query(
        "INSERT INTO vehicles (vin, year, make, model, trim, color, body_style, fuel_type)
         VALUES ($1, 2020, $2, $3, $4, $5, $3, $4)",
    )
    .bind(vin)
    .bind(HOSTILE_MAKE)
    .bind(HOSTILE_MODEL)
    .bind(HOSTILE_TRIM)
    .bind(HOSTILE_COLOR)
    .execute(&owner)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO lots (lot_number, vin, yard_number, yard_name, time_zone, vehicle_type,
                           sale_status, sale_status_raw, current_bid_cents, source_updated_at,
                           year, make, model, trim, location_city, location_state, odometer_mi)
         VALUES (99000001, $1, 1, $4, 'PDT', 'V', 'on_minimum_bid', 'x', 0, now(),
                 2020, $2, $3, $4, $3, 'CA', 1234)",
    )
    .bind(vin)
    .bind(HOSTILE_MAKE)
    .bind(HOSTILE_MODEL)
    .bind(HOSTILE_TRIM)
    .execute(&owner)
    .await
    .unwrap();
    let benign: String = sqlx::query_scalar("SELECT vin FROM vehicles WHERE vin <> $1 LIMIT 1")
        .bind(vin)
        .fetch_one(&owner)
        .await
        .unwrap();
    let app = TestApp::spawn(db).await;

    for lang in Lang::ALL {
        let code = lang.code();
        let normal = head(&app, &format!("/{code}/vin/{benign}")).await;
        let h = head(&app, &format!("/{code}/vin/{vin}")).await;
        assert_eq!(h.status, 200);
        if let Some(at) = h.html.find("<script>alert(1)") {
            panic!(
                "raw markup at {at}: {}",
                &h.html[at.saturating_sub(300)..at + 100]
            );
        }
        assert!(!h.html.contains("<b>EVIL"), "raw markup escaped");
        assert_eq!(
            h.html.matches("</title>").count(),
            1,
            "the title is closed once"
        );
        // Exactly the scripts of any VIN page: the same count and types, two of them JSON-LD.
        let types = |h: &Head| h.scripts.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
        assert_eq!(types(&h), types(&normal), "no extra script element");
        assert_eq!(h.json_ld_text.len(), 2);
        assert_eq!(h.ld_types(), ["BreadcrumbList", "Car"]);
        let car = h.json_ld_of("Car");
        assert_eq!(car["model"], HOSTILE_MODEL);
        assert_eq!(car["vehicleConfiguration"], HOSTILE_TRIM);
        assert_eq!(car["color"], HOSTILE_COLOR);
        assert_eq!(car["bodyType"], HOSTILE_MODEL);
        assert_eq!(car["fuelType"], HOSTILE_TRIM);
        assert_eq!(car["brand"]["name"], HOSTILE_MAKE);
        let crumbs = h.json_ld_of("BreadcrumbList");
        let names: Vec<&str> = crumbs["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert_eq!(names[2..4], [HOSTILE_MAKE, HOSTILE_MODEL]);
        for text in &h.json_ld_text {
            for raw in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
                assert!(!text.contains(raw), "{raw:?} unescaped in {text}");
            }
        }
        // The title and description carry the values as text, not markup.
        assert!(h.title().contains(HOSTILE_MODEL));
        assert!(h.description().contains(HOSTILE_MODEL));

        // The listing of that make: its ItemList names the hostile lot, still as data.
        let list = head(
            &app,
            &format!(
                "/{code}/cars?make={}",
                vinops::catalog::query::percent_encode(HOSTILE_MAKE)
            ),
        )
        .await;
        assert_eq!(list.status, 200);
        assert!(!list.html.contains("<script>alert(1)"));
        let items = list.json_ld_of("ItemList");
        assert_eq!(
            items["itemListElement"][0]["name"],
            format!("2020 {HOSTILE_MAKE} {HOSTILE_MODEL}")
        );
        assert_eq!(
            items["itemListElement"][0]["url"],
            format!("{}/{code}/vin/{vin}", site(&app))
        );
        assert_eq!(list.ld_types(), ["BreadcrumbList", "ItemList"]);
    }
}

#[tokio::test]
async fn pages_of_an_unreachable_database_are_noindex_errors() {
    let mut db = TestDb::new().await;
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    let app = TestApp::spawn(db).await;
    for lang in Lang::ALL {
        let code = lang.code();
        for path in [
            format!("/{code}/cars"),
            format!("/{code}/vin/1HGCM82633A004352"),
        ] {
            let h = head(&app, &path).await;
            assert_eq!(h.status, 503, "{path}");
            assert_eq!(h.robots(), Some("noindex"), "{path}");
            assert_eq!(h.canonical(), None, "{path}");
            assert!(h.json_ld().is_empty(), "{path}");
            assert_eq!(h.title(), h.og("og:title").unwrap());
        }
    }
}
