//! The export download against the Copart simulator over real HTTP: conditional GET, hashing,
//! retries of transient failures, and rejection of what is not the export — with the secret
//! token never showing up in an error.

use std::time::Duration;

use server::fetch::{FetchConfig, FetchError, FetchOutcome, Validators, fetch};
use sha2::{Digest, Sha256};
use vinops_dev::simulator::{Fault, SimConfig, SimHandle, spawn};

const TOKEN: &str = "s3cr3t-token";

async fn sim() -> SimHandle {
    let mut cfg = SimConfig::new(5, 300);
    cfg.auth_key = TOKEN.to_owned();
    spawn(cfg, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("simulator starts")
}

fn cfg(sim: &SimHandle) -> FetchConfig {
    FetchConfig {
        url: sim.url(),
        cookie: None,
        user_agent: "vinops-test".into(),
        referer: Some("https://www.copart.com/downloadSalesData".into()),
        timeout: Duration::from_secs(10),
        attempts: 3,
        backoff: Duration::from_millis(20),
        max_bytes: 1 << 30,
    }
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vinops-fetch-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn files_in(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).expect("dir").count()
}

#[tokio::test]
async fn downloads_hashes_and_then_gets_304_until_the_export_changes() {
    let sim = sim().await;
    let client = reqwest::Client::new();
    let dir = temp_dir();
    let FetchOutcome::Downloaded(d) = fetch(&client, &cfg(&sim), &Validators::default(), &dir)
        .await
        .expect("download")
    else {
        panic!("first download must not be a 304");
    };
    let export = sim.export();
    assert_eq!(d.bytes, export.bytes.len() as u64);
    let on_disk = std::fs::read(&d.path).expect("file");
    assert_eq!(on_disk, export.bytes.as_ref());
    assert_eq!(d.sha256, <[u8; 32]>::from(Sha256::digest(&on_disk)));
    assert_eq!(d.validators.etag.as_deref(), Some(export.etag.as_str()));
    assert_eq!(d.last_modified, Some(export.clock));

    let again = fetch(&client, &cfg(&sim), &d.validators, &dir)
        .await
        .expect("conditional GET");
    assert!(matches!(again, FetchOutcome::NotModified));

    sim.advance().expect("advance");
    let FetchOutcome::Downloaded(d2) = fetch(&client, &cfg(&sim), &d.validators, &dir)
        .await
        .expect("changed")
    else {
        panic!("a changed export is downloaded");
    };
    assert_ne!(d2.sha256, d.sha256);
    assert_eq!(files_in(&dir), 2);
}

#[tokio::test]
async fn transient_failures_are_retried() {
    let sim = sim().await;
    let client = reqwest::Client::new();
    let dir = temp_dir();
    sim.set_fault(Fault::ServerError, 2);
    let FetchOutcome::Downloaded(d) = fetch(&client, &cfg(&sim), &Validators::default(), &dir)
        .await
        .expect("third try")
    else {
        panic!("downloaded");
    };
    assert_eq!(d.attempts, 3);

    sim.set_fault(Fault::Truncated, 1);
    let FetchOutcome::Downloaded(d) = fetch(&client, &cfg(&sim), &Validators::default(), &dir)
        .await
        .expect("second try")
    else {
        panic!("downloaded");
    };
    assert_eq!(d.attempts, 2);
    assert_eq!(d.bytes, sim.export().bytes.len() as u64);
}

#[tokio::test]
async fn persistent_failures_fail_with_a_reason_and_leave_no_file() {
    let sim = sim().await;
    let client = reqwest::Client::new();
    let dir = temp_dir();
    let c = cfg(&sim);

    sim.set_fault(Fault::Truncated, 10);
    let err = fetch(&client, &c, &Validators::default(), &dir)
        .await
        .expect_err("truncated");
    assert!(matches!(err, FetchError::Truncated { .. }), "{err}");

    sim.set_fault(Fault::ServerError, 10);
    let err = fetch(&client, &c, &Validators::default(), &dir)
        .await
        .expect_err("500s");
    assert!(matches!(err, FetchError::Status(500)), "{err}");

    sim.set_fault(Fault::HtmlBlock, 10);
    let err = fetch(&client, &c, &Validators::default(), &dir)
        .await
        .expect_err("block page");
    assert!(matches!(err, FetchError::NotCsv(_)), "{err}");
    assert!(err.to_string().contains("HTML"), "{err}");

    sim.set_fault(Fault::Slow { delay_ms: 2_000 }, 10);
    let mut slow = c.clone();
    slow.timeout = Duration::from_millis(300);
    slow.attempts = 1;
    let err = fetch(&client, &slow, &Validators::default(), &dir)
        .await
        .expect_err("timeout");
    assert!(matches!(err, FetchError::Network(_)), "{err}");
    assert!(
        !format!("{err:?}").contains(TOKEN),
        "the token never appears in errors"
    );

    sim.set_fault(Fault::ServerError, 0);
    let mut wrong_key = c.clone();
    wrong_key.url = wrong_key.url.replace(TOKEN, "wrong");
    let err = fetch(&client, &wrong_key, &Validators::default(), &dir)
        .await
        .expect_err("bad key");
    assert!(matches!(err, FetchError::NotCsv(_)), "{err}");

    assert_eq!(files_in(&dir), 0, "failed downloads leave no file behind");
}
