//! The filter dropdowns: cascading vehicle options with the original's junk thresholds, and the
//! distinct values of the lot attributes, so every option leads to at least one lot.
//!
//! They read the facet tables the ETL rebuilds at the end of each run
//! (`catalog_vehicle_facets`, `catalog_attr_facets`, migration 0011: lots per tab code and
//! value, suppressed VINs left out) instead of aggregating every lot per request. The ETL
//! rebuilds them when a file moves lots between options, and `suppress`/`unsuppress` rebuild them
//! at once (server/src/suppress.rs), so a removed VIN leaves the counts immediately.

use sqlx::{PgPool, Postgres, QueryBuilder};

use super::filters::push_kind;
use crate::catalog::options::{MIN_MAKE_LOTS, MIN_MODEL_LOTS, MIN_TRIM_LOTS};
use crate::catalog::{CatalogQuery, FilterOptions, Keys};
use crate::status::SaleStatus;
use crate::vehicle_type::VehicleKind;

/// Upper bound on one list, so a pathological export cannot make a megabyte dropdown.
const MAX_OPTIONS: i64 = 1000;

/// A vehicle option column of `catalog_vehicle_facets`.
#[derive(Clone, Copy)]
enum Level {
    Model,
    Trim,
}

impl Level {
    fn column(self) -> &'static str {
        match self {
            Level::Model => "f.model",
            Level::Trim => "f.trim",
        }
    }
}

/// `<level>` values under the chosen parents with at least `min_lots` lots in the tab.
async fn vehicle_options(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    parents: (Option<&str>, Option<&str>),
    level: Level,
    min_lots: i64,
) -> sqlx::Result<Vec<String>> {
    let col = level.column();
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT ");
    qb.push(col)
        .push(" FROM catalog_vehicle_facets f WHERE ")
        .push(col)
        .push(" <> ''");
    push_kind(&mut qb, "f.vehicle_type", kind);
    if let Some(make) = parents.0 {
        qb.push(" AND f.make = ").push_bind(make.to_owned());
    }
    if let Some(model) = parents.1 {
        qb.push(" AND f.model = ").push_bind(model.to_owned());
    }
    qb.push(" GROUP BY 1 HAVING sum(f.lots) >= ")
        .push_bind(min_lots)
        .push(" ORDER BY 1 LIMIT ")
        .push_bind(MAX_OPTIONS);
    qb.build_query_scalar::<String>().fetch_all(pool).await
}

/// Values of one facet (`make`, `damage`, `title`, `state`, `status`) with at least `min_lots`
/// lots in the tab.
pub async fn attr_options(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    facet: &'static str,
    min_lots: i64,
) -> sqlx::Result<Vec<String>> {
    let mut qb: QueryBuilder<Postgres> =
        QueryBuilder::new("SELECT f.value FROM catalog_attr_facets f WHERE f.facet = ");
    qb.push_bind(facet);
    push_kind(&mut qb, "f.vehicle_type", kind);
    qb.push(" GROUP BY 1 HAVING sum(f.lots) >= ")
        .push_bind(min_lots)
        .push(" ORDER BY 1 LIMIT ")
        .push_bind(MAX_OPTIONS);
    qb.build_query_scalar::<String>().fetch_all(pool).await
}

/// Makes with at least [`MIN_MAKE_LOTS`] lots in the tab.
pub async fn makes(pool: &PgPool, kind: Option<VehicleKind>) -> sqlx::Result<Vec<String>> {
    attr_options(pool, kind, "make", MIN_MAKE_LOTS).await
}

/// Models of `make` with at least [`MIN_MODEL_LOTS`] lots in the tab.
pub async fn models(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    make: &str,
) -> sqlx::Result<Vec<String>> {
    vehicle_options(pool, kind, (Some(make), None), Level::Model, MIN_MODEL_LOTS).await
}

