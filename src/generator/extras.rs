//! The columns after the vehicle and its condition: location, images, creation and update
//! times, and the sparse flags and texts at the end of the row.

use chrono::{DateTime, Utc};

use crate::header::Col;

use super::Generator;
use super::lot::GeneratedLot;
use super::record::draw;
use super::rng::Rng;
use super::text::{Stamp, push_hex64, push_padded, push_u64};
use super::values::{ANNOUNCEMENTS, AUTO_GRADES, OFFSITE_STREETS, SALE_LIGHTS, SELLERS};
use super::yards::{YARDS, Yard};

impl Generator {
    /// Location, images, creation and update times, and the sparse columns at the end.
    pub(super) fn fill_location_and_times(
        &mut self,
        lot: &mut GeneratedLot,
        yard: &'static Yard,
        now: DateTime<Utc>,
    ) {
        let rng = &mut self.rng;
        lot.set_field(Col::LocationCity, yard.city);
        lot.set_field(Col::LocationState, yard.state);
        lot.set_field(Col::LocationZip, yard.zip);
        lot.set_field(Col::LocationCountry, "USA");
        lot.set_field(Col::CurrencyCode, "USD");

        // Created 0–180 days ago, mostly within the last two weeks.
        let now_s = now.timestamp();
        let days = match rng.below(100) {
            0..=24 => rng.below(4),
            25..=59 => rng.range(4, 14),
            60..=84 => rng.range(15, 45),
            _ => rng.range(46, 180),
        };
        let created_s = now_s - days as i64 * 86_400 - rng.range(60, 86_399) as i64;
        let created = Stamp::from_unix(created_s);
        created.push_db2(lot.field_mut(Col::CreateDateTime), rng.below(1_000_000));
        let thumb = lot.field_mut(Col::ImageThumbnail);
        let (hi, lo) = (rng.next_u64(), rng.next_u64());
        if !rng.per_10k(2) {
            thumb.push_str("cs.copart.com/v1/AUTH_svc.pdoc00001/lpp/");
            push_padded(thumb, u64::from(created.month), 2);
            push_padded(thumb, (created.year % 100).unsigned_abs().into(), 2);
            thumb.push('/');
            push_hex64(thumb, hi);
            push_hex64(thumb, lo);
            thumb.push_str("_thb.jpg");
        }
        let grid = lot.field_mut(Col::GridRow);
        if !rng.per_10k(10) {
            grid.push(char::from(b'A' + rng.below(26) as u8));
            if rng.per_10k(1000) {
                grid.push(char::from(b'A' + rng.below(26) as u8));
            }
            push_u64(grid, rng.range(1, 150));
        }

        // Last update: mostly within hours of the export, never before creation, whole minutes.
        let gap = (now_s - created_s).max(60) as u64;
        let back = match rng.below(10) {
            0..=4 => rng.below(6 * 3600),
            5..=7 => rng.range(6 * 3600, 72 * 3600),
            _ => rng.below(gap),
        }
        .min(gap) as i64;
        let mut updated_s = (now_s - back).div_euclid(60) * 60;
        if updated_s < created_s {
            updated_s = (created_s.div_euclid(60) + 1) * 60;
        }
        Stamp::from_unix(updated_s.min(now_s)).push_iso(lot.field_mut(Col::LastUpdatedTime));

        lot.set_field(Col::Rentals, if rng.per_10k(350) { "Y" } else { "N" });
        lot.set_field(Col::CopartSelect, if rng.per_10k(200) { "Y" } else { "N" });
        let seller = if rng.per_10k(3440) {
            draw(&self.tables.sellers, SELLERS, rng)
        } else {
            ""
        };
        lot.set_field(Col::SellerName, seller);

        let offsite = rng.per_10k(140);
        for col in [
            Col::OffsiteAddress1,
            Col::OffsiteState,
            Col::OffsiteCity,
            Col::OffsiteZip,
        ] {
            lot.field_mut(col);
        }
        if offsite {
            let other = nearby_yard(rng, yard);
            let address = lot.field_mut(Col::OffsiteAddress1);
            push_u64(address, rng.range(100, 19_999));
            address.push(' ');
            address.push_str(rng.choose(OFFSITE_STREETS));
            lot.set_field(Col::OffsiteState, other.state);
            lot.set_field(Col::OffsiteCity, other.city);
            lot.set_field(Col::OffsiteZip, &other.zip[..5]);
        }
        let graded = rng.per_10k(34);
        lot.set_field(
            Col::SaleLight,
            if graded {
                rng.weighted(SALE_LIGHTS)
            } else {
                ""
            },
        );
        lot.set_field(
            Col::AutoGrade,
            if graded { rng.choose(AUTO_GRADES) } else { "" },
        );
        lot.set_field(
            Col::Announcements,
            if rng.per_10k(22) {
                rng.weighted(ANNOUNCEMENTS)
            } else {
                ""
            },
        );
    }
}

/// Another yard in the same state when there is one, for offsite locations.
fn nearby_yard(rng: &mut Rng, yard: &'static Yard) -> &'static Yard {
    let start = rng.index(YARDS.len());
    (0..YARDS.len())
        .map(|i| &YARDS[(start + i) % YARDS.len()])
        .find(|y| y.state == yard.state && y.number != yard.number)
        .unwrap_or(yard)
}
