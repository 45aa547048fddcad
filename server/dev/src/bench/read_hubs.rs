//! `vinops-dev bench read`, the hub pages' part: what a cache miss of a make, model and model
//! year hub costs (their price summaries read the hub's lots; names and counts come from the
//! facet tables).

use anyhow::Context;
use sqlx::PgPool;
use vinops::catalog::hub::{PriceWindow, Slug};
use vinops::read;

use super::read::{measure, print};

/// The hubs of the most common make, its most common model and that model's most common year:
/// the price summaries (quartiles per model year or month of sale) read the lots of the hub.
pub async fn run(
    pool: &PgPool,
    iterations: usize,
    (make, model): (&str, &str),
) -> anyhow::Result<()> {
    let year = sqlx::query_scalar!(
        r#"SELECT year AS "year!" FROM catalog_vehicle_facets
           WHERE make = $1 AND model = $2 AND year IS NOT NULL
           GROUP BY 1 ORDER BY sum(lots) DESC, 1 LIMIT 1"#,
        make,
        model
    )
    .fetch_one(pool)
    .await
    .context("finding the most common year")?;
    let (make, model) = (
        Slug::of(make).context("make slug")?,
        Slug::of(model).context("model slug")?,
    );
    let today = chrono::Utc::now().date_naive();
    for window in [PriceWindow::DEFAULT, PriceWindow::All] {
        let since = window.since(today);
        let w = window.param();
        print(
            &format!("hub: make ({w})"),
            &measure(iterations, || read::hubs::make_hub(pool, &make, since)).await?,
        );
        print(
            &format!("hub: model ({w})"),
            &measure(iterations, || {
                read::hubs::model_hub(pool, &make, &model, since)
            })
            .await?,
        );
        print(
            &format!("hub: model year {year} ({w})"),
            &measure(iterations, || {
                read::hub_years::year_hub(pool, &make, &model, year, since)
            })
            .await?,
        );
    }
    Ok(())
}
