//! The Redis cache against real Redis servers: the shared one on 127.0.0.1:6379 (each test under
//! its own key prefix) and, for the outage tests, redis-server children this file starts, stops
//! and kills itself. Nothing is mocked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::redis_child;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use fred::prelude::{ClientLike, KeysInterface};
use redis_child::{RedisChild, free_port};
use serde::Serialize;
use serde::de::DeserializeOwned;
use server::cache::{Cache, CacheConfig, CacheState, DatasetVersion};
use vinops::read::cache::Slot;
use vinops::read::cached::read_through;
use vinops::read::{Computed, ReadCache, ReadKey, ReadKind};

pub(crate) const SHARED: &str = "redis://127.0.0.1:6379";

pub(crate) fn prefix() -> String {
    format!("vinops-test-{}", uuid::Uuid::new_v4().simple())
}

/// A plain client for looking behind the cache (TTL, raw values).
pub(crate) async fn raw(url: &str) -> fred::prelude::Client {
    let client = fred::prelude::Builder::from_config(fred::prelude::Config::from_url(url).unwrap())
        .build()
        .unwrap();
    client.init().await.expect("raw redis connection");
    client
}

pub(crate) fn cache(url: &str, prefix: &str, versions: Option<DatasetVersion>) -> Cache {
    Cache::connect(&CacheConfig::local(url, prefix), versions).expect("valid config")
}

/// A cache whose keys all carry dataset version 1.
fn versioned(url: &str, prefix: &str) -> Cache {
    cache(url, prefix, Some(DatasetVersion::fixed(1)))
}

/// A read under its own name (`FilterOptions`: cached for 10 minutes).
pub(crate) fn read_key(name: &str) -> ReadKey {
    ReadKey::new(ReadKind::FilterOptions, name)
}

/// The Redis key `cache` stores `key` under.
pub(crate) async fn redis_key(cache: &Cache, key: &ReadKey) -> String {
    let k = cache
        .key_for(key)
        .await
        .expect("a versioned, enabled cache");
    k.as_str().to_owned()
}

/// The cached value, through the read-through (so hits and misses are counted as in
/// production); `None` when absent, undecodable or unavailable.
async fn get_json<T: Serialize + DeserializeOwned>(cache: &Cache, key: &ReadKey) -> Option<T> {
    read_through(cache, key.clone(), || async { Err::<Computed<T>, ()>(()) })
        .await
        .ok()
}

async fn set_json<T: Serialize>(cache: &Cache, key: &ReadKey, value: &T, ttl: Duration) {
    let json = serde_json::to_vec(value).expect("JSON");
    // The slot a lookup would hand out, without the lookup (it would count a miss).
    let slot = Slot::new(redis_key(cache, key).await);
    cache.put(&slot, json, ttl).await;
}

/// Read-through for a computation whose every `Ok` may be stored.
async fn cached<T, E, Fut>(
    cache: &Cache,
    key: &ReadKey,
    compute: impl FnOnce() -> Fut,
) -> Result<T, E>
where
    T: Serialize + DeserializeOwned,
    Fut: Future<Output = Result<T, E>>,
{
    read_through(cache, key.clone(), || async {
        compute().await.map(Computed::Store)
    })
    .await
}

