//! `/health` against real services being stopped: a private redis-server that is killed, a
//! test database whose connections are refused and terminated, a pool pointing at a closed
//! port. Every rule and their precedence, both formats, nothing secret on the page; and the
//! route-template labels of `/metrics`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::redis_child;

use std::net::SocketAddr;
use std::time::Duration;

use common::{TestDb, files};
use redis_child::{RedisChild, free_port};
use serde_json::Value;
use server::cache::CacheConfig;
use server::config::DbConfig;
use sqlx::{Connection, PgConnection, PgPool};
use vinops::generator::GenConfig;

const BROWSER_ACCEPT: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

/// The real app on a random port over these database settings, with this cache; the address
/// of its operator listener, whose `/health` is the full report (the public view has its tests
/// in `ops_listener.rs`). Waits until the cache is connected when it has a Redis to connect to.
async fn spawn_with(db: &DbConfig, cache: CacheConfig, wait_for_redis: bool) -> SocketAddr {
    let mut settings = common::settings(db, common::scratch_media_dir());
    settings.cache = cache;
    let app = common::start(settings).await;
    if wait_for_redis {
        common::wait_cache_up(&app.cache).await;
    }
    app.ops_addr.expect("an operator listener")
}

/// Database settings whose web role (all /health reads) connects to `web_url`; the site's
/// other pools are lazy and never used here.
fn web_only(web_url: &str) -> DbConfig {
    DbConfig {
        database_url: "postgres://vinops@127.0.0.1:1/unused".into(),
        etl_database_url: "postgres://vinops_etl@127.0.0.1:1/unused".into(),
        web_database_url: web_url.into(),
        web_pool_max: 1,
        web_statement_timeout_ms: 1000,
    }
}

/// No Redis: the cache is off.
fn no_cache() -> CacheConfig {
    CacheConfig::local("off", "unused")
}

struct Answer {
    code: u16,
    content_type: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn get(addr: SocketAddr, accept: Option<&str>) -> Answer {
    let mut req = reqwest::Client::new().get(format!("http://{addr}/health"));
    if let Some(a) = accept {
        req = req.header("accept", a);
    }
    let r = req.send().await.expect("request");
    Answer {
        code: r.status().as_u16(),
        content_type: r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        body: r.text().await.expect("body"),
    }
}

/// Overall status, HTTP code, and each service's status, from the JSON answer.
async fn health(addr: SocketAddr) -> (String, u16, Value) {
    let a = get(addr, Some("application/json")).await;
    assert!(
        a.content_type.starts_with("application/json"),
        "{}",
        a.content_type
    );
    let v = a.json();
    (v["status"].as_str().expect("status").to_owned(), a.code, v)
}

fn service(v: &Value, name: &str) -> String {
    v["services"][name]["state"]
        .as_str()
        .unwrap_or_else(|| panic!("no service {name}: {v}"))
        .to_owned()
}

fn reasons(v: &Value) -> String {
    v["reasons"].to_string()
}

fn admin_url() -> String {
    std::env::var("TEST_ADMIN_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

async fn admin() -> PgConnection {
    PgConnection::connect(&admin_url()).await.expect("admin")
}

/// Refuses new connections to the test database and terminates the open ones: the database is
/// down for this app, and only for it.
async fn stop_database(name: &str) {
    let mut a = admin().await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "ALTER DATABASE {name} ALLOW_CONNECTIONS false"
    )))
    .execute(&mut a)
    .await
    .expect("refuse connections");
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()")
        .bind(name)
        .execute(&mut a)
        .await
        .expect("terminate");
}

async fn start_database(name: &str) {
    let mut a = admin().await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "ALTER DATABASE {name} ALLOW_CONNECTIONS true"
    )))
    .execute(&mut a)
    .await
    .expect("allow connections");
}

async fn set_etl_age(owner: &PgPool, run_id: i64, minutes: i32) {
    sqlx::query(
        "UPDATE audit.runs SET started_at = now() - make_interval(mins => $2) - interval '1 minute', finished_at = now() - make_interval(mins => $2) WHERE id = $1",
    )
    .bind(run_id)
    .bind(minutes)
    .execute(owner)
    .await
    .expect("age");
}

fn private_cache(redis: &RedisChild) -> CacheConfig {
    CacheConfig::local(
        redis.url(),
        format!("health-{}", uuid::Uuid::new_v4().simple()),
    )
}

