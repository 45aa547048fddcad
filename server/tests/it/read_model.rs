//! The read model (`vinops::read`) against real PostgreSQL, with data loaded through the real
//! ETL from the generator. Every result is compared with a reference computed in Rust from all
//! rows (plain SELECT, no filters in SQL), so the dynamic SQL, the cursor and the NULL handling
//! are checked against an independent definition.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, Utc};
use common::TestDb;
use sqlx::PgPool;
use vinops::catalog::{
    AuctionDates, AuctionDays, AuctionPreset, CatalogQuery, CatalogRequest, Cursor, CursorError,
    Direction, QueryError, Sort, SortKey, VinPage,
};
use vinops::read::{self, ReadError};
use vinops::vehicle_type::{VehicleKind, VehicleTypeCode};
use vinops::{LotNumber, SaleStatus, vin::Vin};

/// One lot as the reference sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Row {
    pub(crate) id: i64,
    pub(crate) vehicle_type: String,
    pub(crate) make: Option<String>,
    pub(crate) model: Option<String>,
    pub(crate) trim: Option<String>,
    pub(crate) year: Option<i16>,
    pub(crate) damage_primary: Option<String>,
    pub(crate) title_type: Option<String>,
    pub(crate) sale_status: String,
    pub(crate) odometer_mi: Option<i32>,
    pub(crate) location_state: Option<String>,
    pub(crate) auction_at: Option<DateTime<Utc>>,
    pub(crate) first_seen_at: DateTime<Utc>,
    pub(crate) current_bid_cents: i64,
    pub(crate) damage_secondary: Option<String>,
    pub(crate) yard_name: Option<String>,
    pub(crate) color: Option<String>,
    pub(crate) fuel_type: Option<String>,
    pub(crate) drive: Option<String>,
    pub(crate) transmission: Option<String>,
    pub(crate) body_style: Option<String>,
    pub(crate) has_keys: Option<String>,
    pub(crate) runs_drives: Option<String>,
    pub(crate) buy_it_now_cents: Option<i64>,
    pub(crate) suppressed: bool,
}

impl Row {
    fn key(&self, key: SortKey) -> Option<i64> {
        match key {
            SortKey::AuctionDate => self.auction_at.map(|t| t.timestamp_micros()),
            SortKey::Listed => Some(self.first_seen_at.timestamp_micros()),
            SortKey::Year => self.year.map(i64::from),
            SortKey::Odometer => self.odometer_mi.map(i64::from),
            SortKey::CurrentBid => Some(self.current_bid_cents),
        }
    }

    fn kind(&self) -> VehicleKind {
        VehicleTypeCode::parse(&self.vehicle_type)
            .expect("stored code")
            .kind()
    }

    pub(crate) fn matches(&self, q: &CatalogQuery) -> bool {
        let eq = |want: &Option<String>, have: &Option<String>| {
            want.as_ref().is_none_or(|w| have.as_ref() == Some(w))
        };
        let keys = q.keys.map(|k| k.as_db_str().to_owned());
        // Whole dollars against cents: 100 cents per dollar, a bound at or beyond the bid.
        let bid = self.current_bid_cents;
        !self.suppressed
            && q.kind.is_none_or(|k| self.kind() == k)
            && eq(&q.make, &self.make)
            && eq(&q.model, &self.model)
            && eq(&q.trim, &self.trim)
            && q.year.is_none_or(|y| self.year == Some(y))
            && q.year_from
                .is_none_or(|y| self.year.is_some_and(|v| v >= y))
            && q.year_to.is_none_or(|y| self.year.is_some_and(|v| v <= y))
            && eq(&q.damage, &self.damage_primary)
            && eq(&q.title, &self.title_type)
            && q.status.is_none_or(|s| self.sale_status == s.as_db_str())
            && q.odometer_max
                .is_none_or(|m| self.odometer_mi.is_some_and(|o| o <= m))
            && eq(&q.state, &self.location_state)
            && eq(&q.damage2, &self.damage_secondary)
            && eq(&q.yard, &self.yard_name)
            && eq(&q.color, &self.color)
            && eq(&q.fuel, &self.fuel_type)
            && eq(&q.drive, &self.drive)
            && eq(&q.transmission, &self.transmission)
            && eq(&q.body, &self.body_style)
            && eq(&keys, &self.has_keys)
            && eq(&q.runs_drives, &self.runs_drives)
            && q.odometer_min
                .is_none_or(|m| self.odometer_mi.is_some_and(|o| o >= m))
            && q.bid_min
                .is_none_or(|d| i128::from(bid) >= i128::from(d) * 100)
            && q.bid_max
                .is_none_or(|d| i128::from(bid) <= i128::from(d) * 100)
            && (!q.buy_it_now || self.buy_it_now_cents.is_some())
            && q.auction.is_none_or(|a| self.on_auction_days(a))
    }

