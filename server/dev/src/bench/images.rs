//! `vinops-dev bench images`: the images job against the simulated photo API.
//!
//! Loads a generated export whose `Image URL`s point at a photo API started in this process,
//! resets the photo progress of exactly those lots, then:
//! 1. **rate**: one run at the configured rate (default 10 req/s, burst 50) for a time budget
//!    (default 60 s); prints requests/s achieved against the rate (overall, and after the burst),
//!    images/hour and failures;
//! 2. **faults** (with `--fail-rate`): a second, smaller export; a share of all requests fail
//!    transiently (half 429 with `Retry-After: 1`, half 503); runs repeat (retries due at once)
//!    until no lot is left, then the stored rows are compared with the simulator's ground truth
//!    (no duplicate, nothing lost).
//!
//! Point `DATABASE_URL`/`ETL_DATABASE_URL` at a scratch database: the export is ingested into it.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use vinops::generator::GenConfig;

use crate::simulator::{self, PhotoConfig, PhotoFaults};
use crate::verify;
use server::images::{ImagesOptions, ImagesReport, Selection};
use server::storage::Storage;

#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub lots: usize,
    pub seed: u64,
    pub seconds: u64,
    /// Share of requests failing transiently in the second part (0: skip it).
    pub fail_rate: f64,
    /// Lots in the fault part.
    pub fault_lots: usize,
    pub images: ImagesOptions,
}

pub async fn run(pool: &PgPool, storage: &Storage, opts: &BenchOptions) -> anyhow::Result<()> {
    let photos = simulator::spawn_photos(
        PhotoConfig {
            seed: opts.seed,
            faults: PhotoFaults {
                redirect: true,
                ..PhotoFaults::default()
            },
            ..PhotoConfig::default()
        },
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await?;
    let base = photos.base_url();
    load_lots(pool, opts.seed, opts.lots, &base).await?;
    println!(
        "images bench: {} lots on the photo API at {base}, storage {}",
        opts.lots,
        storage.describe()
    );

    // 1. Sustained rate.
    let mut rate_opts = opts.images.clone();
    // The simulator, over https through its pin and CA (development settings for this run).
    rate_opts.net = photos.endpoints.net()?;
    rate_opts.time_budget = Some(Duration::from_secs(opts.seconds));
    rate_opts.max_lots = None;
    rate_opts.selection = Selection::All;
    let report = server::images::run(pool, storage, &rate_opts).await?;
    print_rate(&report, &rate_opts);
    let stats = photos.sim.stats();
    println!(
        "  simulator saw {} metadata + {} image requests ({} _hrs), {} redirects",
        stats.metadata_requests, stats.image_requests, stats.hrs_requests, stats.redirects
    );
    let v = verify::verify(pool, storage, &photos.sim).await?;
    print_verification(&v);

    if opts.fail_rate > 0.0 {
        // 2. Transient failures: a fresh export (the first one's lots leave the listing), retries
        // due at once, runs repeated until no lot is left.
        load_lots(pool, opts.seed + 1, opts.fault_lots, &base).await?;
        photos.sim.set_faults(PhotoFaults {
            throttle_rate: opts.fail_rate / 2.0,
            error_rate: opts.fail_rate / 2.0,
            retry_after_secs: 1,
            redirect: true,
            ..PhotoFaults::default()
        });
        let mut fault_opts = opts.images.clone();
        fault_opts.net = rate_opts.net.clone();
        fault_opts.max_lots = None;
        fault_opts.lot_retry_base = Duration::ZERO;
        fault_opts.time_budget = None;
        fault_opts.selection = Selection::All;
        let before = photos.sim.stats();
        let started = std::time::Instant::now();
        let (mut images, mut passes, mut requests, mut lots) = (0, 0, 0, 0);
        let mut pending = unfinished(pool).await?;
        while pending > 0 && passes < 100 {
            let r = server::images::run(pool, storage, &fault_opts).await?;
            if passes == 0 {
                lots = r.lots;
            }
            images += r.counts.images_stored;
            requests += r.requests;
            passes += 1;
            pending = unfinished(pool).await?;
            if pending > 0 && r.lots == 0 {
                // Only lots whose Retry-After has not passed yet.
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
        let after = photos.sim.stats();
        println!(
            "\nfaults: {:.0}% of requests failing (429 with Retry-After: 1, or 503)",
            opts.fail_rate * 100.0
        );
        println!(
            "  {lots} lots, {passes} runs, {:.1} s, {images} images stored, {requests} requests \
             ({} throttled, {} server errors served)",
            started.elapsed().as_secs_f64(),
            after.throttled - before.throttled,
            after.server_errors - before.server_errors,
        );
        println!("  lots still unfinished: {pending}");
        let v = verify::verify(pool, storage, &photos.sim).await?;
        print_verification(&v);
    }
    photos.shutdown().await?;
    Ok(())
}

/// Listed lots with photos not yet settled (never tried, or waiting for a retry).
async fn unfinished(pool: &PgPool) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM lots l LEFT JOIN lot_photos p ON p.lot_id = l.id
           WHERE l.image_url IS NOT NULL AND l.disappeared_at IS NULL
             AND (p.lot_id IS NULL OR p.status = 'retry')"#
    )
    .fetch_one(pool)
    .await?)
}

