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

pub mod history;
pub mod photos;
mod purge;

pub use purge::{PurgeReport, purge};

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use vinops::generator::{GenConfig, GeneratedLot, Generator, export_writer, write_export};
use vinops::header::HEADER;

use server::etl::{RunReport, RunStatus, ingest_demo_file, ingest_file};

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
    /// Lots of the earlier export loaded before it (a demo's past, see [`history`]; 0 for an
    /// export loaded as Copart's).
    pub earlier: usize,
    /// Of the demo's rows, those that relist an earlier lot's vehicle.
    pub relisted: usize,
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

/// Loads a generated export of `rows` rows (generator `seed`, a share `bad_row_rate` broken);
/// as demo data, after the earlier export that gives it a past ([`history`]).
pub async fn load_with(
    pool: &PgPool,
    (seed, rows, bad_row_rate): (u64, usize, f64),
    load_as: LoadAs,
) -> anyhow::Result<DemoReport> {
    let mut cfg = GenConfig::new(seed, rows);
    cfg.bad_row_rate = bad_row_rate;
    let source = format!("demo:seed={seed},rows={rows}");
    if load_as == LoadAs::Export {
        let path = scratch_csv();
        let file =
            std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        write_export(&cfg, std::io::BufWriter::new(file)).context("generating the export")?;
        let report = ingest_file(pool, &path, &source).await;
        let _ = std::fs::remove_file(&path);
        return summarize(report?, 0, 0);
    }
    cfg = cfg.with_image_api_base(DEMO_PHOTO_BASE);
    cfg.export_time = demo_export_time(Utc::now());
    // The past goes only into an empty database: an export older than what is loaded would
    // tell the ETL that every lot it does not list has left (real lots, or yesterday's demo),
    // and the next file that they came back. A demo loaded again on a later day is just that
    // day's export.
    let empty = sqlx::query_scalar!(r#"SELECT NOT EXISTS (SELECT 1 FROM lots) AS "empty!""#)
        .fetch_one(pool)
        .await
        .context("is the database empty?")?;
    let (earlier_path, path) = (scratch_csv(), scratch_csv());
    let loaded = load_demo_files(pool, &cfg, empty, (&earlier_path, &path), &source).await;
    let _ = std::fs::remove_file(&earlier_path);
    let _ = std::fs::remove_file(&path);
    let (report, earlier, relisted) = loaded?;
    summarize(report, earlier, relisted)
}

/// Writes the demo's files and loads them: the earlier export first when the database is
/// `empty`, then the demo's own; its report, with how many earlier and relisted lots it has.
async fn load_demo_files(
    pool: &PgPool,
    cfg: &GenConfig,
    empty: bool,
    (earlier_path, path): (&std::path::Path, &std::path::Path),
    source: &str,
) -> anyhow::Result<(RunReport, usize, usize)> {
    let (earlier, relisted) = write_demo(cfg, empty.then_some(earlier_path), path)?;
    if earlier > 0 {
        let before = ingest_demo_file(pool, earlier_path, &format!("{source},earlier")).await?;
        anyhow::ensure!(
            before.status == RunStatus::Succeeded,
            "the demo's earlier export was not loaded: {}",
            before.reason.as_deref().unwrap_or("unknown reason")
        );
    }
    let report = ingest_demo_file(pool, path, source).await?;
    Ok((report, earlier, relisted))
}

fn scratch_csv() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("vinops-demo-{}.csv", uuid::Uuid::new_v4().simple()))
}

/// Writes the demo's export (its rows, then the relists) to `path` and, given a path for it,
/// the earlier export; returns how many lots each part of the history has (no earlier lots
/// without the path).
fn write_demo(
    cfg: &GenConfig,
    earlier_path: Option<&std::path::Path>,
    path: &std::path::Path,
) -> anyhow::Result<(usize, usize)> {
    let create = |p: &std::path::Path| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .with_context(|| format!("creating {}", p.display()))
    };
    let mut out = export_writer(create(path)?);
    out.write_record(HEADER)?;
    let mut generator = Generator::new(cfg.clone());
    let mut taken = history::Taken::default();
    let mut lot = GeneratedLot::default();
    for _ in 0..cfg.rows {
        generator.fill_next(&mut lot);
        lot.write_to(&mut out)?;
        taken.add(&lot);
    }
    // The relists are in the demo's export either way, so that the same day's demo is the same
    // file (and a second load a no-op) whether or not the earlier one is loaded with it.
    let past = history::draw(cfg, &taken);
    for again in &past.relisted {
        again.write_to(&mut out)?;
    }
    out.flush().context("writing the demo export")?;
    let Some(earlier_path) = earlier_path else {
        return Ok((0, past.relisted.len()));
    };
    let mut before = export_writer(create(earlier_path)?);
    before.write_record(HEADER)?;
    for lot in &past.earlier {
        lot.write_to(&mut before)?;
    }
    before.flush().context("writing the earlier export")?;
    Ok((past.earlier.len(), past.relisted.len()))
}

fn summarize(report: RunReport, earlier: usize, relisted: usize) -> anyhow::Result<DemoReport> {
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    match report.status {
        RunStatus::Succeeded => Ok(DemoReport {
            run_id: report.run_id,
            rows: count(report.rows_total),
            loaded: count(report.rows_valid),
            invalid: count(report.rows_invalid),
            earlier,
            relisted,
            already_loaded: false,
        }),
        RunStatus::Skipped if report.file_id.is_some() => Ok(DemoReport {
            run_id: report.run_id,
            rows: 0,
            loaded: 0,
            invalid: 0,
            earlier: 0,
            relisted: 0,
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
