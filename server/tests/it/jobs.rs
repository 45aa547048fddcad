//! The scheduler in one process: failures and panics contained, graceful shutdown (finish or
//! cancel), the job lock and `After` triggers, and the retention job. Real PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::jobs_common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::TestDb;
use jobs_common::{outcomes_of, wait_for};
use server::jobs::{Job, JobSummary, Schedule, Scheduler, Trigger};

fn every_second() -> Trigger {
    Trigger::Cron(Schedule::parse("* * * * * *").expect("valid"))
}

#[tokio::test]
async fn a_failing_or_panicking_job_stops_neither_the_others_nor_the_web_server() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let app = common::TestApp::spawn(TestDb::new().await).await;
    let ok_runs = Arc::new(AtomicUsize::new(0));
    let jobs = vec![
        Job::new("boom", every_second(), |_| async {
            if std::hint::black_box(true) {
                panic!("deliberate test panic");
            }
            Ok(JobSummary::succeeded(None, serde_json::json!({})))
        }),
        Job::new("fails", every_second(), |_| async {
            Err(anyhow::anyhow!("deliberate failure"))
        }),
        Job::new("ok", every_second(), {
            let ok_runs = Arc::clone(&ok_runs);
            move |_| {
                let ok_runs = Arc::clone(&ok_runs);
                async move {
                    ok_runs.fetch_add(1, Ordering::SeqCst);
                    Ok(JobSummary::succeeded(None, serde_json::json!({"n": 1})))
                }
            }
        }),
    ];
    let scheduler = Scheduler::start(db.etl().await, jobs).await.expect("start");
    tokio::time::sleep(Duration::from_millis(3600)).await;
    assert!(app.get("/healthz").await.status().is_success());
    scheduler.shutdown(Duration::from_secs(5)).await;

    let boom = outcomes_of(&owner, "boom").await;
    let fails = outcomes_of(&owner, "fails").await;
    let ok = outcomes_of(&owner, "ok").await;
    assert!(
        boom.len() >= 2 && boom.iter().all(|o| o == "panicked"),
        "{boom:?}"
    );
    assert!(
        fails.len() >= 2 && fails.iter().all(|o| o == "failed"),
        "{fails:?}"
    );
    assert!(
        ok.len() >= 2 && ok.iter().all(|o| o == "succeeded"),
        "{ok:?}"
    );
    assert_eq!(ok_runs.load(Ordering::SeqCst), ok.len());
    let err: String = sqlx::query_scalar(
        "SELECT error FROM audit.job_slots WHERE job = 'boom' ORDER BY slot LIMIT 1",
    )
    .fetch_one(&owner)
    .await
    .expect("error");
    assert!(err.contains("deliberate test panic"), "{err}");
    // A panicking job must not leave its advisory lock held (its connection back in the pool).
    let held: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
            .fetch_one(&owner)
            .await
            .expect("locks");
    assert_eq!(held, 0);
}

#[tokio::test]
async fn shutdown_lets_a_running_job_finish_and_cancels_one_past_the_grace_period() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let pool = db.etl().await;

    // Finishes within the grace period: recorded as succeeded, its write committed.
    let slow = Job::new("slow", every_second(), {
        let pool = pool.clone();
        move |_| {
            let pool = pool.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(1500)).await;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO audit.runs (job, status, finished_at) VALUES ('slow', 'succeeded', now()) RETURNING id",
                )
                .fetch_one(&pool)
                .await?;
                Ok(JobSummary::succeeded(Some(id), serde_json::json!({})))
            }
        }
    });
    let scheduler = Scheduler::start(pool.clone(), vec![slow])
        .await
        .expect("start");
    // Wait until it is running, then stop.
    wait_for(
        &owner,
        "SELECT count(*) FROM audit.job_slots WHERE job = 'slow'",
    )
    .await;
    let stopped = Instant::now();
    scheduler.shutdown(Duration::from_secs(10)).await;
    assert!(stopped.elapsed() < Duration::from_secs(5));
    let slow = outcomes_of(&owner, "slow").await;
    assert_eq!(
        slow.last().map(String::as_str),
        Some("succeeded"),
        "{slow:?}"
    );
    assert!(slow.iter().all(|o| o == "succeeded"), "{slow:?}");

    // Never finishes: cancelled after the grace period; its transaction rolls back and its run
    // row (written outside the transaction) is closed as failed.
    let stuck = Job::new("stuck", every_second(), {
        let pool = pool.clone();
        move |_| {
            let pool = pool.clone();
            async move {
                sqlx::query("INSERT INTO audit.runs (job) VALUES ('stuck')")
                    .execute(&pool)
                    .await?;
                let mut tx = pool.begin().await?;
                sqlx::query("INSERT INTO audit.runs (job, status, finished_at) VALUES ('stuck-tx', 'succeeded', now())")
                    .execute(&mut *tx)
                    .await?;
                std::future::pending::<()>().await;
                tx.commit().await?;
                Ok(JobSummary::succeeded(None, serde_json::json!({})))
            }
        }
    })
    .records_runs_as("stuck");
    let scheduler = Scheduler::start(pool.clone(), vec![stuck])
        .await
        .expect("start");
    wait_for(
        &owner,
        "SELECT count(*) FROM audit.runs WHERE job = 'stuck'",
    )
    .await;
    let stopped = Instant::now();
    scheduler.shutdown(Duration::from_secs(1)).await;
    let took = stopped.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(8),
        "{took:?}"
    );
    assert_eq!(outcomes_of(&owner, "stuck").await, ["cancelled"]);
    // The transaction's row never became visible (allow the rollback a moment).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let in_tx: i64 = sqlx::query_scalar("SELECT count(*) FROM audit.runs WHERE job = 'stuck-tx'")
        .fetch_one(&owner)
        .await
        .expect("count");
    assert_eq!(in_tx, 0);
    let (status, error): (String, Option<String>) =
        sqlx::query_as("SELECT status, error FROM audit.runs WHERE job = 'stuck'")
            .fetch_one(&owner)
            .await
            .expect("run row");
    assert_eq!(status, "failed");
    assert!(error.unwrap_or_default().contains("cancelled"));
}