fn print_rate(r: &ImagesReport, o: &ImagesOptions) {
    let secs = r.elapsed_ms as f64 / 1000.0;
    // The bucket starts full: the first `burst` requests are free, the rest at the rate.
    let steady = (r.requests.saturating_sub(u64::from(o.burst))) as f64 / secs.max(0.001);
    println!(
        "\nrate: configured {:.1} req/s, burst {}, {} lots at once",
        o.rate_per_sec, o.burst, o.concurrency
    );
    println!(
        "  {:.1} s, {} requests: {:.2} req/s overall, {:.2} req/s after the burst ({:.1}% of configured)",
        secs,
        r.requests,
        r.requests_per_sec(),
        steady,
        100.0 * steady / o.rate_per_sec
    );
    println!(
        "  lots: {} started, {} stored, {} without photos, {} left for retry",
        r.lots, r.counts.lots_stored, r.counts.lots_none, r.counts.lots_retry
    );
    println!(
        "  images: {} stored ({:.1} MB), {:.0} images/hour",
        r.counts.images_stored,
        r.counts.bytes as f64 / 1e6,
        r.images_per_hour()
    );
    println!(
        "  failures: {} throttled, {} server errors, {} timeouts, {} connection errors, {} storage errors; {} retries",
        r.counts.throttled,
        r.counts.server_errors,
        r.counts.timeouts,
        r.counts.connect_errors,
        r.counts.storage_errors,
        r.counts.retries
    );
}

fn print_verification(v: &verify::Verification) {
    println!(
        "  verification: {} lots ({} stored, {} none, {} pending), {} image rows for {} expected; {}",
        v.lots,
        v.lots_stored,
        v.lots_none,
        v.lots_pending,
        v.image_rows,
        v.expected_images,
        if v.ok() {
            "no duplicate, nothing lost, every row's object stored and identical".to_owned()
        } else {
            format!("{} PROBLEMS", v.problems.len())
        }
    );
    for p in v.problems.iter().take(20) {
        println!("    {p}");
    }
}

/// Ingests a generated export pointing at `base`, and resets those lots' photo progress.
async fn load_lots(pool: &PgPool, seed: u64, rows: usize, base: &str) -> anyhow::Result<()> {
    let cfg = GenConfig::new(seed, rows).with_image_api_base(base);
    let path = std::env::temp_dir().join(format!(
        "vinops-images-bench-{}.csv",
        uuid::Uuid::new_v4().simple()
    ));
    let file =
        std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    vinops::generator::write_export(&cfg, std::io::BufWriter::new(file))?;
    let report = server::etl::ingest_file(pool, &path, &format!("images-bench:{base}")).await;
    let _ = std::fs::remove_file(&path);
    let report = report?;
    anyhow::ensure!(
        report.status != server::etl::RunStatus::Failed,
        "bench export rejected: {}",
        report.reason.as_deref().unwrap_or("")
    );
    reset_lots(pool, base).await
}

/// Forgets the photos of the lots whose `Image URL` is on `base` (this bench's lots only).
async fn reset_lots(pool: &PgPool, base: &str) -> anyhow::Result<()> {
    let prefix = format!("{base}/%");
    sqlx::query!(
        "DELETE FROM images WHERE lot_id IN (SELECT id FROM lots WHERE image_url LIKE $1)",
        prefix
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "DELETE FROM lot_photos WHERE lot_id IN (SELECT id FROM lots WHERE image_url LIKE $1)",
        prefix
    )
    .execute(pool)
    .await?;
    Ok(())
}
