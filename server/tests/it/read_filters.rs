//! The buyers' filters (secondary damage, yard, colour, fuel, drive, transmission, body, keys,
//! runs/drives, odometer from, bid range, Buy It Now, auction days) against real PostgreSQL:
//! each alone and in pairs, walked page by page and compared with the Rust reference of
//! `read_model` (every lot exactly once, in order, with the right total); their dropdowns
//! against the reference counts; and the ETL's backfill of the columns lots had no value for.

use std::collections::BTreeMap;

use sqlx::PgPool;
use vinops::catalog::{AuctionDates, AuctionDays, AuctionPreset, CatalogQuery, Keys, Sort};
use vinops::read;

use crate::read_model::{Row, all_rows, loaded, most_common, reference, walk};

/// Auction times around now, so "today" and "the next 7 days" have lots whatever day the test
/// runs; Buy It Now on a share of the lots. Then the facets, as a run would rebuild them.
async fn near_now(owner: &PgPool) {
    for sql in [
        "UPDATE lots SET auction_at = now() + (id % 240 - 24) * interval '1 hour',
                         sale_date = (now() + (id % 240 - 24) * interval '1 hour')::date
         WHERE id % 3 = 2",
        "UPDATE lots SET buy_it_now_cents = current_bid_cents + 150000 WHERE id % 4 = 1",
        "SELECT catalog_refresh_facets()",
    ] {
        sqlx::query(sql).execute(owner).await.expect(sql);
    }
}

fn text_value(rows: &[Row], f: impl Fn(&Row) -> Option<String>) -> String {
    most_common(rows, &CatalogQuery::default(), f)
}

#[tokio::test]
async fn every_buyer_filter_returns_exactly_the_reference_rows() {
    let (db, owner) = loaded(3000).await;
    near_now(&owner).await;
    sqlx::query(
        "INSERT INTO suppressions (vin, reason)
         SELECT vin, 'test' FROM vehicles ORDER BY vin LIMIT 30",
    )
    .execute(&owner)
    .await
    .expect("suppress");
    let rows = all_rows(&owner).await;
    let all = CatalogQuery::default();
    let keys = most_common(&rows, &all, |r| r.has_keys.clone());
    let q = |f: &dyn Fn(&mut CatalogQuery)| {
        let mut q = all.clone();
        f(&mut q);
        q
    };
    let damage2 = text_value(&rows, |r| r.damage_secondary.clone());
    let yard = text_value(&rows, |r| r.yard_name.clone());
    let color = text_value(&rows, |r| r.color.clone());
    let fuel = text_value(&rows, |r| r.fuel_type.clone());
    let drive = text_value(&rows, |r| r.drive.clone());
    let transmission = text_value(&rows, |r| r.transmission.clone());
    let body = text_value(&rows, |r| r.body_style.clone());
    let runs = text_value(&rows, |r| r.runs_drives.clone());
    let mut bids: Vec<i64> = rows.iter().map(|r| r.current_bid_cents / 100).collect();
    bids.sort_unstable();
    let (bid_low, bid_high) = (bids[bids.len() / 4], bids[bids.len() * 3 / 4]);
    let mut odometers: Vec<i32> = rows.iter().filter_map(|r| r.odometer_mi).collect();
    odometers.sort_unstable();
    let odometer_median = odometers[odometers.len() / 2];
    let today = chrono::Utc::now().date_naive();
    let days = |from: i64, to: i64| AuctionDays::Range {
        from: today.checked_add_signed(chrono::Duration::days(from)),
        to: today.checked_add_signed(chrono::Duration::days(to)),
    };
    let window = |days: AuctionDays, tz_minutes: i16| Some(AuctionDates { days, tz_minutes });

    let queries = [
        q(&|q| q.damage2 = Some(damage2.clone())),
        q(&|q| q.yard = Some(yard.clone())),
        q(&|q| q.color = Some(color.clone())),
        q(&|q| q.fuel = Some(fuel.clone())),
        q(&|q| q.drive = Some(drive.clone())),
        q(&|q| q.transmission = Some(transmission.clone())),
        q(&|q| q.body = Some(body.clone())),
        q(&|q| q.runs_drives = Some(runs.clone())),
        q(&|q| q.keys = Keys::from_db_str(&keys)),
        q(&|q| q.keys = Some(Keys::No)),
        q(&|q| q.odometer_min = Some(odometer_median)),
        q(&|q| q.bid_min = Some(bid_high)),
        q(&|q| q.bid_max = Some(bid_low)),
        q(&|q| (q.bid_min, q.bid_max) = (Some(bid_low), Some(bid_high))),
        q(&|q| q.buy_it_now = true),
        q(&|q| q.auction = window(AuctionDays::Preset(AuctionPreset::Today), 0)),
        q(&|q| q.auction = window(AuctionDays::Preset(AuctionPreset::Week), -300)),
        q(&|q| q.auction = window(AuctionDays::Preset(AuctionPreset::Week), 840)),
        q(&|q| q.auction = window(days(1, 3), 180)),
        q(&|q| q.auction = window(days(-1, -1), 0)),
        q(&|q| {
            q.auction = window(
                AuctionDays::Range {
                    from: None,
                    to: Some(today),
                },
                -720,
            )
        }),
        q(&|q| {
            q.auction = window(
                AuctionDays::Range {
                    from: Some(today),
                    to: None,
                },
                0,
            )
        }),
        // Pairs: a facet attribute with a range, two attributes, and the tab with each kind.
        q(&|q| {
            q.color = Some(color.clone());
            q.bid_max = Some(bid_high);
        }),
        q(&|q| {
            q.fuel = Some(fuel.clone());
            q.body = Some(body.clone());
        }),
        q(&|q| {
            q.kind = Some(vinops::VehicleKind::Automobile);
            q.transmission = Some(transmission.clone());
        }),
        q(&|q| {
            q.buy_it_now = true;
            q.auction = window(AuctionDays::Preset(AuctionPreset::Week), 0);
        }),
        q(&|q| {
            q.odometer_min = Some(odometer_median);
            q.odometer_max = Some(odometer_median * 2);
            q.damage2 = Some(damage2.clone());
        }),
        q(&|q| q.color = Some("NO SUCH COLOUR".into())),
    ];
    let sorts: Vec<Sort> = Sort::all().collect();
    let web = db.web();
    let mut nonempty = 0;
    for (i, q) in queries.iter().enumerate() {
        for sort in [sorts[i % sorts.len()], sorts[(i + 5) % sorts.len()]] {
            let q = CatalogQuery {
                sort,
                limit: 37,
                ..q.clone()
            };
            let want = reference(&rows, &q);
            let (got, total) = walk(&web, &q).await;
            assert_eq!(got, want, "{}", q.to_query_string());
            total.assert_is(want.len(), &q.to_query_string());
            nonempty += usize::from(!want.is_empty());
        }
    }
    assert!(
        nonempty >= 2 * (queries.len() - 3),
        "filters were not vacuous ({nonempty})"
    );
}

