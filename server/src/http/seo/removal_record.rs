//! Recording a removal request: the form token is spent and the request written in one
//! transaction on the site-write pool, so a token counts as used exactly when its submission was
//! taken into account, on whichever replica, and across restarts.
//!
//! - Single use: `removal_form_tokens` holds the tag of every token spent (primary key), with
//!   the request it stands for. A second submission with the same token, even racing the first
//!   on another replica, finds the key taken (or waits for the first transaction, then finds
//!   it). With the same contact it is the same submission sent twice (a double click, a resend
//!   after a lost answer): `Resent`, answered as the first time, nothing recorded. With another
//!   contact it is a replay: refused. Only the token's holder can tell the two apart, and only
//!   for the contact they sent themselves, so this reveals nothing about other requests. Rows
//!   older than a token's lifetime are deleted on the way: such a token fails its signature
//!   check's age test anyway.
//! - One pending request per VIN, contact (trimmed, case-folded; an empty contact is one
//!   contact of its own) and UTC day: a unique partial index (migration
//!   `removal_tokens_and_dedup`). A second such request is not recorded: the first stands, and
//!   the visitor gets the same confirmation as the first time (`Duplicate`, see
//!   `removal::check` for why that rather than a conflict). The index, not a read-then-write,
//!   settles two replicas inserting at once: the second insert waits for the first's
//!   transaction and then does nothing.

use sqlx::PgPool;
use vinops::vin::Vin;

use super::removal_token::{SKEW_SECS, TOKEN_TTL_SECS};

/// What happened to a submission that passed every check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Recorded {
    /// A new pending request, with its id.
    New(i64),
    /// The same VIN and contact have a pending request from today: not recorded again.
    Duplicate,
    /// The token was spent before on the same VIN and contact: the same submission again,
    /// nothing recorded.
    Resent,
    /// The token was spent before on another contact: nothing recorded.
    Replayed,
    /// No such vehicle: nothing recorded, the token not spent.
    NoSuchVehicle,
}

/// Spends the token (`tag`) and records the request, in one transaction.
pub(super) async fn record(
    pool: &PgPool,
    tag: &str,
    vin: &Vin,
    lang: &str,
    reason: &str,
    contact: &str,
) -> sqlx::Result<Recorded> {
    let mut tx = pool.begin().await?;
    // Whole seconds, as a float for make_interval.
    #[allow(clippy::cast_precision_loss)]
    let lifetime = (TOKEN_TTL_SECS + SKEW_SECS) as f64;
    sqlx::query!(
        "DELETE FROM removal_form_tokens WHERE used_at < now() - make_interval(secs => $1)",
        lifetime
    )
    .execute(&mut *tx)
    .await?;
    let spent = sqlx::query_scalar!(
        "INSERT INTO removal_form_tokens (tag) VALUES ($1) ON CONFLICT DO NOTHING RETURNING tag",
        tag
    )
    .fetch_optional(&mut *tx)
    .await?;
    if spent.is_none() {
        // Spent by a committed transaction (a concurrent one was waited for by the insert).
        let same = sqlx::query_scalar!(
            r#"SELECT lower(coalesce(r.contact, '')) = lower($2) AS "same!"
               FROM removal_form_tokens t JOIN removal_requests r ON r.id = t.request_id
               WHERE t.tag = $1"#,
            tag,
            contact
        )
        .fetch_optional(&mut *tx)
        .await?;
        tx.rollback().await?;
        return Ok(if same == Some(true) {
            Recorded::Resent
        } else {
            Recorded::Replayed
        });
    }
    let known = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM vehicles WHERE vin = $1) AS "known!""#,
        vin.as_str()
    )
    .fetch_one(&mut *tx)
    .await?;
    if !known {
        tx.rollback().await?;
        return Ok(Recorded::NoSuchVehicle);
    }
    // The only unique index this insert can hit is the one pending request a day.
    let id = sqlx::query_scalar!(
        r#"INSERT INTO removal_requests (vin, lang, reason, contact)
           VALUES ($1, $2, $3, NULLIF($4, ''))
           ON CONFLICT DO NOTHING
           RETURNING id"#,
        vin.as_str(),
        lang,
        reason,
        contact
    )
    .fetch_optional(&mut *tx)
    .await?;
    let (outcome, stands_for) = match id {
        Some(id) => (Recorded::New(id), Some(id)),
        None => {
            // The pending request this one repeats (committed: the insert waited for it).
            let existing = sqlx::query_scalar!(
                r#"SELECT id FROM removal_requests
                   WHERE vin = $1 AND status = 'pending'
                     AND lower(coalesce(contact, '')) = lower($2)
                     AND (requested_at AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date"#,
                vin.as_str(),
                contact
            )
            .fetch_optional(&mut *tx)
            .await?;
            (Recorded::Duplicate, existing)
        }
    };
    sqlx::query!(
        "UPDATE removal_form_tokens SET request_id = $2 WHERE tag = $1",
        tag,
        stands_for
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(outcome)
}
