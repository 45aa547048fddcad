//! The Redis cache as the pages see it: `vinops::read::ReadCache`, so `app` can use the cache
//! without depending on fred. Keys follow this module's format (prefix, dataset version,
//! namespace, hash), so an ETL run invalidates page entries like every other entry.

use std::time::Duration;

use vinops::read::cache::{CacheFuture, ReadCache, ReadKey, ReadPolicy};

use super::client::Cache;
use super::key::{CacheKey, CachePolicy};

impl Cache {
    /// The Redis key of a page read; `None` when it must not be cached (see `key_for`).
    async fn read_key(&self, key: &ReadKey) -> Option<CacheKey> {
        let policy = match key.policy {
            // Hubs live as long as the dropdowns (both read the facet tables); the page
            // namespace in the hashed parameters keeps their entries apart.
            ReadPolicy::FilterOptions | ReadPolicy::Hub => CachePolicy::FilterOptions,
            ReadPolicy::FirstPage => CachePolicy::FirstPage,
            ReadPolicy::NoStore => return None,
        };
        // The page namespace goes into the hashed parameters: the cache's namespaces are per
        // policy, and the API's entries under the same policy must not collide with ours.
        self.key_for(policy, &(key.namespace, key.params.as_str()))
            .await
    }
}

impl ReadCache for Cache {
    fn get<'a>(&'a self, key: &'a ReadKey) -> CacheFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let key = self.read_key(key).await?;
            let bytes = self.get_bytes(&key).await?;
            // Decoding happens in the caller; a value that fails it is recomputed and rewritten.
            self.health().hit();
            Some(bytes.to_vec())
        })
    }

    fn put<'a>(&'a self, key: &'a ReadKey, json: Vec<u8>, ttl: Duration) -> CacheFuture<'a, ()> {
        Box::pin(async move {
            if let Some(key) = self.read_key(key).await {
                self.set_bytes(&key, json, ttl).await;
            }
        })
    }
}
