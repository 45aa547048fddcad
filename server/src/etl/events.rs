//! History and outcomes: what changed between the previous export and this one, and what
//! probably happened to lots that left the export.
//!
//! Runs inside the ingest transaction of one file, in two halves: `record_changes` before the
//! upsert (it compares the staged rows — new lots and changed rows — with the stored lots) and
//! `apply_outcomes` after it (a live lot the file does not list has left the export — the
//! parser diffs the file's lot numbers with the live lots; only departures and returns are written, never
//! a mark on every present lot, which would rewrite the whole table each run). A lot whose row
//! is invalid in a file but whose lot number reads is still listed, so it does not "leave".
//!
//! Copart's file never says "sold" or gives a final price; outcomes are inferred, and each one
//! carries its method and a confidence. The rules run in a deliberate order, narrowest first, so
//! that each can fire (the original ran its broadest rule first, which starved the others):
//!
//! 1. `vin_relisted` → **not sold** (0.95): the VIN came back under a new lot number, so the
//!    earlier lot did not sell. Overrides an earlier "sold" guess: it is stronger evidence. The
//!    VIN's whole history is in `lots`, so a relist days after the departure is caught too (the
//!    original only compared two consecutive files).
//! 2. `disappeared_on_approval` → **on approval** (0.60): the lot left after its sale time while
//!    its last status was "On Approval" (the seller had not yet accepted the high bid).
//! 3. `disappeared_after_sale` → **sold** (0.85 with a bid, 0.60 without): the lot left after its
//!    sale time — sold lots leave the export.
//! 4. `disappeared_before_sale` → **unknown** (0.30): it left before its sale time, or never had
//!    one (withdrawn, sold before auction, or moved): we do not guess.
//!
//! "Now" is the export's own time (the newest `Last Updated Time` in the file), not the wall
//! clock, so re-processing an old file infers the same outcomes.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Counts of what one file changed, for the run row and the logs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct EventCounts {
    pub appeared: i64,
    pub disappeared: i64,
    pub reappeared: i64,
    pub relisted: i64,
    pub status_changed: i64,
    pub bid_changed: i64,
    pub sale_date_changed: i64,
    pub outcome_not_sold: i64,
    pub outcome_on_approval: i64,
    pub outcome_sold: i64,
    pub outcome_unknown: i64,
}

