//! Command line of `vinops-dev`: `demo [purge]`, `gen`, `simulate`, `tls-certs`,
//! `bench etl|read|images`. Settings are the server's own (`DATABASE_URL`, storage, cache,
//! images), parsed by the same types, so a tool and `vinops-server` pointed at the same
//! environment work on the same database and store.
//! Each command returns an `anyhow::Result`, run by `vinops-server`'s own `cli::execute`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use server::cache::{Cache, CacheConfig, DatasetVersion};
use server::config::{DbConfig, LogFormat};
use server::db::MigrateConfig;
use server::images::{ImagesConfig, Selection};
use server::storage::{Storage, StorageConfig};
use server::{db, http};

use crate::{bench, demo, simulator};

#[derive(Debug, Parser)]
#[command(
    name = "vinops-dev",
    version,
    about = "Vinops development tools: demo data, the Copart simulator, benchmarks"
)]
struct Cli {
    /// Log format.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up and matched once: the size of the largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate, then load a generated demo export (a few thousand lots) so the site has content.
    /// The lots are marked as demo data: the site says so, the sitemaps leave them out, the photo
    /// jobs never ask Copart for them, and `demo purge` removes them.
    Demo {
        #[command(subcommand)]
        action: Option<DemoAction>,
        #[command(flatten)]
        db: DbConfig,
        /// Rows in the generated export.
        #[arg(long, default_value_t = 3000)]
        rows: usize,
        /// Generator seed: the same seed and size give the same export.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Fraction of deliberately broken rows (to see the row-error path work).
        #[arg(long, default_value_t = 0.005)]
        bad_rate: f64,
        /// Lots that get photos (fetched by the images job from a simulated photo API started
        /// for the purpose); 0 for none.
        #[arg(long, default_value_t = 120)]
        photos: usize,
        /// Load the export as if Copart had sent it, unmarked (the tests of the production site:
        /// end-to-end, audits).
        #[arg(long)]
        as_export: bool,
        #[command(flatten)]
        storage: StorageConfig,
    },
    /// Write a generated Copart-format export to a file.
    Gen {
        #[arg(long)]
        rows: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 0.0)]
        bad_rate: f64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Serve a simulated Copart sales-data endpoint (tokenized URL, real headers, an export
    /// that changes like Copart's) until Ctrl-C.
    Simulate {
        #[arg(long, default_value = "127.0.0.1:9300")]
        addr: SocketAddr,
        #[arg(long, default_value_t = 150_000)]
        rows: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 0.0)]
        bad_rate: f64,
        /// The token the URL must carry (`?authKey=`); any other gets the HTML block page.
        #[arg(long, default_value = "demo-token")]
        auth_key: String,
        /// Advance the export one 15-minute step every this many seconds (never when absent;
        /// `POST /__sim/advance` always works).
        #[arg(long)]
        advance_every_secs: Option<u64>,
        /// Point the export's `Image URL`s at this simulator's photo API (`/v1/lotImages`, over
        /// https at `photos.sim.test`; the log names the settings the images job needs).
        #[arg(long)]
        photos_here: bool,
    },
    /// Write a throwaway CA (`ca.pem`) and a server certificate it signed (`server.pem` with the
    /// chain, `server.key`) into a directory: for a PostgreSQL or Redis with TLS on a
    /// development machine or in a test script. Never for production.
    TlsCerts {
        #[arg(long)]
        out: PathBuf,
        /// DNS names the certificate covers.
        #[arg(long = "name", default_value = "localhost")]
        names: Vec<String>,
        /// IP addresses the certificate covers.
        #[arg(long = "ip", default_value = "127.0.0.1")]
        ips: Vec<std::net::IpAddr>,
    },
    /// Benchmarks that print figures.
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
}

