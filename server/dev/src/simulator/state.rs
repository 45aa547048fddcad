//! The simulated export and how it moves between versions: [`Simulator`] owns a [`Generator`],
//! the current lots and the clock, and [`Simulator::advance`] turns version n into n+1 the way
//! Copart's file changes between its ~15-minute refreshes: some lots change (bid, status,
//! sale date, `Last Updated Time`), lots whose auction has passed leave (mostly sold; some come
//! back later under a new lot number, some stay unsold and are rescheduled), new lots arrive.
//!
//! What happened is kept as ground truth ([`Changes`]) so tests can check that an ETL diffing
//! two exports finds exactly these lots. Determinism: every decision comes from the seed (this
//! simulator's own stream of the generator's PRNG), never from the wall clock or hash order.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use vinops::generator::{GenConfig, GeneratedLot, Generator, Rng};
use vinops::header::Col;
use vinops::sale_time::{SaleDate, SaleTime, YardTimeZone, auction_instant};

use super::export::Export;

/// Time between two exports (Copart refreshes the file about every 15 minutes).
pub const STEP_MINUTES: i64 = 15;

/// The simulator draws from its own stream of the generator's PRNG, so what happens between
/// exports never disturbs the data the generator makes from the same seed.
const SIM_STREAM: u64 = 0x5EED_5111_0C0F_FEE5;

/// Of the lots whose auction has passed, per 100: sold and gone for good …
const SOLD_PER_100: u64 = 70;
/// … not sold, gone, and relisted later under a new lot number; the rest stay, rescheduled.
const RELIST_PER_100: u64 = 20;
/// A relist shows up 0–3 exports after the lot left (0: in the same export, the case a diff of
/// two consecutive files sees; later ones need a VIN history to be noticed).
const RELIST_MAX_DELAY: u64 = 3;
/// Lots changed per export, per 10,000 lots (~3%).
const CHANGED_PER_10K: usize = 300;
/// New lots per export, per 10,000 lots of the configured size: at most ~1% (see
/// [`Simulator::new_lot_count`]).
const NEW_PER_10K: usize = 100;

const STATUSES: [&str; 3] = ["Pure Sale", "On Minimum Bid", "On Approval"];

/// What to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    pub seed: u64,
    /// Rows of the first export.
    pub rows: usize,
    /// Share of deliberately broken rows (see `GenConfig::bad_row_rate`).
    pub bad_row_rate: f64,
    /// The token the tokenized URL must carry (`authKey=`).
    pub auth_key: String,
    /// The clock of the first export.
    pub start: DateTime<Utc>,
    /// Scheme and host in the rows' `Image URL` (`None`: Copart's).
    pub image_api_base: Option<String>,
    /// Point the rows' `Image URL` at this simulator's own photo API (set by `spawn`).
    pub photos_here: bool,
    /// Which lots have photos, and the photo API's faults.
    pub photos: super::PhotoConfig,
}

impl SimConfig {
    /// `rows` lots from `seed`, key `demo-token`, starting at a fixed export time (the generator's default).
    pub fn new(seed: u64, rows: usize) -> Self {
        Self {
            seed,
            rows,
            bad_row_rate: 0.0,
            auth_key: "demo-token".to_owned(),
            start: GenConfig::default_export_time(),
            image_api_base: None,
            photos_here: false,
            photos: super::PhotoConfig {
                seed,
                ..super::PhotoConfig::default()
            },
        }
    }
}

/// Counts of one advance (what the JSON control endpoint returns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdvanceReport {
    /// The version the advance produced.
    pub version: u64,
    pub clock: DateTime<Utc>,
    /// Rows in the new export.
    pub rows: usize,
    pub changed: usize,
    pub disappeared: usize,
    pub appeared: usize,
    pub relisted: usize,
}

/// A VIN offered again under a new lot number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relist {
    pub vin: String,
    /// The lot that left unsold (in some earlier export).
    pub previous_lot: u32,
    /// The new lot, present from this export on.
    pub lot: u32,
}

