//! The health report: every service's status with a one-line summary and its details, the
//! overall verdict with its reasons, metric cards and chart series. Serialized as is for JSON,
//! rendered by `html` for browsers. Holds nothing secret: no URL, no token, no password.
//!
//! Each service also gets the summary its public view shows (`public`).

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use super::cards::{self, Metric};
use super::contract::{self, Metrics, Up};
use super::facts::{Charts, DbFacts, DbPing, NEED_PHOTOS_CAP};
use super::public::View;
use super::rules::{self, BackfillFacts, Judged, PurgeState, ServiceStatus, Status};
use super::totals::Totals;
use crate::cache::{CacheCounts, CacheStatus};

/// One service. Serialized with the original contract's `status` (`up`/`degraded`/`down`) and
/// `message` first, then this report's own `state` and `summary` (see `contract`).
#[derive(Debug, Clone, Serialize)]
pub struct Service {
    #[serde(rename = "status")]
    pub up: Up,
    /// The contract's name for `summary` (the same text).
    pub message: String,
    #[serde(rename = "state")]
    pub status: ServiceStatus,
    pub summary: String,
    /// The contract's extra fields of this service (`lastRun`, `lotsRemaining`, …): no
    /// internals, so the public view keeps them.
    #[serde(flatten)]
    pub contract: serde_json::Map<String, Value>,
    /// Absent from the public view.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub details: Value,
    /// What the public view says instead of `summary`.
    #[serde(skip)]
    pub public_summary: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Services {
    pub web: Service,
    pub database: Service,
    pub redis: Service,
    pub etl: Service,
    pub image_backfill: Service,
    pub images: Service,
    pub photo_purges: Service,
    pub outcomes: Service,
}

impl Services {
    /// Display name and service, in page order.
    pub fn list(&self) -> [(&'static str, &Service); 8] {
        [
            ("Web", &self.web),
            ("Database", &self.database),
            ("Redis", &self.redis),
            ("ETL", &self.etl),
            ("Image backfill", &self.image_backfill),
            ("Images", &self.images),
            ("Photo removal", &self.photo_purges),
            ("Outcomes", &self.outcomes),
        ]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub status: Status,
    /// The contract's name for `checked_at`.
    pub timestamp: DateTime<Utc>,
    pub view: View,
    pub checked_at: DateTime<Utc>,
    /// Why the status is not healthy, worst first.
    pub reasons: Vec<String>,
    /// The reasons as the public view gives them (without their details).
    #[serde(skip)]
    pub public_reasons: Vec<String>,
    pub services: Services,
    /// The contract's numbers.
    pub metrics: Metrics,
    /// The dashboard's metric cards (formatted).
    pub cards: Vec<Metric>,
    pub charts: Option<Charts>,
}

/// Everything observed for one report.
pub struct Observed {
    pub now: DateTime<Utc>,
    pub version: &'static str,
    pub uptime_secs: u64,
    pub db: Result<DbPing, String>,
    pub facts: Option<DbFacts>,
    /// The catalog's counts (`None`: the database is down or they timed out).
    pub totals: Option<Totals>,
    pub cache: CacheStatus,
    pub cache_counts: CacheCounts,
}

/// The database entry's details: the round trip, and the replay state when the web pool reads
/// a standby (`replication_lag_secs`: see `facts::Standby::lag_secs`).
fn db_details(ping: &DbPing) -> Value {
    match ping.standby {
        None => json!({ "latency_ms": ping.latency_ms, "standby": false }),
        Some(s) => json!({
            "latency_ms": ping.latency_ms,
            "standby": true,
            "replication_lag_secs": s.lag_secs,
            "replay_behind_bytes": s.behind_bytes,
            "replay_paused": s.paused,
        }),
    }
}

fn at(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| json!(t))
}

/// A service's entry: the judged reason (when there is one) or `summary`; the public view
/// gets the reason without its detail, or `public` in place of `summary` when that holds
/// internals (`None`: `summary` holds none).
fn service(judged: &Judged, summary: String, public: Option<&str>, details: Value) -> Service {
    let public_summary = judged
        .reason
        .clone()
        .unwrap_or_else(|| public.map_or_else(|| summary.clone(), str::to_owned));
    let summary = judged.full_reason().unwrap_or(summary);
    Service {
        up: Up::from(judged.status),
        message: summary.clone(),
        status: judged.status,
        summary,
        contract: serde_json::Map::new(),
        details,
        public_summary,
    }
}

impl Service {
    fn with_contract(mut self, extras: serde_json::Map<String, Value>) -> Service {
        self.contract = extras;
        self
    }
}

pub fn build(o: Observed) -> Report {
    let now = o.now;
    let facts = o.facts.as_ref();
    let db_judged = rules::database(
        o.db.is_ok() && facts.is_some(),
        o.db.as_ref().ok().and_then(|p| p.standby),
    );
    let redis_judged = rules::redis(o.cache.state);
    let etl_judged = rules::etl(now, facts.map(|f| f.etl.last_success));
    let backfill_judged = rules::backfill(
        now,
        facts.map(|f| BackfillFacts {
            last_active: if f.images.running {
                Some(now)
            } else {
                f.images.last_run.as_ref().and_then(|r| r.finished_at)
            },
            lots_need_photos: f.images.lots_need_photos > 0,
        }),
    );
    let purges_judged = rules::photo_purges(
        now,
        facts.map(|f| PurgeState {
            pending: f.purges.pending,
            failing: f.purges.failing,
            oldest_requested_at: f.purges.oldest_requested_at,
            last_error: f.purges.last_error.clone(),
            unjournaled: f.purges.unjournaled,
            oldest_unjournaled_at: f.purges.oldest_unjournaled_at,
        }),
    );
    let informational = |known: bool| {
        Judged::of(if known {
            ServiceStatus::Healthy
        } else {
            ServiceStatus::Unknown
        })
    };
    let web_judged = informational(true);
    let images_judged = rules::images(facts.map(|f| rules::PhotoIntake {
        photos_in_window: f.images.photos_30min,
        lots_need_photos: f.images.lots_need_photos > 0,
    }));
    let outcomes_judged = informational(facts.is_some());
    let unknown = "unknown while the database is down".to_owned();

    let web = service(
        &web_judged,
        format!(
            "serving; up {}",
            rules::ago(chrono::TimeDelta::seconds(o.uptime_secs as i64))
        ),
        Some("serving"),
        json!({ "version": o.version, "uptime_secs": o.uptime_secs }),
    );
    let database = match (&o.db, facts) {
        (Ok(ping), Some(_)) => service(
            &db_judged,
            match ping.standby {
                None => format!("answering in {:.1} ms", ping.latency_ms),
                Some(s) => format!(
                    "standby answering in {:.1} ms, replay {}",
                    ping.latency_ms,
                    match s.lag_secs {
                        Some(lag) if lag > 0.0 => format!("{lag:.1} s behind"),
                        Some(_) => "caught up".to_owned(),
                        None => "not started".to_owned(),
                    }
                ),
            },
            Some("answering"),
            db_details(ping),
        ),
        (Err(e), _) => service(&db_judged, String::new(), None, json!({ "error": e })),
        (Ok(ping), None) => {
            let mut details = db_details(ping);
            details["error"] = json!("pinged, but the health queries failed");
            service(&db_judged, String::new(), None, details)
        }
    };
    let redis = service(
        &redis_judged,
        match (o.cache.state, o.cache.latency_ms) {
            (crate::cache::CacheState::Disabled, _) => "disabled (REDIS_URL is off)".to_owned(),
            (_, Some(ms)) => format!("answering in {ms:.1} ms"),
            _ => "down".to_owned(),
        },
        Some(match o.cache.state {
            crate::cache::CacheState::Disabled => "disabled",
            crate::cache::CacheState::Up => "answering",
            crate::cache::CacheState::Down => "down",
        }),
        json!({
            "state": o.cache.state,
            "latency_ms": o.cache.latency_ms,
            "last_error": o.cache.last_error,
            "hits": o.cache_counts.hits,
            "misses": o.cache_counts.misses,
            "errors": o.cache_counts.errors,
        }),
    );
    let etl = match facts {
        Some(f) => service(
            &etl_judged,
            format!(
                "last success {} ago",
                f.etl
                    .last_success
                    .map_or("—".to_owned(), |t| rules::ago(now - t))
            ),
            None,
            json!({
                "last_success_at": at(f.etl.last_success),
                "last_ingest_at": at(f.etl.last_ingest),
                "last_run": f.etl.last_run,
                "runs_24h": f.etl.runs_24h,
                "failed_24h": f.etl.failed_24h,
            }),
        ),
        None => service(&etl_judged, unknown.clone(), None, json!({})),
    };
    let image_backfill = match facts {
        Some(f) => service(
            &backfill_judged,
            if f.images.running {
                "running now".to_owned()
            } else if f.images.lots_need_photos == 0 {
                "no lot needs photos".to_owned()
            } else {
                format!(
                    "last run finished {} ago",
                    f.images
                        .last_run
                        .as_ref()
                        .and_then(|r| r.finished_at)
                        .map_or("—".to_owned(), |t| rules::ago(now - t))
                )
            },
            None,
            json!({
                "running": f.images.running,
                "last_run": f.images.last_run,
                "lots_needing_photos": f.images.lots_need_photos.min(NEED_PHOTOS_CAP),
                "lots_needing_photos_capped": f.images.lots_need_photos > NEED_PHOTOS_CAP,
            }),
        ),
        None => service(&backfill_judged, unknown.clone(), None, json!({})),
    };
    let images = match facts {
        Some(f) => service(
            &images_judged,
            format!("{} photos stored in the last 24 h", f.images.photos_24h),
            None,
            json!({
                "photos_24h": f.images.photos_24h,
                "last_photo_at": at(f.images.last_photo_at),
            }),
        ),
        None => service(&images_judged, unknown.clone(), None, json!({})),
    };
    let photo_purges = match facts {
        Some(f) => service(
            &purges_judged,
            if f.purges.pending == 0 {
                "no photo of a suppressed VIN left to delete".to_owned()
            } else {
                format!(
                    "{} suppressed VIN(s) with photos still to delete",
                    f.purges.pending
                )
            },
            None,
            json!(f.purges),
        ),
        None => service(&purges_judged, unknown.clone(), None, json!({})),
    };
    let outcomes = match facts {
        Some(f) => {
            let o = f.outcomes;
            service(
                &outcomes_judged,
                format!(
                    "{} inferred in the last 24 h",
                    o.sold + o.not_sold + o.on_approval + o.unknown
                ),
                None,
                json!(o),
            )
        }
        None => service(&outcomes_judged, unknown, None, json!({})),
    };

    let (etl_extras, backfill_extras, images_extras) = contract::extras(facts, o.totals);
    let etl = etl.with_contract(etl_extras);
    let image_backfill = image_backfill.with_contract(backfill_extras);
    let images = images.with_contract(images_extras);

    let judged = [
        &web_judged,
        &db_judged,
        &redis_judged,
        &etl_judged,
        &backfill_judged,
        &images_judged,
        &purges_judged,
        &outcomes_judged,
    ];
    let status = rules::overall(judged);
    // Worst first: unhealthy reasons before degraded ones (a stable sort keeps page order).
    let mut worst_first: Vec<&Judged> = judged
        .iter()
        .copied()
        .filter(|j| j.reason.is_some())
        .collect();
    worst_first.sort_by_key(|j| u8::from(j.status != ServiceStatus::Unhealthy));

    let cards = cards::cards(facts, o.cache_counts);
    Report {
        status,
        timestamp: now,
        view: View::Full,
        checked_at: now,
        reasons: worst_first.iter().filter_map(|j| j.full_reason()).collect(),
        public_reasons: worst_first
            .iter()
            .filter_map(|j| j.reason.clone())
            .collect(),
        services: Services {
            web,
            database,
            redis,
            etl,
            image_backfill,
            images,
            photo_purges,
            outcomes,
        },
        metrics: Metrics::new(o.totals, facts, o.uptime_secs),
        cards,
        charts: o.facts.map(|f| f.charts),
    }
}
