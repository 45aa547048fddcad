//! The job's SQL: which lots to work on, which photos a lot already has, the `images` row of a
//! stored photo, and the lot's progress in `lot_photos` (the run's `audit.runs` row is the run
//! ledger's, `crate::runs`).

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::Selection;

/// A lot to fetch photos for (a row of `v_lots_needing_photos`).
#[derive(Debug, Clone)]
pub struct LotToDo {
    pub lot_id: i64,
    pub lot_number: i64,
    pub image_url: String,
}

/// Lots needing photos now, newest auctions first (unscheduled ones last), at most `limit`.
pub async fn pick(
    pool: &PgPool,
    selection: Selection,
    limit: Option<usize>,
) -> anyhow::Result<Vec<LotToDo>> {
    let demo = selection == Selection::Demo;
    let since: Option<DateTime<Utc>> = match selection {
        Selection::All | Selection::Demo => None,
        Selection::SeenSince(t) => Some(t),
        Selection::NewSinceRun(run_id) => Some(
            sqlx::query_scalar!("SELECT started_at FROM audit.runs WHERE id = $1", run_id)
                .fetch_optional(pool)
                .await
                .context("reading the run to start from")?
                .with_context(|| format!("no run {run_id} in audit.runs"))?,
        ),
    };
    let limit = limit.map(|n| i64::try_from(n).unwrap_or(i64::MAX));
    let rows = sqlx::query!(
        r#"SELECT lot_id AS "lot_id!", lot_number AS "lot_number!", image_url AS "image_url!"
           FROM v_lots_needing_photos
           WHERE ($1::timestamptz IS NULL OR first_seen_at >= $1) AND demo = $3
           ORDER BY auction_at DESC NULLS LAST, first_seen_at DESC, lot_id DESC
           LIMIT $2"#,
        since,
        limit,
        demo,
    )
    .fetch_all(pool)
    .await
    .context("picking lots that need photos")?;
    Ok(rows
        .into_iter()
        .map(|r| LotToDo {
            lot_id: r.lot_id,
            lot_number: r.lot_number,
            image_url: r.image_url,
        })
        .collect())
}

/// The (seq, variant) pairs already stored for a lot.
pub async fn present(pool: &PgPool, lot_id: i64) -> anyhow::Result<Vec<(i16, String)>> {
    let rows = sqlx::query!("SELECT seq, variant FROM images WHERE lot_id = $1", lot_id)
        .fetch_all(pool)
        .await
        .context("reading the lot's stored photos")?;
    Ok(rows.into_iter().map(|r| (r.seq, r.variant)).collect())
}

/// A photo that is in storage. Idempotent: the same (lot, seq, variant) again updates the row
/// (a re-fetched photo whose bytes changed gets the new hash).
pub struct ImageRow<'a> {
    pub lot_id: i64,
    pub seq: i16,
    pub variant: &'a str,
    pub storage_key: &'a str,
    pub sha256: &'a [u8],
    pub bytes: i32,
    pub source_url: &'a str,
}

/// Records a stored photo; `false` when its VIN is suppressed (the row is not written): a
/// suppression that committed while the lot was in progress must not get photo rows back,
/// since its purge may already have run.
pub async fn upsert_image(pool: &PgPool, row: &ImageRow<'_>) -> anyhow::Result<bool> {
    let written = sqlx::query!(
        "INSERT INTO images (lot_id, seq, variant, storage_key, sha256, bytes, content_type, source_url)
         SELECT $1::bigint, $2::smallint, $3::text, $4::text, $5::bytea, $6::integer, 'image/jpeg', $7::text
         WHERE NOT EXISTS (SELECT 1 FROM lots l JOIN suppressions s ON s.vin = l.vin WHERE l.id = $1)
         ON CONFLICT (lot_id, seq, variant) DO UPDATE
         SET storage_key = EXCLUDED.storage_key, sha256 = EXCLUDED.sha256,
             bytes = EXCLUDED.bytes, source_url = EXCLUDED.source_url",
        row.lot_id,
        row.seq,
        row.variant,
        row.storage_key,
        row.sha256,
        row.bytes,
        row.source_url,
    )
    .execute(pool)
    .await
    .context("recording the stored photo")?
    .rows_affected();
    Ok(written > 0)
}

/// Every photo the API listed is stored (`photos` sequences).
pub async fn mark_stored(pool: &PgPool, lot_id: i64, photos: i16) -> anyhow::Result<()> {
    sqlx::query!(
        "INSERT INTO lot_photos (lot_id, status, photos, attempts, next_attempt_at, last_error, updated_at)
         VALUES ($1, 'stored', $2, 1, NULL, NULL, now())
         ON CONFLICT (lot_id) DO UPDATE
         SET status = 'stored', photos = $2, attempts = lot_photos.attempts + 1,
             next_attempt_at = NULL, last_error = NULL, updated_at = now()",
        lot_id,
        photos,
    )
    .execute(pool)
    .await
    .context("marking the lot's photos stored")?;
    Ok(())
}

/// The API has no photos for the lot (404 or an empty list): regular runs leave it alone.
pub async fn mark_none(pool: &PgPool, lot_id: i64, why: &str) -> anyhow::Result<()> {
    sqlx::query!(
        "INSERT INTO lot_photos (lot_id, status, photos, attempts, next_attempt_at, last_error, updated_at)
         VALUES ($1, 'none', 0, 1, NULL, $2, now())
         ON CONFLICT (lot_id) DO UPDATE
         SET status = 'none', photos = 0, attempts = lot_photos.attempts + 1,
             next_attempt_at = NULL, last_error = $2, updated_at = now()",
        lot_id,
        why,
    )
    .execute(pool)
    .await
    .context("marking the lot as having no photos")?;
    Ok(())
}

/// A transient failure: due again after `base · 2^(attempts-1)` (capped at `max`), or at
/// `not_before` when the server asked for a later time. Returns the time chosen.
pub async fn mark_retry(
    pool: &PgPool,
    lot_id: i64,
    error: &str,
    base: std::time::Duration,
    max: std::time::Duration,
    not_before: Option<std::time::Duration>,
) -> anyhow::Result<DateTime<Utc>> {
    let base_ms = i64::try_from(base.as_millis()).unwrap_or(i64::MAX);
    let max_ms = i64::try_from(max.as_millis()).unwrap_or(i64::MAX);
    let floor_ms = not_before.map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    // The error text is bounded: a body quoted in an error must not bloat the table.
    let error: String = error.chars().take(500).collect();
    let at = sqlx::query_scalar!(
        r#"INSERT INTO lot_photos AS p (lot_id, status, photos, attempts, next_attempt_at, last_error, updated_at)
           VALUES ($1, 'retry', 0, 1,
                   now() + make_interval(secs => (greatest($3::bigint, $5::bigint) / 1000.0)::float8), $2, now())
           ON CONFLICT (lot_id) DO UPDATE
           SET status = 'retry', attempts = p.attempts + 1, last_error = $2, updated_at = now(),
               next_attempt_at = now() + make_interval(secs => (greatest(
                   least($3::bigint * (2::bigint ^ least(p.attempts, 20))::bigint, $4::bigint),
                   $5::bigint) / 1000.0)::float8)
           RETURNING next_attempt_at AS "at!""#,
        lot_id,
        error,
        base_ms,
        max_ms,
        floor_ms,
    )
    .fetch_one(pool)
    .await
    .context("recording the lot for a retry")?;
    Ok(at)
}
