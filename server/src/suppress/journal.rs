//! The suppression journal: every `suppression_events` row also lives as one JSON object under
//! `suppressions/` in the archive store (the private bucket every replica shares, or the local
//! archive directory), written after its commit. It is the log a restore re-applies removals
//! from: a database restored from last night's backup, or to a point in time before a bad
//! migration, has lost the removals made since, and a VIN removed at its owner's request must
//! not come back with it ([`replay`], `vinops-server suppressions replay`).
//!
//! Outside the database on purpose: the same store as the export archive, not the photo bucket
//! (public) and not the database being restored. Keys start with the event's commit time
//! (`suppressions/20261207T101500.123456Z-VIN-suppress.json`), so a listing is in time order and
//! two timelines of the same database (before and after a restore, whose event ids repeat) never
//! overwrite each other's entries.
//!
//! [`flush`] writes the events whose `journaled_at` is NULL and then sets it: tried right after
//! a suppress or unsuppress by the CLI and by the admin endpoints (before they answer, where the
//! process writes to the shared journal), and by every `photo_purge` job run (`serve`), so one
//! made on a web-only replica, or while the store was down, is in the journal within minutes.
//! `/health`'s photo-removal entry degrades while an event waits longer than 15 min.

use std::collections::BTreeMap;

use anyhow::Context;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use vinops::vin::Vin;

use crate::storage::{Storage, StorageKey};

/// Where every journal entry's key starts (the archive's own files are under `raw/`).
pub const PREFIX: &str = "suppressions/";
/// Events written per query; a backlog is only ever the removals of a store outage.
const BATCH: i64 = 200;

/// One suppress or unsuppress, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub vin: String,
    /// `suppress` or `unsuppress`.
    pub action: String,
    pub reason: Option<String>,
    pub actor: String,
    /// When the event committed (the database's clock).
    pub at: DateTime<Utc>,
}

impl Entry {
    pub fn key(&self) -> anyhow::Result<StorageKey> {
        let raw = format!(
            "{PREFIX}{}-{}-{}.json",
            self.at.format("%Y%m%dT%H%M%S%.6fZ"),
            self.vin,
            self.action
        );
        StorageKey::parse(&raw).with_context(|| format!("journal key {raw:?}"))
    }
}

/// What one [`flush`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flushed {
    pub written: u64,
}

/// Writes every event not in the journal yet, oldest first, and marks each written. Stops at
/// the first store failure: what was written stays marked, the rest waits for the next call.
pub async fn flush(pool: &PgPool, store: &Storage) -> anyhow::Result<Flushed> {
    let mut flushed = Flushed::default();
    loop {
        let rows = sqlx::query!(
            r#"SELECT id, vin, action, reason, actor, created_at FROM suppression_events
               WHERE journaled_at IS NULL ORDER BY id LIMIT $1"#,
            BATCH
        )
        .fetch_all(pool)
        .await
        .context("reading the events not in the journal")?;
        let n = rows.len();
        for row in rows {
            let entry = Entry {
                vin: row.vin,
                action: row.action,
                reason: row.reason,
                actor: row.actor,
                at: row.created_at,
            };
            let key = entry.key()?;
            let body = Bytes::from(serde_json::to_vec(&entry)?);
            store
                .put(&key, body, "application/json")
                .await
                .with_context(|| format!("writing {key} to the journal"))?;
            // One row at a time: a failure later in the batch must not re-send these.
            sqlx::query!(
                "UPDATE suppression_events SET journaled_at = now() WHERE id = $1",
                row.id
            )
            .execute(pool)
            .await
            .context("marking an event journaled")?;
            flushed.written += 1;
        }
        if n < BATCH as usize {
            return Ok(flushed);
        }
    }
}

