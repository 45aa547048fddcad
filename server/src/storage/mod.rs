//! Object storage for photos (and anything else that wants it): one [`Storage`] over either a
//! local directory (the default, served by the site under `/media`) or an S3-compatible bucket
//! (served from the bucket's public URL). One key scheme for both ([`StorageKey`]).
//!
//! Owns: the two stores (`local`, `s3`) and their configuration from the environment
//! ([`StorageConfig`]). The key scheme and its checks are the domain's (`vinops::storage_key`),
//! re-exported here.

mod local;
mod s3;

use anyhow::Context;
use bytes::Bytes;
use clap::Args;

use crate::secret::{SecretString, SecretUrl};

pub use local::LocalStore;
pub use s3::{ChecksumMode, S3Store};
pub use vinops::storage_key::{KeyError, StorageKey, Variant};

/// `Cache-Control` of stored objects: a key never changes content (a new photo gets a new key),
/// so caches may keep it for a year without asking again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Where photos go and where pages find them. The keys are [`SecretString`]s: never printed
/// (`hide_env_values` in `--help`, `***` in `Debug`).
#[derive(Debug, Clone, Args)]
pub struct StorageConfig {
    /// Root directory of the local store (used when `S3_BUCKET` is empty).
    #[arg(long, env = "MEDIA_DIR", default_value = "var/media")]
    pub media_dir: std::path::PathBuf,
    /// Base URL pages put in front of a storage key: `/media` for the local store, the
    /// bucket's public URL (e.g. `https://img.example.com`) with S3.
    #[arg(long, env = "MEDIA_BASE_URL", default_value = "/media")]
    pub media_base_url: String,
    /// Bucket name; empty means "use the local directory".
    #[arg(long, env = "S3_BUCKET", default_value = "")]
    pub s3_bucket: String,
    /// Endpoint URL (R2: `https://<account>.r2.cloudflarestorage.com`; MinIO/s3s-fs:
    /// `http://127.0.0.1:9000`); empty means AWS S3 itself.
    #[arg(long, env = "S3_ENDPOINT", default_value = "", hide_env_values = true)]
    pub s3_endpoint: SecretUrl,
    /// Region (`auto` for R2).
    #[arg(long, env = "S3_REGION", default_value = "auto")]
    pub s3_region: String,
    /// Path-style URLs (`endpoint/bucket/key`), which MinIO and s3s-fs need.
    #[arg(long, env = "S3_FORCE_PATH_STYLE", default_value_t = true, action = clap::ArgAction::Set)]
    pub s3_force_path_style: bool,
    /// Request/response checksums: `when-required` (R2, MinIO) or `when-supported` (AWS).
    #[arg(long, env = "S3_CHECKSUM", value_enum, default_value = "when-required")]
    pub s3_checksum: ChecksumMode,
    #[arg(long, env = "S3_ACCESS_KEY_ID", hide_env_values = true)]
    pub s3_access_key_id: Option<SecretString>,
    #[arg(long, env = "S3_SECRET_ACCESS_KEY", hide_env_values = true)]
    pub s3_secret_access_key: Option<SecretString>,
    /// Per-attempt timeout of one S3 call, in milliseconds.
    #[arg(long, env = "S3_TIMEOUT_MS", default_value_t = 10_000)]
    pub s3_timeout_ms: u64,
}

impl StorageConfig {
    /// The local store in `dir`, nothing else configured.
    pub fn local(dir: impl Into<std::path::PathBuf>) -> StorageConfig {
        StorageConfig {
            media_dir: dir.into(),
            media_base_url: "/media".to_owned(),
            s3_bucket: String::new(),
            s3_endpoint: SecretUrl::default(),
            s3_region: "auto".to_owned(),
            s3_force_path_style: true,
            s3_checksum: ChecksumMode::WhenRequired,
            s3_access_key_id: None,
            s3_secret_access_key: None,
            s3_timeout_ms: 10_000,
        }
    }

    /// An S3-compatible bucket at `endpoint` with these keys.
    pub fn s3(endpoint: &str, bucket: &str, access_key: &str, secret_key: &str) -> StorageConfig {
        StorageConfig {
            s3_bucket: bucket.to_owned(),
            s3_endpoint: endpoint.into(),
            s3_access_key_id: Some(access_key.into()),
            s3_secret_access_key: Some(secret_key.into()),
            ..StorageConfig::local("var/media")
        }
    }

    pub fn uses_s3(&self) -> bool {
        !self.s3_bucket.trim().is_empty()
    }
}

/// A configured store.
#[derive(Debug, Clone)]
pub enum Storage {
    Local(LocalStore),
    S3(S3Store),
}

