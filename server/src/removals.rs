//! The operator's review of removal requests, behind the admin page
//! (`http::seo::admin_removals`): what is pending, what was handled lately, and the two
//! decisions — apply (the VIN's suppression through [`crate::suppress`], which closes every
//! pending request of that VIN) or reject with a reason that stays on the request.
//!
//! This and the form that records them are the only readers of `removal_requests`: the
//! requester's contact is shown on the admin page and nowhere else (the web role that renders
//! the public pages cannot read the table at all). Everything here runs as the ETL role.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use vinops::vin::Vin;

use crate::storage::Storage;
use crate::suppress::{self, Applied};

/// How many requests each list shows at most (oldest pending first, newest handled first).
pub const LIST_LIMIT: i64 = 200;

/// One request as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Request {
    pub id: i64,
    pub vin: String,
    /// The language of the page the request was sent from.
    pub lang: String,
    /// The requester's message.
    pub reason: String,
    pub contact: Option<String>,
    /// `pending`, `applied` or `rejected`.
    pub status: String,
    pub requested_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by: Option<String>,
    pub rejection_reason: Option<String>,
    /// Whether the VIN is suppressed now (a pending request may ask for one that already is).
    pub suppressed: bool,
}

/// The admin page's lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Queue {
    /// Pending requests in all (the list holds at most [`LIST_LIMIT`]).
    pub pending_total: i64,
    pub pending: Vec<Request>,
    pub handled: Vec<Request>,
}

/// An operator's reason for a rejection: trimmed, 1 to 2,000 characters (the column's CHECK).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectionReason(String);

impl RejectionReason {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(raw: &str) -> Result<RejectionReason, &'static str> {
        let text = raw.trim();
        if text.is_empty() {
            return Err("a reason is required");
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err("the reason is longer than 2,000 characters");
        }
        Ok(RejectionReason(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a decision did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// The VIN is suppressed (and every pending request of it applied).
    Applied {
        vin: String,
        applied: Applied,
    },
    Rejected {
        vin: String,
    },
    NotFound,
    /// Handled before (by another operator, or by a suppression of the same VIN).
    AlreadyHandled {
        status: String,
    },
}

/// The pending requests (oldest first) and the latest handled ones.
pub async fn queue(pool: &PgPool) -> anyhow::Result<Queue> {
    let pending_total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM removal_requests WHERE status = 'pending'"#
    )
    .fetch_one(pool)
    .await
    .context("counting the pending removal requests")?;
    let pending = sqlx::query_as!(
        Request,
        r#"SELECT r.id, r.vin, r.lang, r.reason, r.contact, r.status, r.requested_at,
                  r.handled_at, r.handled_by, r.rejection_reason,
                  EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = r.vin) AS "suppressed!"
           FROM removal_requests r
           WHERE r.status = 'pending'
           ORDER BY r.requested_at, r.id
           LIMIT $1"#,
        LIST_LIMIT
    )
    .fetch_all(pool)
    .await
    .context("listing the pending removal requests")?;
    let handled = sqlx::query_as!(
        Request,
        r#"SELECT r.id, r.vin, r.lang, r.reason, r.contact, r.status, r.requested_at,
                  r.handled_at, r.handled_by, r.rejection_reason,
                  EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = r.vin) AS "suppressed!"
           FROM removal_requests r
           WHERE r.status <> 'pending'
           ORDER BY r.handled_at DESC, r.id DESC
           LIMIT $1"#,
        LIST_LIMIT
    )
    .fetch_all(pool)
    .await
    .context("listing the handled removal requests")?;
    Ok(Queue {
        pending_total,
        pending,
        handled,
    })
}

/// The VIN and status of request `id`.
async fn find(pool: &PgPool, id: i64) -> anyhow::Result<Option<(String, String, String)>> {
    let row = sqlx::query!(
        "SELECT vin, status, reason FROM removal_requests WHERE id = $1",
        id
    )
    .fetch_optional(pool)
    .await
    .with_context(|| format!("reading removal request {id}"))?;
    Ok(row.map(|r| (r.vin, r.status, r.reason)))
}

/// Applies request `id`: suppresses its VIN with the request's message as the reason, and
/// deletes the VIN's photos (or queues their purge), as `vinops-server suppress` does.
pub async fn apply(
    pool: &PgPool,
    storage: Option<&Storage>,
    id: i64,
    actor: &str,
) -> anyhow::Result<Review> {
    let Some((vin, status, reason)) = find(pool, id).await? else {
        return Ok(Review::NotFound);
    };
    if status != "pending" {
        return Ok(Review::AlreadyHandled { status });
    }
    let parsed = Vin::parse(&vin).map_err(|e| anyhow::anyhow!("request {id}: stored VIN: {e}"))?;
    let reason = suppression_reason(id, &reason);
    let applied = suppress::suppress_and_purge(pool, storage, &parsed, &reason, actor).await?;
    Ok(Review::Applied { vin, applied })
}

/// The suppression's reason for an applied request: which request, and the start of its message.
fn suppression_reason(id: i64, message: &str) -> String {
    const SHOWN: usize = 200;
    let mut text: String = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > SHOWN {
        text = text.chars().take(SHOWN).collect::<String>() + "…";
    }
    format!("removal request {id}: {text}")
}

/// Rejects request `id` with `reason`, when it is still pending.
pub async fn reject(
    pool: &PgPool,
    id: i64,
    reason: &RejectionReason,
    actor: &str,
) -> anyhow::Result<Review> {
    let vin = sqlx::query_scalar!(
        r#"UPDATE removal_requests
           SET status = 'rejected', handled_at = now(), handled_by = $3, rejection_reason = $2
           WHERE id = $1 AND status = 'pending'
           RETURNING vin"#,
        id,
        reason.as_str(),
        actor
    )
    .fetch_optional(pool)
    .await
    .with_context(|| format!("rejecting removal request {id}"))?;
    if let Some(vin) = vin {
        return Ok(Review::Rejected { vin });
    }
    Ok(match find(pool, id).await? {
        None => Review::NotFound,
        Some((_, status, _)) => Review::AlreadyHandled { status },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejection_reason_is_trimmed_and_bounded() {
        assert_eq!(
            RejectionReason::parse("  not our data \n").map(|r| r.0),
            Ok("not our data".to_owned())
        );
        assert!(RejectionReason::parse(" \t ").is_err());
        let long = "я".repeat(RejectionReason::MAX_CHARS);
        assert!(
            RejectionReason::parse(&long).is_ok(),
            "characters, not bytes"
        );
        assert!(RejectionReason::parse(&format!("{long}x")).is_err());
    }

    #[test]
    fn the_suppression_reason_names_the_request_and_clips_its_message() {
        assert_eq!(
            suppression_reason(7, "my car,\n\nplease"),
            "removal request 7: my car, please"
        );
        let long = "ж".repeat(500);
        let r = suppression_reason(8, &long);
        assert!(r.starts_with("removal request 8: жжж"));
        assert_eq!(r.chars().count(), "removal request 8: ".len() + 200 + 1);
    }
}
