//! Applying and reverting a removal: `vinops-server suppress|unsuppress` and the admin endpoint
//! (`http::seo::admin`) both come here, so the two paths cannot disagree.
//!
//! One transaction writes the `suppressions` row (what every read checks), a
//! `suppression_events` row (the audit trail, and the counter folded into the cache's dataset
//! version, so cached listings are forgotten within `DATASET_VERSION_REFRESH_MS`), and closes
//! the VIN's pending removal requests. Runs as the ETL role (the web role is read-only).
//!
//! The same transaction queues the purge of the VIN's photos (`crate::images::purge`), which is
//! tried right after the commit ([`suppress_and_purge`]) and retried by the `photo_purge` job
//! until the objects are gone from the store: the removal itself never waits for the store.
//! Unsuppress drops a purge still pending and queues the VIN's lots for the images job again.
//!
//! The same transaction rebuilds the dropdown counts (`catalog_refresh_facets()`), so they agree
//! with the listings at once instead of at the next ETL run that changes lots. It takes the
//! ETL's advisory lock first (waiting for a run in progress: two concurrent rebuilds would
//! duplicate facet rows) and allows itself 120 s; the rebuild takes ~0.5 s at 150k lots and a
//! few seconds at 1M. An ETL run starting meanwhile is skipped as "in progress" and the next one
//! proceeds: an operator action, a few times a month.
//!
//! After the commit the event also goes to the suppression journal outside the database
//! ([`journal`]), which a restore re-applies: at once from the commands here; for the admin
//! endpoint, by the next `photo_purge` job run (every 5 min), as the web state does not hold
//! the archive store. Those minutes are also in the WAL archive, which a restore to the end
//! replays.

pub mod journal;

use sqlx::PgPool;
use vinops::vin::Vin;

use crate::config::SourceConfig;
use crate::images::purge::{self, PhotoPurge};
use crate::storage::{Storage, StorageConfig};

/// What a suppress or unsuppress did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The VIN was not suppressed and now is (or was suppressed and now is not).
    Changed,
    /// Nothing to do: already suppressed (its reason is updated) / not suppressed.
    Unchanged,
}

/// Suppresses `vin` with `reason`; `actor` says who (`cli:<user>`, `admin-api`). Pending removal
/// requests of the VIN become `applied`; their earliest date is kept as `requested_at`.
pub async fn suppress(
    pool: &PgPool,
    vin: &Vin,
    reason: &str,
    actor: &str,
) -> anyhow::Result<Outcome> {
    use anyhow::Context;
    let reason = reason.trim();
    anyhow::ensure!(!reason.is_empty(), "a reason is required");
    let mut tx = begin(pool).await?;
    let requested_at = sqlx::query_scalar!(
        r#"UPDATE removal_requests SET status = 'applied', handled_at = now(), handled_by = $2
           WHERE vin = $1 AND status = 'pending'
           RETURNING requested_at"#,
        vin.as_str(),
        actor
    )
    .fetch_all(&mut *tx)
    .await
    .context("closing the VIN's removal requests")?
    .into_iter()
    .min();
    // xmax = 0 only on a freshly inserted row: tells insert from update in one statement.
    let inserted = sqlx::query_scalar!(
        r#"INSERT INTO suppressions (vin, reason, requested_at, created_by)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (vin) DO UPDATE SET reason = EXCLUDED.reason,
               requested_at = COALESCE(suppressions.requested_at, EXCLUDED.requested_at)
           RETURNING (xmax = 0) AS "inserted!""#,
        vin.as_str(),
        reason,
        requested_at,
        actor
    )
    .fetch_one(&mut *tx)
    .await
    .context("writing the suppression")?;
    record(&mut tx, vin, "suppress", Some(reason), actor).await?;
    // Also when it was suppressed already: asking again retries a purge at once.
    purge::request(&mut tx, vin.as_str()).await?;
    if inserted {
        refresh_facets(&mut tx).await?;
    }
    tx.commit().await.context("committing the suppression")?;
    Ok(if inserted {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    })
}

/// What a suppression did, and what became of the VIN's photos.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    pub outcome: Outcome,
    pub photos: PhotoPurge,
}

/// [`suppress`], then the first attempt at deleting the VIN's photos, after the commit. A purge
/// that fails (store down, no store configured in this process) stays queued for the
/// `photo_purge` job; the suppression holds either way.
pub async fn suppress_and_purge(
    pool: &PgPool,
    storage: Option<&Storage>,
    vin: &Vin,
    reason: &str,
    actor: &str,
) -> anyhow::Result<Applied> {
    let outcome = suppress(pool, vin, reason, actor).await?;
    let photos = purge::purge_now(pool, storage, vin).await;
    Ok(Applied { outcome, photos })
}

/// Lifts the suppression of `vin`.
pub async fn unsuppress(pool: &PgPool, vin: &Vin, actor: &str) -> anyhow::Result<Outcome> {
    use anyhow::Context;
    let mut tx = begin(pool).await?;
    let deleted = sqlx::query!("DELETE FROM suppressions WHERE vin = $1", vin.as_str())
        .execute(&mut *tx)
        .await
        .context("deleting the suppression")?
        .rows_affected();
    if deleted == 0 {
        return Ok(Outcome::Unchanged);
    }
    record(&mut tx, vin, "unsuppress", None, actor).await?;
    // The photos may come back: a purge not done yet stops, and the images job fetches the
    // VIN's lots again (from Copart, while it still has them).
    purge::cancel(&mut tx, vin.as_str()).await?;
    refresh_facets(&mut tx).await?;
    tx.commit().await.context("committing the unsuppression")?;
    Ok(Outcome::Changed)
}