    /// The auction's calendar day where the visitor is, within the chosen days. Written from
    /// the day of the instant (not from the window's instants, as the SQL is).
    fn on_auction_days(&self, a: AuctionDates) -> bool {
        let Some(at) = self.auction_at else {
            return false;
        };
        let zone = FixedOffset::east_opt(i32::from(a.tz_minutes) * 60).expect("offset");
        let day = at.with_timezone(&zone).date_naive();
        let today = Utc::now().with_timezone(&zone).date_naive();
        let (from, to) = match a.days {
            AuctionDays::Preset(AuctionPreset::Today) => (Some(today), Some(today)),
            AuctionDays::Preset(AuctionPreset::Week) => {
                (Some(today), Some(today + chrono::Days::new(6)))
            }
            AuctionDays::Range { from, to } => (from, to),
        };
        from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
    }
}

/// The expected ids of a query in order: filter, then (key, id) in the sort's direction with
/// NULL keys last in both directions.
pub(crate) fn reference(rows: &[Row], q: &CatalogQuery) -> Vec<i64> {
    let mut hits: Vec<&Row> = rows.iter().filter(|r| r.matches(q)).collect();
    hits.sort_by(|a, b| {
        let (ka, kb) = (a.key(q.sort.key), b.key(q.sort.key));
        let nulls_last = ka.is_none().cmp(&kb.is_none());
        let by_key = match q.sort.dir {
            Direction::Asc => ka.cmp(&kb).then(a.id.cmp(&b.id)),
            Direction::Desc => kb.cmp(&ka).then(b.id.cmp(&a.id)),
        };
        nulls_last.then(by_key)
    });
    hits.iter().map(|r| r.id).collect()
}

pub(crate) async fn all_rows(pool: &PgPool) -> Vec<Row> {
    sqlx::query_as::<_, Row>(
        "SELECT l.id, l.vehicle_type::text AS vehicle_type, l.make, l.model, l.trim, l.year,
                l.damage_primary, l.title_type, l.sale_status, l.odometer_mi,
                l.location_state, l.auction_at, l.first_seen_at, l.current_bid_cents,
                l.damage_secondary, l.yard_name, l.color, l.fuel_type, l.drive,
                l.transmission, l.body_style, l.has_keys, l.runs_drives, l.buy_it_now_cents,
                EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin) AS suppressed
         FROM lots l",
    )
    .fetch_all(pool)
    .await
    .expect("all rows")
}

