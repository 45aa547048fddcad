//! The catalog form's "more filters": the lot attributes beyond damage and title, the odometer
//! and bid ranges, Buy It Now and the auction window. They sit in a `<details>` (no JavaScript
//! needed) that is open whenever one of them is set, so a visitor always sees what narrows the
//! list.

use leptos::prelude::*;
use vinops::catalog::{AuctionDays, AuctionPreset, CatalogQuery, FilterOptions};

use super::catalog_form::{FIELD, known_name, number_input, plain_select, taxon_options};
use crate::i18n::Lang;
use crate::islands::TimeZoneField;
use crate::taxonomy::Taxon;

/// URL names of the filters in this part (`tz` belongs to the auction window).
pub const MORE_PARAMS: [&str; 16] = [
    "secondary_damage",
    "odometer_min",
    "yard",
    "color",
    "fuel",
    "drive",
    "transmission",
    "body",
    "keys",
    "runs_drives",
    "bid_min",
    "bid_max",
    "buy_it_now",
    "auction",
    "auction_from",
    "auction_to",
];

fn date_input(name: &'static str, label: &'static str, value: Option<String>) -> impl IntoView {
    let id = format!("f-{name}");
    let for_id = id.clone();
    view! {
        <label class="flex flex-col gap-1 text-sm" for=for_id>
            <span class="text-fg-muted">{label}</span>
            <input id=id type="date" name=name value=value.unwrap_or_default()
                data-testid=format!("filter-{name}") class=FIELD/>
        </label>
    }
}

#[component]
pub fn MoreFilters(lang: Lang, query: CatalogQuery, options: FilterOptions) -> impl IntoView {
    let t = &lang.t().more_filters;
    let any = lang.t().filter_any;
    let open = query
        .filters_set()
        .iter()
        .any(|name| MORE_PARAMS.contains(name));
    let named = |kind: Taxon, values: Vec<String>| taxon_options(lang, kind, values);
    let known = |kind: Taxon| known_name(lang, kind);
    let raw = |v: &str| v.to_owned();
    let keys = options
        .keys
        .iter()
        .map(|k| (k.clone(), lang.keys_name(k)))
        .collect();
    let (preset, from, to, tz) = match query.auction {
        None => (None, None, None, 0),
        Some(a) => match a.days {
            AuctionDays::Preset(p) => (Some(p), None, None, a.tz_minutes),
            AuctionDays::Range { from, to } => (None, from, to, a.tz_minutes),
        },
    };
    let presets = [
        (AuctionPreset::Today, t.auction_today),
        (AuctionPreset::Week, t.auction_week),
    ]
    .map(|(p, label)| {
        let is = preset == Some(p);
        view! { <option value=p.slug() selected=is>{label}</option> }
    });
    let money = |v: Option<i64>| v.map(|v| v.to_string());
    let text = |v: &Option<String>| v.clone();
    view! {
        <details class="col-span-2 md:col-span-4" open=open data-testid="more-filters">
            <summary class="cursor-pointer text-sm font-semibold text-fg-muted">{t.title}</summary>
            <div class="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4">
                {plain_select("secondary_damage", t.secondary_damage, any,
                    named(Taxon::Damage, options.secondary_damages), text(&query.damage2), known(Taxon::Damage))}
                {plain_select("body", t.body, any,
                    named(Taxon::BodyStyle, options.body_styles), text(&query.body), known(Taxon::BodyStyle))}
                {plain_select("color", t.color, any,
                    named(Taxon::Color, options.colors), text(&query.color), known(Taxon::Color))}
                {plain_select("fuel", t.fuel, any,
                    named(Taxon::Fuel, options.fuels), text(&query.fuel), known(Taxon::Fuel))}
                {plain_select("transmission", t.transmission, any,
                    named(Taxon::Transmission, options.transmissions), text(&query.transmission),
                    known(Taxon::Transmission))}
                {plain_select("drive", t.drive, any,
                    named(Taxon::Drive, options.drives), text(&query.drive), known(Taxon::Drive))}
                {plain_select("runs_drives", t.runs_drives, any,
                    named(Taxon::RunsDrives, options.runs_drives), text(&query.runs_drives),
                    known(Taxon::RunsDrives))}
                {plain_select("keys", t.keys, any, keys,
                    query.keys.map(|k| k.as_db_str().to_owned()), move |v: &str| lang.keys_name(v))}
                {plain_select("yard", t.yard, any,
                    options.yards.into_iter().map(|y| (y.clone(), y)).collect(), text(&query.yard), raw)}
                {number_input("odometer_min", t.odometer_min, query.odometer_min.map(|m| m.to_string()), 0, 9_999_999, 1000)}
                {number_input("bid_min", t.bid_min, money(query.bid_min), 0, 9_999_999, 100)}
                {number_input("bid_max", t.bid_max, money(query.bid_max), 0, 9_999_999, 100)}
                <label class="flex flex-col gap-1 text-sm" for="f-auction">
                    <span class="text-fg-muted">{t.auction}</span>
                    <select id="f-auction" name="auction" data-testid="filter-auction" class=FIELD>
                        <option value="" selected=preset.is_none()>{any}</option>
                        {presets}
                    </select>
                </label>
                {date_input("auction_from", t.auction_from, from.map(|d| d.to_string()))}
                {date_input("auction_to", t.auction_to, to.map(|d| d.to_string()))}
                <label class="flex items-center gap-2 self-end pb-2 text-sm" for="f-buy_it_now">
                    <input id="f-buy_it_now" type="checkbox" name="buy_it_now" value="1"
                        checked=query.buy_it_now data-testid="filter-buy_it_now"/>
                    <span>{t.buy_it_now}</span>
                </label>
                <p class="col-span-2 text-xs text-fg-muted md:col-span-4">{t.auction_tz_note}</p>
                <TimeZoneField minutes=tz/>
            </div>
        </details>
    }
}
