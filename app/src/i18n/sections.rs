//! The message groups of the hubs and of the price displays (charts, provenance, the VIN
//! timeline, similar lots): `Messages::hub` and `Messages::price`, one value per language in
//! `locales/hub_<code>.rs` and `locales/price_<code>.rs`.

use vinops::catalog::PriceSource;

/// The make and model hub pages' strings (`locales/hub_<code>.rs`).
pub struct HubMessages {
    /// Heading of the make index on the home page.
    pub makes_title: &'static str,
    pub breadcrumbs_label: &'static str,
    /// "FORD at salvage auctions" (`make`) and "FORD F150 at …" (`make model`).
    pub title: fn(&str) -> String,
    /// "{lots} across {n} models" under a make's heading.
    pub make_lead: fn(i64, usize) -> String,
    /// Description of a make's hub: (make, lots, models).
    pub meta_make_description: fn(&str, i64, usize) -> String,
    /// Description of a model's hub: ("FORD F150", lots).
    pub meta_model_description: fn(&str, i64) -> String,
    pub models_title: &'static str,
    pub lots_title: &'static str,
    /// "All {n} lots in the catalog".
    pub all_lots: fn(i64) -> String,
    pub prices_title: &'static str,
    /// What the table covers: lots with a sale date from the given (formatted) date on.
    pub prices_since: fn(&str) -> String,
    pub prices_all: &'static str,
    pub prices_empty: &'static str,
    pub window_label: &'static str,
    /// Label of a `PriceWindow` parameter value (`30d`, `90d`, `365d`, `all`).
    pub window_name: fn(&str) -> &'static str,
    pub col_year: &'static str,
    pub col_lots: &'static str,
    pub col_median_bid: &'static str,
    pub col_median_retail: &'static str,
    pub year_unknown: &'static str,
    pub no_figure: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub bad_query: &'static str,
}

/// Strings of the price charts, the price provenance, the VIN timeline and the similar lots
/// (`locales/price_<code>.rs`).
pub struct PriceMessages {
    /// A short label of where a price comes from ("last seen bid", "estimate").
    pub source: fn(PriceSource) -> &'static str,
    /// What that means, in a sentence (the label's tooltip and the legend).
    pub source_note: fn(PriceSource) -> &'static str,
    pub chart_title: &'static str,
    /// The hub chart's text alternative: (number of years, first year, last year).
    pub chart_desc: fn(usize, &str, &str) -> String,
    /// A model year's chart, by month of sale: its title and text alternative (number of
    /// months, first and last month).
    pub chart_title_months: &'static str,
    pub chart_desc_months: fn(usize, &str, &str) -> String,
    /// Short month names, 1 = January ("Oct" in "Oct 2025").
    pub month_name: fn(u32) -> &'static str,
    /// The year hub's first column and its row for lots without a sale date.
    pub col_month: &'static str,
    pub no_sale_date: &'static str,
    /// Heading of the links to a model's years.
    pub years_title: &'static str,
    /// Description of a year hub: ("2018 FORD F150", lots).
    pub meta_year_description: fn(&str, i64) -> String,
    pub legend_bid: &'static str,
    pub legend_bid_range: &'static str,
    pub legend_retail: &'static str,
    /// Heading of the period's quartiles.
    pub spread_title: &'static str,
    pub spread_bids: &'static str,
    pub spread_retail: &'static str,
    /// One line of quartiles: (what, first quartile, median, third quartile, lots behind them).
    pub spread: fn(&str, &str, &str, &str, i64) -> String,
    pub col_bid_range: &'static str,
    pub timeline_title: &'static str,
    /// Under the timeline's heading: how many attempts.
    pub timeline_lead: fn(usize) -> String,
    pub timeline_chart_title: &'static str,
    pub timeline_chart_desc: fn(usize) -> String,
    pub col_when: &'static str,
    pub col_lot: &'static str,
    pub col_status: &'static str,
    pub col_bid: &'static str,
    pub col_change: &'static str,
    pub first_attempt: &'static str,
    pub no_bid: &'static str,
    /// "Pure sale → Minimum bid" (labels already localized).
    pub status_change: fn(&str, &str) -> String,
    pub similar_title: &'static str,
    /// Under "Similar lots": the subject ("FORD F150").
    pub similar_lead: fn(&str) -> String,
}
