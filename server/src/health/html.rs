//! The health dashboard for browsers, rendered by hand into a string (the one page not built with
//! Leptos: an operator's page outside the site's layout, languages and bundle, where a plain
//! document is simpler): one self-contained document with inline CSS and SVG, no script,
//! refreshed by the browser every 30 s. Every value that reaches the page goes through `esc`.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use super::facts::Charts;
use super::report::group_thousands;
use super::report::{Report, Service};

/// HTML-escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d9dde3;
--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--na:#6e7781;--bar:#3b6fd8;--bar2:#8250df}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;--muted:#9da7b3;
--line:#30363d;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--na:#8b949e;--bar:#58a6ff;--bar2:#bc8cff}}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:1100px;margin:0 auto;padding:24px 16px 48px}
header{display:flex;flex-wrap:wrap;align-items:center;gap:12px 16px;margin-bottom:8px}
h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 10px}
.muted{color:var(--muted);font-size:13px}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;font-size:13px;color:#fff;background:var(--na)}
.badge.healthy{background:var(--ok)}.badge.degraded{background:var(--warn)}.badge.unhealthy{background:var(--bad)}
.badge.big{font-size:16px;padding:4px 14px}
ul.reasons{margin:8px 0 0;padding-left:20px}
.grid{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(230px,1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.card h3{font-size:15px;margin:0 0 6px;display:flex;justify-content:space-between;gap:8px;align-items:center}
.card p{margin:0;color:var(--muted);font-size:13px;overflow-wrap:anywhere}
.metric .v{font-size:24px;font-weight:650;margin-top:2px}
.charts{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(min(100%,420px),1fr))}figure{margin:0}
svg{width:100%;height:auto;display:block}svg .axis{stroke:var(--line)}svg text{fill:var(--muted);font-size:10px}
svg rect.b1{fill:var(--bar)}svg rect.b2{fill:var(--bar2)}
"#;

fn badge(status: &str, big: bool) -> String {
    format!(
        r#"<span class="badge {s}{b}">{s}</span>"#,
        s = esc(status),
        b = if big { " big" } else { "" }
    )
}

fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

fn service_card(out: &mut String, name: &str, s: &Service) {
    let _ = write!(
        out,
        r#"<section class="card service" data-service="{n}" data-status="{st}"><h3>{n}{b}</h3><p>{sum}</p></section>"#,
        n = esc(name),
        st = esc(s.status.as_str()),
        b = badge(s.status.as_str(), false),
        sum = esc(&s.summary),
    );
}

/// A 24-bar chart of `values` (one per hour, oldest first).
fn bar_chart(out: &mut String, title: &str, class: &str, hours: &[DateTime<Utc>], values: &[i64]) {
    const W: f64 = 480.0;
    const H: f64 = 140.0;
    const TOP: f64 = 10.0;
    const BOTTOM: f64 = 22.0;
    const LEFT: f64 = 6.0;
    let max = values.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (W - LEFT) / values.len().max(1) as f64;
    let total: i64 = values.iter().sum();
    let _ = write!(
        out,
        r#"<figure class="card chart"><h3>{t}</h3><p>{total} in the last 24 h · peak {peak} per hour</p><svg viewBox="0 0 {W} {H}" role="img" aria-label="{t}: {total} in the last 24 hours">"#,
        t = esc(title),
        total = group_thousands(total),
        peak = group_thousands(values.iter().copied().max().unwrap_or(0)),
    );
    let base = H - BOTTOM;
    let _ = write!(
        out,
        r#"<line class="axis" x1="{LEFT}" y1="{base}" x2="{W}" y2="{base}"/>"#
    );
    for (i, (v, hour)) in values.iter().zip(hours).enumerate() {
        let h = (*v as f64 / max) * (base - TOP);
        let x = LEFT + i as f64 * slot + 1.0;
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"><title>{label}: {v}</title></rect>"#,
            class = esc(class),
            y = base - h,
            w = (slot - 2.0).max(1.0),
            label = esc(&hour.format("%H:00 UTC").to_string()),
        );
        if i % 6 == 0 {
            let _ = write!(
                out,
                r#"<text x="{x:.1}" y="{ty}">{label}</text>"#,
                ty = H - 6.0,
                label = esc(&hour.format("%H:00").to_string()),
            );
        }
    }
    out.push_str("</svg></figure>");
}

fn charts(out: &mut String, c: &Charts) {
    out.push_str(r#"<h2>Last 24 hours</h2><div class="charts">"#);
    bar_chart(
        out,
        "Lots ingested per hour (new + changed)",
        "b1",
        &c.hours,
        &c.lots_ingested,
    );
    bar_chart(
        out,
        "Photos stored per hour",
        "b2",
        &c.hours,
        &c.photos_stored,
    );
    out.push_str("</div>");
}

pub fn render(r: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let status = r.status.as_str();
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="30"><meta name="robots" content="noindex"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><title>Vinops health: {s}</title><style>{STYLE}</style></head><body><main>"#,
        s = esc(status)
    );
    let _ = write!(
        out,
        r#"<header><h1>Vinops health</h1><span id="overall" data-status="{s}">{b}</span><span class="muted">checked {t} · refreshes every 30 s · <a href="?format=json">JSON</a></span></header>"#,
        s = esc(status),
        b = badge(status, true),
        t = esc(&fmt_time(r.checked_at)),
    );
    if !r.reasons.is_empty() {
        out.push_str(r#"<ul class="reasons">"#);
        for reason in &r.reasons {
            let _ = write!(out, "<li>{}</li>", esc(reason));
        }
        out.push_str("</ul>");
    }
    out.push_str(r#"<h2>Services</h2><div class="grid">"#);
    for (name, s) in r.services.list() {
        service_card(&mut out, name, s);
    }
    out.push_str(r#"</div><h2>Metrics</h2><div class="grid">"#);
    for m in &r.metrics {
        let _ = write!(
            out,
            r#"<section class="card metric"><p>{l}</p><div class="v">{v}</div></section>"#,
            l = esc(m.label),
            v = esc(m.value.as_deref().unwrap_or("—")),
        );
    }
    out.push_str("</div>");
    match &r.charts {
        Some(c) => charts(&mut out, c),
        None => {
            out.push_str(r#"<h2>Last 24 hours</h2><p class="muted">Charts need the database.</p>"#)
        }
    }
    out.push_str("</main></body></html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
