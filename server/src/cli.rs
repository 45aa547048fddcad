//! Command line: `serve`, `migrate`, `demo`, `gen`, `simulate`, `etl ingest|run|bench`,
//! `images backfill|purge|bench`, `suppress`, `unsuppress`. Each
//! command returns an `anyhow::Result`;
//! `main` turns a failure into one log line with its cause chain and exit code 1.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::cache::{Cache, CacheConfig, DatasetVersion};
use crate::config::{DbConfig, EtlLimits, LogFormat, SourceConfig};
use crate::images::{self, ImagesConfig, Selection};
use crate::startup::{App, Settings};
use crate::storage::{Storage, StorageConfig};
use crate::{db, demo, etl, http, simulator, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "vinops-server",
    version,
    about = "Vinops: catalog of US salvage-auction vehicles"
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
    command: Option<Command>,
}

// Parsed once at start-up and matched once: the size of the `Serve` variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site (the default when no command is given, as under `cargo leptos watch`).
    Serve(Settings),
    /// Remove a VIN at its owner's request: its pages answer 410, it leaves listings, sitemaps
    /// and the API, and pending removal requests for it are marked applied.
    ///
    /// Its photos are then deleted from the store (S3 or local); when that fails, the
    /// suppression still holds and the `photo_purge` job retries (`images purge` does it now).
    Suppress {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        storage: StorageConfig,
        vin: String,
        /// Why (kept in `suppressions` and `suppression_events`).
        #[arg(long)]
        reason: String,
    },
    /// Lift a suppression: the VIN's pages come back, and the images job fetches its lots'
    /// photos again (while Copart still lists them).
    Unsuppress {
        #[command(flatten)]
        db: DbConfig,
        vin: String,
    },
    /// Apply pending database migrations.
    Migrate {
        #[command(flatten)]
        db: DbConfig,
    },
    /// Load a generated demo export (a few thousand lots) so the site has content.
    Demo {
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
    /// The images job: lots' photos from the photo API into storage.
    Images {
        #[command(subcommand)]
        command: ImagesCommand,
    },
    /// The ETL: Copart export files into the database.
    Etl {
        #[command(subcommand)]
        command: EtlCommand,
    },
    /// Read-model latency (p50/p99) on the loaded data, from PostgreSQL and through the cache.
    BenchRead {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        cache: CacheConfig,
        /// Timed runs per query.
        #[arg(long, default_value_t = 50)]
        iterations: usize,
    },
}

