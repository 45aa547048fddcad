//! The demo's past: an earlier export whose auctions have happened by the demo's day, loaded
//! before the demo's own export, which brings some of those vehicles back under new lot numbers.
//!
//! A single export has no history: every VIN has one lot, no lot has left, nothing is inferred.
//! A newcomer's `make run` would then never show what the site is for — a VIN's auction
//! timeline, "not sold, relisted", inferred sales with their last bid. So the demo (not the
//! exports loaded as Copart's for the tests, which stay one file) is two files through the real
//! ETL: the earlier one ([`EARLIER_DAYS`] before, lots whose sale date has passed), then the
//! demo's own with [`RELISTED_PER_10`] in 10 of those lots relisted. The ETL then does what it
//! does with Copart's files: the lots that left after their sale are inferred sold, the relisted
//! ones not sold (their VIN came back), and the VIN pages show both attempts.
//!
//! Drawn from the seed's own stream, so a demo is the same every time for the same seed and day.

use std::collections::HashSet;

use chrono::Duration;
use vinops::generator::{GenConfig, GeneratedLot, Generator};

/// How long before the demo's export the earlier one was taken.
pub const EARLIER_DAYS: i64 = 35;
/// Lots of the earlier export per 100 rows of the demo (at least one).
const EARLIER_PER_100: usize = 5;
/// Of the earlier lots, how many in 10 come back relisted.
pub const RELISTED_PER_10: usize = 4;
/// The earlier export's generator stream: other vehicles than the demo's own rows.
const HISTORY_STREAM: u64 = 0xD1A7_0B5E_7E11_A11E;

/// The earlier export's lots and the relists that go into the demo's export.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub earlier: Vec<GeneratedLot>,
    pub relisted: Vec<GeneratedLot>,
}

/// Draws the history of a demo configured by `cfg`, avoiding the lot numbers and VINs its own
/// rows use (`taken`): a lot number must name one lot, and a VIN of the demo's rows must not
/// gain an unrelated past.
pub fn draw(cfg: &GenConfig, taken: &Taken) -> History {
    let earlier_at = cfg.export_time - Duration::days(EARLIER_DAYS);
    let mut generator = Generator::new(GenConfig {
        seed: cfg.seed ^ HISTORY_STREAM,
        rows: cfg.rows,
        export_time: earlier_at,
        bad_row_rate: 0.0,
        image_api_base: cfg.image_api_base.clone(),
    });
    let want = (cfg.rows * EARLIER_PER_100 / 100).max(1);
    // The day before the demo's, so a sale late in the day (yard time) has also passed.
    let passed = (cfg.export_time - Duration::days(1)).date_naive();
    let mut earlier = Vec::with_capacity(want);
    // Most lots are scheduled within a few weeks; the cap only guards the loop.
    for _ in 0..want.saturating_mul(50) {
        if earlier.len() == want {
            break;
        }
        let lot = generator.next_lot();
        let free = lot
            .lot_number()
            .is_some_and(|n| !taken.lot_numbers.contains(&n))
            && !taken.vins.contains(lot.vin());
        if free && lot.sale().is_some_and(|s| s.date < passed) {
            earlier.push(lot);
        }
    }
    generator.set_export_time(cfg.export_time);
    let mut relisted = Vec::new();
    for (i, lot) in earlier.iter().enumerate() {
        if i % 10 < RELISTED_PER_10 {
            let again = generator.relist(lot);
            if again
                .lot_number()
                .is_some_and(|n| !taken.lot_numbers.contains(&n))
            {
                relisted.push(again);
            }
        }
    }
    History { earlier, relisted }
}

/// The lot numbers and VINs of the demo's own rows.
#[derive(Debug, Default)]
pub struct Taken {
    pub lot_numbers: HashSet<u32>,
    pub vins: HashSet<String>,
}

impl Taken {
    pub fn add(&mut self, lot: &GeneratedLot) {
        if let Some(n) = lot.lot_number() {
            self.lot_numbers.insert(n);
        }
        self.vins.insert(lot.vin().to_owned());
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn cfg() -> GenConfig {
        let mut cfg = GenConfig::new(11, 400);
        cfg.export_time = chrono::Utc
            .with_ymd_and_hms(2026, 12, 7, 4, 4, 0)
            .single()
            .expect("valid");
        cfg
    }

    #[test]
    fn earlier_lots_have_had_their_auction_and_some_come_back_under_new_numbers() {
        let cfg = cfg();
        let h = draw(&cfg, &Taken::default());
        assert_eq!(h.earlier.len(), 20, "5 per 100 rows");
        assert_eq!(h.relisted.len(), 8, "4 in 10");
        let day = cfg.export_time.date_naive();
        assert!(
            h.earlier
                .iter()
                .all(|l| l.sale().is_some_and(|s| s.date < day))
        );
        for again in &h.relisted {
            let before = h
                .earlier
                .iter()
                .find(|l| l.vin() == again.vin())
                .expect("a relist is of an earlier vehicle");
            assert_ne!(before.lot_number(), again.lot_number());
        }
        // The same seed and day draw the same history.
        let again = draw(&cfg, &Taken::default());
        let numbers = |h: &History| -> Vec<Option<u32>> {
            h.earlier
                .iter()
                .chain(&h.relisted)
                .map(GeneratedLot::lot_number)
                .collect()
        };
        assert_eq!(numbers(&h), numbers(&again));
    }

    #[test]
    fn taken_lot_numbers_and_vins_are_avoided() {
        let cfg = cfg();
        let first = draw(&cfg, &Taken::default());
        let mut taken = Taken::default();
        taken.add(&first.earlier[0]);
        let second = draw(&cfg, &taken);
        assert!(
            second
                .earlier
                .iter()
                .all(|l| l.vin() != first.earlier[0].vin())
        );
        assert_eq!(second.earlier.len(), 20);
    }
}
