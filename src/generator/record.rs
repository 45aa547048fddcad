//! Building one row: draws a vehicle, a yard and the lot's circumstances, and writes the 59
//! fields in Copart's formats ("52123.0", "1.8L  4", "2025-10-14-08.55.06.000795", …).
//!
//! The order of random draws is fixed and independent of the values drawn, so a seed always
//! yields the same rows. Broken rows are decided from a separate stream: a file with
//! `bad_row_rate > 0` has exactly the rows of the clean file, except that some are broken.

use crate::header::Col;

use super::Generator;
use super::catalog::{Pick, residual_percent};
use super::kinds::{AUTOMATIC, ELECTRIC_ENGINE, Engine, Fuel, MANUAL};
use super::lot::GeneratedLot;
use super::rng::{Rng, Table};
use super::text::{push_padded, push_u64};
use super::values::*;
use super::vin;

/// The value lists drawn for every row, prepared once.
#[derive(Debug, Clone)]
pub(super) struct ValueTables {
    pub(super) colors: Table,
    pub(super) damages: Table,
    pub(super) secondary: Table,
    pub(super) title_types: Table,
    pub(super) keys: Table,
    pub(super) runs: Table,
    pub(super) statuses: Table,
    pub(super) odometer_brands: Table,
    pub(super) other_states: Table,
    pub(super) sellers: Table,
}

impl ValueTables {
    pub(super) fn new() -> Self {
        let t = |list: &[(&str, u32)]| Table::new(list.iter().map(|(_, w)| *w));
        Self {
            colors: t(COLORS),
            damages: t(DAMAGES),
            secondary: t(SECONDARY_DAMAGES),
            title_types: t(TITLE_TYPES),
            keys: t(KEYS),
            runs: t(RUNS_DRIVES),
            statuses: t(SALE_STATUSES),
            odometer_brands: t(ODOMETER_BRANDS),
            other_states: t(OTHER_TITLE_STATES),
            sellers: t(SELLERS),
        }
    }
}

/// An engine from the model's list, the first (most common) one leading; hybrid and electric
/// variants of models that also come with a conventional engine are drawn less often.
fn pick_engine(rng: &mut Rng, engines: &[Engine]) -> Option<Engine> {
    let alternative = |e: &Engine| matches!(e.fuel, Fuel::Hybrid | Fuel::Electric);
    let first = rng.leaning(engines)?;
    if alternative(&first) && engines.iter().any(|e| !alternative(e)) {
        return rng.leaning(engines);
    }
    Some(first)
}

