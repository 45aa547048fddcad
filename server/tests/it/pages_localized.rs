//! Pages in every language but English (Russian, Ukrainian) carry no English Copart vocabulary:
//! an export whose rows use every value the generator knows for every column of closed
//! vocabulary (damage, colour, body style, fuel, transmission, drive, runs/drives, sale status,
//! title type, …) is loaded, and every page type is rendered in each language: home, catalog (plain and filtered by each damage and title type),
//! make and model hubs, every VIN page, search. The text a reader or a crawler gets (text
//! nodes, the title, meta descriptions, alt/title/aria-label/placeholder attributes and the
//! JSON-LD strings) must hold none of those English values as a word, once the vehicles' own
//! names (make, model, trim, yard, city: shown as they are in every language) are taken out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeSet;

use app::i18n::Lang;
use app::taxonomy::Taxon;
use common::files::{ingest, lots_of, write_lots};
use common::{TestApp, TestDb};
use scraper::{Html, Node};
use serde_json::Value;
use sqlx::PgPool;
use vinops::catalog::CatalogQuery;
use vinops::catalog::hub::Slug;
use vinops::generator::{GeneratedLot, vocabulary};
use vinops::header::Col;

/// Columns whose values are shown as codes with a name beside them (title types: "SC" is also
/// South Carolina in the state list) or through their own label functions (keys, odometer
/// brands: single letters), so they are not searched for as words.
const NOT_WORDS: [Col; 3] = [Col::SaleTitleType, Col::OdometerBrand, Col::HasKeys];

/// How the pipeline explains an inferred outcome (`lots.outcome_method`).
const OUTCOME_METHODS: [(&str, &str); 4] = [
    ("sold", "disappeared_after_sale"),
    ("unknown", "disappeared_before_sale"),
    ("on_approval", "disappeared_on_approval"),
    ("not_sold", "vin_relisted"),
];

/// Generated lots whose closed-vocabulary columns walk through every known value.
fn every_value_lots() -> Vec<GeneratedLot> {
    let vocabulary = vocabulary();
    let n = vocabulary.iter().map(|(_, v)| v.len()).max().unwrap() + 3;
    let mut lots = lots_of(61, n);
    for (i, lot) in lots.iter_mut().enumerate() {
        for (col, values) in &vocabulary {
            // Offset per column, so values do not always travel together.
            let k = (i + col.index()) % values.len();
            lot.set_field(*col, values[k]);
        }
    }
    lots
}

/// A database with [`every_value_lots`] and an inferred outcome of each kind.
async fn every_value_db() -> TestDb {
    let db = TestDb::new().await;
    let f = write_lots(&every_value_lots(), false, false);
    ingest(&db.etl().await, &f).await;
    let owner = db.owner().await;
    for (i, (outcome, method)) in OUTCOME_METHODS.iter().enumerate() {
        sqlx::query(
            "UPDATE lots SET outcome = $1, outcome_method = $2, outcome_confidence = 0.6,
                             outcome_at = now()
             WHERE id = (SELECT id FROM lots ORDER BY id OFFSET $3 LIMIT 1)",
        )
        .bind(outcome)
        .bind(method)
        .bind(i as i64)
        .execute(&owner)
        .await
        .unwrap();
    }
    db
}

/// Names shown as they are in every language: makes, models, trims, yards, cities.
async fn names(owner: &PgPool) -> Vec<String> {
    let rows: Vec<(Option<String>,)> = sqlx::query_as(
        "SELECT make FROM vehicles UNION SELECT model FROM vehicles
         UNION SELECT trim FROM vehicles UNION SELECT model_detail FROM vehicles
         UNION SELECT yard_name FROM lots UNION SELECT location_city FROM lots",
    )
    .fetch_all(owner)
    .await
    .unwrap();
    let mut names: Vec<String> = rows
        .into_iter()
        .filter_map(|(n,)| n)
        .filter(|n| !n.trim().is_empty())
        .collect();
    // Longest first, so "GOLD WING TOUR" goes before "GOLD WING".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The strings of a JSON-LD value (not its URLs).
fn json_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.starts_with("http") => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// What a reader or crawler of `html` gets as text (see the module doc).
fn reader_texts(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        match node.value() {
            Node::Text(t) => {
                let parent = node.parent().and_then(|p| p.value().as_element().cloned());
                let name = parent.as_ref().map(|e| e.name());
                match name {
                    Some("script") => {
                        let ld = parent.as_ref().and_then(|e| e.attr("type"));
                        if ld == Some("application/ld+json") {
                            let v: Value = serde_json::from_str(t).expect("JSON-LD parses");
                            json_strings(&v, &mut out);
                        }
                    }
                    Some("style") => {}
                    _ => out.push(t.to_string()),
                }
            }
            Node::Element(e) => {
                for attr in ["alt", "title", "aria-label", "placeholder"] {
                    out.extend(e.attr(attr).map(str::to_owned));
                }
                // Meta contents, but not URLs (og:url): filter values stay raw in URLs.
                if e.name() == "meta" && e.attr("name") != Some("viewport") {
                    let content = e.attr("content").filter(|c| !c.starts_with("http"));
                    out.extend(content.map(str::to_owned));
                }
            }
            _ => {}
        }
    }
    out
}

