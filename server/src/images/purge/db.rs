//! The purge's SQL: the rows of `photo_purges` (request, cancel, claim, failure), what a VIN has
//! stored, and the closing transaction.

use anyhow::Context;
use sqlx::{PgConnection, PgPool};

/// A claimed attempt: the VIN, the request it serves and how many attempts it makes.
#[derive(Debug, Clone)]
pub struct Claim {
    pub vin: String,
    pub ticket: i64,
    pub attempts: i32,
}

/// Queues (or re-queues, due now, with a new ticket) the purge of `vin`. Inside the caller's
/// transaction, so a suppression and its purge request commit together.
pub async fn request(conn: &mut PgConnection, vin: &str) -> anyhow::Result<()> {
    sqlx::query!(
        "INSERT INTO photo_purges (vin) VALUES ($1)
         ON CONFLICT (vin) DO UPDATE
         SET ticket = nextval('photo_purges_ticket_seq'), next_attempt_at = now()",
        vin
    )
    .execute(conn)
    .await
    .context("queueing the photo purge")?;
    Ok(())
}

/// Queues the purge of the VIN of lot `lot_id` (the images job, see `lot::suppressed_meanwhile`)
/// through [`request`], so the re-queue rule is written once.
pub async fn request_for_lot(pool: &PgPool, lot_id: i64) -> anyhow::Result<()> {
    let mut conn = pool
        .acquire()
        .await
        .context("a connection to queue a purge")?;
    let vin = sqlx::query_scalar!("SELECT vin FROM lots WHERE id = $1", lot_id)
        .fetch_optional(&mut *conn)
        .await
        .context("reading the lot's VIN")?;
    match vin {
        Some(vin) => request(&mut conn, &vin).await,
        None => Ok(()),
    }
}

/// Drops the pending purge of `vin` (an unsuppress) and the progress of its lots in
/// `lot_photos`, so the images job fetches their photos again. Returns how many lots that is.
pub async fn cancel(conn: &mut PgConnection, vin: &str) -> anyhow::Result<u64> {
    sqlx::query!("DELETE FROM photo_purges WHERE vin = $1", vin)
        .execute(&mut *conn)
        .await
        .context("dropping the pending photo purge")?;
    let lots = sqlx::query!(
        "DELETE FROM lot_photos WHERE lot_id IN (SELECT id FROM lots WHERE vin = $1)",
        vin
    )
    .execute(conn)
    .await
    .context("queueing the VIN's lots for photos again")?
    .rows_affected();
    Ok(lots)
}

/// Claims the purge of `vin` when it is due: counts the attempt and leases the row for
/// `lease_secs`. `None`: nothing pending, or another attempt holds the lease.
pub async fn claim_one(pool: &PgPool, vin: &str, lease_secs: f64) -> anyhow::Result<Option<Claim>> {
    let row = sqlx::query!(
        "UPDATE photo_purges
         SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2::float8)
         WHERE vin = $1 AND next_attempt_at <= now()
         RETURNING vin, ticket, attempts",
        vin,
        lease_secs
    )
    .fetch_optional(pool)
    .await
    .context("claiming the photo purge")?;
    Ok(row.map(|r| Claim {
        vin: r.vin,
        ticket: r.ticket,
        attempts: r.attempts,
    }))
}

/// Claims up to `limit` purges: the due ones, or every pending one with `force` (leases of
/// attempts in progress included: a second attempt does the same idempotent work).
pub async fn claim_due(
    pool: &PgPool,
    force: bool,
    limit: i64,
    lease_secs: f64,
) -> anyhow::Result<Vec<Claim>> {
    let rows = sqlx::query!(
        "UPDATE photo_purges p
         SET attempts = p.attempts + 1, next_attempt_at = now() + make_interval(secs => $3::float8)
         FROM (SELECT vin FROM photo_purges WHERE $1 OR next_attempt_at <= now()
               ORDER BY next_attempt_at, vin LIMIT $2 FOR UPDATE SKIP LOCKED) due
         WHERE p.vin = due.vin
         RETURNING p.vin, p.ticket, p.attempts",
        force,
        limit,
        lease_secs
    )
    .fetch_all(pool)
    .await
    .context("claiming due photo purges")?;
    Ok(rows
        .into_iter()
        .map(|r| Claim {
            vin: r.vin,
            ticket: r.ticket,
            attempts: r.attempts,
        })
        .collect())
}

