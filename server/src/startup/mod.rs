//! Start-up: the one path from [`Settings`] to a serving site, taken by `serve` and by the
//! integration tests alike, so what the tests run is what production runs.
//!
//! [`App::build`] applies the migrations (only with `MIGRATE_ON_START`; production runs
//! `migrate` as a step of its own), binds the public listener and the operator listener
//! (`OPS_ADDR`), builds the pools, the query cache, the photo store, the SEO state, the health
//! monitor, the [`AppState`] and both routers, and starts the scheduled jobs (unless
//! `JOBS_ENABLED=false`). [`App::run_until`] serves until a shutdown future resolves, then
//! drains the requests in flight on both listeners and the running jobs together.

mod settings;

pub use settings::Settings;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use leptos::prelude::LeptosOptions;
use tokio::sync::watch;

use crate::cache::{Cache, DatasetVersion};
use crate::http::ops::OpsAddr;
use crate::http::{self, AppState, SiteListener};
use crate::storage::Storage;
use crate::{db, health, jobs};

/// A site ready to serve: listeners bound, state and routers built, jobs started.
pub struct App {
    listener: SiteListener,
    limits: http::ServeLimits,
    addr: SocketAddr,
    router: Router,
    ops: Option<OpsListener>,
    state: AppState,
    jobs: Option<(jobs::Scheduler, Duration)>,
}

/// The operator listener, bound, with its router.
struct OpsListener {
    listener: SiteListener,
    addr: SocketAddr,
    router: Router,
}

impl App {
    /// Builds the site from its settings. Fails on settings that cannot work (an address that
    /// cannot be bound, a URL or API list that does not parse, a short admin token); a database
    /// or Redis that is down fails nothing: the site starts and says so (503, `/health`).
    pub async fn build(settings: Settings) -> anyhow::Result<App> {
        let Settings {
            db: db_cfg,
            serve,
            migrate: migrate_cfg,
            cache: cache_cfg,
            api,
            jobs: jobs_cfg,
            source,
            health: health_cfg,
            seo: seo_cfg,
            storage: storage_cfg,
            images,
        } = settings;
        let mut startup_migration = None;
        if serve.migrate_on_start {
            // Not fatal: the site must come up (and say 503) even when the database is down;
            // `/readyz` keeps the replica out of rotation until the schema is current.
            if let Err(e) = db::migrate(&db_cfg.database_url, &migrate_cfg).await {
                let error = format!("{e:#}");
                tracing::warn!(
                    error,
                    "migrations not applied at start-up: /readyz answers 503 until the schema is current"
                );
                startup_migration = Some(error);
            }
        }
        let listener = http::bind(serve.addr).await?;
        let addr = axum::serve::Listener::local_addr(&listener).context("listener address")?;
        let ops_listener = match serve.ops_addr {
            OpsAddr::At(at) => {
                let listener = http::bind(at).await.context("binding OPS_ADDR")?;
                let addr = axum::serve::Listener::local_addr(&listener)
                    .context("operator listener address")?;
                Some((listener, addr))
            }
            OpsAddr::Off => None,
        };
        for warning in crate::transport_security::warnings(&db_cfg, &cache_cfg) {
            tracing::warn!("{warning}");
        }
        let web_pool = db::web_pool(&db_cfg)?;
        // Connects in the background: a down Redis delays nothing and fails nothing.
        let versions = DatasetVersion::from_db(web_pool.clone(), cache_cfg.version_refresh());
        let cache = Cache::connect(&cache_cfg, Some(versions)).context("configuring the cache")?;
        let demo =
            crate::demo_flag::DemoFlag::new(web_pool.clone(), cache_cfg.version_refresh()).await;
        // The admin endpoint deletes a suppressed VIN's photos at once; the jobs store them.
        let storage = Storage::from_config(&storage_cfg).context("configuring photo storage")?;
        let archive = crate::archive::Archive::from_config(&source, &storage_cfg)?;
        // Admin removals are journaled at once where this process's archive store is the one
        // the jobs journal into: a bucket every replica shares, or this process's own jobs'
        // directory. A web-only replica with a local directory leaves them to the jobs instance.
        let journal_here = jobs_cfg.jobs_enabled || archive.storage().local_dir().is_none();
        let seo = http::seo::SeoState::new(
            &seo_cfg,
            &site_url(&serve.site_url, addr),
            &db_cfg,
            api.trusted_proxy_list()?,
            Some(storage.clone()),
            journal_here.then(|| archive.storage().clone()),
        )?;
        let health = health::Monitor::from_config(&health_cfg);
        if let Some(error) = startup_migration {
            health.startup_migration_failed(error);
        }
        let state = AppState {
            leptos: site_options(addr)?,
            web_pool,
            cache,
            api,
            health,
            seo,
            // With a bucket, pages link to MEDIA_BASE_URL and `/media` serves nothing.
            media_dir: storage.local_dir().map(std::path::Path::to_path_buf),
            media_base: vinops::catalog::MediaBase::new(&storage_cfg.media_base_url),
            http_metrics: crate::metrics::HttpMetrics::default(),
            demo,
        };
        // Behind the edge: security headers, load shedding, timeouts and body limits. The
        // operator listener gets the same edge, so admin bodies stay limited too.
        let router = http::edge::layers(
            http::router(state.clone())?,
            &serve.edge,
            &storage_cfg.media_base_url,
        );
        let ops = ops_listener.map(|(listener, addr)| OpsListener {
            listener,
            addr,
            router: http::edge::layers(
                http::ops::router(state.clone()),
                &serve.edge,
                &storage_cfg.media_base_url,
            ),
        });
        let jobs = if jobs_cfg.jobs_enabled {
            let pool = db::jobs_pool(&db_cfg)?;
            tracing::info!(archive = %archive.describe(), "raw-file archive");
            let list = jobs::standard_jobs(&jobs_cfg, &pool, &source, &storage, &images, &archive);
            let scheduler = jobs::Scheduler::start(pool, list).await?;
            Some((scheduler, jobs_cfg.shutdown_grace()))
        } else {
            tracing::info!("scheduled jobs off in this process (JOBS_ENABLED=false)");
            None
        };
        Ok(App {
            listener,
            limits: http::ServeLimits::from_config(&serve.edge),
            addr,
            router,
            ops,
            state,
            jobs,
        })
    }

