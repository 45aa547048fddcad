//! The hubs' price summaries: quartiles of the last seen bids and of Copart's retail estimates,
//! per model year (make and model hubs) or per month of sale (a model year's hub), and for the
//! whole period.
//!
//! One query serves both: it groups by the model year and by the month of sale when asked to
//! (a constant otherwise), and by nothing for the period row (two grouping sets, one pass over an
//! index-only scan of `lots_hub_prices_idx`, migration 0024). The three percentiles of a column
//! share one sort (PostgreSQL shares the state of ordered-set aggregates with the same input),
//! so the quartiles cost little over a median alone (`docs/benchmarks.md`). Suppressed VINs are
//! left out with `NOT IN` rather than the usual `NOT EXISTS`: the planner turns it into one hash
//! probe per lot, where `NOT EXISTS` became a nested loop over the (small) suppressions table
//! for each of the 118k lots of the biggest make (0.26 s against 0.15 s at 1M lots). Both
//! columns are NOT NULL, so the two mean the same; the hash holds every suppressed VIN, which
//! stays small (removal requests, not a share of the catalog).

use chrono::NaiveDate;
use sqlx::PgPool;

use crate::catalog::hub::{MonthPrices, PriceSummary, YearPrices};

/// One group of the price query.
struct Group {
    /// The month of sale (its first day) when grouped by month; `None` otherwise, or for lots
    /// without a sale date.
    month: Option<NaiveDate>,
    /// The whole period rather than one year (or month).
    period: bool,
    prices: YearPrices,
}

/// The lots of `makes` (and `models`, `year`, when given) with a sale date from `since` on
/// (every lot when `None`), grouped by model year and, when `by_month`, month of sale: newest
/// year first, then oldest month first (no sale date last); the period row last.
async fn groups(
    pool: &PgPool,
    (makes, models, year): (&[String], Option<&[String]>, Option<i16>),
    since: Option<NaiveDate>,
    by_month: bool,
) -> sqlx::Result<Vec<Group>> {
    let rows = sqlx::query!(
        r#"
        SELECT l.year,
               CASE WHEN $5 THEN date_trunc('month', l.sale_date)::date END AS month,
               GROUPING(l.year) = 1 AS "period!",
               count(*) AS "lots!",
               round(percentile_cont(0.25) WITHIN GROUP (ORDER BY l.current_bid_cents)
                     FILTER (WHERE l.current_bid_cents > 0))::bigint AS q1_bid_cents,
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l.current_bid_cents)
                     FILTER (WHERE l.current_bid_cents > 0))::bigint AS median_bid_cents,
               round(percentile_cont(0.75) WITHIN GROUP (ORDER BY l.current_bid_cents)
                     FILTER (WHERE l.current_bid_cents > 0))::bigint AS q3_bid_cents,
               count(*) FILTER (WHERE l.current_bid_cents > 0) AS "bid_lots!",
               round(percentile_cont(0.25) WITHIN GROUP (ORDER BY l.est_retail_value_cents)
                     FILTER (WHERE l.est_retail_value_cents > 0))::bigint AS q1_retail_cents,
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l.est_retail_value_cents)
                     FILTER (WHERE l.est_retail_value_cents > 0))::bigint AS median_retail_cents,
               round(percentile_cont(0.75) WITHIN GROUP (ORDER BY l.est_retail_value_cents)
                     FILTER (WHERE l.est_retail_value_cents > 0))::bigint AS q3_retail_cents,
               count(*) FILTER (WHERE l.est_retail_value_cents > 0) AS "retail_lots!"
        FROM lots l
        WHERE l.make = ANY($1)
          AND ($2::text[] IS NULL OR l.model = ANY($2))
          AND ($3::smallint IS NULL OR l.year = $3)
          AND ($4::date IS NULL OR l.sale_date >= $4)
          AND l.vin NOT IN (SELECT s.vin FROM suppressions s)
        GROUP BY GROUPING SETS (
            (l.year, CASE WHEN $5 THEN date_trunc('month', l.sale_date)::date END),
            ()
        )
        ORDER BY GROUPING(l.year), l.year DESC NULLS LAST, month ASC NULLS LAST
        "#,
        makes,
        models as Option<&[String]>,
        year,
        since,
        by_month
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Group {
            month: r.month,
            period: r.period,
            prices: YearPrices {
                year: r.year,
                lots: r.lots,
                median_bid_cents: r.median_bid_cents,
                q1_bid_cents: r.q1_bid_cents,
                q3_bid_cents: r.q3_bid_cents,
                bid_lots: r.bid_lots,
                median_retail_cents: r.median_retail_cents,
                q1_retail_cents: r.q1_retail_cents,
                q3_retail_cents: r.q3_retail_cents,
                retail_lots: r.retail_lots,
            },
        })
        .collect())
}

/// The price summary of the lots of `makes` (and `models`, when given) sold from `since` on
/// (every lot when `None`): per model year, newest first, and the period as a whole.
pub async fn year_prices(
    pool: &PgPool,
    makes: &[String],
    models: Option<&[String]>,
    since: Option<NaiveDate>,
) -> sqlx::Result<PriceSummary> {
    let mut summary = PriceSummary::default();
    for g in groups(pool, (makes, models, None), since, false).await? {
        if g.period {
            summary.period = Some(g.prices);
        } else {
            summary.years.push(g.prices);
        }
    }
    Ok(summary)
}

/// The prices of one model year of a model, per month of sale from `since` on (oldest month
/// first, lots without a sale date last), and the period as a whole.
pub async fn month_prices(
    pool: &PgPool,
    makes: &[String],
    models: &[String],
    year: i16,
    since: Option<NaiveDate>,
) -> sqlx::Result<(Vec<MonthPrices>, Option<YearPrices>)> {
    let mut months = Vec::new();
    let mut period = None;
    for g in groups(pool, (makes, Some(models), Some(year)), since, true).await? {
        if g.period {
            // The period row groups by nothing; its year is the hub's.
            period = Some(YearPrices {
                year: Some(year),
                ..g.prices
            });
        } else {
            months.push(MonthPrices {
                month: g.month,
                prices: g.prices,
            });
        }
    }
    Ok((months, period))
}
