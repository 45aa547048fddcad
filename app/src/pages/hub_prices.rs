//! A hub's price section: the period links, the chart, the period's quartiles and the table
//! that gives every figure (the chart's full text alternative). The make and model hubs have
//! one row per model year, a year hub one per month of sale.

use chrono::NaiveDate;
use leptos::prelude::*;
use vinops::catalog::PriceSource;
use vinops::catalog::hub::{PriceWindow, YearPrices};

use crate::format;
use crate::i18n::Lang;

/// One row of the price table: its label (a year, a month), where it links to, its figures.
pub struct PriceRow {
    pub label: String,
    pub href: Option<String>,
    pub prices: YearPrices,
}

/// The period links above the price table; the current one is not a link.
#[component]
fn WindowNav(
    lang: Lang,
    current: PriceWindow,
    href: impl Fn(PriceWindow) -> String,
) -> impl IntoView {
    let t = lang.t().hub;
    view! {
        <nav aria-label=t.window_label class="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <span class="text-fg-muted">{t.window_label}":"</span>
            {PriceWindow::ALL.into_iter().map(|w| {
                let name = (t.window_name)(w.param());
                if w == current {
                    view! { <span aria-current="true" class="rounded-full bg-brand px-3 py-1 font-semibold text-white">{name}</span> }.into_any()
                } else {
                    view! { <a href=href(w) class="rounded-full border border-muted px-3 py-1 hover:text-brand" data-testid="hub-window">{name}</a> }.into_any()
                }
            }).collect_view()}
        </nav>
    }
}

/// The price summary: its heading, the period links, `chart`, the period's quartiles and the
/// table of `rows` (first column headed `first_col`).
#[component]
pub fn PriceSection(
    lang: Lang,
    window: PriceWindow,
    href: impl Fn(PriceWindow) -> String,
    since: Option<NaiveDate>,
    chart: Option<AnyView>,
    period: Option<YearPrices>,
    first_col: &'static str,
    rows: Vec<PriceRow>,
) -> impl IntoView {
    let t = lang.t().hub;
    view! {
        <section class="mt-10" aria-labelledby="prices">
            <h2 id="prices" class="text-2xl font-bold">{t.prices_title}</h2>
            <WindowNav lang current=window href/>
            {chart}
            {period.map(|p| view! { <Spread lang period=p/> })}
            <PriceTable lang since first_col rows/>
        </section>
    }
}

/// The period's quartiles of bids and of retail estimates, each with the lots behind it and
/// the source of its figures.
#[component]
fn Spread(lang: Lang, period: YearPrices) -> impl IntoView {
    let t = lang.t().price;
    let usd = |c: i64| format::usd(c, lang);
    let line = move |what: &str, source: PriceSource, q: [Option<i64>; 3], n: i64| {
        let [Some(q1), Some(median), Some(q3)] = q else {
            return None;
        };
        Some(view! {
            <li data-testid="hub-spread">
                {(t.spread)(what, &usd(q1), &usd(median), &usd(q3), n)}" "
                <SourceTag lang source/>
            </li>
        })
    };
    let bids = line(
        t.spread_bids,
        PriceSource::LastSeenBid,
        [
            period.q1_bid_cents,
            period.median_bid_cents,
            period.q3_bid_cents,
        ],
        period.bid_lots,
    );
    let retail = line(
        t.spread_retail,
        PriceSource::Estimate,
        [
            period.q1_retail_cents,
            period.median_retail_cents,
            period.q3_retail_cents,
        ],
        period.retail_lots,
    );
    view! {
        <h3 class="mt-6 text-lg font-semibold">{t.spread_title}</h3>
        <ul class="mt-2 grid gap-1 text-sm">{bids}{retail}</ul>
    }
}

/// "(last seen bid)": where a figure comes from, with the explanation as its tooltip.
#[component]
pub fn SourceTag(lang: Lang, source: PriceSource) -> impl IntoView {
    let t = lang.t().price;
    view! {
        <span class="text-xs text-fg-muted" title=(t.source_note)(source) data-testid="price-source">
            {format!("({})", (t.source)(source))}
        </span>
    }
}

/// Median current bid, the middle half of bids and the median estimated retail value per row,
/// each with its lot count, over the sale dates from `since` on (the dates the data was read
/// for, not recomputed here).
#[component]
fn PriceTable(
    lang: Lang,
    since: Option<NaiveDate>,
    first_col: &'static str,
    rows: Vec<PriceRow>,
) -> impl IntoView {
    let t = lang.t().hub;
    let lots = lang.t().lots_count;
    let scope = match since {
        Some(since) => (t.prices_since)(&format::date(since, lang)),
        None => t.prices_all.to_owned(),
    };
    let figure = move |cents: Option<i64>, n: i64| match cents {
        Some(c) => view! {
            <span class="font-semibold">{format::usd(c, lang)}</span>
            <span class="block text-xs text-fg-muted">{lots(n)}</span>
        }
        .into_any(),
        None => view! { <span class="text-fg-muted">{t.no_figure}</span> }.into_any(),
    };
    let range = move |q1: Option<i64>, q3: Option<i64>| match q1.zip(q3) {
        Some((q1, q3)) => format!("{} – {}", format::usd(q1, lang), format::usd(q3, lang)),
        None => t.no_figure.to_owned(),
    };
    if rows.is_empty() {
        return view! {
            <p class="mt-2 text-sm text-fg-muted">{scope}</p>
            <p class="mt-4" data-testid="hub-prices-empty">{t.prices_empty}</p>
        }
        .into_any();
    }
    view! {
        <p class="mt-4 text-sm text-fg-muted">{scope}</p>
        <div class="mt-2 overflow-x-auto">
            <table class="w-full text-left text-sm" data-testid="hub-prices">
                <thead class="border-b border-muted text-fg-muted">
                    <tr>
                        <th scope="col" class="py-2 pr-4">{first_col}</th>
                        <th scope="col" class="py-2 pr-4 text-right">{t.col_lots}</th>
                        <th scope="col" class="py-2 pr-4 text-right">
                            {t.col_median_bid}" "<SourceTag lang source=PriceSource::LastSeenBid/>
                        </th>
                        <th scope="col" class="py-2 pr-4 text-right">{lang.t().price.col_bid_range}</th>
                        <th scope="col" class="py-2 text-right">
                            {t.col_median_retail}" "<SourceTag lang source=PriceSource::Estimate/>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let p = row.prices;
                        let label = match row.href {
                            Some(href) => view! { <a href=href class="text-brand underline" data-testid="hub-year-link">{row.label}</a> }.into_any(),
                            None => row.label.into_any(),
                        };
                        view! {
                            <tr class="border-b border-muted" data-testid="hub-price-row">
                                <th scope="row" class="py-2 pr-4 font-semibold">{label}</th>
                                <td class="py-2 pr-4 text-right">{format::group_digits(p.lots, lang)}</td>
                                <td class="py-2 pr-4 text-right">{figure(p.median_bid_cents, p.bid_lots)}</td>
                                <td class="py-2 pr-4 text-right whitespace-nowrap" data-testid="hub-bid-range">{range(p.q1_bid_cents, p.q3_bid_cents)}</td>
                                <td class="py-2 text-right">{figure(p.median_retail_cents, p.retail_lots)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
