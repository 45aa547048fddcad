//! The endpoint handlers: parse with the same code as the pages (`CatalogRequest`), read
//! through the same cached read model as the pages (`vinops::read::cached`, so a filter's cache
//! entry serves both), map to the v1 shapes after the cache, answer with ETag + Cache-Control.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use vinops::catalog::query::PARAMS;
use vinops::catalog::{CatalogQuery, CatalogRequest, VinPage};
use vinops::read::cached;
use vinops::vin::Vin;

use super::conditional::{cache_control, json, raw_json};
use super::dto::{OptionsResponse, SearchResponse, VehicleResponse};
use super::error::ApiError;
use super::lang::{FromAcceptLanguage, Lang};
use crate::http::AppState;

/// The query string as decoded pairs; a malformed one (bad percent-encoding) is INVALID_QUERY.
type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The pairs, when every name is one of `known`; the first other name is refused.
fn pairs(q: Pairs, known: &[&str]) -> Result<Vec<(String, String)>, ApiError> {
    let pairs = q
        .map(|Query(p)| p)
        .map_err(|e| ApiError::QueryString(e.body_text()))?;
    match pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
        Some((name, _)) => Err(ApiError::UnknownParam(short_name(name))),
        None => Ok(pairs),
    }
}

/// A refused name as `details` quotes it: cut short (it comes from the client).
fn short_name(name: &str) -> String {
    const MAX: usize = 64;
    match name.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &name[..i]),
        None => name.to_owned(),
    }
}

/// `GET /api/v1/search`: one page of lots. The first page (no cursor) is cached, in the entry
/// the catalog page of the same filters uses; cursor pages are not (`ReadKind::listing`).
pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Pairs,
) -> Result<Response, ApiError> {
    let req = CatalogRequest::from_pairs(pairs(query, &PARAMS)?)?;
    let page = cached::catalog_page(&state.web_pool, &state.cache, &req).await?;
    let cc = if filter_count(&req.query) <= 2 {
        cache_control::SEARCH_BROAD
    } else {
        cache_control::SEARCH_NARROW
    };
    json(&headers, &SearchResponse::from(page), cc)
}

/// Filters set (the original's rule for the shorter Cache-Control); the tab, the order and the
/// page size are not filters.
fn filter_count(q: &CatalogQuery) -> usize {
    q.filters_set()
        .iter()
        .filter(|name| **name != "type")
        .count()
}

/// `GET /api/v1/makes-models?type=&make=&model=&trim=`: the filter dropdowns for a tab and the
/// chosen parents. Same parameter names (and parser) as search; other search parameters are
/// accepted and do not change the answer; names search does not take are refused.
pub async fn makes_models(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Pairs,
) -> Result<Response, ApiError> {
    let q = CatalogQuery::from_pairs(pairs(query, &PARAMS)?)?.vehicle_parents();
    if q.make.is_none() && (q.model.is_some() || q.trim.is_some()) {
        return Err(ApiError::Conflict("model and trim need a make".into()));
    }
    if q.model.is_none() && q.trim.is_some() {
        return Err(ApiError::Conflict("trim needs a model".into()));
    }
    let options = cached::filter_options(&state.web_pool, &state.cache, &q).await?;
    // The labels follow Accept-Language, so the body does: shared caches must key on it.
    let lang = Lang::from_headers(&headers);
    let mut res = json(
        &headers,
        &OptionsResponse::new(options, lang),
        cache_control::OPTIONS,
    )?;
    let h = res.headers_mut();
    h.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    h.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    Ok(res)
}

/// `GET /api/v1/vehicles/{vin}`. The VIN is case-insensitive (`Vin::parse` upper-cases it):
/// a lower-case VIN is answered directly, with the canonical VIN in the body, rather than
/// redirected, which would cost API clients a round trip and a rate-limit token. Read like the
/// VIN page, which is never cached (`ReadKind::VinPage`).
pub async fn vehicle(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(vin): Path<String>,
    query: Pairs,
) -> Result<Response, ApiError> {
    pairs(query, &[])?;
    let vin = Vin::parse(&vin)?;
    match cached::vin_page(&state.web_pool, &state.cache, &vin).await? {
        VinPage::NotFound => Err(ApiError::NotFound),
        VinPage::Suppressed => Err(ApiError::Suppressed),
        VinPage::Found(data) => json(
            &headers,
            &VehicleResponse::from(*data),
            cache_control::VEHICLE,
        ),
    }
}

/// The OpenAPI 3.1 document of this API (hand-written; the tests hold responses to it).
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// `GET /api/v1/openapi.json`.
pub async fn openapi(headers: HeaderMap) -> Response {
    raw_json(
        &headers,
        OPENAPI_JSON.as_bytes().to_vec(),
        cache_control::OPENAPI,
    )
}

/// Any other path under `/api/v1`.
pub async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// A known path with a method other than GET/HEAD (OPTIONS preflights are answered by the CORS
/// layer before routing).
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