/// A database with `rows` generated lots loaded by the ETL, then made harder on purpose: NULL
/// sort keys in every nullable key, many ties, and a few non-default vehicle types, so the
/// boundaries the cursor must cross are there whatever the generator draws.
pub(crate) async fn loaded(rows: usize) -> (TestDb, PgPool) {
    let db = TestDb::new().await;
    let report = vinops_dev::demo::load_as_export(&db.etl().await, 11, rows, 0.0)
        .await
        .expect("demo load");
    assert!(report.loaded > rows * 9 / 10, "{report:?}");
    let owner = db.owner().await;
    for sql in [
        "UPDATE lots SET auction_at = NULL, sale_date = NULL, sale_time_local = NULL
         WHERE id % 7 = 0",
        // Ties: many lots share one instant, one bid, one odometer reading.
        "UPDATE lots SET auction_at = '2025-11-01 17:00:00+00', sale_date = '2025-11-01'
         WHERE id % 7 = 3",
        "UPDATE lots SET current_bid_cents = 50000 WHERE id % 5 = 1",
        "UPDATE lots SET odometer_mi = NULL WHERE id % 6 = 0",
        "UPDATE lots SET odometer_mi = 12345 WHERE id % 6 = 1",
        "UPDATE lots SET first_seen_at = '2025-10-10 00:00:00+00' WHERE id % 4 = 0",
        "UPDATE lots SET year = NULL WHERE id % 10 = 4",
        "UPDATE lots SET vehicle_type = 'Q' WHERE id % 97 = 0",
        "UPDATE lots SET vehicle_type = 'C' WHERE id % 89 = 0",
        // The dropdowns read the facets the ETL rebuilds each run: rebuild them as a run would.
        "SELECT catalog_refresh_facets()",
    ] {
        sqlx::query(sql).execute(&owner).await.expect(sql);
    }
    (db, owner)
}

/// A page's total as a number of lots, or "more than [`read::COUNT_CAP`]".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Total {
    Exact(i64),
    Capped,
}

impl Total {
    fn of(total: i64, capped: bool) -> Total {
        if capped {
            assert_eq!(total, read::COUNT_CAP, "a capped total is the cap");
            Total::Capped
        } else {
            Total::Exact(total)
        }
    }

    /// Whether this total is right for `n` matching lots.
    pub(crate) fn assert_is(self, n: usize, what: &str) {
        let n = i64::try_from(n).expect("n");
        match self {
            Total::Exact(t) => assert_eq!(t, n, "{what}: total"),
            Total::Capped => assert!(n > read::COUNT_CAP, "{what}: capped at {n} lots"),
        }
    }
}

/// Walks every page of `q` through URL round trips of the next-page link, as a visitor would.
pub(crate) async fn walk(pool: &PgPool, q: &CatalogQuery) -> (Vec<i64>, Total) {
    let mut ids = Vec::new();
    let mut cursor: Option<Cursor> = None;
    let mut total = None;
    for _ in 0..10_000 {
        let page = read::catalog_page(pool, q, cursor.as_ref())
            .await
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
        assert!(page.items.len() <= usize::from(q.limit));
        let this = Total::of(page.total, page.total_capped);
        if let Some(t) = total {
            assert_eq!(t, this, "the total does not change between pages");
        }
        total = Some(this);
        ids.extend(page.items.iter().map(|c| c.id));
        let Some(next) = page.next_cursor else {
            return (ids, total.unwrap_or(Total::Exact(0)));
        };
        assert_eq!(
            page.items.len(),
            usize::from(q.limit),
            "only the last page is short"
        );
        let link = q.next_page_query_string(next);
        let pairs = link
            .split('&')
            .map(|p| p.split_once('=').expect("pair"))
            .map(|(k, v)| (k.to_owned(), form_decode(v)));
        let back = CatalogRequest::from_pairs(pairs).expect("next-page link parses");
        assert_eq!(&back.query, q, "{link}");
        cursor = back.cursor;
    }
    panic!("pagination does not end");
}

/// `application/x-www-form-urlencoded` value decoding, written independently of the encoder.
fn form_decode(v: &str) -> String {
    let mut out = Vec::new();
    let mut bytes = v.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex: String = [bytes.next(), bytes.next()]
                    .into_iter()
                    .map(|c| char::from(c.expect("two hex digits")))
                    .collect();
                out.push(u8::from_str_radix(&hex, 16).expect("hex"));
            }
            b => out.push(b),
        }
    }
    String::from_utf8(out).expect("utf-8")
}

