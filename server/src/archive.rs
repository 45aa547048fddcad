//! The raw-file archive: every export that ingested successfully is kept, gzip-compressed, as
//! `raw/copart/YYYY/MM/DD/HHMM.csv.gz` (UTC) in a [`Storage`], and pruned by age
//! (`ARCHIVE_KEEP_DAYS`) and by size (`ARCHIVE_MAX_MB`: the oldest go first, the newest export
//! always stays).
//!
//! Where: a private S3 bucket of its own (`ARCHIVE_S3_BUCKET`, on the photo store's endpoint
//! and credentials), which every replica shares, or a local directory (`ARCHIVE_DIR`) on a
//! single box. Not the photo bucket: photos are published (a CDN, or `/media`), raw exports are
//! not. Compressed because an export is ~96 MB of CSV: gzip's fastest level makes a generated
//! 150k-row export (77 MB) 3.3× smaller in about a second (level 6: 3.9×, 2.5 s, not worth it
//! once per run), so the budget holds three times as many exports.
//!
//! Files are only archived after validation, so the archive holds exports we could re-ingest
//! (`zcat … > f.csv && vinops-server etl ingest f.csv`), never block pages.

use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::Context;
use bytes::Bytes;
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};

use crate::config::SourceConfig;
use crate::storage::{Storage, StorageConfig, StorageKey};

/// Where every archived export's key starts.
pub const PREFIX: &str = "raw/copart/";

#[derive(Debug, Clone)]
pub struct Archive {
    store: Storage,
    keep_days: u32,
    max_bytes: u64,
}

/// What a prune removed and what is left.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Keys deleted (older than the age limit, or the oldest past the size budget).
    pub removed: Vec<String>,
    pub kept: usize,
    pub kept_bytes: u64,
}

impl Archive {
    /// The default size budget (`ARCHIVE_MAX_MB`).
    pub const DEFAULT_MAX_BYTES: u64 = 20_480 * 1024 * 1024;

    /// An archive in the local directory `root`, with the default size budget.
    pub fn new(root: impl Into<std::path::PathBuf>, keep_days: u32) -> Self {
        Self::with_store(
            Storage::Local(crate::storage::LocalStore::new(root)),
            keep_days,
            Self::DEFAULT_MAX_BYTES,
        )
    }

    pub fn with_store(store: Storage, keep_days: u32, max_bytes: u64) -> Self {
        Self {
            store,
            keep_days,
            max_bytes,
        }
    }

    /// The archive `source` configures: its own bucket on `storage`'s S3 endpoint when
    /// `ARCHIVE_S3_BUCKET` is set, the local `ARCHIVE_DIR` otherwise.
    pub fn from_config(source: &SourceConfig, storage: &StorageConfig) -> anyhow::Result<Self> {
        let store = if source.archive_s3_bucket.trim().is_empty() {
            Storage::Local(crate::storage::LocalStore::new(&source.archive_dir))
        } else {
            anyhow::ensure!(
                storage.uses_s3(),
                "ARCHIVE_S3_BUCKET is set, but S3_ENDPOINT and S3_BUCKET are not: the archive \
                 uses the photo store's S3 endpoint and credentials"
            );
            anyhow::ensure!(
                source.archive_s3_bucket.trim() != storage.s3_bucket.trim(),
                "ARCHIVE_S3_BUCKET must not be the photo bucket: photos are public, exports not"
            );
            let cfg = StorageConfig {
                s3_bucket: source.archive_s3_bucket.trim().to_owned(),
                ..storage.clone()
            };
            Storage::from_config(&cfg).context("configuring the archive's bucket")?
        };
        Ok(Self::with_store(
            store,
            source.archive_keep_days,
            source.archive_max_mb.saturating_mul(1024 * 1024),
        ))
    }

    /// The store itself: the suppression journal (`crate::suppress::journal`) lives beside the
    /// exports, under its own prefix, for the same reasons (private, shared, outside the
    /// database).
    pub fn storage(&self) -> &Storage {
        &self.store
    }