/// The lot numbers behind an [`AdvanceReport`]. New lot numbers in the export are exactly
/// `appeared` ∪ `relisted[].lot`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// In both exports, with some column other than `Id` different.
    pub changed: Vec<u32>,
    /// In the previous export, not in this one.
    pub disappeared: Vec<u32>,
    /// Ground truth the export does not carry: the part of `disappeared` that was sold.
    pub sold: Vec<u32>,
    /// New lots of vehicles not seen before.
    pub appeared: Vec<u32>,
    pub relisted: Vec<Relist>,
}

/// A lot that left unsold and will come back.
#[derive(Debug, Clone)]
struct PendingRelist {
    due_version: u64,
    lot: GeneratedLot,
}

/// The simulated export (see the module doc).
#[derive(Debug)]
pub struct Simulator {
    generator: Generator,
    rng: Rng,
    /// The configured size (`SimConfig::rows`), which new arrivals keep the file near.
    target_rows: usize,
    lots: Vec<GeneratedLot>,
    pending: Vec<PendingRelist>,
    version: u64,
    clock: DateTime<Utc>,
    changes: Changes,
    report: Option<AdvanceReport>,
    export: Arc<Export>,
}

impl Simulator {
    /// Generates the first export (version 0) at `cfg.start`.
    pub fn new(cfg: &SimConfig) -> anyhow::Result<Self> {
        let mut gen_cfg = GenConfig {
            export_time: cfg.start,
            bad_row_rate: cfg.bad_row_rate,
            ..GenConfig::new(cfg.seed, cfg.rows)
        };
        if let Some(base) = &cfg.image_api_base {
            gen_cfg = gen_cfg.with_image_api_base(base);
        }
        let mut generator = Generator::new(gen_cfg);
        let lots: Vec<GeneratedLot> = (0..cfg.rows).map(|_| generator.next_lot()).collect();
        let export = Arc::new(Export::render(&lots, 0, cfg.start)?);
        Ok(Self {
            generator,
            rng: Rng::new(cfg.seed, SIM_STREAM),
            target_rows: cfg.rows,
            lots,
            pending: Vec::new(),
            version: 0,
            clock: cfg.start,
            changes: Changes::default(),
            report: None,
            export,
        })
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn clock(&self) -> DateTime<Utc> {
        self.clock
    }

    /// The current export, rendered once per version.
    pub fn export(&self) -> Arc<Export> {
        Arc::clone(&self.export)
    }

    /// The current lots, in export order.
    pub fn lots(&self) -> &[GeneratedLot] {
        &self.lots
    }

    /// The lot numbers behind the last advance (empty before the first).
    pub fn last_changes(&self) -> &Changes {
        &self.changes
    }

    /// The counts of the last advance (`None` before the first).
    pub fn last_report(&self) -> Option<&AdvanceReport> {
        self.report.as_ref()
    }

    /// Moves the clock one step and produces the next export (see the module doc).
    pub fn advance(&mut self) -> anyhow::Result<AdvanceReport> {
        self.clock += TimeDelta::minutes(STEP_MINUTES);
        self.version += 1;
        let clock = self.clock;
        self.generator.set_export_time(clock);
        let mut changes = Changes::default();

        // Auctions that have happened: the lot leaves (sold, or unsold and relisted later) or
        // stays unsold with a new date.
        let before = std::mem::take(&mut self.lots);
        let mut touched = Vec::with_capacity(before.len());
        for mut lot in before {
            let number = lot.lot_number().unwrap_or(0);
            if sale_instant(&lot).is_none_or(|t| t > clock) {
                self.lots.push(lot);
                touched.push(false);
                continue;
            }
            let roll = self.rng.below(100);
            if roll < SOLD_PER_100 {
                changes.disappeared.push(number);
                changes.sold.push(number);
            } else if roll < SOLD_PER_100 + RELIST_PER_100 {
                changes.disappeared.push(number);
                let due_version = self.version + self.rng.below(RELIST_MAX_DELAY + 1);
                self.pending.push(PendingRelist { due_version, lot });
            } else {
                let sale = self.generator.sale_slot(lot.yard);
                lot.set_sale(Some(sale), clock);
                lot.set_sale_status("On Minimum Bid");
                lot.set_last_updated(clock);
                changes.changed.push(number);
                self.lots.push(lot);
                touched.push(true);
            }
        }

        // Ordinary activity on ~3% of the lots still listed.
        let count = self.lots.len() * CHANGED_PER_10K / 10_000;
        for i in self.rng.sample(self.lots.len(), count) {
            self.change(i);
            if !touched[i] {
                touched[i] = true;
                changes.changed.push(self.lots[i].lot_number().unwrap_or(0));
            }
        }

        // Relists that are due, in the order the lots left.
        let version = self.version;
        let (due, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.due_version <= version);
        self.pending = waiting;
        for p in due {
            let again = self.generator.relist(&p.lot);
            changes.relisted.push(Relist {
                vin: again.vin().to_owned(),
                previous_lot: p.lot.lot_number().unwrap_or(0),
                lot: again.lot_number().unwrap_or(0),
            });
            self.lots.push(again);
        }

        // New vehicles.
        for _ in 0..self.new_lot_count() {
            let lot = self.generator.next_lot();
            changes.appeared.push(lot.lot_number().unwrap_or(0));
            self.lots.push(lot);
        }

        // Copart numbers the rows of every export from 1.
        for (i, lot) in self.lots.iter_mut().enumerate() {
            lot.set_id(i as u64 + 1);
        }
        changes.changed.sort_unstable();
        self.export = Arc::new(Export::render(&self.lots, self.version, clock)?);
        let report = AdvanceReport {
            version: self.version,
            clock,
            rows: self.lots.len(),
            changed: changes.changed.len(),
            disappeared: changes.disappeared.len(),
            appeared: changes.appeared.len(),
            relisted: changes.relisted.len(),
        };
        self.changes = changes;
        self.report = Some(report.clone());
        Ok(report)
    }

    /// How many new lots arrive now: as many as bring the file back to 101% of its configured
    /// size, at most ~1% of that size per step. A fixed 1% would let a long-running simulator
    /// grow without bound (departures follow the auction calendar and are far rarer), while
    /// Copart's file stays near 154k rows; so arrivals follow departures once the file is full.
    fn new_lot_count(&self) -> usize {
        let most = (self.target_rows * NEW_PER_10K).div_ceil(10_000);
        (self.target_rows + most)
            .saturating_sub(self.lots.len())
            .min(most)
    }

    /// One lot's ordinary change: a higher bid, a status change, or a new sale date; always a
    /// new `Last Updated Time`.
    fn change(&mut self, i: usize) {
        let Self {
            lots,
            rng,
            generator,
            clock,
            ..
        } = self;
        let Some(lot) = lots.get_mut(i) else {
            return;
        };
        let kind = rng.below(100);
        let step = 25 * (1 + rng.below(20)) as u32;
        // A row broken on purpose in its sale columns stays broken: rewriting the date would
        // quietly repair it.
        let sale_broken = lot.bad.is_some_and(|b| !b.breaks_vin());
        if kind < 55 || (kind >= 75 && sale_broken) {
            lot.set_high_bid(lot.high_bid().saturating_add(step));
        } else if kind < 75 {
            let current = lot.field(Col::SaleStatus).to_owned();
            let others: Vec<&str> = STATUSES.into_iter().filter(|s| *s != current).collect();
            let pick = rng.below(others.len() as u64) as usize;
            if let Some(status) = others.get(pick) {
                lot.set_sale_status(status);
            }
        } else {
            let sale = generator.sale_slot(lot.yard);
            lot.set_sale(Some(sale), *clock);
        }
        lot.set_last_updated(*clock);
    }
}

/// When the lot's auction starts, read from its own columns as the ETL reads them; `None` for
/// unscheduled lots and rows whose sale columns are broken.
fn sale_instant(lot: &GeneratedLot) -> Option<DateTime<Utc>> {
    let date = SaleDate::parse(lot.field(Col::SaleDate)).ok()?;
    let time = SaleTime::parse(lot.field(Col::SaleTime)).ok();
    let zone = YardTimeZone::parse(lot.field(Col::TimeZone)).ok()?;
    auction_instant(date, time, zone)
}
