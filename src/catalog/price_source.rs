//! Where a shown price comes from. Copart's export never carries the price a lot sold for, so
//! every figure the site shows is one of four things, and each page says which:
//!
//! - a **bid as last seen** in an export: the auction may have raised it since;
//! - the last seen bid of a lot we **infer was sold** (it left the export after its auction and
//!   the VIN did not come back): the sale price was at least this, and is not known;
//! - an **estimate**: Copart's estimated retail value or repair cost, which nobody paid;
//! - the seller's **asking price** (Buy It Now), an offer rather than a sale.
//!
//! The original showed a bid under "Final price" when it had one and a "Last known bid"
//! otherwise, and called an estimate a "price". One enum, one label per language, keeps every
//! page (cards, VIN history, hub medians, charts) saying the same thing.

use serde::{Deserialize, Serialize};

use super::badge::PriceLabel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceSource {
    LastSeenBid,
    InferredSale,
    Estimate,
    AskingPrice,
}

impl PriceSource {
    /// A lot's current bid: the last one seen, or an inferred sale when the lot's inferred
    /// outcome (`lots.outcome`) is `sold`.
    pub fn of_bid(outcome: Option<&str>) -> PriceSource {
        if outcome == Some("sold") {
            PriceSource::InferredSale
        } else {
            PriceSource::LastSeenBid
        }
    }

    /// The source of a price badge's amount.
    pub fn of_label(label: PriceLabel, outcome: Option<&str>) -> PriceSource {
        match label {
            PriceLabel::BuyNow => PriceSource::AskingPrice,
            PriceLabel::RetailValue => PriceSource::Estimate,
            PriceLabel::CurrentBid | PriceLabel::HighBid | PriceLabel::PreBid => {
                PriceSource::of_bid(outcome)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bid_is_an_inferred_sale_only_when_the_outcome_says_sold() {
        assert_eq!(PriceSource::of_bid(None), PriceSource::LastSeenBid);
        for other in ["not_sold", "on_approval", "unknown"] {
            assert_eq!(PriceSource::of_bid(Some(other)), PriceSource::LastSeenBid);
        }
        assert_eq!(PriceSource::of_bid(Some("sold")), PriceSource::InferredSale);
    }

    #[test]
    fn estimates_and_offers_stay_what_they_are_whatever_the_outcome() {
        for outcome in [None, Some("sold")] {
            assert_eq!(
                PriceSource::of_label(PriceLabel::RetailValue, outcome),
                PriceSource::Estimate
            );
            assert_eq!(
                PriceSource::of_label(PriceLabel::BuyNow, outcome),
                PriceSource::AskingPrice
            );
        }
        assert_eq!(
            PriceSource::of_label(PriceLabel::HighBid, Some("sold")),
            PriceSource::InferredSale
        );
        assert_eq!(
            PriceSource::of_label(PriceLabel::PreBid, None),
            PriceSource::LastSeenBid
        );
    }
}
