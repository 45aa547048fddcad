//! No credential leaves the process. Every variable that can hold one gets a distinctive value,
//! and the real `vinops-server` binary is searched for each of them: in every command's `--help`
//! and `-h`, in its logs (pretty and JSON) while commands fail and while `serve` starts, runs and
//! stops, and in `/health` (JSON and HTML) and `/metrics` while Redis refuses the password, S3
//! the keys, the export's host the connection and PostgreSQL the login, each with the planted
//! credentials in its settings; `Debug` of the parsed settings and of what they build too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::jobs_common;
use crate::redis_child;
use crate::s3_child;

use std::process::Command;
use std::time::{Duration, Instant};

use clap::{Args as _, FromArgMatches as _};
use common::TestDb;
use jobs_common::ServeProcess;
use redis_child::{RedisChild, free_port};
use s3_child::S3Child;
use serde_json::Value;
use server::startup::Settings;

const BIN: &str = env!("CARGO_BIN_EXE_vinops-server");

/// The planted values: each found nowhere else, so any occurrence is a leak.
const OWNER_PW: &str = "ownerPw5tQ8xK";
const ETL_PW: &str = "etlPw3mR7wJ";
const WEB_PW: &str = "webPw9vL2pD";
const REDIS_PW: &str = "redisPw6hN4sB";
const S3_KEY_ID: &str = "s3KeyId2cX8gT";
const S3_SECRET: &str = "s3Secret7kF3yW";
const ADMIN_TOKEN: &str = "adminTok4jP9qZ-0123456789abcdef";
const FORM_SECRET: &str = "formKey8wE1rU-0123456789abcdef0123456789";
const CSV_TOKEN: &str = "csvTok1bY6nH";
const COOKIE: &str = "cookieVal5aS2mV";

const SECRETS: [&str; 10] = [
    OWNER_PW,
    ETL_PW,
    WEB_PW,
    REDIS_PW,
    S3_KEY_ID,
    S3_SECRET,
    ADMIN_TOKEN,
    FORM_SECRET,
    CSV_TOKEN,
    COOKIE,
];

/// The variables that can hold a credential (each also a flag).
const CREDENTIAL_VARS: [&str; 10] = [
    "DATABASE_URL",
    "ETL_DATABASE_URL",
    "WEB_DATABASE_URL",
    "REDIS_URL",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "ADMIN_TOKEN",
    "REMOVAL_FORM_SECRET",
    "COPART_CSV_URL",
    "COPART_COOKIE",
];

/// Where the planted credentials point.
struct Targets {
    /// `host:port/database` of each role's connection.
    owner_db: String,
    etl_db: String,
    web_db: String,
    /// A user for every role's connection instead of the role's own: an unknown one makes
    /// PostgreSQL refuse the login.
    login: Option<String>,
    redis_port: u16,
    s3_endpoint: String,
    export_port: u16,
}

impl Targets {
    /// Nothing listens anywhere.
    fn nowhere() -> Targets {
        let db = format!("127.0.0.1:{}/vinops", free_port());
        Targets {
            owner_db: db.clone(),
            etl_db: db.clone(),
            web_db: db,
            login: None,
            redis_port: free_port(),
            s3_endpoint: format!("http://127.0.0.1:{}", free_port()),
            export_port: free_port(),
        }
    }

    /// Every credential variable with its planted value.
    fn env(&self) -> Vec<(&'static str, String)> {
        let user = |role: &'static str| self.login.as_deref().unwrap_or(role);
        vec![
            (
                "DATABASE_URL",
                format!("postgres://{}:{OWNER_PW}@{}", user("vinops"), self.owner_db),
            ),
            (
                "ETL_DATABASE_URL",
                format!("postgres://{}:{ETL_PW}@{}", user("vinops_etl"), self.etl_db),
            ),
            (
                "WEB_DATABASE_URL",
                format!("postgres://{}:{WEB_PW}@{}", user("vinops_web"), self.web_db),
            ),
            (
                "REDIS_URL",
                format!("redis://:{REDIS_PW}@127.0.0.1:{}", self.redis_port),
            ),
            ("S3_BUCKET", "vinops-secrets".into()),
            ("S3_ENDPOINT", self.s3_endpoint.clone()),
            ("S3_TIMEOUT_MS", "2000".into()),
            ("S3_ACCESS_KEY_ID", S3_KEY_ID.into()),
            ("S3_SECRET_ACCESS_KEY", S3_SECRET.into()),
            ("ADMIN_TOKEN", ADMIN_TOKEN.into()),
            ("REMOVAL_FORM_SECRET", FORM_SECRET.into()),
            (
                "COPART_CSV_URL",
                format!(
                    "http://127.0.0.1:{}/FTPLSTDM/salesdata.cgi?authKey={CSV_TOKEN}",
                    self.export_port
                ),
            ),
            ("COPART_COOKIE", COOKIE.into()),
        ]
    }
}

