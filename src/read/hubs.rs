//! The hub pages' data (`catalog::hub`): every make, a make's models, and the price summary by
//! model year.
//!
//! Names and counts come from the facet tables (`catalog_attr_facets`,
//! `catalog_vehicle_facets`: a few hundred or thousand rows, rebuilt by each ETL run and by every
//! suppression), so resolving a slug never scans lots. The price summary does read lots: the
//! medians must cover exactly the lots of the window, and `percentile_cont` has no incremental
//! form a facet table could keep. It walks the `(make, model, auction_at, id)` index of one make
//! (or model) and is cached like the dropdowns (`cached::make_hub`).

use chrono::NaiveDate;
use sqlx::PgPool;

use crate::catalog::hub::{
    HUB_LOTS, HubLink, MakeHub, ModelHub, PriceSummary, Slug, YearPrices, merge_by_slug,
};
use crate::catalog::{CatalogQuery, LotCard};

/// Lots per stored make name (every tab).
async fn make_rows(pool: &PgPool) -> sqlx::Result<Vec<(String, i64)>> {
    let rows = sqlx::query!(
        r#"SELECT value AS "make!", sum(lots)::bigint AS "lots!"
           FROM catalog_attr_facets WHERE facet = 'make' GROUP BY value"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.make, r.lots)).collect())
}

/// Every make with at least one lot, one link per slug, by name.
pub async fn hub_makes(pool: &PgPool) -> sqlx::Result<Vec<HubLink>> {
    Ok(merge_by_slug(make_rows(pool).await?))
}

/// The stored names behind a slug among `rows`, and the slug's link.
pub(super) fn names_of(rows: &[(String, i64)], slug: &Slug) -> Option<(HubLink, Vec<String>)> {
    let names: Vec<(String, i64)> = rows
        .iter()
        .filter(|(name, _)| Slug::of(name).as_ref() == Some(slug))
        .cloned()
        .collect();
    let link = merge_by_slug(names.iter().cloned()).into_iter().next()?;
    Some((link, names.into_iter().map(|(n, _)| n).collect()))
}

/// A make's link and stored names; `None` when no lot has it.
pub(super) async fn resolve_make(
    pool: &PgPool,
    make: &Slug,
) -> sqlx::Result<Option<(HubLink, Vec<String>)>> {
    Ok(names_of(&make_rows(pool).await?, make))
}

/// Lots per stored model name of the given makes.
pub(super) async fn model_rows(
    pool: &PgPool,
    makes: &[String],
) -> sqlx::Result<Vec<(String, i64)>> {
    let rows = sqlx::query!(
        r#"SELECT model AS "model!", sum(lots)::bigint AS "lots!"
           FROM catalog_vehicle_facets
           WHERE make = ANY($1) AND model IS NOT NULL AND model <> ''
           GROUP BY model"#,
        makes
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.model, r.lots)).collect())
}

/// The price summary of the lots of `makes` (and `models`, `year`, when given) sold from
/// `since` on (every lot when `None`): per model year, newest first, and the period as a whole.
///
/// One pass over an index-only scan of `lots_hub_prices_idx` (migration 0024), two grouping
/// sets: per year, and every year together. The three percentiles of one column share one
/// sort (PostgreSQL shares the state of ordered-set aggregates with the same input), so the
/// quartiles cost little over the median alone. Suppressed VINs are left out with `NOT IN`
/// rather than the usual `NOT EXISTS`: the planner turns it into one hash probe per lot, where
/// `NOT EXISTS` became a nested loop over the (small) suppressions table for each of the 118k
/// lots of the biggest make (0.26 s against 0.15 s at 1M lots). Both columns are NOT NULL, so
/// the two mean the same; the hash holds every suppressed VIN, which stays small (removal
/// requests, not a share of the catalog).
pub async fn year_prices(
    pool: &PgPool,
    makes: &[String],
    models: Option<&[String]>,
    year: Option<i16>,
    since: Option<NaiveDate>,
) -> sqlx::Result<PriceSummary> {
    let rows = sqlx::query!(
        r#"
        SELECT l.year,
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
        GROUP BY GROUPING SETS ((l.year), ())
        ORDER BY GROUPING(l.year), l.year DESC NULLS LAST
        "#,
        makes,
        models as Option<&[String]>,
        year,
        since
    )
    .fetch_all(pool)
    .await?;
    let mut summary = PriceSummary::default();
    for r in rows {
        let p = YearPrices {
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
        };
        if r.period {
            summary.period = Some(p);
        } else {
            summary.years.push(p);
        }
    }
    Ok(summary)
}

