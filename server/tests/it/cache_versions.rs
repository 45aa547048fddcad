//! The dataset version in every key, against a real Redis and a test database: a new ETL run
//! changes every key, and a value read before a run commits is filed under the version of
//! before, never the new one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fred::prelude::KeysInterface;
use server::cache::DatasetVersion;
use vinops::read::cached::read_through;
use vinops::read::{Computed, ReadKey, ReadKind};

use crate::cache::{SHARED, cache, prefix, raw, read_key, redis_key, wait_up};
use crate::common;

async fn record_run(owner: &sqlx::PgPool, job: &str, status: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO audit.runs (job, status, finished_at) VALUES ($1, $2, now()) RETURNING id",
    )
    .bind(job)
    .bind(status)
    .fetch_one(owner)
    .await
    .expect("insert run")
}

#[tokio::test]
async fn a_new_etl_run_changes_every_key() {
    let db = common::TestDb::new().await;
    let owner = db.owner().await;
    let refresh = Duration::from_millis(300);
    let versions = DatasetVersion::from_db(db.web(), refresh);
    assert_eq!(versions.current().await, Some(0), "no run yet is version 0");

    let prefix = prefix();
    // A fresh source, so the first read sees the run just recorded.
    let first = record_run(&owner, "etl", "succeeded").await;
    let cache = cache(
        SHARED,
        &prefix,
        Some(DatasetVersion::from_db(db.web(), refresh)),
    );
    wait_up(&cache).await;
    let params = read_key("make=TOYOTA&year=2015");
    let key1 = cache.key_for(&params).await.unwrap();
    assert_eq!(
        key1.as_str().split(':').nth(1),
        Some(format!("v{first}").as_str())
    );
    let calls = AtomicUsize::new(0);
    let read = || async {
        read_through(&cache, params.clone(), || async {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>(Computed::Store(n))
        })
        .await
    };
    assert_eq!(read().await, Ok(0));
    assert_eq!(read().await, Ok(0), "second read is a hit");

    // Runs that are not succeeded ETL runs change nothing.
    record_run(&owner, "etl", "failed").await;
    record_run(&owner, "demo", "succeeded").await;
    let second = record_run(&owner, "etl", "succeeded").await;
    // Within the refresh window the old version is still used...
    assert_eq!(cache.key_for(&params).await, Some(key1.clone()));
    tokio::time::sleep(refresh + Duration::from_millis(100)).await;
    // ...after it, the new one: a different key, so a miss.
    let key2 = cache.key_for(&params).await.unwrap();
    assert_ne!(key1, key2);
    assert!(key2.as_str().contains(&format!(":v{second}:")), "{key2}");
    assert_eq!(read().await, Ok(1));
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // Cursor pages are never cached, whatever the version.
    for _ in 0..2 {
        let cursor_page = ReadKey::new(ReadKind::listing(true), "make=TOYOTA&cursor=x");
        let r = read_through(&cache, cursor_page, || async {
            Ok::<_, ()>(Computed::Store(calls.fetch_add(1, Ordering::SeqCst)))
        })
        .await;
        assert!(r.is_ok());
    }
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn a_value_read_before_a_run_commits_is_stored_under_the_version_before_it() {
    // An ETL run commits while a miss is being computed (or, with the web pool on a standby,
    // is replayed then). The value was read before the run: it must be filed under the version
    // of before, never under the new one, where it would be served as current until the next
    // run. The version is re-read on every call here (refresh 0), as if it moved at once.
    let db = common::TestDb::new().await;
    let owner = db.owner().await;
    let before = record_run(&owner, "etl", "succeeded").await;
    let prefix = prefix();
    let cache = cache(
        SHARED,
        &prefix,
        Some(DatasetVersion::from_db(db.web(), Duration::ZERO)),
    );
    wait_up(&cache).await;
    let params = read_key("make=HONDA");
    let old_key = redis_key(&cache, &params).await;
    assert!(old_key.contains(&format!(":v{before}:")), "{old_key}");

    let mut committed = None;
    let value: Result<String, ()> = read_through(&cache, params.clone(), || async {
        // The rows are read; then the run commits, before the value reaches the cache.
        committed = Some(record_run(&owner, "etl", "succeeded").await);
        Ok(Computed::Store("rows of before".to_owned()))
    })
    .await;
    assert_eq!(value.as_deref(), Ok("rows of before"));
    let after = committed.expect("the run was recorded");
    let new_key = redis_key(&cache, &params).await;
    assert!(new_key.contains(&format!(":v{after}:")), "{new_key}");

    let raw = raw(SHARED).await;
    let under_old: Option<String> = raw.get(&old_key).await.unwrap();
    let under_new: Option<String> = raw.get(&new_key).await.unwrap();
    assert_eq!(under_old.as_deref(), Some("\"rows of before\""));
    assert_eq!(
        under_new, None,
        "the old rows were filed under the new version"
    );
}
