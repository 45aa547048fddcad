//! The price charts: server-rendered SVG, no script. Each chart is a `<figure>` whose `<svg>`
//! has `role="img"`, a `<title>` and a `<desc>` (its text alternative), every mark its own
//! `<title>` with the figure it stands for, and a caption pointing at the table that gives
//! every number. Colours come from the theme (`currentColor` under `text-*` classes), so the
//! dark theme needs nothing of its own.
//!
//! Two charts: a hub's prices by model year (median bid, the middle half of bids, median
//! estimated retail value) and a VIN's last seen bid per auction attempt.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use vinops::catalog::hub::{MonthPrices, YearPrices};

use crate::format;
use crate::i18n::Lang;

const W: f64 = 720.0;
const H: f64 = 260.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 26.0;
/// Room for the money labels of the y axis ("$25,000", "25 000 $").
const LEFT: f64 = 76.0;
const RIGHT: f64 = 10.0;

/// An SVG coordinate, to a tenth of a unit (the view box is 720 units wide).
fn coord(v: f64) -> String {
    format!("{v:.1}")
}

/// The y axis: from 0 to `top`, a gridline every `step` (both in cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub top: i64,
    pub step: i64,
}

impl Scale {
    /// The smallest "round" axis (steps of 1, 2, 2.5 or 5 × 10ⁿ dollars, at most five of them)
    /// that holds `max` cents. Zero or less gets a $100 axis, so an empty chart still has one.
    pub fn holding(max: i64) -> Scale {
        let max = max.max(1);
        let mut unit: i64 = 100;
        loop {
            for m in [10, 20, 25, 50] {
                let step = unit * m / 10;
                let top = step * ((max + step - 1) / step);
                if top / step <= 5 {
                    return Scale { top, step };
                }
            }
            unit = unit.saturating_mul(10);
        }
    }

    /// The y coordinate of `cents`.
    fn y(self, cents: i64) -> f64 {
        let plot = H - BOTTOM - TOP;
        H - BOTTOM - plot * (cents as f64 / self.top as f64)
    }

    fn ticks(self) -> impl Iterator<Item = i64> {
        (0..=self.top / self.step).map(move |i| i * self.step)
    }
}

/// Gridlines and money labels of `scale`.
fn y_axis(scale: Scale, lang: Lang) -> impl IntoView {
    scale
        .ticks()
        .map(|v| {
            let y = scale.y(v);
            view! {
                <line x1=coord(LEFT) x2=coord(W - RIGHT) y1=coord(y) y2=coord(y) stroke="currentColor" class="text-muted" stroke-width="1"/>
                <text x=coord(LEFT - 6.0) y=coord(y + 4.0) text-anchor="end" font-size="12" fill="currentColor" class="text-fg-muted">
                    {format::usd(v, lang)}
                </text>
            }
        })
        .collect_view()
}

/// The x centre of slot `i` of `n`.
fn slot_x(i: usize, n: usize) -> f64 {
    let slot = (W - LEFT - RIGHT) / n.max(1) as f64;
    LEFT + slot * (i as f64 + 0.5)
}

/// Every how many slots a label fits (at most about twelve labels across).
fn label_every(n: usize) -> usize {
    n.div_ceil(12).max(1)
}

/// A `<figure>` around an accessible `<svg>`; `marks` are drawn over the y axis.
fn figure(
    id: &'static str,
    title: &str,
    desc: String,
    legend: AnyView,
    marks: AnyView,
    scale: Scale,
    lang: Lang,
) -> AnyView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="mt-4" data-testid=id>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby=labelled_by
                class="h-auto w-full" preserveAspectRatio="xMidYMid meet">
                <title id=title_id>{title.to_owned()}</title>
                <desc id=desc_id>{desc.clone()}</desc>
                {y_axis(scale, lang)}
                {marks}
            </svg>
            <figcaption class="mt-2 text-sm text-fg-muted">
                {legend}
                <p class="mt-1">{desc}</p>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// A diamond of half-width `r` centred on (`x`, `y`).
fn diamond(x: f64, y: f64, r: f64) -> String {
    format!(
        "M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z",
        y - r,
        x + r,
        y + r,
        x - r
    )
}

