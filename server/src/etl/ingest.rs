//! Parse + COPY: the export file → `staging.lots` (valid rows) and `audit.row_errors` (the rest).
//!
//! Parsing runs on a blocking thread and hands ~1 MB chunks of COPY text to the async side
//! through a small bounded channel: memory stays flat whatever the file size (the csv reader's
//! buffer, a few chunks in flight, and the row errors), and on a 2-core machine parsing overlaps
//! with PostgreSQL ingesting the previous chunk. If the async side is dropped (a killed run), the
//! channel closes and the parser stops at its next send.
//!
//! Row errors are buffered as COPY text and sent after the staging COPY (one connection cannot
//! run two COPYs at once). At ~100 bytes per bad column, even a file where every row is broken
//! stays within tens of MB; a real export has a handful.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sqlx::PgConnection;
use tokio::sync::mpsc;
use vinops::row::CopartRow;

use super::PROGRESS_EVERY;
use super::copy::{ROW_ERRORS_COPY, STAGING_COPY, push_error_line, push_row_errors};

/// Size at which a COPY chunk is sent.
const CHUNK_BYTES: usize = 1 << 20;
/// Chunks parsed ahead of the database.
const CHUNKS_IN_FLIGHT: usize = 3;

/// What parsing found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseCounts {
    /// Data records (header excluded).
    pub rows_total: u64,
    /// Rows copied into staging.
    pub rows_valid: u64,
    /// Rows that did not parse.
    pub rows_invalid: u64,
}

/// Parses `path` and COPYs it into staging (and its bad rows into `audit.row_errors`), on `conn`
/// — which must be inside the run's transaction.
pub async fn copy_file(
    conn: &mut PgConnection,
    path: &Path,
    run_id: i64,
    file_id: i64,
) -> anyhow::Result<ParseCounts> {
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(CHUNKS_IN_FLIGHT);
    let owned: PathBuf = path.to_owned();
    let parser = tokio::task::spawn_blocking(move || parse_file(&owned, run_id, file_id, &tx));

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
    let (counts, errors) = match parsed {
        Ok(done) => done,
        Err(e) => {
            copy.abort("parse failed").await.ok();
            return Err(e);
        }
    };
    let copied = copy.finish().await.context("finishing COPY into staging")?;
    anyhow::ensure!(
        copied == counts.rows_valid,
        "COPY stored {copied} rows, the parser sent {}",
        counts.rows_valid
    );

    if !errors.is_empty() {
        let mut copy = conn
            .copy_in_raw(ROW_ERRORS_COPY)
            .await
            .context("starting COPY into audit.row_errors")?;
        copy.send(errors).await.context("sending row errors")?;
        copy.finish().await.context("finishing row errors")?;
    }
    Ok(counts)
}

/// The blocking half: reads and parses the file, sends staging chunks, returns the counts and
/// the row errors as COPY text.
fn parse_file(
    path: &Path,
    run_id: i64,
    file_id: i64,
    tx: &mpsc::Sender<Vec<u8>>,
) -> anyhow::Result<(ParseCounts, Vec<u8>)> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    // flexible: a record with the wrong number of fields is a row error, not a reader error.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(BufReader::with_capacity(1 << 16, file));
    reader.headers().context("reading the header")?;

    let mut counts = ParseCounts::default();
    let mut chunk = Vec::with_capacity(CHUNK_BYTES + 4096);
    let mut errors = Vec::new();
    let mut raw = csv::ByteRecord::new();
    let mut row_no: u32 = 0;
    while reader
        .read_byte_record(&mut raw)
        .with_context(|| format!("reading record {}", row_no + 1))?
    {
        row_no = row_no.checked_add(1).context("more than 4 billion rows")?;
        counts.rows_total += 1;
        // Bytes that are not UTF-8 spoil that row only.
        // The record's buffers go back into `raw` afterwards: no allocation per row.
        let parsed = match csv::StringRecord::from_byte_record(std::mem::take(&mut raw)) {
            Ok(record) => {
                let parsed = CopartRow::from_record(&record).map_err(Some);
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
                super::copy::push_staging_row(&mut chunk, file_id, row_no, &row);
                counts.rows_valid += 1;
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
        if chunk.len() >= CHUNK_BYTES {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_BYTES + 4096));
            tx.blocking_send(full)
                .map_err(|_| anyhow::anyhow!("the COPY side stopped"))?;
        }
        if counts.rows_total % PROGRESS_EVERY as u64 == 0 {
            tracing::info!(
                rows = counts.rows_total,
                valid = counts.rows_valid,
                invalid = counts.rows_invalid,
                "parsing"
            );
        }
    }
    if !chunk.is_empty() {
        tx.blocking_send(chunk)
            .map_err(|_| anyhow::anyhow!("the COPY side stopped"))?;
    }
    Ok((counts, errors))
}
