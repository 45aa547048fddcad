//! Parse + COPY: the export file → `staging.lots` (the valid rows that need work) and
//! `audit.row_errors` (rows that did not parse, and duplicate lot numbers set aside).
//!
//! Which valid rows need work is decided here, before anything is sent (see [`super::filter`]):
//! a row identical to the stored lot stays out of staging.
//!
//! Parsing runs on a blocking thread and hands ~1 MB chunks of COPY text to the async side
//! through a small bounded channel: memory stays flat whatever the file size (the csv reader's
//! buffer, a few chunks in flight, and the row errors), and on a 2-core machine parsing overlaps
//! with PostgreSQL ingesting the previous chunk. If the async side is dropped (a killed run), the
//! channel closes and the parser stops at its next send.
//!
//! Row errors are buffered as COPY text and sent after the staging COPY (one connection cannot
//! run two COPYs at once). Their number is capped (`EtlLimits::allowed_row_errors`): one past the
//! cap and the parse stops, the file is rejected and the transaction rolls back, so the buffer
//! holds at most that many rows' errors (values are cut to 120 characters); a real export has a
//! handful. Records are read by the capped reader (`records`): a record over the record cap is
//! one invalid row, never a buffer of its size.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sqlx::PgConnection;
use tokio::sync::mpsc;
use vinops::row::CopartRow;

use super::PROGRESS_EVERY;
use super::columns::ColumnFill;
use super::copy::{ROW_ERRORS_COPY, STAGING_COPY, push_error_line, push_row_errors};
use super::filter::{Decision, FileLotSet, FileLots, NO_HASH};
use super::records::{Next, RecordReader};
use super::validate::RejectReason;
use crate::config::EtlLimits;
use vinops::header::Col;
use vinops::lot_number::LotNumber;

/// Size at which a COPY chunk is sent.
const CHUNK_BYTES: usize = 1 << 20;
/// Chunks parsed ahead of the database.
const CHUNKS_IN_FLIGHT: usize = 3;

/// What parsing found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseCounts {
    /// Data records (header excluded).
    pub rows_total: u64,
    /// Rows that parsed (duplicates included).
    pub rows_parsed: u64,
    /// Rows that did not parse.
    pub rows_invalid: u64,
    /// Parsed rows set aside because a newer row of the same lot number is in the file.
    pub duplicates: u64,
    /// Distinct lot numbers with a valid row.
    pub lots: u64,
    /// Rows left in staging (changed or new lots).
    pub staged: u64,
}

/// Everything the later steps need to know about the file, beyond staging.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub counts: ParseCounts,
    /// The lot numbers the file lists, sorted (the events step diffs it with the stored lots).
    pub lot_set: Vec<i64>,
    /// Live lots the file does not list, and listed lots that were not live (see `filter`).
    pub departed: Vec<i64>,
    pub arrived: Vec<i64>,
    /// The export's own time: its newest `Last Updated Time` (None for a file with no valid row).
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,
    pub fill: ColumnFill,
}