#[tokio::test]
async fn every_sort_walks_every_lot_once_in_order_including_null_keys() {
    let (db, owner) = loaded(2500).await;
    let rows = all_rows(&owner).await;
    let web = db.web();
    for key in [SortKey::AuctionDate, SortKey::Year, SortKey::Odometer] {
        let nulls = rows.iter().filter(|r| r.key(key).is_none()).count();
        assert!(nulls > 50, "{key:?} has a NULL tail ({nulls})");
    }
    for sort in Sort::all() {
        let q = CatalogQuery {
            sort,
            limit: 97,
            ..CatalogQuery::default()
        };
        let want = reference(&rows, &q);
        let (got, total) = walk(&web, &q).await;
        assert_eq!(got.len(), want.len(), "{sort}: count");
        let unique: BTreeSet<i64> = got.iter().copied().collect();
        assert_eq!(unique.len(), got.len(), "{sort}: no lot twice");
        assert_eq!(got, want, "{sort}: order");
        // No filter: counted from the facets, exact at any size.
        assert_eq!(total, Total::Exact(i64::try_from(want.len()).expect("n")));
    }
}

/// The most common value of a field among lots matching `base`.
pub(crate) fn most_common<T: Ord + Clone>(
    rows: &[Row],
    base: &CatalogQuery,
    f: impl Fn(&Row) -> Option<T>,
) -> T {
    let mut n: BTreeMap<T, usize> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.matches(base)) {
        if let Some(v) = f(r) {
            *n.entry(v).or_default() += 1;
        }
    }
    n.into_iter()
        .max_by_key(|(_, c)| *c)
        .map(|(v, _)| v)
        .expect("a value")
}

#[tokio::test]
async fn every_filter_returns_exactly_the_reference_rows() {
    let (db, owner) = loaded(3000).await;
    // Suppressed VINs must drop out of every filtered result too.
    sqlx::query(
        "INSERT INTO suppressions (vin, reason)
         SELECT vin, 'test' FROM vehicles ORDER BY vin DESC LIMIT 40",
    )
    .execute(&owner)
    .await
    .expect("suppress");
    let rows = all_rows(&owner).await;
    assert!(rows.iter().filter(|r| r.suppressed).count() >= 40);
    let web = db.web();
    let all = CatalogQuery::default();
    let make = most_common(&rows, &all, |r| r.make.clone());
    let with_make = CatalogQuery {
        make: Some(make.clone()),
        ..all.clone()
    };
    let model = most_common(&rows, &with_make, |r| r.model.clone());
    let with_model = CatalogQuery {
        model: Some(model.clone()),
        ..with_make.clone()
    };
    let trim = most_common(&rows, &with_model, |r| r.trim.clone());
    let year = most_common(&rows, &all, |r| r.year);
    let damage = most_common(&rows, &all, |r| r.damage_primary.clone());
    let title = most_common(&rows, &all, |r| r.title_type.clone());
    let state = most_common(&rows, &all, |r| r.location_state.clone());
    let status = most_common(&rows, &all, |r| Some(r.sale_status.clone()));
    let mut odometers: Vec<i32> = rows.iter().filter_map(|r| r.odometer_mi).collect();
    odometers.sort_unstable();
    let odometer_median = odometers[odometers.len() / 2];

    let mut queries: Vec<CatalogQuery> = VehicleKind::ALL
        .into_iter()
        .map(|k| CatalogQuery {
            kind: Some(k),
            ..all.clone()
        })
        .collect();
    queries.extend([
        with_make.clone(),
        with_model.clone(),
        CatalogQuery {
            trim: Some(trim.clone()),
            ..with_model.clone()
        },
        CatalogQuery {
            trim: Some(trim),
            ..all.clone()
        },
        CatalogQuery {
            year: Some(year),
            ..all.clone()
        },
        CatalogQuery {
            year_from: Some(2010),
            ..all.clone()
        },
        CatalogQuery {
            year_to: Some(2012),
            ..all.clone()
        },
        CatalogQuery {
            year_from: Some(2008),
            year_to: Some(2016),
            ..all.clone()
        },
        CatalogQuery {
            damage: Some(damage.clone()),
            ..all.clone()
        },
        CatalogQuery {
            title: Some(title.clone()),
            ..all.clone()
        },
        CatalogQuery {
            status: SaleStatus::from_db_str(&status),
            ..all.clone()
        },
        CatalogQuery {
            odometer_max: Some(odometer_median),
            ..all.clone()
        },
        CatalogQuery {
            odometer_max: Some(0),
            ..all.clone()
        },
        CatalogQuery {
            state: Some(state.clone()),
            ..all.clone()
        },
        CatalogQuery {
            kind: Some(VehicleKind::Automobile),
            make: Some(make.clone()),
            year_from: Some(2005),
            damage: Some(damage),
            odometer_max: Some(odometer_median * 2),
            ..all.clone()
        },
        CatalogQuery {
            state: Some(state),
            title: Some(title),
            status: SaleStatus::from_db_str(&status),
            ..all.clone()
        },
        CatalogQuery {
            make: Some("NO SUCH MAKE".into()),
            ..all.clone()
        },
        CatalogQuery {
            make: Some(format!("{make}' OR '1'='1")),
            ..all.clone()
        },
    ]);
    let sorts: Vec<Sort> = Sort::all().collect();
    let mut nonempty = 0;
    for (i, q) in queries.into_iter().enumerate() {
        // Each query in two orders, cycling through all ten over the list.
        for sort in [sorts[i % sorts.len()], sorts[(i + 3) % sorts.len()]] {
            let q = CatalogQuery {
                sort,
                limit: 41,
                ..q.clone()
            };
            let want = reference(&rows, &q);
            let (got, total) = walk(&web, &q).await;
            assert_eq!(got, want, "{}", q.to_query_string());
            total.assert_is(want.len(), &q.to_query_string());
            if !want.is_empty() {
                nonempty += 1;
            }
        }
    }
    assert!(nonempty > 40, "filters were not vacuous ({nonempty})");
}

