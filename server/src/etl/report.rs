//! What one ETL run did ([`RunReport`], printed by `etl ingest` and `etl run`), and how it goes
//! into the run's `audit.runs` row ([`RunReport::figures`]).

use serde::Serialize;

use super::events::EventCounts;
use super::ingest::Parsed;
use super::upsert::UpsertCounts;
use super::validate::FileCheck;
use crate::runs::{EtlFigures, EtlRows, RunStatus};

/// Milliseconds per step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StepMs {
    pub validate: u64,
    pub parse_copy: u64,
    pub events: u64,
    pub upsert: u64,
    pub outcomes: u64,
    pub prune: u64,
}

impl StepMs {
    /// Each step with its name (the `step_ms` JSON keys), in pipeline order.
    pub fn named(&self) -> [(&'static str, u64); 6] {
        [
            ("validate", self.validate),
            ("parse_copy", self.parse_copy),
            ("events", self.events),
            ("upsert", self.upsert),
            ("outcomes", self.outcomes),
            ("prune", self.prune),
        ]
    }
}

/// What a run did; the same figures are in its `audit.runs` row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub run_id: i64,
    pub status: RunStatus,
    /// Why the run was skipped or failed.
    pub reason: Option<String>,
    pub file_id: Option<i64>,
    pub bytes: u64,
    pub rows_total: u64,
    /// `rows_total - rows_invalid`: exactly one row per lot number.
    pub rows_valid: u64,
    /// Rows that did not parse, plus duplicate lot numbers set aside.
    pub rows_invalid: u64,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    /// Of `unchanged`: rows older than the stored lot, not applied.
    pub stale: i64,
    /// Rows sent to staging: new lots and rows whose hash differs from their lot's (the rest
    /// were identical to the stored lot and never left the parser).
    pub staged: u64,
    pub vehicles_inserted: i64,
    pub vehicles_updated: i64,
    /// Lot events recorded and outcomes inferred from this file (history and outcomes).
    pub events: EventCounts,
    pub step_ms: StepMs,
    pub total_ms: u64,
}

impl RunReport {
    pub(crate) fn new(run_id: i64, status: RunStatus, reason: Option<String>) -> Self {
        Self {
            run_id,
            status,
            reason,
            file_id: None,
            bytes: 0,
            rows_total: 0,
            rows_valid: 0,
            rows_invalid: 0,
            inserted: 0,
            updated: 0,
            unchanged: 0,
            stale: 0,
            staged: 0,
            vehicles_inserted: 0,
            vehicles_updated: 0,
            events: EventCounts::default(),
            step_ms: StepMs::default(),
            total_ms: 0,
        }
    }

    /// The report of a run that ingested its file (`step_ms` and `total_ms` still to fill).
    pub(crate) fn ingested(
        run_id: i64,
        check: &FileCheck,
        file_id: i64,
        parsed: &Parsed,
        up: &UpsertCounts,
        events: EventCounts,
    ) -> Self {
        let c = &parsed.counts;
        let rows_invalid = c.rows_invalid + c.duplicates;
        Self {
            file_id: Some(file_id),
            bytes: check.bytes,
            rows_total: c.rows_total,
            rows_invalid,
            rows_valid: c.rows_total.saturating_sub(rows_invalid),
            inserted: up.lots_inserted,
            updated: up.lots_updated,
            unchanged: up.lots_unchanged,
            stale: up.lots_stale,
            staged: c.staged,
            vehicles_inserted: up.vehicles_inserted,
            vehicles_updated: up.vehicles_updated,
            events,
            ..Self::new(run_id, RunStatus::Succeeded, None)
        }
    }

    /// The run row's figures. How far the run got decides what is known: a rejected file
    /// (failed) left nothing but its reason; a skipped one was read (its size, and the file it
    /// repeats) but not ingested; an ingested one has every figure, its lot events included.
    /// `fetch_ms`: the download, when the run fetched the export.
    pub(crate) fn figures(&self, fetch_ms: Option<u64>) -> EtlFigures {
        let mut f = EtlFigures {
            fetch_ms,
            ..EtlFigures::default()
        };
        match self.status {
            RunStatus::Failed => {}
            RunStatus::Skipped => {
                f.file_id = self.file_id;
                f.bytes = Some(self.bytes);
            }
            RunStatus::Succeeded => {
                f.file_id = self.file_id;
                f.bytes = Some(self.bytes);
                f.rows = Some(EtlRows {
                    total: self.rows_total,
                    valid: self.rows_valid,
                    invalid: self.rows_invalid,
                    inserted: self.inserted,
                    updated: self.updated,
                    unchanged: self.unchanged,
                });
                f.steps = Some(self.step_ms);
                f.events = Some(self.events);
            }
        }
        f
    }
}
