//! The hub pages' data (`catalog::hub`): every make, a make's models, and the price summary by
//! model year.
//!
//! Names and counts come from the facet tables (`catalog_attr_facets`,
//! `catalog_vehicle_facets`: a few hundred or thousand rows, rebuilt by each ETL run and by every
//! suppression), so resolving a slug never scans lots. The price summary (`hub_prices`) does
//! read lots: the quartiles must cover exactly the lots of the window, and `percentile_cont` has
//! no incremental form a facet table could keep. Hubs are cached like the dropdowns
//! (`cached::make_hub`).

use chrono::NaiveDate;
use sqlx::PgPool;

use crate::catalog::hub::{HUB_LOTS, HubLink, MakeHub, ModelHub, Slug, merge_by_slug};
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
    let prices = super::hub_prices::year_prices(pool, &names, None, since).await?;
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
    let prices = super::hub_prices::year_prices(pool, &makes, Some(&models), since).await?;
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