    /// Where exports go, for logs (never credentials).
    pub fn describe(&self) -> String {
        self.store.describe()
    }

    /// The archive key of an export fetched at `at`.
    pub fn key_for(at: DateTime<Utc>) -> String {
        format!(
            "{PREFIX}{:04}/{:02}/{:02}/{:02}{:02}.csv.gz",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute()
        )
    }

    /// Compresses `file` into the archive and removes it; returns its key. Two exports in the
    /// same minute get `-2`, `-3`… rather than overwriting each other. The file stays where it
    /// is when the store fails.
    pub async fn store(&self, file: &Path, at: DateTime<Utc>) -> anyhow::Result<String> {
        let base = Self::key_for(at);
        let mut key = base.clone();
        let mut n = 1;
        while self.store.exists(&parse(&key)?).await? {
            n += 1;
            key = base.replace(".csv.gz", &format!("-{n}.csv.gz"));
        }
        let path = file.to_owned();
        let body = tokio::task::spawn_blocking(move || gzip_file(&path))
            .await
            .context("compressing the export")?
            .with_context(|| format!("compressing {}", file.display()))?;
        self.store
            .put(&parse(&key)?, body, "application/gzip")
            .await
            .with_context(|| format!("storing {key} in {}", self.describe()))?;
        tokio::fs::remove_file(file)
            .await
            .with_context(|| format!("removing {} after archiving it", file.display()))?;
        Ok(key)
    }

    /// Deletes the exports whose day is older than `keep_days` before `now`, then the oldest
    /// while the rest is over the size budget (never the newest). Plain `.csv` files an older
    /// version archived are pruned alike.
    pub async fn prune(&self, now: DateTime<Utc>) -> anyhow::Result<Pruned> {
        let cutoff = (now - TimeDelta::days(i64::from(self.keep_days))).date_naive();
        let listed = self
            .store
            .list_sized(PREFIX)
            .await
            .with_context(|| format!("listing the archive in {}", self.describe()))?;
        // Key order is time order (the layout is zero-padded from the year down).
        let (old, mut young): (Vec<_>, Vec<_>) = listed
            .into_iter()
            .partition(|(k, _)| day_of(k.as_str()).is_some_and(|d| d < cutoff));
        let mut doomed: Vec<StorageKey> = old.into_iter().map(|(k, _)| k).collect();
        let mut total: u64 = young.iter().map(|(_, size)| size).sum();
        let mut first_kept = 0;
        while total > self.max_bytes && young.len() - first_kept > 1 {
            total -= young[first_kept].1;
            first_kept += 1;
        }
        doomed.extend(young.drain(..first_kept).map(|(k, _)| k));
        let mut removed = Vec::with_capacity(doomed.len());
        for key in doomed {
            self.store.delete(&key).await?;
            removed.push(key.as_str().to_owned());
        }
        if !removed.is_empty() {
            self.store.tidy_prefix(PREFIX).await;
        }
        Ok(Pruned {
            removed,
            kept: young.len(),
            kept_bytes: total,
        })
    }
}

fn parse(key: &str) -> anyhow::Result<StorageKey> {
    StorageKey::parse(key).with_context(|| format!("archive key {key:?}"))
}

