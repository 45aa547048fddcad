//! English strings of the price charts, the price provenance, the VIN timeline and the
//! similar lots.

use vinops::catalog::PriceSource;

use crate::i18n::{Lang, PriceMessages};

fn source(s: PriceSource) -> &'static str {
    match s {
        PriceSource::LastSeenBid => "last seen bid",
        PriceSource::InferredSale => "inferred sale",
        PriceSource::Estimate => "estimate",
        PriceSource::AskingPrice => "asking price",
    }
}

fn source_note(s: PriceSource) -> &'static str {
    match s {
        PriceSource::LastSeenBid => {
            "The highest bid in the latest export we read; the auction may have raised it since. Auction fees not included."
        }
        PriceSource::InferredSale => {
            "The last bid we saw before the lot left the export after its auction; we infer it sold, for at least this. Copart does not publish final prices."
        }
        PriceSource::Estimate => "Copart's estimate, not a price anyone paid.",
        PriceSource::AskingPrice => "The seller's Buy It Now price: an offer, not a sale.",
    }
}

fn chart_desc(years: usize, from: &str, to: &str) -> String {
    let span = if from == to {
        format!("model year {from}")
    } else {
        format!("{years} model years from {from} to {to}")
    };
    format!(
        "Chart of {span}: for each year a dot for the median last seen bid, a bar for the middle half of bids and a diamond for the median estimated retail value. The table below gives every figure."
    )
}

fn chart_desc_months(months: usize, from: &str, to: &str) -> String {
    let span = if months == 1 {
        from.to_owned()
    } else {
        format!("{months} months from {from} to {to}")
    };
    format!(
        "Chart of {span}: for each month of sale a dot for the median last seen bid, a bar for the middle half of bids and a diamond for the median estimated retail value. The table below gives every figure."
    )
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[(m.clamp(1, 12) - 1) as usize]
}

fn meta_year_description(subject: &str, lots: i64) -> String {
    format!(
        "{subject} at US salvage auctions: {}, median bids and estimated retail values by month of sale, photos and auction history.",
        (Lang::En.t().lots_count)(lots)
    )
}

fn spread(what: &str, q1: &str, median: &str, q3: &str, lots: i64) -> String {
    format!(
        "{what}: a quarter of lots under {q1}, half under {median}, three quarters under {q3} ({}).",
        (Lang::En.t().lots_count)(lots)
    )
}

fn timeline_lead(attempts: usize) -> String {
    match attempts {
        1 => "Offered once so far.".to_owned(),
        n => format!(
            "Offered {n} times: a vehicle that does not sell is relisted under a new lot number."
        ),
    }
}

fn timeline_chart_desc(attempts: usize) -> String {
    format!(
        "Chart of the last seen bid of each of the {attempts} attempts, oldest on the left. The table below gives every figure."
    )
}

fn status_change(was: &str, now: &str) -> String {
    format!("{was} → {now}")
}

fn similar_lead(subject: &str) -> String {
    format!("Other {subject} from one model year either side, most recent auctions first.")
}

pub const PRICE: PriceMessages = PriceMessages {
    source,
    source_note,
    chart_title: "Median bid and estimated retail value by model year",
    chart_desc,
    chart_title_months: "Median bid and estimated retail value by month of sale",
    chart_desc_months,
    month_name,
    col_month: "Month of sale",
    no_sale_date: "No sale date",
    years_title: "Model years",
    meta_year_description,
    legend_bid: "Median last seen bid",
    legend_bid_range: "Middle half of bids",
    legend_retail: "Median estimated retail value",
    spread_title: "Spread in this period",
    spread_bids: "Last seen bids",
    spread_retail: "Estimated retail values",
    spread,
    col_bid_range: "Middle half of bids",
    timeline_title: "Auction timeline",
    timeline_lead,
    timeline_chart_title: "Last seen bid per attempt",
    timeline_chart_desc,
    col_when: "Auction",
    col_lot: "Lot",
    col_status: "Status",
    col_bid: "Last seen bid",
    col_change: "Change",
    first_attempt: "First attempt",
    no_bid: "No bid seen",
    status_change,
    similar_title: "Similar lots",
    similar_lead,
};