#[tokio::test]
async fn each_rule_and_the_worst_status_wins_against_real_services() {
    let mut redis = RedisChild::start(free_port());
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let addr = spawn_with(&db.cfg, private_cache(&redis), true).await;

    // Nothing ran yet: the ETL has never succeeded.
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("degraded", 200), "{v}");
    assert_eq!(service(&v, "etl"), "degraded");
    assert!(reasons(&v).contains("no successful ETL run yet"), "{v}");

    // Lots arrive through a real ingest (an `etl` run that succeeded now): ETL fine, but every
    // lot needs photos and no image run ever happened.
    let (f, _) = files::generated(&GenConfig::new(11, 40));
    let report = files::ingest(&db.etl().await, &f).await;
    assert_eq!(report.inserted, 40);
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("degraded", 200), "{v}");
    assert_eq!(service(&v, "etl"), "healthy");
    assert_eq!(service(&v, "imageBackfill"), "degraded");
    assert!(reasons(&v).contains("never run"), "{v}");
    assert_eq!(
        v["services"]["imageBackfill"]["details"]["lots_needing_photos"],
        40
    );
    // The chart's current hour holds this ingest.
    assert_eq!(v["charts"]["lots_ingested"][23], 40, "{v}");

    // Backfill idle 40 min while lots need photos: degraded; one running now: healthy.
    sqlx::query("INSERT INTO audit.runs (job, status, started_at, finished_at) VALUES ('images', 'succeeded', now() - interval '45 minutes', now() - interval '40 minutes')")
        .execute(&owner)
        .await
        .expect("old images run");
    let (status, _, v) = health(addr).await;
    assert_eq!(status, "degraded", "{v}");
    assert!(
        reasons(&v).contains("image backfill idle for 40 min"),
        "{v}"
    );
    sqlx::query(
        "INSERT INTO audit.runs (job, started_at) VALUES ('images', now() - interval '5 minutes')",
    )
    .execute(&owner)
    .await
    .expect("running images run");
    // Running, but nothing stored in the last 30 minutes while lots wait: the images rule.
    let (status, _, v) = health(addr).await;
    assert_eq!(status, "degraded", "{v}");
    assert_eq!(service(&v, "imageBackfill"), "healthy");
    assert_eq!(service(&v, "images"), "degraded");
    assert_eq!(v["services"]["images"]["status"], "degraded");
    assert!(
        reasons(&v).contains("no photo stored in the last 30 min"),
        "{v}"
    );
    // It stores a first photo: healthy.
    sqlx::query(
        r#"INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, source_url)
           SELECT id, 1, 'ful', 'lots/' || lot_number || '/1_ful.jpg', sha256(lot_number::text::bytea), 100, 'http://x/' || lot_number
           FROM lots ORDER BY id LIMIT 1"#,
    )
    .execute(&owner)
    .await
    .expect("a first photo");
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("healthy", 200), "{v}");
    assert_eq!(v["metrics"]["imagesAddedLast30Min"], 1, "{v}");
    for s in [
        "web",
        "database",
        "redis",
        "etl",
        "imageBackfill",
        "images",
        "outcomes",
    ] {
        assert_eq!(service(&v, s), "healthy", "{s}: {v}");
    }
    // It finished 2 min ago and stored photos for every lot: still healthy, and the photos
    // show in the metrics and the chart.
    sqlx::query("UPDATE audit.runs SET status = 'succeeded', finished_at = now() - interval '2 minutes' WHERE job = 'images' AND status = 'running'")
        .execute(&owner)
        .await
        .expect("finish");
    sqlx::query(
        r#"INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, source_url)
           SELECT id, 1, 'thb', 'lots/' || lot_number || '/1_thb.jpg', sha256(lot_number::text::bytea), 100, 'http://x/' || lot_number
           FROM lots"#,
    )
    .execute(&owner)
    .await
    .expect("images");
    sqlx::query("INSERT INTO lot_photos (lot_id, status, photos) SELECT id, 'stored', 1 FROM lots")
        .execute(&owner)
        .await
        .expect("lot photos");
    let (status, _, v) = health(addr).await;
    assert_eq!(status, "healthy", "{v}");
    // 40 thumbnails and the first photo's full size.
    assert_eq!(v["charts"]["photos_stored"][23], 41, "{v}");
    assert_eq!(v["services"]["images"]["details"]["photos_24h"], 41);
    // With no lot needing photos, an idle backfill is fine.
    sqlx::query("UPDATE audit.runs SET finished_at = now() - interval '3 hours', started_at = now() - interval '3 hours' WHERE job = 'images'")
        .execute(&owner)
        .await
        .expect("age images");
    assert_eq!(health(addr).await.0, "healthy");

    // ETL last success 2 h 01 min ago: degraded; 1 h 59 min: healthy.
    set_etl_age(&owner, report.run_id, 121).await;
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("degraded", 200), "{v}");
    assert!(
        reasons(&v).contains("last successful ETL run 2 h 01 min ago"),
        "{v}"
    );
    set_etl_age(&owner, report.run_id, 119).await;
    assert_eq!(health(addr).await.0, "healthy");

    // Redis killed: degraded, HTTP 200.
    redis.kill();
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("degraded", 200), "{v}");
    assert_eq!(service(&v, "redis"), "degraded");
    assert_eq!(service(&v, "database"), "healthy");
    // Two degraded rules at once: still degraded, both reasons listed.
    set_etl_age(&owner, report.run_id, 180).await;
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("degraded", 200), "{v}");
    assert!(
        reasons(&v).contains("redis down") && reasons(&v).contains("ETL"),
        "{v}"
    );

    // The database goes down too: unhealthy and 503 wins over every degraded rule, in both
    // formats; what lives in the database is unknown, not guessed.
    owner.close().await;
    stop_database(&db.name).await;
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("unhealthy", 503), "{v}");
    assert_eq!(service(&v, "database"), "unhealthy");
    assert_eq!(service(&v, "redis"), "degraded");
    assert_eq!(service(&v, "etl"), "unknown");
    assert_eq!(service(&v, "imageBackfill"), "unknown");
    assert_eq!(service(&v, "web"), "healthy");
    // The original contract's words: unknown is down; numbers not known are null, not 0.
    assert_eq!(v["services"]["database"]["status"], "down");
    assert_eq!(v["services"]["etl"]["status"], "down");
    assert_eq!(v["services"]["web"]["status"], "up");
    assert!(v["metrics"]["totalLots"].is_null(), "{v}");
    assert!(v["metrics"]["uptimeSeconds"].is_u64(), "{v}");
    assert!(
        reasons(&v).starts_with("[\"database unreachable\""),
        "worst first: {v}"
    );
    let page = get(addr, Some(BROWSER_ACCEPT)).await;
    assert_eq!(page.code, 503);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert!(
        page.body.contains(r#"data-status="unhealthy""#),
        "{}",
        page.body
    );

    // Back: degraded again (Redis is still down, the ETL still stale), never stuck at 503.
    start_database(&db.name).await;
    let (status, code, v) = health(addr).await;
    assert_eq!((status.as_str(), code), ("degraded", 200), "{v}");
    assert_eq!(service(&v, "database"), "healthy");
}