/// Before the upsert: appeared, relisted and per-field change events, from staging vs lots.
///
/// The first file ever (no lot stored yet) is the baseline: there is no previous file to compare
/// it with, so it yields no "appeared" events — every lot's `first_seen_at` already says when it
/// appeared, and 150k events saying "everything is new" cost ~3 s and tell nothing.
pub async fn record_changes(tx: &mut PgConnection, file_id: i64) -> sqlx::Result<EventCounts> {
    let baseline = sqlx::query_scalar!(r#"SELECT NOT EXISTS (SELECT 1 FROM lots) AS "b!""#)
        .fetch_one(&mut *tx)
        .await?;
    if baseline {
        return Ok(EventCounts::default());
    }
    let rows = sqlx::query!(
        r#"
        WITH s AS (
            SELECT lot_number, vin, sale_status, current_bid_cents, sale_date, source_updated_at
            FROM staging.lots WHERE file_id = $1
        ),
        changes AS (
            SELECT s.lot_number, s.vin, e.event, e.old_value, e.new_value
            FROM s JOIN lots l ON l.lot_number = s.lot_number
            CROSS JOIN LATERAL (VALUES
                ('status_changed', l.sale_status, s.sale_status),
                ('bid_changed', l.current_bid_cents::text, s.current_bid_cents::text),
                ('sale_date_changed', l.sale_date::text, s.sale_date::text)
            ) AS e(event, old_value, new_value)
            WHERE e.old_value IS DISTINCT FROM e.new_value
              AND s.source_updated_at >= l.source_updated_at
        ),
        new_lots AS (
            SELECT s.lot_number, s.vin FROM s
            WHERE NOT EXISTS (SELECT 1 FROM lots l WHERE l.lot_number = s.lot_number)
        ),
        -- The newest stored lot of each VIN that comes back under a new number: one hash join
        -- instead of an index probe per new lot (which cost seconds on a first, all-new file).
        previous AS (
            SELECT DISTINCT ON (l.vin) l.vin, l.lot_number
            FROM lots l JOIN new_lots n ON n.vin = l.vin
            ORDER BY l.vin, l.id DESC
        ),
        fresh AS (
            SELECT n.lot_number, n.vin, p.lot_number AS previous_lot
            FROM new_lots n LEFT JOIN previous p ON p.vin = n.vin
        ),
        all_events AS (
            SELECT lot_number, vin, event, old_value, new_value FROM changes
            UNION ALL
            SELECT lot_number, vin, 'appeared', NULL, NULL FROM fresh
            UNION ALL
            SELECT lot_number, vin, 'relisted', previous_lot::text, lot_number::text
            FROM fresh WHERE previous_lot IS NOT NULL
        ),
        inserted AS (
            INSERT INTO audit.lot_events (file_id, lot_number, vin, event, old_value, new_value)
            SELECT $1, lot_number, vin, event, old_value, new_value FROM all_events
            RETURNING event
        )
        SELECT event AS "event!", count(*) AS "n!" FROM inserted GROUP BY event
        "#,
        file_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut counts = EventCounts::default();
    for r in rows {
        match r.event.as_str() {
            "appeared" => counts.appeared = r.n,
            "relisted" => counts.relisted = r.n,
            "status_changed" => counts.status_changed = r.n,
            "bid_changed" => counts.bid_changed = r.n,
            "sale_date_changed" => counts.sale_date_changed = r.n,
            _ => {}
        }
    }
    Ok(counts)
}

/// Lots that moved in or out of the export with this file (computed by the parser, `filter`).
#[derive(Debug, Clone, Copy)]
pub struct Moves<'a> {
    /// Listed lots that were not live: a stored one among them is back.
    pub arrived: &'a [i64],
    /// Live lots the file does not list: they left.
    pub departed: &'a [i64],
}

/// After the upsert: marks departures and returns, then
/// applies the outcome rules in order. `as_of`: the export's own time.
pub async fn apply_outcomes(
    tx: &mut PgConnection,
    file_id: i64,
    as_of: DateTime<Utc>,
    moves: &Moves<'_>,
    counts: &mut EventCounts,
) -> sqlx::Result<()> {
    // A lot back in the export after leaving it: clear the departure and what we inferred.
    counts.reappeared = sqlx::query!(
        r#"
        WITH back AS (
            UPDATE lots SET disappeared_at = NULL, outcome = NULL, outcome_method = NULL,
                            outcome_confidence = NULL, outcome_at = NULL
            WHERE disappeared_at IS NOT NULL AND lot_number = ANY($2)
            RETURNING lot_number, vin
        )
        INSERT INTO audit.lot_events (file_id, lot_number, vin, event)
        SELECT $1, lot_number, vin, 'appeared' FROM back
        "#,
        file_id,
        moves.arrived
    )
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;

    counts.disappeared = sqlx::query!(
        r#"
        WITH gone AS (
            UPDATE lots SET disappeared_at = $2
            WHERE disappeared_at IS NULL AND lot_number = ANY($3)
            RETURNING lot_number, vin
        )
        INSERT INTO audit.lot_events (file_id, lot_number, vin, event)
        SELECT $1, lot_number, vin, 'disappeared' FROM gone
        "#,
        file_id,
        as_of,
        moves.departed
    )
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;

    // Every rule looks only at the lots that departed with this file (found by lot number, not
    // by scanning the table for `disappeared_at = as_of`), plus, for rule 1, the earlier lots
    // of VINs relisted in this file.
    //
    // Rule 1: a departed lot whose VIN has a newer lot did not sell — whether the relist shows
    // up in this file or the lot departs in this file after its VIN was relisted earlier.
    counts.outcome_not_sold = sqlx::query!(
        r#"
        WITH candidates AS (
            SELECT id FROM lots WHERE lot_number = ANY($3)
            UNION
            SELECT id FROM lots
            WHERE vin IN (SELECT vin FROM audit.lot_events WHERE file_id = $1 AND event = 'relisted')
        )
        UPDATE lots l SET outcome = 'not_sold', outcome_method = 'vin_relisted',
                          outcome_confidence = 0.95, outcome_at = $2
        FROM candidates c
        WHERE l.id = c.id AND l.disappeared_at IS NOT NULL
          AND l.outcome IS DISTINCT FROM 'not_sold'
          AND EXISTS (SELECT 1 FROM lots n WHERE n.vin = l.vin AND n.id > l.id)
        "#,
        file_id,
        as_of,
        moves.departed
    )
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;

    // Rule 2: left after its sale time while on approval.
    counts.outcome_on_approval = sqlx::query!(
        r#"
        UPDATE lots SET outcome = 'on_approval', outcome_method = 'disappeared_on_approval',
                        outcome_confidence = 0.60, outcome_at = $1
        WHERE lot_number = ANY($2) AND disappeared_at = $1 AND outcome IS NULL
          AND sale_status = 'on_approval'
          AND COALESCE(auction_at, sale_date::timestamptz) <= $1
        "#,
        as_of,
        moves.departed
    )
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;

    // Rule 3: left after its sale time → sold.
    counts.outcome_sold = sqlx::query!(
        r#"
        UPDATE lots SET outcome = 'sold', outcome_method = 'disappeared_after_sale',
                        outcome_confidence = CASE WHEN current_bid_cents > 0 THEN 0.85 ELSE 0.60 END,
                        outcome_at = $1
        WHERE lot_number = ANY($2) AND disappeared_at = $1 AND outcome IS NULL
          AND COALESCE(auction_at, sale_date::timestamptz) <= $1
        "#,
        as_of,
        moves.departed
    )
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;

    // Rule 4: left before its sale time, or never had one → unknown.
    counts.outcome_unknown = sqlx::query!(
        r#"
        UPDATE lots SET outcome = 'unknown', outcome_method = 'disappeared_before_sale',
                        outcome_confidence = 0.30, outcome_at = $1
        WHERE lot_number = ANY($2) AND disappeared_at = $1 AND outcome IS NULL
        "#,
        as_of,
        moves.departed
    )
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;
    Ok(())
}
