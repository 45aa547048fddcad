//! A 24-bar SVG chart, server-rendered: no script, a text alternative (`aria-label` and each
//! bar's `<title>`), bars scaled to the day's peak.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::text::HealthText;

const W: f64 = 480.0;
const H: f64 = 140.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 22.0;
const LEFT: f64 = 6.0;

/// One bar per hour of `values` (oldest first), with every sixth hour labelled.
pub fn bars(
    title: &'static str,
    class: &'static str,
    hours: &[DateTime<Utc>],
    values: &[i64],
    t: &'static HealthText,
) -> impl IntoView {
    let peak = values.iter().copied().max().unwrap_or(0);
    let max = peak.max(1) as f64;
    let slot = (W - LEFT) / values.len().max(1) as f64;
    let total: i64 = values.iter().sum();
    let base = H - BOTTOM;
    let bars = values
        .iter()
        .zip(hours)
        .enumerate()
        .map(|(i, (v, hour))| {
            let h = (*v as f64 / max) * (base - TOP);
            let x = LEFT + i as f64 * slot + 1.0;
            let label = (i % 6 == 0).then(|| {
                view! {
                    <text x=format!("{x:.1}") y=format!("{:.1}", H - 6.0)>
                        {hour.format("%H:00").to_string()}
                    </text>
                }
            });
            view! {
                <rect class=class x=format!("{x:.1}") y=format!("{:.1}", base - h)
                    width=format!("{:.1}", (slot - 2.0).max(1.0)) height=format!("{h:.1}")>
                    <title>{format!("{}: {v}", hour.format("%H:00 UTC"))}</title>
                </rect>
                {label}
            }
        })
        .collect_view();
    let summary = format!("{total} {} · {peak} {}", t.chart_total, t.chart_peak);
    view! {
        <figure class="card chart">
            <h3>{title}</h3>
            <p>{summary.clone()}</p>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=format!("{title}: {summary}")>
                <line class="axis" x1=LEFT.to_string() y1=base.to_string() x2=W.to_string() y2=base.to_string()/>
                {bars}
            </svg>
        </figure>
    }
}
