//! The status badge and the price badge of a lot (rules in `vinops::catalog::badge`).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use vinops::SaleStatus;
use vinops::catalog::PriceSource;
use vinops::catalog::badge::{self, DisplayStatus, PriceBadge};

use crate::format;
use crate::i18n::Lang;

/// Tailwind classes per status tone (the site's status palette: success green, live red, info
/// blue, pending amber, neutral grey).
fn tone(s: DisplayStatus) -> &'static str {
    match s {
        DisplayStatus::Sold => "bg-green-600 text-white",
        DisplayStatus::Live => "bg-red-600 text-white",
        DisplayStatus::Upcoming | DisplayStatus::PureSale => "bg-blue-600 text-white",
        DisplayStatus::AwaitingResult | DisplayStatus::OnApproval => "bg-amber-500 text-black",
        DisplayStatus::MinimumBid => "bg-orange-500 text-black",
        DisplayStatus::NoBids
        | DisplayStatus::Cancelled
        | DisplayStatus::OnHold
        | DisplayStatus::Unknown => "bg-gray-600 text-white",
    }
}

/// The status badge at `now` (server render time; cached data carries no "now").
#[component]
pub fn StatusBadge(
    lang: Lang,
    status: String,
    auction_at: Option<DateTime<Utc>>,
    current_bid_cents: i64,
) -> impl IntoView {
    let status = SaleStatus::from_db_str(&status).unwrap_or(SaleStatus::Unknown);
    let shown = badge::display_status(status, auction_at, current_bid_cents, Utc::now());
    view! {
        <span data-testid="status" class=format!("inline-block rounded-full px-2 py-0.5 text-xs font-semibold {}", tone(shown))>
            {(lang.t().display_status)(shown)}
        </span>
    }
}

/// The price pill with its label and where the amount comes from (`PriceSource`: a bid as last
/// seen, an inferred sale when `outcome` is `sold`, an estimate, an asking price), or nothing
/// when the rules hide it.
#[component]
pub fn PriceBadgeView(
    lang: Lang,
    status: String,
    current_bid_cents: i64,
    buy_it_now_cents: Option<i64>,
    est_retail_value_cents: Option<i64>,
    /// The lot's inferred outcome (`lots.outcome`).
    #[prop(default = None)]
    outcome: Option<String>,
) -> impl IntoView {
    let t = lang.t();
    let status = SaleStatus::from_db_str(&status).unwrap_or(SaleStatus::Unknown);
    let pill = match badge::price_badge(
        status,
        current_bid_cents,
        buy_it_now_cents,
        est_retail_value_cents,
    ) {
        PriceBadge::Amount { label, cents } => Some((
            (t.price_label)(label),
            format::usd(cents, lang),
            Some(PriceSource::of_label(label, outcome.as_deref())),
        )),
        PriceBadge::Text(s) => Some(("", (t.display_status)(s).to_owned(), None)),
        PriceBadge::Hidden => None,
    };
    pill.map(|(label, value, source)| {
        let title = source.map_or(t.price_note, |s| (t.price.source_note)(s));
        view! {
            <p class="flex items-baseline justify-between gap-2" title=title data-testid="price-badge">
                <span class="text-xs text-fg-muted">
                    {label}
                    {source.map(|s| view! { " · "<span data-testid="price-source">{(t.price.source)(s)}</span> })}
                </span>
                <span class="rounded-full bg-brand px-3 py-0.5 text-sm font-semibold text-white" data-testid="price">{value}</span>
            </p>
        }
    })
}
