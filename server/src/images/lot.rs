//! One lot: its photo list, the photos it does not have yet, each checked (a JPEG of sane
//! size), stored and then recorded, and the lot's progress in `lot_photos`. A photo that fails
//! for a reason that may pass (throttling, errors, timeouts) ends the lot's turn (the rest wait
//! for its retry) rather than pressing on against a server that is refusing; one that is refused
//! or rejected (network rules, size cap, not a JPEG) is skipped and named in the lot's error,
//! and the lot comes back only after the longest retry delay, since asking again soon would get
//! the same answer.

use std::collections::BTreeSet;
use std::time::Duration;

use sha2::{Digest, Sha256};
use vinops::lot_number::LotNumber;

use super::db::{self, ImageRow, LotToDo};
use super::http::{self, Fetch, Limits};
use super::net::redact;
use super::{Ctx, api, jpeg};
use crate::storage::StorageKey;

/// Why a lot's turn ended early.
struct Failure {
    error: String,
    /// The server's `Retry-After`, when it gave one.
    not_before: Option<Duration>,
}

/// Works on one lot. `Err` only when the database fails (the lot's state is then unknown and
/// it stays due).
pub(super) async fn process(ctx: &Ctx<'_>, owned: LotToDo) -> anyhow::Result<()> {
    let lot = &owned;
    let lot_number = u32::try_from(lot.lot_number)
        .ok()
        .and_then(LotNumber::new)
        .ok_or_else(|| anyhow::anyhow!("lot {} has an invalid lot number", lot.lot_id))?;
    let url = match &ctx.opts.api_base {
        Some(base) => http::rebase(&lot.image_url, base),
        None => lot.image_url.clone(),
    };
    let limits = Limits {
        timeout: ctx.opts.metadata_timeout,
        max_bytes: ctx.opts.max_metadata_bytes,
    };
    let body = match ctx.fetcher().get(&url, limits).await {
        Fetch::Ok(body) => body,
        Fetch::NotFound => return none(ctx, lot, "photo API: 404").await,
        Fetch::Transient { error, retry_after } => {
            return retry(
                ctx,
                lot,
                Failure {
                    error,
                    not_before: retry_after,
                },
            )
            .await;
        }
        Fetch::Permanent(error) | Fetch::Refused(error) | Fetch::TooLarge(error) => {
            // Not worth asking again soon, but not proof the photos are gone either.
            let not_before = Some(ctx.opts.lot_retry_max);
            return retry(ctx, lot, Failure { error, not_before }).await;
        }
    };
    let wanted = match api::parse(&body) {
        Ok(w) => w,
        Err(e) => {
            let error = format!("photo API: unreadable answer: {e}");
            return retry(
                ctx,
                lot,
                Failure {
                    error,
                    not_before: None,
                },
            )
            .await;
        }
    };
    if wanted.is_empty() {
        return none(ctx, lot, "photo API: no photos listed").await;
    }
    let present: BTreeSet<(i16, String)> = db::present(ctx.pool, lot.lot_id)
        .await?
        .into_iter()
        .collect();
    let mut failure = None;
    // The first photo refused or rejected, if any.
    let mut refused: Option<String> = None;
    for w in &wanted {
        let seq = i16::try_from(w.seq).unwrap_or(i16::MAX);
        if present.contains(&(seq, w.variant.as_str().to_owned())) {
            ctx.counters.add_image_present();
            continue;
        }
        if ctx.stopped() {
            failure = Some(Failure {
                error: "run stopped: storage unavailable".to_owned(),
                not_before: None,
            });
            break;
        }
        let limits = Limits {
            timeout: ctx.opts.image_timeout,
            max_bytes: ctx.opts.max_image_bytes,
        };
        let bytes = match ctx.fetcher().get(&w.url, limits).await {
            Fetch::Ok(b) if b.is_empty() => {
                failure = Some(Failure {
                    error: format!("{}: empty body", redact(&w.url)),
                    not_before: None,
                });
                break;
            }
            Fetch::Ok(b) => match jpeg::check(&b) {
                Ok(_) => b,
                Err(e) => {
                    ctx.counters.add_rejected();
                    refused.get_or_insert(format!("{}: {e}", redact(&w.url)));
                    continue;
                }
            },
            Fetch::Refused(error) | Fetch::TooLarge(error) => {
                refused.get_or_insert(error);
                continue;
            }
            Fetch::NotFound => {
                failure = Some(Failure {
                    error: format!("{}: 404 for a listed photo", redact(&w.url)),
                    not_before: None,
                });
                break;
            }
            Fetch::Transient { error, retry_after } => {
                failure = Some(Failure {
                    error,
                    not_before: retry_after,
                });
                break;
            }
            Fetch::Permanent(error) => {
                failure = Some(Failure {
                    error,
                    not_before: None,
                });
                break;
            }
        };
        let key = StorageKey::image(lot_number, w.seq, w.variant);
        let sha = Sha256::digest(&bytes);
        let len = bytes.len();
        if let Err(e) = ctx.storage.put(&key, bytes, "image/jpeg").await {
            let error = format!("storing {key}: {e:#}");
            ctx.storage_failed(&error);
            failure = Some(Failure {
                error,
                not_before: None,
            });
            break;
        }
        ctx.storage_ok();
        // Only now, with the object stored, does the database learn of it.
        let recorded = db::upsert_image(
            ctx.pool,
            &ImageRow {
                lot_id: lot.lot_id,
                seq,
                variant: w.variant.as_str(),
                storage_key: key.as_str(),
                sha256: sha.as_slice(),
                bytes: i32::try_from(len).unwrap_or(i32::MAX),
                source_url: &w.url,
            },
        )
        .await?;
        if !recorded {
            return suppressed_meanwhile(ctx, lot, &key).await;
        }
        ctx.counters.add_image_stored();
        ctx.counters.add_bytes(len as u64);
    }
    let failure = failure.or_else(|| {
        refused.map(|error| Failure {
            error,
            not_before: Some(ctx.opts.lot_retry_max),
        })
    });
    match failure {
        Some(f) => retry(ctx, lot, f).await,
        None => {
            let sequences = wanted.iter().map(|w| w.seq).collect::<BTreeSet<_>>().len();
            db::mark_stored(
                ctx.pool,
                lot.lot_id,
                i16::try_from(sequences).unwrap_or(i16::MAX),
            )
            .await?;
            ctx.counters.add_lot_stored();
            Ok(())
        }
    }
}

