//! The public view of a health report ([`Report::public`]), what the public port answers
//! unless the request carries the admin token: the same statuses, reasons, metric cards and
//! charts as the full report (the operator listener's), but no details and summaries without
//! internals — no error text (a Redis or purge error may name a host or an address), no
//! latency, no uptime (`metrics.uptimeSeconds` is null).

use serde::Serialize;
use serde_json::Value;

use super::contract::Metrics;
use super::report::{Report, Service, Services};

/// Which view of the report an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    Full,
    Public,
}

impl Service {
    fn public(&self) -> Service {
        Service {
            up: self.up,
            message: self.public_summary.clone(),
            status: self.status,
            summary: self.public_summary.clone(),
            contract: self.contract.clone(),
            details: Value::Null,
            public_summary: self.public_summary.clone(),
        }
    }
}

impl Services {
    fn public(&self) -> Services {
        Services {
            web: self.web.public(),
            database: self.database.public(),
            redis: self.redis.public(),
            etl: self.etl.public(),
            image_backfill: self.image_backfill.public(),
            images: self.images.public(),
            photo_purges: self.photo_purges.public(),
            outcomes: self.outcomes.public(),
        }
    }
}

impl Report {
    /// The public view of this report: see the module's documentation.
    pub fn public(&self) -> Report {
        Report {
            status: self.status,
            timestamp: self.timestamp,
            view: View::Public,
            checked_at: self.checked_at,
            reasons: self.public_reasons.clone(),
            public_reasons: self.public_reasons.clone(),
            services: self.services.public(),
            metrics: Metrics {
                uptime_seconds: None,
                ..self.metrics
            },
            cards: self.cards.clone(),
            charts: self.charts.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{CacheCounts, CacheState, CacheStatus};
    use crate::health::report::{Observed, build};
    use crate::health::{ServiceStatus, Status};
    use chrono::Utc;

    /// A report whose database and Redis failed with recognizable error texts.
    fn failing() -> Report {
        build(Observed {
            now: Utc::now(),
            version: "0.0.0",
            uptime_secs: 4321,
            db: Err("connection to db-host-planted.internal:5432 refused".to_owned()),
            facts: None,
            totals: None,
            cache: CacheStatus {
                state: CacheState::Down,
                latency_ms: None,
                last_error: Some("redis-planted.internal:6379 refused".to_owned()),
            },
            cache_counts: CacheCounts::default(),
        })
    }

    #[test]
    fn the_public_view_keeps_statuses_and_drops_internals() {
        let full = failing();
        let text = serde_json::to_string(&full).expect("json");
        assert!(text.contains("db-host-planted") && text.contains("redis-planted"));
        assert!(text.contains(r#""view":"full""#), "{text}");
        let public = full.public();
        let text = serde_json::to_string(&public).expect("json");
        for hidden in ["planted", "details", "4321", "latency"] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
        assert_eq!(full.metrics.uptime_seconds, Some(4321));
        assert_eq!(public.metrics.uptime_seconds, None);
        assert!(text.contains(r#""view":"public""#), "{text}");
        assert_eq!(public.status, Status::Unhealthy);
        assert_eq!(public.services.database.status, ServiceStatus::Unhealthy);
        assert_eq!(public.services.redis.status, ServiceStatus::Degraded);
        assert_eq!(public.services.web.summary, "serving");
        assert_eq!(public.reasons, full.reasons, "no reason here has a detail");
    }
}
