//! English messages.

use vinops::VehicleKind;
use vinops::catalog::Keys;
use vinops::catalog::badge::{DisplayStatus, PriceLabel};

use crate::i18n::{Lang, Messages, MoreFilterMessages, VinSummary};

fn num(n: i64) -> String {
    crate::format::group_digits(n, Lang::En)
}

fn lots_count(n: i64) -> String {
    if n == 1 {
        "1 lot".to_owned()
    } else {
        format!("{} lots", num(n))
    }
}

fn lots_count_capped(n: i64) -> String {
    format!("{}+ lots", num(n))
}

fn updated_ago(minutes: i64) -> String {
    match minutes {
        ..=0 => "Data updated just now".to_owned(),
        1 => "Data updated 1 minute ago".to_owned(),
        2..=119 => format!("Data updated {minutes} minutes ago"),
        _ => format!("Data updated {} hours ago", minutes / 60),
    }
}

fn photo_alt(title: &str) -> String {
    format!("Photo of {title}")
}

fn lots_title(n: usize) -> String {
    match n {
        1 => "Auction history: 1 attempt".to_owned(),
        n => format!("Auction history: {n} attempts"),
    }
}

fn outcome_inferred(confidence: Option<i64>) -> String {
    match confidence {
        Some(p) => format!("inferred, {p}% confidence"),
        None => "inferred".to_owned(),
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pure_sale" => "Pure sale",
        "on_minimum_bid" => "Minimum bid",
        "on_approval" => "On approval",
        "future_sale" => "Future sale",
        "pending_sale" => "Pending sale",
        "sold" => "Sold",
        "cancelled" => "Cancelled",
        "on_hold" => "On hold",
        _ => "Unknown",
    }
}

fn display_status(s: DisplayStatus) -> &'static str {
    match s {
        DisplayStatus::Sold => "Sold",
        DisplayStatus::Live => "Live now",
        DisplayStatus::Upcoming => "Upcoming",
        DisplayStatus::AwaitingResult => "Awaiting result",
        DisplayStatus::NoBids => "No bids",
        DisplayStatus::OnApproval => "On approval",
        DisplayStatus::MinimumBid => "Minimum bid",
        DisplayStatus::PureSale => "Pure sale",
        DisplayStatus::Cancelled => "Cancelled",
        DisplayStatus::OnHold => "On hold",
        DisplayStatus::Unknown => "Unknown",
    }
}

fn price_label(p: PriceLabel) -> &'static str {
    match p {
        PriceLabel::BuyNow => "Buy now",
        PriceLabel::CurrentBid => "Current bid",
        PriceLabel::HighBid => "High bid",
        PriceLabel::PreBid => "Pre-bid",
        PriceLabel::RetailValue => "Est. retail value",
    }
}

fn kind_label(k: VehicleKind) -> &'static str {
    match k {
        VehicleKind::Automobile => "Cars",
        VehicleKind::Motorcycle => "Motorcycles",
        VehicleKind::Atv => "ATVs",
        VehicleKind::DirtBike => "Dirt bikes",
        VehicleKind::Truck => "Trucks",
        VehicleKind::Rv => "RVs",
        VehicleKind::Trailer => "Trailers",
        VehicleKind::Boat => "Boats",
        VehicleKind::JetSki => "Jet skis",
        VehicleKind::Snowmobile => "Snowmobiles",
        VehicleKind::Equipment => "Equipment",
        VehicleKind::Other => "Other",
    }
}

fn sort_label(slug: &str) -> &'static str {
    match slug {
        "auction_asc" => "Auction date: soonest first",
        "auction_desc" => "Auction date: latest first",
        "listed_desc" => "Newest listed",
        "listed_asc" => "Oldest listed",
        "year_desc" => "Year: newest first",
        "year_asc" => "Year: oldest first",
        "odometer_asc" => "Odometer: lowest first",
        "odometer_desc" => "Odometer: highest first",
        "bid_asc" => "Current bid: lowest first",
        "bid_desc" => "Current bid: highest first",
        _ => "Other order",
    }
}

fn outcome_label(o: &str) -> &'static str {
    match o {
        "sold" => "Sold",
        "not_sold" => "Not sold",
        "on_approval" => "On approval",
        _ => "Unknown",
    }
}

fn yes_no(v: &str) -> &'static str {
    match v {
        "yes" => "Yes",
        "no" => "No",
        "exempt" => "Exempt",
        _ => "Unknown",
    }
}

fn odometer_brand(code: &str) -> &'static str {
    match code {
        "A" => "actual",
        "E" => "exempt",
        "N" => "not actual",
        "T" => "true mileage unknown",
        "R" => "replaced",
        "M" => "mechanical",
        _ => "unknown brand",
    }
}

