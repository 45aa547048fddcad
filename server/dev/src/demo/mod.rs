//! `vinops-dev demo`: loads a generated Copart-format export so the site has content, and
//! `vinops-dev demo purge` takes it away again.
//!
//! The export goes through the real ETL: validated, registered by sha256 (loading the same demo
//! twice is a no-op), COPY'd into staging, upserted set-based, with a run row and per-column row
//! errors. The demo only chooses the data — and says it is demo data ([`load`]): the run is job
//! `demo`, its lots are recorded in `demo_lots`, their `Image URL`s name a host that cannot
//! exist ([`DEMO_PHOTO_BASE`], so nothing ever asks Copart for a made-up lot), the site shows a
//! banner and leaves them out of the sitemaps. [`load_as_export`] loads the same data as if it
//! were Copart's, for the tests of the production site (end-to-end, audits, integration tests).

pub mod photos;
mod purge;

pub use purge::{PurgeReport, purge};

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use vinops::generator::{GenConfig, write_export};

use server::etl::{RunStatus, ingest_demo_file, ingest_file};

/// Where demo lots' photo URLs point: `.invalid` is reserved (RFC 2606) and never resolves, so
/// a demo lot's photos can only come from the simulator the demo's photo step starts.
pub const DEMO_PHOTO_BASE: &str = "https://demo-photos.invalid";

/// When a demo export is taken: today (UTC) at the real export's time of day. A demo around the
/// generator's fixed date would show auctions long past as coming and leave "this week" empty;
/// a whole day rather than the current minute keeps a second load on the same day a no-op (same
/// bytes, same sha256). Exports loaded as Copart's keep the fixed date: the tests of the
/// production site compare against data that must not move with the calendar.
pub fn demo_export_time(now: DateTime<Utc>) -> DateTime<Utc> {
    let time_of_day = GenConfig::default_export_time().time();
    now.date_naive().and_time(time_of_day).and_utc()
}

/// How a generated export is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadAs {
    /// Marked as demo data (the `demo` command).
    Demo,
    /// As if Copart had sent it (tests of the production site).
    Export,
}

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

/// Loads a generated export as demo data.
pub async fn load(
    pool: &PgPool,
    seed: u64,
    rows: usize,
    bad_row_rate: f64,
) -> anyhow::Result<DemoReport> {
    load_with(pool, (seed, rows, bad_row_rate), LoadAs::Demo).await
}

/// Loads a generated export as if it were Copart's: not marked, Copart's photo URLs.
pub async fn load_as_export(
    pool: &PgPool,
    seed: u64,
    rows: usize,
    bad_row_rate: f64,
) -> anyhow::Result<DemoReport> {
    load_with(pool, (seed, rows, bad_row_rate), LoadAs::Export).await
}

/// Loads a generated export of `rows` rows (generator `seed`, a share `bad_row_rate` broken).
pub async fn load_with(
    pool: &PgPool,
    (seed, rows, bad_row_rate): (u64, usize, f64),
    load_as: LoadAs,
) -> anyhow::Result<DemoReport> {
    let mut cfg = GenConfig::new(seed, rows);
    cfg.bad_row_rate = bad_row_rate;
    if load_as == LoadAs::Demo {
        cfg = cfg.with_image_api_base(DEMO_PHOTO_BASE);
        cfg.export_time = demo_export_time(Utc::now());
    }
    let path =
        std::env::temp_dir().join(format!("vinops-demo-{}.csv", uuid::Uuid::new_v4().simple()));
    let file =
        std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    write_export(&cfg, std::io::BufWriter::new(file)).context("generating the demo export")?;
    let source = format!("demo:seed={seed},rows={rows}");
    let report = match load_as {
        LoadAs::Demo => ingest_demo_file(pool, &path, &source).await,
        LoadAs::Export => ingest_file(pool, &path, &source).await,
    };
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_demo_is_taken_today_at_the_real_exports_time_of_day() {
        let at = |h, m| {
            Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0)
                .single()
                .expect("valid")
        };
        assert_eq!(demo_export_time(at(22, 10)), at(4, 4));
        assert_eq!(demo_export_time(at(0, 1)), at(4, 4), "one export per day");
        let next_day = Utc
            .with_ymd_and_hms(2026, 12, 8, 0, 1, 0)
            .single()
            .expect("valid");
        assert_ne!(demo_export_time(next_day), at(4, 4));
    }
}
