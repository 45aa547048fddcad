//! Whole-generator tests: determinism, the header, well-formed records, valid VINs, unique lot
//! numbers, the distributions measured on a real export and time-zone consistency.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

use super::*;
use crate::header::{COLUMN_COUNT, Col, check_header};
use crate::vin::{CheckDigit, Vin};

const REFERENCE_HEADER: &str = include_str!("../testdata/copart_salesdata_header.csv");

fn export(seed: u64, rows: usize, rate: f64) -> Vec<u8> {
    let mut out = Vec::new();
    let cfg = GenConfig::new(seed, rows).with_bad_row_rate(rate);
    let stats = write_export(&cfg, &mut out).expect("writing to memory cannot fail");
    assert_eq!(stats.rows, rows);
    assert_eq!(stats.bytes, out.len() as u64);
    out
}

fn lots(seed: u64, rows: usize, rate: f64) -> Vec<GeneratedLot> {
    let mut g = Generator::new(GenConfig::new(seed, rows).with_bad_row_rate(rate));
    (0..rows).map(|_| g.next_lot()).collect()
}

fn share(lots: &[GeneratedLot], pred: impl Fn(&GeneratedLot) -> bool) -> f64 {
    lots.iter().filter(|l| pred(l)).count() as f64 * 100.0 / lots.len() as f64
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = export(42, 3000, 0.0);
    let b = export(42, 3000, 0.0);
    assert!(a == b, "same seed must give identical output");
    let c = export(43, 3000, 0.0);
    assert!(a != c, "another seed must give other output");
    // A shorter export is a prefix of a longer one with the same seed.
    let short = export(42, 1000, 0.0);
    assert!(a.starts_with(&short));
}

#[test]
fn output_is_pinned() {
    // Guards against accidental changes to the generator's output (e.g. a dependency changing
    // how something is drawn or formatted). Update the value deliberately when the generator is
    // changed on purpose.
    let bytes = export(1, 500, 0.0);
    let hash = bytes.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    let first_row = String::from_utf8_lossy(&bytes)
        .lines()
        .nth(1)
        .map(str::to_owned)
        .unwrap_or_default();
    assert_eq!(
        format!("{hash:016x}"),
        PINNED_HASH,
        "first row: {first_row}"
    );
}

const PINNED_HASH: &str = "9a30e97ecf50b692";

#[test]
fn header_line_is_the_reference_header() {
    let bytes = export(1, 3, 0.0);
    let text = String::from_utf8(bytes).expect("utf-8");
    let first = text.lines().next().expect("a header line");
    assert_eq!(first, REFERENCE_HEADER.trim_end_matches(['\r', '\n']));
}

#[test]
fn every_record_has_59_fields_and_reads_back() {
    let bytes = export(5, 5000, 0.02);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let header = rdr.headers().expect("header").clone();
    check_header(header.iter()).expect("reference header");
    let expected = lots(5, 5000, 0.02);
    let mut n = 0;
    for (rec, lot) in rdr.records().zip(&expected) {
        let rec = rec.expect("well-formed CSV record");
        assert_eq!(rec.len(), COLUMN_COUNT);
        assert_eq!(rec, lot.to_record(), "CSV round trip");
        n += 1;
    }
    assert_eq!(n, 5000);
}

