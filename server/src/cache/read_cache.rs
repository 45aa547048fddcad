//! The Redis cache as the read model sees it: `vinops::read::ReadCache`, the one door through
//! which the pages (which may not depend on fred) and the JSON API reach Redis. Keys follow
//! `key`'s format (prefix, dataset version, namespace, hash), so an ETL run invalidates every
//! entry. No policy here: the read-through in `vinops::read::cached` decides what is looked up
//! and stored, for how long; this only moves bytes and counts what happened.

use std::time::Duration;

use vinops::read::cache::{CacheFuture, Found, ReadCache, ReadKey};

use super::client::Cache;

impl ReadCache for Cache {
    fn is_enabled(&self) -> bool {
        Cache::is_enabled(self)
    }

    fn get<'a>(&'a self, key: &'a ReadKey) -> CacheFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let key = self.key_for(key).await?;
            // Absence and failures are counted in `get_bytes`, where they are told apart; a hit
            // only once the caller has decoded the value (`found`).
            self.get_bytes(&key).await.map(|bytes| bytes.to_vec())
        })
    }

    fn put<'a>(&'a self, key: &'a ReadKey, json: Vec<u8>, ttl: Duration) -> CacheFuture<'a, ()> {
        Box::pin(async move {
            if let Some(key) = self.key_for(key).await {
                self.set_bytes(&key, json, ttl).await;
            }
        })
    }

    fn found(&self, key: &ReadKey, found: Found<'_>) {
        match found {
            Found::Hit => self.health().hit(),
            Found::Undecodable(e) => {
                // Not a Redis failure: Redis answered, the value is just unusable.
                tracing::debug!(namespace = key.kind.namespace(), error = %e,
                    "undecodable cached value, treated as a miss");
                self.health().miss();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vinops::read::cached::read_through;
    use vinops::read::{Computed, ReadKind};

    fn assert_send<F: Send>(_: F) {}

    /// axum handlers and Leptos server functions need `Send` futures; this fails to compile
    /// if a guard or `Rc` ever gets held across an await in the cache.
    #[test]
    fn read_through_futures_are_send() {
        let cache = Cache::disabled();
        let key = ReadKey::new(ReadKind::FilterOptions, "");
        assert_send(read_through(&cache, key, || async {
            Ok::<_, ()>(Computed::Store(1))
        }));
        assert_send(cache.status());
    }
}
