//! The local-directory store (the default when no bucket is configured): objects are files under
//! one root, written to a temporary name and renamed, so a reader or a crash never sees half an
//! object under its real key.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::Context;
use bytes::Bytes;

use vinops::lot_number::LotNumber;

use super::StorageKey;

#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: impl Into<PathBuf>) -> LocalStore {
        LocalStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file of a key. A [`StorageKey`] has only plain relative segments, so the path stays
    /// under the root.
    pub fn path(&self, key: &StorageKey) -> PathBuf {
        self.root.join(key.as_str())
    }

    pub async fn put(&self, key: &StorageKey, body: Bytes) -> anyhow::Result<()> {
        let path = self.path(key);
        let dir = path.parent().unwrap_or(&self.root);
        tokio::fs::create_dir_all(dir)
            .await
            .with_context(|| format!("creating {}", dir.display()))?;
        let tmp = dir.join(format!(".tmp-{}", uuid::Uuid::new_v4().simple()));
        let written = async {
            tokio::fs::write(&tmp, &body).await?;
            // Durable before it is visible: a row that points at this key is written next.
            tokio::fs::File::open(&tmp).await?.sync_all().await?;
            tokio::fs::rename(&tmp, &path).await
        }
        .await;
        if let Err(e) = written {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(e).with_context(|| format!("writing {}", path.display()));
        }
        Ok(())
    }

    pub async fn get(&self, key: &StorageKey) -> anyhow::Result<Option<Bytes>> {
        let path = self.path(key);
        match tokio::fs::read(&path).await {
            Ok(b) => Ok(Some(Bytes::from(b))),
            // A key naming a directory, or a path through a file, is no object either.
            Err(e) if absent(e.kind()) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    pub async fn exists(&self, key: &StorageKey) -> anyhow::Result<bool> {
        let path = self.path(key);
        match tokio::fs::metadata(&path).await {
            Ok(m) => Ok(m.is_file()),
            Err(e) if absent(e.kind()) => Ok(false),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    pub async fn delete(&self, key: &StorageKey) -> anyhow::Result<()> {
        let path = self.path(key);
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("deleting {}", path.display())),
        }
    }

    /// Every object under `lots/{lot}/` (the files of that directory; none when it does not
    /// exist). A file whose name is no valid key segment cannot have been written or served
    /// through a key: it is logged and left alone.
    pub async fn lot_objects(&self, lot: LotNumber) -> anyhow::Result<Vec<StorageKey>> {
        let prefix = StorageKey::lot_prefix(lot);
        let dir = self.root.join(&prefix);
        let mut entries = match tokio::fs::read_dir(&dir).await {
            Ok(e) => e,
            Err(e) if absent(e.kind()) => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
        };
        let mut keys = Vec::new();
        while let Some(entry) = entries
            .next_entry()
            .await
            .with_context(|| format!("listing {}", dir.display()))?
        {
            let is_file = entry
                .file_type()
                .await
                .with_context(|| format!("listing {}", dir.display()))?
                .is_file();
            if !is_file {
                continue;
            }
            let name = entry.file_name();
            match name
                .to_str()
                .and_then(|n| StorageKey::parse(&format!("{prefix}{n}")).ok())
            {
                Some(key) => keys.push(key),
                None => {
                    tracing::warn!(file = %entry.path().display(), "not a storage key; left alone")
                }
            }
        }
        keys.sort();
        Ok(keys)
    }

    /// Every object under `prefix` (a directory path ending in `/`) at any depth, with its size,
    /// sorted by key. Files whose path is no valid key (a temporary name mid-write) are skipped.
    pub async fn list_sized(&self, prefix: &str) -> anyhow::Result<Vec<(StorageKey, u64)>> {
        let mut out = Vec::new();
        let mut dirs = vec![prefix.trim_end_matches('/').to_owned()];
        while let Some(rel) = dirs.pop() {
            let dir = self.root.join(&rel);
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(e) => e,
                Err(e) if absent(e.kind()) => continue,
                Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
            };
            while let Some(entry) = entries
                .next_entry()
                .await
                .with_context(|| format!("listing {}", dir.display()))?
            {
                // A name that is no text, or an object being written (`put`'s temporary name).
                let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                    continue;
                };
                if name.starts_with(".tmp-") {
                    continue;
                }
                let path = format!("{rel}/{name}");
                let meta = entry
                    .metadata()
                    .await
                    .with_context(|| format!("reading {}", entry.path().display()))?;
                if meta.is_dir() {
                    dirs.push(path);
                } else if let Ok(key) = StorageKey::parse(&path) {
                    out.push((key, meta.len()));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Removes the directories left empty under `prefix` (deepest first; best effort).
    pub async fn remove_empty_dirs(&self, prefix: &str) {
        let mut dirs = vec![self.root.join(prefix.trim_end_matches('/'))];
        let mut all = Vec::new();
        while let Some(dir) = dirs.pop() {
            let Ok(mut entries) = tokio::fs::read_dir(&dir).await else {
                continue;
            };
            while let Ok(Some(entry)) = entries.next_entry().await {
                if entry.file_type().await.is_ok_and(|t| t.is_dir()) {
                    dirs.push(entry.path());
                }
            }
            all.push(dir);
        }
        for dir in all.iter().rev() {
            let _ = tokio::fs::remove_dir(dir).await;
        }
    }

    /// Removes the lot's directory once it is empty (after a purge); a directory that still
    /// has files, or none at all, is left as it is.
    pub async fn remove_lot_dir(&self, lot: LotNumber) {
        let _ = tokio::fs::remove_dir(self.root.join(StorageKey::lot_prefix(lot))).await;
    }
}

fn absent(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::NotFound | ErrorKind::IsADirectory | ErrorKind::NotADirectory
    )
}
