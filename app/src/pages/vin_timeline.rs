//! The VIN page's auction timeline: every attempt to sell the vehicle (each lot of the VIN),
//! oldest first, as a small chart of the last seen bid and as a table with what changed since
//! the attempt before: the bid and the export's status.

use leptos::prelude::*;
use vinops::catalog::timeline::{Attempt, timeline};
use vinops::catalog::{PriceSource, VinLotDetail};

use super::hub_prices::SourceTag;
use super::price_chart::{AttemptPoint, attempts_chart};
use crate::format;
use crate::i18n::Lang;

/// "+$750" / "−$200" / "$0".
fn signed_usd(cents: i64, lang: Lang) -> String {
    let amount = format::usd(cents.abs(), lang);
    match cents.signum() {
        1 => format!("+{amount}"),
        -1 => format!("\u{2212}{amount}"),
        _ => amount,
    }
}

fn status_label(lang: Lang, db: &str) -> &'static str {
    (lang.t().status_label)(db)
}

/// The change column: the bid's change and the status's, or "first attempt".
fn change(lang: Lang, i: usize, a: &Attempt<'_>) -> String {
    let t = lang.t().price;
    if i == 0 {
        return t.first_attempt.to_owned();
    }
    let bid = a.bid_change_cents.map(|c| signed_usd(c, lang));
    let status = a.status_was.map(|was| {
        (t.status_change)(
            status_label(lang, was),
            status_label(lang, &a.lot.sale_status),
        )
    });
    match (bid, status) {
        (Some(b), Some(s)) => format!("{b}; {s}"),
        (Some(b), None) => b,
        (None, Some(s)) => s,
        (None, None) => "—".to_owned(),
    }
}

#[component]
pub fn AuctionTimeline(lang: Lang, lots: Vec<VinLotDetail>) -> impl IntoView {
    let t = lang.t().price;
    let attempts = timeline(&lots);
    let points: Vec<AttemptPoint> = attempts
        .iter()
        .map(|a| {
            let date = format::date(a.at.date_naive(), lang);
            let figure = a
                .bid_cents
                .map_or_else(|| t.no_bid.to_owned(), |c| format::usd(c, lang));
            AttemptPoint {
                label: date.clone(),
                title: format!(
                    "{date} · {} {} · {figure}",
                    lang.t().lot_number,
                    a.lot.lot_number
                ),
                bid_cents: a.bid_cents,
            }
        })
        .collect();
    let chart = (attempts.len() > 1).then(|| attempts_chart(lang, &points));
    let rows = attempts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let source = PriceSource::of_bid(a.lot.outcome.as_deref());
            let bid_cell = match a.bid_cents {
                Some(c) => view! { {format::usd(c, lang)}" "<SourceTag lang source/> }.into_any(),
                None => view! { <span class="text-fg-muted">{t.no_bid}</span> }.into_any(),
            };
            view! {
                <tr class="border-b border-muted" data-testid="timeline-row">
                    <td class="py-2 pr-4 whitespace-nowrap">{format::date(a.at.date_naive(), lang)}</td>
                    <td class="py-2 pr-4 font-mono">{a.lot.lot_number}</td>
                    <td class="py-2 pr-4">{status_label(lang, &a.lot.sale_status)}</td>
                    <td class="py-2 pr-4 text-right" data-testid="timeline-bid">{bid_cell}</td>
                    <td class="py-2" data-testid="timeline-change">{change(lang, i, a)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="mt-8" aria-labelledby="timeline">
            <h2 id="timeline" class="text-2xl font-bold">{t.timeline_title}</h2>
            <p class="mt-2 text-fg-muted" data-testid="timeline-lead">{(t.timeline_lead)(attempts.len())}</p>
            {chart}
            <div class="mt-4 overflow-x-auto">
                <table class="w-full text-left text-sm" data-testid="timeline">
                    <thead class="border-b border-muted text-fg-muted">
                        <tr>
                            <th scope="col" class="py-2 pr-4">{t.col_when}</th>
                            <th scope="col" class="py-2 pr-4">{t.col_lot}</th>
                            <th scope="col" class="py-2 pr-4">{t.col_status}</th>
                            <th scope="col" class="py-2 pr-4 text-right">{t.col_bid}</th>
                            <th scope="col" class="py-2">{t.col_change}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_usd(75_000, Lang::En), "+$750");
        assert_eq!(signed_usd(-20_000, Lang::En), "\u{2212}$200");
        assert_eq!(signed_usd(0, Lang::En), "$0");
    }
}
