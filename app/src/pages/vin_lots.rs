//! The VIN page's auction history: one card per lot, newest first, with the Copart lot number,
//! the yard, the auction time (yard zone, UTC and the visitor's own), the lot's condition and
//! money, its status and the inferred outcome, labelled as inferred.

use leptos::prelude::*;
use vinops::catalog::{PriceSource, VinLotDetail};

use crate::components::{PriceBadgeView, StatusBadge};
use crate::format;
use crate::i18n::Lang;
use crate::islands::LocalTime;
use crate::taxonomy::Taxon;

/// The non-empty parts, joined by `sep`.
fn joined<'a>(parts: impl IntoIterator<Item = Option<&'a str>>, sep: &str) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// "Pure sale (Pure Sale)": the status label with the export's text when that says more (in
/// English, or a text no label covers).
fn status(lang: Lang, l: &VinLotDetail) -> String {
    let label = (lang.t().status_label)(&l.sale_status);
    let raw = lang.taxon(Taxon::SaleStatus, &l.sale_status_raw);
    if raw == label || raw.trim().is_empty() {
        label.to_owned()
    } else {
        format!("{label} ({raw})")
    }
}

/// `(label, value)` rows of a lot, leaving out what the export did not say.
fn rows(lang: Lang, l: &VinLotDetail) -> Vec<(&'static str, String)> {
    let t = lang.t();
    // Every amount says where it comes from: "$1,250 (last seen bid)".
    let usd = |c: Option<i64>, source: PriceSource| {
        c.filter(|c| *c > 0)
            .map(|c| format!("{} ({})", format::usd(c, lang), (t.price.source)(source)))
    };
    let bid_source = PriceSource::of_bid(l.outcome.as_deref());
    let odometer = l.odometer_mi.map(|mi| {
        let miles = format::miles(i64::from(mi), lang);
        match l.odometer_brand.as_deref().filter(|b| !b.is_empty()) {
            Some(b) => format!("{miles} ({})", (t.odometer_brand)(b)),
            None => miles,
        }
    });
    let named = |kind: Taxon, raw: Option<&str>| raw.map(|r| lang.taxon(kind, r).into_owned());
    // "TX — Salvage certificate (SC)": the title's state, then its type.
    let title_type = l
        .title_type
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| lang.taxon_with_code(Taxon::TitleType, c));
    let title = joined([l.title_state.as_deref(), title_type.as_deref()], " — ");
    let primary = named(Taxon::Damage, l.damage_primary.as_deref());
    let secondary = named(Taxon::Damage, l.damage_secondary.as_deref());
    let damage = joined([primary.as_deref(), secondary.as_deref()], ", ");
    let location = joined(
        [
            l.location_city.as_deref(),
            l.location_state.as_deref(),
            l.location_zip.as_deref(),
        ],
        ", ",
    );
    let yard = if location.is_empty() {
        l.yard_name.clone()
    } else {
        format!("{} — {location}", l.yard_name)
    };
    let yard_time = l.sale_date.map(|d| match l.sale_time_local {
        Some(tm) => format!(
            "{} {} {}",
            format::date(d, lang),
            tm.format("%H:%M"),
            l.time_zone
        ),
        None => format::date(d, lang),
    });
    let some = |s: String| Some(s).filter(|s| !s.is_empty());
    [
        (t.lot_auction, Some("Copart".to_owned())),
        (t.lot_yard, Some(yard)),
        (
            t.lot_yard_time,
            yard_time.or(Some(t.not_scheduled.to_owned())),
        ),
        (
            t.lot_utc_time,
            l.auction_at.map(|at| format::datetime_utc(at, lang)),
        ),
        (t.odometer, odometer),
        (t.lot_title_type, some(title)),
        (t.lot_damage, some(damage)),
        (
            t.lot_keys,
            l.has_keys.as_deref().map(|k| (t.yes_no)(k).to_owned()),
        ),
        (
            t.lot_runs_drives,
            named(Taxon::RunsDrives, l.runs_drives.as_deref()).filter(|s| !s.is_empty()),
        ),
        (
            t.lot_retail,
            usd(l.est_retail_value_cents, PriceSource::Estimate),
        ),
        (
            t.lot_repair_cost,
            usd(l.repair_cost_cents, PriceSource::Estimate),
        ),
        (t.current_bid, usd(Some(l.current_bid_cents), bid_source)),
        (t.buy_now, usd(l.buy_it_now_cents, PriceSource::AskingPrice)),
        (t.lot_status, Some(status(lang, l))),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

/// "Sold (inferred, 85% confidence)", or nothing when no outcome was inferred.
fn outcome(lang: Lang, l: &VinLotDetail) -> Option<String> {
    let t = lang.t();
    let o = l.outcome.as_deref()?;
    #[allow(clippy::cast_possible_truncation)]
    let pct = l
        .outcome_confidence
        .map(|c| (f64::from(c) * 100.0).round() as i64);
    let method = l
        .outcome_method
        .as_deref()
        .map(|m| format!(", {}", lang.taxon(Taxon::OutcomeMethod, m)))
        .unwrap_or_default();
    Some(format!(
        "{} ({}{method})",
        (t.outcome_label)(o),
        (t.outcome_inferred)(pct)
    ))
}

#[component]
pub fn LotHistory(lang: Lang, lots: Vec<VinLotDetail>) -> impl IntoView {
    let t = lang.t();
    view! {
        <section class="mt-8" aria-labelledby="lots">
            <h2 id="lots" class="text-2xl font-bold">{(t.lots_title)(lots.len())}</h2>
            <ol class="mt-4 grid gap-4" data-testid="lots">
                {lots.into_iter().map(|l| {
                    let rows = rows(lang, &l);
                    let outcome = outcome(lang, &l);
                    let local = l.auction_at.map(|at| at.timestamp_millis());
                    view! {
                        <li class="rounded-2xl border border-muted bg-surface p-4" data-testid="vin-lot">
                            <div class="flex flex-wrap items-center justify-between gap-2">
                                <h3 class="text-lg font-bold">
                                    {t.lot_number}" "<span class="font-mono" data-testid="vin-lot-number">{l.lot_number}</span>
                                </h3>
                                <StatusBadge lang status=l.sale_status.clone() auction_at=l.auction_at current_bid_cents=l.current_bid_cents/>
                            </div>
                            <dl class="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
                                {rows.into_iter().map(|(k, v)| view! { <dt class="text-fg-muted">{k}</dt><dd>{v}</dd> }).collect_view()}
                                {local.map(|ms| view! {
                                    <dt class="text-fg-muted">{t.lot_local_time}</dt>
                                    <dd><LocalTime millis=ms lang=lang.code().to_owned()/></dd>
                                })}
                                {outcome.map(|o| view! {
                                    <dt class="text-fg-muted">{t.lot_outcome}</dt>
                                    <dd data-testid="outcome">{o}</dd>
                                })}
                            </dl>
                            <div class="mt-3 max-w-sm">
                                <PriceBadgeView lang status=l.sale_status.clone() current_bid_cents=l.current_bid_cents
                                    buy_it_now_cents=l.buy_it_now_cents est_retail_value_cents=l.est_retail_value_cents
                                    outcome=l.outcome.clone()/>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
