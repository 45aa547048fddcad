//! Command line of the production binary: `serve`, `migrate`, `etl ingest|run`,
//! `images backfill|purge`, `suppress`, `unsuppress`, `suppressions replay` (demo data, the simulator and the
//! benchmarks are `vinops-dev`'s). Each command returns an `anyhow::Result`;
//! `main` turns a failure into one log line with its cause chain and exit code 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{DbConfig, EtlLimits, LogFormat, SourceConfig};
use crate::db::MigrateConfig;
use crate::images::{self, ImagesConfig, Selection};
use crate::startup::{App, Settings};
use crate::storage::{Storage, StorageConfig};
use crate::suppress::RemovalSettings;
use crate::{db, etl, http, telemetry};

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
        settings: RemovalSettings,
        vin: String,
        /// Why (kept in `suppressions` and `suppression_events`).
        #[arg(long)]
        reason: String,
    },
    /// Lift a suppression: the VIN's pages come back, and the images job fetches its lots'
    /// photos again (while Copart still lists them).
    Unsuppress {
        #[command(flatten)]
        settings: RemovalSettings,
        vin: String,
    },
    /// The suppression journal (every removal, kept in the archive store outside the database).
    Suppressions {
        #[command(subcommand)]
        command: SuppressionsCommand,
    },
    /// Apply pending database migrations.
    Migrate {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        migrate: MigrateConfig,
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
}

#[derive(Debug, Subcommand)]
enum SuppressionsCommand {
    /// After a restore: apply again every suppress and unsuppress the journal holds that is
    /// newer than what the database knows for its VIN, so a restored backup never brings a
    /// removed VIN back. Prints what it re-applied as JSON; running it twice changes nothing.
    Replay {
        #[command(flatten)]
        settings: RemovalSettings,
    },
}

// Parsed once and matched once, like `Command`: the size of `Backfill` costs nothing.
#[allow(clippy::large_enum_variant)]
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
}

// Parsed once and matched once, like `Command`: the size of `Run` costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum EtlCommand {
    /// Fetch the export (conditional GET), ingest it, infer outcomes, archive it: once.
    Run {
        #[command(flatten)]
        db: DbConfig,
        #[command(flatten)]
        source: SourceConfig,
        /// The S3 endpoint and credentials an archive bucket (`ARCHIVE_S3_BUCKET`) uses.
        #[command(flatten)]
        storage: StorageConfig,
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
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    execute(cli.log_format, run(cli.command))
}

/// Runs one command the way every Vinops binary does (`vinops-server`, `vinops-dev`): logging
/// in `log_format`, a multi-threaded runtime, and a failure turned into one log line with its
/// cause chain and exit code 1.
pub fn execute(
    log_format: LogFormat,
    command: impl Future<Output = anyhow::Result<()>>,
) -> ExitCode {
    telemetry::init(log_format);
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
    match runtime.block_on(command) {
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
            settings,
            vin,
            reason,
        } => crate::suppress::cli(&settings, &vin, Some(&reason)).await,
        Command::Unsuppress { settings, vin } => crate::suppress::cli(&settings, &vin, None).await,
        Command::Suppressions {
            command: SuppressionsCommand::Replay { settings },
        } => crate::suppress::replay_cli(&settings).await,
        Command::Migrate { db, migrate } => {
            db::migrate(&db.database_url, &migrate).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Etl { command } => run_etl(command).await,
        Command::Images { command } => run_images(command).await,
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
        EtlCommand::Run {
            db,
            source,
            storage,
        } => {
            anyhow::ensure!(!source.csv_url.is_empty(), "COPART_CSV_URL is not set");
            let pool = db::etl_pool(&db).await?;
            let archive = crate::archive::Archive::from_config(&source, &storage)?;
            let pipeline = etl::pipeline::Pipeline::from_source(&source, archive);
            let report = etl::pipeline::run_once(&pool, &reqwest::Client::new(), &pipeline).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            anyhow::ensure!(
                report.status != etl::RunStatus::Failed,
                "run failed: {}",
                report.reason.as_deref().unwrap_or("")
            );
            Ok(())
        }
    }
}