/// The legend's swatches, drawn like the marks.
fn legend(lang: Lang) -> AnyView {
    let t = lang.t().price;
    view! {
        <ul class="flex flex-wrap gap-x-4 gap-y-1">
            <li class="flex items-center gap-1">
                <svg aria-hidden="true" viewBox="0 0 12 12" class="h-3 w-3 text-brand"><circle cx="6" cy="6" r="4" fill="currentColor"/></svg>
                {t.legend_bid}
            </li>
            <li class="flex items-center gap-1">
                <svg aria-hidden="true" viewBox="0 0 12 12" class="h-3 w-3 text-brand"><rect x="3" y="0" width="6" height="12" fill="currentColor" fill-opacity="0.3"/></svg>
                {t.legend_bid_range}
            </li>
            <li class="flex items-center gap-1">
                <svg aria-hidden="true" viewBox="0 0 12 12" class="h-3 w-3 text-amber-600 dark:text-amber-400"><path d=diamond(6.0, 6.0, 5.0) fill="currentColor"/></svg>
                {t.legend_retail}
            </li>
        </ul>
    }
    .into_any()
}

/// Prices by model year, oldest year on the left; years without a known model year are left
/// out (the table has them). `None` when no year has a figure to draw.
pub fn year_chart(lang: Lang, prices: &[YearPrices]) -> Option<AnyView> {
    let t = lang.t().price;
    let mut years: Vec<(i16, &YearPrices)> =
        prices.iter().filter_map(|p| Some((p.year?, p))).collect();
    years.sort_by_key(|(y, _)| *y);
    let points: Vec<(String, &YearPrices)> =
        years.iter().map(|(y, p)| (y.to_string(), *p)).collect();
    prices_chart(lang, t.chart_title, &points, t.chart_desc)
}

/// A year hub's prices by month of sale, oldest on the left; lots without a sale date are left
/// out (the table has them).
pub fn month_chart(lang: Lang, months: &[MonthPrices]) -> Option<AnyView> {
    let t = lang.t().price;
    let points: Vec<(String, &YearPrices)> = months
        .iter()
        .filter_map(|m| Some((month_label(lang, m.month?), &m.prices)))
        .collect();
    prices_chart(lang, t.chart_title_months, &points, t.chart_desc_months)
}

/// "Oct 2025" in the page's language.
pub fn month_label(lang: Lang, first_day: NaiveDate) -> String {
    format!(
        "{} {}",
        (lang.t().price.month_name)(first_day.month()),
        first_day.year()
    )
}

/// One slot per point (already in order), each with the middle half of bids as a bar, the
/// median bid as a dot and the median retail value as a diamond. `desc` writes the text
/// alternative from the number of slots and the first and last labels. `None` when no point
/// has a figure to draw.
fn prices_chart(
    lang: Lang,
    title: &str,
    points: &[(String, &YearPrices)],
    desc: fn(usize, &str, &str) -> String,
) -> Option<AnyView> {
    let t = lang.t().price;
    let points: Vec<&(String, &YearPrices)> = points
        .iter()
        .filter(|(_, p)| p.median_bid_cents.is_some() || p.median_retail_cents.is_some())
        .collect();
    let (first, last) = (&points.first()?.0, &points.last()?.0);
    let max = points
        .iter()
        .flat_map(|(_, p)| [p.q3_bid_cents, p.median_bid_cents, p.median_retail_cents])
        .flatten()
        .max()
        .unwrap_or(0);
    let scale = Scale::holding(max);
    let n = points.len();
    let slot = (W - LEFT - RIGHT) / n as f64;
    let every = label_every(n);
    let usd = |c: i64| format::usd(c, lang);
    let marks = points
        .iter()
        .enumerate()
        .map(|(i, (label, p))| {
            let x = slot_x(i, n);
            let range = p.q1_bid_cents.zip(p.q3_bid_cents).map(|(q1, q3)| {
                let (top, bottom) = (scale.y(q3), scale.y(q1));
                let width = (slot * 0.4).clamp(3.0, 28.0);
                view! {
                    <rect x=coord(x - width / 2.0) y=coord(top) width=coord(width) height=coord((bottom - top).max(1.0))
                        fill="currentColor" fill-opacity="0.3" class="text-brand">
                        <title>{format!("{label} · {}: {} – {}", t.legend_bid_range, usd(q1), usd(q3))}</title>
                    </rect>
                }
            });
            let bid = p.median_bid_cents.map(|c| view! {
                <circle cx=coord(x) cy=coord(scale.y(c)) r="4.5" fill="currentColor" class="text-brand">
                    <title>{format!("{label} · {}: {}", t.legend_bid, usd(c))}</title>
                </circle>
            });
            let retail = p.median_retail_cents.map(|c| view! {
                <path d=diamond(x, scale.y(c), 5.5) fill="currentColor" class="text-amber-600 dark:text-amber-400">
                    <title>{format!("{label} · {}: {}", t.legend_retail, usd(c))}</title>
                </path>
            });
            let text = (i % every == 0 || i + 1 == n).then(|| view! {
                <text x=coord(x) y=coord(H - 8.0) text-anchor="middle" font-size="12" fill="currentColor" class="text-fg-muted">{label.clone()}</text>
            });
            view! { <g data-testid="chart-slot">{range}{bid}{retail}{text}</g> }
        })
        .collect_view()
        .into_any();
    Some(figure(
        "price-chart",
        title,
        desc(n, first, last),
        legend(lang),
        marks,
        scale,
        lang,
    ))
}