/// A value from a list through its prepared table.
#[inline]
pub(super) fn draw(table: &Table, list: &[(&'static str, u32)], rng: &mut Rng) -> &'static str {
    list[table.sample(rng)].0
}

/// `Model Detail` is cut to this many characters.
const DETAIL_LEN: usize = 10;

/// Share (per 10,000) of rows with a scheduled sale (46.7% in the measured real export).
const SCHEDULED_PER_10K: u32 = 4670;
/// Share (per 10,000) of rows with a body style (18.2%).
const BODY_PER_10K: u32 = 1820;

impl Generator {
    pub(super) fn fill(&mut self, lot: &mut GeneratedLot, id: u64) {
        let now = self.cfg.export_time;
        let bad = self.draw_bad();
        let pick = self.catalog.pick(&mut self.rng);
        let yard = self.yards.pick(&mut self.rng);
        lot.yard = yard;
        lot.bad = bad;
        lot.set_id(id);
        push_u64(lot.field_mut(Col::YardNumber), u64::from(yard.number));
        lot.set_field(Col::YardName, yard.name);

        let scheduled = self.rng.per_10k(SCHEDULED_PER_10K);
        let sale = if scheduled {
            Some(self.draw_sale(yard))
        } else {
            None
        };
        lot.set_sale(sale, now);
        let item = if scheduled && self.rng.per_10k(1500) {
            self.rng.range(1, 999)
        } else {
            0
        };
        push_u64(lot.field_mut(Col::ItemNumber), item);
        let number = self.next_lot_number();
        lot.set_lot_number_at(number, &self.cfg.image_api_base);

        self.fill_vehicle(lot, &pick);
        self.fill_condition(lot, &pick, scheduled);
        self.fill_location_and_times(lot, yard, now);
        if let Some(kind) = bad {
            self.apply_bad(lot, kind);
        }
    }

    /// Vehicle identity and description columns.
    fn fill_vehicle(&mut self, lot: &mut GeneratedLot, pick: &Pick) {
        let rng = &mut self.rng;
        let model = pick.model;
        lot.field_mut(Col::VehicleType)
            .push(char::from(pick.type_code));
        push_u64(lot.field_mut(Col::Year), u64::from(pick.year));
        lot.set_field(Col::Make, pick.make);
        lot.set_field(Col::ModelGroup, model.group);

        // Lists are ordered by popularity: the first entry leads, the rest share the remainder.
        let trim = rng.leaning(model.trims).unwrap_or("");
        let engine = pick_engine(rng, model.engines);
        let base = rng.leaning(model.details).unwrap_or(model.group);
        let hybrid_variant = engine.is_some_and(|e| e.fuel == Fuel::Hybrid)
            && model.engines.iter().any(|e| e.fuel != Fuel::Hybrid)
            && !base.contains("HYBRID");
        let detail = lot.field_mut(Col::ModelDetail);
        if base.is_empty() {
            // `.det(&[""])`: the detail is the trim itself (BMW "328I", Mercedes "C 300").
            detail.push_str(if trim.is_empty() { model.group } else { trim });
        } else {
            detail.push_str(base);
            if hybrid_variant {
                detail.push_str(" HYBRID");
            }
            if !trim.is_empty() {
                detail.push(' ');
                detail.push_str(trim);
            }
        }
        detail.truncate(DETAIL_LEN);
        let kept = detail.trim_end().len();
        detail.truncate(kept);

        if rng.per_10k(BODY_PER_10K) {
            lot.set_field(Col::BodyStyle, rng.weighted(model.class.body_codes()));
        } else {
            lot.set_field(Col::BodyStyle, "");
        }
        lot.set_field(Col::Color, draw(&self.tables.colors, COLORS, rng));

        // Trim is filled for 86% of rows; less often for non-cars.
        let trim_share = if pick.type_code == b'V' { 8850 } else { 6500 };
        let show_trim = !trim.is_empty() && rng.per_10k(trim_share);
        lot.set_field(Col::Trim, if show_trim { trim } else { "" });

        // VIN (or hull number / serial).
        let id = lot.field_mut(Col::Vin);
        let wmi = *rng.pick(model.wmi);
        match (pick.type_code, pick.year) {
            (b'M' | b'J', _) => vin::hull(rng, wmi, pick.year, id),
            (b'V', ..=1980) => vin::from_template(rng, wmi, pick.year, id),
            (b'E', _) if rng.per_10k(4500) => vin::short_serial(rng, wmi, id),
            _ => vin::modern(rng, wmi, model.group, pick.year, id),
        }

        // Decoded specs: present for nearly all cars, less often for the rest.
        let decoded_share = match pick.type_code {
            b'V' => 9750,
            b'K' | b'U' => 9200,
            b'C' => 9000,
            b'R' => 8800,
            b'A' => 7000,
            b'J' => 5500,
            b'E' => 4500,
            b'M' => 4000,
            _ => 0,
        };
        let decoded = engine.is_some() && rng.per_10k(decoded_share);
        let road = !matches!(pick.type_code, b'L' | b'M' | b'J' | b'E');
        let (engine_f, drive_f, trans_f, fuel_f, cyl_f) = (
            Col::Engine,
            Col::Drive,
            Col::Transmission,
            Col::FuelType,
            Col::Cylinders,
        );
        for col in [engine_f, drive_f, trans_f, fuel_f, cyl_f] {
            lot.field_mut(col);
        }
        if let (true, Some(e)) = (decoded, engine) {
            let text = lot.field_mut(engine_f);
            if e.fuel == Fuel::Electric {
                text.push_str(ELECTRIC_ENGINE);
            } else {
                push_u64(text, u64::from(e.tenths / 10));
                text.push('.');
                push_u64(text, u64::from(e.tenths % 10));
                text.push_str("L  ");
                push_u64(text, u64::from(e.cylinders));
                push_u64(lot.field_mut(cyl_f), u64::from(e.cylinders));
            }
            lot.set_field(drive_f, model.drv.pick(rng));
            if road {
                let manual = e.fuel != Fuel::Electric && rng.per_10k(model.class.manual_per_10k());
                lot.set_field(trans_f, if manual { MANUAL } else { AUTOMATIC });
            }
            lot.set_field(fuel_f, e.fuel.code());
        } else if let Some(e) = engine {
            // Undecoded rows still often carry the fuel type.
            if rng.per_10k(3000) {
                lot.set_field(fuel_f, e.fuel.code());
            }
        }
    }

    /// Damage, title, keys, odometer, money and status columns.
    fn fill_condition(&mut self, lot: &mut GeneratedLot, pick: &Pick, scheduled: bool) {
        let rng = &mut self.rng;
        let t = &self.tables;
        let class = pick.model.class;
        let primary = draw(&t.damages, DAMAGES, rng);
        lot.set_field(Col::DamageDescription, primary);
        let mut secondary = if rng.per_10k(4300) {
            draw(&t.secondary, SECONDARY_DAMAGES, rng)
        } else {
            ""
        };
        if secondary == primary {
            secondary = draw(&t.secondary, SECONDARY_DAMAGES, rng);
        }
        lot.set_field(
            Col::SecondaryDamage,
            if secondary == primary { "" } else { secondary },
        );
        let state = if rng.per_10k(8200) {
            lot.yard.state
        } else {
            draw(&t.other_states, OTHER_TITLE_STATES, rng)
        };
        lot.set_field(Col::SaleTitleState, state);
        let title = if rng.per_10k(1) {
            ""
        } else {
            draw(&t.title_types, TITLE_TYPES, rng)
        };
        lot.set_field(Col::SaleTitleType, title);
        lot.set_field(Col::HasKeys, draw(&t.keys, KEYS, rng));

        let runs = pick.type_code != b'L' && rng.per_10k(9580);
        lot.set_field(
            Col::RunsDrives,
            if runs {
                draw(&t.runs, RUNS_DRIVES, rng)
            } else {
                ""
            },
        );
        lot.set_field(
            Col::LotCondCode,
            if runs {
                rng.weighted(&[("D", 64), ("R", 36)])
            } else {
                ""
            },
        );

        // Odometer.
        let age = u64::from(2025u16.saturating_sub(pick.year));
        let (miles, brand) = if class.has_miles() {
            let per_year = class.miles_per_year();
            // Between 40% and 160% of the typical mileage; brand-new vehicles have a few miles.
            // Mileage stops growing with age after 20 years (cars that old are parked, or their
            // five-digit odometers rolled over, as with every pre-1981 classic).
            let base = (age.min(20) * per_year * (40 + rng.triangular(60))) / 100;
            let mut miles = base + rng.below(if age == 0 { 9000 } else { 4000 });
            if pick.year <= 1980 {
                miles = rng.below(100_000);
            }
            if miles > 999_999 {
                // Six digits is all the odometer column holds in practice; spread, don't pile up.
                miles = 600_000 + rng.below(400_000);
            }
            let brand = if age >= 20 && rng.per_10k(5000) {
                "E"
            } else {
                draw(&t.odometer_brands, ODOMETER_BRANDS, rng)
            };
            (miles, brand)
        } else {
            let hours = match pick.type_code {
                b'E' => rng.below(9000),
                b'M' | b'J' if rng.per_10k(3500) => rng.below(900),
                _ => 0,
            };
            (hours, rng.weighted(&[("E", 70), ("N", 20), ("A", 10)]))
        };
        let odometer = lot.field_mut(Col::Odometer);
        push_u64(odometer, miles);
        odometer.push_str(".0");
        lot.set_field(Col::OdometerBrand, brand);

        // Money: retail value before the damage, repair estimate, current bid, Buy-It-Now.
        let msrp = u64::from(pick.model.msrp_k) * 1000;
        let retail = if rng.per_10k(150) {
            0
        } else if pick.year <= 1980 {
            msrp * (40 + rng.below(121)) / 100 / 10 * 10
        } else {
            let age = 2026u16.saturating_sub(pick.year).saturating_sub(1);
            msrp * u64::from(residual_percent(age)) / 100 * (75 + rng.below(51)) / 100 / 10 * 10
        };
        let value = lot.field_mut(Col::EstRetailValue);
        push_u64(value, retail);
        value.push_str(".0");
        let repair = lot.field_mut(Col::RepairCost);
        if retail > 0 && rng.per_10k(1200) {
            let cents = retail * (25 + rng.below(71));
            push_u64(repair, cents / 100);
            repair.push('.');
            if rng.per_10k(3000) {
                push_padded(repair, cents % 100, 2);
            } else {
                repair.push('0');
            }
        } else {
            repair.push_str("0.0");
        }
        lot.set_field(Col::SaleStatus, draw(&t.statuses, SALE_STATUSES, rng));
        let has_bid = rng.per_10k(if scheduled { 7000 } else { 3500 });
        let bid = if !has_bid {
            0
        } else if retail == 0 {
            25 * rng.range(1, 80)
        } else {
            (retail * (3 + rng.below(33)) / 100 / 25 * 25).max(25)
        };
        lot.set_high_bid(bid as u32);
        let bin = lot.field_mut(Col::BuyItNowPrice);
        if retail > 0 && rng.per_10k(400) {
            push_u64(bin, (retail * (30 + rng.below(41)) / 100 / 50 * 50).max(50));
            bin.push_str(".0");
        } else {
            bin.push_str("0.0");
        }
        lot.set_field(
            Col::MakeOfferEligible,
            if rng.per_10k(1800) { "Y" } else { "N" },
        );
        lot.set_field(
            Col::SpecialNote,
            if rng.per_10k(350) {
                rng.weighted(SPECIAL_NOTES)
            } else {
                ""
            },
        );
    }
}