#[tokio::test]
async fn the_buyer_filter_dropdowns_list_every_value_with_lots() {
    let (db, owner) = loaded(3000).await;
    let rows = all_rows(&owner).await;
    let web = db.web();
    for kind in [None, Some(vinops::VehicleKind::Automobile)] {
        let tab = CatalogQuery {
            kind,
            ..CatalogQuery::default()
        };
        let over = |f: &dyn Fn(&Row) -> Option<String>| -> Vec<String> {
            let mut n: BTreeMap<String, usize> = BTreeMap::new();
            for r in rows.iter().filter(|r| r.matches(&tab)) {
                if let Some(v) = f(r).filter(|v| !v.is_empty()) {
                    *n.entry(v).or_default() += 1;
                }
            }
            n.into_keys().collect()
        };
        let got = read::filter_options(&web, &tab).await.expect("options");
        assert_eq!(got.secondary_damages, over(&|r| r.damage_secondary.clone()));
        assert_eq!(got.yards, over(&|r| r.yard_name.clone()));
        assert_eq!(got.colors, over(&|r| r.color.clone()));
        assert_eq!(got.fuels, over(&|r| r.fuel_type.clone()));
        assert_eq!(got.drives, over(&|r| r.drive.clone()));
        assert_eq!(got.transmissions, over(&|r| r.transmission.clone()));
        assert_eq!(got.body_styles, over(&|r| r.body_style.clone()));
        assert_eq!(got.runs_drives, over(&|r| r.runs_drives.clone()));
        // Keys in their own order (yes, no, exempt), not alphabetical.
        let mut keys = over(&|r| r.has_keys.clone());
        keys.sort_by_key(|k| Keys::from_db_str(k).map(|k| k as u8));
        assert_eq!(got.keys, keys);
        for list in [&got.colors, &got.yards, &got.fuels, &got.body_styles] {
            assert!(
                list.len() >= 2,
                "{kind:?}: the generator draws several values"
            );
        }
    }
}

#[tokio::test]
async fn the_etl_fills_the_filter_columns_of_lots_written_before_they_existed() {
    let (db, owner) = loaded(600).await;
    // Lots as an older release left them: no filter columns; the backfill starts over.
    for sql in [
        "UPDATE lots SET body_style = NULL, color = NULL, fuel_type = NULL, drive = NULL,
                         transmission = NULL WHERE id % 3 <> 0",
        "UPDATE lot_filter_backfill SET next_id = 0",
        "SELECT catalog_refresh_facets()",
    ] {
        sqlx::query(sql).execute(&owner).await.expect(sql);
    }
    let empty: i64 = sqlx::query_scalar("SELECT count(*) FROM lots WHERE color IS NULL")
        .fetch_one(&owner)
        .await
        .expect("count");
    assert!(empty >= 300, "{empty}");
    // The next run (any file) fills them from their vehicles and rebuilds the facets.
    vinops_dev::demo::load_as_export(&db.etl().await, 12, 50, 0.0)
        .await
        .expect("second load");
    let (left, differ): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE l.color IS NULL AND v.color IS NOT NULL),
                count(*) FILTER (WHERE (l.body_style, l.color, l.fuel_type, l.drive, l.transmission)
                                 IS DISTINCT FROM
                                 (v.body_style, v.color, v.fuel_type, v.drive, v.transmission))
         FROM lots l JOIN vehicles v USING (vin) WHERE l.id % 3 <> 0",
    )
    .fetch_one(&owner)
    .await
    .expect("compare");
    assert_eq!((left, differ), (0, 0));
    let done: Option<i64> = sqlx::query_scalar("SELECT next_id FROM lot_filter_backfill")
        .fetch_one(&owner)
        .await
        .expect("progress");
    assert_eq!(done, None, "the backfill knows it is done");
    // And the dropdowns count them.
    let web = db.web();
    let colors = read::filter_options(&web, &CatalogQuery::default())
        .await
        .expect("options")
        .colors;
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT color FROM lots WHERE color <> '' ORDER BY 1")
            .fetch_all(&owner)
            .await
            .expect("colours");
    assert_eq!(colors, stored);
}