/// Parses `path` and COPYs it into staging (and its bad rows into `audit.row_errors`), on `conn`
/// — which must be inside the run's transaction.
/// `rows_hint`: the record count found by validation (sizes the parser's per-lot map and sets the
/// row-error cap). The inner `Err` is a file rejected for its invalid rows: what was sent is
/// still in the transaction, which the caller must roll back.
pub async fn copy_file(
    conn: &mut PgConnection,
    path: &Path,
    run_id: i64,
    file_id: i64,
    rows_hint: usize,
    limits: &EtlLimits,
) -> anyhow::Result<Result<Parsed, RejectReason>> {
    let stored = stored_hashes(conn).await?;
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(CHUNKS_IN_FLIGHT);
    let owned: PathBuf = path.to_owned();
    let limits = *limits;
    let parser = tokio::task::spawn_blocking(move || {
        parse_file(
            &owned,
            (run_id, file_id),
            FileLots::new(stored, rows_hint),
            rows_hint as u64,
            &limits,
            &tx,
        )
    });

    let mut copy = conn
        .copy_in_raw(STAGING_COPY)
        .await
        .context("starting COPY into staging.lots")?;
    while let Some(chunk) = rx.recv().await {
        copy.send(chunk)
            .await
            .context("sending rows to staging.lots")?;
    }
    // The channel closed: the parser is done (or failed; then the COPY is abandoned and the
    // transaction rolls back).
    let parsed = parser.await.context("parser thread panicked")?;
    let (mut parsed, set, errors) = match parsed {
        Ok(Ok(done)) => done,
        Ok(Err(reason)) => {
            copy.abort("file rejected").await.ok();
            return Ok(Err(reason));
        }
        Err(e) => {
            copy.abort("parse failed").await.ok();
            return Err(e);
        }
    };
    let copied = copy.finish().await.context("finishing COPY into staging")?;
    anyhow::ensure!(
        copied == parsed.counts.staged,
        "COPY stored {copied} rows, the parser sent {}",
        parsed.counts.staged
    );
    if !set.retract.is_empty() {
        let gone = sqlx::query!(
            "DELETE FROM staging.lots WHERE file_id = $1 AND row_no = ANY($2)",
            file_id,
            &set.retract
        )
        .execute(&mut *conn)
        .await
        .context("retracting superseded duplicate rows")?
        .rows_affected();
        parsed.counts.staged -= gone;
    }
    parsed.lot_set = set.lots;
    parsed.departed = set.departed;
    parsed.arrived = set.arrived;

    if !errors.is_empty() {
        let mut copy = conn
            .copy_in_raw(ROW_ERRORS_COPY)
            .await
            .context("starting COPY into audit.row_errors")?;
        copy.send(errors).await.context("sending row errors")?;
        copy.finish().await.context("finishing row errors")?;
    }
    Ok(Ok(parsed))
}

/// `row_hash` of every live lot (a lot that left the export is staged when it comes back).
async fn stored_hashes(conn: &mut PgConnection) -> anyhow::Result<HashMap<u32, i64>> {
    use futures_util::TryStreamExt as _;
    // Collected first so the map is built at its final size (no doubling with both copies live).
    let mut rows =
        sqlx::query!("SELECT lot_number, row_hash FROM lots WHERE disappeared_at IS NULL")
            .fetch(&mut *conn);
    let mut pairs = Vec::new();
    while let Some(r) = rows.try_next().await.context("reading stored row hashes")? {
        // lots_lot_number_positive keeps stored numbers within u32.
        let lot = u32::try_from(r.lot_number).context("stored lot number out of range")?;
        pairs.push((lot, r.row_hash.unwrap_or(NO_HASH)));
    }
    let mut map = HashMap::with_capacity(pairs.len());
    map.extend(pairs);
    Ok(map)
}

/// What the blocking half returns: what it found, the file's lot set and the row errors as COPY
/// text; or why the file is rejected.
type ParseResult = Result<(Parsed, FileLotSet, Vec<u8>), RejectReason>;