#[tokio::test]
async fn cursors_are_checked() {
    let (db, _owner) = loaded(300).await;
    let web = db.web();
    let q = CatalogQuery {
        limit: 10,
        ..CatalogQuery::default()
    };
    let first = read::catalog_page(&web, &q, None).await.expect("page");
    let next = first.next_cursor.expect("more pages");
    let other = CatalogQuery {
        sort: Sort::from_slug("bid_desc").expect("sort"),
        ..q.clone()
    };
    match read::catalog_page(&web, &other, Some(&next)).await {
        Err(ReadError::Cursor(CursorError::WrongSort { .. })) => {}
        r => panic!("a cursor of another sort must be refused: {r:?}"),
    }
    for bad in [
        "v1.auction_asc.x.1",
        "djEuYXVjdGlvbi4xLjE",
        "v1.auction_asc.5",
    ] {
        let r = CatalogRequest::from_pairs([("cursor", bad)]);
        assert_eq!(r, Err(QueryError::Cursor(CursorError::Malformed)), "{bad}");
    }
    // A well-formed cursor past the last row is an empty last page, not an error.
    let past = Cursor {
        sort: q.sort,
        value: None,
        id: i64::MAX,
    };
    let end = read::catalog_page(&web, &q, Some(&past)).await.expect("ok");
    assert!(end.items.is_empty() && end.next_cursor.is_none());
    // The legacy first-page call is the default query's first page.
    let legacy = read::catalog_first_page(&web, 10).await.expect("legacy");
    assert_eq!(legacy.items, first.items);
}

