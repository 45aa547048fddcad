//! The Redis cache as the read model sees it: `vinops::read::ReadCache`, the one door through
//! which the pages (which may not depend on fred) and the JSON API reach Redis. Keys follow
//! `key`'s format (prefix, dataset version, namespace, hash), so an ETL run invalidates every
//! entry. No policy here: the read-through in `vinops::read::cached` decides what is looked up
//! and stored, for how long; this only moves bytes and counts what happened.

use std::time::Duration;

use vinops::read::cache::{CacheFuture, Found, Lookup, ReadCache, ReadKey, Slot};

use super::client::Cache;
use super::key::CacheKey;

impl ReadCache for Cache {
    fn is_enabled(&self) -> bool {
        Cache::is_enabled(self)
    }

    fn get<'a>(&'a self, key: &'a ReadKey) -> CacheFuture<'a, Lookup> {
        Box::pin(async move {
            let Some(key) = self.key_for(key).await else {
                return Lookup::default();
            };
            // Absence and failures are counted in `get_bytes`, where they are told apart; a hit
            // only once the caller has decoded the value (`found`).
            let bytes = self.get_bytes(&key).await.map(|bytes| bytes.to_vec());
            Lookup {
                bytes,
                slot: Some(Slot::new(key.as_str())),
            }
        })
    }

    fn put<'a>(&'a self, slot: &'a Slot, json: Vec<u8>, ttl: Duration) -> CacheFuture<'a, ()> {
        Box::pin(async move {
            self.set_bytes(&CacheKey::resolved(slot), json, ttl).await;
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
