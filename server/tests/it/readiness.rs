//! `/readyz` against a real database whose migration history is changed under it: current,
//! ahead of the binary (ready), behind, failed, edited (503 with the reason), unreachable; and
//! `MIGRATE_ON_START` failing on a lock (the lock timeout gives up, the site keeps serving and
//! `/readyz` says why), `migrate` accepting a schema ahead of the binary, and `serve` logging
//! at start why it is not ready.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::jobs_common::ServeProcess;
use crate::redis_child::free_port;

use std::time::{Duration, Instant};

use common::{TestApp, TestDb};
use server::config::DbConfig;
use server::db::MigrateConfig;
use sqlx::PgPool;

/// A version no binary embeds: a migration of some future release.
const FUTURE: i64 = 29_991_231_000_000;

/// (status, body) of `GET url`.
async fn readyz(client: &reqwest::Client, url: &str) -> (u16, String) {
    let res = client.get(url).send().await.expect("request");
    (res.status().as_u16(), res.text().await.expect("body"))
}

/// The newest migration this binary embeds.
fn newest() -> i64 {
    server::db::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .expect("migrations")
}

async fn exec(owner: &PgPool, sql: &str) {
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(owner)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test]
async fn readyz_follows_the_schema() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let owner = app.db.owner().await;
    let (public, ops) = (app.url("/readyz"), app.ops_url("/readyz"));
    let c = &app.client;
    assert_eq!(
        readyz(c, &public).await,
        (200, "ready: schema current\n".into())
    );

    // A newer release migrated first: still ready (expand/contract).
    exec(
        &owner,
        &format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES ({FUTURE}, 'future', true, '\\x00', 0)"
        ),
    )
    .await;
    let (code, body) = readyz(c, &public).await;
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("1 newer migration(s)"), "{body}");

    // Behind: the newest migration of this binary is not applied.
    let n = newest();
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET version = -version WHERE version = {n}"),
    )
    .await;
    for url in [&public, &ops] {
        let res = c.get(url.as_str()).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 503);
        assert!(res.headers().contains_key("retry-after"));
        let body = res.text().await.expect("body");
        assert!(
            body.contains("schema behind this binary: 1 migration(s) not applied")
                && body.contains(&n.to_string()),
            "{body}"
        );
    }
    // Liveness is not readiness.
    assert_eq!(app.get("/healthz").await.status(), 200);
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET version = -version WHERE version = -{n}"),
    )
    .await;
    assert_eq!(readyz(c, &public).await.0, 200);

    // Recorded as failed (a migration outside a transaction cut short).
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET success = false WHERE version = {n}"),
    )
    .await;
    let (code, body) = readyz(c, &public).await;
    assert_eq!(code, 503);
    assert!(body.contains("recorded as failed"), "{body}");
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET success = true WHERE version = {n}"),
    )
    .await;

    // An applied migration edited after the fact.
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET checksum = '\\x00' || checksum WHERE version = {n}"),
    )
    .await;
    let (code, body) = readyz(c, &public).await;
    assert_eq!(code, 503);
    assert!(body.contains("differs from the one applied"), "{body}");
}

#[tokio::test]
async fn readyz_is_503_while_the_database_is_down() {
    let closed = free_port();
    let url = |role: &str| format!("postgres://{role}@127.0.0.1:{closed}/vinops");
    let db = DbConfig {
        database_url: url("vinops").into(),
        etl_database_url: url("vinops_etl").into(),
        web_database_url: url("vinops_web").into(),
        web_pool_max: 1,
        web_statement_timeout_ms: 1000,
    };
    let app = common::start(common::settings(&db, common::scratch_media_dir())).await;
    let client = reqwest::Client::new();
    let ops = app.ops_addr.expect("ops listener");
    let (code, public) = readyz(&client, &format!("http://{}/readyz", app.addr)).await;
    assert_eq!(code, 503);
    assert_eq!(public, "not ready: database unreachable\n");
    let (code, full) = readyz(&client, &format!("http://{ops}/readyz")).await;
    assert_eq!(code, 503);
    // The operator's answer has the error under the reason.
    assert!(full.starts_with("not ready: database unreachable\n"));
    assert!(full.lines().count() > 1, "{full}");
}

