//! The health rules, as pure functions of what was observed (so each rule and the precedence
//! between them is unit-tested here, and tested against real stopped services in
//! `server/tests/it/health.rs`):
//! - database down → `unhealthy` (HTTP 503);
//! - ETL: no success (a run that `succeeded`, or was `skipped` because the export had not
//!   changed) within 2 h → `degraded`;
//! - image backfill idle more than 35 min while lots still need photos → `degraded`;
//! - images: no photo stored in the last 30 min while lots need photos → `degraded`;
//! - Redis down → `degraded` (a disabled Redis is a choice, not a fault);
//! - a photo purge of a suppressed VIN failing, or pending more than 15 min → `degraded`;
//! - the worst status wins; only `unhealthy` turns the answer into a 503.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::facts::Standby;
use crate::cache::CacheState;

pub const ETL_STALE_AFTER: TimeDelta = TimeDelta::hours(2);
pub const BACKFILL_IDLE_AFTER: TimeDelta = TimeDelta::minutes(35);
pub const PURGE_PENDING_AFTER: TimeDelta = TimeDelta::minutes(15);
/// The images rule's window (the original's "images added in the last 30 min").
pub const PHOTO_WINDOW: TimeDelta = TimeDelta::minutes(30);

/// Overall verdict, ordered by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Healthy,
    Degraded,
    Unhealthy,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Healthy => "healthy",
            Status::Degraded => "degraded",
            Status::Unhealthy => "unhealthy",
        }
    }

    /// 503 only when unhealthy: a degraded site still serves its pages.
    pub const fn http_status(self) -> u16 {
        match self {
            Status::Unhealthy => 503,
            Status::Healthy | Status::Degraded => 200,
        }
    }
}

/// A service's state: a verdict, or one that does not count towards the overall status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    Healthy,
    Degraded,
    Unhealthy,
    /// Cannot be told (its facts live in the database, which is down).
    Unknown,
    /// Turned off by configuration.
    Disabled,
}

impl ServiceStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Healthy => "healthy",
            ServiceStatus::Degraded => "degraded",
            ServiceStatus::Unhealthy => "unhealthy",
            ServiceStatus::Unknown => "unknown",
            ServiceStatus::Disabled => "disabled",
        }
    }

    fn verdict(self) -> Option<Status> {
        match self {
            ServiceStatus::Healthy => Some(Status::Healthy),
            ServiceStatus::Degraded => Some(Status::Degraded),
            ServiceStatus::Unhealthy => Some(Status::Unhealthy),
            ServiceStatus::Unknown | ServiceStatus::Disabled => None,
        }
    }
}

/// A service's status with the reason when it is not healthy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    pub status: ServiceStatus,
    /// Why, in words anyone may read (the public `/health` shows it).
    pub reason: Option<String>,
    /// What completes the reason for an operator: an error text, which may name hosts or
    /// internals, so only the full report shows it.
    pub detail: Option<String>,
}

impl Judged {
    fn ok() -> Judged {
        Judged::of(ServiceStatus::Healthy)
    }

    /// `status` with no reason.
    pub fn of(status: ServiceStatus) -> Judged {
        Judged {
            status,
            reason: None,
            detail: None,
        }
    }

    fn with(status: ServiceStatus, reason: impl Into<String>) -> Judged {
        Judged {
            status,
            reason: Some(reason.into()),
            detail: None,
        }
    }

    /// The reason as the full report gives it: with its detail.
    pub fn full_reason(&self) -> Option<String> {
        match (&self.reason, &self.detail) {
            (Some(r), Some(d)) => Some(format!("{r}: {d}")),
            (r, _) => r.clone(),
        }
    }
}

/// A standby further behind than this is degraded: pages (and the cache, whose version comes
/// from the same standby) show data that much older than the primary's.
pub const STANDBY_LAG_DEGRADED_SECS: f64 = 300.0;

/// `standby`: the replay state when the web pool reads a standby.
pub fn database(up: bool, standby: Option<Standby>) -> Judged {
    if !up {
        return Judged::with(ServiceStatus::Unhealthy, "database unreachable");
    }
    match standby {
        Some(Standby { paused: true, .. }) => Judged::with(
            ServiceStatus::Degraded,
            "standby replay paused: pages show the data of when it stopped",
        ),
        Some(Standby {
            lag_secs: Some(lag),
            ..
        }) if lag > STANDBY_LAG_DEGRADED_SECS => Judged::with(
            ServiceStatus::Degraded,
            format!(
                "standby {} behind the primary: pages show older data",
                ago(chrono::TimeDelta::seconds(lag as i64))
            ),
        ),
        _ => Judged::ok(),
    }
}

pub fn redis(state: CacheState) -> Judged {
    match state {
        CacheState::Up => Judged::ok(),
        CacheState::Down => Judged::with(
            ServiceStatus::Degraded,
            "redis down: pages are served from the database",
        ),
        CacheState::Disabled => Judged::of(ServiceStatus::Disabled),
    }
}

