//! What search engines and vehicle owners talk to, besides the pages themselves:
//!
//! - `robots.txt`, the sitemap index, the static-pages sitemap and the streamed, gzip-compressed
//!   VIN sitemap shards (`sitemap`, `vin_sitemap`), and the make/model hubs' sitemap
//!   (`hub_sitemap`); what they share: their XML (`sitemap_xml`) and their validators and
//!   early answers (`sitemap_http`);
//! - conditional requests on VIN pages: `ETag`/`Last-Modified`, 304 (`vin_validators`, with
//!   the sitemaps' `conditional`);
//! - the "remove this vehicle" form's POST (`removal`) and the operator's admin endpoint
//!   (`admin`, on the operator listener only), which apply removals through `crate::suppress` (and delete the VIN's photos
//!   from the store right after, `crate::images::purge`).
//!
//! Writes (removal requests, suppressions) go through a small lazy pool on the ETL role: the
//! web role stays read-only, and the site still starts while the database is down.

pub mod admin;
mod admin_removals;
mod conditional;
mod config;
mod hub_sitemap;
pub mod removal;
mod removal_record;
mod removal_token;
mod sitemap;
mod sitemap_http;
mod sitemap_xml;
mod vin_sitemap;
pub mod vin_validators;

pub use config::SeoConfig;

use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::routing::{delete, get, post};
use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::AppState;
use super::api::rate_limit::RateLimiter;
use super::api::shared_limit::SharedLimiter;
use crate::config::DbConfig;
use crate::secret::SecretString;
use crate::storage::Storage;

/// Shared by the SEO handlers. Cheap to clone.
#[derive(Clone)]
pub struct SeoState(Arc<Inner>);

/// How long an admin change waits for its journal entry before answering anyway.
const JOURNAL_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

struct Inner {
    /// `SITE_URL` without a trailing slash: the origin of every absolute URL we publish.
    site_url: String,
    /// Read-write (ETL role), lazy, at most 2 connections: removal requests and the admin API.
    write_pool: PgPool,
    admin_token: Option<String>,
    signer: removal_token::FormSigner,
    /// The form's per-client limit, shared by the replicas through Redis.
    removal_limiter: Option<SharedLimiter>,
    /// The photo store, for deleting a suppressed VIN's photos right away (`None`: the
    /// `photo_purge` job does it).
    photo_store: Option<Storage>,
    /// Where removals made here are journaled at once (`suppress::journal`), when this process
    /// writes to the journal the jobs use; `None`: the jobs instance's `photo_purge` run writes
    /// them (every 5 minutes).
    journal_store: Option<Storage>,
    /// When this process started: a deploy may change every page's HTML, so no VIN page is
    /// older than this (`vin_validators`).
    started: DateTime<Utc>,
    /// The VIN shard count last computed, and for which dataset version (`vin_sitemap`).
    shards: Mutex<Option<(i64, u32)>>,
}

impl SeoState {
    /// Fails on a configuration that cannot work (a write URL that does not parse, a removal
    /// secret that is too short), so a typo stops start-up.
    pub fn new(
        cfg: &SeoConfig,
        site_url: &str,
        db: &DbConfig,
        trusted_proxies: Vec<IpAddr>,
        photo_store: Option<Storage>,
        journal_store: Option<Storage>,
    ) -> anyhow::Result<SeoState> {
        let write_pool = crate::db::site_write_pool(db)?;
        let signer = removal_token::FormSigner::from_config(
            cfg.removal_form_secret.as_ref().map(SecretString::expose),
        )?;
        let admin_token = cfg
            .admin_token
            .as_ref()
            .map(SecretString::expose)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        if let Some(t) = &admin_token {
            anyhow::ensure!(
                t.len() >= 24,
                "ADMIN_TOKEN must be at least 24 characters (or empty to disable the admin API)"
            );
        }
        Ok(SeoState(Arc::new(Inner {
            site_url: site_url.trim_end_matches('/').to_owned(),
            write_pool,
            admin_token,
            signer,
            removal_limiter: RateLimiter::new(
                cfg.removal_rate_limit_per_min,
                cfg.removal_rate_limit_burst,
                cfg.removal_rate_limit_max_clients,
                trusted_proxies,
            )
            .map(|local| SharedLimiter::new("removal", local)),
            photo_store,
            journal_store,
            started: Utc::now(),
            shards: Mutex::new(None),
        })))
    }

    pub fn photo_store(&self) -> Option<&Storage> {
        self.0.photo_store.as_ref()
    }

    /// Writes the removals not yet in the suppression journal, after an admin change committed:
    /// a restore from a backup taken in the next minutes must not bring the VIN back. Best
    /// effort and bounded: the change is made either way, and what could not be written is
    /// written by the next `photo_purge` run (and counted on `/health` meanwhile).
    pub async fn journal_now(&self) {
        if let Some(store) = &self.0.journal_store {
            crate::suppress::journal::flush_now(&self.0.write_pool, store, Some(JOURNAL_WAIT))
                .await;
        }
    }

    pub fn site_url(&self) -> &str {
        &self.0.site_url
    }

    /// The form token issuer the VIN page gets through the Leptos context.
    pub fn token_issuer(&self) -> app::pages::RemovalTokenIssuer {
        let state = self.clone();
        app::pages::RemovalTokenIssuer(Arc::new(move |vin: &str| {
            state.0.signer.issue(vin, Utc::now())
        }))
    }

    fn cached_shards(&self, version: i64) -> Option<u32> {
        let known = *self.0.shards.lock().unwrap_or_else(PoisonError::into_inner);
        known.filter(|(v, _)| *v == version).map(|(_, n)| n)
    }

    fn remember_shards(&self, version: i64, n: u32) {
        *self.0.shards.lock().unwrap_or_else(PoisonError::into_inner) = Some((version, n));
    }
}

impl axum::extract::FromRef<AppState> for SeoState {
    fn from_ref(state: &AppState) -> Self {
        state.seo.clone()
    }
}

/// Routes whose bodies must not pass through the site's compression layer: the VIN shards are
/// gzip files already (`application/gzip`, see `vin_sitemap`).
pub fn uncompressed_routes() -> Router<AppState> {
    Router::new().route("/sitemaps/{file}", get(sitemap::sitemap_file))
}

/// The other SEO routes (compressed like the pages).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(sitemap::robots))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/{lang}/vin/{vin}/removal", post(removal::submit))
}

/// The admin endpoint's routes: served by the operator listener only (`crate::http::ops`).
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/suppressions", post(admin::suppress))
        .route("/admin/suppressions/{vin}", delete(admin::unsuppress))
        .route("/admin/removals", get(admin_removals::page))
        .route("/admin/removals/{id}/apply", post(admin_removals::apply))
        .route("/admin/removals/{id}/reject", post(admin_removals::reject))
}
