//! The raw-file archive: every good export is kept as `raw/copart/YYYY/MM/DD/HHMM.csv` (UTC)
//! under a root directory, and pruned after a configurable number of days.
//!
//! Local directory today; the images issue brings the S3 storage abstraction, and this moves
//! behind it. Files are only archived after validation, so the archive holds exports we could
//! re-ingest, never block pages.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};

#[derive(Debug, Clone)]
pub struct Archive {
    root: PathBuf,
    keep_days: u32,
}

impl Archive {
    pub fn new(root: impl Into<PathBuf>, keep_days: u32) -> Self {
        Self {
            root: root.into(),
            keep_days,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The archive key of an export fetched at `at`.
    pub fn key_for(at: DateTime<Utc>) -> String {
        format!(
            "raw/copart/{:04}/{:02}/{:02}/{:02}{:02}.csv",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute()
        )
    }

    /// Moves `file` into the archive and returns its key. Two exports in the same minute get
    /// `-2`, `-3`… rather than overwriting each other.
    pub async fn store(&self, file: &Path, at: DateTime<Utc>) -> io::Result<String> {
        let base = Self::key_for(at);
        let mut key = base.clone();
        let mut n = 1;
        while tokio::fs::try_exists(self.root.join(&key)).await? {
            n += 1;
            key = base.replace(".csv", &format!("-{n}.csv"));
        }
        let dest = self.root.join(&key);
        if let Some(parent) = dest.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        // Rename when on the same filesystem; copy + remove otherwise.
        if tokio::fs::rename(file, &dest).await.is_err() {
            tokio::fs::copy(file, &dest).await?;
            tokio::fs::remove_file(file).await?;
        }
        Ok(key)
    }

    /// Deletes archived exports whose day is older than `keep_days` before `now`, and the day
    /// directories left empty. Returns how many files were removed.
    pub async fn prune(&self, now: DateTime<Utc>) -> io::Result<usize> {
        let cutoff = (now - TimeDelta::days(i64::from(self.keep_days))).date_naive();
        let base = self.root.join("raw/copart");
        let mut removed = 0;
        for (day, dir) in day_dirs(&base).await? {
            if day < cutoff {
                let mut entries = tokio::fs::read_dir(&dir).await?;
                while let Some(e) = entries.next_entry().await? {
                    if e.file_type().await?.is_file() {
                        tokio::fs::remove_file(e.path()).await?;
                        removed += 1;
                    }
                }
                let _ = tokio::fs::remove_dir(&dir).await;
            }
        }
        Ok(removed)
    }
}

/// `(date, path)` of every `YYYY/MM/DD` directory under `base` (missing base → none).
async fn day_dirs(base: &Path) -> io::Result<Vec<(NaiveDate, PathBuf)>> {
    let mut out = Vec::new();
    for (y, ydir) in numbered_children(base).await? {
        for (m, mdir) in numbered_children(&ydir).await? {
            for (d, ddir) in numbered_children(&mdir).await? {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                    out.push((date, ddir));
                }
            }
        }
    }
    Ok(out)
}

async fn numbered_children(dir: &Path) -> io::Result<Vec<(u32, PathBuf)>> {
    let mut out = Vec::new();
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    while let Some(e) = entries.next_entry().await? {
        if let Some(n) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok())
            && e.file_type().await?.is_dir()
        {
            out.push((n, e.path()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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

    #[test]
    fn keys_follow_the_layout() {
        assert_eq!(
            Archive::key_for(at(2025, 10, 15, 4, 4)),
            "raw/copart/2025/10/15/0404.csv"
        );
    }

    #[tokio::test]
    async fn store_moves_and_never_overwrites() {
        let root = temp_root();
        let archive = Archive::new(&root, 7);
        let t = at(2025, 10, 15, 4, 4);
        for body in ["first", "second"] {
            let src = root.join(format!("{body}.part"));
            std::fs::write(&src, body).expect("write");
            archive.store(&src, t).await.expect("store");
            assert!(!src.exists());
        }
        let day = root.join("raw/copart/2025/10/15");
        assert_eq!(
            std::fs::read_to_string(day.join("0404.csv")).expect("read"),
            "first"
        );
        assert_eq!(
            std::fs::read_to_string(day.join("0404-2.csv")).expect("read"),
            "second"
        );
    }

    #[tokio::test]
    async fn prune_removes_only_old_days() {
        let root = temp_root();
        let archive = Archive::new(&root, 7);
        for (d, name) in [(1, "a"), (10, "b"), (15, "c")] {
            let src = root.join(name);
            std::fs::write(&src, name).expect("write");
            archive
                .store(&src, at(2025, 10, d, 12, 0))
                .await
                .expect("store");
        }
        let removed = archive.prune(at(2025, 10, 16, 0, 0)).await.expect("prune");
        assert_eq!(removed, 1);
        assert!(!root.join("raw/copart/2025/10/01").exists());
        assert!(root.join("raw/copart/2025/10/10/1200.csv").exists());
        assert!(root.join("raw/copart/2025/10/15/1200.csv").exists());
        assert_eq!(
            Archive::new(temp_root(), 1)
                .prune(at(2025, 1, 1, 0, 0))
                .await
                .expect("empty"),
            0
        );
    }
}