/// The first lots of a make (and model, and year) in the catalog's default order, with thumbnails.
pub(super) async fn first_lots(
    pool: &PgPool,
    make: &str,
    model: Option<&str>,
    year: Option<i16>,
) -> sqlx::Result<Vec<LotCard>> {
    let q = CatalogQuery {
        make: Some(make.to_owned()),
        model: model.map(str::to_owned),
        year,
        limit: HUB_LOTS,
        ..CatalogQuery::default()
    };
    let mut page = super::catalog_page(pool, &q, None)
        .await
        .map_err(|e| match e {
            super::ReadError::Db(e) => e,
            // No cursor was given, so none can be wrong.
            super::ReadError::Cursor(e) => sqlx::Error::Protocol(e.to_string()),
        })?;
    super::photos::attach_thumbnails(pool, &mut page.items).await?;
    Ok(page.items)
}

/// `/{lang}/cars/{make}`; `None` when no lot has a make of this slug.
pub async fn make_hub(
    pool: &PgPool,
    make: &Slug,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<MakeHub>> {
    let Some((link, names)) = resolve_make(pool, make).await? else {
        return Ok(None);
    };
    let models = merge_by_slug(model_rows(pool, &names).await?);
    let prices = year_prices(pool, &names, None, None, since).await?;
    let lots = first_lots(pool, &link.name, None, None).await?;
    Ok(Some(MakeHub {
        make: link,
        models,
        since,
        prices,
        lots,
    }))
}

/// `/{lang}/cars/{make}/{model}`; `None` when no lot has this make and model.
pub async fn model_hub(
    pool: &PgPool,
    make: &Slug,
    model: &Slug,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<ModelHub>> {
    let Some((make_link, makes)) = resolve_make(pool, make).await? else {
        return Ok(None);
    };
    let Some((model_link, models)) = names_of(&model_rows(pool, &makes).await?, model) else {
        return Ok(None);
    };
    let prices = year_prices(pool, &makes, Some(&models), None, since).await?;
    let lots = first_lots(pool, &make_link.name, Some(&model_link.name), None).await?;
    let years = super::hub_years::model_years(pool, &makes, &models).await?;
    Ok(Some(ModelHub {
        make: make_link,
        model: model_link,
        since,
        prices,
        years,
        lots,
    }))
}

/// Every make with its models (one link per slug each), for the hubs sitemap: two facet reads,
/// whatever the number of lots — and, only while the database holds demo lots, a third that
/// leaves out the hubs only demo lots fill (made-up lots are not for search engines, as the VIN
/// sitemaps leave out demo VINs). That one reads the demo lots and, per make and model among
/// them, probes `lots (make, model, …)` for one real lot; with no demo data it reads nothing.
pub async fn hub_tree(pool: &PgPool) -> sqlx::Result<Vec<(HubLink, Vec<HubLink>)>> {
    let demo_only = demo_only_hubs(pool).await?;
    // Stored names, before the names sharing a slug merge into one link.
    let makes = merge_by_slug(
        make_rows(pool)
            .await?
            .into_iter()
            .filter(|(name, _)| !demo_only.contains(&(name.clone(), None))),
    );
    let rows = sqlx::query!(
        r#"SELECT make AS "make!", model AS "model!", sum(lots)::bigint AS "lots!"
           FROM catalog_vehicle_facets
           WHERE model IS NOT NULL AND model <> ''
           GROUP BY make, model"#
    )
    .fetch_all(pool)
    .await?;
    let mut by_make: std::collections::HashMap<Slug, Vec<(String, i64)>> = Default::default();
    for r in rows {
        if demo_only.contains(&(r.make.clone(), Some(r.model.clone()))) {
            continue;
        }
        if let Some(slug) = Slug::of(&r.make) {
            by_make.entry(slug).or_default().push((r.model, r.lots));
        }
    }
    Ok(makes
        .into_iter()
        .map(|make| {
            let models = merge_by_slug(by_make.remove(&make.slug).unwrap_or_default());
            (make, models)
        })
        .collect())
}

/// The (make, model) pairs and the makes (model `None`) whose every lot is a demo lot.
async fn demo_only_hubs(
    pool: &PgPool,
) -> sqlx::Result<std::collections::HashSet<(String, Option<String>)>> {
    let rows = sqlx::query!(
        r#"WITH demo AS (
               SELECT DISTINCT l.make, l.model
               FROM lots l JOIN demo_lots d ON d.lot_id = l.id
               WHERE l.make IS NOT NULL
           ),
           pairs AS (
               SELECT make, model FROM demo
               UNION ALL
               SELECT DISTINCT make, NULL FROM demo
           )
           SELECT p.make AS "make!", p.model
           FROM pairs p
           WHERE NOT EXISTS (
               SELECT 1 FROM lots r
               WHERE r.make = p.make AND (p.model IS NULL OR r.model = p.model)
                 AND NOT EXISTS (SELECT 1 FROM demo_lots x WHERE x.lot_id = r.id)
           )"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.make, r.model)).collect())
}