impl Storage {
    /// The S3 store when a bucket is configured, the local directory otherwise.
    pub fn from_config(cfg: &StorageConfig) -> anyhow::Result<Storage> {
        if cfg.uses_s3() {
            Ok(Storage::S3(S3Store::new(cfg).context("configuring S3")?))
        } else {
            Ok(Storage::Local(LocalStore::new(cfg.media_dir.clone())))
        }
    }

    /// Where objects go, for logs (never credentials).
    pub fn describe(&self) -> String {
        match self {
            Storage::Local(l) => format!("local directory {}", l.root().display()),
            Storage::S3(s) => s.describe(),
        }
    }

    /// The local store's root, which `/media` serves; `None` with S3.
    pub fn local_dir(&self) -> Option<&std::path::Path> {
        match self {
            Storage::Local(l) => Some(l.root()),
            Storage::S3(_) => None,
        }
    }

    /// Stores `body` under `key`, replacing what was there. Returns only once the object is
    /// durably stored: callers record it in the database after this and never before.
    pub async fn put(
        &self,
        key: &StorageKey,
        body: Bytes,
        content_type: &str,
    ) -> anyhow::Result<()> {
        match self {
            Storage::Local(l) => l.put(key, body).await,
            Storage::S3(s) => s.put(key, body, content_type).await,
        }
    }

    /// The object, or `None` when there is no such key.
    pub async fn get(&self, key: &StorageKey) -> anyhow::Result<Option<Bytes>> {
        match self {
            Storage::Local(l) => l.get(key).await,
            Storage::S3(s) => s.get(key).await,
        }
    }

    pub async fn exists(&self, key: &StorageKey) -> anyhow::Result<bool> {
        match self {
            Storage::Local(l) => l.exists(key).await,
            Storage::S3(s) => s.exists(key).await,
        }
    }

    /// Removes the object; a missing key is not an error.
    pub async fn delete(&self, key: &StorageKey) -> anyhow::Result<()> {
        match self {
            Storage::Local(l) => l.delete(key).await,
            Storage::S3(s) => s.delete(key).await,
        }
    }

    /// Every object stored under the lot's prefix (`lots/{lot}/`), whatever wrote it: what a
    /// purge must delete besides the keys the `images` table knows.
    pub async fn lot_objects(
        &self,
        lot: vinops::lot_number::LotNumber,
    ) -> anyhow::Result<Vec<StorageKey>> {
        match self {
            Storage::Local(l) => l.lot_objects(lot).await,
            Storage::S3(s) => s.list(&StorageKey::lot_prefix(lot)).await,
        }
    }

    /// Every object under `prefix` (ending in `/`), with its size, in key order.
    pub async fn list_sized(&self, prefix: &str) -> anyhow::Result<Vec<(StorageKey, u64)>> {
        match self {
            Storage::Local(l) => l.list_sized(prefix).await,
            Storage::S3(s) => s.list_sized(prefix).await,
        }
    }

    /// After deletions under `prefix`: the local store drops the directories left empty.
    pub async fn tidy_prefix(&self, prefix: &str) {
        if let Storage::Local(l) = self {
            l.remove_empty_dirs(prefix).await;
        }
    }

    /// After a purge: the local store drops the lot's now empty directory (S3 has none).
    pub async fn tidy_lot(&self, lot: vinops::lot_number::LotNumber) {
        if let Storage::Local(l) = self {
            l.remove_lot_dir(lot).await;
        }
    }
}

/// The URL a page uses for a stored object: `base` (`MEDIA_BASE_URL`) joined to the key.
pub fn public_url(base: &str, key: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        key.trim_start_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_join_once() {
        assert_eq!(
            public_url("/media", "lots/1/1_thb.jpg"),
            "/media/lots/1/1_thb.jpg"
        );
        assert_eq!(
            public_url("https://img.example.com/", "lots/1/1_thb.jpg"),
            "https://img.example.com/lots/1/1_thb.jpg"
        );
    }

    #[test]
    fn debug_hides_credentials() {
        let cfg = StorageConfig::s3(
            "http://u:pw@127.0.0.1:9000",
            "b",
            "AKIDSECRET",
            "SUPERSECRET",
        );
        let shown = format!("{cfg:?}");
        assert!(!shown.contains("AKIDSECRET") && !shown.contains("SUPERSECRET"));
        assert!(!shown.contains(":pw@"));
    }

    #[test]
    fn s3_without_keys_is_refused() {
        let mut cfg = StorageConfig::s3("http://127.0.0.1:9000", "b", "", "");
        cfg.s3_access_key_id = None;
        assert!(Storage::from_config(&cfg).is_err());
        assert!(matches!(
            Storage::from_config(&StorageConfig::local("/tmp/x")),
            Ok(Storage::Local(_))
        ));
    }
}
