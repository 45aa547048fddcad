//! Pages from a hot standby while the jobs write to the primary: a primary and a streaming
//! standby of the machine's own PostgreSQL (`pg_child`, over TLS with passwords), the site's
//! web pool on the standby, its ETL role on the primary, and a private Redis.
//!
//! The standby's replay is paused while an ETL run commits on the primary: the pages keep
//! showing the standby's rows, the cache keeps the version of those rows (read from the same
//! standby, re-read on every request here), and nothing is stored under the new run's version
//! until the standby has replayed it. Then the new rows show at once: no page of old rows was
//! filed under the new version. `/health` shows the standby, its lag and the pause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fred::prelude::ClientLike;
use server::cache::CacheConfig;
use sqlx::PgPool;
use vinops::generator::GenConfig;

use crate::common::{self, files};
use crate::pg_child::{PgChild, pki, tls_db_config, verified};
use crate::redis_child::{RedisChild, free_port};

async fn ingest(etl: &PgPool, seed: u64, rows: usize) -> i64 {
    let (export, _) = files::generated(&GenConfig::new(seed, rows));
    let report = files::ingest(etl, &export).await;
    assert_eq!(report.inserted, i64::try_from(rows).unwrap(), "{report:?}");
    sqlx::query_scalar("SELECT max(id) FROM audit.runs WHERE job = 'etl' AND status = 'succeeded'")
        .fetch_one(etl)
        .await
        .expect("the run")
}

