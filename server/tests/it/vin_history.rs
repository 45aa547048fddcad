//! The VIN page's auction timeline, similar lots and price provenance, against references
//! computed here from the database rows (not from the read model's SQL).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::common::html::texts;
use crate::common::{TestApp, TestDb};
use app::i18n::Lang;
use vinops::catalog::PriceSource;

/// Relists lot `id` `days` earlier under a new lot number with the given bid and status (what
/// the ETL records when a VIN comes back after an unsold auction).
async fn relist(pool: &sqlx::PgPool, id: i64, days: i32, bid: i64, status: &str) -> i64 {
    // The row as JSON with the attempt's own values, back into a `lots` row: no column list to
    // keep in step with the schema.
    sqlx::query_scalar(
        "INSERT INTO lots OVERRIDING SYSTEM VALUE
         SELECT (jsonb_populate_record(NULL::lots, to_jsonb(l) || jsonb_build_object(
             'id', nextval(pg_get_serial_sequence('lots', 'id')),
             'lot_number', (SELECT max(lot_number) + 1 FROM lots),
             'auction_at', l.auction_at - make_interval(days => $2),
             'sale_date', l.sale_date - $2,
             'first_seen_at', l.first_seen_at - make_interval(days => $2),
             'last_seen_at', l.last_seen_at - make_interval(days => $2),
             'current_bid_cents', $3::bigint,
             'sale_status', $4::text))).*
         FROM lots l WHERE l.id = $1
         RETURNING lot_number",
    )
    .bind(id)
    .bind(days)
    .bind(bid)
    .bind(status)
    .fetch_one(pool)
    .await
    .expect("relist")
}

/// vin, make, model, year, auction time, id.
type LotRow = (
    String,
    String,
    Option<String>,
    Option<i16>,
    Option<DateTime<Utc>>,
    i64,
);

/// The VINs the cards of the section `id` link to, in page order.
fn card_vins(html: &str, id: &str, lang: &str) -> Vec<String> {
    let marker = format!("data-testid=\"{id}\"");
    let Some(start) = html.find(&marker) else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</ul>").unwrap_or(section.len())];
    let prefix = format!("href=\"/{lang}/vin/");
    let mut vins: Vec<String> = section
        .split(&prefix)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect();
    vins.dedup();
    vins
}

