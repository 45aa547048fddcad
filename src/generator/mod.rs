//! The deterministic demo and benchmark data generator: Copart-shaped sales-data exports of any
//! size, with the real file's columns, formats and value distributions (measured on a
//! real ~150k-row export), and optionally a share of rows broken the way production rows are.
//!
//! Same seed and row count give byte-identical output on every platform and with every crate
//! version: the generator has its own PRNG (`rng.rs`), never formats floats, and never asks the
//! clock — the export time is part of [`GenConfig`].
//!
//! [`Generator`] hands out rows one at a time and keeps lot numbers unique; [`GeneratedLot`] keeps
//! the 59 fields mutable so a simulator can move an export forward (bids, statuses, sale dates,
//! relisted VINs). [`write_export`] writes a whole file.

// The data tables keep one model (or yard) per line; rustfmt would spread each over ten.
#[rustfmt::skip]
mod cars;
#[rustfmt::skip]
mod cars_more;
mod broken;
mod catalog;
mod extras;
mod kinds;
mod lot;
mod model;
mod record;
mod rng;
mod schedule;
#[rustfmt::skip]
mod special;
mod text;
mod values;
mod vin;
mod vocabulary;
mod yards;
mod zones;

#[cfg(test)]
mod tests;

use std::io;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

pub use catalog::VEHICLE_TYPES;
pub use kinds::Fuel;
pub use lot::{BadKind, GeneratedLot, Sale};
pub use vocabulary::vocabulary;
pub use yards::{YARDS, Yard, ZONE_SHARES};
pub use zones::{Zone, ZoneGroup, dst_bounds, weekday_name};

use crate::header::HEADER;
use catalog::Catalog;
use rng::Permutation;
pub use rng::Rng;
use yards::YardPicker;

/// Lot numbers are drawn from `LOT_NUMBER_BASE .. LOT_NUMBER_BASE + LOT_NUMBER_SPAN` (8 digits).
pub const LOT_NUMBER_BASE: u32 = 40_000_000;
pub const LOT_NUMBER_SPAN: u32 = 60_000_000;

/// Copart's photo API host, as the real export writes it (plain http; it redirects to https).
pub const DEFAULT_IMAGE_API_BASE: &str = "http://inventoryv2.copart.io";

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct GenConfig {
    pub seed: u64,
    pub rows: usize,
    /// The moment the export is taken: sale dates lie after it, creation and update times before.
    pub export_time: DateTime<Utc>,
    /// Share of rows (0.0–1.0) made broken on purpose; 0.0 gives none.
    pub bad_row_rate: f64,
    /// Scheme and host of the photo API in each row's `Image URL` (Copart's by default; the
    /// simulator's, `http://127.0.0.1:9300`, to fetch the photos locally).
    pub image_api_base: String,
}

impl GenConfig {
    /// `rows` rows from `seed`, exported at [`GenConfig::default_export_time`], no broken rows.
    pub fn new(seed: u64, rows: usize) -> Self {
        Self {
            seed,
            rows,
            export_time: Self::default_export_time(),
            bad_row_rate: 0.0,
            image_api_base: DEFAULT_IMAGE_API_BASE.to_owned(),
        }
    }

    /// Rows whose `Image URL` points at the photo API at `base` (scheme and host, no path).
    pub fn with_image_api_base(mut self, base: &str) -> Self {
        self.image_api_base = base.trim_end_matches('/').to_owned();
        self
    }

    /// 2025-10-15T04:04:00Z, the time of the real export the distributions were measured on.
    pub fn default_export_time() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 10, 15, 4, 4, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    pub fn with_bad_row_rate(mut self, rate: f64) -> Self {
        self.bad_row_rate = rate;
        self
    }
}

/// What [`write_export`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GenStats {
    /// Data rows (without the header).
    pub rows: usize,
    /// Rows broken on purpose.
    pub bad_rows: usize,
    /// Bytes written, header included.
    pub bytes: u64,
}

/// Hands out generated lots one at a time.
#[derive(Debug, Clone)]
pub struct Generator {
    cfg: GenConfig,
    rng: Rng,
    bad_rng: Rng,
    catalog: Catalog,
    yards: YardPicker,
    tables: record::ValueTables,
    lot_numbers: Permutation,
    /// How many lot numbers were handed out.
    lots_issued: u32,
    /// The `Id` of the next row.
    next_id: u64,
}