#[tokio::test]
async fn a_migration_waiting_on_a_lock_gives_up_and_the_site_serves_unready() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let n = newest();
    // The newest migration pending (its objects are there, which never matters: the lock below
    // stops the migration before it runs anything).
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET version = -version WHERE version = {n}"),
    )
    .await;
    // Someone holds a lock the migration needs, for as long as this test wants.
    let mut holder = owner.begin().await.expect("begin");
    sqlx::query("LOCK TABLE _sqlx_migrations IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *holder)
        .await
        .expect("lock");

    let mut settings = common::settings(&db.cfg, common::scratch_media_dir());
    settings.serve.migrate_on_start = true;
    settings.migrate = MigrateConfig {
        migrate_lock_timeout_ms: 300,
        ..MigrateConfig::default()
    };
    let started = Instant::now();
    // Without a lock timeout the migration would wait for the lock as long as it is held.
    let app = tokio::time::timeout(Duration::from_secs(20), common::start(settings))
        .await
        .expect("start-up does not wait for the lock");
    assert!(started.elapsed() < Duration::from_secs(10));
    holder.rollback().await.expect("release");

    let client = reqwest::Client::new();
    let site = format!("http://{}", app.addr);
    let ops = format!("http://{}", app.ops_addr.expect("ops"));
    // Serving: liveness and pages.
    assert_eq!(readyz(&client, &format!("{site}/healthz")).await.0, 200);
    assert_eq!(readyz(&client, &format!("{site}/en/cars")).await.0, 200);
    // Not ready, and why: the public answer without the error text, the operator's with it.
    let (code, public) = readyz(&client, &format!("{site}/readyz")).await;
    assert_eq!(code, 503);
    assert!(
        public.contains("1 migration(s) not applied")
            && public.contains("migrating at start-up failed"),
        "{public}"
    );
    assert!(!public.contains("lock timeout"), "{public}");
    let (code, full) = readyz(&client, &format!("{ops}/readyz")).await;
    assert_eq!(code, 503);
    assert!(full.contains("lock timeout"), "{full}");

    // Once the schema is current (another replica, or the `migrate` step, applied it), the
    // start-up failure no longer keeps the replica out.
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET version = -version WHERE version = -{n}"),
    )
    .await;
    assert_eq!(
        readyz(&client, &format!("{site}/readyz")).await,
        (200, "ready: schema current\n".into())
    );
}

#[tokio::test]
async fn migrate_accepts_a_schema_ahead_of_the_binary() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    exec(
        &owner,
        &format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES ({FUTURE}, 'future', true, '\\x00', 0)"
        ),
    )
    .await;
    // A rollback to this release, or a replica not yet upgraded, runs its `migrate` step.
    server::db::migrate(&db.cfg.database_url, &MigrateConfig::default())
        .await
        .expect("a newer schema is not an error");
}

#[tokio::test]
async fn serve_logs_at_start_why_it_is_not_ready() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let n = newest();
    exec(
        &owner,
        &format!("UPDATE _sqlx_migrations SET version = -version WHERE version = {n}"),
    )
    .await;
    let env = [
        ("JOBS_ENABLED", "false".to_owned()),
        ("HEALTH_CACHE_MS", "0".to_owned()),
    ];
    let mut p = ServeProcess::start(&db, &env);
    p.wait_ready(&reqwest::Client::new()).await;
    // No request to /readyz: the process checks once by itself.
    let deadline = Instant::now() + Duration::from_secs(15);
    while !p.log_text().contains("not ready: /readyz answers 503") {
        assert!(Instant::now() < deadline, "{}", p.log_text());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = p.log_text();
    assert!(
        log.contains(&format!("1 migration(s) not applied (first {n})")),
        "{log}"
    );
    assert!(p.terminate().await.success());
}
