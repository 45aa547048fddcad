//! The scheduler inside `serve`: once per slot across two real `serve` processes on one
//! database, failures and panics contained, graceful shutdown, the lock and `After` triggers,
//! and the retention job. Real PostgreSQL, the real binary, the in-repo Copart simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod redis_child;

use std::collections::{BTreeMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::TestDb;
use server::jobs::{Job, JobSummary, Schedule, Scheduler, Trigger};
use server::simulator::{Fault, SimConfig, spawn};
use sqlx::PgPool;

/// A `vinops-server serve` child process; killed if the test ends without stopping it.
struct ServeProcess {
    child: Option<Child>,
    port: u16,
    log: std::path::PathBuf,
}

impl ServeProcess {
    fn start(db: &TestDb, envs: &[(&str, String)]) -> ServeProcess {
        let port = redis_child::free_port();
        let log = std::env::temp_dir().join(format!(
            "vinops-serve-{}.log",
            uuid::Uuid::new_v4().simple()
        ));
        let out = std::fs::File::create(&log).expect("log file");
        let err = out.try_clone().expect("log file");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vinops-server"));
        cmd.arg("serve")
            .env("DATABASE_URL", &db.cfg.database_url)
            .env("ETL_DATABASE_URL", &db.cfg.etl_database_url)
            .env("WEB_DATABASE_URL", &db.cfg.web_database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_OUTPUT_NAME", "vinops")
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("MIGRATE_ON_START", "false")
            .env("REDIS_URL", "off")
            .env("LOG_FORMAT", "pretty")
            .env("RUST_LOG", "info,sqlx=warn")
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err));
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start vinops-server");
        ServeProcess {
            child: Some(child),
            port,
            log,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    async fn wait_ready(&self, client: &reqwest::Client) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(self.url("/healthz")).send().await
                && r.status().is_success()
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "server never answered /healthz:\n{}",
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGTERM, then waits (bounded) for a clean exit.
    async fn terminate(&mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let mut child = self.child.take().expect("running");
        let deadline = Instant::now() + Duration::from_secs(40);
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "no exit after SIGTERM:\n{}",
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
        std::fs::remove_file(&self.log).ok();
    }
}

/// `name{labels} value` from a Prometheus text exposition (0 when absent).
fn metric(text: &str, series: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse::<f64>().ok())
        .map_or(0, |v| v as u64)
}

#[derive(Debug, sqlx::FromRow)]
struct SlotRow {
    job: String,
    slot: DateTime<Utc>,
    instance: String,
    outcome: String,
    run_id: Option<i64>,
    error: Option<String>,
}

impl SlotRow {
    fn missed(&self) -> bool {
        self.error
            .as_deref()
            .is_some_and(|e| e.starts_with("missed"))
    }
}

async fn slots(pool: &PgPool) -> Vec<SlotRow> {
    sqlx::query_as(
        "SELECT job, slot, instance, outcome, run_id, error FROM audit.job_slots ORDER BY job, slot",
    )
    .fetch_all(pool)
    .await
    .expect("slots")
}

#[tokio::test]
async fn two_serve_processes_run_each_slot_once() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let sim = spawn(
        SimConfig::new(5, 1_000),
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("simulator");
    let archive = std::env::temp_dir().join(format!(
        "vinops-jobs-archive-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let envs = [
        ("COPART_CSV_URL", sim.url()),
        ("ETL_SCHEDULE", "*/2 * * * * *".to_owned()),
        ("RETENTION_SCHEDULE", "*/2 * * * * *".to_owned()),
        ("ARCHIVE_DIR", archive.display().to_string()),
        ("JOBS_SHUTDOWN_GRACE_SECS", "20".to_owned()),
    ];
    let client = reqwest::Client::new();
    let mut a = ServeProcess::start(&db, &envs);
    let mut b = ServeProcess::start(&db, &envs);
    a.wait_ready(&client).await;
    b.wait_ready(&client).await;

    // A few slots with the export unchanged (304 → skipped), then a new export mid-way, so
    // a second ingest happens under competition too.
    tokio::time::sleep(Duration::from_secs(7)).await;
    tokio::task::spawn_blocking({
        let state = sim.state.clone();
        move || {
            server::simulator::lock(&state)
                .sim
                .advance()
                .expect("advance")
        }
    })
    .await
    .expect("advance task");
    tokio::time::sleep(Duration::from_secs(6)).await;

    // What each process saw: its claims and the slots another replica had claimed first.
    let mut not_claimed = BTreeMap::new();
    let mut etl_succeeded = 0;
    for p in [&a, &b] {
        let text = client
            .get(p.url("/metrics"))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("body");
        etl_succeeded += metric(&text, r#"vinops_etl_runs_total{status="succeeded"}"#);
        for job in ["etl", "retention"] {
            *not_claimed.entry(job).or_insert(0) += metric(
                &text,
                &format!("vinops_job_runs_total{{job=\"{job}\",outcome=\"not_claimed\"}}"),
            );
        }
    }
    let rows_at_scrape = slots(&owner).await;

    let (sa, sb) = (a.terminate().await, b.terminate().await);
    assert!(sa.success(), "process A exit {sa:?}:\n{}", a.log_text());
    assert!(sb.success(), "process B exit {sb:?}:\n{}", b.log_text());

    let rows = slots(&owner).await;
    let mut instances = HashSet::new();
    for job in ["etl", "retention"] {
        let mine: Vec<&SlotRow> = rows.iter().filter(|r| r.job == job).collect();
        assert!(
            mine.len() >= 5,
            "{job}: only {} slots: {mine:?}",
            mine.len()
        );
        // Every 2-second slot from the first to the last, each once (no gap, no repeat). A slot
        // both tickers fired too late for (a loaded machine) is a row too: skipped, "missed".
        for pair in mine.windows(2) {
            assert_eq!(
                (pair[1].slot - pair[0].slot).num_seconds(),
                2,
                "{job}: slots not consecutive: {mine:#?}"
            );
        }
        for r in &mine {
            assert_ne!(r.outcome, "running", "{job}: slot left running: {r:?}");
            if !r.missed() {
                instances.insert(r.instance.clone());
            }
        }
        assert!(
            mine.iter().filter(|r| r.missed()).count() <= 2,
            "{job}: too many missed slots: {mine:#?}"
        );
        // The work itself ran once per claimed slot: the job's own run rows (written by the
        // ETL pipeline / retention, not by the ledger) match the claimed slots one to one.
        let runs: i64 = sqlx::query_scalar("SELECT count(*) FROM audit.runs WHERE job = $1")
            .bind(job)
            .fetch_one(&owner)
            .await
            .expect("runs");
        let with_run: HashSet<i64> = mine.iter().filter_map(|r| r.run_id).collect();
        let ran = mine.iter().filter(|r| r.run_id.is_some()).count();
        assert_eq!(ran, with_run.len(), "{job}: a run row shared by two slots");
        assert_eq!(
            runs as usize,
            with_run.len(),
            "{job}: {runs} runs for {} claimed slots that ran: {mine:#?}",
            with_run.len()
        );
        // And the losing replica really competed for (almost) every slot.
        let at_scrape = rows_at_scrape
            .iter()
            .filter(|r| r.job == job && !r.missed())
            .count() as u64;
        assert!(
            not_claimed[job] + 2 >= at_scrape,
            "{job}: only {} refused claims for {at_scrape} slots",
            not_claimed[job]
        );
        println!(
            "{job}: {} slots ({} missed), {} refused claims (at scrape: {at_scrape} slots), outcomes {:?}",
            mine.len(),
            mine.iter().filter(|r| r.missed()).count(),
            not_claimed[job],
            mine.iter().map(|r| r.outcome.as_str()).collect::<Vec<_>>()
        );
    }
    // Which process wins is a race (often the same one: each ticker polls every 500 ms at a
    // phase fixed at start-up), so this is shown, not asserted; the refused claims above show
    // that both competed.
    println!("claimed by {instances:?}");
    // Two ingests (the first export and the advanced one), each once.
    let ingests: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit.runs WHERE job = 'etl' AND status = 'succeeded'",
    )
    .fetch_one(&owner)
    .await
    .expect("ingests");
    assert_eq!(ingests, 2);
    // /metrics of the two processes together saw each ingest once too.
    assert_eq!(etl_succeeded, 2);
    std::fs::remove_dir_all(&archive).ok();
    sim.shutdown().await.expect("simulator stops");
}

fn every_second() -> Trigger {
    Trigger::Cron(Schedule::parse("* * * * * *").expect("valid"))
}

async fn outcomes_of(pool: &PgPool, job: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT outcome FROM audit.job_slots WHERE job = $1 ORDER BY slot")
        .bind(job)
        .fetch_all(pool)
        .await
        .expect("outcomes")
}

#[tokio::test]
async fn a_failing_or_panicking_job_stops_neither_the_others_nor_the_web_server() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let app = common::spawn_app(TestDb::new().await).await;
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

/// Polls `sql` (a count) until it is positive.
async fn wait_for(pool: &PgPool, sql: &'static str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await.expect("poll");
        if n > 0 {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for: {sql}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
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
    let key = server::jobs::ledger::lock_key("first");
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

async fn etl_slot_outcomes(pool: &PgPool) -> Vec<String> {
    outcomes_of(pool, "etl").await
}

#[tokio::test]
async fn sigterm_lets_a_running_etl_finish_or_cancels_it_after_the_grace_period() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let sim = spawn(SimConfig::new(6, 500), "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("simulator");
    let archive = std::env::temp_dir().join(format!(
        "vinops-jobs-archive-{}",
        uuid::Uuid::new_v4().simple()
    ));
    let client = reqwest::Client::new();
    let env = |grace: &str| {
        [
            ("COPART_CSV_URL", sim.url()),
            ("ETL_SCHEDULE", "*/2 * * * * *".to_owned()),
            ("RETENTION_SCHEDULE", "off".to_owned()),
            ("ARCHIVE_DIR", archive.display().to_string()),
            ("JOBS_SHUTDOWN_GRACE_SECS", grace.to_owned()),
        ]
    };

    // The export answers after 3 s; SIGTERM while the ETL waits for it: the process waits for
    // the run, which completes.
    sim.set_fault(Fault::Slow { delay_ms: 3000 }, 1);
    let mut p = ServeProcess::start(&db, &env("20"));
    p.wait_ready(&client).await;
    wait_for(
        &owner,
        "SELECT count(*) FROM audit.job_slots WHERE job = 'etl' AND outcome = 'running'",
    )
    .await;
    let stopped = Instant::now();
    let status = p.terminate().await;
    assert!(status.success(), "{status:?}:\n{}", p.log_text());
    assert!(
        stopped.elapsed() >= Duration::from_secs(1),
        "did not wait for the job"
    );
    let outcomes = etl_slot_outcomes(&owner).await;
    assert_eq!(
        outcomes.first().map(String::as_str),
        Some("succeeded"),
        "{outcomes:?}"
    );
    assert!(
        !outcomes.iter().any(|o| o == "cancelled" || o == "running"),
        "{outcomes:?}"
    );
    let lots: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("lots");
    assert!(lots > 400, "{lots} lots");

    // A new export that takes 60 s: SIGTERM with a 1 s grace period cancels the run; the
    // process exits promptly, the slot says so, and nothing of the new export is in.
    tokio::task::spawn_blocking({
        let state = sim.state.clone();
        move || {
            server::simulator::lock(&state)
                .sim
                .advance()
                .expect("advance")
        }
    })
    .await
    .expect("advance task");
    sim.set_fault(Fault::Slow { delay_ms: 60_000 }, 1);
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM audit.job_slots")
        .fetch_one(&owner)
        .await
        .expect("slots");
    let mut p = ServeProcess::start(&db, &env("1"));
    p.wait_ready(&client).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let running: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM audit.job_slots WHERE job = 'etl' AND outcome = 'running'",
        )
        .fetch_one(&owner)
        .await
        .expect("running");
        if running > 0 {
            break;
        }
        assert!(Instant::now() < deadline, "no ETL run started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let stopped = Instant::now();
    let status = p.terminate().await;
    let took = stopped.elapsed();
    assert!(status.success(), "{status:?}:\n{}", p.log_text());
    assert!(took < Duration::from_secs(10), "{took:?}");
    let cancelled: Vec<String> = sqlx::query_scalar(
        "SELECT outcome FROM audit.job_slots WHERE job = 'etl' ORDER BY slot OFFSET $1",
    )
    .bind(before)
    .fetch_all(&owner)
    .await
    .expect("outcomes");
    assert_eq!(
        cancelled.first().map(String::as_str),
        Some("cancelled"),
        "{cancelled:?}"
    );
    let ingests: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit.runs WHERE job = 'etl' AND status = 'succeeded'",
    )
    .fetch_one(&owner)
    .await
    .expect("ingests");
    assert_eq!(
        ingests, 1,
        "the cancelled run must not have ingested anything"
    );
    let running: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit.runs WHERE status = 'running'")
            .fetch_one(&owner)
            .await
            .expect("running runs");
    assert_eq!(running, 0);
    std::fs::remove_dir_all(&archive).ok();
}
