//! Server functions: the UI's door to the read model. Their bodies run only on the server and
//! call the cached read model (`vinops::read::cached`) with the pool and cache the router puts
//! in the Leptos context; in the browser they are HTTP calls (only islands make them).
//!
//! Page data comes back as [`Loaded`], so a page can tell "bad request" from "database down"
//! and answer 400 or 503; `ServerFnError` is left for transport failures.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vinops::catalog::hub::{HubLink, MakeHub, ModelHub, PriceWindow, Slug, YearHub};
use vinops::catalog::{CatalogPage, CatalogQuery, CatalogRequest, FilterOptions, VinPage};

/// What a page's data load ended with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Loaded<T> {
    Ok(T),
    /// The request cannot be answered (a cursor the database refuses): 400.
    BadRequest,
    /// The database failed: 503.
    Unavailable,
}

/// A catalog page and the dropdown options of its selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogData {
    pub page: CatalogPage,
    pub options: FilterOptions,
}

#[cfg(feature = "ssr")]
mod ctx {
    use std::sync::Arc;

    use leptos::prelude::*;
    use vinops::read::{NoCache, ReadCache};

    pub fn pool() -> Option<sqlx::PgPool> {
        use_context::<sqlx::PgPool>()
    }

    /// The cache the router provides, or none (tools and tests without one).
    pub fn cache() -> Arc<dyn ReadCache> {
        use_context::<Arc<dyn ReadCache>>().unwrap_or_else(|| Arc::new(NoCache))
    }

    /// Logs a database failure once, here; the page shows a localized message.
    pub fn unavailable<T, E: std::fmt::Display>(what: &str, e: E) -> super::Loaded<T> {
        tracing::error!(error = %e, "{what} query failed");
        super::Loaded::Unavailable
    }
}

/// The catalog page of `req` and the options of its dropdowns, read concurrently.
#[server]
pub async fn load_catalog(req: CatalogRequest) -> Result<Loaded<CatalogData>, ServerFnError> {
    use vinops::read::{ReadError, cached};
    let Some(pool) = ctx::pool() else {
        return Ok(Loaded::Unavailable);
    };
    let cache = ctx::cache();
    let (page, options) = futures_join(
        cached::catalog_page(&pool, cache.as_ref(), &req),
        cached::filter_options(&pool, cache.as_ref(), &req.query),
    )
    .await;
    Ok(match (page, options) {
        (Err(ReadError::Cursor(_)), _) => Loaded::BadRequest,
        (Err(ReadError::Db(e)), _) => ctx::unavailable("catalog", e),
        (_, Err(e)) => ctx::unavailable("filter options", e),
        (Ok(page), Ok(options)) => Loaded::Ok(CatalogData { page, options }),
    })
}

/// Runs two futures concurrently (one round trip's latency instead of two).
#[cfg(feature = "ssr")]
async fn futures_join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    tokio::join!(a, b)
}

/// Dropdown options for a tab and chosen make → model → trim: the cascading-filter island
/// refetches them when a parent changes. JSON arguments: URL-encoded, an unfiltered query (every
/// field absent) encodes to nothing at all and the call failed to decode ("any make" → 500).
#[server(input = leptos::server_fn::codec::Json)]
pub async fn load_filter_options(query: CatalogQuery) -> Result<FilterOptions, ServerFnError> {
    let pool = ctx::pool().ok_or_else(|| ServerFnError::new("no database"))?;
    vinops::read::cached::filter_options(&pool, ctx::cache().as_ref(), &query)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "filter options query failed");
            ServerFnError::new("filter options unavailable")
        })
}

/// The VIN page's data. `vin` is the canonical (validated, upper-case) VIN.
#[server]
pub async fn load_vin(vin: String) -> Result<Loaded<VinPage>, ServerFnError> {
    let Ok(vin) = vinops::vin::Vin::parse(&vin) else {
        return Ok(Loaded::BadRequest);
    };
    let Some(pool) = ctx::pool() else {
        return Ok(Loaded::Unavailable);
    };
    Ok(
        match vinops::read::cached::vin_page(&pool, ctx::cache().as_ref(), &vin).await {
            Ok(page) => Loaded::Ok(page),
            Err(e) => ctx::unavailable("VIN page", e),
        },
    )
}

