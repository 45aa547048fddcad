//! The shared read model: every query the pages and the JSON API run. Nothing here writes.
//!
//! - [`page`]: catalog pages (filters, sorts, keyset cursor);
//! - [`count`]: their totals (from the facet tables where they can answer, else capped);
//! - [`options`]: filter dropdowns (cascading, with the junk thresholds);
//! - [`vin`]: the VIN page (200 / 404 / 410) and the lot-number lookup;
//! - [`photos`]: lot photos (catalog thumbnails for a whole page, the VIN page gallery);
//! - [`filters`]: the one SQL translation of the catalog filters the others share;
//! - [`cache`]: the caching policy (what is cached, under which namespace, for how long) and
//!   the cache interface; [`cached`]: the one read-through the pages and the JSON API use;
//! - [`hubs`]: the make and model hub pages (links, counts, price summary by model year);
//! - [`freshness`]: when the data was last updated.
//!
//! Static SQL is checked at compile time against the schema in `migrations/`
//! (`sqlx::query_as!`, offline data in `.sqlx/`); the catalog's SQL depends on the filters and
//! is built with `QueryBuilder`, binding every value. Callers pass a pool connected as the
//! read-only `vinops_web` role. Suppressed VINs never appear in any result.

pub mod cache;
pub mod cached;
pub mod count;
pub mod filters;
pub mod freshness;
pub mod hub_prices;
pub mod hub_years;
pub mod hubs;
pub mod options;
pub mod page;
pub mod photos;
pub mod vin;

pub use cache::{Computed, NoCache, ReadCache, ReadKey, ReadKind};
pub use count::COUNT_CAP;
pub use freshness::last_update;
pub use options::filter_options;
pub use page::catalog_page;
pub use vin::{lookup_lot_number, vin_page};

use sqlx::PgPool;

use crate::catalog::{CatalogPage, CatalogQuery, CursorError, VinLot};
use crate::vin::Vin;

/// Largest page the catalog serves in one request.
pub const MAX_PAGE_SIZE: i64 = crate::catalog::MAX_PAGE_SIZE as i64;

/// Why a read failed: a bad cursor is the caller's fault (400), the rest is the database's.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Cursor(#[from] CursorError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The first page of the unfiltered catalog in the default order (soonest auction first, lots
/// without a sale date last).
pub async fn catalog_first_page(pool: &PgPool, limit: i64) -> sqlx::Result<CatalogPage> {
    let q = CatalogQuery {
        limit: u16::try_from(limit.clamp(1, MAX_PAGE_SIZE)).unwrap_or(1),
        ..CatalogQuery::default()
    };
    catalog_page(pool, &q, None).await.map_err(|e| match e {
        ReadError::Db(e) => e,
        // No cursor was given, so none can be wrong.
        ReadError::Cursor(e) => sqlx::Error::Protocol(e.to_string()),
    })
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
