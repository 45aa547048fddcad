//! What can be for sale: makes, models, trims, engines and the vehicle types they belong to.
//!
//! The tables themselves live in `cars.rs` (passenger vehicles, type V), `cars_more.rs` (the
//! smaller passenger makes) and `special.rs` (everything that is not a car); the shape of an
//! entry (model, make) in `model.rs` and its vocabulary (fuel, engine, drive, class) in
//! `kinds.rs`. This module holds the vehicle types, the year and value curves, and the one place
//! where weights become prepared [`Table`]s, so a row costs a few binary searches instead of
//! linear scans.

use super::model::{Make, Model};
use super::rng::{Rng, Table};
use super::{cars, cars_more, special};

/// Copart's one-letter `Vehicle Type` codes, with their share of the export (per 100,000 rows).
pub const VEHICLE_TYPES: [(u8, u32); 10] = [
    (b'V', 91_070),
    (b'K', 2_360),
    (b'C', 1_885),
    (b'R', 1_325),
    (b'L', 1_040),
    (b'U', 955),
    (b'A', 417),
    (b'M', 352),
    (b'E', 276),
    (b'J', 86),
];

/// The makes that can appear under a vehicle type code (unknown codes have none).
pub(crate) fn makes_for(code: u8) -> Vec<Make> {
    let lists: &[&'static [Make]] = match code {
        b'V' => &[cars::MAKES, cars_more::MAKES],
        b'K' => &[special::HEAVY_TRUCKS],
        b'U' => &[special::MEDIUM_TRUCKS],
        b'C' => &[special::MOTORCYCLES],
        b'R' => &[special::MOTORHOMES],
        b'L' => &[special::TRAILERS],
        b'A' => &[special::ATVS],
        b'M' => &[special::BOATS],
        b'E' => &[special::EQUIPMENT],
        b'J' => &[special::JET_SKIS],
        _ => &[],
    };
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

/// Relative frequency of each model year for passenger vehicles: salvage auctions sell mostly
/// 5–12 year old cars, few brand-new ones and a thin tail back to 1981.
pub(crate) const fn year_weight(year: u16) -> u32 {
    match year {
        1981..=1995 => 1,
        1996..=2000 => 4,
        2001..=2004 => 12,
        2005..=2008 => 28,
        2009..=2012 => 45,
        2013..=2016 => 68,
        2017..=2020 => 78,
        2021..=2022 => 66,
        2023 => 55,
        2024 => 44,
        2025 => 30,
        2026 => 6,
        _ => 0,
    }
}

/// Value left after `age` years, in percent of the new price.
pub(crate) const fn residual_percent(age: u16) -> u32 {
    const TABLE: [u32; 21] = [
        90, 80, 71, 64, 58, 52, 47, 43, 39, 35, 32, 29, 26, 24, 22, 20, 18, 16, 15, 14, 13,
    ];
    if (age as usize) < TABLE.len() {
        TABLE[age as usize]
    } else {
        12
    }
}

/// The prepared weight tables: vehicle type → make → model.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    types: Table,
    by_type: Vec<TypeEntry>,
    years: Table,
    classics: Table,
}

#[derive(Debug, Clone)]
struct TypeEntry {
    code: u8,
    makes: Vec<Make>,
    make_table: Table,
    model_tables: Vec<Table>,
}

/// Oldest model year in the year table.
pub(crate) const FIRST_YEAR: u16 = 1981;
/// Newest model year in the year table.
pub(crate) const LAST_YEAR: u16 = 2026;

/// A drawn vehicle identity (before the per-row details).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pick {
    pub(crate) type_code: u8,
    pub(crate) make: &'static str,
    pub(crate) model: &'static Model,
    pub(crate) year: u16,
}