#[derive(Debug, Subcommand)]
enum DemoAction {
    /// Delete every demo lot, the vehicles left without lots, the demo files' registrations and
    /// the demo photos in the store; real data stays. Settings are the `demo` command's.
    Purge,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Generate N rows, ingest them, then a "15 minutes later" export; print timings and RSS.
    Etl {
        #[command(flatten)]
        db: DbConfig,
        #[arg(long, default_value_t = 150_000)]
        rows: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Read-model latency (p50/p99) on the loaded data, from PostgreSQL and through the cache.
    Read {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        cache: CacheConfig,
        /// Timed runs per query.
        #[arg(long, default_value_t = 50)]
        iterations: usize,
    },
    /// The images job against the simulated photo API: requests/s against the configured rate,
    /// images/hour, then (with --fail-rate) completion under transient failures. Use a scratch
    /// database: a generated export is ingested into it.
    Images {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        storage: StorageConfig,
        #[command(flatten)]
        images: ImagesConfig,
        /// Lots in the export for the rate part.
        #[arg(long, default_value_t = 300)]
        lots: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Length of the rate part.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Share of requests failing transiently in the second part (0 skips it).
        #[arg(long, default_value_t = 0.3)]
        fail_rate: f64,
        /// Lots in the second part.
        #[arg(long, default_value_t = 40)]
        fault_lots: usize,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    server::cli::execute(cli.log_format, run(cli.command))
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Demo {
            action: Some(DemoAction::Purge),
            db,
            storage,
            ..
        } => {
            let pool = sqlx::PgPool::connect(db.database_url.expose())
                .await
                .context("connecting as the owner role")?;
            let store = Storage::from_config(&storage)?;
            demo::purge(&pool, Some(&store)).await.map(|_| ())
        }
        Command::Demo {
            action: None,
            db,
            rows,
            seed,
            bad_rate,
            photos,
            as_export,
            storage,
        } => {
            let load_as = if as_export {
                demo::LoadAs::Export
            } else {
                demo::LoadAs::Demo
            };
            run_demo(&db, (rows, seed, bad_rate), (photos, load_as), &storage).await
        }
        Command::Gen {
            rows,
            seed,
            bad_rate,
            out,
        } => {
            let mut cfg = vinops::generator::GenConfig::new(seed, rows);
            cfg.bad_row_rate = bad_rate;
            let file = std::fs::File::create(&out)
                .with_context(|| format!("creating {}", out.display()))?;
            let stats = vinops::generator::write_export(&cfg, std::io::BufWriter::new(file))?;
            tracing::info!(
                rows = stats.rows,
                bad_rows = stats.bad_rows,
                bytes = stats.bytes,
                "export written"
            );
            Ok(())
        }
        Command::Simulate {
            addr,
            rows,
            seed,
            bad_rate,
            auth_key,
            advance_every_secs,
            photos_here,
        } => {
            let mut cfg = simulator::SimConfig::new(seed, rows);
            cfg.bad_row_rate = bad_rate;
            cfg.auth_key = auth_key;
            cfg.photos_here = photos_here;
            simulate(cfg, addr, advance_every_secs).await
        }
        Command::TlsCerts { out, names, ips } => {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let pki = crate::pki::DevPki::generate("Vinops development CA", &names, &ips)?;
            let files = pki.write(&out)?;
            tracing::info!(ca = %files.ca.display(), chain = %files.chain.display(),
                key = %files.key.display(), "development certificates written");
            Ok(())
        }
        Command::Bench { command } => run_bench(command).await,
    }
}

async fn run_demo(
    db: &DbConfig,
    (rows, seed, bad_rate): (usize, u64, f64),
    (photos, load_as): (usize, demo::LoadAs),
    storage: &StorageConfig,
) -> anyhow::Result<()> {
    db::migrate(&db.database_url, &MigrateConfig::default()).await?;
    let pool = db::etl_pool(db).await?;
    let report = demo::load_with(&pool, (seed, rows, bad_rate), load_as).await?;
    if photos > 0 {
        let store = Storage::from_config(storage)?;
        match demo::photos::load(&pool, &store, (photos, load_as), seed).await? {
            None => tracing::info!("demo photos already loaded"),
            Some(r) => tracing::info!(
                lots = r.counts.lots_stored,
                images = r.counts.images_stored,
                storage = store.describe(),
                "demo photos loaded"
            ),
        }
    }
    if report.already_loaded {
        tracing::info!(
            run_id = report.run_id,
            "this demo export is already loaded; nothing to do"
        );
    } else {
        tracing::info!(
            run_id = report.run_id,
            rows = report.rows,
            loaded = report.loaded,
            invalid = report.invalid,
            earlier_lots = report.earlier,
            relisted = report.relisted,
            "demo data loaded"
        );
    }
    Ok(())
}

async fn run_bench(command: BenchCommand) -> anyhow::Result<()> {
    match command {
        BenchCommand::Etl { db, rows, seed } => {
            db::migrate(&db.database_url, &MigrateConfig::default()).await?;
            let pool = db::etl_pool(&db).await?;
            bench::etl::run(&pool, rows, seed).await
        }
        BenchCommand::Read {
            db,
            cache,
            iterations,
        } => {
            let pool = db::web_pool(&db)?;
            let versions = DatasetVersion::from_db(pool.clone(), cache.version_refresh());
            let cache = Cache::connect(&cache, Some(versions)).context("configuring the cache")?;
            bench::read::run(&pool, &cache, iterations.max(1)).await
        }
        BenchCommand::Images {
            db,
            storage,
            images,
            lots,
            seed,
            seconds,
            fail_rate,
            fault_lots,
        } => {
            db::migrate(&db.database_url, &MigrateConfig::default()).await?;
            let pool = db::etl_pool(&db).await?;
            // The local store goes to a scratch directory, not the site's media.
            let scratch = std::env::temp_dir().join(format!(
                "vinops-images-bench-{}",
                uuid::Uuid::new_v4().simple()
            ));
            let store = if storage.uses_s3() {
                Storage::from_config(&storage)?
            } else {
                Storage::from_config(&StorageConfig::local(&scratch))?
            };
            let opts = bench::images::BenchOptions {
                lots,
                seed,
                seconds,
                fail_rate,
                fault_lots,
                images: images.options(Selection::All),
            };
            let result = bench::images::run(&pool, &store, &opts).await;
            let _ = std::fs::remove_dir_all(&scratch);
            result
        }
    }
}

async fn simulate(
    cfg: simulator::SimConfig,
    addr: SocketAddr,
    advance_every_secs: Option<u64>,
) -> anyhow::Result<()> {
    let handle = simulator::spawn(cfg, addr).await?;
    // The URL carries the token: log where it listens, not the URL.
    tracing::info!(addr = %handle.addr, path = simulator::EXPORT_PATH, "simulator listening");
    // The photo API is https with a CA made now: what a `serve` or `images backfill` process
    // needs to reach it (development settings).
    let ca_file = std::env::temp_dir().join(format!("vinops-sim-ca-{}.pem", handle.addr.port()));
    let env = handle.photo_endpoints.env(&ca_file)?;
    tracing::info!(
        base = handle.photo_endpoints.base_url(),
        env = env
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" "),
        "simulated photo API listening (https); set these for the images job"
    );
    let shutdown = http::shutdown_signal();
    tokio::pin!(shutdown);
    match advance_every_secs.filter(|s| *s > 0) {
        None => shutdown.await,
        Some(secs) => {
            let mut timer = tokio::time::interval(std::time::Duration::from_secs(secs));
            // The first tick is immediate; version 0 is already there.
            timer.tick().await;
            loop {
                tokio::select! {
                    () = &mut shutdown => break,
                    _ = timer.tick() => advance(&handle).await?,
                }
            }
        }
    }
    handle.shutdown().await?;
    tracing::info!("stopped");
    Ok(())
}

/// One 15-minute step of the simulated export (on a blocking thread: it regenerates rows).
async fn advance(handle: &simulator::SimHandle) -> anyhow::Result<()> {
    let state = handle.state.clone();
    let advanced = tokio::task::spawn_blocking(move || simulator::lock(&state).sim.advance())
        .await
        .context("advance task")?;
    match advanced {
        Ok(r) => tracing::info!(
            version = r.version,
            rows = r.rows,
            changed = r.changed,
            disappeared = r.disappeared,
            appeared = r.appeared,
            relisted = r.relisted,
            "export advanced"
        ),
        Err(e) => tracing::error!(error = format!("{e:#}"), "advance failed"),
    }
    Ok(())
}