fn meta_catalog_filtered_title(subject: &str) -> String {
    format!("{subject} at salvage auctions")
}

fn meta_catalog_filtered_description(subject: &str) -> String {
    format!(
        "{subject} at US salvage auctions: upcoming and past Copart lots with photos, damage, odometer, bids and sale dates."
    )
}

fn meta_vin_description(s: &VinSummary) -> String {
    let mut out = format!("{}, VIN {}", s.subject, s.vin);
    if let Some(lot) = s.lot_number {
        out.push_str(&format!(": Copart lot {lot}"));
        if let Some(place) = &s.place {
            out.push_str(&format!(" in {place}"));
        }
        if let Some(date) = &s.date {
            out.push_str(&format!(", auction {date}"));
        }
    }
    let history = match s.lots {
        1 => "1 auction attempt".to_owned(),
        n => format!("{n} auction attempts"),
    };
    let photos = if s.has_photos { ", photos" } else { "" };
    out.push_str(&format!(
        ". History: {history}{photos}, damage, odometer and bids."
    ));
    out
}

fn keys_label(k: Keys) -> &'static str {
    match k {
        Keys::Yes => "With keys",
        Keys::No => "No keys",
        Keys::Exempt => "Not needed",
    }
}

pub const MESSAGES: Messages = Messages {
    site_name: "Vinops",
    tagline: "Auction history of US salvage vehicles by VIN",
    nav_home: "Home",
    nav_catalog: "Catalog",
    nav_contacts: "Contacts",
    nav_terms: "Terms",
    switch_language: "Language",
    theme_toggle: "Toggle dark mode",
    skip_to_content: "Skip to content",
    footer_about: "VIN lookup for auction vehicles with data from US salvage auctions.",
    footer_navigation: "Navigation",
    footer_rights: "All rights reserved.",
    home_title: "VIN history & car auction analytics",
    home_lead: "Photos, specs, auction dates and bids of vehicles sold at US salvage auctions.",
    home_browse: "Browse the catalog",
    search_label: "VIN or lot number",
    search_placeholder: "Enter a VIN or lot number",
    search_button: "Find",
    search_hint: "A VIN has 11–17 letters A–Z (no I, O, Q) and digits; a Copart lot number has up to 10 digits. Spaces and dashes are removed.",
    search_empty: "Enter a VIN or a lot number.",
    search_invalid: "This is neither a VIN nor a lot number. Check the characters: VINs never contain I, O or Q.",
    search_lot_not_found: "We have no vehicle with this lot number.",
    search_unavailable: "Search is temporarily unavailable. Please try again in a minute.",
    features_title: "What you get",
    features: [
        (
            "VIN lookup",
            "Every auction record of a vehicle and its current status.",
        ),
        (
            "Sale history",
            "Auction dates, bids and mileage of each attempt.",
        ),
        ("Full specs", "Damage, title, keys, engine and more."),
        ("Privacy control", "A vehicle page is removed on request."),
    ],
    updated_ago,
    updated_never: "No data loaded yet.",
    catalog_title: "Car catalog",
    catalog_lead: "Live lots: photos, specs, statuses and bids.",
    catalog_empty: "No vehicles found. Try adjusting your filters.",
    catalog_unavailable: "The catalog is temporarily unavailable. Please try again in a minute.",
    catalog_bad_query: "This catalog link is not valid. Reset the filters to start over.",
    lots_count,
    lots_count_capped,
    kind_tabs_label: "Vehicle type",
    kind_all: "All",
    kind_label,
    filters_title: "Filters",
    filter_make: "Make",
    filter_model: "Model",
    filter_trim: "Trim",
    filter_year: "Year",
    filter_year_from: "Year from",
    filter_year_to: "Year to",
    filter_damage: "Damage",
    filter_title_type: "Title",
    filter_status: "Sale status",
    filter_odometer_max: "Odometer up to, mi",
    filter_state: "State",
    filter_any: "Any",
    more_filters: MoreFilterMessages {
        title: "More filters",
        secondary_damage: "Secondary damage",
        yard: "Yard",
        color: "Color",
        fuel: "Fuel",
        drive: "Drive",
        transmission: "Transmission",
        body: "Body style",
        runs_drives: "Runs & drives",
        keys: "Keys",
        odometer_min: "Odometer from, mi",
        bid_min: "Current bid from, $",
        bid_max: "Current bid up to, $",
        buy_it_now: "Buy It Now available",
        auction: "Auction date",
        auction_today: "Today",
        auction_week: "Next 7 days",
        auction_from: "Auction from",
        auction_to: "Auction to",
        auction_tz_note: "Days in your time zone (UTC without JavaScript).",
        keys_label,
    },
    sort_title: "Sort",
    sort_label,
    apply: "Apply",
    reset: "Reset",
    next_page: "Next page",
    pagination_label: "Pages",
    first_page: "First page",
    photo_placeholder: "Photos coming soon",
    photo_alt,
    load_more: "Load more",
    loading_more: "Loading…",
    loaded_more: "More lots loaded: {n}",
    all_loaded: "All lots are shown.",
    load_more_failed: "Could not load more lots. Use the next page link instead.",
    follow_feed: "Follow this search (Atom feed)",
    lot_number: "Lot",
    odometer: "Odometer",
    location: "Location",
    auction_date: "Auction",
    not_scheduled: "Not scheduled",
    miles_unit: "mi",
    status_label,
    display_status,
    price_label,
    price_note: "Excludes auction fees",
    vin_lead: "Every auction record we have for this VIN: specs, lots, dates and bids.",
    copy_vin: "Copy VIN",
    copied: "Copied",
    gallery_placeholder: "Photos will appear here",
    gallery_title: "Photos",
    photo_n_of: "Photo {n} of {total}",
    lightbox_label: "Photo viewer",
    lightbox_close: "Close",
    lightbox_prev: "Previous photo",
    lightbox_next: "Next photo",
    specs_title: "Specifications",
    spec_year: "Year",
    spec_make: "Make",
    spec_model: "Model",
    spec_trim: "Trim",
    spec_body: "Body",
    spec_engine: "Engine",
    spec_transmission: "Transmission",
    spec_drive: "Drive",
    spec_fuel: "Fuel",
    spec_color: "Color",
    spec_cylinders: "Cylinders",
    lots_title,
    lot_auction: "Auction",
    lot_yard: "Yard",
    lot_yard_time: "Yard time",
    lot_utc_time: "UTC",
    lot_local_time: "Your time",
    lot_title_type: "Title",
    lot_damage: "Damage",
    lot_keys: "Keys",
    lot_runs_drives: "Run and drive",
    lot_retail: "Est. retail value",
    lot_repair_cost: "Est. repair cost",
    current_bid: "Current bid",
    buy_now: "Buy now",
    lot_status: "Sale status",
    lot_outcome: "Outcome",
    outcome_label,
    outcome_inferred,
    yes_no,
    odometer_brand,
    vin_unavailable: "Vehicle data is temporarily unavailable. Please try again in a minute.",
    vin_removed_title: "Removed on request",
    vin_removed_body: "The page of this vehicle was removed at the owner's request.",
    vin_not_found_title: "VIN not found",
    vin_not_found_body: "We have no auction records for this VIN.",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address.",
    back_home: "Go to the home page",
    contacts_title: "Contacts",
    contacts_lead: "Questions, corrections or a removal request: write to us.",
    contacts_email: "Email",
    contacts_telegram: "Telegram",
    terms_title: "Terms of use",
    terms_body: [
        "Vinops shows data published by US salvage auctions. We do not sell vehicles and are not affiliated with any auction.",
        "Prices are the last bids seen in the auction's export and exclude auction fees; sale outcomes are inferred and may be wrong.",
        "To have a vehicle page removed, contact us; removed pages answer “removed on request”.",
    ],
    removal_title: "Remove this vehicle",
    removal_lead: "Own this vehicle and want its page taken down? Tell us why; it is free, and an operator reviews every request.",
    removal_reason: "Why should the page be removed?",
    removal_contact: "Email or phone (optional, if you want an answer)",
    removal_submit: "Request removal",
    removal_sent_title: "Request received",
    removal_sent_body: "Thank you. An operator will review the request; once applied, this page and its photos are removed from the site and from search engines.",
    og_locale: "en_US",
    meta_home_description: "Free VIN history of US salvage-auction vehicles: Copart lots with photos, damage, odometer, bids and sale outcomes. Search by VIN or lot number.",
    meta_catalog_description: "Catalog of vehicles at US salvage auctions: upcoming and past Copart lots with photos, damage, odometer, bids and sale dates.",
    meta_catalog_filtered_title,
    meta_catalog_filtered_description,
    meta_vin_description,
    meta_contacts_description: "Contact Vinops: questions, data corrections and free removal of a vehicle page.",
    meta_terms_description: "Terms of use of Vinops: where the auction data comes from, what prices and inferred outcomes mean, and how to have a page removed.",
    hub: &super::hub_en::HUB,
    price: &super::price_en::PRICE,
};
