//! One catalog card: title, trim, damage, odometer, location, auction date, status and price.

use leptos::prelude::*;
use vinops::catalog::LotCard;

use crate::format;
use crate::i18n::Lang;

/// Which single price a card shows, and its label: buy-now beats the current bid, which beats
/// the retail estimate. Only amounts > 0 count.
fn price(card: &LotCard, lang: Lang) -> (String, String) {
    let t = lang.t();
    if let Some(bin) = card.buy_it_now_cents.filter(|c| *c > 0) {
        (t.buy_now.to_owned(), format::usd(bin, lang))
    } else if card.current_bid_cents > 0 {
        (
            t.current_bid.to_owned(),
            format::usd(card.current_bid_cents, lang),
        )
    } else if let Some(rv) = card.est_retail_value_cents.filter(|c| *c > 0) {
        (t.retail_value.to_owned(), format::usd(rv, lang))
    } else {
        (t.current_bid.to_owned(), t.no_bids.to_owned())
    }
}

#[component]
pub fn LotCardView(card: LotCard, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let (price_label, price_value) = price(&card, lang);
    let title = card.title();
    let location = [card.location_city.clone(), card.location_state.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let auction = match (card.auction_at, card.sale_date) {
        (Some(at), _) => format::datetime_utc(at, lang),
        (None, Some(d)) => format::date(d, lang),
        (None, None) => t.not_scheduled.to_owned(),
    };
    let odometer = card
        .odometer_mi
        .map(|mi| format::miles(i64::from(mi), lang));
    let status = (t.status_label)(&card.sale_status);
    view! {
        <li data-testid="lot-card" class="flex flex-col gap-2 rounded-2xl border border-muted bg-surface p-4 shadow-sm">
            <div class="flex items-start justify-between gap-2">
                <h2 class="text-lg font-bold leading-tight">{title}</h2>
                <span class="shrink-0 rounded-full bg-brand-soft px-2 py-0.5 text-xs font-semibold text-brand" data-testid="status">
                    {status}
                </span>
            </div>
            {card.trim.clone().map(|trim| view! { <p class="text-sm text-fg-muted">{trim}</p> })}
            <dl class="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                <dt class="text-fg-muted">{t.lot_number}</dt>
                <dd class="font-mono" data-testid="lot-number">{card.lot_number}</dd>
                {odometer.map(|o| view! { <dt class="text-fg-muted">{t.odometer}</dt><dd>{o}</dd> })}
                <dt class="text-fg-muted">{t.location}</dt>
                <dd data-testid="location">{location}</dd>
                <dt class="text-fg-muted">{t.auction_date}</dt>
                <dd>{auction}</dd>
            </dl>
            {card.damage_primary.clone().map(|d| view! { <p class="text-xs uppercase text-fg-muted">{d}</p> })}
            <p class="mt-auto flex items-baseline justify-between border-t border-muted pt-2">
                <span class="text-xs text-fg-muted">{price_label}</span>
                <span class="text-lg font-bold" data-testid="price">{price_value}</span>
            </p>
            <p class="font-mono text-xs text-fg-subtle">{card.vin}</p>
        </li>
    }
}
