//! The read model behind the cache: what pages call. Each wrapper applies the caching rules
//! once, so no caller can get them wrong:
//! - filter options: 10 minutes; catalog first pages: 5 minutes;
//! - hub pages and the list of makes: 10 minutes;
//! - cursor pages and VIN pages: never cached;
//! - errors are never cached (the original cached a failed query as an empty catalog);
//! - a cached value that does not decode (older build, corrupt) is a miss and is overwritten.
//!
//! Keys use the canonical URL form of the request (`to_query_string`), so two URLs that mean
//! the same page share one entry. The cache implementation adds the dataset version.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::PgPool;

use super::ReadError;
use super::cache::{ReadCache, ReadKey, ReadPolicy};
use chrono::NaiveDate;

use crate::catalog::hub::{HubLink, MakeHub, ModelHub, Slug};
use crate::catalog::{CatalogPage, CatalogQuery, CatalogRequest, FilterOptions, VinPage};
use crate::vin::Vin;

/// Read-through: the cached value under `key`, else `compute()`'s, stored only when `Ok`.
async fn read_through<T, E, Fut>(
    cache: &dyn ReadCache,
    key: ReadKey,
    compute: impl FnOnce() -> Fut,
) -> Result<T, E>
where
    T: Serialize + DeserializeOwned,
    Fut: Future<Output = Result<T, E>>,
{
    let Some(ttl) = key.policy.ttl() else {
        return compute().await;
    };
    if let Some(bytes) = cache.get(&key).await
        && let Ok(hit) = serde_json::from_slice::<T>(&bytes)
    {
        return Ok(hit);
    }
    let value = compute().await?;
    if let Ok(json) = serde_json::to_vec(&value) {
        cache.put(&key, json, ttl).await;
    }
    Ok(value)
}

/// A catalog page with each card's first thumbnail: first pages cached for 5 minutes, cursor
/// pages never.
pub async fn catalog_page(
    pool: &PgPool,
    cache: &dyn ReadCache,
    req: &CatalogRequest,
) -> Result<CatalogPage, ReadError> {
    let key = ReadKey {
        policy: ReadPolicy::listing(req.cursor.is_some()),
        namespace: "catalog-page",
        params: req.to_query_string(),
    };
    read_through(cache, key, || async {
        let mut page = super::catalog_page(pool, &req.query, req.cursor.as_ref()).await?;
        super::photos::attach_thumbnails(pool, &mut page.items).await?;
        Ok::<_, ReadError>(page)
    })
    .await
}

/// The dropdown options for a request's tab and chosen make → model → trim (10 minutes). Only
/// those parents matter, so every page of one selection shares the entry.
pub async fn filter_options(
    pool: &PgPool,
    cache: &dyn ReadCache,
    q: &CatalogQuery,
) -> sqlx::Result<FilterOptions> {
    let parents = q.vehicle_parents();
    let key = ReadKey {
        policy: ReadPolicy::FilterOptions,
        namespace: "filter-options",
        params: parents.to_query_string(),
    };
    read_through(cache, key, || super::filter_options(pool, &parents)).await
}

/// The VIN page. Not cached: one key per VIN would rarely be hit twice, and a removal request
/// (410) must take effect at once.
pub async fn vin_page(pool: &PgPool, _cache: &dyn ReadCache, vin: &Vin) -> sqlx::Result<VinPage> {
    super::vin_page(pool, vin).await
}

/// Every make for the home page's make index (10 minutes).
pub async fn hub_makes(pool: &PgPool, cache: &dyn ReadCache) -> sqlx::Result<Vec<HubLink>> {
    let key = ReadKey {
        policy: ReadPolicy::Hub,
        namespace: "hub-makes",
        params: String::new(),
    };
    read_through(cache, key, || super::hubs::hub_makes(pool)).await
}

/// A make's hub over the sale dates from `since` on (10 minutes; a missing make too, so a
/// crawler probing misspelt makes costs one facet read per 10 minutes each).
pub async fn make_hub(
    pool: &PgPool,
    cache: &dyn ReadCache,
    make: &Slug,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<MakeHub>> {
    let key = ReadKey {
        policy: ReadPolicy::Hub,
        namespace: "make-hub",
        params: format!("{make}|{since:?}"),
    };
    read_through(cache, key, || super::hubs::make_hub(pool, make, since)).await
}

/// A model's hub over the sale dates from `since` on (10 minutes).
pub async fn model_hub(
    pool: &PgPool,
    cache: &dyn ReadCache,
    make: &Slug,
    model: &Slug,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<ModelHub>> {
    let key = ReadKey {
        policy: ReadPolicy::Hub,
        namespace: "model-hub",
        params: format!("{make}/{model}|{since:?}"),
    };
    read_through(cache, key, || {
        super::hubs::model_hub(pool, make, model, since)
    })
    .await
}