/// The lot's VIN was suppressed after the lot was picked: the object just stored must not stay
/// (its URL is public with S3). Deleted here; if that fails, a purge of the VIN is queued
/// again, so it is never forgotten. The lot's progress is left as it is: while suppressed it is
/// not picked, and an unsuppress clears it.
async fn suppressed_meanwhile(
    ctx: &Ctx<'_>,
    lot: &LotToDo,
    key: &StorageKey,
) -> anyhow::Result<()> {
    tracing::info!(
        lot = lot.lot_number,
        "images: the lot's VIN was suppressed meanwhile"
    );
    if let Err(e) = ctx.storage.delete(key).await {
        tracing::warn!(key = %key, error = format!("{e:#}"), "images: queueing a purge again");
        super::purge::request_for_lot(ctx.pool, lot.lot_id).await?;
    }
    Ok(())
}

async fn none(ctx: &Ctx<'_>, lot: &LotToDo, why: &str) -> anyhow::Result<()> {
    db::mark_none(ctx.pool, lot.lot_id, why).await?;
    ctx.counters.add_lot_none();
    Ok(())
}

async fn retry(ctx: &Ctx<'_>, lot: &LotToDo, f: Failure) -> anyhow::Result<()> {
    let at = db::mark_retry(
        ctx.pool,
        lot.lot_id,
        &f.error,
        ctx.opts.lot_retry_base,
        ctx.opts.lot_retry_max,
        f.not_before,
    )
    .await?;
    ctx.counters.add_lot_retry();
    tracing::debug!(lot = lot.lot_number, error = f.error, next_attempt_at = %at, "images: lot left for a retry");
    Ok(())
}
