//! Which status and which price a lot shows, with honest labels.
//!
//! The earlier system's rules, adapted where they told more than we know:
//! - Copart never publishes the final price, so there is no "Final bid" and no "sold" from a
//!   price: `sold` comes only from the export's own status.
//! - Terminal export statuses (sold, cancelled, on hold) win over the clock.
//! - Otherwise the auction time decides: more than 24 h ahead is upcoming, within ±24 h live;
//!   more than 24 h past is "awaiting result" (a bid was seen) or "no bids" — never "sold".
//! - The export status is shown as is when there is no auction time.
//! - A price is shown only when > 0, with the label of what it really is ("Current bid",
//!   "Buy now", "Retail value" — the estimate, not a price paid).

use chrono::{DateTime, Utc};

use crate::status::SaleStatus;

/// The status a badge shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DisplayStatus {
    Sold,
    Live,
    Upcoming,
    /// The auction is more than a day past and a bid was seen; the outcome is not known yet.
    AwaitingResult,
    /// The auction is more than a day past and no bid was seen.
    NoBids,
    OnApproval,
    MinimumBid,
    PureSale,
    Cancelled,
    OnHold,
    Unknown,
}

/// The hours either side of the auction time that count as "live".
const LIVE_WINDOW_HOURS: i64 = 24;

/// The display status of a lot at `now`.
pub fn display_status(
    status: SaleStatus,
    auction_at: Option<DateTime<Utc>>,
    current_bid_cents: i64,
    now: DateTime<Utc>,
) -> DisplayStatus {
    match status {
        SaleStatus::Sold => return DisplayStatus::Sold,
        SaleStatus::Cancelled => return DisplayStatus::Cancelled,
        SaleStatus::OnHold => return DisplayStatus::OnHold,
        _ => {}
    }
    if let Some(at) = auction_at {
        let hours = (at - now).num_hours();
        return if hours > LIVE_WINDOW_HOURS {
            DisplayStatus::Upcoming
        } else if hours >= -LIVE_WINDOW_HOURS {
            DisplayStatus::Live
        } else if current_bid_cents > 0 {
            DisplayStatus::AwaitingResult
        } else {
            DisplayStatus::NoBids
        };
    }
    match status {
        SaleStatus::PureSale => DisplayStatus::PureSale,
        SaleStatus::OnMinimumBid => DisplayStatus::MinimumBid,
        SaleStatus::OnApproval => DisplayStatus::OnApproval,
        SaleStatus::FutureSale | SaleStatus::PendingSale => DisplayStatus::Upcoming,
        _ => DisplayStatus::Unknown,
    }
}

/// What a price amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PriceLabel {
    BuyNow,
    CurrentBid,
    /// The high bid of a lot awaiting the seller's approval.
    HighBid,
    /// A bid placed before the live auction.
    PreBid,
    /// Copart's estimate of the retail value, not a price.
    RetailValue,
}

/// The price badge: an amount with its label, a status text instead of an amount, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceBadge {
    Amount { label: PriceLabel, cents: i64 },
    Text(DisplayStatus),
    Hidden,
}

/// The price badge of a lot, chosen by its export status (not by the display status).
pub fn price_badge(
    status: SaleStatus,
    current_bid_cents: i64,
    buy_it_now_cents: Option<i64>,
    est_retail_value_cents: Option<i64>,
) -> PriceBadge {
    let pos = |v: Option<i64>| v.filter(|c| *c > 0);
    let bid = pos(Some(current_bid_cents));
    let buy_now = pos(buy_it_now_cents);
    let retail = pos(est_retail_value_cents);
    let amount = |label, cents| PriceBadge::Amount { label, cents };
    match status {
        SaleStatus::Sold => PriceBadge::Text(DisplayStatus::Sold),
        SaleStatus::OnApproval => bid.map_or(PriceBadge::Text(DisplayStatus::OnApproval), |c| {
            amount(PriceLabel::HighBid, c)
        }),
        SaleStatus::OnMinimumBid => bid.map_or(PriceBadge::Text(DisplayStatus::MinimumBid), |c| {
            amount(PriceLabel::CurrentBid, c)
        }),
        SaleStatus::PureSale => buy_now
            .map(|c| amount(PriceLabel::BuyNow, c))
            .or(bid.map(|c| amount(PriceLabel::CurrentBid, c)))
            .or(retail.map(|c| amount(PriceLabel::RetailValue, c)))
            .unwrap_or(PriceBadge::Hidden),
        SaleStatus::FutureSale | SaleStatus::PendingSale => buy_now
            .map(|c| amount(PriceLabel::BuyNow, c))
            .or(bid.map(|c| amount(PriceLabel::PreBid, c)))
            .or(retail.map(|c| amount(PriceLabel::RetailValue, c)))
            .unwrap_or(PriceBadge::Text(DisplayStatus::Upcoming)),
        SaleStatus::Cancelled | SaleStatus::OnHold | SaleStatus::Unknown => PriceBadge::Hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_760_000_000, 0).expect("t")
    }

    #[test]
    fn the_clock_decides_between_terminal_statuses() {
        let s = |status, h: Option<i64>, bid| {
            display_status(status, h.map(|h| now() + Duration::hours(h)), bid, now())
        };
        assert_eq!(
            s(SaleStatus::PureSale, Some(48), 0),
            DisplayStatus::Upcoming
        );
        assert_eq!(s(SaleStatus::PureSale, Some(2), 0), DisplayStatus::Live);
        assert_eq!(s(SaleStatus::PureSale, Some(-2), 0), DisplayStatus::Live);
        assert_eq!(
            s(SaleStatus::PureSale, Some(-48), 100),
            DisplayStatus::AwaitingResult
        );
        assert_eq!(s(SaleStatus::PureSale, Some(-48), 0), DisplayStatus::NoBids);
        assert_eq!(s(SaleStatus::Sold, Some(48), 0), DisplayStatus::Sold);
        assert_eq!(
            s(SaleStatus::Cancelled, Some(2), 0),
            DisplayStatus::Cancelled
        );
        assert_eq!(
            s(SaleStatus::OnMinimumBid, None, 0),
            DisplayStatus::MinimumBid
        );
        assert_eq!(s(SaleStatus::Unknown, None, 0), DisplayStatus::Unknown);
    }

    #[test]
    fn prices_only_count_when_positive_and_say_what_they_are() {
        use PriceLabel::*;
        let a = |label, cents| PriceBadge::Amount { label, cents };
        assert_eq!(
            price_badge(SaleStatus::PureSale, 500, Some(900), Some(100)),
            a(BuyNow, 900)
        );
        assert_eq!(
            price_badge(SaleStatus::PureSale, 0, Some(0), Some(100)),
            a(RetailValue, 100)
        );
        assert_eq!(
            price_badge(SaleStatus::PureSale, 0, None, None),
            PriceBadge::Hidden
        );
        assert_eq!(
            price_badge(SaleStatus::OnApproval, 700, None, None),
            a(HighBid, 700)
        );
        assert_eq!(
            price_badge(SaleStatus::FutureSale, 700, None, None),
            a(PreBid, 700)
        );
        assert_eq!(
            price_badge(SaleStatus::FutureSale, 0, None, None),
            PriceBadge::Text(DisplayStatus::Upcoming)
        );
        assert_eq!(
            price_badge(SaleStatus::Sold, 700, None, None),
            PriceBadge::Text(DisplayStatus::Sold)
        );
        assert_eq!(
            price_badge(SaleStatus::Cancelled, 700, None, None),
            PriceBadge::Hidden
        );
    }
}