/// A [`flush`] right after a change (the removal commands, the admin endpoints), within `wait`
/// when given: whether everything is written. A failure is logged here, once; the events stay
/// queued for the next `photo_purge` run, and `/health` counts them meanwhile.
pub async fn flush_now(pool: &PgPool, store: &Storage, wait: Option<std::time::Duration>) -> bool {
    let flushed = match wait {
        None => flush(pool, store).await,
        Some(wait) => tokio::time::timeout(wait, flush(pool, store))
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("not written within {wait:?}"))),
    };
    if let Err(e) = &flushed {
        tracing::error!(
            error = format!("{e:#}"),
            "suppression journal: left for the photo_purge job"
        );
    }
    flushed.is_ok()
}

/// What [`replay`] found and did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Replayed {
    /// Entries read from the journal.
    pub entries: usize,
    /// VINs they name.
    pub vins: usize,
    /// VINs whose journal says something newer than the database: suppressed again or lifted.
    pub reapplied: Vec<Reapplied>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reapplied {
    pub vin: String,
    pub action: String,
    /// When the journal's entry committed on the database that was lost.
    pub journaled_at: DateTime<Utc>,
}

/// Reads the whole journal and, for every VIN whose latest entry is newer than the latest event
/// the database knows for it, applies that entry (through [`super::suppress_and_purge`] or
/// [`super::unsuppress`], recorded as `replay:<original actor>`). Running it twice changes
/// nothing the second time. An entry that cannot be read or parsed stops the replay with its
/// key: a half-applied journal would look complete.
pub async fn replay(
    pool: &PgPool,
    journal: &Storage,
    photos: Option<&Storage>,
) -> anyhow::Result<Replayed> {
    let keys = journal
        .list_sized(PREFIX)
        .await
        .context("listing the journal")?;
    let mut latest: BTreeMap<String, Entry> = BTreeMap::new();
    for (key, _) in &keys {
        let body = journal
            .get(key)
            .await
            .with_context(|| format!("reading {key}"))?
            .with_context(|| format!("{key} was listed but is gone"))?;
        let entry: Entry = serde_json::from_slice(&body)
            .with_context(|| format!("{key} is not a journal entry"))?;
        match latest.get(&entry.vin) {
            Some(seen) if seen.at >= entry.at => {}
            _ => {
                latest.insert(entry.vin.clone(), entry);
            }
        }
    }
    let mut replayed = Replayed {
        entries: keys.len(),
        vins: latest.len(),
        reapplied: Vec::new(),
    };
    let vins: Vec<String> = latest.keys().cloned().collect();
    let known = sqlx::query!(
        r#"SELECT v.vin AS "vin!",
                  (SELECT max(created_at) FROM suppression_events e WHERE e.vin = v.vin) AS last_at,
                  EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = v.vin) AS "suppressed!"
           FROM unnest($1::text[]) AS v(vin)"#,
        &vins
    )
    .fetch_all(pool)
    .await
    .context("reading the database's suppressions")?;
    for row in known {
        let Some(entry) = latest.get(&row.vin) else {
            continue;
        };
        if row.last_at.is_some_and(|db_at| db_at >= entry.at) {
            continue;
        }
        let vin = Vin::parse(&entry.vin)
            .map_err(|e| anyhow::anyhow!("journal entry for {:?}: {e}", entry.vin))?;
        let actor = format!("replay:{}", entry.actor);
        let changed = match (entry.action.as_str(), row.suppressed) {
            ("suppress", false) => {
                let reason = entry
                    .reason
                    .as_deref()
                    .unwrap_or("re-applied from the journal");
                super::suppress_and_purge(pool, photos, &vin, reason, &actor)
                    .await?
                    .outcome
                    == super::Outcome::Changed
            }
            ("unsuppress", true) => {
                super::unsuppress(pool, &vin, &actor).await? == super::Outcome::Changed
            }
            ("suppress" | "unsuppress", _) => false,
            (other, _) => {
                anyhow::bail!("journal entry for {}: unknown action {other:?}", entry.vin)
            }
        };
        if changed {
            replayed.reapplied.push(Reapplied {
                vin: entry.vin.clone(),
                action: entry.action.clone(),
                journaled_at: entry.at,
            });
        }
    }
    Ok(replayed)
}
