//! One catalog card: first photo (or a placeholder), title, trim, damage, odometer, location, auction date,
//! status and price badges. The whole title links to the VIN page.

use leptos::prelude::*;
use vinops::catalog::LotCard;

use super::badges::{PriceBadgeView, StatusBadge};
use crate::format;
use crate::i18n::Lang;
use crate::media::media_url;
use crate::taxonomy::Taxon;

#[component]
pub fn LotCardView(card: LotCard, lang: Lang) -> impl IntoView {
    let t = lang.t();
    let title = card.title();
    let href = format!("/{}/vin/{}", lang.code(), card.vin);
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
    let damage = card
        .damage_primary
        .as_deref()
        .map(|d| lang.taxon(Taxon::Damage, d).into_owned());
    let odometer = card
        .odometer_mi
        .map(|mi| format::miles(i64::from(mi), lang));
    // `content-visibility: auto`: a card off screen is not laid out or painted until it comes
    // near the viewport (48 cards a page; on a phone one is on screen). Laying them all out was
    // the catalog's one long task on mobile (Lighthouse TBT 250-350 ms -> 30-60 ms). The
    // intrinsic size (about one card) keeps the scrollbar steady until a card is rendered.
    view! {
        <li data-testid="lot-card" class="flex flex-col gap-2 rounded-2xl border border-muted bg-surface p-4 shadow-sm [content-visibility:auto] [contain-intrinsic-size:auto_420px]">
            // The box has its aspect ratio before the image arrives, so a lazy image never
            // shifts the layout; the image covers the box whatever its own ratio.
            <div class="relative flex aspect-video items-center justify-center overflow-hidden rounded-xl bg-canvas text-xs text-fg-subtle">
                {match card.thumb_key.as_deref() {
                    Some(key) => view! {
                        <img src=media_url(key) alt=(t.photo_alt)(&title) loading="lazy" decoding="async"
                            width="320" height="240" class="absolute inset-0 h-full w-full object-cover"
                            data-testid="card-photo"/>
                    }.into_any(),
                    None => view! { <span data-testid="card-photo-placeholder">{t.photo_placeholder}</span> }.into_any(),
                }}
                <span class="absolute left-2 top-2">
                    <StatusBadge lang status=card.sale_status.clone() auction_at=card.auction_at current_bid_cents=card.current_bid_cents/>
                </span>
            </div>
            <h2 class="text-lg font-bold leading-tight">
                <a href=href class="text-fg hover:text-brand">{title.clone()}</a>
            </h2>
            {card.trim.clone().map(|trim| view! { <p class="text-sm text-fg-muted" data-testid="trim">{trim}</p> })}
            <dl class="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                <dt class="text-fg-muted">{t.lot_number}</dt>
                <dd class="font-mono" data-testid="lot-number">{card.lot_number}</dd>
                {odometer.map(|o| view! { <dt class="text-fg-muted">{t.odometer}</dt><dd>{o}</dd> })}
                <dt class="text-fg-muted">{t.location}</dt>
                <dd data-testid="location">{location}</dd>
                <dt class="text-fg-muted">{t.auction_date}</dt>
                <dd>{auction}</dd>
            </dl>
            {damage.map(|d| view! { <p class="text-xs uppercase text-fg-muted" data-testid="damage">{d}</p> })}
            <div class="mt-auto border-t border-muted pt-2">
                <PriceBadgeView lang status=card.sale_status.clone() current_bid_cents=card.current_bid_cents
                    buy_it_now_cents=card.buy_it_now_cents est_retail_value_cents=card.est_retail_value_cents
                    outcome=card.outcome.clone()/>
            </div>
            <p class="font-mono text-xs text-fg-subtle">{card.vin}</p>
        </li>
    }
}
