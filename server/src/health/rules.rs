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
    /// Removals not yet in the suppression journal (what a restore re-applies).
    pub unjournaled: i64,
    pub oldest_unjournaled_at: Option<DateTime<Utc>>,
}

/// Photos of suppressed VINs still in the store: a removal is not complete until they are gone.
/// A purge whose attempt failed, or pending longer than `PURGE_PENDING_AFTER` (it is tried at
/// once and then every few minutes) → `degraded`; so is a removal missing from the suppression
/// journal for as long (the journal is what a restore re-applies).
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
        _ => match s.oldest_unjournaled_at {
            Some(at) if s.unjournaled > 0 && now - at > PURGE_PENDING_AFTER => Judged::with(
                ServiceStatus::Degraded,
                format!(
                    "{} removal(s) not in the suppression journal for {} (limit {} min): a \
                     restore would bring them back",
                    s.unjournaled,
                    ago(now - at),
                    PURGE_PENDING_AFTER.num_minutes()
                ),
            ),
            _ => Judged::ok(),
        },
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
mod tests;
