//! The images job: archives each lot's photos from Copart's photo API into our storage.
//!
//! [`run`] picks lots from `v_lots_needing_photos` (never tried, or due for a retry), newest
//! auctions first; for each it reads the photo list (`api`), downloads the `_thb` and `_ful`
//! images it does not have yet (never `_hrs`), stores each under its key and only then upserts
//! its `images` row, and records the lot's progress in `lot_photos`: `stored`, `none` (404 or an
//! empty list: not retried by regular runs) or `retry` with a next-attempt time. Every request
//! goes through one token bucket (`limiter`) and one retry policy (`http`). A rerun downloads
//! nothing it already has. The run is recorded in `audit.runs` (job `images`, its figures in
//! `counts`) through the run ledger, `crate::runs`.
//!
//! When storage fails several times in a row the run stops starting lots (each failed lot is
//! left for a retry), and ends `failed`: better than downloading photos it cannot keep.
//!
//! What it fetches and keeps is bounded because the photo list is a third party's word: every
//! request and redirect hop is https to an allow-listed host at a public address (`net`), bodies
//! are capped (`body`), and only a plausible JPEG is stored (`jpeg`); anything else is refused,
//! counted, and recorded as the lot's error.

mod api;
mod body;
mod config;
mod counters;
mod db;
mod http;
pub mod jpeg;
mod limiter;
mod lot;
pub mod net;
pub mod purge;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use serde::Serialize;
use sqlx::PgPool;

pub use crate::runs::RunStatus;
use crate::runs::{self, Figures, Outcome, RunJob};
use crate::storage::Storage;
pub use config::ImagesConfig;
pub use counters::CountSnapshot;
pub use http::{RetryPolicy, rebase, upgrade_known_http};
pub use limiter::TokenBucket;
pub use net::NetPolicy;

/// Default body caps: a photo (Copart's `_ful` are ~60 KB) and the photo list (a few KB).
pub const DEFAULT_MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;
pub const DEFAULT_MAX_METADATA_BYTES: u64 = 1024 * 1024;

/// Which lots a run works on (always only those `v_lots_needing_photos` lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// The backfill: every lot that needs photos.
    All,
    /// Lots first seen at or after this time.
    SeenSince(DateTime<Utc>),
    /// Lots first seen since the start of this `audit.runs` row (e.g. the ETL run just done).
    NewSinceRun(i64),
    /// The demo's own lots (`demo_lots`), for the demo's photo step against the simulator.
    /// Every other selection leaves them out: their URLs name no real photo API.
    Demo,
}

/// How a run works. [`ImagesConfig`] builds it from the environment.
#[derive(Debug, Clone)]
pub struct ImagesOptions {
    /// Lots per run at most (`None`: all that need photos).
    pub max_lots: Option<usize>,
    /// Stop starting lots after this long (lots in progress finish).
    pub time_budget: Option<Duration>,
    /// Lots worked on at once (their downloads share the one rate limit).
    pub concurrency: usize,
    /// Requests per second, sustained, over all concurrent work.
    pub rate_per_sec: f64,
    /// Requests that may go at once after an idle spell.
    pub burst: u32,
    pub selection: Selection,
    pub metadata_timeout: Duration,
    pub image_timeout: Duration,
    pub retry: RetryPolicy,
    /// A lot left for a retry is due after `lot_retry_base · 2^(attempts-1)`, at most
    /// `lot_retry_max` (or later, when the server's `Retry-After` says so).
    pub lot_retry_base: Duration,
    pub lot_retry_max: Duration,
    /// Storage failures in a row that stop the run.
    pub storage_failure_limit: u32,
    pub user_agent: String,
    /// Fetch each lot's `Image URL` from this scheme and host instead of the one in the URL
    /// (path and query kept): the demo and tests point Copart URLs at the simulator with it.
    /// The result is checked like any other URL.
    pub api_base: Option<String>,
    /// Where requests may go (https, allow-listed hosts, public addresses).
    pub net: NetPolicy,
    /// Body caps: bigger answers are refused while reading.
    pub max_image_bytes: u64,
    pub max_metadata_bytes: u64,
}

