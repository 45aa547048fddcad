//! Connection-level abuse: half-sent request heads, silent and idle keep-alive connections,
//! the connection cap, 10 000 headers, a body that never arrives, malformed framing.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use server::config::EdgeConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::{TestApp, TestDb};

/// `GET path` on a fresh connection; the time to the complete answer.
async fn timed_get(client: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    let res = client.get(url).send().await.expect("answered");
    assert_eq!(res.status().as_u16(), 200, "{url}");
    res.bytes().await.expect("body");
    started.elapsed()
}

/// `n` sequential timings of `GET path`, sorted.
async fn timings(addr: SocketAddr, path: &str, n: usize) -> Vec<Duration> {
    // A new connection per request, as a visitor arriving during the attack would open.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let url = format!("http://{addr}{path}");
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(timed_get(&client, &url).await);
    }
    out.sort();
    out
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Whether the server closed `s` (EOF or reset) within `within`; anything it sent before
/// closing (an error status) is read and ignored.
async fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test]
async fn slowloris_connections_do_not_starve_visitors_and_are_closed() {
    const SLOW: usize = 300;
    let app = TestApp::builder(TestDb::new().await)
        .with_edge(EdgeConfig {
            header_read_timeout_secs: 2,
            ..Default::default()
        })
        .spawn()
        .await;
    let baseline = timings(app.addr, "/en/terms", 40).await;

    let mut slow = Vec::with_capacity(SLOW);
    for i in 0..SLOW {
        let mut s = TcpStream::connect(app.addr).await.expect("connect");
        // Half a request head, never finished.
        s.write_all(format!("GET /en HTTP/1.1\r\nHost: localhost\r\nX-Slow-{i}: ").as_bytes())
            .await
            .expect("half head");
        slow.push(s);
    }
    let opened = Instant::now();
    let during = timings(app.addr, "/en/terms", 40).await;
    println!(
        "slowloris {SLOW} conns: normal GET /en/terms p50 {:?} p99 {:?} (baseline p50 {:?} p99 {:?})",
        pct(&during, 0.5),
        pct(&during, 0.99),
        pct(&baseline, 0.5),
        pct(&baseline, 0.99)
    );
    let bound = Duration::from_secs(1).max(pct(&baseline, 0.99) * 5);
    assert!(
        pct(&during, 0.99) < bound,
        "p99 {:?} during the attack, bound {bound:?}",
        pct(&during, 0.99)
    );
    // Every half-sent connection is closed once the header-read timeout has passed.
    let mut still_open = 0;
    for s in &mut slow {
        let left = (Duration::from_secs(6)).saturating_sub(opened.elapsed());
        if !closed_within(s, left.max(Duration::from_millis(10))).await {
            still_open += 1;
        }
    }
    assert_eq!(
        still_open, 0,
        "connections left open after the header timeout"
    );
}

#[tokio::test]
async fn silent_and_idle_keep_alive_connections_are_closed() {
    let app = TestApp::builder(TestDb::new().await)
        .with_edge(EdgeConfig {
            header_read_timeout_secs: 1,
            ..Default::default()
        })
        .spawn()
        .await;
    // Connects and sends nothing.
    let mut silent = TcpStream::connect(app.addr).await.expect("connect");
    // One complete request, then idles on the kept-alive connection.
    let mut idle = TcpStream::connect(app.addr).await.expect("connect");
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .expect("request");
    let mut buf = [0u8; 512];
    let n = idle.read(&mut buf).await.expect("answer");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    assert!(
        closed_within(&mut silent, Duration::from_secs(4)).await,
        "silent"
    );
    assert!(
        closed_within(&mut idle, Duration::from_secs(4)).await,
        "idle"
    );
}