#[test]
fn vins_are_valid_and_17_char_ones_check() {
    for lot in lots(11, 20_000, 0.0) {
        let raw = lot.vin();
        let vin = Vin::parse(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        if raw.len() == 17 {
            assert_eq!(vin.check_digit(), CheckDigit::Valid, "{raw}");
            let year: u16 = lot.field(Col::Year).parse().expect("year");
            assert_eq!(
                raw.as_bytes()[9],
                super::vin::year_code(year),
                "{raw} {year}"
            );
        } else {
            assert!((11..=13).contains(&raw.len()), "{raw}");
        }
    }
}

#[test]
fn lot_numbers_are_unique_eight_digit_numbers() {
    let all = lots(12, 20_000, 0.0);
    let mut seen = HashSet::new();
    for (i, lot) in all.iter().enumerate() {
        let text = lot.field(Col::LotNumber);
        assert_eq!(text.len(), 8, "{text}");
        assert!(seen.insert(text.to_owned()), "duplicate lot number {text}");
        assert_eq!(lot.field(Col::Id), (i + 1).to_string());
        assert!(
            lot.field(Col::ImageUrl)
                .contains(&format!("lotImages/{text}?"))
        );
    }
}

#[test]
fn distributions_match_the_reference_export() {
    let all = lots(13, 20_000, 0.0);
    let scheduled = share(&all, |l| l.field(Col::SaleDate) != "0");
    assert!((scheduled - 46.7).abs() < 3.0, "sale date set: {scheduled}");
    let body = share(&all, |l| !l.field(Col::BodyStyle).is_empty());
    assert!((body - 18.2).abs() < 3.0, "body style: {body}");
    let cars = share(&all, |l| l.field(Col::VehicleType) == "V");
    assert!((cars - 91.0).abs() < 2.0, "type V: {cars}");
    let keys = share(&all, |l| l.field(Col::HasKeys) == "YES");
    assert!((keys - 89.8).abs() < 2.0, "keys: {keys}");
    let pure = share(&all, |l| l.field(Col::SaleStatus) == "Pure Sale");
    assert!((pure - 65.3).abs() < 3.0, "pure sale: {pure}");
    let secondary = share(&all, |l| !l.field(Col::SecondaryDamage).is_empty());
    assert!(
        (secondary - 43.0).abs() < 4.0,
        "secondary damage: {secondary}"
    );
    let trim = share(&all, |l| !l.field(Col::Trim).is_empty());
    assert!((trim - 86.4).abs() < 4.0, "trim: {trim}");
    let engine = share(&all, |l| !l.field(Col::Engine).is_empty());
    assert!((engine - 95.3).abs() < 2.5, "engine: {engine}");
    let seller = share(&all, |l| !l.field(Col::SellerName).is_empty());
    assert!((seller - 34.4).abs() < 3.0, "seller: {seller}");
    let eastern = share(&all, |l| matches!(l.field(Col::TimeZone), "EDT" | "EST"));
    let central = share(&all, |l| matches!(l.field(Col::TimeZone), "CDT" | "CST"));
    let pacific = share(&all, |l| matches!(l.field(Col::TimeZone), "PDT" | "PST"));
    let mountain = share(&all, |l| matches!(l.field(Col::TimeZone), "MDT" | "MST"));
    assert!((eastern - 41.0).abs() < 2.5, "eastern: {eastern}");
    assert!((central - 39.0).abs() < 2.5, "central: {central}");
    assert!((pacific - 11.0).abs() < 1.5, "pacific: {pacific}");
    assert!((mountain - 8.0).abs() < 1.5, "mountain: {mountain}");
    let makes: HashSet<&str> = all.iter().map(|l| l.field(Col::Make)).collect();
    assert!(makes.len() > 40, "{} makes", makes.len());
}

#[test]
fn formats_look_like_copart() {
    for lot in lots(14, 5000, 0.0) {
        assert!(
            lot.field(Col::ModelDetail).len() <= 10,
            "{}",
            lot.field(Col::ModelDetail)
        );
        assert!(!lot.field(Col::ModelDetail).is_empty());
        assert!(
            lot.field(Col::BodyStyle).len() <= 8,
            "{}",
            lot.field(Col::BodyStyle)
        );
        for col in [
            Col::Odometer,
            Col::EstRetailValue,
            Col::RepairCost,
            Col::HighBid,
            Col::BuyItNowPrice,
        ] {
            let v = lot.field(col);
            let (int, frac) = v.split_once('.').unwrap_or_else(|| panic!("{col}: {v}"));
            assert!(
                !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()),
                "{col}: {v}"
            );
            assert!(
                (1..=2).contains(&frac.len()) && frac.bytes().all(|b| b.is_ascii_digit()),
                "{col}: {v}"
            );
        }
        let engine = lot.field(Col::Engine);
        if !engine.is_empty() && engine != "ELECTRIC" {
            assert!(engine.contains("L  "), "{engine}");
        }
        let created = lot.field(Col::CreateDateTime);
        NaiveDateTime::parse_from_str(created, "%Y-%m-%d-%H.%M.%S%.6f")
            .unwrap_or_else(|e| panic!("{created}: {e}"));
        let updated = lot.field(Col::LastUpdatedTime);
        let updated =
            DateTime::parse_from_rfc3339(updated).unwrap_or_else(|e| panic!("{updated}: {e}"));
        assert!(updated <= GenConfig::default_export_time());
        assert_eq!(updated.second(), 0);
        let thumb = lot.field(Col::ImageThumbnail);
        if !thumb.is_empty() {
            assert!(
                thumb.starts_with("cs.copart.com/v1/AUTH_svc.pdoc00001/lpp/")
                    && thumb.ends_with("_thb.jpg"),
                "{thumb}"
            );
        }
        assert_eq!(lot.field(Col::LocationCountry), "USA");
        assert_eq!(lot.field(Col::CurrencyCode), "USD");
    }
}