impl Default for ImagesOptions {
    /// 10 requests/s with bursts of 50 (the rate the earlier system used against Copart's photo
    /// API), 8 lots at once, 4 attempts per request with backoff from 1 s (capped at 8 s), lots
    /// retried after 15 min doubling to 24 h.
    fn default() -> Self {
        ImagesOptions {
            max_lots: Some(2000),
            time_budget: None,
            concurrency: 8,
            rate_per_sec: 10.0,
            burst: 50,
            selection: Selection::All,
            metadata_timeout: Duration::from_secs(10),
            image_timeout: Duration::from_secs(30),
            retry: RetryPolicy {
                attempts: 4,
                backoff: Duration::from_secs(1),
                backoff_max: Duration::from_secs(8),
                max_retry_after: Duration::from_secs(60),
            },
            lot_retry_base: Duration::from_secs(15 * 60),
            lot_retry_max: Duration::from_secs(24 * 3600),
            storage_failure_limit: 5,
            user_agent: concat!("vinops-images/", env!("CARGO_PKG_VERSION")).to_owned(),
            api_base: None,
            net: NetPolicy::default(),
            max_image_bytes: DEFAULT_MAX_IMAGE_BYTES,
            max_metadata_bytes: DEFAULT_MAX_METADATA_BYTES,
        }
    }
}

/// What a run did; the same figures are in its `audit.runs` row (`counts`, see `runs::Figures`).
#[derive(Debug, Clone, Serialize)]
pub struct ImagesReport {
    pub run_id: i64,
    /// `Failed` when storage kept failing (the error says why); lots left undone are due again.
    pub status: RunStatus,
    pub error: Option<String>,
    /// Lots picked and started.
    pub lots: u64,
    pub counts: CountSnapshot,
    /// HTTP requests made (every attempt and redirect hop).
    pub requests: u64,
    pub rate_configured: f64,
    pub elapsed_ms: u64,
    /// The network rules the run worked under (development pins and roots show here).
    pub network: net::NetSummary,
}

impl ImagesReport {
    pub fn requests_per_sec(&self) -> f64 {
        self.requests as f64 / (self.elapsed_ms.max(1) as f64 / 1000.0)
    }

    pub fn images_per_hour(&self) -> f64 {
        self.counts.images_stored as f64 * 3_600_000.0 / self.elapsed_ms.max(1) as f64
    }
}

/// What the concurrent lots of one run share.
struct Ctx<'a> {
    pool: &'a PgPool,
    storage: &'a Storage,
    opts: &'a ImagesOptions,
    client: reqwest::Client,
    bucket: TokenBucket,
    counters: counters::Counters,
    storage_failures_in_row: AtomicU32,
    stop: AtomicBool,
    storage_error: std::sync::Mutex<Option<String>>,
}

impl Ctx<'_> {
    fn fetcher(&self) -> http::Fetcher<'_> {
        http::Fetcher {
            client: &self.client,
            bucket: &self.bucket,
            counters: &self.counters,
            retry: &self.opts.retry,
            net: &self.opts.net,
        }
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    fn storage_ok(&self) {
        self.storage_failures_in_row.store(0, Ordering::Relaxed);
    }

    fn storage_failed(&self, error: &str) {
        self.counters.add_storage_error();
        let n = self.storage_failures_in_row.fetch_add(1, Ordering::Relaxed) + 1;
        if n >= self.opts.storage_failure_limit.max(1) && !self.stop.swap(true, Ordering::Relaxed) {
            tracing::error!(
                failures = n,
                error,
                "storage keeps failing; the images run stops starting lots"
            );
            *self
                .storage_error
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(format!("storage failed {n} times in a row: {error}"));
        }
    }
}

