//! The model-year hubs' data (`catalog::hub::YearHub`): a model's years, one year's prices
//! month by month, and the years of every model for the hubs sitemap.
//!
//! Years and their counts come from `catalog_vehicle_facets` (a few thousand rows), so an
//! unknown year is a 404 without touching lots; the monthly prices walk the same
//! `lots_hub_prices_idx` as the make and model hubs (make, model, then the year and the sale
//! date from its included columns).

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgPool;

use super::hubs::{first_lots, model_rows, names_of, resolve_make};
use crate::catalog::hub::{Slug, YearHub, YearLink};

/// The years of the given stored make and model names with their lots, newest first.
pub async fn model_years(
    pool: &PgPool,
    makes: &[String],
    models: &[String],
) -> sqlx::Result<Vec<YearLink>> {
    sqlx::query_as!(
        YearLink,
        r#"SELECT year AS "year!", sum(lots)::bigint AS "lots!"
           FROM catalog_vehicle_facets
           WHERE make = ANY($1) AND model = ANY($2) AND year IS NOT NULL
           GROUP BY year
           ORDER BY year DESC"#,
        makes,
        models
    )
    .fetch_all(pool)
    .await
}

/// `/{lang}/cars/{make}/{model}/{year}`; `None` when no lot has this make, model and year.
pub async fn year_hub(
    pool: &PgPool,
    make: &Slug,
    model: &Slug,
    year: i16,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<YearHub>> {
    let Some((make_link, makes)) = resolve_make(pool, make).await? else {
        return Ok(None);
    };
    let Some((model_link, models)) = names_of(&model_rows(pool, &makes).await?, model) else {
        return Ok(None);
    };
    let years = model_years(pool, &makes, &models).await?;
    let Some(this) = years.iter().find(|y| y.year == year).cloned() else {
        return Ok(None);
    };
    let (months, period) =
        super::hub_prices::month_prices(pool, &makes, &models, year, since).await?;
    let lots = first_lots(pool, &make_link.name, Some(&model_link.name), Some(year)).await?;
    Ok(Some(YearHub {
        make: make_link,
        model: model_link,
        year: this,
        since,
        months,
        period,
        years,
        lots,
    }))
}

/// The model years of every (stored make, stored model) name pair, for the hubs sitemap: one
/// facet read — and, only while the database holds demo lots, a second that leaves out the
/// years only demo lots fill (as `hubs::hub_tree` leaves out such makes and models).
pub async fn years_by_model(pool: &PgPool) -> sqlx::Result<HashMap<(String, String), Vec<i16>>> {
    let rows = sqlx::query!(
        r#"SELECT make AS "make!", model AS "model!", year AS "year!"
           FROM catalog_vehicle_facets
           WHERE model IS NOT NULL AND model <> '' AND year IS NOT NULL
           GROUP BY make, model, year"#
    )
    .fetch_all(pool)
    .await?;
    let demo_only: std::collections::HashSet<(String, String, i16)> = sqlx::query!(
        r#"SELECT p.make AS "make!", p.model AS "model!", p.year AS "year!"
           FROM (SELECT DISTINCT l.make, l.model, l.year
                 FROM lots l JOIN demo_lots d ON d.lot_id = l.id
                 WHERE l.model <> '' AND l.year IS NOT NULL) p
           WHERE NOT EXISTS (
               SELECT 1 FROM lots r
               WHERE r.make = p.make AND r.model = p.model AND r.year = p.year
                 AND NOT EXISTS (SELECT 1 FROM demo_lots x WHERE x.lot_id = r.id)
           )"#
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| (r.make, r.model, r.year))
    .collect();
    let mut out: HashMap<(String, String), Vec<i16>> = HashMap::new();
    for r in rows {
        if demo_only.contains(&(r.make.clone(), r.model.clone(), r.year)) {
            continue;
        }
        out.entry((r.make, r.model)).or_default().push(r.year);
    }
    Ok(out)
}