/// Waits (bounded) until the background connection is up.
pub(crate) async fn wait_up(cache: &Cache) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while cache.status().await.state != CacheState::Up {
        assert!(Instant::now() < deadline, "cache never connected");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn set_get_roundtrip_with_ttl() {
    let prefix = prefix();
    let cache = versioned(SHARED, &prefix);
    wait_up(&cache).await;
    let key = read_key("roundtrip");
    let value = vec!["TOYOTA".to_owned(), "HONDA".to_owned()];
    set_json(&cache, &key, &value, Duration::from_secs(120)).await;
    assert_eq!(get_json::<Vec<String>>(&cache, &key).await, Some(value));
    let missing = read_key("missing");
    assert_eq!(get_json::<Vec<String>>(&cache, &missing).await, None);

    let ttl: i64 = raw(SHARED)
        .await
        .ttl(redis_key(&cache, &key).await)
        .await
        .unwrap();
    assert!((115..=120).contains(&ttl), "ttl {ttl}");
    let counts = cache.counts();
    assert_eq!(
        (counts.hits, counts.misses, counts.stores, counts.errors),
        (1, 1, 1, 0)
    );
    let status = cache.status().await;
    assert!(status.latency_ms.is_some());
}

#[tokio::test]
async fn cached_stores_ok_values_but_never_errors() {
    let prefix = prefix();
    let cache = versioned(SHARED, &prefix);
    wait_up(&cache).await;
    let key = read_key("cached");
    let calls = AtomicUsize::new(0);

    let failed: Result<Vec<i32>, &str> = cached(&cache, &key, || async {
        calls.fetch_add(1, Ordering::SeqCst);
        Err("database down")
    })
    .await;
    assert_eq!(failed, Err("database down"));
    let exists: i64 = raw(SHARED)
        .await
        .exists(redis_key(&cache, &key).await)
        .await
        .unwrap();
    assert_eq!(exists, 0, "an error was cached");

    for expected_calls in [2, 2] {
        let got: Result<Vec<i32>, &str> = cached(&cache, &key, || async {
            // A second computation would return something else: a hit must not compute.
            let n = calls.fetch_add(1, Ordering::SeqCst);
            Ok(vec![i32::try_from(n).unwrap()])
        })
        .await;
        assert_eq!(got, Ok(vec![1]));
        assert_eq!(calls.load(Ordering::SeqCst), expected_calls);
    }
}

#[tokio::test]
async fn a_refused_value_is_returned_but_not_cached() {
    let prefix = prefix();
    let cache = versioned(SHARED, &prefix);
    wait_up(&cache).await;
    let key = read_key("refused");
    let degraded: Result<Vec<i32>, ()> = read_through(&cache, key.clone(), || async {
        let partial: Vec<i32> = Vec::new();
        Ok(Computed::store_if(partial.clone(), !partial.is_empty()))
    })
    .await;
    assert_eq!(degraded, Ok(vec![]));
    assert_eq!(get_json::<Vec<i32>>(&cache, &key).await, None);

    let full: Result<Vec<i32>, ()> = read_through(&cache, key.clone(), || async {
        Ok(Computed::Store(vec![3]))
    })
    .await;
    assert_eq!(full, Ok(vec![3]));
    assert_eq!(get_json::<Vec<i32>>(&cache, &key).await, Some(vec![3]));
}

#[tokio::test]
async fn a_corrupt_value_is_a_miss_and_is_overwritten() {
    let prefix = prefix();
    let cache = versioned(SHARED, &prefix);
    wait_up(&cache).await;
    let key = read_key("corrupt");
    let redis_key = redis_key(&cache, &key).await;
    let raw = raw(SHARED).await;
    let () = raw
        .set(&redis_key, "{not json", None, None, false)
        .await
        .unwrap();
    assert_eq!(get_json::<Vec<i32>>(&cache, &key).await, None);
    // Valid JSON of another shape (an older build's value) is just as unusable.
    let () = raw
        .set(&redis_key, r#"{"a":1}"#, None, None, false)
        .await
        .unwrap();
    assert_eq!(get_json::<Vec<i32>>(&cache, &key).await, None);
    let counts = cache.counts();
    assert_eq!(
        (counts.hits, counts.misses),
        (0, 2),
        "an undecodable value is a miss, not a hit"
    );

    let got: Result<Vec<i32>, ()> = cached(&cache, &key, || async { Ok(vec![7]) }).await;
    assert_eq!(got, Ok(vec![7]));
    let stored: String = raw.get(&redis_key).await.unwrap();
    assert_eq!(stored, "[7]");
}

/// Every call on a cache whose Redis is unreachable or hung answers a miss within this.
const FAST: Duration = Duration::from_millis(200);

async fn timed<T>(what: &str, fut: impl Future<Output = T>) -> T {
    let started = Instant::now();
    let out = fut.await;
    assert!(
        started.elapsed() < FAST,
        "{what} took {:?}",
        started.elapsed()
    );
    out
}

async fn assert_fast_misses(cache: &Cache, prefix: &str) {
    let key = read_key(&format!("{prefix}:dead"));
    let started = Instant::now();
    for _ in 0..10 {
        assert_eq!(timed("get", get_json::<i32>(cache, &key)).await, None);
        timed("set", set_json(cache, &key, &1, Duration::from_secs(60))).await;
        let got: Result<i32, ()> = timed("cached", cached(cache, &key, || async { Ok(42) })).await;
        assert_eq!(got, Ok(42));
    }
    // 40 commands: after the first failure they are skipped, not each waiting a timeout.
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_redis_nobody_listens_on_is_a_fast_miss() {
    let started = Instant::now();
    let url = format!("redis://127.0.0.1:{}", free_port());
    let cache = versioned(&url, &prefix());
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "connect blocked"
    );
    assert_fast_misses(&cache, "dead").await;
    let status = cache.status().await;
    assert_eq!(status.state, CacheState::Down);
    assert!(status.last_error.is_some());
    assert_eq!(cache.counts().hits, 0);
    assert!(cache.counts().errors >= 10);
}

#[tokio::test]
async fn a_hung_redis_is_a_miss_after_the_command_timeout() {
    let redis = RedisChild::start(free_port());
    let prefix = prefix();
    let cache = versioned(&redis.url(), &prefix);
    wait_up(&cache).await;
    redis.pause();
    assert_fast_misses(&cache, &prefix).await;
    assert_eq!(cache.status().await.state, CacheState::Down);
    redis.resume();
    let key = read_key("after-hang");
    eventually_hits(&cache, &key).await;
}

/// Writes and reads back through `cache` until the value comes back (bounded): a recovered
/// Redis may be empty, so a read alone would not tell.
async fn eventually_hits(cache: &Cache, key: &ReadKey) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        set_json(cache, key, &2, Duration::from_secs(60)).await;
        if get_json::<i32>(cache, key).await == Some(2) {
            break;
        }
        assert!(Instant::now() < deadline, "no recovery within 5 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(cache.status().await.state, CacheState::Up);
}

#[tokio::test]
async fn reconnects_by_itself_after_redis_restarts() {
    let port = free_port();
    let mut redis = RedisChild::start(port);
    let prefix = prefix();
    let cache = versioned(&redis.url(), &prefix);
    wait_up(&cache).await;
    let key = read_key("reconnect");
    let ttl = Duration::from_secs(60);
    set_json(&cache, &key, &1, ttl).await;
    assert_eq!(get_json::<i32>(&cache, &key).await, Some(1));

    redis.kill();
    assert_fast_misses(&cache, &prefix).await;
    assert_eq!(cache.status().await.state, CacheState::Down);

    let redis = RedisChild::start(port);
    eventually_hits(&cache, &key).await;
    drop(redis);
}

#[tokio::test]
async fn a_disabled_cache_always_computes() {
    let cache = Cache::connect(
        &CacheConfig::local("off", "x"),
        Some(DatasetVersion::fixed(1)),
    )
    .expect("off is valid");
    assert!(!cache.is_enabled());
    assert_eq!(cache.status().await.state, CacheState::Disabled);
    let calls = Arc::new(AtomicUsize::new(0));
    for _ in 0..2 {
        let c = Arc::clone(&calls);
        let r = read_through(&cache, read_key("1"), || async move {
            Ok::<_, ()>(Computed::Store(c.fetch_add(1, Ordering::SeqCst)))
        })
        .await;
        assert!(r.is_ok());
    }
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_malformed_url_is_a_configuration_error_without_the_password() {
    let err = Cache::connect(&CacheConfig::local("http://u:s3cret@host", "x"), None)
        .err()
        .expect("rejected");
    assert!(!err.to_string().contains("s3cret"), "{err}");
}