/// A transaction holding the ETL lock, with room for the facet rebuild.
async fn begin(pool: &PgPool) -> anyhow::Result<sqlx::Transaction<'static, sqlx::Postgres>> {
    use anyhow::Context;
    let mut tx = pool.begin().await.context("starting the transaction")?;
    sqlx::query!("SET LOCAL statement_timeout = '120s'")
        .execute(&mut *tx)
        .await
        .context("setting the statement timeout")?;
    sqlx::query!("SELECT pg_advisory_xact_lock($1)", crate::etl::ETL_LOCK_KEY)
        .execute(&mut *tx)
        .await
        .context("waiting for the ETL lock")?;
    Ok(tx)
}

async fn refresh_facets(tx: &mut sqlx::PgConnection) -> anyhow::Result<()> {
    use anyhow::Context;
    sqlx::query_scalar!(r#"SELECT catalog_refresh_facets() AS "groups!""#)
        .fetch_one(tx)
        .await
        .context("refreshing the catalog facets")?;
    Ok(())
}

async fn record(
    tx: &mut sqlx::PgConnection,
    vin: &Vin,
    action: &str,
    reason: Option<&str>,
    actor: &str,
) -> anyhow::Result<()> {
    use anyhow::Context;
    sqlx::query!(
        "INSERT INTO suppression_events (vin, action, reason, actor) VALUES ($1, $2, $3, $4)",
        vin.as_str(),
        action,
        reason,
        actor
    )
    .execute(tx)
    .await
    .context("recording the suppression event")?;
    Ok(())
}

/// What the removal commands connect to: the database, the photo store (purges) and the
/// archive store (the journal), from the same settings as `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct RemovalSettings {
    #[command(flatten)]
    pub db: crate::config::DbConfig,
    #[command(flatten)]
    pub storage: StorageConfig,
    /// Where the suppression journal lives (the archive store's settings).
    #[command(flatten)]
    pub source: SourceConfig,
}

impl RemovalSettings {
    /// The photo store, or `None` when it cannot be configured: a removal must not stop for
    /// it (the purge waits for the `photo_purge` job).
    fn photo_store(&self) -> Option<Storage> {
        Storage::from_config(&self.storage)
            .inspect_err(|e| tracing::error!(error = format!("{e:#}"), "photo store"))
            .ok()
    }

    fn journal_store(&self) -> anyhow::Result<Storage> {
        let archive = crate::archive::Archive::from_config(&self.source, &self.storage)?;
        Ok(archive.storage().clone())
    }
}

/// `vinops-server suppress VIN --reason …` (`reason` given) / `unsuppress VIN` (`None`).
/// Prints the outcome as JSON; the actor recorded is `cli:$USER`. The event then goes to the
/// journal; when the store fails it stays queued for the `photo_purge` job of a running `serve`
/// (the output says `"journal": "pending"`).
pub async fn cli(
    settings: &RemovalSettings,
    vin: &str,
    reason: Option<&str>,
) -> anyhow::Result<()> {
    let vin = Vin::parse(vin).map_err(|e| anyhow::anyhow!("{vin:?} is not a VIN: {e}"))?;
    let pool = crate::db::etl_pool(&settings.db).await?;
    let actor = format!(
        "cli:{}",
        std::env::var("USER").unwrap_or_else(|_| "unknown".into())
    );
    let mut printed = match reason {
        Some(reason) => {
            let store = settings.photo_store();
            let applied = suppress_and_purge(&pool, store.as_ref(), &vin, reason, &actor).await?;
            serde_json::json!({
                "vin": vin.as_str(), "action": "suppress",
                "outcome": applied.outcome, "photos": applied.photos,
            })
        }
        None => {
            let outcome = unsuppress(&pool, &vin, &actor).await?;
            serde_json::json!({ "vin": vin.as_str(), "action": "unsuppress", "outcome": outcome })
        }
    };
    printed["journal"] = journal_now(&pool, settings.journal_store()).await;
    println!("{printed}");
    Ok(())
}

/// `vinops-server suppressions replay`: [`journal::replay`] on the database the settings name,
/// then the journal gets the replay's own events.
pub async fn replay_cli(settings: &RemovalSettings) -> anyhow::Result<()> {
    use anyhow::Context;
    let pool = crate::db::etl_pool(&settings.db).await?;
    let journal_store = settings.journal_store()?;
    let photos = settings.photo_store();
    let replayed = journal::replay(&pool, &journal_store, photos.as_ref())
        .await
        .context("replaying the suppression journal")?;
    let mut printed = serde_json::to_value(&replayed)?;
    printed["journal"] = journal_now(&pool, Ok(journal_store)).await;
    println!("{printed}");
    Ok(())
}

/// The journal's state after a command: `"written"`, or `"pending"` (the reason logged) when
/// the store fails or cannot be configured.
async fn journal_now(pool: &PgPool, store: anyhow::Result<Storage>) -> serde_json::Value {
    let written = match store {
        Ok(store) => journal::flush_now(pool, &store, None).await,
        Err(e) => {
            tracing::error!(
                error = format!("{e:#}"),
                "suppression journal: left for the photo_purge job"
            );
            false
        }
    };
    serde_json::json!(if written { "written" } else { "pending" })
}
