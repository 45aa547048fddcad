//! Every value the generator can write into the export's columns of closed vocabulary (damage,
//! colour, title type, body style, fuel, …), for the code that must know them all: the site's
//! translations are checked against this list, and tests build exports that use each value.
//!
//! Free-text columns (make, model, trim, yard, seller, notes) and figures (engine size, odometer,
//! money) are not listed: they are shown as written in every language.

use std::collections::BTreeSet;

use crate::header::Col;

use super::VEHICLE_TYPES;
use super::catalog::makes_for;
use super::kinds::{AUTOMATIC, DRIVES, ELECTRIC_ENGINE, Fuel, MANUAL};
use super::values::{
    COLORS, DAMAGES, KEYS, ODOMETER_BRANDS, RUNS_DRIVES, SALE_STATUSES, SECONDARY_DAMAGES,
    TITLE_TYPES,
};

/// The columns with a closed vocabulary, each with every value the generator writes into it
/// (never the empty value), in a stable order.
pub fn vocabulary() -> Vec<(Col, Vec<&'static str>)> {
    let names = |list: &[(&'static str, u32)]| list.iter().map(|(v, _)| *v).collect::<Vec<_>>();
    vec![
        (Col::BodyStyle, body_styles()),
        (Col::Color, names(COLORS)),
        (Col::DamageDescription, names(DAMAGES)),
        (Col::SecondaryDamage, names(SECONDARY_DAMAGES)),
        (Col::SaleTitleType, names(TITLE_TYPES)),
        (Col::HasKeys, names(KEYS)),
        (Col::OdometerBrand, names(ODOMETER_BRANDS)),
        (Col::Engine, vec![ELECTRIC_ENGINE]),
        (Col::Drive, DRIVES.to_vec()),
        (Col::Transmission, vec![AUTOMATIC, MANUAL]),
        (Col::FuelType, Fuel::ALL.iter().map(|f| f.code()).collect()),
        (Col::RunsDrives, names(RUNS_DRIVES)),
        (Col::SaleStatus, names(SALE_STATUSES)),
    ]
}

/// Every body code of a class some model of the vehicle tables belongs to.
fn body_styles() -> Vec<&'static str> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (code, _) in VEHICLE_TYPES {
        for make in makes_for(code) {
            for model in make.models {
                for (body, _) in model.class.body_codes() {
                    if seen.insert(*body) {
                        out.push(*body);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenConfig, Generator};

    /// A generated export writes nothing outside the vocabulary into those columns, so the list
    /// cannot fall behind the tables.
    #[test]
    fn generated_rows_stay_inside_the_vocabulary() {
        let vocabulary = vocabulary();
        let mut g = Generator::new(GenConfig::new(11, 5000));
        for _ in 0..5000 {
            let lot = g.next_lot();
            for (col, values) in &vocabulary {
                let v = lot.field(*col);
                let figure = *col == Col::Engine && v.starts_with(|c: char| c.is_ascii_digit());
                assert!(
                    v.is_empty() || figure || values.contains(&v),
                    "{col:?}: {v:?} is not in the vocabulary"
                );
            }
        }
    }

    #[test]
    fn lists_are_full_and_unique() {
        for (col, values) in vocabulary() {
            let unique: BTreeSet<_> = values.iter().collect();
            assert_eq!(unique.len(), values.len(), "{col:?} repeats a value");
            assert!(!values.is_empty() && !values.contains(&""), "{col:?}");
        }
        let bodies = body_styles();
        assert!(bodies.contains(&"SEDAN 4D") && bodies.contains(&"FIRE TRU"));
    }
}
