//! The running binary while its services fail: the output of failing commands, and `serve`'s
//! logs, `/health` and `/metrics` while Redis, S3, the export's host and PostgreSQL refuse the
//! planted credentials (see the parent module).

use crate::common;
use crate::jobs_common;
use crate::redis_child;
use crate::s3_child;

use std::time::{Duration, Instant};

use common::TestDb;
use jobs_common::ServeProcess;
use redis_child::{RedisChild, free_port};
use s3_child::S3Child;
use serde_json::Value;

use super::{OWNER_PW, Targets, assert_clean, run};

/// A connection (`host:port/name`) to the test database `db`: the local PostgreSQL trusts
/// loopback, so it accepts the planted passwords as it would ignore any other.
fn reachable(db: &TestDb) -> String {
    format!("127.0.0.1:5432/{}", db.name)
}

/// Settings of `serve` that make its jobs fail fast and often: the ETL every second (against
/// an export host that refuses), the photo purge every second, nothing else; a fresh health
/// report per request; the operator listener (where there is one) on a port of its own.
fn serve_env(
    mut env: Vec<(&'static str, String)>,
    archive: &std::path::Path,
    ops_port: u16,
) -> Vec<(&'static str, String)> {
    env.extend([
        ("ETL_SCHEDULE", "* * * * * *".to_owned()),
        ("PHOTO_PURGE_SCHEDULE", "* * * * * *".to_owned()),
        ("RETENTION_SCHEDULE", "off".to_owned()),
        ("IMAGES_BACKFILL_SCHEDULE", "off".to_owned()),
        ("IMAGES_AFTER_ETL", "false".to_owned()),
        ("JOBS_SHUTDOWN_GRACE_SECS", "1".to_owned()),
        ("ARCHIVE_DIR", archive.display().to_string()),
        ("HEALTH_CACHE_MS", "0".to_owned()),
        ("OPS_ADDR", format!("127.0.0.1:{ops_port}")),
    ]);
    env
}

/// What `/health` (JSON, HTML) and `/metrics` answer on the site's port and on the operator
/// port: (url, status, body) of every answer that is not a 404 or a refused connection.
async fn observe(p: &ServeProcess, ops_port: u16) -> Vec<(String, u16, String)> {
    let client = reqwest::Client::new();
    let ops = format!("http://127.0.0.1:{ops_port}");
    let mut answers = Vec::new();
    for base in [p.url(""), ops] {
        for (path, accept) in [
            ("/health", "application/json"),
            ("/health", "text/html"),
            ("/metrics", "*/*"),
        ] {
            let url = format!("{base}{path}");
            let Ok(r) = client.get(&url).header("accept", accept).send().await else {
                continue;
            };
            let code = r.status().as_u16();
            if code != 404 {
                answers.push((
                    format!("{url} ({accept})"),
                    code,
                    r.text().await.expect("body"),
                ));
            }
        }
    }
    answers
}

/// The `/health` JSON reports among `answers`.
fn health_reports(answers: &[(String, u16, String)]) -> Vec<Value> {
    answers
        .iter()
        .filter(|(url, _, _)| url.contains("/health (application/json)"))
        .map(|(_, _, body)| serde_json::from_str(body).expect("health JSON"))
        .collect()
}

/// Polls until `done` holds for some `/health` report, then returns everything observed.
async fn observe_until(
    p: &ServeProcess,
    ops_port: u16,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> Vec<(String, u16, String)> {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let answers = observe(p, ops_port).await;
        if health_reports(&answers).iter().any(&done) {
            return answers;
        }
        assert!(
            Instant::now() < deadline,
            "never saw {what}: {answers:?}\n{}",
            p.log_text()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Polls until the process's log contains `text`.
async fn wait_for_log(p: &ServeProcess, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(40);
    while !p.log_text().contains(text) {
        assert!(
            Instant::now() < deadline,
            "the log never said {text:?}:\n{}",
            p.log_text()
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Checks every answer and that `/health` (both formats) and `/metrics` were among them.
fn assert_answers_clean(answers: &[(String, u16, String)]) {
    for (url, _, body) in answers {
        assert_clean(url, body);
    }
    for kind in [
        "/health (application/json)",
        "/health (text/html)",
        "/metrics",
    ] {
        assert!(
            answers.iter().any(|(url, _, _)| url.contains(kind)),
            "no answer for {kind}: {answers:?}"
        );
    }
}

fn service<'a>(report: &'a Value, name: &str) -> &'a Value {
    &report["services"][name]
}

/// The database answers; Redis refuses the password, S3 the keys, the export's host the
/// connection. The failing commands' output and the site's logs, `/health` and `/metrics` show
/// the failures and none of the credentials.
#[tokio::test]
async fn failing_services_leak_no_secret() {
    let db = TestDb::with_demo(31, 40).await;
    let owner = db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM vehicles ORDER BY vin LIMIT 1")
        .fetch_one(&owner)
        .await
        .expect("a VIN");
    let s3 = S3Child::start();
    let redis_port = free_port();
    let _redis = RedisChild::start_with_password(redis_port, "the-real-redis-password");
    let targets = Targets {
        owner_db: reachable(&db),
        etl_db: reachable(&db),
        web_db: reachable(&db),
        login: None,
        redis_port,
        s3_endpoint: s3.endpoint(),
        export_port: free_port(),
    };
    let env = targets.env();

    for format in ["pretty", "json"] {
        // The export's host refuses: the run fails, and says why.
        let (ok, out) = run(&["etl", "run"], &env, format);
        assert!(!ok && out.contains("command failed"), "{out}");
        assert_clean(&format!("etl run ({format})"), &out);
    }
    // S3 refuses the keys: the VIN is removed, its photos' deletion pending with the reason.
    let (ok, out) = run(&["suppress", &vin, "--reason", "owner"], &env, "pretty");
    assert!(ok && out.contains("pending"), "{out}");
    assert_clean("suppress", &out);
    let (ok, out) = run(&["images", "purge"], &env, "json");
    assert!(!ok && out.contains("still pending"), "{out}");
    assert_clean("images purge", &out);

    let archive =
        std::env::temp_dir().join(format!("vinops-secrets-{}", uuid::Uuid::new_v4().simple()));
    for format in ["pretty", "json"] {
        let ops_port = free_port();
        let mut env = serve_env(env.clone(), &archive, ops_port);
        env.push(("LOG_FORMAT", format.to_owned()));
        env.push(("MIGRATE_ON_START", "true".to_owned()));
        let mut p = ServeProcess::start(&db, &env);
        p.wait_ready(&reqwest::Client::new()).await;
        // The site's own ETL run fails (the host refuses), and is logged with its reason.
        wait_for_log(&p, "job did not succeed").await;
        let answers = observe_until(&p, ops_port, "every failure on /health", |r| {
            let text = |v: &Value| v.as_str().is_some_and(|t| !t.is_empty());
            service(r, "redis")["state"] == "degraded"
                && text(&service(r, "redis")["details"]["last_error"])
                && service(r, "etl")["details"]["failed_24h"].as_i64() > Some(0)
                && text(&service(r, "photoPurges")["details"]["last_error"])
        })
        .await;
        assert_answers_clean(&answers);
        let status = p.terminate().await;
        assert!(status.success(), "{status:?}");
        let log = p.log_text();
        assert!(log.contains("127.0.0.1"), "{log}");
        assert_clean(&format!("serve log ({format})"), &log);
    }
    std::fs::remove_dir_all(&archive).ok();
}

/// PostgreSQL refuses every login (unknown user) or nothing listens: `migrate` fails, and
/// `serve` starts anyway, answers 503 with the database's error and logs its jobs' failures.
/// Nothing shows a credential.
#[tokio::test]
async fn a_refusing_database_leaks_no_secret() {
    let db = TestDb::new().await;
    let targets = Targets {
        owner_db: reachable(&db),
        etl_db: reachable(&db),
        web_db: reachable(&db),
        login: Some(format!("vinops_nobody_{}", uuid::Uuid::new_v4().simple())),
        ..Targets::nowhere()
    };
    let env = targets.env();
    for format in ["pretty", "json"] {
        let (ok, out) = run(&["migrate"], &env, format);
        assert!(!ok && out.contains("does not exist"), "{out}");
        assert_clean(&format!("migrate, login refused ({format})"), &out);
    }
    // Nothing listens (the pool retries for its 30 s acquire timeout: once is enough).
    let mut closed = env.clone();
    closed.push((
        "DATABASE_URL",
        format!(
            "postgres://vinops:{OWNER_PW}@127.0.0.1:{}/vinops",
            free_port()
        ),
    ));
    let (ok, out) = run(&["migrate"], &closed, "json");
    assert!(!ok && out.contains("command failed"), "{out}");
    assert_clean("migrate, closed port", &out);

    let archive =
        std::env::temp_dir().join(format!("vinops-secrets-{}", uuid::Uuid::new_v4().simple()));
    let ops_port = free_port();
    let mut env = serve_env(env, &archive, ops_port);
    env.push(("LOG_FORMAT", "json".to_owned()));
    env.push(("MIGRATE_ON_START", "true".to_owned()));
    let mut p = ServeProcess::start(&db, &env);
    p.wait_ready(&reqwest::Client::new()).await;
    // The scheduled jobs cannot reach the database either, and log why.
    wait_for_log(&p, "could not claim the slot").await;
    let answers = observe_until(&p, ops_port, "the database down on /health", |r| {
        service(r, "database")["state"] == "unhealthy"
    })
    .await;
    assert!(
        answers.iter().any(|(_, code, _)| *code == 503),
        "{answers:?}"
    );
    assert_answers_clean(&answers);
    p.terminate().await;
    let log = p.log_text();
    assert!(log.contains("migrations not applied"), "{log}");
    assert_clean("serve log (database refusing)", &log);
    std::fs::remove_dir_all(&archive).ok();
}
