//! Demo data stays demo: a `demo` load is recorded as such, its photo URLs can reach nobody
//! (least of all Copart), the photo jobs neither schedule without a real export nor pick demo
//! lots, every page type carries the banner in its language, the sitemaps leave demo VINs out,
//! and `demo purge` removes exactly the demo lots — not the real ones, not a demo lot a real
//! export took over — after which the banner goes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::time::Duration;

use sqlx::PgPool;
use vinops_dev::demo::{self, DEMO_PHOTO_BASE};

use crate::common::{TestApp, TestDb, files};
use crate::seo_sitemaps::{gunzip_get, shard_vins};

/// The real lots as a comparable snapshot: every column that says what the lot is and what
/// happened to it.
async fn real_snapshot(pool: &PgPool, numbers: &[i64]) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT concat_ws('|', l.lot_number, l.vin, l.current_bid_cents, l.sale_status,
                          l.disappeared_at, l.updated_at, v.make, v.model, v.updated_at)
         FROM lots l JOIN vehicles v USING (vin)
         WHERE l.lot_number = ANY($1) ORDER BY l.lot_number",
    )
    .bind(numbers)
    .fetch_all(pool)
    .await
    .expect("snapshot")
}

async fn banner(app: &TestApp, path: &str) -> Option<String> {
    let res = app.get(path).await;
    let html = res.text().await.expect("body");
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("#demo-banner").expect("selector");
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
}