/// `last_success`: `None` when there has never been one; the outer `None` when the database
/// cannot be read.
pub fn etl(now: DateTime<Utc>, last_success: Option<Option<DateTime<Utc>>>) -> Judged {
    match last_success {
        None => Judged::of(ServiceStatus::Unknown),
        Some(None) => Judged::with(ServiceStatus::Degraded, "no successful ETL run yet"),
        Some(Some(at)) if now - at > ETL_STALE_AFTER => Judged::with(
            ServiceStatus::Degraded,
            format!(
                "last successful ETL run {} ago (limit {} h)",
                ago(now - at),
                ETL_STALE_AFTER.num_hours()
            ),
        ),
        Some(Some(_)) => Judged::ok(),
    }
}

/// What the backfill rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackfillFacts {
    /// When an images run last finished; `now` while one is running.
    pub last_active: Option<DateTime<Utc>>,
    pub lots_need_photos: bool,
}

pub fn backfill(now: DateTime<Utc>, facts: Option<BackfillFacts>) -> Judged {
    let Some(f) = facts else {
        return Judged::of(ServiceStatus::Unknown);
    };
    if !f.lots_need_photos {
        return Judged::ok();
    }
    match f.last_active {
        None => Judged::with(
            ServiceStatus::Degraded,
            "lots need photos and the image job has never run",
        ),
        Some(at) if now - at > BACKFILL_IDLE_AFTER => Judged::with(
            ServiceStatus::Degraded,
            format!(
                "image backfill idle for {} while lots need photos (limit {} min)",
                ago(now - at),
                BACKFILL_IDLE_AFTER.num_minutes()
            ),
        ),
        Some(_) => Judged::ok(),
    }
}

/// What the images rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoIntake {
    /// Photos stored in the last `PHOTO_WINDOW`.
    pub photos_in_window: i64,
    pub lots_need_photos: bool,
}

/// No photo stored for `PHOTO_WINDOW` while lots wait for photos → `degraded` (the original's
/// rule). The backfill rule sees a job that does not run; this one a job that runs and stores
/// nothing (the photo API refusing every request, the store failing every write).
pub fn images(intake: Option<PhotoIntake>) -> Judged {
    match intake {
        None => Judged::of(ServiceStatus::Unknown),
        Some(i) if i.lots_need_photos && i.photos_in_window == 0 => Judged::with(
            ServiceStatus::Degraded,
            format!(
                "no photo stored in the last {} min while lots need photos",
                PHOTO_WINDOW.num_minutes()
            ),
        ),
        Some(_) => Judged::ok(),
    }
}

/// What the photo-purge rule looks at (`facts::PurgeFacts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeState {
    pub pending: i64,
    pub failing: i64,
    pub oldest_requested_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// Photos of suppressed VINs still in the store: a removal is not complete until they are gone.
/// A purge whose attempt failed, or pending longer than `PURGE_PENDING_AFTER` (it is tried at
/// once and then every few minutes) → `degraded`.
pub fn photo_purges(now: DateTime<Utc>, state: Option<PurgeState>) -> Judged {
    let Some(s) = state else {
        return Judged::of(ServiceStatus::Unknown);
    };
    if s.failing > 0 {
        return Judged {
            detail: Some(
                s.last_error
                    .unwrap_or_else(|| "no reason recorded".to_owned()),
            ),
            ..Judged::with(
                ServiceStatus::Degraded,
                format!(
                    "{} of {} photo purge(s) of suppressed VINs failing",
                    s.failing, s.pending
                ),
            )
        };
    }
    match s.oldest_requested_at {
        Some(at) if s.pending > 0 && now - at > PURGE_PENDING_AFTER => Judged::with(
            ServiceStatus::Degraded,
            format!(
                "{} photo purge(s) of suppressed VINs pending for {} (limit {} min)",
                s.pending,
                ago(now - at),
                PURGE_PENDING_AFTER.num_minutes()
            ),
        ),
        _ => Judged::ok(),
    }
}

/// The worst verdict among the services; unknown and disabled ones do not count.
pub fn overall<'a>(services: impl IntoIterator<Item = &'a Judged>) -> Status {
    services
        .into_iter()
        .filter_map(|j| j.status.verdict())
        .max()
        .unwrap_or(Status::Healthy)
}

