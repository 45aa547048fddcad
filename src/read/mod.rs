//! The shared read model: every query the pages and the JSON API run. Nothing here writes.
//!
//! Queries are checked at compile time against the schema in `migrations/` (`sqlx::query_as!`,
//! offline data in `.sqlx/`). Callers pass a pool connected as the read-only `vinops_web` role.

use sqlx::PgPool;

use crate::catalog::{CatalogPage, LotCard, VinLot};
use crate::vin::Vin;

/// Largest page the catalog serves in one request.
pub const MAX_PAGE_SIZE: i64 = 100;

/// The first page of the catalog, soonest auction first; lots without a sale date come after
/// every dated lot, newest listing first among them.
pub async fn catalog_first_page(pool: &PgPool, limit: i64) -> sqlx::Result<CatalogPage> {
    let limit = limit.clamp(1, MAX_PAGE_SIZE);
    let items = sqlx::query_as!(
        LotCard,
        r#"
        SELECT l.id, l.lot_number, l.vin, v.year, v.make, v.model,
               COALESCE(NULLIF(v.trim, ''), v.model_detail) AS "trim",
               l.damage_primary, l.odometer_mi, l.location_city, l.location_state,
               l.sale_date, l.auction_at, l.sale_status, l.current_bid_cents,
               l.buy_it_now_cents, l.est_retail_value_cents
        FROM lots l
        JOIN vehicles v ON v.vin = l.vin
        WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)
        ORDER BY l.auction_at ASC NULLS LAST, l.id ASC
        LIMIT $1
        "#,
        limit
    )
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM lots l
           WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)"#
    )
    .fetch_one(pool)
    .await?;
    Ok(CatalogPage { items, total })
}

/// Every lot a VIN has had, newest first: the auction history on the VIN page.
pub async fn vin_history(pool: &PgPool, vin: &Vin) -> sqlx::Result<Vec<VinLot>> {
    sqlx::query_as!(
        VinLot,
        r#"
        SELECT l.lot_number, l.yard_name, l.sale_date, l.auction_at,
               l.current_bid_cents AS last_bid_cents, l.sale_status, l.outcome,
               l.outcome_method, l.outcome_confidence, l.first_seen_at, l.last_seen_at,
               l.disappeared_at
        FROM lots l
        WHERE l.vin = $1
          AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)
        ORDER BY l.first_seen_at DESC, l.id DESC
        "#,
        vin.as_str()
    )
    .fetch_all(pool)
    .await
}
