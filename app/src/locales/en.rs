//! English messages.

use crate::i18n::Messages;

fn lots_count(n: i64) -> String {
    if n == 1 {
        "1 lot".to_owned()
    } else {
        format!(
            "{} lots",
            crate::format::group_digits(n, crate::i18n::Lang::En)
        )
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pure_sale" => "Pure sale",
        "on_minimum_bid" => "Minimum bid",
        "on_approval" => "On approval",
        "future_sale" | "pending_sale" => "Upcoming",
        "sold" => "Sold",
        "cancelled" => "Cancelled",
        "on_hold" => "On hold",
        _ => "Unknown",
    }
}

pub const MESSAGES: Messages = Messages {
    site_name: "Vinops",
    tagline: "Auction history of US salvage vehicles by VIN",
    nav_home: "Home",
    nav_catalog: "Catalog",
    switch_language: "Русский",
    theme_toggle: "Toggle dark mode",
    skip_to_content: "Skip to content",
    home_title: "VIN history & car auction analytics",
    home_lead: "Photos, specs, auction dates and bids of vehicles sold at US salvage auctions.",
    home_browse: "Browse the catalog",
    catalog_title: "Car catalog",
    catalog_lead: "Live lots: photos, specs, statuses and bids.",
    catalog_empty: "No vehicles found.",
    catalog_unavailable: "The catalog is temporarily unavailable. Please try again in a minute.",
    lots_count,
    lot_number: "Lot",
    odometer: "Odometer",
    location: "Location",
    auction_date: "Auction",
    not_scheduled: "Not scheduled",
    current_bid: "Current bid",
    buy_now: "Buy now",
    retail_value: "Retail value",
    no_bids: "No bids yet",
    miles_unit: "mi",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address.",
    back_home: "Go to the home page",
    footer_about: "VIN lookup for auction vehicles with data from US salvage auctions.",
    status_label,
};
