//! `vinops-dev bench etl`: the ETL's speed and memory on a generated export.
//!
//! Generates N rows to a temp file and ingests it into the configured database, then a
//! "15 minutes later" export (the same lots, ~3% with a new high bid and `Last Updated Time`),
//! and prints rows/s per step, total seconds and the process's peak RSS (`VmHWM`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::Duration;
use sqlx::PgPool;
use vinops::generator::{GenConfig, GeneratedLot, Generator, export_writer};
use vinops::header::HEADER;

use server::etl::{RunReport, ingest_file};

/// Writes `cfg.rows` generated rows; every `change_every`-th lot (when non-zero) gets its high
/// bid raised by $100 and its `Last Updated Time` moved `minutes_later` past the export time.
/// Returns how many lots were changed.
pub fn write_export_variant(
    cfg: &GenConfig,
    path: &Path,
    change_every: usize,
    minutes_later: i64,
) -> anyhow::Result<usize> {
    let file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = BufWriter::new(file);
    let mut changed = 0;
    {
        let mut writer = export_writer(&mut out);
        writer.write_record(HEADER)?;
        let mut generator = Generator::new(cfg.clone());
        let mut lot = GeneratedLot::default();
        let later = cfg.export_time + Duration::minutes(minutes_later);
        for i in 0..cfg.rows {
            generator.fill_next(&mut lot);
            if change_every > 0 && i % change_every == 0 && lot.bad.is_none() {
                let bid = lot.high_bid();
                lot.set_high_bid(bid + 100);
                lot.set_last_updated(later);
                changed += 1;
            }
            lot.write_to(&mut writer)?;
        }
        writer.flush()?;
    }
    out.flush()?;
    Ok(changed)
}

/// Peak resident set size of this process in MB, from `/proc/self/status` (Linux only).
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn temp_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "vinops-bench-{}-{tag}.csv",
        uuid::Uuid::new_v4().simple()
    ))
}

fn per_sec(rows: u64, ms: u64) -> String {
    if ms == 0 {
        return "-".into();
    }
    format!("{:.0}", rows as f64 * 1000.0 / ms as f64)
}

fn print_report(label: &str, r: &RunReport) {
    let s = r.step_ms;
    println!(
        "{label}: {:?} rows={} invalid={} staged={} inserted={} updated={} unchanged={} total={:.2}s",
        r.status,
        r.rows_total,
        r.rows_invalid,
        r.staged,
        r.inserted,
        r.updated,
        r.unchanged,
        r.total_ms as f64 / 1000.0
    );
    for (step, ms) in s.named() {
        println!(
            "  {step:<10} {ms:>6} ms  {:>9} rows/s",
            per_sec(r.rows_total, ms)
        );
    }
}

/// Runs the benchmark against `pool` (use an empty database for the "empty DB" figure).
pub async fn run(pool: &PgPool, rows: usize, seed: u64) -> anyhow::Result<()> {
    let cfg = GenConfig::new(seed, rows);
    let first = temp_path("t0");
    let later = temp_path("t15");
    let (c1, p1, p2) = (cfg.clone(), first.clone(), later.clone());
    let changed = tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
        write_export_variant(&c1, &p1, 0, 0)?;
        write_export_variant(&c1, &p2, 33, 15)
    })
    .await??;
    println!("generated {rows} rows ({changed} changed in the later export)");
    let result = async {
        let r1 = ingest_file(pool, &first, "bench").await?;
        print_report("export", &r1);
        let r2 = ingest_file(pool, &later, "bench").await?;
        print_report("15 minutes later", &r2);
        anyhow::Ok(())
    }
    .await;
    std::fs::remove_file(&first).ok();
    std::fs::remove_file(&later).ok();
    result?;
    match peak_rss_mb() {
        Some(mb) => println!("peak RSS: {mb:.0} MB"),
        None => println!("peak RSS: unknown (no /proc/self/status)"),
    }
    Ok(())
}
