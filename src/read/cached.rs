//! The read model behind the cache: what the pages and the JSON API call. Each wrapper names
//! its [`ReadKind`] and canonical parameters; [`read_through`] applies the policy of
//! [`super::cache`] (TTL per kind, errors and refused values never stored), so no caller can
//! get the rules wrong and a filter's cache entry means the same for every reader.
//!
//! Keys use the canonical URL form of the request (`to_query_string`), so two URLs that mean
//! the same page share one entry. The cache implementation adds the prefix and dataset version.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::PgPool;

use super::ReadError;
use super::cache::{Computed, Found, ReadCache, ReadKey, ReadKind};
use chrono::NaiveDate;

use crate::catalog::hub::{HubLink, MakeHub, ModelHub, Slug, YearHub};
use crate::catalog::{CatalogPage, CatalogQuery, CatalogRequest, FilterOptions, VinPage};
use crate::vin::Vin;

/// Read-through, the one way a read meets the cache: the cached value under `key`, else
/// `compute()`'s, stored for the kind's TTL only when it is `Ok(Computed::Store(_))`. Uncached
/// kinds and a disabled cache compute without a lookup.
pub async fn read_through<T, E, Fut>(
    cache: &dyn ReadCache,
    key: ReadKey,
    compute: impl FnOnce() -> Fut,
) -> Result<T, E>
where
    T: Serialize + DeserializeOwned,
    Fut: Future<Output = Result<Computed<T>, E>>,
{
    let Some(ttl) = key.kind.ttl().filter(|_| cache.is_enabled()) else {
        return compute().await.map(Computed::into_inner);
    };
    let lookup = cache.get(&key).await;
    if let Some(bytes) = lookup.bytes {
        match serde_json::from_slice::<T>(&bytes) {
            Ok(hit) => {
                cache.found(&key, Found::Hit);
                return Ok(hit);
            }
            Err(e) => cache.found(&key, Found::Undecodable(&e)),
        }
    }
    match compute().await? {
        Computed::Store(value) => {
            // The slot of the lookup, not a key resolved now: see `Slot`.
            if let Some(slot) = &lookup.slot
                && let Ok(json) = serde_json::to_vec(&value)
            {
                cache.put(slot, json, ttl).await;
            }
            Ok(value)
        }
        Computed::Skip(value) => Ok(value),
    }
}

/// `read_through` for a computation whose every `Ok` may be cached.
async fn stored<T, E, Fut>(
    cache: &dyn ReadCache,
    key: ReadKey,
    compute: impl FnOnce() -> Fut,
) -> Result<T, E>
where
    T: Serialize + DeserializeOwned,
    Fut: Future<Output = Result<T, E>>,
{
    read_through(cache, key, || async {
        compute().await.map(Computed::Store)
    })
    .await
}

/// A catalog page with each card's first thumbnail: first pages cached for 5 minutes, cursor
/// pages never.
///
/// The JSON API's search reads this too and maps it to its own DTO after the cache, so one entry
/// serves the page and the API. The price: an API miss also runs the thumbnail query (one index
/// range for at most a page of lots, well under a millisecond) whose result the DTO drops. The
/// alternative, an API entry of its own, would store every popular first page twice and let
/// the two readers run their queries twice per TTL; mapping after the cache also keeps the
/// cached shape the read model's, not the API contract's, so the contract can change without
/// touching what is cached.
pub async fn catalog_page(
    pool: &PgPool,
    cache: &dyn ReadCache,
    req: &CatalogRequest,
) -> Result<CatalogPage, ReadError> {
    let mut params = req.to_query_string();
    // `auction=today` means another window tomorrow: the visitor's day is part of the key.
    if let Some(a) = req.query.auction.filter(|a| a.is_relative()) {
        params.push_str(&format!("|{}", a.today(chrono::Utc::now())));
    }
    let key = ReadKey::new(ReadKind::listing(req.cursor.is_some()), params);
    stored(cache, key, || async {
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
    let key = ReadKey::new(ReadKind::FilterOptions, parents.to_query_string());
    stored(cache, key, || super::filter_options(pool, &parents)).await
}

/// The VIN page (never cached, see [`ReadKind::VinPage`]).
pub async fn vin_page(pool: &PgPool, cache: &dyn ReadCache, vin: &Vin) -> sqlx::Result<VinPage> {
    let key = ReadKey::new(ReadKind::VinPage, vin.as_str());
    stored(cache, key, || super::vin_page(pool, vin)).await
}

/// Every make for the home page's make index (10 minutes).
pub async fn hub_makes(pool: &PgPool, cache: &dyn ReadCache) -> sqlx::Result<Vec<HubLink>> {
    let key = ReadKey::new(ReadKind::HubMakes, "");
    stored(cache, key, || super::hubs::hub_makes(pool)).await
}

/// A make's hub over the sale dates from `since` on (10 minutes; a missing make too, so a
/// crawler probing misspelt makes costs one facet read per 10 minutes each).
pub async fn make_hub(
    pool: &PgPool,
    cache: &dyn ReadCache,
    make: &Slug,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<MakeHub>> {
    let key = ReadKey::new(ReadKind::MakeHub, format!("{make}|{since:?}"));
    stored(cache, key, || super::hubs::make_hub(pool, make, since)).await
}

/// A model year's hub over the sale dates from `since` on (10 minutes).
pub async fn year_hub(
    pool: &PgPool,
    cache: &dyn ReadCache,
    (make, model, year): (&Slug, &Slug, i16),
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<YearHub>> {
    let key = ReadKey::new(
        ReadKind::YearHub,
        format!("{make}/{model}/{year}|{since:?}"),
    );
    stored(cache, key, || {
        super::hub_years::year_hub(pool, make, model, year, since)
    })
    .await
}

/// A model's hub over the sale dates from `since` on (10 minutes).
pub async fn model_hub(
    pool: &PgPool,
    cache: &dyn ReadCache,
    make: &Slug,
    model: &Slug,
    since: Option<NaiveDate>,
) -> sqlx::Result<Option<ModelHub>> {
    let key = ReadKey::new(ReadKind::ModelHub, format!("{make}/{model}|{since:?}"));
    stored(cache, key, || {
        super::hubs::model_hub(pool, make, model, since)
    })
    .await
}
