//! The operator listener (`OPS_ADDR`) against the public port: `/metrics` and `/admin/*` only
//! on the former (404 on the latter), `/healthz` and `/readyz` on both, `/health` in full there
//! (or with the admin token) and as its public view elsewhere — with a Redis on a closed port
//! and a failing photo purge planting error texts that must never reach the public view. Both
//! listeners stop together.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::redis_child::free_port;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{ADMIN_TOKEN, TestApp, TestDb};
use serde_json::Value;
use server::cache::CacheConfig;
use server::http::ops::OpsAddr;
use server::startup::App;

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,*/*;q=0.8";
/// A purge error as a store would word it, naming an internal host.
const PURGE_ERROR: &str = "planted: s3.internal.example:9000 refused the connection";

/// `GET url` with `accept` and, when given, the bearer token: (status, body).
async fn fetch(
    client: &reqwest::Client,
    url: &str,
    accept: &str,
    token: Option<&str>,
) -> (u16, String) {
    let mut req = client.get(url).header("accept", accept);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("request");
    (res.status().as_u16(), res.text().await.expect("body"))
}

#[tokio::test]
async fn metrics_and_admin_answer_on_the_operator_listener_only() {
    let app = TestApp::spawn(TestDb::new().await).await;
    assert_ne!(app.addr, app.ops_addr);
    let vin = "1HGCM82633A004352";
    let admin_body = serde_json::json!({ "vin": vin, "reason": "x" });

    // The public port: 404, with or without the token.
    assert_eq!(app.get("/metrics").await.status().as_u16(), 404);
    for token in [None, Some(ADMIN_TOKEN)] {
        let mut post = app
            .client
            .post(app.url("/admin/suppressions"))
            .json(&admin_body);
        let mut delete = app
            .client
            .delete(app.url(&format!("/admin/suppressions/{vin}")));
        if let Some(t) = token {
            post = post.bearer_auth(t);
            delete = delete.bearer_auth(t);
        }
        assert_eq!(post.send().await.expect("post").status().as_u16(), 404);
        assert_eq!(delete.send().await.expect("delete").status().as_u16(), 404);
    }

    // The operator listener: the metrics, and the admin endpoint still behind its token.
    let metrics = app.ops_get("/metrics").await;
    assert_eq!(metrics.status().as_u16(), 200);
    let text = metrics.text().await.expect("body");
    assert!(text.contains("# TYPE vinops_http_requests_total"), "{text}");
    let unauthorized = app
        .client
        .post(app.ops_url("/admin/suppressions"))
        .json(&admin_body)
        .send()
        .await
        .expect("post");
    assert_eq!(unauthorized.status().as_u16(), 401);
    assert_eq!(app.admin_suppress(vin).await["outcome"], "changed");

    // Liveness and readiness on both.
    for url in [app.url("/healthz"), app.ops_url("/healthz")] {
        assert_eq!(
            app.client.get(&url).send().await.expect("get").status(),
            200
        );
    }
    for url in [app.url("/readyz"), app.ops_url("/readyz")] {
        let res = app.client.get(&url).send().await.expect("get");
        assert_eq!(res.status(), 200, "{url}");
    }
}

/// Polls the operator listener's `/health` until Redis has recorded its error.
async fn full_report_with_redis_error(client: &reqwest::Client, ops: SocketAddr) -> Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, body) = fetch(
            client,
            &format!("http://{ops}/health"),
            "application/json",
            None,
        )
        .await;
        let v: Value = serde_json::from_str(&body).expect("json");
        // The refused connection's own error: the one the report keeps showing while Redis
        // stays away (a PING before the first attempt failed says less).
        let error = &v["services"]["redis"]["details"]["last_error"];
        if error.as_str().is_some_and(|e| e.starts_with("connection:")) {
            return v;
        }
        assert!(Instant::now() < deadline, "no Redis error recorded: {v}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_public_health_shows_statuses_but_no_error_text() {
    let db = TestDb::new().await;
    sqlx::query("INSERT INTO photo_purges (vin, last_error) VALUES ($1, $2)")
        .bind("1HGCM82633A004352")
        .bind(PURGE_ERROR)
        .execute(&db.owner().await)
        .await
        .expect("a failing purge");
    let redis_port = free_port();
    let redis_addr = format!("127.0.0.1:{redis_port}");
    let app = TestApp::builder(db)
        .with_cache(CacheConfig::local(
            format!("redis://{redis_addr}"),
            "ops-public-health",
        ))
        .spawn()
        .await;
    let full = full_report_with_redis_error(&app.client, app.ops_addr).await;
    // Up to its first quote: the JSON answer escapes the quotes in the rest.
    let redis_error = full["services"]["redis"]["details"]["last_error"]
        .as_str()
        .expect("text")
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(full["view"], "full");
    assert_eq!(full["services"]["redis"]["state"], "degraded");
    assert!(full["services"]["database"]["details"]["latency_ms"].is_number());
    assert!(full.to_string().contains(PURGE_ERROR), "{full}");
    // The planted texts: Redis's own error, its address, the purge's error and its host.
    let planted = [
        redis_error.as_str(),
        redis_addr.as_str(),
        PURGE_ERROR,
        "s3.internal.example",
    ];

    for accept in ["application/json", BROWSER_ACCEPT] {
        // Public, and public with a wrong token: the public view.
        for token in [None, Some("not-the-admin-token-0123456789")] {
            let (code, body) = fetch(&app.client, &app.url("/health"), accept, token).await;
            assert_eq!(code, 200, "{body}");
            for text in planted {
                assert!(!body.contains(text), "{text} on the public /health: {body}");
            }
            for internal in ["latency", "details", "uptime_secs", "last_error"] {
                assert!(!body.contains(internal), "{internal}: {body}");
            }
            if accept == "application/json" {
                let v: Value = serde_json::from_str(&body).expect("json");
                assert_eq!(v["view"], "public");
                assert!(v["metrics"]["uptimeSeconds"].is_null(), "{body}");
                assert_eq!(v["status"], full["status"]);
                for (name, service) in full["services"].as_object().expect("services") {
                    assert_eq!(v["services"][name]["state"], service["state"], "{name}");
                    assert_eq!(v["services"][name]["status"], service["status"], "{name}");
                }
                let reasons = v["reasons"].to_string();
                assert!(reasons.contains("redis down"), "{reasons}");
                assert!(reasons.contains("photo purge(s)"), "{reasons}");
            } else {
                assert!(body.contains(r#"data-view="public""#), "{body}");
                assert!(body.contains(r#"data-service="Redis" data-status="degraded""#));
            }
        }
        // With the admin token on the public port, and on the operator listener: in full.
        for (url, token) in [
            (app.url("/health"), Some(ADMIN_TOKEN)),
            (app.ops_url("/health"), None),
        ] {
            let (code, body) = fetch(&app.client, &url, accept, token).await;
            assert_eq!(code, 200, "{body}");
            assert!(body.contains(PURGE_ERROR), "{url}: {body}");
            if accept == "application/json" {
                assert!(body.contains(&redis_error), "{url}: {body}");
            }
        }
    }
    let res = app.get("/health").await;
    assert_eq!(res.headers()["vary"], "accept, authorization");
    assert_eq!(res.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn ops_addr_off_binds_no_operator_listener() {
    let db = TestDb::new().await;
    let mut settings = common::settings(&db.cfg, common::scratch_media_dir());
    settings.serve.ops_addr = OpsAddr::Off;
    let app = common::start(settings).await;
    assert_eq!(app.ops_addr, None);
    let res = reqwest::get(format!("http://{}/metrics", app.addr))
        .await
        .expect("get");
    assert_eq!(res.status().as_u16(), 404);
    let res = reqwest::get(format!("http://{}/healthz", app.addr))
        .await
        .expect("get");
    assert_eq!(res.status().as_u16(), 200);
}

#[tokio::test]
async fn both_listeners_stop_together() {
    let db = TestDb::new().await;
    let settings = common::settings(&db.cfg, common::scratch_media_dir());
    let app = App::build(settings).await.expect("builds");
    let (addr, ops) = (app.addr(), app.ops_addr().expect("ops listener"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until(async {
        stopped.await.ok();
    }));
    let client = reqwest::Client::new();
    for a in [addr, ops] {
        let res = client
            .get(format!("http://{a}/healthz"))
            .send()
            .await
            .expect("get");
        assert_eq!(res.status(), 200);
    }
    stop.send(()).expect("stop");
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("stops in time")
        .expect("task")
        .expect("clean stop");
    for a in [addr, ops] {
        assert!(
            tokio::net::TcpStream::connect(a).await.is_err(),
            "{a} still accepts"
        );
    }
}