/// "3 h 05 min", "12 min", "40 s".
pub fn ago(d: TimeDelta) -> String {
    let secs = d.num_seconds().max(0);
    if secs < 60 {
        format!("{secs} s")
    } else if secs < 3600 {
        format!("{} min", secs / 60)
    } else if secs < 86_400 {
        format!("{} h {:02} min", secs / 3600, secs % 3600 / 60)
    } else {
        format!("{} d {} h", secs / 86_400, secs % 86_400 / 3600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
            .expect("valid")
            .with_timezone(&Utc)
    }

    #[test]
    fn etl_is_stale_after_two_hours() {
        let n = now();
        assert_eq!(
            etl(n, Some(Some(n - TimeDelta::minutes(119)))).status,
            ServiceStatus::Healthy
        );
        let stale = etl(n, Some(Some(n - TimeDelta::minutes(121))));
        assert_eq!(stale.status, ServiceStatus::Degraded);
        assert!(stale.reason.unwrap_or_default().contains("2 h 01 min"));
        assert_eq!(etl(n, Some(None)).status, ServiceStatus::Degraded);
        assert_eq!(etl(n, None).status, ServiceStatus::Unknown);
    }

    #[test]
    fn images_degrade_when_nothing_is_stored_while_lots_wait() {
        let judge = |photos_in_window, lots_need_photos| {
            images(Some(PhotoIntake {
                photos_in_window,
                lots_need_photos,
            }))
            .status
        };
        assert_eq!(judge(0, true), ServiceStatus::Degraded);
        assert_eq!(judge(1, true), ServiceStatus::Healthy);
        assert_eq!(judge(0, false), ServiceStatus::Healthy);
        assert_eq!(images(None).status, ServiceStatus::Unknown);
    }

    #[test]
    fn backfill_idle_counts_only_while_lots_need_photos() {
        let n = now();
        let idle = |mins, need| {
            backfill(
                n,
                Some(BackfillFacts {
                    last_active: Some(n - TimeDelta::minutes(mins)),
                    lots_need_photos: need,
                }),
            )
            .status
        };
        assert_eq!(idle(34, true), ServiceStatus::Healthy);
        assert_eq!(idle(36, true), ServiceStatus::Degraded);
        assert_eq!(idle(600, false), ServiceStatus::Healthy);
        let never = BackfillFacts {
            last_active: None,
            lots_need_photos: true,
        };
        assert_eq!(backfill(n, Some(never)).status, ServiceStatus::Degraded);
        assert_eq!(backfill(n, None).status, ServiceStatus::Unknown);
    }

    #[test]
    fn photo_purges_degrade_when_failing_or_late() {
        let n = now();
        let state = |pending, failing, mins| PurgeState {
            pending,
            failing,
            oldest_requested_at: (pending > 0).then(|| n - TimeDelta::minutes(mins)),
            last_error: (failing > 0).then(|| "connection refused".to_owned()),
        };
        assert_eq!(
            photo_purges(n, Some(state(0, 0, 0))).status,
            ServiceStatus::Healthy
        );
        assert_eq!(
            photo_purges(n, Some(state(1, 0, 14))).status,
            ServiceStatus::Healthy
        );
        let late = photo_purges(n, Some(state(2, 0, 16)));
        assert_eq!(late.status, ServiceStatus::Degraded);
        assert!(
            late.reason
                .unwrap_or_default()
                .contains("pending for 16 min")
        );
        let failing = photo_purges(n, Some(state(3, 1, 1)));
        assert_eq!(failing.status, ServiceStatus::Degraded);
        assert!(
            failing
                .full_reason()
                .unwrap_or_default()
                .contains("1 of 3 photo purge(s) of suppressed VINs failing: connection refused")
        );
        // The error text is the operator's only: the public reason stops before it.
        assert_eq!(
            failing.reason.as_deref(),
            Some("1 of 3 photo purge(s) of suppressed VINs failing")
        );
        assert_eq!(photo_purges(n, None).status, ServiceStatus::Unknown);
    }

    #[test]
    fn worst_status_wins_and_unknown_does_not_count() {
        let db_down = database(false, None);
        let redis_down = redis(CacheState::Down);
        let etl_stale = etl(now(), Some(None));
        let unknown = etl(now(), None);
        let disabled = redis(CacheState::Disabled);
        assert_eq!(overall([&db_down, &redis_down]), Status::Unhealthy);
        assert_eq!(overall([&redis_down, &db_down]), Status::Unhealthy);
        assert_eq!(overall([&redis_down, &etl_stale]), Status::Degraded);
        assert_eq!(
            overall([&database(true, None), &unknown, &disabled]),
            Status::Healthy
        );
        assert_eq!(
            overall([&database(true, None), &redis_down]),
            Status::Degraded
        );
        assert_eq!(Status::Unhealthy.http_status(), 503);
        assert_eq!(Status::Degraded.http_status(), 200);
    }

    #[test]
    fn a_standby_far_behind_or_paused_is_degraded() {
        let standby = |lag_secs, paused| {
            Some(Standby {
                lag_secs,
                behind_bytes: None,
                paused,
            })
        };
        assert_eq!(
            database(true, standby(Some(0.0), false)).status,
            ServiceStatus::Healthy
        );
        assert_eq!(
            database(true, standby(None, false)).status,
            ServiceStatus::Healthy
        );
        assert_eq!(
            database(true, standby(Some(STANDBY_LAG_DEGRADED_SECS), false)).status,
            ServiceStatus::Healthy
        );
        let behind = database(true, standby(Some(900.0), false));
        assert_eq!(behind.status, ServiceStatus::Degraded);
        assert_eq!(
            behind.reason.as_deref(),
            Some("standby 15 min behind the primary: pages show older data")
        );
        let paused = database(true, standby(Some(1.0), true));
        assert_eq!(paused.status, ServiceStatus::Degraded);
        assert!(paused.reason.unwrap_or_default().contains("paused"));
        // Unreachable wins over everything a standby could report.
        assert_eq!(
            database(false, standby(Some(900.0), true)).status,
            ServiceStatus::Unhealthy
        );
    }
}
