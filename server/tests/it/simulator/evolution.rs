//! How the export moves between versions, checked the way the ETL will see it: parse two
//! consecutive exports with `CopartRow::from_record`, diff them by lot number, and compare with
//! what the simulator says it did.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{TimeZone, Utc};
use vinops::CopartRow;
use vinops::header::{Col, check_header};
use vinops_dev::simulator::{SimConfig, Simulator};

/// The export as the ETL reads it: lot number → (row, raw record without the `Id` column).
struct Parsed {
    lots: BTreeMap<u32, (CopartRow, Vec<String>)>,
}

fn parse(bytes: &[u8]) -> Parsed {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let header = rdr.headers().expect("header").clone();
    check_header(header.iter()).expect("every export has the real header");
    let mut lots = BTreeMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.expect("csv record");
        assert_eq!(
            rec.get(Col::Id.index()),
            Some((i + 1).to_string().as_str()),
            "Id is 1..n"
        );
        let row = CopartRow::from_record(&rec).expect("no broken rows in this test");
        let mut fields: Vec<String> = rec.iter().map(str::to_owned).collect();
        fields.remove(Col::Id.index());
        let lot = row.lot_number.get();
        assert!(lots.insert(lot, (row, fields)).is_none(), "lot {lot} twice");
    }
    Parsed { lots }
}

fn sorted(v: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = v.into_iter().collect();
    v.sort_unstable();
    v
}

#[test]
fn advance_reports_agree_with_a_diff_of_the_exports() {
    let mut cfg = SimConfig::new(14, 1500);
    // Wednesday 12:30 UTC: the morning sales of the eastern yards are about to start.
    cfg.start = Utc
        .with_ymd_and_hms(2025, 10, 15, 12, 30, 0)
        .single()
        .expect("valid");
    let mut sim = Simulator::new(&cfg).expect("simulator");
    let mut prev = parse(&sim.export().bytes);
    // Every VIN ever listed, with its lot numbers.
    let mut history: HashMap<String, BTreeSet<u32>> = HashMap::new();
    for (lot, (row, _)) in &prev.lots {
        history
            .entry(row.vin.as_str().to_owned())
            .or_default()
            .insert(*lot);
    }
    let (mut seen_disappeared, mut seen_relisted, mut seen_same_step_relist) = (0, 0, 0);
    let mut steps = 0;
    while steps < 120 && (seen_relisted < 3 || seen_same_step_relist == 0) {
        steps += 1;
        let report = sim.advance().expect("advance");
        let changes = sim.last_changes().clone();
        let export = sim.export();
        assert_eq!(export.version, report.version);
        let cur = parse(&export.bytes);
        assert_eq!(cur.lots.len(), report.rows);

        let old: BTreeSet<u32> = prev.lots.keys().copied().collect();
        let new: BTreeSet<u32> = cur.lots.keys().copied().collect();
        let gone = sorted(old.difference(&new).copied());
        let added = sorted(new.difference(&old).copied());
        let changed = sorted(
            old.intersection(&new)
                .copied()
                .filter(|lot| prev.lots[lot].1 != cur.lots[lot].1),
        );
        assert_eq!(
            changed,
            sorted(changes.changed.iter().copied()),
            "step {steps}"
        );
        assert_eq!(
            gone,
            sorted(changes.disappeared.iter().copied()),
            "step {steps}"
        );
        let relisted_lots = changes.relisted.iter().map(|r| r.lot);
        assert_eq!(
            added,
            sorted(changes.appeared.iter().copied().chain(relisted_lots)),
            "step {steps}"
        );
        assert_eq!(report.changed, changes.changed.len());
        assert_eq!(report.disappeared, changes.disappeared.len());
        assert_eq!(report.appeared, changes.appeared.len());
        assert_eq!(report.relisted, changes.relisted.len());
        if steps == 1 {
            assert_eq!(
                report.appeared, 15,
                "1% new lots while the file is at its size"
            );
        }
        assert!(changes.sold.iter().all(|l| changes.disappeared.contains(l)));

        for lot in &changed {
            let row = &cur.lots[lot].0;
            assert_eq!(
                row.last_updated, report.clock,
                "a change bumps Last Updated Time"
            );
        }
        for lot in &gone {
            let at = prev.lots[lot]
                .0
                .auction_at
                .expect("only scheduled lots leave");
            assert!(at <= report.clock, "lot {lot} left before its sale");
        }
        for r in &changes.relisted {
            let (row, _) = &cur.lots[&r.lot];
            assert_eq!(row.vin.as_str(), r.vin);
            assert_ne!(r.lot, r.previous_lot);
            assert_eq!(row.last_updated, report.clock);
            assert!(row.high_bid.cents() == 0, "a relist starts without bids");
            let before = history.get(&r.vin).expect("the VIN was listed before");
            assert!(before.contains(&r.previous_lot));
            assert!(!new.contains(&r.previous_lot), "the old lot is gone");
            if gone.contains(&r.previous_lot) {
                seen_same_step_relist += 1;
            }
        }
        for lot in &changes.appeared {
            let vin = cur.lots[lot].0.vin.as_str();
            assert!(
                !history.contains_key(vin),
                "an appeared lot is a new vehicle"
            );
        }
        for (lot, (row, _)) in &cur.lots {
            history
                .entry(row.vin.as_str().to_owned())
                .or_default()
                .insert(*lot);
        }
        seen_disappeared += gone.len();
        seen_relisted += changes.relisted.len();
        prev = cur;
    }
    assert!(seen_disappeared > 0, "no lot left in {steps} steps");
    assert!(
        seen_relisted >= 3,
        "only {seen_relisted} relists in {steps} steps"
    );
    assert!(
        seen_same_step_relist > 0,
        "no relist in the step its lot left"
    );
}

#[test]
fn broken_rows_stay_and_the_header_stays_right() {
    let mut cfg = SimConfig::new(12, 2000);
    cfg.bad_row_rate = 0.05;
    let mut sim = Simulator::new(&cfg).expect("simulator");
    for _ in 0..4 {
        sim.advance().expect("advance");
    }
    let bytes = sim.export().bytes.clone();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[..]);
    check_header(rdr.headers().expect("header").iter()).expect("real header");
    let (mut ok, mut bad) = (0, 0);
    let mut lots = BTreeSet::new();
    for rec in rdr.records() {
        let rec = rec.expect("still valid CSV");
        assert!(
            lots.insert(rec[Col::LotNumber.index()].to_owned()),
            "unique lot numbers"
        );
        match CopartRow::from_record(&rec) {
            Ok(_) => ok += 1,
            Err(_) => bad += 1,
        }
    }
    assert!(bad > 0 && ok > bad * 10, "ok {ok}, bad {bad}");
}

#[test]
fn the_file_stays_near_its_size_for_days() {
    let mut sim = Simulator::new(&SimConfig::new(13, 300)).expect("simulator");
    let (mut smallest, mut largest, mut left) = (usize::MAX, 0, 0);
    // Three days of 15-minute steps.
    for _ in 0..(3 * 24 * 4) {
        let report = sim.advance().expect("advance");
        smallest = smallest.min(report.rows);
        largest = largest.max(report.rows);
        left += report.disappeared;
    }
    assert!(left > 30, "auctions happened: {left} lots left");
    // Size + 1%, plus at most a few relists arriving after the file was refilled.
    assert!(largest <= 315, "largest {largest}");
    assert!(smallest >= 240, "smallest {smallest}");
}