/// Fails when `text` contains a planted value.
fn assert_clean(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} shows {secret}:\n{text}");
    }
}

/// Runs the binary with `args`, the planted environment and `LOG_FORMAT=format`, the
/// production log filter; (success, stdout + stderr).
fn run(args: &[&str], env: &[(&'static str, String)], format: &str) -> (bool, String) {
    let out = Command::new(BIN)
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("LOG_FORMAT", format)
        .env_remove("RUST_LOG")
        .output()
        .expect("run vinops-server");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// The command names of a `--help` text's `Commands:` section (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn no_help_text_shows_a_secret() {
    let env = Targets::nowhere().env();
    let mut pending = vec![Vec::<String>::new()];
    let mut helps = Vec::new();
    while let Some(path) = pending.pop() {
        for flag in ["--help", "-h"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            let (ok, text) = run(&args, &env, "pretty");
            let what = format!("vinops-server {}", args.join(" "));
            assert!(ok, "{what}:\n{text}");
            assert_clean(&what, &text);
            if flag == "--help" {
                for sub in subcommands(&text) {
                    let mut next = path.clone();
                    next.push(sub);
                    pending.push(next);
                }
                helps.push((path.join(" "), text));
            }
        }
    }
    let help = |cmd: &str| {
        helps
            .iter()
            .find(|(c, _)| c == cmd)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no `{cmd}` command reached: {helps:?}"))
    };
    // The variables are there, set, with their values hidden (not merely absent).
    let serve = help("serve");
    for var in CREDENTIAL_VARS {
        assert!(serve.contains(&format!("[env: {var}]")), "{var}:\n{serve}");
    }
    for cmd in [
        "migrate",
        "suppress",
        "unsuppress",
        "etl run",
        "images purge",
    ] {
        assert!(help(cmd).contains("[env: DATABASE_URL]"), "{cmd}");
    }
    assert!(help("etl run").contains("[env: COPART_CSV_URL]"));
}

#[tokio::test]
async fn debug_of_the_settings_shows_no_secret() {
    let targets = Targets::nowhere();
    let args: Vec<String> = std::iter::once("vinops-server".to_owned())
        .chain(
            targets
                .env()
                .into_iter()
                .flat_map(|(var, value)| [format!("--{}", flag_of(var)), value]),
        )
        .collect();
    let command =
        Settings::augment_args(clap::Command::new("vinops-server")).mut_args(|arg| arg.env(None));
    let settings =
        Settings::from_arg_matches(&command.try_get_matches_from(&args).expect("parses"))
            .expect("settings");
    for text in [format!("{settings:?}"), format!("{settings:#?}")] {
        assert_clean("Debug of the settings", &text);
        // Redacted, not dropped: the hosts are still there to debug with.
        assert!(text.contains(&targets.s3_endpoint), "{text}");
        assert!(
            text.contains(&format!("127.0.0.1:{}", targets.redis_port)),
            "{text}"
        );
    }
    let storage = server::storage::Storage::from_config(&settings.storage).expect("S3 store");
    assert_clean("Debug of the photo store", &format!("{storage:?}"));
    let pipeline = server::etl::pipeline::Pipeline::from_source(&settings.source);
    assert_clean("Debug of the ETL pipeline", &format!("{pipeline:?}"));
}

/// The flag of a variable (`S3_ACCESS_KEY_ID` → `s3-access-key-id`), except the export's.
fn flag_of(var: &str) -> String {
    match var {
        "COPART_CSV_URL" => "copart-csv-url".into(),
        "COPART_COOKIE" => "copart-cookie".into(),
        _ => var.to_ascii_lowercase().replace('_', "-"),
    }
}

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
            service(r, "redis")["status"] == "degraded"
                && text(&service(r, "redis")["details"]["last_error"])
                && service(r, "etl")["details"]["failed_24h"].as_i64() > Some(0)
                && text(&service(r, "photo_purges")["details"]["last_error"])
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
        service(r, "database")["status"] == "unhealthy"
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