#[tokio::test]
async fn past_the_connection_cap_new_connections_wait_for_a_free_slot() {
    const CAP: usize = 8;
    let app = TestApp::builder(TestDb::new().await)
        .with_edge(EdgeConfig {
            max_connections: CAP,
            header_read_timeout_secs: 60,
            ..Default::default()
        })
        .spawn()
        .await;
    let mut held = Vec::new();
    for _ in 0..CAP {
        let mut s = TcpStream::connect(app.addr).await.expect("connect");
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
            .await
            .expect("half");
        held.push(s);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    // One more: the kernel completes the handshake (backlog), the server does not serve it.
    let mut extra = TcpStream::connect(app.addr).await.expect("connect");
    extra
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("request");
    let mut buf = vec![0u8; 1024];
    assert!(
        tokio::time::timeout(Duration::from_millis(1500), extra.read(&mut buf))
            .await
            .is_err(),
        "a connection past the cap was served"
    );
    // A slot frees: the waiting connection is accepted and answered.
    drop(held.pop());
    let n = tokio::time::timeout(Duration::from_secs(5), extra.read(&mut buf))
        .await
        .expect("served once a slot is free")
        .expect("read");
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn ten_thousand_headers_are_refused_without_a_500() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let mut head = String::from("GET /en HTTP/1.1\r\nHost: localhost\r\n");
    for i in 0..10_000 {
        head.push_str(&format!("X-H{i}: v\r\n"));
    }
    head.push_str("\r\n");
    let mut s = TcpStream::connect(app.addr).await.expect("connect");
    // The server may answer and close before the whole head is written.
    let _ = s.write_all(head.as_bytes()).await;
    let mut buf = vec![0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("answered")
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(
        text.starts_with("HTTP/1.1 431") || text.starts_with("HTTP/1.1 400"),
        "{text}"
    );
    // One very long header value too.
    let mut s = TcpStream::connect(app.addr).await.expect("connect");
    let long = format!(
        "GET /en HTTP/1.1\r\nHost: localhost\r\nX-Long: {}\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    let _ = s.write_all(long.as_bytes()).await;
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("answered")
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(
        text.starts_with("HTTP/1.1 431") || text.starts_with("HTTP/1.1 400"),
        "{text}"
    );
    // The server is fine.
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
}

#[tokio::test]
async fn a_body_that_never_arrives_is_cut_off_by_the_request_timeout() {
    let app = TestApp::builder(TestDb::new().await)
        .with_edge(EdgeConfig {
            request_timeout_secs: 1,
            ..Default::default()
        })
        .spawn()
        .await;
    // The admin endpoint, on the operator listener (served behind the same edge).
    let mut s = TcpStream::connect(app.ops_addr).await.expect("connect");
    // The head is complete (the header-read timeout is satisfied); 10 of 100 body bytes follow.
    s.write_all(
        format!(
            "POST /admin/suppressions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"vin\": \"1",
            crate::common::ADMIN_TOKEN
        )
        .as_bytes(),
    )
    .await
    .expect("partial request");
    let started = Instant::now();
    let mut buf = vec![0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("answered")
        .expect("read");
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn malformed_requests_are_refused_without_a_500() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let cases: [&[u8]; 9] = [
        // Both framings at once (request smuggling).
        b"POST /en HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        // Two different lengths.
        b"POST /en HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
        b"GET /en HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"GET /en HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\n\r\n",
        b"G\x00T /en HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /en\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /en HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET /en HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\n\r\n",
        b"GET /en HTTP/1.1\r\nHost: x\r\nX: \x01\x02\x7f\r\n\r\n",
    ];
    for case in cases {
        let mut s = TcpStream::connect(app.addr).await.expect("connect");
        let _ = s.write_all(case).await;
        let mut buf = vec![0u8; 512];
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
            .await
            .expect("answered or closed")
            .unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]);
        let status: u16 = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        // An answer in 4xx, or the connection closed without one; never a 5xx.
        assert!(
            n == 0 || (400..500).contains(&status),
            "{:?}: {text}",
            String::from_utf8_lossy(case)
        );
    }
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
}