#[tokio::test]
async fn a_held_lock_skips_the_slot_and_after_jobs_follow_with_the_same_slot() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let first_runs = Arc::new(AtomicUsize::new(0));
    let jobs = vec![
        Job::new("first", every_second(), {
            let first_runs = Arc::clone(&first_runs);
            move |_| {
                let first_runs = Arc::clone(&first_runs);
                async move {
                    first_runs.fetch_add(1, Ordering::SeqCst);
                    Ok(JobSummary::succeeded(None, serde_json::json!({})))
                }
            }
        }),
        Job::new("then", Trigger::After("first"), |ctx| async move {
            Ok(JobSummary::succeeded(
                None,
                serde_json::json!({ "slot": ctx.slot() }),
            ))
        }),
    ];
    // Another session holds "first"'s lock for the first ~2 s.
    let mut holder = owner.acquire().await.expect("conn");
    let key = server::jobs::slots::lock_key("first");
    let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(key)
        .fetch_one(&mut *holder)
        .await
        .expect("lock");
    assert!(locked);
    let scheduler = Scheduler::start(db.etl().await, jobs).await.expect("start");
    tokio::time::sleep(Duration::from_millis(2200)).await;
    let _: bool = sqlx::query_scalar("SELECT pg_advisory_unlock($1)")
        .bind(key)
        .fetch_one(&mut *holder)
        .await
        .expect("unlock");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    scheduler.shutdown(Duration::from_secs(5)).await;

    let first = outcomes_of(&owner, "first").await;
    assert!(first.iter().take(2).all(|o| o == "skipped"), "{first:?}");
    let succeeded = first.iter().filter(|o| *o == "succeeded").count();
    assert!(succeeded >= 2, "{first:?}");
    assert_eq!(first_runs.load(Ordering::SeqCst), succeeded);
    // `then` ran for exactly the slots where `first` succeeded, never where it was skipped.
    let pairs: Vec<(DateTime<Utc>, Option<String>)> = sqlx::query_as(
        r#"SELECT f.slot, t.outcome FROM audit.job_slots f
           LEFT JOIN audit.job_slots t ON t.job = 'then' AND t.slot = f.slot
           WHERE f.job = 'first' ORDER BY f.slot"#,
    )
    .fetch_all(&owner)
    .await
    .expect("pairs");
    for ((slot, then), outcome) in pairs.iter().zip(&first) {
        let expected = (outcome == "succeeded").then(|| "succeeded".to_owned());
        assert_eq!(then, &expected, "slot {slot}");
    }
    let skipped_error: String = sqlx::query_scalar(
        "SELECT error FROM audit.job_slots WHERE job = 'first' AND outcome = 'skipped' LIMIT 1",
    )
    .fetch_one(&owner)
    .await
    .expect("error");
    assert!(skipped_error.contains("still going"), "{skipped_error}");
}

