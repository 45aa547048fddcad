//! Deliberately broken rows (`bad_row_rate > 0`), broken the ways production rows are: junk,
//! forbidden letters, empty and cut VINs, a 7-digit sale date, an unknown time zone. Each is still
//! a well-formed 59-field CSV record. The choice comes from its own random stream, so a file with
//! broken rows equals the clean file with the same seed everywhere else.

use chrono::Duration;

use crate::header::Col;

use super::Generator;
use super::lot::{BadKind, GeneratedLot, Sale};
use super::schedule::to_weekday;
use super::values::{JUNK_VINS, UNKNOWN_ZONES};

impl Generator {
    /// Whether (and how) the next row is broken; draws only when broken rows were asked for.
    pub(super) fn draw_bad(&mut self) -> Option<BadKind> {
        let rate = self.cfg.bad_row_rate;
        if rate > 0.0 && self.bad_rng.chance(rate) {
            Some(BadKind::ALL[self.bad_rng.index(BadKind::ALL.len())])
        } else {
            None
        }
    }

    pub(super) fn apply_bad(&mut self, lot: &mut GeneratedLot, kind: BadKind) {
        let rng = &mut self.bad_rng;
        let now = self.cfg.export_time;
        match kind {
            BadKind::JunkVin => lot.set_field(Col::Vin, rng.choose(JUNK_VINS)),
            BadKind::ForbiddenLetterVin => {
                let vin = lot.field_mut(Col::Vin);
                let mut bytes = std::mem::take(vin).into_bytes();
                let at = rng.index(bytes.len().max(1));
                let letter = *rng.pick(b"IOQ");
                if let Some(b) = bytes.get_mut(at) {
                    *b = letter;
                } else {
                    bytes.push(letter);
                }
                *vin = String::from_utf8(bytes).unwrap_or_default();
            }
            BadKind::EmptyVin => lot.set_field(Col::Vin, ""),
            BadKind::ShortVin => {
                let vin = &mut lot.fields[Col::Vin.index()];
                while vin.len() < 10 {
                    vin.push('0');
                }
                vin.truncate(10);
            }
            BadKind::SevenDigitSaleDate | BadKind::UnknownTimeZone => {
                // Both only mean something on a scheduled row; schedule it if it was not.
                if lot.sale().is_none() {
                    let date = to_weekday(lot.yard.zone.local_date(now) + Duration::days(2));
                    lot.set_sale(
                        Some(Sale {
                            date,
                            hhmm: lot.yard.sale_hhmm,
                        }),
                        now,
                    );
                }
                if kind == BadKind::SevenDigitSaleDate {
                    lot.fields[Col::SaleDate.index()].truncate(7);
                } else {
                    lot.set_field(Col::TimeZone, rng.choose(UNKNOWN_ZONES));
                }
            }
        }
    }
}
