//! The answers the public edge gives under `/api/` before the API's own layers run (a body over
//! the limit, a request past the timeout) are API errors as the document describes them: the
//! JSON error body, a hyphenated-UUID `traceId`, the documented headers. Part of the `api_v1`
//! tests.

use std::time::Duration;

use server::config::EdgeConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;
use openapi_check::{required_headers, validate};

#[tokio::test]
async fn a_body_over_the_limit_is_a_documented_413_json_error() {
    let app = TestApp::builder(TestDb::new().await)
        .with_api(api_cfg())
        .spawn()
        .await;
    let mut s = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connect");
    // A 10 MB body announced, 64 KiB of it sent: answered without the rest, then closed.
    let head = format!(
        "GET {SEARCH} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        10 * 1024 * 1024
    );
    s.write_all(head.as_bytes()).await.expect("head");
    s.write_all(&vec![b'a'; 65_536]).await.expect("body start");
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut raw))
        .await
        .expect("answered and closed before the body was sent")
        .expect("read");
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("a whole response");
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    assert_eq!(status, 413, "{text}");
    let mut headers = reqwest::header::HeaderMap::new();
    for line in lines {
        let (name, value) = line.split_once(':').expect("header line");
        headers.append(
            reqwest::header::HeaderName::from_bytes(name.trim().as_bytes()).expect("name"),
            value.trim().parse().expect("value"),
        );
    }
    assert_eq!(headers["content-type"], "application/json", "{text}");
    required_headers(SEARCH, status, &headers);
    let body: Value = serde_json::from_str(body).expect("a JSON body");
    validate(SEARCH, status, &body);
    assert_eq!(body["error"]["code"], "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn a_request_past_the_timeout_is_a_documented_503_json_error() {
    let mut db = TestDb::with_demo(3, 20).await;
    // Long enough that nothing but the edge's timeout ends the blocked request.
    db.cfg.web_statement_timeout_ms = 20_000;
    let app = TestApp::builder(db)
        .with_api(api_cfg())
        .with_edge(EdgeConfig {
            request_timeout_secs: 1,
            ..Default::default()
        })
        .spawn()
        .await;
    // Every read of lots waits on this lock until it is dropped.
    let pool = app.db.owner().await;
    let mut tx = pool.begin().await.expect("begin");
    sqlx::query("LOCK TABLE lots IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await
        .expect("lock");
    let (status, headers, body) = get(&app, "/api/v1/search?limit=7", SEARCH).await;
    drop(tx);
    assert_eq!(status, 503);
    assert_eq!(headers["x-vinops-shed"], "timeout");
    assert_eq!(body["error"]["code"], "UNAVAILABLE");
    let trace_id = body["traceId"].as_str().expect("traceId");
    assert_eq!(
        uuid::Uuid::parse_str(trace_id)
            .expect("a UUID")
            .hyphenated()
            .to_string(),
        trace_id,
        "the documented uuid format is the hyphenated one"
    );
}