/// One point of the attempts chart: its x label and the last seen bid (`None`: no bid seen).
pub struct AttemptPoint {
    pub label: String,
    pub title: String,
    pub bid_cents: Option<i64>,
}

/// A VIN's last seen bid per attempt, oldest on the left, joined by a line where consecutive
/// attempts both saw a bid; an attempt without a bid is a hollow mark on the axis.
pub fn attempts_chart(lang: Lang, points: &[AttemptPoint]) -> AnyView {
    let t = lang.t().price;
    let n = points.len();
    let max = points.iter().filter_map(|p| p.bid_cents).max().unwrap_or(0);
    let scale = Scale::holding(max);
    let every = label_every(n);
    let xy: Vec<(f64, Option<f64>)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (slot_x(i, n), p.bid_cents.map(|c| scale.y(c))))
        .collect();
    let lines = xy
        .windows(2)
        .filter_map(|w| match (w[0], w[1]) {
            ((x1, Some(y1)), (x2, Some(y2))) => Some(view! {
                <line x1=coord(x1) y1=coord(y1) x2=coord(x2) y2=coord(y2) stroke="currentColor" stroke-width="2" class="text-brand"/>
            }),
            _ => None,
        })
        .collect_view();
    let dots = points
        .iter()
        .zip(&xy)
        .enumerate()
        .map(|(i, (p, (x, y)))| {
            let mark = match y {
                Some(y) => view! {
                    <circle cx=coord(*x) cy=coord(*y) r="5" fill="currentColor" class="text-brand"><title>{p.title.clone()}</title></circle>
                }
                .into_any(),
                None => view! {
                    <circle cx=coord(*x) cy=coord(scale.y(0)) r="5" fill="none" stroke="currentColor" stroke-width="2" class="text-fg-muted"><title>{p.title.clone()}</title></circle>
                }
                .into_any(),
            };
            let label = (i % every == 0 || i + 1 == n).then(|| view! {
                <text x=coord(*x) y=coord(H - 8.0) text-anchor="middle" font-size="12" fill="currentColor" class="text-fg-muted">{p.label.clone()}</text>
            });
            view! { <g data-testid="chart-attempt">{mark}{label}</g> }
        })
        .collect_view();
    // One series, named by the title: no legend.
    figure(
        "timeline-chart",
        t.timeline_chart_title,
        (t.timeline_chart_desc)(n),
        ().into_any(),
        view! { {lines}{dots} }.into_any(),
        scale,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole dollars in cents.
    const fn usd(dollars: i64) -> i64 {
        dollars * 100
    }

    #[test]
    fn axes_are_round_and_hold_the_maximum() {
        // (maximum, top, step); the first two in cents, the others in dollars.
        let cases = [
            (0, 100, 100),
            (1, 100, 100),
            (usd(450), usd(500), usd(100)),
            (usd(1_234), usd(1_250), usd(250)),
            (usd(7_900), usd(8_000), usd(2_000)),
            (usd(23_456), usd(25_000), usd(5_000)),
            (usd(99_999), usd(100_000), usd(20_000)),
        ];
        for (max, top, step) in cases {
            assert_eq!(Scale::holding(max), Scale { top, step }, "{max}");
        }
        for max in [1, 99, 101, 3_333, 77_777, 1_000_001, 987_654_321] {
            let s = Scale::holding(max);
            assert!(
                s.top >= max && s.top / s.step <= 5 && s.top % s.step == 0,
                "{max}: {s:?}"
            );
        }
    }

    #[test]
    fn money_maps_onto_the_plot_upside_down() {
        let s = Scale::holding(usd(1_000));
        assert_eq!(s.y(0), H - BOTTOM);
        assert_eq!(s.y(s.top), TOP);
        assert!(s.y(usd(250)) > s.y(usd(500)));
    }

    #[test]
    fn labels_thin_out_past_twelve_slots() {
        assert_eq!(label_every(1), 1);
        assert_eq!(label_every(12), 1);
        assert_eq!(label_every(13), 2);
        assert_eq!(label_every(40), 4);
    }
}
