//! A VIN's auction timeline: every lot of the VIN as one attempt to sell it, oldest first, with
//! what changed since the attempt before (the bid, the export's status). A vehicle that did not
//! sell is relisted under a new lot number, so the attempts of one VIN are its lots; the page
//! draws them as a small chart and lists them as a table.

use chrono::{DateTime, NaiveTime, Utc};

use super::VinLotDetail;

/// One attempt and its change from the previous one.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt<'a> {
    pub lot: &'a VinLotDetail,
    /// When it was (to be) sold: the auction time, else the sale date at midnight UTC, else
    /// when the lot first appeared in an export.
    pub at: DateTime<Utc>,
    /// The last seen bid; `None` when no bid was seen (a current bid of 0).
    pub bid_cents: Option<i64>,
    /// This attempt's bid minus the previous one's, when both saw a bid.
    pub bid_change_cents: Option<i64>,
    /// The previous attempt's export status, when it differs from this one's.
    pub status_was: Option<&'a str>,
}

/// When a lot was (to be) auctioned, as well as the data says.
fn attempt_time(lot: &VinLotDetail) -> DateTime<Utc> {
    lot.auction_at
        .or_else(|| lot.sale_date.map(|d| d.and_time(NaiveTime::MIN).and_utc()))
        .unwrap_or(lot.first_seen_at)
}

/// The attempts of `lots` (any order), oldest first; ties by lot id, as the VIN page orders
/// its lots.
pub fn timeline(lots: &[VinLotDetail]) -> Vec<Attempt<'_>> {
    let mut ordered: Vec<(DateTime<Utc>, &VinLotDetail)> =
        lots.iter().map(|l| (attempt_time(l), l)).collect();
    ordered.sort_by_key(|(at, l)| (*at, l.id));
    let mut out: Vec<Attempt<'_>> = Vec::with_capacity(ordered.len());
    for (at, lot) in ordered {
        let bid_cents = Some(lot.current_bid_cents).filter(|c| *c > 0);
        let (bid_change_cents, status_was) = match out.last() {
            Some(p) => (
                bid_cents.zip(p.bid_cents).map(|(now, before)| now - before),
                (p.lot.sale_status != lot.sale_status).then_some(p.lot.sale_status.as_str()),
            ),
            None => (None, None),
        };
        out.push(Attempt {
            lot,
            at,
            bid_cents,
            bid_change_cents,
            status_was,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn lot(id: i64, day: Option<u32>, bid: i64, status: &str) -> VinLotDetail {
        let seen = DateTime::from_timestamp(1_700_000_000 + id * 1000, 0).expect("t");
        VinLotDetail {
            id,
            lot_number: 50_000_000 + id,
            vehicle_type: "V".into(),
            yard_number: 1,
            yard_name: "CA - SAN DIEGO".into(),
            location_city: None,
            location_state: None,
            location_zip: None,
            location_country: None,
            sale_date: day.map(|d| NaiveDate::from_ymd_opt(2025, 10, d).expect("date")),
            sale_time_local: None,
            time_zone: "PDT".into(),
            auction_at: None,
            odometer_mi: None,
            odometer_brand: None,
            title_state: None,
            title_type: None,
            damage_primary: None,
            damage_secondary: None,
            has_keys: None,
            runs_drives: None,
            est_retail_value_cents: None,
            repair_cost_cents: None,
            current_bid_cents: bid,
            buy_it_now_cents: None,
            sale_status: status.into(),
            sale_status_raw: status.into(),
            outcome: None,
            outcome_method: None,
            outcome_confidence: None,
            outcome_at: None,
            first_seen_at: seen,
            last_seen_at: seen,
            disappeared_at: None,
        }
    }

    #[test]
    fn attempts_run_oldest_first_with_their_changes() {
        // Newest first, as the page holds them.
        let lots = [
            lot(3, Some(20), 0, "pure_sale"),
            lot(2, Some(10), 250_000, "on_minimum_bid"),
            lot(1, Some(1), 175_000, "pure_sale"),
        ];
        let t = timeline(&lots);
        let ids: Vec<i64> = t.iter().map(|a| a.lot.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert_eq!(t[0].bid_change_cents, None);
        assert_eq!(t[0].status_was, None);
        assert_eq!(t[1].bid_change_cents, Some(75_000));
        assert_eq!(t[1].status_was, Some("pure_sale"));
        // No bid seen on the third attempt: no change to show, but the status changed back.
        assert_eq!(t[2].bid_change_cents, None);
        assert_eq!(t[2].status_was, Some("on_minimum_bid"));
    }

    #[test]
    fn an_unscheduled_lot_counts_from_when_it_was_listed() {
        let lots = [
            lot(7, None, 0, "pure_sale"),
            lot(1, Some(1), 0, "pure_sale"),
        ];
        let t = timeline(&lots);
        // Listed in 2023, long before the other's sale date in 2025.
        assert_eq!(t[0].lot.id, 7);
        assert_eq!(t[0].at, lots[0].first_seen_at);
        assert_eq!(t[1].status_was, None);
    }
}
