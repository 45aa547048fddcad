//! The rules' cases: each threshold on both sides, and which status wins.
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
        unjournaled: 0,
        oldest_unjournaled_at: None,
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
fn removals_missing_from_the_journal_degrade_after_15_min() {
    let n = now();
    let state = |unjournaled, mins| PurgeState {
        pending: 0,
        failing: 0,
        oldest_requested_at: None,
        last_error: None,
        unjournaled,
        oldest_unjournaled_at: (unjournaled > 0).then(|| n - TimeDelta::minutes(mins)),
    };
    assert_eq!(
        photo_purges(n, Some(state(2, 14))).status,
        ServiceStatus::Healthy
    );
    let late = photo_purges(n, Some(state(2, 16)));
    assert_eq!(late.status, ServiceStatus::Degraded);
    assert!(
        late.reason
            .unwrap_or_default()
            .starts_with("2 removal(s) not in the suppression journal for 16 min")
    );
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