/// "N lots" of a catalog page: the first " lots" right after a number.
fn lots_shown(html: &str) -> u64 {
    html.match_indices(" lots")
        .find_map(|(at, _)| {
            let digits: String = html[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            let digits: String = digits.chars().rev().collect();
            digits.parse().ok()
        })
        .expect("a lot count")
}

async fn get(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(&url).send().await.expect(&url);
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The dataset versions of the keys under `prefix`.
async fn versions_cached(redis: &fred::prelude::Client, prefix: &str) -> Vec<String> {
    let keys: Vec<String> = redis
        .custom(fred::cmd!("KEYS"), vec![format!("{prefix}:*")])
        .await
        .unwrap();
    let mut versions: Vec<String> = keys
        .iter()
        .filter_map(|k| k.split(':').nth(1).map(str::to_owned))
        .collect();
    versions.sort();
    versions.dedup();
    versions
}

#[tokio::test]
async fn pages_read_the_standby_and_never_cache_rows_older_than_their_version() {
    let tls = pki("standby");
    let primary = PgChild::start_tls(free_port(), &tls);
    let mut cfg = tls_db_config(&primary, &tls.ca);
    let etl = primary.migrate_for_site(&cfg).await;
    let first_run = ingest(&etl, 31, 30).await;

    let standby = PgChild::standby_of(&primary, free_port());
    standby.wait_replayed(&primary);
    assert_eq!(standby.psql("SELECT pg_is_in_recovery()"), "t");
    cfg.web_database_url = standby.url("vinops_web", &verified(&tls.ca)).into();

    let redis = RedisChild::start(free_port());
    let prefix = format!("standby-{}", uuid::Uuid::new_v4().simple());
    let mut cache = CacheConfig::local(redis.url(), prefix.clone());
    // The version is re-read from the standby on every request: the strictest case.
    cache.version_refresh_ms = 0;
    let mut settings = common::settings(&cfg, common::scratch_media_dir());
    settings.cache = cache;
    let app = common::start(settings).await;
    common::wait_cache_up(&app.cache).await;
    let ops = app.ops_addr.expect("operator listener");
    let client = reqwest::Client::new();
    let catalog = format!("http://{}/en/cars", app.addr);
    let raw =
        fred::prelude::Builder::from_config(fred::prelude::Config::from_url(&redis.url()).unwrap())
            .build()
            .unwrap();
    raw.init().await.expect("raw redis");

    let (code, page) = get(&client, catalog.clone()).await;
    assert_eq!(code, 200);
    let before = lots_shown(&page);
    assert_eq!(before, 30);
    let h = common::ops_health(ops).await;
    let db_entry = &h["services"]["database"];
    assert_eq!(db_entry["details"]["standby"], true, "{h}");
    assert_eq!(db_entry["state"], "healthy", "{h}");
    assert_eq!(db_entry["details"]["replay_paused"], false, "{h}");

    // Replay paused; the next ETL run commits on the primary.
    let vins = || async {
        sqlx::query_scalar::<_, String>("SELECT vin FROM vehicles")
            .fetch_all(&etl)
            .await
            .expect("VINs")
    };
    let old_vins = vins().await;
    standby.psql("SELECT pg_wal_replay_pause()");
    let second_run = ingest(&etl, 32, 25).await;
    assert!(second_run > first_run);
    let new_vin = vins()
        .await
        .into_iter()
        .find(|v| !old_vins.contains(v))
        .expect("a VIN of the second export");
    for _ in 0..3 {
        let (code, page) = get(&client, catalog.clone()).await;
        assert_eq!(code, 200);
        assert_eq!(
            lots_shown(&page),
            before,
            "the standby's rows, not the primary's"
        );
    }
    let (code, _) = get(&client, format!("http://{}/en/vin/{new_vin}", app.addr)).await;
    assert_eq!(code, 404, "the standby has not replayed the new VIN");
    assert_eq!(
        versions_cached(&raw, &prefix).await,
        [format!("v{first_run}")],
        "only the replayed version is in the cache"
    );
    // The run's WAL reaches the standby shortly after the commit (streaming is asynchronous).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let h = loop {
        let h = common::ops_health(ops).await;
        let behind = h["services"]["database"]["details"]["replay_behind_bytes"].as_f64();
        if behind.unwrap_or(0.0) > 0.0 || std::time::Instant::now() > deadline {
            break h;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let db_entry = &h["services"]["database"];
    assert_eq!(db_entry["state"], "degraded", "{h}");
    assert_eq!(db_entry["details"]["replay_paused"], true, "{h}");
    // The run's WAL arrived and waits: bytes behind. (Seconds behind need a transaction
    // replayed since the standby started, which there was not: unknown, not 0.)
    let details = &db_entry["details"];
    assert!(
        details["replay_behind_bytes"].as_f64().unwrap_or(0.0) > 0.0,
        "WAL received but not replayed is lag: {h}"
    );
    assert!(
        details["replication_lag_secs"]
            .as_f64()
            .is_none_or(|s| s > 0.0),
        "{h}"
    );
    assert!(h["reasons"].to_string().contains("replay paused"), "{h}");

    // Replay resumes: the new run's rows and version arrive together.
    standby.psql("SELECT pg_wal_replay_resume()");
    standby.wait_replayed(&primary);
    let (code, page) = get(&client, catalog.clone()).await;
    assert_eq!(code, 200);
    let after = lots_shown(&page);
    assert!(
        after > before,
        "{after} lots after the second run replayed, {before} before"
    );
    // The second request is served from the cache, under the new version, with the new rows.
    let (_, cached) = get(&client, catalog).await;
    assert_eq!(lots_shown(&cached), after);
    let versions = versions_cached(&raw, &prefix).await;
    assert!(versions.contains(&format!("v{second_run}")), "{versions:?}");
    let (code, _) = get(&client, format!("http://{}/en/vin/{new_vin}", app.addr)).await;
    assert_eq!(code, 200);
    let h = common::ops_health(ops).await;
    assert_eq!(h["services"]["database"]["state"], "healthy", "{h}");
    let details = &h["services"]["database"]["details"];
    assert_eq!(details["replication_lag_secs"], 0.0, "caught up: {h}");
    assert_eq!(details["replay_behind_bytes"], 0.0, "caught up: {h}");
    etl.close().await;
}