#[test]
fn time_zone_matches_the_yard_and_the_date() {
    let now = GenConfig::default_export_time();
    let (_, fall_back) = dst_bounds(2025);
    for lot in lots(15, 20_000, 0.0) {
        let zone = lot.yard.zone;
        let tz = lot.field(Col::TimeZone);
        match lot.sale() {
            Some(sale) => {
                assert_eq!(tz, zone.abbreviation_on(sale.date));
                assert!(!matches!(sale.date.weekday(), Weekday::Sat | Weekday::Sun));
                assert!(sale.date >= zone.local_date(now));
                assert!(sale.date <= NaiveDate::from_ymd_opt(2026, 2, 28).expect("date"));
                assert_eq!(lot.field(Col::DayOfWeek), weekday_name(sale.date.weekday()));
                if zone == Zone::Eastern {
                    assert_eq!(tz == "EDT", sale.date < fall_back, "{tz} on {}", sale.date);
                }
            }
            None => {
                assert_eq!(lot.field(Col::SaleDate), "0");
                assert_eq!(tz, zone.abbreviation_at(now));
                assert!(
                    lot.field(Col::DayOfWeek).is_empty() && lot.field(Col::SaleTime).is_empty()
                );
            }
        }
        if zone == Zone::Arizona {
            assert_eq!(tz, "MST");
        }
    }
}

#[test]
fn bad_rows_only_when_asked_and_only_where_marked() {
    let clean = lots(16, 20_000, 0.0);
    assert!(clean.iter().all(|l| l.bad.is_none()));
    let dirty = lots(16, 20_000, 0.01);
    let bad = dirty.iter().filter(|l| l.bad.is_some()).count();
    assert!((120..=280).contains(&bad), "{bad} bad rows");
    for (c, d) in clean.iter().zip(&dirty) {
        match d.bad {
            None => assert_eq!(c, d),
            Some(kind) => {
                let differing: Vec<usize> = (0..COLUMN_COUNT)
                    .filter(|&i| c.fields[i] != d.fields[i])
                    .collect();
                assert!(!differing.is_empty(), "{kind:?} changed nothing");
                if kind.breaks_vin() {
                    assert_eq!(differing, vec![Col::Vin.index()], "{kind:?}");
                    assert!(Vin::parse(d.vin()).is_err(), "{kind:?}: {}", d.vin());
                }
                if kind == BadKind::SevenDigitSaleDate {
                    assert_eq!(d.field(Col::SaleDate).len(), 7);
                }
            }
        }
    }
    let kinds: HashSet<BadKind> = dirty.iter().filter_map(|l| l.bad).collect();
    assert_eq!(kinds.len(), BadKind::ALL.len(), "every kind shows up");
    let bytes = export(16, 20_000, 0.01);
    let mut rdr = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    assert!(
        rdr.records()
            .all(|r| r.is_ok_and(|r| r.len() == COLUMN_COUNT))
    );
}

#[test]
fn relisting_keeps_the_vehicle_and_changes_the_lot() {
    let mut g = Generator::new(GenConfig::new(17, 10));
    let first = g.next_lot();
    let again = g.relist(&first);
    assert_eq!(again.vin(), first.vin());
    assert_ne!(again.lot_number(), first.lot_number());
    assert_eq!(again.field(Col::SaleDate), "0");
    assert_eq!(again.field(Col::HighBid), "0.0");
    assert_eq!(again.field(Col::Id), "2");
    let slot = g.sale_slot(first.yard);
    assert!(slot.date >= first.yard.zone.local_date(g.config().export_time));
}

#[test]
fn clean_rows_parse_as_copart_rows() {
    use crate::row::CopartRow;
    let bytes = export(18, 20_000, 0.0);
    let mut rdr = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    check_header(rdr.headers().expect("header").iter()).expect("reference header");
    let mut scheduled = 0;
    for rec in rdr.records() {
        let rec = rec.expect("csv record");
        let row = CopartRow::from_record(&rec).unwrap_or_else(|e| panic!("{e}\n{rec:?}"));
        assert_eq!(row.vin.as_str(), &rec[Col::Vin.index()]);
        if row.auction_at.is_some() {
            scheduled += 1;
        }
    }
    assert!(
        (8500..=10_200).contains(&scheduled),
        "{scheduled} rows with an auction time"
    );
}

#[test]
fn exactly_the_broken_rows_fail_to_parse() {
    use crate::row::CopartRow;
    let expected = lots(19, 20_000, 0.01);
    let bytes = export(19, 20_000, 0.01);
    let mut rdr = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
    let mut failed = 0;
    for (rec, lot) in rdr.records().zip(&expected) {
        let rec = rec.expect("every row, broken or not, is a well-formed CSV record");
        assert_eq!(rec.len(), COLUMN_COUNT);
        let parsed = CopartRow::from_record(&rec);
        assert_eq!(
            parsed.is_err(),
            lot.bad.is_some(),
            "{:?}: {parsed:?}",
            lot.bad
        );
        failed += usize::from(parsed.is_err());
    }
    let marked = expected.iter().filter(|l| l.bad.is_some()).count();
    assert_eq!(failed, marked);
    assert!(marked > 100, "{marked}");
}
