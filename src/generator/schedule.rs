//! Sale slots: the yard's usual sale day a few weeks ahead most of the time, any weekday up to
//! about four months ahead otherwise; and what a relisted lot gets fresh.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};

use crate::header::Col;

use super::Generator;
use super::lot::{GeneratedLot, Sale};
use super::text::Stamp;
use super::values::OTHER_SALE_TIMES;
use super::yards::Yard;

impl Generator {
    /// A sale slot at the yard after the export time.
    pub(super) fn draw_sale(&mut self, yard: &Yard) -> Sale {
        let now = self.cfg.export_time;
        let rng = &mut self.rng;
        let hhmm = if rng.per_10k(8000) {
            yard.sale_hhmm
        } else {
            *rng.pick(OTHER_SALE_TIMES)
        };
        let date = if rng.per_10k(8500) {
            let weeks = rng.weighted(&[
                (0i64, 34),
                (1, 33),
                (2, 17),
                (3, 8),
                (4, 4),
                (5, 2),
                (6, 1),
                (8, 1),
            ]);
            next_usual_sale_date(yard, now) + Duration::weeks(weeks)
        } else {
            let days = match rng.below(100) {
                0..=54 => rng.range(1, 21),
                55..=87 => rng.range(22, 60),
                _ => rng.range(61, 132),
            };
            to_weekday(yard.zone.local_date(now) + Duration::days(days as i64))
        };
        Sale { date, hhmm }
    }

    /// Resets what a relisted lot gets fresh.
    pub(super) fn refresh_relisted(&mut self, lot: &mut GeneratedLot) {
        let now = self.cfg.export_time;
        lot.set_sale(None, now);
        lot.set_high_bid(0);
        let status = if self.rng.per_10k(6500) {
            "Pure Sale"
        } else {
            "On Minimum Bid"
        };
        lot.set_sale_status(status);
        let micros = self.rng.below(1_000_000);
        Stamp::from_unix(now.timestamp()).push_db2(lot.field_mut(Col::CreateDateTime), micros);
        lot.set_last_updated(now);
    }
}

/// The yard's next usual sale day after `now` (today counts if the sale has not started yet).
pub(super) fn next_usual_sale_date(yard: &Yard, now: DateTime<Utc>) -> NaiveDate {
    let local = yard.zone.local_time(now);
    let today = local.date();
    let ahead =
        (7 + yard.sale_day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let mut date = today + Duration::days(i64::from(ahead));
    let started = local.hour() * 100 + local.minute() >= u32::from(yard.sale_hhmm);
    if ahead == 0 && started {
        date += Duration::weeks(1);
    }
    date
}

/// Moves a weekend date to the following Monday.
pub(super) fn to_weekday(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Duration::days(2),
        Weekday::Sun => date + Duration::days(1),
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::GenConfig;
    use crate::generator::yards::YARDS;

    #[test]
    fn next_usual_sale_date_respects_the_start_time() {
        let now = GenConfig::default_export_time(); // Wed 2025-10-15 00:04 EDT / Tue 21:04 PDT
        let vallejo = &YARDS.iter().find(|y| y.number == 1).expect("Vallejo");
        assert_eq!(
            next_usual_sale_date(vallejo, now),
            NaiveDate::from_ymd_opt(2025, 10, 17).expect("date")
        );
        let atlanta = YARDS
            .iter()
            .find(|y| y.name == "GA - ATLANTA NORTH")
            .expect("yard");
        // Wednesday 10:00 sale, and it is just past midnight on Wednesday in Georgia.
        assert_eq!(
            next_usual_sale_date(atlanta, now),
            NaiveDate::from_ymd_opt(2025, 10, 15).expect("date")
        );
    }

    #[test]
    fn weekends_move_to_monday() {
        let sat = NaiveDate::from_ymd_opt(2025, 10, 18).expect("date");
        assert_eq!(to_weekday(sat).weekday(), Weekday::Mon);
        assert_eq!(to_weekday(sat + Duration::days(1)), sat + Duration::days(2));
    }
}
