//! No credential leaves the process. Every variable that can hold one gets a distinctive value,
//! and the real `vinops-server` binary is searched for each of them: in every command's `--help`
//! and `-h`, in its logs (pretty and JSON) while commands fail and while `serve` starts, runs and
//! stops, and in `/health` (JSON and HTML) and `/metrics` while Redis refuses the password, S3
//! the keys, the export's host the connection and PostgreSQL the login, each with the planted
//! credentials in its settings; `Debug` of the parsed settings and of what they build too.
//! Here: the planted values, `--help` and `Debug`; the running binary in `outages`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod outages;

use crate::redis_child::free_port;

use std::process::Command;

use clap::{Args as _, FromArgMatches as _};
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
            // Downloads and the suppression journal in a scratch directory, not the default
            // `var/archive` under the crate's source directory the tests run in.
            (
                "ARCHIVE_DIR",
                std::env::temp_dir()
                    .join(format!(
                        "vinops-secrets-archive-{}",
                        uuid::Uuid::new_v4().simple()
                    ))
                    .display()
                    .to_string(),
            ),
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
    let archive = server::archive::Archive::from_config(&settings.source, &settings.storage)
        .expect("archive");
    let pipeline = server::etl::pipeline::Pipeline::from_source(&settings.source, archive);
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