/// The day of `raw/copart/YYYY/MM/DD/…`.
fn day_of(key: &str) -> Option<NaiveDate> {
    let mut parts = key.strip_prefix(PREFIX)?.split('/');
    let mut next = || parts.next()?.parse::<u32>().ok();
    let (y, m, d) = (next()?, next()?, next()?);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The whole file, gzip-compressed at the fastest level (see the module doc for the figures).
fn gzip_file(path: &Path) -> io::Result<Bytes> {
    let mut input = std::fs::File::open(path)?;
    let len = input.metadata().map_or(0, |m| m.len());
    let capacity = usize::try_from(len / 4).unwrap_or(0);
    let mut enc =
        flate2::write::GzEncoder::new(Vec::with_capacity(capacity), flate2::Compression::fast());
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        enc.write_all(&buf[..n])?;
    }
    Ok(Bytes::from(enc.finish()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::path::PathBuf;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .expect("valid")
    }

    fn temp_root() -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vinops-archive-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("dir");
        dir
    }

    fn gunzip(path: &Path) -> String {
        let mut out = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).expect("open"))
            .read_to_string(&mut out)
            .expect("gzip");
        out
    }

    #[test]
    fn keys_follow_the_layout() {
        assert_eq!(
            Archive::key_for(at(2025, 10, 15, 4, 4)),
            "raw/copart/2025/10/15/0404.csv.gz"
        );
        assert_eq!(
            day_of("raw/copart/2025/10/15/0404-2.csv.gz"),
            NaiveDate::from_ymd_opt(2025, 10, 15)
        );
        assert_eq!(day_of("raw/copart/2025/13/15/0404.csv"), None);
        assert_eq!(day_of("lots/1/1_thb.jpg"), None);
    }

    #[tokio::test]
    async fn store_compresses_moves_and_never_overwrites() {
        let root = temp_root();
        let archive = Archive::new(&root, 7);
        let t = at(2025, 10, 15, 4, 4);
        let first = "Yard number,Lot number\n".repeat(1000);
        for body in [first.as_str(), "second"] {
            let src = root.join("export.part");
            std::fs::write(&src, body).expect("write");
            archive.store(&src, t).await.expect("store");
            assert!(!src.exists());
        }
        let day = root.join("raw/copart/2025/10/15");
        assert_eq!(gunzip(&day.join("0404.csv.gz")), first);
        assert!(
            std::fs::metadata(day.join("0404.csv.gz"))
                .expect("gz")
                .len()
                < first.len() as u64 / 10
        );
        assert_eq!(gunzip(&day.join("0404-2.csv.gz")), "second");
    }

    #[tokio::test]
    async fn prune_removes_old_days_then_the_oldest_over_budget() {
        let root = temp_root();
        // An export of an older version, uncompressed, is pruned like the others.
        let legacy = root.join("raw/copart/2025/10/01");
        std::fs::create_dir_all(&legacy).expect("dir");
        std::fs::write(legacy.join("1200.csv"), "a").expect("legacy");
        let archive = Archive::new(&root, 7);
        for (d, name) in [(10, "b"), (14, "c"), (15, "d")] {
            let src = root.join(name);
            std::fs::write(&src, name.repeat(5000)).expect("write");
            archive
                .store(&src, at(2025, 10, d, 12, 0))
                .await
                .expect("store");
        }
        let pruned = archive.prune(at(2025, 10, 16, 0, 0)).await.expect("prune");
        assert_eq!(pruned.removed, ["raw/copart/2025/10/01/1200.csv"]);
        assert_eq!(pruned.kept, 3);
        assert!(!legacy.exists(), "the empty day directory goes too");

        // A budget that holds one export: the two oldest go, the newest stays.
        let one = std::fs::metadata(root.join("raw/copart/2025/10/15/1200.csv.gz"))
            .expect("newest")
            .len();
        let tight = Archive::with_store(
            Storage::Local(crate::storage::LocalStore::new(&root)),
            7,
            one,
        );
        let pruned = tight.prune(at(2025, 10, 16, 0, 0)).await.expect("prune");
        assert_eq!(
            pruned.removed,
            [
                "raw/copart/2025/10/10/1200.csv.gz",
                "raw/copart/2025/10/14/1200.csv.gz"
            ]
        );
        assert_eq!((pruned.kept, pruned.kept_bytes), (1, one));
        // Even a budget of nothing keeps the newest export.
        let none =
            Archive::with_store(Storage::Local(crate::storage::LocalStore::new(&root)), 7, 0);
        assert!(
            none.prune(at(2025, 10, 16, 0, 0))
                .await
                .expect("prune")
                .removed
                .is_empty()
        );
        assert_eq!(
            Archive::new(temp_root(), 1)
                .prune(at(2025, 1, 1, 0, 0))
                .await
                .expect("empty"),
            Pruned::default()
        );
    }
}