#[tokio::test]
async fn filter_options_follow_the_thresholds_and_cascade() {
    let (db, owner) = loaded(3000).await;
    // Suppress the whole most common model of the most common make: it must leave the lists.
    let rows = all_rows(&owner).await;
    let all = CatalogQuery::default();
    let make = most_common(&rows, &all, |r| r.make.clone());
    let web = db.web();
    let before = read::filter_options(
        &web,
        &CatalogQuery {
            make: Some(make.clone()),
            ..all.clone()
        },
    )
    .await
    .expect("options");
    assert!(before.models.len() >= 2, "{before:?}");
    let gone = before.models[0].clone();
    sqlx::query(
        "INSERT INTO suppressions (vin, reason)
         SELECT DISTINCT vin, 'test' FROM lots WHERE make = $1 AND model = $2",
    )
    .bind(&make)
    .bind(&gone)
    .execute(&owner)
    .await
    .expect("suppress");
    // Suppressions reach the facets with the next ETL run.
    sqlx::query("SELECT catalog_refresh_facets()")
        .execute(&owner)
        .await
        .expect("refresh");
    let rows = all_rows(&owner).await;

    // Reference: counts per value over visible lots, thresholds applied in Rust.
    fn over<'a>(
        rows: &'a [Row],
        q: &'a CatalogQuery,
        f: impl Fn(&Row) -> Option<String> + 'a,
        min: usize,
    ) -> Vec<String> {
        let mut n: BTreeMap<String, usize> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.matches(q)) {
            if let Some(v) = f(r).filter(|v| !v.is_empty()) {
                *n.entry(v).or_default() += 1;
            }
        }
        n.into_iter()
            .filter(|(_, c)| *c >= min)
            .map(|(v, _)| v)
            .collect()
    }

    for kind in [
        None,
        Some(VehicleKind::Automobile),
        Some(VehicleKind::Truck),
    ] {
        let tab = CatalogQuery {
            kind,
            ..all.clone()
        };
        let with_make = CatalogQuery {
            make: Some(make.clone()),
            ..tab.clone()
        };
        let model = most_common(&rows, &with_make, |r| r.model.clone());
        let with_model = CatalogQuery {
            model: Some(model.clone()),
            ..with_make.clone()
        };
        let trim = most_common(&rows, &with_model, |r| r.trim.clone());
        let chosen = CatalogQuery {
            trim: Some(trim.clone()),
            // Lot filters and the order do not narrow the lists.
            state: Some("ZZ".into()),
            sort: Sort::from_slug("bid_desc").expect("sort"),
            ..with_model.clone()
        };
        let got = read::filter_options(&web, &chosen).await.expect("options");
        assert_eq!(
            got.makes,
            over(&rows, &tab, |r| r.make.clone(), 10),
            "{kind:?}"
        );
        assert_eq!(got.models, over(&rows, &with_make, |r| r.model.clone(), 10));
        assert_eq!(got.trims, over(&rows, &with_model, |r| r.trim.clone(), 5));
        let mut years: Vec<i16> = rows
            .iter()
            .filter(|r| {
                r.matches(&CatalogQuery {
                    trim: Some(trim.clone()),
                    ..with_model.clone()
                })
            })
            .filter_map(|r| r.year)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        years.reverse();
        assert_eq!(got.years, years);
        assert_eq!(
            got.damages,
            over(&rows, &tab, |r| r.damage_primary.clone(), 1)
        );
        assert_eq!(
            got.title_types,
            over(&rows, &tab, |r| r.title_type.clone(), 1)
        );
        assert_eq!(
            got.states,
            over(&rows, &tab, |r| r.location_state.clone(), 1)
        );
        let statuses: BTreeSet<String> = over(&rows, &tab, |r| Some(r.sale_status.clone()), 1)
            .into_iter()
            .collect();
        assert_eq!(
            got.sale_statuses.iter().cloned().collect::<BTreeSet<_>>(),
            statuses
        );
        assert!(!got.models.contains(&gone), "suppressed lots do not count");
        // Thresholds really cut something at this size, or the test would prove nothing.
        if kind.is_none() {
            assert!(over(&rows, &tab, |r| r.make.clone(), 1).len() > got.makes.len());
            assert!(!got.trims.is_empty() && !got.years.is_empty());
        }
    }
    // No parent chosen, no child list.
    let top = read::filter_options(&web, &all).await.expect("options");
    assert!(top.models.is_empty() && top.trims.is_empty() && top.years.is_empty());
    assert!(!top.makes.is_empty());
}