#[tokio::test]
async fn retention_deletes_old_bookkeeping_and_keeps_history_and_the_latest_runs() {
    use server::jobs::{RetentionPolicy, run_retention};

    let db = TestDb::new().await;
    let owner = db.owner().await;
    let pool = db.etl().await;
    // Two old ETL runs (the newer one is the last success: kept), an old failed one with row
    // errors, a recent one, an old slot row, an old never-ingested file.
    let ids: Vec<i64> = sqlx::query_scalar(
        r#"INSERT INTO audit.runs (job, status, started_at, finished_at) VALUES
             ('etl', 'succeeded', now() - interval '50 days', now() - interval '50 days'),
             ('etl', 'succeeded', now() - interval '40 days', now() - interval '40 days'),
             ('etl', 'failed',    now() - interval '45 days', now() - interval '45 days'),
             ('etl', 'failed',    now() - interval '1 day',   now() - interval '1 day')
           RETURNING id"#,
    )
    .fetch_all(&owner)
    .await
    .expect("runs");
    sqlx::query("INSERT INTO audit.row_errors (run_id, row_no, reason) VALUES ($1, 1, 'x'), ($1, 2, 'y'), ($2, 1, 'z')")
        .bind(ids[2])
        .bind(ids[3])
        .execute(&owner)
        .await
        .expect("row errors");
    sqlx::query(
        r#"INSERT INTO audit.job_slots (job, slot, instance, claimed_at, finished_at, outcome) VALUES
             ('etl', now() - interval '40 days', 'h:1:a', now() - interval '40 days', now() - interval '40 days', 'succeeded'),
             ('etl', now() - interval '1 hour', 'h:1:a', now() - interval '1 hour', now() - interval '1 hour', 'succeeded')"#,
    )
    .execute(&owner)
    .await
    .expect("slots");
    sqlx::query(
        r#"INSERT INTO raw.files (sha256, source, bytes, fetched_at, archive_key, ingest_started_at, ingest_finished_at) VALUES
             (sha256('a'), 'copart', 10, now() - interval '40 days', NULL, NULL, NULL),
             (sha256('b'), 'copart', 10, now() - interval '40 days', 'raw/copart/2020/01/01/0000.csv', now() - interval '40 days', now() - interval '40 days'),
             (sha256('c'), 'copart', 10, now(), NULL, NULL, NULL)"#,
    )
    .execute(&owner)
    .await
    .expect("files");
    // An archived export from 2020 (pruned) and one from today (kept).
    let root = std::env::temp_dir().join(format!(
        "vinops-retention-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let archive = server::archive::Archive::new(&root, 7);
    for (name, at) in [
        ("old", "2020-01-01T00:00:00Z"),
        ("new", &Utc::now().to_rfc3339()),
    ] {
        let src = root.join(name);
        std::fs::create_dir_all(&root).expect("dir");
        std::fs::write(&src, name).expect("write");
        let at = DateTime::parse_from_rfc3339(at)
            .expect("time")
            .with_timezone(&Utc);
        archive.store(&src, at).await.expect("store");
    }
    let policy = RetentionPolicy {
        archive,
        archive_keep_days: 7,
        audit_keep_days: 30,
    };
    let report = run_retention(&pool, &policy).await.expect("retention");
    assert_eq!(report.archive_files, 1);
    assert_eq!(report.archive_keys_cleared, 1);
    assert_eq!(report.runs, 2, "{report:?}");
    assert_eq!(report.row_errors, 2);
    assert_eq!(report.job_slots, 1);
    assert_eq!(report.raw_files, 1);
    let left: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM audit.runs WHERE job = 'etl' ORDER BY id")
            .fetch_all(&owner)
            .await
            .expect("left");
    assert_eq!(left, [ids[1], ids[3]]);
    let (status, counts): (String, String) =
        sqlx::query_as("SELECT status, counts::text FROM audit.runs WHERE job = 'retention'")
            .fetch_one(&owner)
            .await
            .expect("retention run");
    let counts: serde_json::Value = serde_json::from_str(&counts).expect("json");
    assert_eq!(status, "succeeded");
    assert_eq!(counts["runs"], 2);
    let files: i64 = sqlx::query_scalar("SELECT count(*) FROM raw.files")
        .fetch_one(&owner)
        .await
        .expect("files");
    assert_eq!(files, 2);
    // A second pass has nothing left to do.
    let again = run_retention(&pool, &policy).await.expect("again");
    assert_eq!(
        (
            again.runs,
            again.row_errors,
            again.job_slots,
            again.raw_files,
            again.archive_files
        ),
        (0, 0, 0, 0, 0)
    );
    std::fs::remove_dir_all(&root).ok();
}