#[tokio::test]
async fn database_on_a_closed_port_is_unhealthy_and_no_secret_shows() {
    // Credentials in both URLs; neither service listens.
    let db_url = format!(
        "postgres://vinops_web:db-s3cret-pw@127.0.0.1:{}/vinops",
        free_port()
    );
    let redis_url = format!("redis://:redis-s3cret-pw@127.0.0.1:{}", free_port());
    let cache = CacheConfig::local(&redis_url, "health-secret");
    let addr = spawn_with(&web_only(&db_url), cache, false).await;

    let json = get(addr, None).await;
    assert_eq!(json.code, 503, "{}", json.body);
    assert!(json.content_type.starts_with("application/json"));
    let v = json.json();
    assert_eq!(v["status"], "unhealthy");
    assert_eq!(service(&v, "database"), "unhealthy");
    assert_eq!(service(&v, "redis"), "degraded");
    let html = get(addr, Some(BROWSER_ACCEPT)).await;
    assert_eq!(html.code, 503);
    assert!(html.content_type.starts_with("text/html"));
    for body in [&json.body, &html.body] {
        for secret in ["s3cret", "postgres://", "redis://", "vinops_web:"] {
            assert!(!body.contains(secret), "{secret} leaked: {body}");
        }
    }
}

#[tokio::test]
async fn the_dashboard_is_html_for_browsers_and_json_for_clients() {
    let db = TestDb::new().await;
    let addr = spawn_with(&db.cfg, no_cache(), false).await;
    let page = get(addr, Some(BROWSER_ACCEPT)).await;
    assert_eq!(page.code, 200);
    assert!(page.content_type.starts_with("text/html"));
    let b = &page.body;
    assert!(b.contains(r#"<meta http-equiv="refresh" content="30">"#));
    for name in [
        "Web",
        "Database",
        "Redis",
        "ETL",
        "Image backfill",
        "Images",
        "Outcomes",
    ] {
        assert!(b.contains(&format!(r#"data-service="{name}""#)), "{name}");
    }
    assert_eq!(b.matches("<svg").count(), 2);
    assert_eq!(b.matches("<rect").count(), 48);
    assert!(b.contains(r#"data-service="Redis" data-status="disabled""#));
    // curl, scripts, monitors: JSON.
    for accept in [None, Some("*/*"), Some("application/json")] {
        let a = get(addr, accept).await;
        assert!(a.content_type.starts_with("application/json"), "{accept:?}");
        assert_eq!(a.json()["services"]["redis"]["state"], "disabled");
    }
    let forced = reqwest::get(format!("http://{addr}/health?format=html"))
        .await
        .expect("req");
    assert_eq!(forced.headers()["vary"], "accept");
    assert_eq!(forced.headers()["cache-control"], "no-store");
    assert!(
        forced
            .text()
            .await
            .expect("body")
            .starts_with("<!DOCTYPE html>")
    );
}

#[tokio::test]
async fn metrics_label_requests_by_route_template() {
    let app = common::TestApp::spawn(TestDb::new().await).await;
    for _ in 0..3 {
        assert!(app.get("/healthz").await.status().is_success());
    }
    let vin = "1HGCM82633A004352";
    let _ = app.get(&format!("/api/v1/vehicles/{vin}")).await;
    let _ = app.get("/no/such/path/xyz123").await;
    let text = app.ops_get("/metrics").await.text().await.expect("body");
    assert!(
        text.contains(
            r#"vinops_http_requests_total{method="GET",route="/healthz",status="200"} 3"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"route="/api/v1/vehicles/{vin}""#), "{text}");
    assert!(
        text.contains(r#"route="(unmatched)""#) || !text.contains("xyz123"),
        "{text}"
    );
    // Raw paths never become labels.
    assert!(!text.contains(vin) && !text.contains("xyz123"), "{text}");
    assert!(text.contains("# TYPE vinops_http_request_duration_seconds histogram"));
    assert!(
        text.contains(r#"vinops_cache_requests_total{result="hit"} 0"#),
        "{text}"
    );
}

#[tokio::test]
async fn a_hung_database_does_not_hang_health() {
    // Accepts connections and never answers: what a stopped (SIGSTOP) or black-holed server
    // looks like to a client.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let db = web_only(&format!("postgres://vinops_web@127.0.0.1:{port}/vinops"));
    let addr = spawn_with(&db, no_cache(), false).await;
    let started = std::time::Instant::now();
    let (status, code, v) = health(addr).await;
    let took = started.elapsed();
    assert_eq!((status.as_str(), code), ("unhealthy", 503), "{v}");
    assert!(
        v["services"]["database"]["details"]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("no answer within"),
        "{v}"
    );
    assert!(took < Duration::from_secs(4), "{took:?}");
}

/// The six outcome figures `/health` shows (`services.outcomes.details`), in a fixed order:
/// sold, not sold, on approval, unknown, disappeared, relisted.
async fn health_outcomes(addr: SocketAddr) -> [i64; 6] {
    let (_, _, v) = health(addr).await;
    let d = &v["services"]["outcomes"]["details"];
    [
        "sold",
        "not_sold",
        "on_approval",
        "unknown",
        "disappeared",
        "relisted",
    ]
    .map(|k| {
        d[k].as_i64()
            .unwrap_or_else(|| panic!("no outcome figure {k}: {v}"))
    })
}

/// The same six figures from the data itself: each lot's inferred outcome (no lot here is
/// inferred twice: nothing comes back or is relisted) and the recorded lot events.
async fn outcomes_in_data(owner: &PgPool) -> [i64; 6] {
    let n = |sql: &'static str| async move { files::count(owner, sql).await };
    [
        n("SELECT count(*) FROM lots WHERE outcome = 'sold'").await,
        n("SELECT count(*) FROM lots WHERE outcome = 'not_sold'").await,
        n("SELECT count(*) FROM lots WHERE outcome = 'on_approval'").await,
        n("SELECT count(*) FROM lots WHERE outcome = 'unknown'").await,
        n("SELECT count(*) FROM audit.lot_events WHERE event = 'disappeared'").await,
        n("SELECT count(*) FROM audit.lot_events WHERE event = 'relisted'").await,
    ]
}

/// The run row keeps the lot-event counts exactly as the run reported them.
async fn assert_row_events(owner: &PgPool, report: &server::etl::RunReport) {
    let stored: Option<Value> =
        sqlx::query_scalar("SELECT counts->'events' FROM audit.runs WHERE id = $1")
            .bind(report.run_id)
            .fetch_one(owner)
            .await
            .expect("run row");
    assert_eq!(
        stored,
        Some(serde_json::to_value(report.events).expect("json")),
        "run {}",
        report.run_id
    );
}

/// Runs not started by the scheduler — `etl ingest` (`ingest_file`), `demo`, and `etl run`
/// (`pipeline::run_once`) — record their lot events and inferred outcomes in their run row,
/// and `/health` counts them like a scheduled run's.
#[tokio::test]
async fn outcomes_of_cli_demo_and_pipeline_runs_show_in_health() {
    use server::etl::RunStatus;
    use server::etl::pipeline::{Pipeline, run_once};

    let db = TestDb::new().await;
    let etl = db.etl().await;
    let owner = db.owner().await;
    let addr = spawn_with(&db.cfg, no_cache(), false).await;
    assert_eq!(health_outcomes(addr).await, [0; 6]);

    // `etl ingest`: 40 lots, then a file without 10 of them.
    let lots = files::lots_of(61, 40);
    let first = files::ingest(&etl, &files::write_lots(&lots, false, false)).await;
    assert_eq!(first.status, RunStatus::Succeeded, "{:?}", first.reason);
    let second = files::ingest(&etl, &files::write_lots(&lots[..30], false, false)).await;
    assert_eq!(second.status, RunStatus::Succeeded, "{:?}", second.reason);
    assert_eq!(second.events.disappeared, 10);
    assert_row_events(&owner, &second).await;
    let want = outcomes_in_data(&owner).await;
    assert_eq!(want[4], 10);
    assert_eq!(health_outcomes(addr).await, want, "after etl ingest");

    // The demo loader's ingest as an export (a demo load proper is job `demo`, whose made-up
    // outcomes the ETL counts leave out): another export; the 30 lots still listed leave.
    let demo = vinops_dev::demo::load_as_export(&etl, 62, 40, 0.0)
        .await
        .expect("demo");
    assert_eq!(demo.loaded, 40);
    let want = outcomes_in_data(&owner).await;
    assert_eq!(want[4], 40);
    assert_eq!(health_outcomes(addr).await, want, "after demo");

    // `etl run` against the simulated Copart export: the demo's 40 lots leave.
    let sim = vinops_dev::simulator::spawn(
        vinops_dev::simulator::SimConfig::new(63, 200),
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("simulator");
    let root =
        std::env::temp_dir().join(format!("vinops-health-{}", uuid::Uuid::new_v4().simple()));
    let pipeline = Pipeline {
        fetch: server::fetch::FetchConfig {
            url: sim.url(),
            cookie: None,
            user_agent: "vinops-test".into(),
            referer: None,
            timeout: Duration::from_secs(20),
            attempts: 2,
            backoff: Duration::from_millis(10),
            max_bytes: 1 << 30,
        },
        archive: server::archive::Archive::new(&root, 7),
        work_dir: root.join("incoming"),
        min_free_bytes: 0,
        limits: server::config::EtlLimits::default(),
    };
    let run = run_once(&etl, &reqwest::Client::new(), &pipeline)
        .await
        .expect("pipeline run");
    std::fs::remove_dir_all(&root).ok();
    assert_eq!(run.status, RunStatus::Succeeded, "{:?}", run.reason);
    assert_eq!(run.events.disappeared, 40);
    assert_row_events(&owner, &run).await;
    let want = outcomes_in_data(&owner).await;
    assert_eq!(want[4], 80);
    assert_eq!(health_outcomes(addr).await, want, "after etl run");
}