/// One run of the images job (see the module doc). `Err` means the run could not work at all
/// (database unreachable); it is then recorded as failed when possible.
pub async fn run(
    pool: &PgPool,
    storage: &Storage,
    opts: &ImagesOptions,
) -> anyhow::Result<ImagesReport> {
    let started = Instant::now();
    opts.net.warn_if_development("images run");
    let run = runs::start(pool, RunJob::Images).await?;
    let run_id = run.get();
    // Redirects are followed by hand (`http`), so each hop takes a token and is checked.
    let client = opts
        .net
        .client(&opts.user_agent, opts.metadata_timeout)
        .context("building the photo client")?;
    let ctx = Ctx {
        pool,
        storage,
        opts,
        client,
        bucket: TokenBucket::new(opts.rate_per_sec, opts.burst),
        counters: counters::Counters::default(),
        storage_failures_in_row: AtomicU32::new(0),
        stop: AtomicBool::new(false),
        storage_error: std::sync::Mutex::new(None),
    };
    let outcome = work(&ctx, started).await;
    let mut report = ImagesReport {
        run_id,
        status: RunStatus::Succeeded,
        error: None,
        lots: 0,
        counts: ctx.counters.snapshot(),
        requests: ctx.bucket.granted(),
        rate_configured: opts.rate_per_sec,
        elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        network: opts.net.summary(),
    };
    let storage_error = ctx
        .storage_error
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    match outcome {
        Ok(lots) => {
            report.lots = lots;
            if let Some(e) = storage_error {
                report.status = RunStatus::Failed;
                report.error = Some(e);
            }
            runs::finish(pool, run, &ledger_outcome(&report)).await?;
            tracing::info!(
                run_id,
                status = report.status.as_db_str(),
                lots = report.lots,
                stored = report.counts.lots_stored,
                none = report.counts.lots_none,
                retry = report.counts.lots_retry,
                images = report.counts.images_stored,
                requests = report.requests,
                ms = report.elapsed_ms,
                "images run finished"
            );
            Ok(report)
        }
        Err(e) => {
            let error = format!("{e:#}");
            tracing::error!(run_id, error, "images run failed");
            report.status = RunStatus::Failed;
            report.error = Some(error);
            // Best effort: the database may be what failed.
            let _ = runs::finish(pool, run, &ledger_outcome(&report)).await;
            Err(e)
        }
    }
}

/// The run's row: status, why it failed, and its figures.
fn ledger_outcome(report: &ImagesReport) -> Outcome<'_> {
    Outcome {
        status: report.status,
        error: report.error.as_deref(),
        figures: Figures::Images(report),
    }
}

/// Picks the lots and works through them, `concurrency` at a time; returns how many were
/// started. (A hand-written loop rather than stream combinators: their closures over borrowed
/// lots make the future not `Send`, and the scheduler spawns it.)
async fn work(ctx: &Ctx<'_>, started: Instant) -> anyhow::Result<u64> {
    let lots = db::pick(ctx.pool, ctx.opts.selection, ctx.opts.max_lots).await?;
    let deadline = ctx.opts.time_budget.map(|b| started + b);
    let mut todo = lots.into_iter();
    let mut running = FuturesUnordered::new();
    let mut begun = 0u64;
    let mut first_error = None;
    loop {
        while running.len() < ctx.opts.concurrency.max(1)
            && !ctx.stopped()
            && deadline.is_none_or(|d| Instant::now() < d)
        {
            let Some(lot) = todo.next() else { break };
            begun += 1;
            running.push(lot::process(ctx, lot));
        }
        let Some(result) = running.next().await else {
            break;
        };
        if let Err(e) = result {
            // A database error on one lot: keep going with the others, fail the run at the end.
            tracing::error!(error = format!("{e:#}"), "images: a lot failed");
            first_error.get_or_insert(e);
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(begun),
    }
}
