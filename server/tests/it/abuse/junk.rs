//! Junk in every query parameter of every page type and API operation, and in the path
//! segments they take: percent garbage, invalid UTF-8, control bytes, very long values, HTML
//! and script payloads. Nothing may answer 5xx, show a stack trace or internals, or put a
//! payload into HTML unescaped. Sent as raw HTTP so no client cleans the bytes up first.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{TestApp, TestDb};

/// Query values (and path segments) exactly as they go on the wire.
fn payloads() -> Vec<String> {
    vec![
        "%ZZ%".into(),
        "%".into(),
        "%%25%".into(),
        "%FF%FE%80".into(),
        "%C0%AF".into(),
        "%00%01%7F".into(),
        "%3Csvg%20onload%3Dx1337%3E".into(),
        "%22%3E%3Cscript%3Ealert(1337)%3C%2Fscript%3E".into(),
        "<svg/onload=x1337>".into(),
        "'%20OR%201%3D1--".into(),
        "..%2F..%2Fetc%2Fpasswd".into(),
        "%E2%80%AE%D0%9B%D0%90%D0%94%D0%90%F0%9F%92%A9".into(),
        "-1".into(),
        "99999999999999999999999999".into(),
        "1e309".into(),
        "NaN".into(),
        "+++&&==&".into(),
        "A".repeat(8000),
    ]
}

/// What a reply must never contain (lower-cased): an echoed payload, a panic or trace, a Rust
/// source location, driver internals.
const FORBIDDEN: [&str; 8] = [
    "<svg onload=x1337",
    "<svg/onload=x1337",
    "<script>alert(1337)",
    "panicked",
    "stack backtrace",
    ".rs:",
    "sqlx",
    "pgdatabaseerror",
];

/// `reply` with every CSP nonce value blanked: 22 random base64 characters per nonce, a few
/// per page, would now and then spell a forbidden word such as "sqlx" (about once in 30 runs).
fn without_nonces(reply: &str) -> String {
    let mut out = String::with_capacity(reply.len());
    let mut rest = reply;
    while let Some(at) = rest.find("nonce") {
        let (before, after) = rest.split_at(at + "nonce".len());
        out.push_str(before);
        // `nonce-VALUE` in the header, `nonce="VALUE"` on a script tag.
        let value_start = after
            .strip_prefix('-')
            .or_else(|| after.strip_prefix("=\""))
            .map_or(0, |v| after.len() - v.len());
        out.push_str(&after[..value_start]);
        let value = &after[value_start..];
        let len = value
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '='))
            })
            .unwrap_or(value.len());
        out.push_str("NONCE");
        rest = &value[len..];
    }
    out.push_str(rest);
    out
}

/// Status and body of `GET target` sent byte for byte.
async fn raw_get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("write");
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), s.read_to_end(&mut out))
        .await
        .unwrap_or_else(|_| panic!("no answer to {target}"))
        .expect("read");
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn junk_in_every_parameter_of_every_page_is_answered_safely() {
    let app = TestApp::spawn(TestDb::with_demo(11, 40).await).await;
    let pool = app.db.owner().await;
    let (vin, make, model): (String, String, String) = sqlx::query_as(
        "SELECT v.vin, lower(v.make), lower(v.model) FROM vehicles v JOIN lots l USING (vin)
         WHERE v.model IS NOT NULL ORDER BY l.id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .expect("a vehicle");
    let slug = |s: &str| {
        vinops::catalog::hub::Slug::of(s)
            .expect("a slug")
            .as_str()
            .to_owned()
    };
    let (make, model) = (slug(&make), slug(&model));
    // Every parameter the catalog page and the API's search accept.
    const CATALOG: [&str; vinops::catalog::query::PARAMS.len()] = vinops::catalog::query::PARAMS;
    // (path, its parameters); every path also gets an unknown parameter.
    let mut pages: Vec<(String, Vec<&str>)> = Vec::new();
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        pages.push((format!("/{lang}"), vec![]));
        pages.push((format!("/{lang}/search"), vec!["q"]));
        pages.push((format!("/{lang}/cars"), CATALOG.to_vec()));
        pages.push((format!("/{lang}/cars/{make}"), vec!["window"]));
        pages.push((format!("/{lang}/cars/{make}/{model}"), vec!["window"]));
        pages.push((format!("/{lang}/vin/{vin}"), vec!["removal"]));
        pages.push((format!("/{lang}/contacts"), vec![]));
        pages.push((format!("/{lang}/terms"), vec![]));
    }
    pages.push(("/api/v1/search".into(), CATALOG.to_vec()));
    pages.push((
        "/api/v1/makes-models".into(),
        vec!["type", "make", "model", "trim"],
    ));
    pages.push((format!("/api/v1/vehicles/{vin}"), vec![]));

    let mut targets = Vec::new();
    for p in payloads() {
        for (path, params) in &pages {
            for name in params.iter().copied().chain(["zz_unknown"]) {
                targets.push(format!("{path}?{name}={p}"));
            }
            // The parameter name itself as junk.
            targets.push(format!("{path}?{p}=1"));
        }
        // Path segments.
        for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
            targets.push(format!("/{lang}/cars/{p}"));
            targets.push(format!("/{lang}/cars/{make}/{p}"));
            targets.push(format!("/{lang}/vin/{p}"));
            targets.push(format!("/{lang}/{p}"));
        }
        targets.push(format!("/api/v1/vehicles/{p}"));
    }
    let total = targets.len();
    let addr = app.addr;
    let failures: Vec<String> = futures_util::stream::iter(targets)
        .map(|target| async move {
            // A 503 with Retry-After is "come back later" (load shedding, or the web role's 2 s
            // statement timeout on a loaded 2-core machine): a client comes back, so do we. Junk
            // that breaks a page answers 5xx every time and still fails after the retries.
            let (mut status, mut reply) = raw_get(addr, &target).await;
            for _ in 0..3 {
                if status != 503 || !reply.to_lowercase().contains("\r\nretry-after:") {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
                (status, reply) = raw_get(addr, &target).await;
            }
            let lower = without_nonces(&reply).to_lowercase();
            let (head, _) = lower.split_once("\r\n\r\n").unwrap_or((&lower, ""));
            // A JSON error may quote the parameter it refuses (`details`): JSON with nosniff
            // is no markup. Markup must never carry a payload unescaped.
            let json = head.contains("content-type: application/json");
            let mut bad = Vec::new();
            if status == 0 || status >= 500 {
                bad.push(format!("status {status}"));
            }
            for f in FORBIDDEN {
                if json && f.starts_with('<') {
                    continue;
                }
                if lower.contains(f) {
                    bad.push(format!("contains {f:?}"));
                }
            }
            (!bad.is_empty()).then(|| {
                let shown: String = target.chars().take(120).collect();
                format!("{shown}: {}", bad.join(", "))
            })
        })
        .buffer_unordered(4)
        .filter_map(|r| async move { r })
        .collect()
        .await;
    println!("junk: {total} requests, {} failures", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {total}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