#[tokio::test]
async fn vin_page_distinguishes_found_unknown_and_suppressed() {
    let (db, owner) = loaded(500).await;
    // A VIN with two lots: give one lot's VIN to another lot (a relisting).
    let (vin, first_lot): (String, i64) =
        sqlx::query_as("SELECT vin, id FROM lots ORDER BY id LIMIT 1")
            .fetch_one(&owner)
            .await
            .expect("lot");
    let (second_lot, second_number): (i64, i64) = sqlx::query_as(
        "UPDATE lots SET vin = $1, first_seen_at = now() + interval '1 day'
         WHERE id = (SELECT max(id) FROM lots) RETURNING id, lot_number",
    )
    .bind(&vin)
    .fetch_one(&owner)
    .await
    .expect("relist");
    let web = db.web();
    let parsed = Vin::parse(&vin).expect("vin");
    let VinPage::Found(page) = read::vin_page(&web, &parsed).await.expect("page") else {
        panic!("VIN {vin} must be found");
    };
    assert_eq!(page.vehicle.vin, vin);
    let stored: (Option<String>, Option<i16>) =
        sqlx::query_as("SELECT make, year FROM vehicles WHERE vin = $1")
            .bind(&vin)
            .fetch_one(&owner)
            .await
            .expect("vehicle");
    assert_eq!((page.vehicle.make, page.vehicle.year), stored);
    let ids: Vec<i64> = page.lots.iter().map(|l| l.id).collect();
    assert_eq!(ids, vec![second_lot, first_lot], "newest lot first");
    assert_eq!(page.lots[0].lot_number, second_number);
    assert!(!page.lots[0].time_zone.is_empty());

    let lot = LotNumber::new(u32::try_from(second_number).expect("u32")).expect("lot");
    assert_eq!(
        read::lookup_lot_number(&web, lot).await.expect("lookup"),
        Some(parsed.clone())
    );
    assert_eq!(
        read::lookup_lot_number(&web, LotNumber::new(1).expect("lot"))
            .await
            .expect("lookup"),
        None
    );
    let unknown = Vin::parse("1HGCM82633A004352").expect("vin");
    assert_eq!(
        read::vin_page(&web, &unknown).await.expect("page"),
        VinPage::NotFound
    );

    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'owner request')")
        .bind(&vin)
        .execute(&owner)
        .await
        .expect("suppress");
    assert_eq!(
        read::vin_page(&web, &parsed).await.expect("page"),
        VinPage::Suppressed
    );
    assert_eq!(
        read::lookup_lot_number(&web, lot).await.expect("lookup"),
        None,
        "a suppressed VIN is not revealed through its lot number"
    );
    assert!(
        read::vin_history(&web, &parsed)
            .await
            .expect("h")
            .is_empty()
    );
    // Suppressed without any vehicle row is still 410, not 404.
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'pre-emptive')")
        .bind(unknown.as_str())
        .execute(&owner)
        .await
        .expect("suppress");
    assert_eq!(
        read::vin_page(&web, &unknown).await.expect("page"),
        VinPage::Suppressed
    );
    // And the catalog no longer lists either of its lots.
    let q = CatalogQuery {
        limit: 100,
        ..CatalogQuery::default()
    };
    let (ids, _) = walk(&web, &q).await;
    assert!(!ids.contains(&first_lot) && !ids.contains(&second_lot));
}

