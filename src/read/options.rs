//! The filter dropdowns: cascading vehicle options with the original's junk thresholds, and the
//! distinct values of the lot attributes, all over catalog lots (suppressed VINs excluded), so
//! every option leads to at least one lot.
//!
//! These are aggregates over every lot of the tab. At 1M lots they cost tens to hundreds of ms
//! on a cache miss; see the README's read-model section for the summary table that would bring
//! them to single-digit ms.

use sqlx::{PgPool, Postgres, QueryBuilder};

use super::filters::{TRIM_SQL, needs_vehicles, push_where};
use crate::catalog::options::{MIN_MAKE_LOTS, MIN_MODEL_LOTS, MIN_TRIM_LOTS};
use crate::catalog::{CatalogQuery, FilterOptions};
use crate::status::SaleStatus;
use crate::vehicle_type::VehicleKind;

/// Upper bound on one list, so a pathological export cannot make a megabyte dropdown.
const MAX_OPTIONS: i64 = 1000;

/// An option's SQL expression and whether it reads `vehicles`.
type Expr = (&'static str, bool);
const MAKE: Expr = ("v.make", true);
const MODEL: Expr = ("v.model", true);
const TRIM: Expr = (TRIM_SQL, true);
const DAMAGE: Expr = ("l.damage_primary", false);
const TITLE: Expr = ("l.title_type", false);
const STATE: Expr = ("l.location_state", false);
const STATUS: Expr = ("l.sale_status", false);

/// `SELECT <expr> … WHERE <filters> AND <expr> non-empty GROUP BY 1 HAVING count(*) >= min`.
async fn distinct_text(
    pool: &PgPool,
    filters: &CatalogQuery,
    expr: Expr,
    min_lots: i64,
) -> sqlx::Result<Vec<String>> {
    let (expr, on_vehicles) = expr;
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new("SELECT ");
    qb.push(expr).push(" FROM lots l");
    if needs_vehicles(filters) || on_vehicles {
        qb.push(" JOIN vehicles v ON v.vin = l.vin");
    }
    push_where(&mut qb, filters);
    qb.push(" AND ").push(expr).push(" <> ''");
    qb.push(" GROUP BY 1");
    if min_lots > 1 {
        qb.push(" HAVING count(*) >= ").push_bind(min_lots);
    }
    qb.push(" ORDER BY 1 LIMIT ").push_bind(MAX_OPTIONS);
    qb.build_query_scalar::<String>().fetch_all(pool).await
}

fn tab(kind: Option<VehicleKind>) -> CatalogQuery {
    CatalogQuery {
        kind,
        ..CatalogQuery::default()
    }
}

/// Makes with at least [`MIN_MAKE_LOTS`] lots in the tab.
pub async fn makes(pool: &PgPool, kind: Option<VehicleKind>) -> sqlx::Result<Vec<String>> {
    distinct_text(pool, &tab(kind), MAKE, MIN_MAKE_LOTS).await
}

/// Models of `make` with at least [`MIN_MODEL_LOTS`] lots in the tab.
pub async fn models(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    make: &str,
) -> sqlx::Result<Vec<String>> {
    let q = CatalogQuery {
        make: Some(make.to_owned()),
        ..tab(kind)
    };
    distinct_text(pool, &q, MODEL, MIN_MODEL_LOTS).await
}

/// Trims of `make` + `model` with at least [`MIN_TRIM_LOTS`] lots in the tab.
pub async fn trims(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    make: &str,
    model: &str,
) -> sqlx::Result<Vec<String>> {
    let q = CatalogQuery {
        make: Some(make.to_owned()),
        model: Some(model.to_owned()),
        ..tab(kind)
    };
    distinct_text(pool, &q, TRIM, MIN_TRIM_LOTS).await
}

/// Model years of `make` + `model` (+ `trim`), newest first.
pub async fn years(
    pool: &PgPool,
    kind: Option<VehicleKind>,
    make: &str,
    model: &str,
    trim: Option<&str>,
) -> sqlx::Result<Vec<i16>> {
    let q = CatalogQuery {
        make: Some(make.to_owned()),
        model: Some(model.to_owned()),
        trim: trim.map(str::to_owned),
        ..tab(kind)
    };
    let mut qb: QueryBuilder<Postgres> =
        QueryBuilder::new("SELECT DISTINCT v.year FROM lots l JOIN vehicles v ON v.vin = l.vin");
    push_where(&mut qb, &q);
    qb.push(" AND v.year IS NOT NULL ORDER BY 1 DESC");
    qb.build_query_scalar::<i16>().fetch_all(pool).await
}

/// Every option list for a catalog request: vehicle lists for its tab and chosen parents, lot
/// attribute lists for its tab. Other filters do not narrow the lists (choosing a damage type
/// does not hide makes), matching the dropdowns' cascade.
pub async fn filter_options(pool: &PgPool, q: &CatalogQuery) -> sqlx::Result<FilterOptions> {
    let kind = q.kind;
    let mut out = FilterOptions {
        makes: makes(pool, kind).await?,
        ..FilterOptions::default()
    };
    if let Some(make) = q.make.as_deref() {
        out.models = models(pool, kind, make).await?;
        if let Some(model) = q.model.as_deref() {
            out.trims = trims(pool, kind, make, model).await?;
            out.years = years(pool, kind, make, model, q.trim.as_deref()).await?;
        }
    }
    let t = tab(kind);
    out.damages = distinct_text(pool, &t, DAMAGE, 1).await?;
    out.title_types = distinct_text(pool, &t, TITLE, 1).await?;
    out.states = distinct_text(pool, &t, STATE, 1).await?;
    let mut statuses = distinct_text(pool, &t, STATUS, 1).await?;
    // In the status's own order (Pure Sale, On Minimum Bid, …), not alphabetical.
    statuses.sort_by_key(|s| SaleStatus::from_db_str(s).map(|s| s as u8));
    out.sale_statuses = statuses;
    Ok(out)
}
