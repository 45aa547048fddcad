//! The ETL core: one Copart export file → `raw.files`, `staging.lots`, `vehicles`, `lots`, with
//! every run recorded in `audit.runs` and every bad row in `audit.row_errors`.
//!
//! Steps (each its own module):
//! - [`validate`]: before any database write, the whole file is read once: sha256 and byte
//!   count, the exact 59-column header, no HTML block page, and a complete last record.
//! - [`ingest`]: the file is parsed again, row by row, through `CopartRow`; valid rows go to
//!   `staging.lots` with `COPY` in ~1 MB chunks, invalid ones to `audit.row_errors` (also `COPY`).
//! - [`upsert`]: set-based statements from staging into `vehicles` and `lots`, then the file's
//!   staging rows are deleted.
//! - [`run`]: [`ingest_file`] ties them together (each step a function of `steps`) under a
//!   transaction-scoped advisory lock, in one transaction per file, and writes the run's
//!   `audit.runs` row once, through the run ledger (`crate::runs`); [`report`] is what it did.
//!
//! How odd input is treated (also in docs/etl.md, "How the ETL treats odd input"):
//! - **UTF-8 BOM** before the header: tolerated (stripped).
//! - **Quoted commas, quotes and newlines inside a field**: ordinary CSV; the value is kept with
//!   its newline. Row numbers count records, not lines (row 1 is the first record after the
//!   header), so a record with an embedded newline is still one row.
//! - **CRLF line ends**: accepted like LF.
//! - **Non-ASCII text** (`Škoda Ñandú`): stored as is. Bytes that are not UTF-8 make that row
//!   invalid (reason "invalid UTF-8"), not the file. NUL characters are dropped (PostgreSQL text
//!   cannot hold them).
//! - **Wrong field count** in a record: that row is invalid (record-level error, no column).
//! - **Invalid VIN** (or any unparsable required column): the row is invalid, recorded in
//!   `audit.row_errors` with the column name, the value and the reason; the rest of the file
//!   loads. The lot is not created or updated from that row.
//! - **Duplicate lot number in one file**: the row with the newest `Last Updated Time` wins (on
//!   a tie, the later row); each other row is recorded as invalid with reason
//!   "duplicate lot number in file" and column "Lot number".
//! - **A row older than the stored lot** (`Last Updated Time` before `lots.source_updated_at`):
//!   not applied (counted as unchanged, reported as stale); the lot still counts as present in
//!   the file (`raw.files.lot_numbers`).
//! - **A row identical to the stored lot**: not touched at all (counted as unchanged).
//! - **Same file twice** (same sha256): the run is `skipped`, nothing written.
//! - **Wrong header, HTML page, truncated download, empty file**: the run is `failed` with the
//!   reason; nothing else is written.
//! - **Caps** (`EtlLimits`): a file over `ETL_MAX_FILE_MB` (a download is cut there), a quote
//!   never closed (it would swallow the rest of the file), a quote closed lines later (a record
//!   spanning lines with the wrong field count: the lines between are swallowed) or more invalid
//!   rows than allowed
//!   (`ETL_MAX_ROW_ERRORS`, `ETL_MAX_ROW_ERROR_PERCENT`): the run is `failed` with the reason,
//!   nothing else is written. A record over `ETL_MAX_RECORD_BYTES` (or with more than 1024
//!   fields) is one invalid row, skipped without being held in memory.

pub mod columns;
pub mod copy;
pub mod events;
pub mod filter;
pub mod ingest;
pub mod pipeline;
pub mod progress;
pub mod records;
pub mod report;
pub mod run;
mod steps;
pub mod upsert;
pub mod validate;

pub use crate::runs::RunStatus;
pub use report::{RunReport, StepMs};
pub use run::{ingest_demo_file, ingest_file, ingest_file_with};
pub use validate::{FileCheck, RejectReason};

/// Key of the PostgreSQL advisory lock that serialises ETL runs (any replica, any database
/// user): "VINOPSET" in ASCII.
pub const ETL_LOCK_KEY: i64 = 0x5649_4e4f_5053_4554;

/// Progress is logged every this many rows.
pub const PROGRESS_EVERY: usize = 50_000;
