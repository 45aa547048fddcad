//! Helpers of the scheduler tests: a `vinops-server serve` child process, the slot ledger, and
//! polling.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::common::TestDb;
use crate::redis_child;

/// A `vinops-server serve` child process; killed if the test ends without stopping it.
pub struct ServeProcess {
    child: Option<Child>,
    port: u16,
    ops_port: u16,
    log: std::path::PathBuf,
}

impl ServeProcess {
    pub fn start(db: &TestDb, envs: &[(&str, String)]) -> ServeProcess {
        let port = redis_child::free_port();
        // A port of its own: the default (3900) would be shared by every test's process.
        let ops_port = redis_child::free_port();
        let log = std::env::temp_dir().join(format!(
            "vinops-serve-{}.log",
            uuid::Uuid::new_v4().simple()
        ));
        let out = std::fs::File::create(&log).expect("log file");
        let err = out.try_clone().expect("log file");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vinops-server"));
        cmd.arg("serve")
            .env("DATABASE_URL", db.cfg.database_url.expose())
            .env("ETL_DATABASE_URL", db.cfg.etl_database_url.expose())
            .env("WEB_DATABASE_URL", db.cfg.web_database_url.expose())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_OUTPUT_NAME", "vinops")
            .env("LEPTOS_SITE_ROOT", "target/site")
            .env("MIGRATE_ON_START", "false")
            .env("OPS_ADDR", format!("127.0.0.1:{ops_port}"))
            .env("REDIS_URL", "off")
            .env("LOG_FORMAT", "pretty")
            .env("RUST_LOG", "info,sqlx=warn")
            // These tests are about the ledger of the ETL and retention jobs; the photo jobs
            // have their own tests (images.rs) against the simulated photo API.
            .env("IMAGES_BACKFILL_SCHEDULE", "off")
            .env("IMAGES_AFTER_ETL", "false")
            // The archive (exports and the suppression journal, which photo_purge writes) in a
            // scratch directory unless the test names one: the default `var/archive` is
            // relative to where the tests run, the crate's own source directory.
            .env(
                "ARCHIVE_DIR",
                std::env::temp_dir().join(format!(
                    "vinops-serve-archive-{}",
                    uuid::Uuid::new_v4().simple()
                )),
            )
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err));
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start vinops-server");
        ServeProcess {
            child: Some(child),
            port,
            ops_port,
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// `path` on the operator listener (unless the test's own `OPS_ADDR` moved it).
    pub fn ops_url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.ops_port)
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub async fn wait_ready(&self, client: &reqwest::Client) {
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
    pub async fn terminate(&mut self) -> std::process::ExitStatus {
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
pub fn metric(text: &str, series: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.trim().parse::<f64>().ok())
        .map_or(0, |v| v as u64)
}

#[derive(Debug, sqlx::FromRow)]
pub struct SlotRow {
    pub job: String,
    pub slot: DateTime<Utc>,
    pub instance: String,
    pub outcome: String,
    pub run_id: Option<i64>,
    pub error: Option<String>,
}

impl SlotRow {
    pub fn missed(&self) -> bool {
        self.error
            .as_deref()
            .is_some_and(|e| e.starts_with("missed"))
    }
}

pub async fn slots(pool: &PgPool) -> Vec<SlotRow> {
    sqlx::query_as(
        "SELECT job, slot, instance, outcome, run_id, error FROM audit.job_slots ORDER BY job, slot",
    )
    .fetch_all(pool)
    .await
    .expect("slots")
}

pub async fn outcomes_of(pool: &PgPool, job: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT outcome FROM audit.job_slots WHERE job = $1 ORDER BY slot")
        .bind(job)
        .fetch_all(pool)
        .await
        .expect("outcomes")
}

/// Polls `sql` (a count) until it is positive.
pub async fn wait_for(pool: &PgPool, sql: &'static str) {
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
