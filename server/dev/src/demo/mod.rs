//! `vinops-dev demo`: loads a generated Copart-format export so the site has content.
//!
//! The export goes through the real ETL (`etl::ingest_file`): validated, registered by sha256
//! (loading the same demo twice is a no-op), COPY'd into staging, upserted set-based, with a run
//! row and per-column row errors. The demo only chooses the data.

pub mod photos;

use anyhow::Context;
use sqlx::PgPool;
use vinops::generator::{GenConfig, write_export};

use server::etl::{RunStatus, ingest_file};

/// What a demo load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub run_id: i64,
    pub rows: usize,
    pub loaded: usize,
    pub invalid: usize,
    /// The same export was loaded before; nothing was written.
    pub already_loaded: bool,
}

pub async fn load(
    pool: &PgPool,
    seed: u64,
    rows: usize,
    bad_row_rate: f64,
) -> anyhow::Result<DemoReport> {
    let mut cfg = GenConfig::new(seed, rows);
    cfg.bad_row_rate = bad_row_rate;
    let path =
        std::env::temp_dir().join(format!("vinops-demo-{}.csv", uuid::Uuid::new_v4().simple()));
    let file =
        std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    write_export(&cfg, std::io::BufWriter::new(file)).context("generating the demo export")?;
    let report = ingest_file(pool, &path, &format!("demo:seed={seed},rows={rows}")).await;
    let _ = std::fs::remove_file(&path);
    let report = report?;
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    match report.status {
        RunStatus::Succeeded => Ok(DemoReport {
            run_id: report.run_id,
            rows: count(report.rows_total),
            loaded: count(report.rows_valid),
            invalid: count(report.rows_invalid),
            already_loaded: false,
        }),
        RunStatus::Skipped if report.file_id.is_some() => Ok(DemoReport {
            run_id: report.run_id,
            rows: 0,
            loaded: 0,
            invalid: 0,
            already_loaded: true,
        }),
        _ => anyhow::bail!(
            "demo export not loaded: {}",
            report.reason.as_deref().unwrap_or("unknown reason")
        ),
    }
}