/// The blocking half: reads and parses the file, sends staging chunks of the rows that need
/// work. `ids`: the run's and the file's; `rows_declared`: the records validation counted.
fn parse_file(
    path: &Path,
    (run_id, file_id): (i64, i64),
    mut lots: FileLots,
    rows_declared: u64,
    limits: &EtlLimits,
    tx: &mpsc::Sender<Vec<u8>>,
) -> anyhow::Result<ParseResult> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    // A record with the wrong number of fields, or over the record cap, is a row error.
    let mut reader = RecordReader::new(
        BufReader::with_capacity(1 << 16, file),
        limits.max_record_bytes,
    )
    .with_key_field(Col::LotNumber.index());
    let mut raw = csv::ByteRecord::new();
    reader.read(&mut raw).context("reading the header")?;
    let allowed_errors = limits.allowed_row_errors(rows_declared);
    let mut progress =
        super::progress::Progress::new(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0));

    let mut counts = ParseCounts::default();
    let mut fill = ColumnFill::default();
    let mut as_of = None;
    let mut chunk = Vec::with_capacity(CHUNK_BYTES + 4096);
    let mut errors = Vec::new();
    let mut row_no: u32 = 0;
    loop {
        let next = reader
            .read(&mut raw)
            .with_context(|| format!("reading record {}", row_no + 1))?;
        if next == Next::End {
            break;
        }
        row_no = row_no.checked_add(1).context("more than 4 billion rows")?;
        counts.rows_total += 1;
        if let Next::Oversized(o) = next {
            counts.rows_invalid += 1;
            // Its lot is still listed, as for any invalid row whose lot number reads.
            if let Some(lot) = o
                .key
                .as_deref()
                .and_then(|k| std::str::from_utf8(k).ok())
                .and_then(|k| LotNumber::parse(k).ok())
            {
                lots.note_invalid(lot.get());
            }
            let reason = format!(
                "record of {} bytes and {} fields, over the {}-byte record cap",
                o.bytes, o.fields, limits.max_record_bytes
            );
            push_error_line(&mut errors, run_id, file_id, row_no, None, None, &reason);
            if counts.rows_invalid > allowed_errors {
                return Ok(Err(too_many(
                    &counts,
                    row_no,
                    rows_declared,
                    allowed_errors,
                )));
            }
            continue;
        }
        // Bytes that are not UTF-8 spoil that row only.
        // The record's buffers go back into `raw` afterwards: no allocation per row.
        let parsed = match csv::StringRecord::from_byte_record(std::mem::take(&mut raw)) {
            Ok(record) => {
                let parsed = CopartRow::from_record(&record).map_err(|e| {
                    // The row is bad, but if its lot number reads, the lot is still listed.
                    if let Some(lot) = record
                        .get(Col::LotNumber.index())
                        .and_then(|f| LotNumber::parse(f).ok())
                    {
                        lots.note_invalid(lot.get());
                    }
                    Some(e)
                });
                raw = record.into_byte_record();
                parsed
            }
            Err(e) => {
                raw = e.into_byte_record();
                Err(None)
            }
        };
        match parsed {
            Ok(row) => {
                counts.rows_parsed += 1;
                fill.add(&row);
                as_of = as_of.max(Some(row.last_updated));
                let start = chunk.len();
                let hash = super::copy::push_staging_row(&mut chunk, file_id, row_no, &row);
                let (decision, superseded) =
                    lots.offer(row.lot_number.get(), row_no, row.last_updated, hash);
                if decision == Decision::Stage {
                    counts.staged += 1;
                } else {
                    chunk.truncate(start);
                }
                if let Some(dup) = superseded {
                    counts.duplicates += 1;
                    push_error_line(
                        &mut errors,
                        run_id,
                        file_id,
                        dup.row_no,
                        Some(Col::LotNumber.name()),
                        Some(&dup.lot_number.to_string()),
                        "duplicate lot number in file",
                    );
                }
            }
            Err(Some(err)) => {
                counts.rows_invalid += 1;
                push_row_errors(&mut errors, run_id, file_id, row_no, &err);
            }
            Err(None) => {
                counts.rows_invalid += 1;
                let lossy: String = String::from_utf8_lossy(raw.as_slice())
                    .chars()
                    .take(120)
                    .collect();
                push_error_line(
                    &mut errors,
                    run_id,
                    file_id,
                    row_no,
                    None,
                    Some(&lossy),
                    "invalid UTF-8",
                );
            }
        }
        if counts.rows_invalid > allowed_errors {
            return Ok(Err(too_many(
                &counts,
                row_no,
                rows_declared,
                allowed_errors,
            )));
        }
        if chunk.len() >= CHUNK_BYTES {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_BYTES + 4096));
            tx.blocking_send(full)
                .map_err(|_| anyhow::anyhow!("the COPY side stopped"))?;
        }
        if counts.rows_total % 1024 == 0 {
            progress.update(reader.position(), counts.rows_total);
        }
        if counts.rows_total % PROGRESS_EVERY as u64 == 0 && !progress.is_shown() {
            tracing::info!(
                rows = counts.rows_total,
                staged = counts.staged,
                invalid = counts.rows_invalid,
                "parsing"
            );
        }
    }
    if !chunk.is_empty() {
        tx.blocking_send(chunk)
            .map_err(|_| anyhow::anyhow!("the COPY side stopped"))?;
    }
    progress.finish(counts.rows_total);
    counts.lots = lots.valid_lots() as u64;
    let set = lots.finish();
    let parsed = Parsed {
        counts,
        lot_set: Vec::new(),
        departed: Vec::new(),
        arrived: Vec::new(),
        as_of,
        fill,
    };
    Ok(Ok((parsed, set, errors)))
}

/// The rejection of a file whose invalid rows passed the cap at row `row`.
fn too_many(counts: &ParseCounts, row: u32, rows: u64, allowed: u64) -> RejectReason {
    tracing::warn!(
        invalid = counts.rows_invalid,
        row,
        allowed,
        "too many invalid rows; the file is rejected"
    );
    RejectReason::TooManyRowErrors {
        invalid: counts.rows_invalid,
        row: u64::from(row),
        rows,
        allowed,
    }
}
