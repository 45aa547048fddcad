//! The Copart simulator over real HTTP: headers, conditional requests, the token, faults, and
//! (in `simulator/evolution.rs`) how the export moves between versions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod evolution;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use chrono::{TimeDelta, TimeZone, Utc};
use reqwest::StatusCode;
use reqwest::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE,
    IF_NONE_MATCH, LAST_MODIFIED,
};
use vinops::header::check_header;
use vinops_dev::simulator::{self, Fault, SimConfig, SimHandle, etag_of, http_date};

const ROWS: usize = 400;

fn config(seed: u64) -> SimConfig {
    let mut cfg = SimConfig::new(seed, ROWS);
    cfg.auth_key = "t0ken-abc".to_owned();
    cfg.start = Utc
        .with_ymd_and_hms(2025, 10, 15, 4, 4, 0)
        .single()
        .expect("valid");
    cfg
}

async fn start(seed: u64) -> SimHandle {
    let addr: SocketAddr = "127.0.0.1:0".parse().expect("addr");
    simulator::spawn(config(seed), addr).await.expect("spawn")
}

/// One connection per request, so a fault that kills a connection never touches the next
/// request and the client never retries on a pooled connection.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

fn header(resp: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    resp.headers()
        .get(&name)
        .unwrap_or_else(|| panic!("missing {name}"))
        .to_str()
        .expect("ascii header")
}

/// The first line of a CSV body, split into fields.
fn header_fields(body: &[u8]) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    let rec = rdr.records().next().expect("a line").expect("csv");
    rec.iter().map(str::to_owned).collect()
}

