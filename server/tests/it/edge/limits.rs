//! Request-level limits: bodies above the limit refused with 413 before they are read, load
//! shed with an immediate 503 + `Retry-After`, and a request that takes too long answered 503.

use std::time::{Duration, Instant};

use server::config::EdgeConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{ADMIN_TOKEN, TestApp, TestDb};

/// Status of the answer to `head` (a request head announcing a large body) when only `sent`
/// bytes of the body follow: the server must answer without waiting for the rest.
async fn status_of_partial(addr: std::net::SocketAddr, head: &str, sent: usize) -> u16 {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(head.as_bytes()).await.expect("head");
    s.write_all(&vec![b'a'; sent]).await.expect("body start");
    let mut buf = vec![0; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("answered before the body was sent")
        .expect("read");
    let text = String::from_utf8_lossy(&buf[..n]);
    text.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_10_mb_body_is_refused_with_413_on_every_route_that_takes_one() {
    let app = TestApp::spawn(TestDb::with_demo(3, 5).await).await;
    let pool = app.db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a vin");
    let server_fn = <app::api::LoadCatalog as leptos::server_fn::ServerFn>::PATH;
    let ten_mb = 10 * 1024 * 1024;
    for (method, path, ctype, auth) in [
        (
            "POST",
            format!("/en/vin/{vin}/removal"),
            "application/x-www-form-urlencoded",
            "",
        ),
        (
            "POST",
            "/admin/suppressions".to_owned(),
            "application/json",
            ADMIN_TOKEN,
        ),
        (
            "POST",
            server_fn.to_owned(),
            "application/x-www-form-urlencoded",
            "",
        ),
        ("GET", "/api/v1/search".to_owned(), "application/json", ""),
        ("POST", "/en/cars".to_owned(), "text/plain", ""),
    ] {
        let auth = if auth.is_empty() {
            String::new()
        } else {
            format!("Authorization: Bearer {auth}\r\n")
        };
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {ctype}\r\n{auth}\
             Content-Length: {ten_mb}\r\n\r\n"
        );
        // 64 KiB of the 10 MB: the answer comes without the rest.
        assert_eq!(
            status_of_partial(listener_of(&app, &path), &head, 65_536).await,
            413,
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn a_chunked_body_past_the_limit_is_refused_not_a_500() {
    let app = TestApp::spawn(TestDb::with_demo(3, 5).await).await;
    let pool = app.db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a vin");
    for (path, ctype) in [
        (
            format!("/en/vin/{vin}/removal"),
            "application/x-www-form-urlencoded",
        ),
        ("/admin/suppressions".to_owned(), "application/json"),
    ] {
        // No Content-Length: the limit is met while reading, 10 MB offered in 64 KiB chunks.
        let s = tokio::net::TcpStream::connect(listener_of(&app, &path))
            .await
            .expect("connect");
        let (mut rd, mut wr) = s.into_split();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {ctype}\r\n\
             Authorization: Bearer {ADMIN_TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        let writer = tokio::spawn(async move {
            wr.write_all(head.as_bytes()).await?;
            let chunk = format!("10000\r\n{}\r\n", "a".repeat(65_536));
            for _ in 0..160 {
                wr.write_all(chunk.as_bytes()).await?;
            }
            wr.write_all(b"0\r\n\r\n").await
        });
        let mut buf = vec![0; 4096];
        let n = tokio::time::timeout(Duration::from_secs(10), rd.read(&mut buf))
            .await
            .expect("answered")
            .expect("read");
        let text = String::from_utf8_lossy(&buf[..n]);
        let status: u16 = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        // The removal form refuses a cross-site POST before reading; the admin endpoint's
        // extractor fails on the limit: refused either way, never a 5xx.
        assert!((400..500).contains(&status), "{path}: {text}");
        writer.abort();
    }
}

/// The admin endpoint is served on the operator listener (behind the same edge), the rest on
/// the public one.
fn listener_of(app: &TestApp, path: &str) -> std::net::SocketAddr {
    if path.starts_with("/admin/") {
        app.ops_addr
    } else {
        app.addr
    }
}

/// Holds `ACCESS EXCLUSIVE` on `lots` until the returned transaction is dropped: every page
/// that reads lots waits on it.
async fn lock_lots(app: &TestApp) -> sqlx::Transaction<'static, sqlx::Postgres> {
    let pool = app.db.owner().await;
    let mut tx = pool.begin().await.expect("begin");
    sqlx::query("LOCK TABLE lots IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await
        .expect("lock");
    tx
}

#[tokio::test]
async fn past_the_in_flight_limit_requests_get_an_immediate_503() {
    let mut db = TestDb::with_demo(3, 20).await;
    // Long enough that nothing but the edge ends the blocked requests during the test.
    db.cfg.web_statement_timeout_ms = 20_000;
    let app = TestApp::builder(db)
        .with_edge(EdgeConfig {
            max_in_flight: 4,
            ..Default::default()
        })
        .spawn()
        .await;
    let lock = lock_lots(&app).await;
    let mut blocked = Vec::new();
    for i in 0..4 {
        let (client, url) = (
            app.client.clone(),
            app.url(&format!("/en/cars?limit={}", 10 + i)),
        );
        blocked.push(tokio::spawn(async move { client.get(url).send().await }));
    }
    // Let the four reach the lock.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for path in ["/en/cars?limit=20", "/ru/terms", "/api/v1/search"] {
        let started = Instant::now();
        let res = app.get(path).await;
        let took = started.elapsed();
        assert_eq!(res.status().as_u16(), 503, "{path}");
        assert_eq!(
            res.headers()["retry-after"],
            app::respond::RETRY_AFTER_SECS.to_string().as_str()
        );
        assert_eq!(res.headers()["x-vinops-shed"], "overloaded");
        assert!(res.headers().get("content-security-policy").is_some());
        assert!(
            took < Duration::from_millis(500),
            "{path}: shed in {took:?}"
        );
        let body = res.text().await.expect("body");
        if path.starts_with("/api/") {
            let v: serde_json::Value = serde_json::from_str(&body).expect("json");
            assert_eq!(v["error"]["code"], "UNAVAILABLE");
        }
    }
    // Liveness is never shed.
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    drop(lock);
    for b in blocked {
        let res = b.await.expect("task").expect("answered");
        assert_eq!(res.status().as_u16(), 200);
    }
    // Capacity is back.
    assert_eq!(app.get("/en/terms").await.status().as_u16(), 200);
}

#[tokio::test]
async fn a_request_past_the_timeout_is_answered_503() {
    let mut db = TestDb::with_demo(3, 20).await;
    db.cfg.web_statement_timeout_ms = 20_000;
    let app = TestApp::builder(db)
        .with_edge(EdgeConfig {
            request_timeout_secs: 1,
            ..Default::default()
        })
        .spawn()
        .await;
    let lock = lock_lots(&app).await;
    let started = Instant::now();
    let res = app.get("/en/cars").await;
    let took = started.elapsed();
    assert_eq!(res.status().as_u16(), 503);
    assert_eq!(res.headers()["x-vinops-shed"], "timeout");
    assert_eq!(
        res.headers()["retry-after"],
        app::respond::RETRY_AFTER_SECS.to_string().as_str()
    );
    assert!(took < Duration::from_secs(3), "answered after {took:?}");
    drop(lock);
    assert_eq!(app.get("/en/cars").await.status().as_u16(), 200);
}
