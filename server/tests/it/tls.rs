//! PostgreSQL and Redis over TLS, as production runs them: a cluster and a redis-server of the
//! machine's own (`pg_child`, `redis_child`) with certificates from a test CA, passwords on every
//! role, and plain connections refused by the servers. The app connects with
//! `sslmode=verify-full` + `sslrootcert` and `rediss://` + `REDIS_CA_FILE`, serves pages from
//! that database and caches them in that Redis; a client that trusts another CA, names another
//! host or does not ask for TLS is refused, each with an error that says why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use server::cache::{Cache, CacheConfig, CacheState};
use server::db::{self, MigrateConfig};
use sqlx::{Connection, PgConnection};
use vinops::generator::GenConfig;

use crate::common::{self, files};
use crate::pg_child::{PgChild, pki, tls_db_config, verified};
use crate::redis_child::{RedisChild, free_port};

async fn connect_error(url: &str) -> String {
    match PgConnection::connect(url).await {
        Ok(_) => panic!("{url} connected"),
        Err(e) => format!("{e:#}"),
    }
}

#[tokio::test]
async fn postgres_over_verified_tls_and_nothing_less() {
    let tls = pki("pg-tls");
    let pg = PgChild::start_tls(free_port(), &tls);
    let cfg = tls_db_config(&pg, &tls.ca);

    // The deploy step and the pools, over verify-full.
    db::migrate(&cfg.database_url, &MigrateConfig::default())
        .await
        .expect("migrations over TLS");
    pg.set_role_passwords();
    let web = db::web_pool(&cfg).expect("web pool");
    let (ssl, version): (bool, String) =
        sqlx::query_as("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(&web)
            .await
            .expect("a query over the web pool");
    assert!(ssl, "the web pool's connection is not encrypted");
    assert!(version.starts_with("TLSv1."), "{version}");
    let etl = db::etl_pool(&cfg).await.expect("ETL pool over TLS");
    let ssl: bool = sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .fetch_one(&etl)
        .await
        .unwrap();
    assert!(ssl, "the ETL pool's connection is not encrypted");

    // A client that trusts another CA: the certificate is refused, nothing is sent.
    let other = pki("pg-other-ca");
    let err = connect_error(&pg.url("vinops_web", &verified(&other.ca))).await;
    assert!(err.to_lowercase().contains("certificate"), "{err}");

    // The right CA, but a name the certificate does not cover: verify-full checks the host
    // (verify-ca, which does not, connects).
    let localhost = |mode: &str| {
        format!(
            "postgres://vinops_web:{}@localhost:{}/vinops?sslmode={mode}&sslrootcert={}",
            crate::pg_child::PASSWORD,
            pg.port,
            tls.ca.display()
        )
    };
    let err = connect_error(&localhost("verify-full")).await;
    assert!(err.to_lowercase().contains("certificate"), "{err}");
    PgConnection::connect(&localhost("verify-ca"))
        .await
        .expect("verify-ca does not check the name");

    // Without TLS the server refuses (so the connections above were TLS because they had to
    // be), and without the password too.
    let err = connect_error(&pg.url("vinops_web", "sslmode=disable")).await;
    assert!(err.contains("no encryption"), "{err}");
    let err = connect_error(&format!(
        "postgres://vinops_web:wrong@127.0.0.1:{}/vinops?{}",
        pg.port,
        verified(&tls.ca)
    ))
    .await;
    assert!(err.contains("password authentication failed"), "{err}");
    web.close().await;
    etl.close().await;
}

/// The cache's connection state once it is up, or after `within` when it never came up.
async fn settled(cache: &Cache, within: Duration) -> server::cache::CacheStatus {
    let deadline = std::time::Instant::now() + within;
    loop {
        let status = cache.status().await;
        if status.state == CacheState::Up || std::time::Instant::now() >= deadline {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The last connection error of a cache that must not connect, once it names the TLS failure
/// (a PING before the first attempt reports "not connected" first).
async fn refused(cache: &Cache) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let status = cache.status().await;
        assert_ne!(status.state, CacheState::Up, "connected: {status:?}");
        let why = status.last_error.unwrap_or_default().to_lowercase();
        if why.contains("certificate") || std::time::Instant::now() >= deadline {
            return why;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn rediss(redis: &RedisChild, ca: Option<&Path>) -> CacheConfig {
    let mut cfg = CacheConfig::local(
        redis.tls_url(),
        format!("tls-{}", uuid::Uuid::new_v4().simple()),
    );
    cfg.ca_file = ca.map(Path::to_path_buf);
    cfg
}

#[tokio::test]
async fn redis_over_verified_tls_and_nothing_less() {
    let tls = pki("redis-tls");
    let redis = RedisChild::start_tls(free_port(), &tls);

    let cache = Cache::connect(&rediss(&redis, Some(&tls.ca)), None).expect("rediss:// config");
    common::wait_cache_up(&cache).await;

    // Another CA: the handshake fails, the cache stays down and says why.
    let other = pki("redis-other-ca");
    let wrong = Cache::connect(&rediss(&redis, Some(&other.ca)), None).expect("config");
    let why = refused(&wrong).await;
    assert!(why.contains("certificate"), "{why}");

    // The system's roots (no REDIS_CA_FILE) do not include a private CA either.
    let system = Cache::connect(&rediss(&redis, None), None).expect("config");
    let why = refused(&system).await;
    assert!(why.contains("certificate"), "{why}");

    // Plain redis:// to the TLS port gets no answer it can use.
    let plain =
        Cache::connect(&CacheConfig::local(redis.url(), "tls-plain"), None).expect("config");
    let status = settled(&plain, Duration::from_secs(2)).await;
    assert_ne!(status.state, CacheState::Up, "{status:?}");

    // REDIS_CA_FILE with redis:// is a configuration error, not a silent plain connection.
    let mut mixed = CacheConfig::local("redis://127.0.0.1:6379", "tls-mixed");
    mixed.ca_file = Some(tls.ca.clone());
    let err = Cache::connect(&mixed, None).err().expect("refused");
    assert!(err.to_string().contains("rediss://"), "{err}");
}

#[tokio::test]
async fn the_site_serves_and_caches_over_tls_only_services() {
    let tls = pki("site-tls");
    let pg = PgChild::start_tls(free_port(), &tls);
    let redis = RedisChild::start_tls(free_port(), &tls);
    let cfg = tls_db_config(&pg, &tls.ca);
    let etl = pg.migrate_for_site(&cfg).await;
    let (export, _) = files::generated(&GenConfig::new(23, 30));
    let report = files::ingest(&etl, &export).await;
    assert_eq!(report.inserted, 30);

    let mut settings = common::settings(&cfg, common::scratch_media_dir());
    settings.cache = rediss(&redis, Some(&tls.ca));
    let app = common::start(settings).await;
    common::wait_cache_up(&app.cache).await;

    let client = reqwest::Client::new();
    let page = |path: &str| client.get(format!("http://{}{path}", app.addr)).send();
    let first = page("/en/cars").await.expect("catalog");
    assert_eq!(first.status(), 200);
    let body = first.text().await.unwrap();
    assert!(body.contains("30 lots"), "catalog without the 30 lots");
    // The second answer comes out of Redis (over TLS).
    let stores = app.cache.counts().stores;
    assert!(stores > 0, "nothing was cached");
    let hits = app.cache.counts().hits;
    assert_eq!(page("/en/cars").await.unwrap().status(), 200);
    assert!(
        app.cache.counts().hits > hits,
        "the second catalog was not a cache hit"
    );

    let ops = app.ops_addr.expect("operator listener");
    let health = common::ops_health(ops).await;
    for service in ["database", "redis"] {
        assert_eq!(
            health["services"][service]["state"], "healthy",
            "{service}: {health}"
        );
    }
    etl.close().await;
}