async fn post_json(url: String, json: &str) -> reqwest::Response {
    client()
        .post(url)
        .header(CONTENT_TYPE, "application/json")
        .body(json.to_owned())
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn export_has_copart_headers() {
    let sim = start(1).await;
    let resp = client().get(sim.url()).send().await.expect("get");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(header(&resp, CONTENT_TYPE), "application/octet-stream");
    assert_eq!(
        header(&resp, CONTENT_DISPOSITION),
        "attachment; filename=\"salesdata.csv\""
    );
    assert_eq!(
        header(&resp, LAST_MODIFIED),
        "Wed, 15 Oct 2025 04:04:00 GMT"
    );
    assert!(resp.headers().get(CACHE_CONTROL).is_none());
    let etag = header(&resp, ETAG).to_owned();
    let length: usize = header(&resp, CONTENT_LENGTH).parse().expect("number");
    let body = resp.bytes().await.expect("body");
    assert_eq!(body.len(), length);
    assert_eq!(etag, etag_of(&body));
    assert_eq!(etag.len(), 18, "quoted 16 hex digits: {etag}");
    assert!(body.ends_with(b"\n"));
    let fields = header_fields(&body);
    check_header(fields.iter().map(String::as_str)).expect("the real header");
    assert_eq!(body.iter().filter(|&&b| b == b'\n').count(), ROWS + 1);

    let head = client().head(sim.url()).send().await.expect("head");
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(header(&head, CONTENT_LENGTH), length.to_string());
    assert_eq!(header(&head, ETAG), etag);
    assert_eq!(header(&head, CONTENT_TYPE), "application/octet-stream");
    assert!(head.bytes().await.expect("empty").is_empty());
    assert_eq!(sim.requests(), 2);
    sim.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn conditional_requests_get_304() {
    let sim = start(2).await;
    let first = client().get(sim.url()).send().await.expect("get");
    let etag = header(&first, ETAG).to_owned();
    let modified = header(&first, LAST_MODIFIED).to_owned();

    let by_etag = client()
        .get(sim.url())
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(by_etag.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&by_etag, ETAG), etag);
    assert!(by_etag.bytes().await.expect("body").is_empty());

    let by_date = client()
        .get(sim.url())
        .header(IF_MODIFIED_SINCE, &modified)
        .send()
        .await
        .expect("get");
    assert_eq!(by_date.status(), StatusCode::NOT_MODIFIED);
    assert!(by_date.bytes().await.expect("body").is_empty());

    let later = http_date(sim.export().clock + TimeDelta::hours(1));
    let by_later_date = client()
        .get(sim.url())
        .header(IF_MODIFIED_SINCE, later)
        .send()
        .await
        .expect("get");
    assert_eq!(by_later_date.status(), StatusCode::NOT_MODIFIED);

    let earlier = http_date(sim.export().clock - TimeDelta::seconds(1));
    let stale_date = client()
        .get(sim.url())
        .header(IF_MODIFIED_SINCE, earlier)
        .send()
        .await
        .expect("get");
    assert_eq!(stale_date.status(), StatusCode::OK);

    let other_etag = client()
        .get(sim.url())
        .header(IF_NONE_MATCH, "\"0000000000000000\"")
        .header(IF_MODIFIED_SINCE, &modified)
        .send()
        .await
        .expect("get");
    assert_eq!(
        other_etag.status(),
        StatusCode::OK,
        "If-None-Match decides when both are sent"
    );

    // After an advance the old validators no longer match.
    sim.advance().expect("advance");
    let after = client()
        .get(sim.url())
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(after.status(), StatusCode::OK);
    let after = client()
        .get(sim.url())
        .header(IF_MODIFIED_SINCE, &modified)
        .send()
        .await
        .expect("get");
    assert_eq!(after.status(), StatusCode::OK);
    assert_eq!(
        header(&after, LAST_MODIFIED),
        "Wed, 15 Oct 2025 04:19:00 GMT"
    );
    sim.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn advance_changes_the_export_deterministically() {
    let a = start(3).await;
    let b = start(3).await;
    let body = |sim: &SimHandle| {
        let url = sim.url();
        async move {
            let resp = client().get(url).send().await.expect("get");
            let etag = header(&resp, ETAG).to_owned();
            (etag, resp.bytes().await.expect("body"))
        }
    };
    let (etag0, body0) = body(&a).await;
    assert_eq!(body(&b).await.1, body0, "same seed, same first export");

    // One side advances over HTTP, the other through the handle.
    let report = post_json(format!("http://{}/__sim/advance", a.addr), "").await;
    assert_eq!(report.status(), StatusCode::OK);
    let report: serde_json::Value =
        serde_json::from_slice(&report.bytes().await.expect("body")).expect("json");
    assert_eq!(report["version"], 1);
    let direct = b.advance().expect("advance");
    assert_eq!(report["changed"], direct.changed);
    assert_eq!(report["rows"], direct.rows);

    let (etag1, body1) = body(&a).await;
    assert_ne!(etag1, etag0);
    assert_ne!(body1, body0);
    for _ in 0..3 {
        a.advance().expect("advance");
        b.advance().expect("advance");
    }
    let (etag_a, body_a) = body(&a).await;
    let (etag_b, body_b) = body(&b).await;
    assert_eq!(etag_a, etag_b);
    assert_eq!(body_a, body_b, "same seed and steps, same bytes");

    let state = client()
        .get(format!("http://{}/__sim/state", a.addr))
        .send()
        .await
        .expect("state");
    let state: serde_json::Value =
        serde_json::from_slice(&state.bytes().await.expect("body")).expect("json");
    assert_eq!(state["version"], 4);
    assert_eq!(state["etag"], etag_a.as_str());
    assert_eq!(state["clock"], "2025-10-15T05:04:00Z");
    assert_eq!(state["rows"], a.export().rows);

    let changes = client()
        .get(format!("http://{}/__sim/changes", a.addr))
        .send()
        .await
        .expect("changes");
    let changes: serde_json::Value =
        serde_json::from_slice(&changes.bytes().await.expect("body")).expect("json");
    let truth = a.last_changes();
    assert_eq!(
        changes["changed"].as_array().expect("list").len(),
        truth.changed.len()
    );
    assert_eq!(changes["appeared"], serde_json::json!(truth.appeared));
    assert_eq!(changes["disappeared"], serde_json::json!(truth.disappeared));

    let other = simulator::spawn(config(4), "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("spawn");
    assert_ne!(body(&other).await.1, body0, "another seed, another export");
    for sim in [a, b, other] {
        sim.shutdown().await.expect("shutdown");
    }
}

#[tokio::test]
async fn wrong_or_missing_key_gets_the_block_page() {
    let sim = start(5).await;
    for url in [
        format!("http://{}/FTPLSTDM/salesdata.cgi?authKey=nope", sim.addr),
        format!("http://{}/FTPLSTDM/salesdata.cgi", sim.addr),
        format!("http://{}/FTPLSTDM/salesdata.cgi?authKey=", sim.addr),
    ] {
        let resp = client().get(&url).send().await.expect("get");
        assert_eq!(resp.status(), StatusCode::OK, "Copart answers 200 ({url})");
        assert!(header(&resp, CONTENT_TYPE).starts_with("text/html"));
        assert!(resp.headers().get(ETAG).is_none());
        let text = resp.text().await.expect("text");
        assert!(text.starts_with("<html"));
        assert!(text.contains("Request unsuccessful. Incapsula incident ID"));
    }
    sim.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn faults_last_n_requests() {
    let sim = start(6).await;
    let full = sim.export().bytes.clone();
    let get = || client().get(sim.url()).send();

    sim.set_fault(Fault::HtmlBlock, 2);
    for _ in 0..2 {
        let resp = get().await.expect("get");
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(resp.text().await.expect("text").contains("Incapsula"));
    }
    assert_eq!(get().await.expect("get").bytes().await.expect("body"), full);

    sim.set_fault(Fault::ServerError, 1);
    assert_eq!(
        get().await.expect("get").status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(get().await.expect("get").status(), StatusCode::OK);

    sim.set_fault(Fault::WrongHeader, 1);
    let resp = get().await.expect("get");
    assert_eq!(resp.status(), StatusCode::OK);
    let body = resp.bytes().await.expect("body");
    let fields = header_fields(&body);
    let err = check_header(fields.iter().map(String::as_str)).expect_err("renamed column");
    assert_eq!(err.mismatched.len(), 1);
    assert_eq!(err.mismatched[0].0, 35);
    assert_eq!(err.mismatched[0].2, "Current Bid");
    assert_eq!(get().await.expect("get").bytes().await.expect("body"), full);

    sim.set_fault(Fault::TruncatedClean, 1);
    let resp = get().await.expect("get");
    let length: usize = header(&resp, CONTENT_LENGTH).parse().expect("number");
    let body = resp.bytes().await.expect("a complete (short) body");
    assert_eq!(body.len(), length);
    assert!(body.len() < full.len() && body.len() > full.len() / 2);
    assert!(!body.ends_with(b"\n"), "ends mid-record");
    assert_eq!(body[..], full[..body.len()]);
    assert_eq!(get().await.expect("get").bytes().await.expect("body"), full);

    sim.set_fault(Fault::Truncated, 1);
    let resp = get().await.expect("headers arrive");
    assert_eq!(header(&resp, CONTENT_LENGTH), full.len().to_string());
    assert!(resp.bytes().await.is_err(), "the body must fail");
    assert_eq!(get().await.expect("get").bytes().await.expect("body"), full);

    sim.set_fault(Fault::Slow { delay_ms: 1000 }, 1);
    let started = Instant::now();
    assert_eq!(get().await.expect("get").bytes().await.expect("body"), full);
    assert!(started.elapsed() >= Duration::from_millis(1000));
    let started = Instant::now();
    get().await.expect("get");
    assert!(started.elapsed() < Duration::from_millis(1000));

    sim.set_fault(Fault::Reset, 1);
    assert!(get().await.is_err(), "no answer at all");
    assert_eq!(get().await.expect("get").bytes().await.expect("body"), full);

    // Setting 0 times clears an armed fault.
    sim.set_fault(Fault::ServerError, 3);
    sim.set_fault(Fault::ServerError, 0);
    assert_eq!(get().await.expect("get").status(), StatusCode::OK);
    assert_eq!(sim.requests(), 16);
    sim.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn faults_can_be_set_over_http() {
    let sim = start(7).await;
    let fault_url = format!("http://{}/__sim/fault", sim.addr);
    let resp = post_json(fault_url.clone(), r#"{"fault":"server_error","times":2}"#).await;
    assert!(resp.status().is_success());
    for _ in 0..2 {
        let resp = client().get(sim.url()).send().await.expect("get");
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
    assert_eq!(
        client().get(sim.url()).send().await.expect("get").status(),
        StatusCode::OK
    );

    let resp = post_json(
        fault_url.clone(),
        r#"{"fault":"slow","times":1,"delay_ms":300}"#,
    )
    .await;
    assert!(resp.status().is_success());
    let started = Instant::now();
    let resp = client().get(sim.url()).send().await.expect("get");
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));

    let resp = post_json(fault_url.clone(), r#"{"fault":"html_block","times":1}"#).await;
    assert!(resp.status().is_success());
    let text = client()
        .get(sim.url())
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    assert!(text.contains("Incapsula"));

    let resp = post_json(fault_url, r#"{"fault":"no_such_fault","times":1}"#).await;
    assert!(resp.status().is_client_error());
    sim.shutdown().await.expect("shutdown");
}