#[tokio::test]
async fn demo_data_is_marked_shown_kept_out_and_purged_alone() {
    let db = TestDb::new().await;
    let etl = db.etl().await;
    let owner = db.owner().await;

    let loaded = demo::load(&etl, 11, 80, 0.0).await.expect("demo load");
    // 80 rows of its own and the relists of its earlier export's vehicles; that export's lots
    // are demo lots too.
    assert_eq!((loaded.earlier, loaded.relisted), (4, 4));
    assert_eq!(loaded.loaded, 84);
    let job: String = sqlx::query_scalar("SELECT job FROM audit.runs WHERE id = $1")
        .bind(loaded.run_id)
        .fetch_one(&owner)
        .await
        .expect("run");
    assert_eq!(job, "demo");
    assert_eq!(
        files::count(&owner, "SELECT count(*) FROM demo_lots").await,
        88
    );
    assert_eq!(
        files::count(
            &owner,
            &format!("SELECT count(*) FROM lots WHERE image_url NOT LIKE '{DEMO_PHOTO_BASE}/%'")
        )
        .await,
        0,
        "every demo photo URL names the host that cannot exist"
    );
    // No real export configured: no photo job is scheduled at all.
    let settings = server::startup::Settings::defaults().expect("defaults");
    let storage =
        server::storage::Storage::from_config(&settings.storage).expect("default storage");
    let names: Vec<&str> = server::jobs::standard_jobs(
        &settings.jobs,
        &etl,
        &settings.source,
        &storage,
        &settings.images,
        &server::archive::Archive::from_config(&settings.source, &settings.storage)
            .expect("archive"),
    )
    .iter()
    .map(|j| j.name)
    .collect();
    assert!(
        !names.iter().any(|n| n.starts_with("images")),
        "photo jobs without an export: {names:?}"
    );
    // And a photo run started by hand picks no demo lot (it would not reach the network).
    let run = server::images::run(&etl, &storage, &server::images::ImagesOptions::default())
        .await
        .expect("images run");
    assert_eq!((run.lots, run.requests), (0, 0), "{run:?}");

    // A real export: 60 lots of its own and 5 of the demo's, which it takes over.
    let demo_lots = files::lots_of(11, 80);
    let mut real = files::lots_of(5, 60);
    real.extend(demo_lots[..5].iter().cloned());
    let report = files::ingest(&etl, &files::write_lots(&real, false, false)).await;
    assert_eq!(report.status, server::etl::RunStatus::Succeeded);
    assert_eq!(
        files::count(&owner, "SELECT count(*) FROM demo_lots").await,
        83
    );
    let real_numbers: Vec<i64> = real
        .iter()
        .map(|l| i64::from(l.lot_number().expect("a lot number")))
        .collect();
    let before = real_snapshot(&owner, &real_numbers).await;
    assert_eq!(before.len(), 65);

    let app = TestApp::spawn(db).await;
    let vin_of = |i: usize| demo_lots[i].vin().to_owned();
    let (make, model): (String, String) =
        sqlx::query_as("SELECT lower(make), lower(model) FROM vehicles WHERE vin = $1")
            .bind(vin_of(40))
            .fetch_one(&owner)
            .await
            .expect("a demo vehicle");
    let slug = |s: &str| {
        vinops::catalog::hub::Slug::of(s)
            .expect("a slug")
            .as_str()
            .to_owned()
    };
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        for path in [
            format!("/{lang}"),
            format!("/{lang}/cars"),
            format!("/{lang}/cars/{}", slug(&make)),
            format!("/{lang}/cars/{}/{}", slug(&make), slug(&model)),
            format!("/{lang}/vin/{}", vin_of(40)),
            format!("/{lang}/search?q=zzz"),
            format!("/{lang}/contacts"),
            format!("/{lang}/no-such-page"),
        ] {
            let text = banner(&app, &path)
                .await
                .unwrap_or_else(|| panic!("no demo banner on {path}"));
            let want = match lang {
                "en" => "Demo data",
                "ru" => "Демо-данные",
                _ => "Демо-дані",
            };
            assert!(text.contains(want), "{path}: {text}");
        }
    }

    // Sitemaps: the real VINs (the taken-over ones included), no demo VIN.
    let site_vins: BTreeSet<String> = {
        let (_, text) = gunzip_get(&app, "/sitemaps/vins-en-1-0.xml.gz").await;
        shard_vins(&app, &text, "en").into_iter().collect()
    };
    let real_vins: BTreeSet<String> = real.iter().map(|l| l.vin().to_owned()).collect();
    assert_eq!(site_vins, real_vins);
    // And the hubs: every make/model/year a real lot has, none that only demo lots fill.
    let hub_paths = |rows: Vec<(String, String, Option<i16>)>| -> BTreeSet<String> {
        rows.iter()
            .flat_map(|(make, model, year)| {
                let model_hub = format!("/en/cars/{}/{}", slug(make), slug(model));
                [
                    Some(format!("/en/cars/{}", slug(make))),
                    year.map(|y| format!("{model_hub}/{y}")),
                    Some(model_hub),
                ]
            })
            .flatten()
            .collect()
    };
    let triples = |sql: &'static str| {
        let owner = owner.clone();
        async move {
            sqlx::query_as::<_, (String, String, Option<i16>)>(sql)
                .fetch_all(&owner)
                .await
                .expect("triples")
        }
    };
    let real_hubs = hub_paths(
        triples(
            "SELECT DISTINCT make, model, year FROM lots l
             WHERE make IS NOT NULL AND model <> ''
               AND NOT EXISTS (SELECT 1 FROM demo_lots d WHERE d.lot_id = l.id)",
        )
        .await,
    );
    let demo_hubs = hub_paths(
        triples(
            "SELECT DISTINCT make, model, year FROM lots l JOIN demo_lots d ON d.lot_id = l.id
             WHERE make IS NOT NULL AND model <> ''",
        )
        .await,
    );
    let demo_only: BTreeSet<&String> = demo_hubs.difference(&real_hubs).collect();
    assert!(
        !demo_only.is_empty(),
        "the demo has makes or models of its own"
    );
    let (_, text) = gunzip_get(&app, "/sitemaps/hubs.xml.gz").await;
    let site_hubs: BTreeSet<String> = text
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .filter_map(|u| {
            u.split_once("/en/cars/")
                .map(|(_, rest)| format!("/en/cars/{rest}"))
        })
        .collect();
    assert_eq!(site_hubs, real_hubs, "hub sitemap = the real lots' hubs");

    // Purge: the 83 demo lots go, the real ones stay exactly as they were.
    let purged = demo::purge(&owner, None).await.expect("purge");
    assert_eq!(purged.lots, 83);
    assert!(purged.files >= 1);
    assert_eq!(
        files::count(&owner, "SELECT count(*) FROM demo_lots").await,
        0
    );
    assert_eq!(files::count(&owner, "SELECT count(*) FROM lots").await, 65);
    assert_eq!(real_snapshot(&owner, &real_numbers).await, before);
    assert_eq!(
        files::count(
            &owner,
            "SELECT count(*) FROM vehicles v WHERE NOT EXISTS (SELECT 1 FROM lots l WHERE l.vin = v.vin)"
        )
        .await,
        0,
        "no vehicle left without a lot"
    );
    // The same demo can be loaded again (its file registration went with it).
    assert!(
        files::count(
            &owner,
            "SELECT count(*) FROM raw.files WHERE source LIKE 'demo:%'"
        )
        .await
            == 0
    );
    // A second purge has nothing to do.
    assert_eq!(demo::purge(&owner, None).await.expect("again").lots, 0);

    // The banner goes within the flag's refresh (the dataset version's, 5 s by default).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while banner(&app, "/en/cars").await.is_some() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "banner still shown after the purge"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