/// Where `needle` occurs in `hay` as a whole word (not inside a longer word).
fn word_at(hay: &str, needle: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle).map(|(at, _)| at).find(|at| {
        !word(hay[..*at].chars().next_back()) && !word(hay[at + needle.len()..].chars().next())
    })
}

/// `needle` in `hay` as a whole word (case-insensitive).
fn has_word(hay: &str, needle: &str) -> bool {
    word_at(&hay.to_uppercase(), &needle.to_uppercase()).is_some()
}

/// `hay` without the whole-word occurrences of `name` (a trim "S" leaves "GAS" alone).
fn without_word(hay: &str, name: &str) -> String {
    let mut out = hay.to_owned();
    while let Some(at) = word_at(&out, name) {
        out.replace_range(at..at + name.len(), " ");
    }
    out
}

/// The English vocabulary that must not show on a Russian page.
fn english_words() -> BTreeSet<&'static str> {
    let mut words: BTreeSet<&'static str> = vocabulary()
        .into_iter()
        .filter(|(col, _)| !NOT_WORDS.contains(col))
        .flat_map(|(_, values)| values)
        .collect();
    words.extend(OUTCOME_METHODS.map(|(_, m)| m));
    words
}

/// Every English word of [`english_words`] in the texts of one page, names taken out.
fn english_on(page: &str, html: &str, names: &[String]) -> Vec<String> {
    let words = english_words();
    let mut found = Vec::new();
    for text in reader_texts(html) {
        let mut text = text;
        for name in names {
            text = without_word(&text, name);
        }
        for w in &words {
            if has_word(&text, w) {
                found.push(format!("{page}: {w:?} in {:?}", text.trim()));
            }
        }
    }
    found
}

