//! The typed API page code uses: JSON values, and read-through helpers that cache only what
//! should be cached.
//!
//! The rules the original broke: an error is never cached (it stored `null` from a failed query
//! and served an empty catalog for five minutes), and a value that only looks like a result
//! (an empty list produced by a partial failure) can be refused by the code that computed it.
//! A cached value that no longer decodes (corrupt, or written by an older build with another
//! shape) is a miss and is overwritten by the fresh value.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::Cache;
use super::key::{CacheKey, CachePolicy};

/// A freshly computed value and whether it may be cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computed<T> {
    /// A complete answer: cache it.
    Store(T),
    /// Return it to this caller only (e.g. degraded or partial).
    Skip(T),
}

impl<T> Computed<T> {
    /// `Store` when `cacheable`, else `Skip`.
    pub fn store_if(value: T, cacheable: bool) -> Computed<T> {
        if cacheable {
            Computed::Store(value)
        } else {
            Computed::Skip(value)
        }
    }

    pub fn into_inner(self) -> T {
        match self {
            Computed::Store(v) | Computed::Skip(v) => v,
        }
    }
}

impl Cache {
    /// The value under `key`, or `None` when absent, undecodable, or Redis is unavailable.
    pub async fn get_json<T: DeserializeOwned>(&self, key: &CacheKey) -> Option<T> {
        // Absence and failures are counted where they are told apart, in `get_bytes`.
        let bytes = self.get_bytes(key).await?;
        match serde_json::from_slice(&bytes) {
            Ok(v) => {
                self.health().hit();
                Some(v)
            }
            Err(e) => {
                // Not a Redis failure: Redis answered, the value is just unusable.
                tracing::debug!(key = %key, error = %e, "undecodable cached value, treated as a miss");
                self.health().miss();
                None
            }
        }
    }

    /// Stores `value` under `key` for `ttl`. Does nothing if Redis is unavailable.
    pub async fn set_json<T: Serialize + ?Sized>(&self, key: &CacheKey, value: &T, ttl: Duration) {
        if !self.is_enabled() {
            return;
        }
        match serde_json::to_vec(value) {
            Ok(bytes) => self.set_bytes(key, bytes, ttl).await,
            Err(e) => tracing::warn!(key = %key, error = %e, "value not cacheable as JSON"),
        }
    }

    /// Read-through: the cached value, else `compute()`'s, which is stored when `Ok`. An `Err`
    /// is returned as is and never stored.
    pub async fn cached<T, E, F, Fut>(
        &self,
        key: &CacheKey,
        ttl: Duration,
        compute: F,
    ) -> Result<T, E>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        self.cached_with(key, ttl, || async { compute().await.map(Computed::Store) })
            .await
    }

    /// Like `cached`, but `compute` says whether its value may be stored.
    pub async fn cached_with<T, E, F, Fut>(
        &self,
        key: &CacheKey,
        ttl: Duration,
        compute: F,
    ) -> Result<T, E>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Computed<T>, E>>,
    {
        if let Some(hit) = self.get_json(key).await {
            return Ok(hit);
        }
        match compute().await? {
            Computed::Store(value) => {
                self.set_json(key, &value, ttl).await;
                Ok(value)
            }
            Computed::Skip(value) => Ok(value),
        }
    }

    /// Read-through under a `CachePolicy`: the key is built from the policy's namespace, the
    /// current dataset version and `params`. Computes without the cache when the policy is
    /// `NoStore`, the cache is disabled, or the dataset version is unknown.
    pub async fn read_through<P, T, E, F, Fut>(
        &self,
        policy: CachePolicy,
        params: &P,
        compute: F,
    ) -> Result<T, E>
    where
        P: Serialize + ?Sized,
        T: Serialize + DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Computed<T>, E>>,
    {
        match (self.key_for(policy, params).await, policy.ttl()) {
            (Some(key), Some(ttl)) => self.cached_with(&key, ttl, compute).await,
            _ => compute().await.map(Computed::into_inner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send<F: Send>(_: F) {}

    /// axum handlers and Leptos server functions need `Send` futures; this fails to compile
    /// if a guard or `Rc` ever gets held across an await in the cache.
    #[test]
    fn read_through_futures_are_send() {
        let cache = Cache::disabled();
        let key = CacheKey::raw("k");
        assert_send(cache.read_through(CachePolicy::FirstPage, &1, || async {
            Ok::<_, ()>(Computed::Store(1))
        }));
        assert_send(cache.cached(&key, Duration::from_secs(1), || async { Ok::<_, ()>(1) }));
        assert_send(cache.status());
    }
}
