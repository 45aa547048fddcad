//! The original system's `/health` contract, which its operators' scripts read
//! (`jq .status`, `jq '.services.imageBackfill'`), kept beside this report's own fields:
//!
//! - every service has `status` `up` / `degraded` / `down` and a `message`; this report's finer
//!   verdict (`healthy` … `unknown`, `disabled`) is `state`, its text `summary`;
//! - `etl.lastRun`, `imageBackfill.lotsRemaining` / `lastActivity`, `images.total` /
//!   `lastAdded`;
//! - top-level `timestamp` and `metrics` as plain numbers (the dashboard's formatted cards are
//!   `cards`).
//!
//! A number that cannot be known now (the database is down, or the counts timed out) is `null`
//! rather than a made-up 0.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::facts::DbFacts;
use super::rules::ServiceStatus;
use super::totals::Totals;

/// A service's status in the original's three words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Up {
    Up,
    Degraded,
    Down,
}

impl From<ServiceStatus> for Up {
    /// `unknown` (its facts live in the database, which is down) cannot be called up: down.
    /// `disabled` by configuration serves without the piece: degraded, as a Redis outage is.
    fn from(s: ServiceStatus) -> Up {
        match s {
            ServiceStatus::Healthy => Up::Up,
            ServiceStatus::Degraded | ServiceStatus::Disabled => Up::Degraded,
            ServiceStatus::Unhealthy | ServiceStatus::Unknown => Up::Down,
        }
    }
}

/// `metrics`: the catalog's size and the photo pipeline's progress, as numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    pub total_vehicles: Option<i64>,
    pub total_lots: Option<i64>,
    pub active_lots: Option<i64>,
    pub vehicles_with_images: Option<i64>,
    pub lots_needing_images: Option<i64>,
    pub images_added_last_30_min: Option<i64>,
    /// Only in the full report (the public one shows no uptime: it dates every restart).
    pub uptime_seconds: Option<u64>,
}

impl Metrics {
    pub fn new(totals: Option<Totals>, facts: Option<&DbFacts>, uptime_secs: u64) -> Metrics {
        Metrics {
            total_vehicles: totals.map(|t| t.vehicles),
            total_lots: totals.map(|t| t.lots),
            active_lots: totals.map(|t| t.active_lots),
            vehicles_with_images: totals.map(|t| t.vehicles_with_photos),
            lots_needing_images: totals.map(|t| t.lots_needing_photos),
            images_added_last_30_min: facts.map(|f| f.images.photos_30min),
            uptime_seconds: Some(uptime_secs),
        }
    }

    /// Vehicles with photos out of all vehicles, in percent (one decimal).
    pub fn image_coverage_percent(&self) -> Option<f64> {
        match (self.vehicles_with_images, self.total_vehicles) {
            (Some(with), Some(all)) if all > 0 => {
                Some((1000.0 * with as f64 / all as f64).round() / 10.0)
            }
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        }
    }
}

fn at(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| json!(t))
}

/// The contract's extra fields of each service: (etl, image backfill, images).
pub fn extras(
    facts: Option<&DbFacts>,
    totals: Option<Totals>,
) -> (Map<String, Value>, Map<String, Value>, Map<String, Value>) {
    let mut etl = Map::new();
    let mut backfill = Map::new();
    let mut images = Map::new();
    let f = facts;
    etl.insert(
        "lastRun".into(),
        at(f.and_then(|f| f.etl.last_run.as_ref().map(|r| r.started_at))),
    );
    backfill.insert(
        "lotsRemaining".into(),
        json!(totals.map(|t| t.lots_needing_photos)),
    );
    // The last sign of the backfill working: a photo stored, or a run finished (a run that
    // found nothing to store is activity too).
    let last_run = f.and_then(|f| f.images.last_run.as_ref().and_then(|r| r.finished_at));
    let last_photo = f.and_then(|f| f.images.last_photo_at);
    backfill.insert("lastActivity".into(), at(last_run.max(last_photo)));
    images.insert("total".into(), json!(totals.map(|t| t.photos)));
    images.insert("lastAdded".into(), at(last_photo));
    (etl, backfill, images)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_one_of_the_three_words() {
        let words: Vec<_> = [
            ServiceStatus::Healthy,
            ServiceStatus::Degraded,
            ServiceStatus::Unhealthy,
            ServiceStatus::Unknown,
            ServiceStatus::Disabled,
        ]
        .into_iter()
        .map(|s| serde_json::to_value(Up::from(s)).expect("json"))
        .collect();
        assert_eq!(
            words,
            ["up", "degraded", "down", "down", "degraded"].map(Value::from)
        );
    }

    #[test]
    fn coverage_is_a_percentage_of_all_vehicles() {
        let m = |with, all| Metrics {
            vehicles_with_images: Some(with),
            total_vehicles: Some(all),
            ..Metrics::default()
        };
        assert_eq!(m(1, 3).image_coverage_percent(), Some(33.3));
        assert_eq!(m(0, 0).image_coverage_percent(), Some(0.0));
        assert_eq!(Metrics::default().image_coverage_percent(), None);
    }
}
