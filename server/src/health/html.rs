//! The health dashboard for browsers: the report as the app's [`HealthDocument`] (rendered by
//! Leptos like every page, in the language of the URL: `/health` English, `/{lang}/health`
//! that language). This module only maps the report onto the app's plain view model; the
//! markup, the texts and the charts are the app's (`app::health`). Values are escaped by the
//! renderer.

use app::health::{CardRow, ChartSeries, HealthDocument, HealthView, ServiceRow};
use app::i18n::Lang;
use leptos::prelude::*;

use super::public::View;
use super::report::Report;

/// The report as the dashboard shows it.
pub fn view_of(r: &Report) -> HealthView {
    HealthView {
        status: r.status.as_str(),
        public: r.view == View::Public,
        checked_at: r.checked_at,
        reasons: r.reasons.clone(),
        services: r
            .services
            .list()
            .into_iter()
            .map(|(name, s)| ServiceRow {
                name,
                state: s.status.as_str(),
                summary: s.summary.clone(),
            })
            .collect(),
        total_vehicles: r.metrics.total_vehicles,
        total_lots: r.metrics.total_lots,
        active_lots: r.metrics.active_lots,
        image_coverage: r.metrics.image_coverage_percent(),
        cards: r
            .cards
            .iter()
            .map(|m| CardRow {
                key: m.key,
                value: m.value.clone(),
            })
            .collect(),
        charts: r.charts.as_ref().map(|c| ChartSeries {
            hours: c.hours.clone(),
            lots_ingested: c.lots_ingested.clone(),
            photos_stored: c.photos_stored.clone(),
        }),
    }
}

/// The dashboard document of `r` in `lang`.
pub fn render(r: &Report, lang: Lang) -> String {
    let view = view_of(r);
    let owner = Owner::new();
    owner.with(|| view! { <HealthDocument view lang/> }.to_html())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{CacheCounts, CacheState, CacheStatus};
    use crate::health::report::{Observed, build};
    use chrono::Utc;

    fn report_with(summary_error: &str) -> Report {
        build(Observed {
            now: Utc::now(),
            version: "0.0.0",
            uptime_secs: 1,
            db: Err(summary_error.to_owned()),
            facts: None,
            totals: None,
            cache: CacheStatus {
                state: CacheState::Down,
                latency_ms: None,
                last_error: None,
            },
            cache_counts: CacheCounts::default(),
        })
    }

    #[test]
    fn renders_both_languages_and_escapes_what_the_report_says() {
        let r = report_with(r#"<script>alert("x")</script> & 'y'"#);
        let en = render(&r, Lang::En);
        assert!(en.starts_with("<!DOCTYPE html>"), "{en}");
        assert!(en.contains(r#"<html lang="en""#), "{en}");
        assert!(en.contains("Total Vehicles") && en.contains("Image backfill"));
        assert!(en.contains(r#"data-status="unhealthy""#));
        assert!(!en.contains("<script>"), "report text is escaped: {en}");
        let ru = render(&r, Lang::Ru);
        assert!(ru.contains(r#"<html lang="ru""#));
        assert!(ru.contains("Всего автомобилей") && ru.contains("Загрузка фото"));
        // The stable names stay for scripts and tests.
        assert!(ru.contains(r#"data-service="Image backfill""#));
    }
}