#[derive(Debug, Subcommand)]
enum ImagesCommand {
    /// One run over the lots that need photos (newest auctions first), then exit.
    Backfill {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        storage: StorageConfig,
        #[command(flatten)]
        images: ImagesConfig,
        /// Only lots first seen since the start of this `audit.runs` row.
        #[arg(long)]
        since_run: Option<i64>,
    },
    /// Delete the photos of suppressed VINs whose purge is still pending, now (the
    /// `photo_purge` job does it on its schedule, after a back-off when the store failed).
    Purge {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        storage: StorageConfig,
    },
    /// The job against the simulated photo API: requests/s against the configured rate,
    /// images/hour, then (with --fail-rate) completion under transient failures. Use a scratch
    /// database: a generated export is ingested into it.
    Bench {
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

#[derive(Debug, Subcommand)]
enum EtlCommand {
    /// Fetch the export (conditional GET), ingest it, infer outcomes, archive it: once.
    Run {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        source: SourceConfig,
    },
    /// Validate and ingest one export file (skipped if the same file was ingested before).
    Ingest {
        #[command(flatten)]
        db: DbConfig,
        /// The Copart sales-data CSV.
        file: PathBuf,
        /// Recorded in raw.files.source (default: `file:<name>`).
        #[arg(long)]
        source: Option<String>,
        #[command(flatten)]
        limits: EtlLimits,
    },
    /// Generate N rows, ingest them, then a "15 minutes later" export; print timings and RSS.
    Bench {
        #[command(flatten)]
        db: DbConfig,
        #[arg(long, default_value_t = 150_000)]
        rows: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!(error = %e, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "command failed");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Option<Command>) -> anyhow::Result<()> {
    let command = match command {
        Some(c) => c,
        // `cargo leptos watch/serve` start the binary without arguments.
        None => Cli::parse_from(["vinops-server", "serve"])
            .command
            .context("parsing default serve command")?,
    };
    match command {
        Command::Serve(settings) => {
            App::build(settings)
                .await?
                .run_until(http::shutdown_signal())
                .await
        }
        Command::Suppress {
            db,
            storage,
            vin,
            reason,
        } => crate::suppress::cli(&db, &vin, Some((&reason, &storage))).await,
        Command::Unsuppress { db, vin } => crate::suppress::cli(&db, &vin, None).await,
        Command::Migrate { db } => {
            db::migrate(&db.database_url).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Demo {
            db,
            rows,
            seed,
            bad_rate,
            photos,
            storage,
        } => {
            db::migrate(&db.database_url).await?;
            let pool = db::etl_pool(&db).await?;
            let report = demo::load(&pool, seed, rows, bad_rate).await?;
            if photos > 0 {
                let store = Storage::from_config(&storage)?;
                match images::demo::load(&pool, &store, photos, seed).await? {
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
                    "demo data loaded"
                );
            }
            Ok(())
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
        Command::Etl { command } => run_etl(command).await,
        Command::Images { command } => run_images(command).await,
        Command::BenchRead {
            db,
            cache,
            iterations,
        } => {
            let pool = db::web_pool(&db)?;
            let versions = DatasetVersion::from_db(pool.clone(), cache.version_refresh());
            let cache = Cache::connect(&cache, Some(versions)).context("configuring the cache")?;
            crate::read_bench::run(&pool, &cache, iterations.max(1)).await
        }
    }
}

async fn run_images(command: ImagesCommand) -> anyhow::Result<()> {
    match command {
        ImagesCommand::Backfill {
            db,
            storage,
            images,
            since_run,
        } => {
            let pool = db::etl_pool(&db).await?;
            let store = Storage::from_config(&storage)?;
            let selection = since_run.map_or(Selection::All, Selection::NewSinceRun);
            let report = images::run(&pool, &store, &images.options(selection)).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            anyhow::ensure!(
                report.status != etl::RunStatus::Failed,
                "images run failed: {}",
                report.error.as_deref().unwrap_or("")
            );
            Ok(())
        }
        ImagesCommand::Purge { db, storage } => {
            let pool = db::etl_pool(&db).await?;
            let store = Storage::from_config(&storage)?;
            let run = images::purge::run_due(&pool, &store, true).await?;
            println!("{}", serde_json::to_string_pretty(&run)?);
            anyhow::ensure!(
                run.failed == 0,
                "{} photo purge(s) still pending: {}",
                run.failed,
                run.first_error.as_deref().unwrap_or("")
            );
            Ok(())
        }
        ImagesCommand::Bench {
            db,
            storage,
            images,
            lots,
            seed,
            seconds,
            fail_rate,
            fault_lots,
        } => {
            db::migrate(&db.database_url).await?;
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
            let opts = images::bench::BenchOptions {
                lots,
                seed,
                seconds,
                fail_rate,
                fault_lots,
                images: images.options(Selection::All),
            };
            let result = images::bench::run(&pool, &store, &opts).await;
            let _ = std::fs::remove_dir_all(&scratch);
            result
        }
    }
}

async fn run_etl(command: EtlCommand) -> anyhow::Result<()> {
    match command {
        EtlCommand::Ingest {
            db,
            file,
            source,
            limits,
        } => {
            let pool = db::etl_pool(&db).await?;
            let source = source.unwrap_or_else(|| {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                format!("file:{}", name.unwrap_or_default())
            });
            let report = etl::ingest_file_with(&pool, &file, &source, &limits).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            anyhow::ensure!(
                report.status != etl::RunStatus::Failed,
                "file rejected: {}",
                report.reason.as_deref().unwrap_or("")
            );
            Ok(())
        }
        EtlCommand::Run { db, source } => {
            anyhow::ensure!(!source.csv_url.is_empty(), "COPART_CSV_URL is not set");
            let pool = db::etl_pool(&db).await?;
            let pipeline = etl::pipeline::Pipeline::from_source(&source);
            let report = etl::pipeline::run_once(&pool, &reqwest::Client::new(), &pipeline).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            anyhow::ensure!(
                report.status != etl::RunStatus::Failed,
                "run failed: {}",
                report.reason.as_deref().unwrap_or("")
            );
            Ok(())
        }
        EtlCommand::Bench { db, rows, seed } => {
            db::migrate(&db.database_url).await?;
            let pool = db::etl_pool(&db).await?;
            etl::bench::run(&pool, rows, seed).await
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
                    _ = timer.tick() => {
                        let state = handle.state.clone();
                        let advanced =
                            tokio::task::spawn_blocking(move || simulator::lock(&state).sim.advance())
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
                    }
                }
            }
        }
    }
    handle.shutdown().await?;
    tracing::info!("stopped");
    Ok(())
}
