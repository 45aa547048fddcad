//! The operators' health dashboard (`/health`, `/{lang}/health` for browsers): a document of its
//! own, outside the site's layout and bundle (no script, inline CSS and SVG, refreshed by the
//! browser every 30 s), rendered by this crate like every page, in the visitor's language.
//!
//! The server turns its report into a [`HealthView`] (plain data: this crate knows nothing of
//! the server's types) and renders [`HealthDocument`]. The report's own sentences (service
//! summaries, reasons) come from the server's rules and stay in English; everything the page
//! says itself is translated (`text`).

mod chart;
mod text;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::format::group_digits;
use crate::i18n::Lang;
pub use text::HealthText;

/// One service's card.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    /// The stable English name (`data-service`, what tests and scripts select by).
    pub name: &'static str,
    /// `healthy`, `degraded`, `unhealthy`, `unknown` or `disabled`.
    pub state: &'static str,
    pub summary: String,
}

/// A metric card: which one and its formatted value (`None`: not known now).
#[derive(Debug, Clone, PartialEq)]
pub struct CardRow {
    pub key: &'static str,
    pub value: Option<String>,
}

/// Per-hour series of the last 24 hours, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub hours: Vec<DateTime<Utc>>,
    pub lots_ingested: Vec<i64>,
    pub photos_stored: Vec<i64>,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HealthView {
    /// `healthy`, `degraded` or `unhealthy`.
    pub status: &'static str,
    /// The public view (no details) rather than the operator's.
    pub public: bool,
    pub checked_at: DateTime<Utc>,
    pub reasons: Vec<String>,
    pub services: Vec<ServiceRow>,
    pub total_vehicles: Option<i64>,
    pub total_lots: Option<i64>,
    pub active_lots: Option<i64>,
    /// Vehicles with photos, in percent of all vehicles.
    pub image_coverage: Option<f64>,
    pub cards: Vec<CardRow>,
    pub charts: Option<ChartSeries>,
}

/// The page's CSS. Light and dark follow the system (`<meta name="color-scheme">` in the head:
/// the W3C checker's CSS level knows neither the `color-scheme` property nor weights like 650).
const STYLE: &str = r#"
:root{--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#d9dde3;
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
.metric .v{font-size:24px;font-weight:700;margin-top:2px}
.charts{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(min(100%,420px),1fr))}figure{margin:0}
svg{width:100%;height:auto;display:block}svg .axis{stroke:var(--line)}svg text{fill:var(--muted);font-size:10px}
svg rect.b1{fill:var(--bar)}svg rect.b2{fill:var(--bar2)}
"#;

/// A status word in a coloured pill (the word itself stays the report's: scripts read it).
fn badge(status: &'static str, big: bool) -> impl IntoView {
    let class = if big {
        format!("badge {status} big")
    } else {
        format!("badge {status}")
    };
    view! { <span class=class>{status}</span> }
}

fn count(v: Option<i64>, lang: Lang) -> String {
    v.map_or_else(|| "—".to_owned(), |n| group_digits(n, lang))
}

/// The whole document.
#[component]
pub fn HealthDocument(view: HealthView, lang: Lang) -> impl IntoView {
    let t = text::for_lang(lang);
    let HealthView {
        status,
        public,
        checked_at,
        reasons,
        services,
        total_vehicles,
        total_lots,
        active_lots,
        image_coverage,
        cards,
        charts,
    } = view;
    let title = format!("{}: {status}", t.title);
    let checked = checked_at.format("%Y-%m-%d %H:%M:%S UTC").to_string();
    let totals = [
        (t.total_vehicles, count(total_vehicles, lang)),
        (t.total_lots, count(total_lots, lang)),
        (t.active_lots, count(active_lots, lang)),
        (
            t.image_coverage,
            image_coverage.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}%")),
        ),
    ];
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width,initial-scale=1"/>
                <meta http-equiv="refresh" content="30"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="robots" content="noindex"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <title>{title}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <main>
                    <header>
                        <h1>{t.title}</h1>
                        <span id="overall" data-status=status data-view=if public { "public" } else { "full" }>
                            {badge(status, true)}
                        </span>
                        <span class="muted">
                            {format!("{} {checked} · {} · ", t.checked, t.refreshes)}
                            <a href="?format=json">"JSON"</a>
                            {public.then_some(t.public_note)}
                        </span>
                    </header>
                    {(!reasons.is_empty()).then(|| view! {
                        <ul class="reasons">
                            {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                        </ul>
                    })}
                    <h2>{t.catalog}</h2>
                    <div class="grid">
                        {totals.into_iter().map(|(label, value)| view! {
                            <section class="card metric"><p>{label}</p><div class="v">{value}</div></section>
                        }).collect_view()}
                    </div>
                    <h2>{t.services}</h2>
                    <div class="grid">
                        {services.into_iter().map(|s| view! {
                            <section class="card service" data-service=s.name data-status=s.state>
                                <h3>{t.service_name(s.name)}{badge(s.state, false)}</h3>
                                <p>{s.summary}</p>
                            </section>
                        }).collect_view()}
                    </div>
                    <h2>{t.metrics}</h2>
                    <div class="grid">
                        {cards.into_iter().map(|c| view! {
                            <section class="card metric" data-metric=c.key>
                                <p>{t.card_label(c.key)}</p>
                                <div class="v">{c.value.unwrap_or_else(|| "—".to_owned())}</div>
                            </section>
                        }).collect_view()}
                    </div>
                    <h2>{t.last_24h}</h2>
                    {match charts {
                        Some(c) => view! {
                            <div class="charts">
                                {chart::bars(t.chart_lots, "b1", &c.hours, &c.lots_ingested, t)}
                                {chart::bars(t.chart_photos, "b2", &c.hours, &c.photos_stored, t)}
                            </div>
                        }.into_any(),
                        None => view! { <p class="muted">{t.charts_need_db}</p> }.into_any(),
                    }}
                </main>
            </body>
        </html>
    }
}
