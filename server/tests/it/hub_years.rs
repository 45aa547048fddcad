//! The model-year hubs (`/{lang}/cars/{make}/{model}/{year}`) against the real router and
//! database: monthly prices equal to a reference computed here from the lots, the links from
//! the model hub and the VIN page's trail, and the status codes.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Utc};
use vinops::catalog::hub::PriceWindow;

use super::hubs::{Lot, app_with_demo, lots, quartiles, slug};
use crate::common::html::texts;

/// The (make slug, model slug, year) with the most lots, and its lots.
fn biggest_year(all: &[Lot]) -> ((String, String, i16), Vec<&Lot>) {
    let mut by: BTreeMap<(String, String, i16), Vec<&Lot>> = BTreeMap::new();
    for l in all {
        let key = (|| Some((slug(&l.make)?, slug(l.model.as_deref()?)?, l.year?)))();
        if let Some(key) = key {
            by.entry(key).or_default().push(l);
        }
    }
    by.into_iter()
        .max_by_key(|(_, v)| v.len())
        .expect("a model year")
}

#[tokio::test]
async fn a_year_hub_prices_its_months_against_a_reference() {
    let app = app_with_demo(400).await;
    let all = lots(&app).await;
    let ((make, model, year), year_lots) = biggest_year(&all);
    let mut makes: Vec<String> = year_lots.iter().map(|l| l.make.clone()).collect();
    let mut models: Vec<String> = year_lots.iter().filter_map(|l| l.model.clone()).collect();
    makes.sort();
    makes.dedup();
    models.sort();
    models.dedup();
    let pool = app.db.web();
    let today = Utc::now().date_naive();
    for window in PriceWindow::ALL {
        let since = window.since(today);
        let (months, period) =
            vinops::read::hub_prices::month_prices(&pool, &makes, &models, year, since)
                .await
                .expect("prices");
        let mut want: BTreeMap<Option<NaiveDate>, Vec<&Lot>> = BTreeMap::new();
        for l in year_lots.iter().filter(|l| match since {
            None => true,
            Some(s) => l.sale_date.is_some_and(|d| d >= s),
        }) {
            let month = l.sale_date.map(|d| d.with_day(1).expect("first day"));
            want.entry(month).or_default().push(l);
        }
        // Oldest month first, no sale date last.
        let mut order: Vec<Option<NaiveDate>> = want.keys().copied().collect();
        order.sort_by_key(|m| (m.is_none(), *m));
        let got: Vec<Option<NaiveDate>> = months.iter().map(|m| m.month).collect();
        assert_eq!(got, order, "{window:?}: months");
        let check = |p: &vinops::catalog::hub::YearPrices, lots: &[&Lot]| {
            let bids: Vec<i64> = lots.iter().map(|l| l.bid).filter(|b| *b > 0).collect();
            let retail: Vec<i64> = lots
                .iter()
                .filter_map(|l| l.retail)
                .filter(|r| *r > 0)
                .collect();
            assert_eq!(p.year, Some(year));
            assert_eq!(p.lots, lots.len() as i64, "{window:?}");
            assert_eq!(
                [p.q1_bid_cents, p.median_bid_cents, p.q3_bid_cents],
                quartiles(&bids)
            );
            assert_eq!(
                [p.q1_retail_cents, p.median_retail_cents, p.q3_retail_cents],
                quartiles(&retail)
            );
        };
        for m in &months {
            check(&m.prices, &want[&m.month]);
        }
        let every: Vec<&Lot> = want.values().flatten().copied().collect();
        match &period {
            Some(p) => check(p, &every),
            None => assert!(every.is_empty()),
        }

        // The page: one row per month, one chart slot per dated month with a figure.
        let q = window.query_string();
        let base = format!("/en/cars/{make}/{model}/{year}");
        let path = if q.is_empty() {
            base.clone()
        } else {
            format!("{base}?{q}")
        };
        let html = app.page(&path).await;
        assert_eq!(
            html.matches("data-testid=\"hub-price-row\"").count(),
            months.len(),
            "{path}"
        );
        let drawn = months
            .iter()
            .filter(|m| {
                m.month.is_some()
                    && (m.prices.median_bid_cents.is_some()
                        || m.prices.median_retail_cents.is_some())
            })
            .count();
        assert_eq!(
            html.matches("data-testid=\"chart-slot\"").count(),
            drawn,
            "{path}"
        );
        assert_eq!(
            texts(&html, "hub-lead"),
            [format!(
                "{} lot{}",
                year_lots.len(),
                if year_lots.len() == 1 { "" } else { "s" }
            )]
        );
        // The trail ends at the model; the year is this page.
        assert!(html.contains(&format!("href=\"/en/cars/{make}/{model}\"")));
        assert!(html.contains("\"@type\":\"BreadcrumbList\""));
    }

    // The model hub links to the year (and its price row does too).
    let hub = app.page(&format!("/en/cars/{make}/{model}")).await;
    let link = format!("href=\"/en/cars/{make}/{model}/{year}\"");
    assert!(hub.contains(&link), "model hub links the year");

    // Other spellings redirect; years without lots and non-years are 404; bad periods 400.
    let upper = format!("/en/cars/{}/{model}/{year}?window=90d", make.to_uppercase());
    let res = app.get(&upper).await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(
        res.headers()["location"],
        format!("/en/cars/{make}/{model}/{year}")
    );
    for path in [
        format!("/en/cars/{make}/{model}/1901"),
        format!("/en/cars/{make}/{model}/0{year}"),
        format!("/en/cars/{make}/{model}/{}", year % 100),
        format!("/en/cars/{make}/no-such-model/{year}"),
    ] {
        assert_eq!(app.get(&path).await.status().as_u16(), 404, "{path}");
    }
    let res = app
        .get(&format!("/en/cars/{make}/{model}/{year}?window=7d"))
        .await;
    assert_eq!(res.status().as_u16(), 400);

    // A VIN of this year: its visible trail passes through the year hub.
    let owner = app.db.owner().await;
    let vin: String = sqlx::query_scalar(
        "SELECT l.vin FROM lots l JOIN vehicles v USING (vin)
         WHERE v.year = $1 AND v.make = ANY($2) AND v.model = ANY($3) LIMIT 1",
    )
    .bind(year)
    .bind(&makes)
    .bind(&models)
    .fetch_one(&owner)
    .await
    .expect("a vin");
    let page = app.page(&format!("/uk/vin/{vin}")).await;
    assert!(
        page.contains(&format!("href=\"/uk/cars/{make}/{model}/{year}\"")),
        "VIN trail"
    );
}