/// The VIN of a Copart lot number (`None` when unknown or removed), for the home search.
#[server]
pub async fn lookup_lot(lot: u32) -> Result<Loaded<Option<String>>, ServerFnError> {
    let Some(lot) = vinops::LotNumber::new(lot) else {
        return Ok(Loaded::Ok(None));
    };
    let Some(pool) = ctx::pool() else {
        return Ok(Loaded::Unavailable);
    };
    Ok(match vinops::read::lookup_lot_number(&pool, lot).await {
        Ok(vin) => Loaded::Ok(vin.map(vinops::vin::Vin::into_string)),
        Err(e) => ctx::unavailable("lot number", e),
    })
}

/// When the data was last updated (the last succeeded ETL run); `None` before the first run or
/// when the database is unavailable (the home page then just says nothing about freshness).
#[server]
pub async fn load_freshness() -> Result<Option<DateTime<Utc>>, ServerFnError> {
    let Some(pool) = ctx::pool() else {
        return Ok(None);
    };
    Ok(vinops::read::last_update(&pool)
        .await
        .inspect_err(|e| tracing::warn!(error = %e, "freshness query failed"))
        .ok()
        .flatten())
}

/// The make index of the home page. A failure is an empty list (logged): the home page must
/// not fail because of it, and the catalog link still leads to every lot.
#[server]
pub async fn load_hub_makes() -> Result<Vec<HubLink>, ServerFnError> {
    let Some(pool) = ctx::pool() else {
        return Ok(Vec::new());
    };
    Ok(
        vinops::read::cached::hub_makes(&pool, ctx::cache().as_ref())
            .await
            .inspect_err(|e| tracing::error!(error = %e, "make index query failed"))
            .unwrap_or_default(),
    )
}

/// A make's hub (`None`: no lot has this make) with prices over `window`.
#[server]
pub async fn load_make_hub(
    make: Slug,
    window: PriceWindow,
) -> Result<Loaded<Option<MakeHub>>, ServerFnError> {
    let Some(pool) = ctx::pool() else {
        return Ok(Loaded::Unavailable);
    };
    let since = window.since(Utc::now().date_naive());
    Ok(
        match vinops::read::cached::make_hub(&pool, ctx::cache().as_ref(), &make, since).await {
            Ok(hub) => Loaded::Ok(hub),
            Err(e) => ctx::unavailable("make hub", e),
        },
    )
}

/// A model year's hub (`None`: no lot has this make, model and year) with prices over `window`.
#[server]
pub async fn load_year_hub(
    make: Slug,
    model: Slug,
    year: i16,
    window: PriceWindow,
) -> Result<Loaded<Option<YearHub>>, ServerFnError> {
    let Some(pool) = ctx::pool() else {
        return Ok(Loaded::Unavailable);
    };
    let since = window.since(Utc::now().date_naive());
    let cache = ctx::cache();
    let hub = (&make, &model, year);
    Ok(
        match vinops::read::cached::year_hub(&pool, cache.as_ref(), hub, since).await {
            Ok(hub) => Loaded::Ok(hub),
            Err(e) => ctx::unavailable("year hub", e),
        },
    )
}

/// A model's hub (`None`: no lot has this make and model) with prices over `window`.
#[server]
pub async fn load_model_hub(
    make: Slug,
    model: Slug,
    window: PriceWindow,
) -> Result<Loaded<Option<ModelHub>>, ServerFnError> {
    let Some(pool) = ctx::pool() else {
        return Ok(Loaded::Unavailable);
    };
    let since = window.since(Utc::now().date_naive());
    let cache = ctx::cache();
    Ok(
        match vinops::read::cached::model_hub(&pool, cache.as_ref(), &make, &model, since).await {
            Ok(hub) => Loaded::Ok(hub),
            Err(e) => ctx::unavailable("model hub", e),
        },
    )
}