/// The pages of every type in `lang` over the dataset, as (path, HTML).
async fn pages_in(lang: Lang, app: &TestApp, owner: &PgPool) -> Vec<(String, String)> {
    let l = lang.code();
    let (make, model, year): (String, String, i16) = sqlx::query_as(
        "SELECT make, model, year FROM vehicles
         WHERE make IS NOT NULL AND model IS NOT NULL AND year IS NOT NULL
         ORDER BY vin LIMIT 1",
    )
    .fetch_one(owner)
    .await
    .unwrap();
    let make = Slug::of(&make).unwrap();
    let model = Slug::of(&model).unwrap();
    let mut paths = vec![
        format!("/{l}"),
        format!("/{l}/cars"),
        format!("/{l}/cars/{}", make.as_str()),
        format!("/{l}/cars/{}/{}", make.as_str(), model.as_str()),
        format!("/{l}/cars/{}/{}/{year}", make.as_str(), model.as_str()),
    ];
    for (col, values) in vocabulary() {
        for v in values {
            let q = match col {
                Col::DamageDescription => CatalogQuery {
                    damage: Some(v.to_owned()),
                    ..CatalogQuery::default()
                },
                Col::SaleTitleType => CatalogQuery {
                    title: Some(v.to_owned()),
                    ..CatalogQuery::default()
                },
                _ => break,
            };
            paths.push(format!("/{l}/cars?{}", q.to_query_string()));
        }
    }
    let vins: Vec<(String,)> = sqlx::query_as("SELECT vin FROM vehicles ORDER BY vin")
        .fetch_all(owner)
        .await
        .unwrap();
    paths.extend(vins.into_iter().map(|(v,)| format!("/{l}/vin/{v}")));
    let mut pages = Vec::new();
    for path in paths {
        let html = app.page(&path).await;
        pages.push((path, html));
    }
    // Search: a lot number leads to its VIN page; an unknown one is the home page with a note.
    let (lot,): (i64,) = sqlx::query_as("SELECT lot_number FROM lots ORDER BY id LIMIT 1")
        .fetch_one(owner)
        .await
        .unwrap();
    let res = app.get(&format!("/{l}/search?q={lot}")).await;
    assert_eq!(res.status().as_u16(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    pages.push((to.clone(), app.page(&to).await));
    let res = app.get(&format!("/{l}/search?q=1")).await;
    assert_eq!(res.status().as_u16(), 404);
    pages.push((format!("/{l}/search?q=1"), res.text().await.unwrap()));
    pages
}

/// The kind of a closed-vocabulary column, for those named through the taxonomy (title types
/// are named with their code, sale statuses by the status labels: both handled apart).
fn kind_of(col: Col) -> Option<Taxon> {
    Taxon::of_column(col).filter(|k| !matches!(k, Taxon::TitleType | Taxon::SaleStatus))
}

/// Every name the pages in `lang` must show somewhere: each value's, title types with their
/// code, the outcome methods'.
fn names_in(lang: Lang) -> Vec<String> {
    let mut want = Vec::new();
    for (col, values) in vocabulary() {
        for v in values {
            if col == Col::SaleTitleType {
                want.push(lang.taxon_with_code(Taxon::TitleType, v));
            } else if let Some(kind) = kind_of(col) {
                want.push(lang.taxon(kind, v).into_owned());
            }
        }
    }
    for (_, m) in OUTCOME_METHODS {
        want.push(lang.taxon(Taxon::OutcomeMethod, m).into_owned());
    }
    want
}

#[tokio::test]
async fn translated_pages_show_no_english_copart_vocabulary() {
    let db = every_value_db().await;
    let owner = db.owner().await;
    let app = TestApp::spawn(db).await;
    let names = names(&owner).await;
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let pages = pages_in(lang, &app, &owner).await;
        let mut found = Vec::new();
        for (path, html) in &pages {
            found.extend(english_on(path, html, &names));
        }
        assert!(
            found.is_empty(),
            "{} English values on {lang} pages, e.g.:\n{}",
            found.len(),
            found
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
        // And each value's name is there: the pages did show every value.
        let all: String = pages
            .iter()
            .flat_map(|(_, html)| reader_texts(html))
            .collect::<Vec<_>>()
            .join("\n");
        let missing: Vec<String> = names_in(lang)
            .into_iter()
            .filter(|name| !all.contains(name.as_str()))
            .collect();
        assert!(missing.is_empty(), "{lang}: never shown: {missing:?}");
    }
}

#[test]
fn words_are_found_whole_and_names_are_not_words() {
    assert!(has_word("Повреждение: FRONT END.", "front end"));
    assert!(!has_word("FRONTEND", "FRONT END"));
    assert!(!has_word("GASOLINE", "GAS"));
    assert!(has_word("Run & Drive Verified", "Run & Drive Verified"));
    assert_eq!(without_word("S GAS S-LINE", "S"), "  GAS  -LINE");
    let texts = reader_texts(
        r#"<html><head><title>A GAS</title><meta name="description" content="B DIESEL">
        <script type="application/ld+json">{"color":"RED","url":"https://x/RED"}</script>
        <script>var x = "HAIL";</script></head>
        <body><img alt="C"><option value="SIDE">Бок</option></body></html>"#,
    );
    for want in ["A GAS", "B DIESEL", "RED", "C", "Бок"] {
        assert!(texts.iter().any(|t| t == want), "{want} in {texts:?}");
    }
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("HAIL") || t.contains("SIDE"))
    );
}

/// The value of the sample `name{labels}` in a `/metrics` text (0 when absent).
fn sample(metrics: &str, name: &str, labels: &str) -> f64 {
    let prefix = format!("{name}{{{labels}}} ");
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map_or(0.0, |v| v.parse().expect("a number"))
}

#[tokio::test]
async fn a_value_without_a_name_is_shown_raw_and_counted() {
    const UNNAMED: &str = "HOVERCRAFT COLLISION";
    let mut lots = lots_of(62, 3);
    for lot in &mut lots {
        lot.set_field(Col::DamageDescription, UNNAMED);
    }
    let vin = lots[0].vin().to_owned();
    let db = TestDb::new().await;
    ingest(&db.etl().await, &write_lots(&lots, false, false)).await;
    let app = TestApp::spawn(db).await;
    let total = "vinops_untranslated_taxonomy_total";
    let values = "vinops_untranslated_taxonomy_values";
    let ru_damage = "lang=\"ru\",kind=\"damage\"";
    let metrics = || async { app.ops_get("/metrics").await.text().await.unwrap() };
    let before = metrics().await;

    let catalog = app.page("/ru/cars").await;
    let cards = common::html::texts(&catalog, "damage");
    assert_eq!(cards, [UNNAMED; 3], "shown as exported");
    let page = app.page(&format!("/ru/vin/{vin}")).await;
    assert!(reader_texts(&page).iter().any(|t| t.contains(UNNAMED)));

    let after = metrics().await;
    assert!(
        sample(&after, total, ru_damage) >= sample(&before, total, ru_damage) + 4.0,
        "three cards and a VIN page: {after}"
    );
    assert!(sample(&after, values, ru_damage) >= 1.0, "{after}");
    // English shows Copart's English as it is: nothing to count.
    assert!(app.page("/en/cars").await.contains(UNNAMED));
    assert!(!after.contains("lang=\"en\",kind=\"damage\""));
}