impl Catalog {
    pub(crate) fn new() -> Self {
        let by_type = VEHICLE_TYPES
            .iter()
            .map(|&(code, _)| {
                let makes = makes_for(code);
                let make_table = Table::new(makes.iter().map(|m| m.weight));
                let model_tables = makes
                    .iter()
                    .map(|mk| Table::new(mk.models.iter().map(|m| m.weight)))
                    .collect();
                TypeEntry {
                    code,
                    makes,
                    make_table,
                    model_tables,
                }
            })
            .collect();
        Self {
            types: Table::new(VEHICLE_TYPES.iter().map(|&(_, w)| w)),
            by_type,
            years: Table::new((FIRST_YEAR..=LAST_YEAR).map(year_weight)),
            classics: Table::new(special::CLASSICS.iter().map(|(_, m)| m.weight)),
        }
    }

    /// Draws a vehicle type, make, model and model year.
    pub(crate) fn pick(&self, rng: &mut Rng) -> Pick {
        let entry = &self.by_type[self.types.sample(rng)];
        // About 3 in 1,000 passenger vehicles are pre-1981 classics with short VINs.
        if entry.code == b'V' && rng.per_10k(30) {
            let (make, model) = &special::CLASSICS[self.classics.sample(rng)];
            let year = rng.range(u64::from(model.from), u64::from(model.to)) as u16;
            return Pick {
                type_code: b'V',
                make,
                model,
                year,
            };
        }
        let mi = entry.make_table.sample(rng);
        let make = &entry.makes[mi];
        let model = &make.models[entry.model_tables[mi].sample(rng)];
        let year = self.year_for(model, rng);
        Pick {
            type_code: entry.code,
            make: make.name,
            model,
            year,
        }
    }

    /// A model year inside the model's production span, following [`year_weight`] where the
    /// span allows (rejection sampling; falls back to uniform for spans the table barely covers).
    fn year_for(&self, model: &Model, rng: &mut Rng) -> u16 {
        for _ in 0..24 {
            let y = FIRST_YEAR + self.years.sample(rng) as u16;
            if (model.from..=model.to).contains(&y) {
                return y;
            }
        }
        rng.range(u64::from(model.from), u64::from(model.to)) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_makes() -> Vec<Make> {
        VEHICLE_TYPES
            .iter()
            .flat_map(|&(code, _)| makes_for(code))
            .collect()
    }

    #[test]
    fn tables_are_sane() {
        for make in &all_makes() {
            assert!(!make.models.is_empty(), "{} has no models", make.name);
            assert!(make.weight > 0, "{}", make.name);
            for m in make.models {
                assert!(m.from <= m.to, "{} {}", make.name, m.group);
                assert!(m.to <= LAST_YEAR, "{} {}", make.name, m.group);
                assert!(!m.wmi.is_empty(), "{} {} has no WMI", make.name, m.group);
                for w in m.wmi {
                    assert!(
                        w.len() == 3 && w.bytes().all(super::super::vin::is_vin_char),
                        "{} {w}",
                        m.group
                    );
                }
                assert!(
                    m.group.len() <= 20 && m.group == m.group.to_uppercase(),
                    "{}",
                    m.group
                );
                for t in m.trims {
                    assert!(!t.contains(','), "{t}");
                }
            }
        }
        for (_, m) in special::CLASSICS {
            assert!(m.to <= 1980 && !m.wmi.is_empty(), "{}", m.group);
        }
    }

    #[test]
    fn passenger_makes_include_the_top_ten() {
        let names: Vec<&str> = makes_for(b'V').iter().map(|m| m.name).collect();
        for top in [
            "FORD",
            "TOYOTA",
            "CHEVROLET",
            "HONDA",
            "NISSAN",
            "HYUNDAI",
            "KIA",
            "JEEP",
            "DODGE",
            "GMC",
            "TESLA",
        ] {
            assert!(names.contains(&top), "{top}");
        }
    }

    #[test]
    fn residual_value_decreases() {
        for age in 0..30 {
            assert!(residual_percent(age) >= residual_percent(age + 1));
        }
    }
}