/// Whether a purge of `vin` is pending at all.
pub async fn pending(pool: &PgPool, vin: &str) -> anyhow::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM photo_purges WHERE vin = $1) AS "pending!""#,
        vin
    )
    .fetch_one(pool)
    .await
    .context("reading the photo purge")
}

/// Whether `vin` is suppressed now.
pub async fn suppressed(pool: &PgPool, vin: &str) -> anyhow::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM suppressions WHERE vin = $1) AS "suppressed!""#,
        vin
    )
    .fetch_one(pool)
    .await
    .context("reading the suppression")
}

/// Every lot number of the VIN (all lots, listed or gone).
pub async fn lot_numbers(pool: &PgPool, vin: &str) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar!(
        "SELECT lot_number FROM lots WHERE vin = $1 ORDER BY lot_number",
        vin
    )
    .fetch_all(pool)
    .await
    .context("reading the VIN's lots")
}

/// The storage keys the `images` table knows for the VIN's lots.
pub async fn stored_keys(pool: &PgPool, vin: &str) -> anyhow::Result<Vec<String>> {
    sqlx::query_scalar!(
        "SELECT i.storage_key FROM images i JOIN lots l ON l.id = i.lot_id
         WHERE l.vin = $1 ORDER BY i.storage_key",
        vin
    )
    .fetch_all(pool)
    .await
    .context("reading the VIN's photo rows")
}

/// The attempt failed: due again after `base · 2^(attempts-1)`, at most `max` (seconds). Left
/// alone when the request changed meanwhile (a new ticket is due at once).
pub async fn record_failure(
    pool: &PgPool,
    claim: &Claim,
    error: &str,
    base_secs: f64,
    max_secs: f64,
) -> anyhow::Result<()> {
    let error: String = error.chars().take(1000).collect();
    sqlx::query!(
        "UPDATE photo_purges
         SET last_error = $3,
             next_attempt_at = now() + make_interval(secs =>
                 least($4::float8 * power(2::float8, least(greatest(attempts - 1, 0), 20)), $5::float8))
         WHERE vin = $1 AND ticket = $2",
        claim.vin,
        claim.ticket,
        error,
        base_secs,
        max_secs
    )
    .execute(pool)
    .await
    .context("recording the failed photo purge")?;
    Ok(())
}

/// Closes the request without touching any photo (its VIN is no longer suppressed), unless a
/// new one came meanwhile.
pub async fn close(pool: &PgPool, claim: &Claim) -> anyhow::Result<()> {
    sqlx::query!(
        "DELETE FROM photo_purges WHERE vin = $1 AND ticket = $2",
        claim.vin,
        claim.ticket
    )
    .execute(pool)
    .await
    .context("closing the photo purge")?;
    Ok(())
}

/// The objects are gone: the VIN's photo rows and lot progress go too, and the request is done
/// unless a new one came meanwhile. One transaction. Returns the photo rows deleted.
pub async fn finish(pool: &PgPool, claim: &Claim) -> anyhow::Result<u64> {
    let mut tx = pool.begin().await.context("starting the transaction")?;
    let rows = sqlx::query!(
        "DELETE FROM images WHERE lot_id IN (SELECT id FROM lots WHERE vin = $1)",
        claim.vin
    )
    .execute(&mut *tx)
    .await
    .context("deleting the VIN's photo rows")?
    .rows_affected();
    sqlx::query!(
        "DELETE FROM lot_photos WHERE lot_id IN (SELECT id FROM lots WHERE vin = $1)",
        claim.vin
    )
    .execute(&mut *tx)
    .await
    .context("deleting the VIN's photo progress")?;
    sqlx::query!(
        "DELETE FROM photo_purges WHERE vin = $1 AND ticket = $2",
        claim.vin,
        claim.ticket
    )
    .execute(&mut *tx)
    .await
    .context("closing the photo purge")?;
    tx.commit().await.context("committing the photo purge")?;
    Ok(rows)
}