impl Generator {
    pub fn new(cfg: GenConfig) -> Self {
        Self {
            rng: Rng::new(cfg.seed, 0),
            bad_rng: Rng::new(cfg.seed, 1),
            catalog: Catalog::new(),
            yards: YardPicker::new(),
            tables: record::ValueTables::new(),
            lot_numbers: Permutation::new(cfg.seed, LOT_NUMBER_SPAN),
            lots_issued: 0,
            next_id: 1,
            cfg,
        }
    }

    pub fn config(&self) -> &GenConfig {
        &self.cfg
    }

    /// Moves the generator's clock (for simulating later exports): new lots are created before
    /// and scheduled after this time.
    pub fn set_export_time(&mut self, t: DateTime<Utc>) {
        self.cfg.export_time = t;
    }

    /// The next row, with a fresh lot number and the next `Id`.
    pub fn next_lot(&mut self) -> GeneratedLot {
        let mut lot = GeneratedLot::default();
        self.fill_next(&mut lot);
        lot
    }

    /// Like [`Generator::next_lot`] but overwrites `lot` in place, reusing its buffers (the fast
    /// path for large exports).
    pub fn fill_next(&mut self, lot: &mut GeneratedLot) {
        let id = self.next_id;
        self.next_id += 1;
        self.fill(lot, id);
    }

    /// A lot number never handed out before by this generator.
    ///
    /// # Panics
    /// After 60 million lot numbers, when the 8-digit range is used up.
    pub fn next_lot_number(&mut self) -> u32 {
        assert!(
            self.lots_issued < self.lot_numbers.size(),
            "lot number range exhausted"
        );
        let n = LOT_NUMBER_BASE + self.lot_numbers.permute(self.lots_issued);
        self.lots_issued += 1;
        n
    }

    /// The same vehicle offered again under a new lot number (what happens when a lot does not
    /// sell): new lot number, creation and update times at the current export time, no bid, not
    /// yet scheduled, status Pure Sale or On Minimum Bid.
    pub fn relist(&mut self, lot: &GeneratedLot) -> GeneratedLot {
        let mut again = lot.clone();
        let id = self.next_id;
        self.next_id += 1;
        again.set_id(id);
        let number = self.next_lot_number();
        again.set_lot_number_at(number, &self.cfg.image_api_base);
        self.refresh_relisted(&mut again);
        again
    }

    /// Picks a sale slot at the lot's yard after the current export time (the yard's usual
    /// sale day most of the time).
    pub fn sale_slot(&mut self, yard: &Yard) -> Sale {
        self.draw_sale(yard)
    }

    /// The local sale date a lot would get if it were scheduled now, as a convenience for
    /// simulators: the yard's next usual sale day.
    pub fn next_usual_sale_date(&self, yard: &Yard) -> NaiveDate {
        schedule::next_usual_sale_date(yard, self.cfg.export_time)
    }
}

/// A csv writer set up like Copart's file: comma separated, `\n` line ends, quotes only where a
/// field needs them.
pub fn export_writer<W: io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .buffer_capacity(1 << 18)
        .from_writer(out)
}

/// Writes the header and `cfg.rows` generated rows.
pub fn write_export<W: io::Write>(cfg: &GenConfig, out: W) -> io::Result<GenStats> {
    let mut counter = CountingWriter {
        inner: out,
        bytes: 0,
    };
    let mut stats = GenStats::default();
    {
        let mut writer = export_writer(&mut counter);
        writer.write_record(HEADER)?;
        let mut generator = Generator::new(cfg.clone());
        let mut lot = GeneratedLot::default();
        for _ in 0..cfg.rows {
            generator.fill_next(&mut lot);
            lot.write_to(&mut writer)?;
            stats.rows += 1;
            stats.bad_rows += usize::from(lot.bad.is_some());
        }
        writer.flush()?;
    }
    stats.bytes = counter.bytes;
    Ok(stats)
}

/// Counts what passes through to the inner writer.
struct CountingWriter<W> {
    inner: W,
    bytes: u64,
}

impl<W: io::Write> io::Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