/// Trims of `make` + `model` with at least [`MIN_TRIM_LOTS`] lots in the tab.
pub async fn trims(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    make: &str,
    model: &str,
) -> sqlx::Result<Vec<String>> {
    vehicle_options(
        pool,
        kind,
        (Some(make), Some(model)),
        Level::Trim,
        MIN_TRIM_LOTS,
    )
    .await
}

/// Model years of `make` + `model` (+ `trim`), newest first.
pub async fn years(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    make: &str,
    model: &str,
    trim: Option<&str>,
) -> sqlx::Result<Vec<i16>> {
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT DISTINCT f.year FROM catalog_vehicle_facets f WHERE f.year IS NOT NULL",
    );
    push_kind(&mut qb, "f.vehicle_type", kind);
    qb.push(" AND f.make = ").push_bind(make.to_owned());
    qb.push(" AND f.model = ").push_bind(model.to_owned());
    if let Some(trim) = trim {
        qb.push(" AND f.trim = ").push_bind(trim.to_owned());
    }
    qb.push(" ORDER BY 1 DESC");
    qb.build_query_scalar::<i16>().fetch_all(pool).await
}

/// Every attribute list of a tab in one query (makes with their threshold, then every other
/// lot attribute: damages, title types, states, statuses, yards, colours, …): `(facet, value)` ordered by facet, then value as `attr_options`
/// orders them. One round trip instead of five: on a cache-missed catalog page at 1M lots the
/// per-query overhead, not the facet reads, was the cost.
async fn all_attr_options(
    pool: &PgPool,
    kind: Option<VehicleKind>,
) -> sqlx::Result<Vec<(String, String)>> {
    let mut qb: QueryBuilder<Postgres> =
        QueryBuilder::new("SELECT f.facet, f.value FROM catalog_attr_facets f WHERE TRUE");
    push_kind(&mut qb, "f.vehicle_type", kind);
    qb.push(" GROUP BY 1, 2 HAVING sum(f.lots) >= CASE f.facet WHEN 'make' THEN ")
        .push_bind(MIN_MAKE_LOTS)
        .push(" ELSE 1 END ORDER BY 1, 2");
    qb.build_query_as::<(String, String)>()
        .fetch_all(pool)
        .await
}

/// Every option list for a catalog request: vehicle lists for its tab and chosen parents, lot
/// attribute lists for its tab. Other filters do not narrow the lists (choosing a damage type
/// does not hide makes), matching the dropdowns' cascade.
pub async fn filter_options(pool: &PgPool, q: &CatalogQuery) -> sqlx::Result<FilterOptions> {
    let kind = q.kind;
    let mut out = FilterOptions::default();
    let max = usize::try_from(MAX_OPTIONS).unwrap_or(usize::MAX);
    for (facet, value) in all_attr_options(pool, kind).await? {
        let list = match facet.as_str() {
            "make" => &mut out.makes,
            "damage" => &mut out.damages,
            "title" => &mut out.title_types,
            "state" => &mut out.states,
            "status" => &mut out.sale_statuses,
            "damage2" => &mut out.secondary_damages,
            "yard" => &mut out.yards,
            "color" => &mut out.colors,
            "fuel" => &mut out.fuels,
            "drive" => &mut out.drives,
            "transmission" => &mut out.transmissions,
            "body" => &mut out.body_styles,
            "keys" => &mut out.keys,
            "runs_drives" => &mut out.runs_drives,
            _ => continue,
        };
        if list.len() < max {
            list.push(value);
        }
    }
    if let Some(make) = q.make.as_deref() {
        out.models = models(pool, kind, make).await?;
        if let Some(model) = q.model.as_deref() {
            out.trims = trims(pool, kind, make, model).await?;
            out.years = years(pool, kind, make, model, q.trim.as_deref()).await?;
        }
    }
    // In the status's own order (Pure Sale, On Minimum Bid, …), not alphabetical; keys as
    // yes, no, exempt.
    out.sale_statuses
        .sort_by_key(|s| SaleStatus::from_db_str(s).map(|s| s as u8));
    out.keys
        .sort_by_key(|k| Keys::ALL.iter().position(|x| x.as_db_str() == k));
    Ok(out)
}