    /// The address the listener is bound to (the configured one, or the port the system chose
    /// for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The operator listener's address (`None` with `OPS_ADDR=off`).
    pub fn ops_addr(&self) -> Option<SocketAddr> {
        self.ops.as_ref().map(|o| o.addr)
    }

    /// What the request handlers share (the tests read the cache's counters through it).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then stops accepting on both listeners, finishes the
    /// requests in flight and gives running jobs their grace period (one stop for all: they
    /// drain at once). Everything stops too should either listener fail.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let App {
            listener,
            limits,
            addr,
            router,
            ops,
            state,
            jobs,
        } = self;
        tracing::info!(
            %addr,
            ops_addr = ops.as_ref().map_or("off".to_owned(), |o| o.addr.to_string()),
            site_url = %state.seo.site_url(),
            "listening"
        );
        {
            // The log says at once whether this replica will get traffic, and if not why (the
            // proxy's first probe may be seconds away).
            let (health, pool) = (state.health.clone(), state.web_pool.clone());
            tokio::spawn(async move {
                let verdict = health.readiness(&pool).await;
                if verdict.ready {
                    tracing::info!(reason = %verdict.reason, "ready");
                }
            });
        }
        let stop = Arc::new(watch::Sender::new(false));
        {
            let stop = Arc::clone(&stop);
            tokio::spawn(async move {
                shutdown.await;
                stop.send_replace(true);
            });
        }
        let server = async {
            // Each request with its peer address: the API's rate limit is per client.
            http::serve(listener, router, limits, stopped(&stop)).await;
            stop.send_replace(true);
        };
        let ops_server = async {
            if let Some(ops) = ops {
                http::serve(ops.listener, ops.router, limits, stopped(&stop)).await;
                stop.send_replace(true);
            }
        };
        let jobs = async {
            stopped(&stop).await;
            if let Some((scheduler, grace)) = jobs {
                scheduler.shutdown(grace).await;
            }
        };
        tokio::join!(server, ops_server, jobs);
        tracing::info!("stopped");
        Ok(())
    }
}

/// Resolves once `stop` is set.
fn stopped(stop: &watch::Sender<bool>) -> impl Future<Output = ()> + use<> {
    let mut rx = stop.subscribe();
    async move {
        let _ = rx.wait_for(|s| *s).await;
    }
}

/// The public origin: `SITE_URL`, or the listener's own address when it is empty (a test app
/// on a port the system chose, whose absolute links must point back at itself).
fn site_url(configured: &str, addr: SocketAddr) -> String {
    match configured.trim() {
        "" => format!("http://{addr}"),
        url => url.to_owned(),
    }
}

/// Leptos's own options (`LEPTOS_*`, as cargo-leptos sets them), served from `addr`.
fn site_options(addr: SocketAddr) -> anyhow::Result<LeptosOptions> {
    let mut leptos = leptos::prelude::get_configuration(None)
        .context("reading Leptos configuration")?
        .leptos_options;
    if leptos.output_name.is_empty() {
        // Started without cargo-leptos: same names as Cargo.toml's [workspace.metadata.leptos].
        leptos.output_name = "vinops".into();
    }
    leptos.site_addr = addr;
    Ok(leptos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_site_url_is_the_listeners_own_address() {
        let addr: SocketAddr = "127.0.0.1:4321".parse().expect("addr");
        assert_eq!(site_url("", addr), "http://127.0.0.1:4321");
        assert_eq!(site_url("  ", addr), "http://127.0.0.1:4321");
        assert_eq!(
            site_url("https://vinops.online", addr),
            "https://vinops.online"
        );
    }
}