#[tokio::test]
async fn a_relisted_vin_shows_every_attempt_with_its_changes() {
    let app = TestApp::spawn(TestDb::with_demo(11, 300).await).await;
    let pool = app.db.owner().await;
    let (id, vin, bid, status): (i64, String, i64, String) = sqlx::query_as(
        "SELECT id, vin, current_bid_cents, sale_status FROM lots
         WHERE auction_at IS NOT NULL AND current_bid_cents > 0 ORDER BY id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a lot with a bid");
    // Two earlier attempts: one with a lower bid under another status, one with no bid.
    let first = relist(&pool, id, 60, 0, "pure_sale").await;
    let second = relist(&pool, id, 30, bid - 12_300, "on_minimum_bid").await;
    let current: i64 = sqlx::query_scalar("SELECT lot_number FROM lots WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .expect("lot");

    // The current attempt is inferred sold; the earlier ones were not.
    sqlx::query(
        "UPDATE lots SET outcome = 'sold', outcome_method = 'csv_disappearance',
                         outcome_confidence = 0.85
         WHERE id = $1",
    )
    .bind(id)
    .execute(&pool)
    .await
    .expect("outcome");

    let html = app.page(&format!("/en/vin/{vin}")).await;
    assert_eq!(html.matches("data-testid=\"timeline-row\"").count(), 3);
    assert_eq!(html.matches("data-testid=\"chart-attempt\"").count(), 3);
    assert_eq!(
        texts(&html, "timeline-lead"),
        ["Offered 3 times: a vehicle that does not sell is relisted under a new lot number."]
    );
    // Oldest first, in the table as in the chart.
    let table = &html[html.find("data-testid=\"timeline\"").expect("table")..];
    let order: Vec<usize> = [first, second, current]
        .iter()
        .map(|n| {
            table
                .find(&format!(">{n}<"))
                .expect("lot number in the table")
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let changes = texts(&html, "timeline-change");
    assert_eq!(changes[0], "First attempt");
    // No bid on the first attempt: only the status change can be said.
    assert_eq!(changes[1], "Pure sale → Minimum bid");
    let status_now = match status.as_str() {
        "on_minimum_bid" => None,
        other => Some(other),
    };
    let bid_change = "+$123";
    match status_now {
        None => assert_eq!(changes[2], bid_change),
        Some(_) => assert!(
            changes[2].starts_with(&format!("{bid_change}; Minimum bid → ")),
            "{}",
            changes[2]
        ),
    }
    // Each bid says what it is: the earlier attempt's is a bid as last seen, the current one's
    // the last bid before a sale we infer.
    let bids = texts(&html, "price-source");
    assert!(bids.iter().any(|b| b == "(last seen bid)"), "{bids:?}");
    assert!(bids.iter().any(|b| b == "(inferred sale)"), "{bids:?}");
    let html = app.page(&format!("/ru/vin/{vin}")).await;
    let sold = format!(
        "({})",
        (Lang::Ru.t().price.source)(PriceSource::InferredSale)
    );
    assert!(
        texts(&html, "price-source").contains(&sold),
        "inferred sale in Russian"
    );
}

#[tokio::test]
async fn similar_lots_are_other_vins_of_the_model_a_year_either_side_most_recent_first() {
    let app = TestApp::spawn(TestDb::with_demo(11, 600).await).await;
    let pool = app.db.owner().await;
    // The VIN whose make and model have the most other lots, so the section is full.
    let (vin, make, model, year): (String, String, String, Option<i16>) = sqlx::query_as(
        "SELECT v.vin, v.make, v.model, v.year FROM vehicles v
         JOIN lots l ON l.make = v.make AND l.model = v.model AND l.vin <> v.vin
         WHERE v.make IS NOT NULL AND v.model IS NOT NULL
         GROUP BY v.vin ORDER BY count(*) DESC, v.vin LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a vehicle");
    // The reference: every lot, filtered and ordered here.
    let rows: Vec<LotRow> =
        sqlx::query_as("SELECT vin, make, model, year, auction_at, id FROM lots")
            .fetch_all(&pool)
            .await
            .expect("lots");
    let now = Utc::now();
    let mut candidates: Vec<_> = rows
        .into_iter()
        .filter(|(v, mk, md, y, at, _)| {
            *v != vin
                && *mk == make
                && md.as_deref() == Some(model.as_str())
                && at.is_some_and(|at| at <= now)
                && match (year, y) {
                    (Some(want), Some(y)) => (want - 1..=want + 1).contains(y),
                    (Some(_), None) => false,
                    (None, _) => true,
                }
        })
        .collect();
    candidates.sort_by_key(|c| std::cmp::Reverse((c.4, c.5)));
    let mut seen = HashSet::new();
    let mut want: Vec<String> = candidates
        .into_iter()
        .filter(|c| seen.insert(c.0.clone()))
        .map(|c| c.0)
        .take(7)
        .collect();
    assert!(
        want.len() > 1,
        "the demo has similar lots for {make} {model}"
    );
    // A VIN removed on request is never offered as similar.
    let removed = want.remove(0);
    sqlx::query("INSERT INTO suppressions (vin, reason) VALUES ($1, 'test')")
        .bind(&removed)
        .execute(&pool)
        .await
        .expect("suppress");
    want.truncate(6);

    let html = app.page(&format!("/en/vin/{vin}")).await;
    assert_eq!(card_vins(&html, "similar", "en"), want);
    assert!(html.contains(&format!(
        "Other {make} {model} from one model year either side"
    )));
}
