//! English strings of the make and model hub pages.

use crate::i18n::{HubMessages, Lang};

fn num(n: i64) -> String {
    crate::format::group_digits(n, Lang::En)
}

fn lots(n: i64) -> String {
    (Lang::En.t().lots_count)(n)
}

fn title(subject: &str) -> String {
    format!("{subject} at salvage auctions")
}

fn models(n: usize) -> String {
    match n {
        1 => "1 model".to_owned(),
        n => format!("{} models", num(n as i64)),
    }
}

fn make_lead(n: i64, m: usize) -> String {
    format!("{} across {}.", lots(n), models(m))
}

fn meta_make_description(make: &str, n: i64, m: usize) -> String {
    format!(
        "{make} at US salvage auctions: {} across {}, median bids and estimated retail values by model year, photos and auction history.",
        lots(n),
        models(m)
    )
}

fn meta_model_description(subject: &str, n: i64) -> String {
    format!(
        "{subject} at US salvage auctions: {}, median bids and estimated retail values by model year, photos and auction history.",
        lots(n)
    )
}

fn all_lots(n: i64) -> String {
    format!("All {} in the catalog", lots(n))
}

fn prices_since(date: &str) -> String {
    format!("Lots with a sale date from {date} on, upcoming sales included.")
}

fn window_name(param: &str) -> &'static str {
    match param {
        "30d" => "30 days",
        "90d" => "90 days",
        "365d" => "12 months",
        _ => "All time",
    }
}

pub const HUB: HubMessages = HubMessages {
    makes_title: "Browse by make",
    breadcrumbs_label: "Breadcrumb",
    title,
    make_lead,
    meta_make_description,
    meta_model_description,
    models_title: "Models",
    lots_title: "Next lots to be sold",
    all_lots,
    prices_title: "Prices by model year",
    prices_since,
    prices_all: "Every lot we have recorded.",
    prices_empty: "No lots in this period.",
    window_label: "Period",
    window_name,
    col_year: "Year",
    col_lots: "Lots",
    col_median_bid: "Median current bid",
    col_median_retail: "Median est. retail value",
    year_unknown: "Year unknown",
    no_figure: "—",
    not_found_title: "No such make or model",
    not_found_body: "We have no lots of this make or model. Browse the makes we have on the home page.",
    bad_query: "This link is not valid.",
};