#[tokio::test]
async fn totals_from_facets_and_from_lots_agree_after_suppressions_change() {
    let (db, owner) = loaded(3000).await;
    // Suppressions before the facets' refresh, then some released and new ones made after it:
    // the facet sums are stale both ways and must be corrected.
    for sql in [
        "INSERT INTO suppressions (vin, reason)
         SELECT vin, 'before' FROM vehicles ORDER BY vin LIMIT 60",
        "SELECT catalog_refresh_facets()",
        "DELETE FROM suppressions WHERE vin IN (SELECT vin FROM suppressions ORDER BY vin LIMIT 25)",
        "INSERT INTO suppressions (vin, reason)
         SELECT vin, 'after' FROM vehicles ORDER BY vin DESC LIMIT 35",
    ] {
        sqlx::query(sql).execute(&owner).await.expect(sql);
    }
    let rows = all_rows(&owner).await;
    let web = db.web();
    let all = CatalogQuery::default();
    let visible = rows.iter().filter(|r| r.matches(&all)).count();
    let stale: i64 = sqlx::query_scalar(
        "SELECT sum(lots)::bigint FROM catalog_attr_facets WHERE facet = 'status'",
    )
    .fetch_one(&owner)
    .await
    .expect("facet sum");
    assert_ne!(
        stale,
        i64::try_from(visible).expect("n"),
        "the facets are stale, or the correction would not be tested"
    );

    let make = most_common(&rows, &all, |r| r.make.clone());
    let with_make = CatalogQuery {
        make: Some(make.clone()),
        ..all.clone()
    };
    let model = most_common(&rows, &with_make, |r| r.model.clone());
    let with_model = CatalogQuery {
        model: Some(model.clone()),
        ..with_make.clone()
    };
    let trim = most_common(&rows, &with_model, |r| r.trim.clone());
    let year = most_common(&rows, &with_make, |r| r.year);
    let damage = most_common(&rows, &all, |r| r.damage_primary.clone());
    let state = most_common(&rows, &all, |r| r.location_state.clone());
    let title = most_common(&rows, &all, |r| r.title_type.clone());
    let year = year.to_string();
    let q = |pairs: &[(&str, &str)]| CatalogQuery::from_pairs(pairs.iter().copied()).expect("q");
    let (mk, md) = (("make", make.as_str()), ("model", model.as_str()));
    let queries = [
        q(&[]),
        q(&[("type", "auto")]),
        q(&[("type", "other")]),
        q(&[("type", "trucks"), ("sort", "bid_desc")]),
        q(&[mk]),
        q(&[mk, ("type", "auto")]),
        q(&[mk, md]),
        q(&[mk, md, ("trim", &trim)]),
        q(&[mk, ("year", &year)]),
        q(&[mk, md, ("year_from", "2010"), ("year_to", "2016")]),
        q(&[("damage", &damage)]),
        q(&[("state", &state), ("type", "auto")]),
        q(&[("title", &title)]),
        q(&[("status", "pure_sale")]),
        // Scanned: the facets cannot answer these.
        q(&[("odometer_max", "60000")]),
        q(&[("damage", &damage), ("state", &state)]),
        q(&[mk, ("damage", &damage)]),
        q(&[("trim", &trim)]),
        q(&[("year", &year)]),
    ];
    let mut by_source = BTreeMap::new();
    let mut capped = 0;
    for q in &queries {
        let want = rows.iter().filter(|r| r.matches(q)).count();
        let source = read::count::source(q);
        let total = read::count::total(&web, q).await.expect("total");
        let scanned = read::count::capped(&web, q).await.expect("scanned");
        let how = format!("{source:?}");
        let how = how.split([' ', '{']).next().expect("name").to_owned();
        let what = format!("{how}: {}", q.to_query_string());
        Total::of(total.lots, total.capped).assert_is(want, &what);
        Total::of(scanned.lots, scanned.capped).assert_is(want, &what);
        if source != read::count::CountSource::Scan {
            assert!(!total.capped, "facet totals are never capped: {what}");
        }
        capped += usize::from(scanned.capped);
        *by_source.entry(how).or_insert(0) += 1;
    }
    assert!(
        capped > 0,
        "some results pass the scan's cap, so exact-beyond-it is tested"
    );
    assert_eq!(
        by_source.keys().cloned().collect::<Vec<_>>(),
        ["Attr", "Scan", "Vehicle"],
        "every way of counting is exercised"
    );
}
