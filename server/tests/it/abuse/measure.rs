//! Figures, not checks: `cargo test -p server --test it abuse::measure -- --ignored --nocapture`
//! prints how the edge behaves under load on this machine. Ignored by default (timings depend
//! on the machine; the checks with bounds are in `slow` and `edge::limits`).
//!
//! - slowloris: N half-sent connections held open while a visitor loads a catalog page;
//! - load shedding: 4× the in-flight limit in closed-loop clients on catalog pages, with and
//!   without shedding (a limit far above the load: everything queues for the pool instead).

use std::sync::Arc;
use std::time::{Duration, Instant};

use server::config::EdgeConfig;
use tokio::io::AsyncWriteExt;
use tokio::sync::Mutex;

use crate::common::{TestApp, TestDb};

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn slowloris_figures() {
    let app = TestApp::builder(TestDb::with_demo(1, 500).await)
        .with_edge(EdgeConfig {
            header_read_timeout_secs: 30,
            ..Default::default()
        })
        .spawn()
        .await;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let url = app.url("/en/cars");
    let mut held = Vec::new();
    for n in [0usize, 300, 1000] {
        while held.len() < n {
            let mut s = tokio::net::TcpStream::connect(app.addr)
                .await
                .expect("connect");
            s.write_all(b"GET /en HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .await
                .expect("half");
            held.push(s);
        }
        let mut t = Vec::new();
        for _ in 0..100 {
            let started = Instant::now();
            let res = client.get(&url).send().await.expect("answer");
            assert_eq!(res.status().as_u16(), 200);
            res.bytes().await.expect("body");
            t.push(started.elapsed());
        }
        t.sort();
        println!(
            "slowloris {n} conns: GET /en/cars ×100 p50 {:?} p99 {:?} max {:?}",
            pct(&t, 0.5),
            pct(&t, 0.99),
            t[t.len() - 1]
        );
    }
}

/// Closed-loop clients on catalog pages for `run`, each pausing `backoff` after a 503:
/// (admitted latencies, 503 count, total).
async fn hammer(
    app: &TestApp,
    clients: usize,
    run: Duration,
    backoff: Duration,
) -> (Vec<Duration>, usize, usize) {
    let admitted = Arc::new(Mutex::new(Vec::new()));
    let shed = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let total = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let deadline = Instant::now() + run;
    let mut tasks = Vec::new();
    for c in 0..clients {
        let client = app.client.clone();
        let base = app.url("/en/cars");
        let (admitted, shed, total) = (admitted.clone(), shed.clone(), total.clone());
        tasks.push(tokio::spawn(async move {
            let mut i = 0;
            while Instant::now() < deadline {
                // Different pages (sort × size), so no two requests are the same work.
                let sort = ["auction_asc", "year_desc", "bid_asc"][(c + i) % 3];
                let url = format!("{base}?sort={sort}&limit={}", 10 + (c + i) % 40);
                i += 1;
                let started = Instant::now();
                let Ok(res) = client.get(&url).send().await else {
                    continue;
                };
                let status = res.status().as_u16();
                let _ = res.bytes().await;
                total.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if status == 503 {
                    shed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    tokio::time::sleep(backoff).await;
                } else {
                    admitted.lock().await.push(started.elapsed());
                }
            }
        }));
    }
    for t in tasks {
        t.await.expect("client");
    }
    let mut a = admitted.lock().await.clone();
    a.sort();
    (
        a,
        shed.load(std::sync::atomic::Ordering::Relaxed),
        total.load(std::sync::atomic::Ordering::Relaxed),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn load_shedding_figures() {
    const LIMIT: usize = 8;
    let none = Duration::ZERO;
    // A client that honours Retry-After (scaled down to 100 ms) leaves the CPU to the
    // admitted requests; one that retries at once competes with them for it.
    for (label, max_in_flight, backoff) in [
        ("shedding at 8, instant retries", LIMIT, none),
        (
            "shedding at 8, 100 ms back-off",
            LIMIT,
            Duration::from_millis(100),
        ),
        ("no shedding", 100_000, none),
    ] {
        let app = TestApp::builder(TestDb::with_demo(1, 2000).await)
            .with_edge(EdgeConfig {
                max_in_flight,
                ..Default::default()
            })
            .spawn()
            .await;
        let (base, _, base_total) = hammer(&app, LIMIT, Duration::from_secs(5), none).await;
        let (admitted, shed, total) =
            hammer(&app, 4 * LIMIT, Duration::from_secs(10), backoff).await;
        println!(
            "{label}: at capacity ({LIMIT} clients, 5 s) {base_total} req, p50 {:?} p99 {:?}; \
             at 4× ({} clients, 10 s) {total} req, {} admitted: p50 {:?} p99 {:?}; {shed} shed \
             ({:.1}% 503)",
            pct(&base, 0.5),
            pct(&base, 0.99),
            4 * LIMIT,
            admitted.len(),
            pct(&admitted, 0.5),
            pct(&admitted, 0.99),
            100.0 * shed as f64 / total.max(1) as f64
        );
    }
}
