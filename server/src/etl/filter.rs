//! Which rows of a file need the database: the unchanged-row filter, duplicate lot numbers, and
//! the file's lot set — decided in the parser, before any row is sent.
//!
//! Copart re-sends every live lot every ~15 minutes and ~3% of them change. Sending all 150k
//! rows to staging and letting SQL find the 3% costs seconds of COPY and joins per file; here a
//! row goes to staging only when its hash differs from the hash of the row that last wrote the
//! lot (`lots.row_hash`, loaded once per run). The hash only filters: a staged row still goes
//! through the column-by-column comparison and last-write-wins, so a hash mismatch can cost work
//! but never skip a change.
//!
//! Duplicate lot numbers in one file are settled here too, with the same rule the upsert used to
//! apply in SQL: the row with the newest `Last Updated Time` wins, the later row on a tie; every
//! other row of that lot becomes a row error. A loser that was already sent to staging is
//! retracted (deleted by row number) after the COPY.
//!
//! The same two sets give the file's departures and arrivals: live lots the file does not list,
//! and listed lots that are not live (new, or back after leaving). Diffing here rather than in
//! SQL keeps the events step to a few index lookups (an anti-join of 150k lots against an
//! unnested array is where the planner's 10-row guess for `unnest` turns quadratic).
//!
//! Memory: two hash maps keyed by the 32-bit lot number (the stored hashes of live lots, and this
//! file's lots), sized up front from the live-lot and record counts so they never double while
//! full — ~40 bytes per lot with the maps' spare room, nothing per row beyond that.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

/// The newest row of a lot seen so far in this file (16 bytes: the map holds one per lot).
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// `Last Updated Time` in microseconds since the epoch.
    updated: i64,
    row_no: u32,
    staged: bool,
}

/// `lots.row_hash` of a live lot written before hashes existed (NULL). A row whose own hash
/// happens to be 0 is simply always staged: the filter may only err towards work.
pub const NO_HASH: i64 = 0;

/// A row that lost to a newer row of the same lot number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    pub row_no: u32,
    pub lot_number: u32,
}

/// What to do with a parsed row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send it to staging.
    Stage,
    /// Identical to the stored lot: nothing to write.
    Unchanged,
    /// An older duplicate of a lot already seen in this file.
    Duplicate,
}

/// The most rows the per-file map is sized for up front: 13× a real export. The hint counts
/// records, and a hostile file of a billion one-byte records would otherwise reserve tens of GB
/// before its first row is parsed (only valid rows enter the map; past this it grows as needed).
pub const PRESIZE_MAX: usize = 2_000_000;

/// The per-file state of the filter.
#[derive(Debug, Default)]
pub struct FileLots {
    /// Live lots (not disappeared) → their `row_hash` ([`NO_HASH`] for NULL).
    stored: HashMap<u32, i64>,
    seen: HashMap<u32, Seen>,
    /// Lot numbers of rows that failed parsing elsewhere: the lot is still in the file.
    invalid: Vec<u32>,
    retract: Vec<i32>,
    duplicates: Vec<Duplicate>,
}

impl FileLots {
    /// `stored`: lot number → `row_hash` of every live lot (an empty map stages every row);
    /// `rows_hint`: about how many rows the file has (sizes the per-file map once, up to
    /// [`PRESIZE_MAX`]).
    pub fn new(stored: HashMap<u32, i64>, rows_hint: usize) -> Self {
        Self {
            stored,
            seen: HashMap::with_capacity(rows_hint.min(PRESIZE_MAX)),
            ..Self::default()
        }
    }

    /// Decides for one valid row. Returns the decision and, when this row supersedes an earlier
    /// row of the same lot, that earlier row (a duplicate to record).
    pub fn offer(
        &mut self,
        lot_number: u32,
        row_no: u32,
        updated: DateTime<Utc>,
        hash: i64,
    ) -> (Decision, Option<Duplicate>) {
        let updated = updated.timestamp_micros();
        let changed = hash == NO_HASH || self.stored.get(&lot_number) != Some(&hash);
        let decision = if changed {
            Decision::Stage
        } else {
            Decision::Unchanged
        };
        let Some(prev) = self.seen.get_mut(&lot_number) else {
            self.seen.insert(
                lot_number,
                Seen {
                    row_no,
                    updated,
                    staged: changed,
                },
            );
            return (decision, None);
        };
        // Rows come in file order, so this row is the later one: it wins unless it is older.
        if updated < prev.updated {
            let lost = Duplicate { row_no, lot_number };
            self.duplicates.push(lost);
            return (Decision::Duplicate, Some(lost));
        }
        let lost = Duplicate {
            row_no: prev.row_no,
            lot_number,
        };
        self.duplicates.push(lost);
        if prev.staged {
            // Row numbers fit i32: the parser stops at u32 overflow and files are far smaller.
            self.retract
                .push(i32::try_from(prev.row_no).unwrap_or(i32::MAX));
        }
        *prev = Seen {
            row_no,
            updated,
            staged: changed,
        };
        (decision, Some(lost))
    }

    /// A row that failed parsing but whose lot number is readable: the lot is still listed, so
    /// it must not be taken for gone.
    pub fn note_invalid(&mut self, lot_number: u32) {
        self.invalid.push(lot_number);
    }

    /// Distinct lot numbers with a valid row.
    pub fn valid_lots(&self) -> usize {
        self.seen.len()
    }

    /// Rows set aside as duplicates so far.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// Ends the file: the sorted, distinct lot numbers it lists (valid rows and readable lot
    /// numbers of invalid ones), its departures and arrivals, and the staged rows to retract.
    pub fn finish(self) -> FileLotSet {
        let mut lots: Vec<u32> = self.seen.into_keys().chain(self.invalid).collect();
        lots.sort_unstable();
        lots.dedup();
        let arrived: Vec<i64> = lots
            .iter()
            .filter(|n| !self.stored.contains_key(n))
            .map(|&n| i64::from(n))
            .collect();
        let mut departed: Vec<i64> = self
            .stored
            .into_keys()
            .filter(|n| lots.binary_search(n).is_err())
            .map(i64::from)
            .collect();
        departed.sort_unstable();
        let lots = lots.into_iter().map(i64::from).collect();
        FileLotSet {
            lots,
            departed,
            arrived,
            retract: self.retract,
        }
    }
}

/// The outcome of [`FileLots::finish`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileLotSet {
    /// Every lot number the file lists, sorted.
    pub lots: Vec<i64>,
    /// Live lots the file does not list: they left the export. Sorted.
    pub departed: Vec<i64>,
    /// Listed lots that were not live: new lot numbers, or lots back after leaving. Sorted.
    pub arrived: Vec<i64>,
    /// Staged row numbers superseded by a newer row of the same lot.
    pub retract: Vec<i32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_huge_row_count_does_not_reserve_a_huge_map() {
        let lots = FileLots::new(HashMap::new(), 1 << 40);
        assert!(lots.seen.capacity() < 2 * PRESIZE_MAX);
    }

    fn t(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 10, 15, 12, min, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn unchanged_rows_are_not_staged() {
        let mut f = FileLots::new(HashMap::from([(1, 111), (2, 222), (4, NO_HASH)]), 3);
        assert_eq!(f.offer(1, 1, t(0), 111).0, Decision::Unchanged);
        assert_eq!(f.offer(2, 2, t(0), 999).0, Decision::Stage);
        assert_eq!(f.offer(3, 3, t(0), 333).0, Decision::Stage);
        let set = f.finish();
        assert_eq!(set.lots, vec![1, 2, 3]);
        assert!(set.retract.is_empty());
        assert_eq!(set.departed, vec![4]);
        assert_eq!(set.arrived, vec![3]);
    }

    #[test]
    fn newer_duplicate_wins_and_retracts_the_staged_loser() {
        let mut f = FileLots::new(HashMap::new(), 0);
        assert_eq!(f.offer(7, 1, t(0), 1).0, Decision::Stage);
        let (d, lost) = f.offer(7, 2, t(5), 2);
        assert_eq!(d, Decision::Stage);
        assert_eq!(
            lost,
            Some(Duplicate {
                row_no: 1,
                lot_number: 7
            })
        );
        // An older third row loses to the second.
        let (d, lost) = f.offer(7, 3, t(1), 3);
        assert_eq!(d, Decision::Duplicate);
        assert_eq!(lost.map(|l| l.row_no), Some(3));
        assert_eq!(f.duplicates().len(), 2);
        let set = f.finish();
        assert_eq!(set.lots, vec![7]);
        assert_eq!(set.retract, vec![1]);
    }

    #[test]
    fn equal_times_keep_the_later_row() {
        let mut f = FileLots::new(HashMap::new(), 0);
        f.offer(7, 1, t(0), 1);
        let (d, lost) = f.offer(7, 2, t(0), 2);
        assert_eq!(d, Decision::Stage);
        assert_eq!(lost.map(|l| l.row_no), Some(1));
    }

    #[test]
    fn an_unchanged_winner_over_a_staged_loser_retracts_it_and_stages_nothing() {
        // Row 1 differs from the stored lot, row 2 (newer) equals it: the stored lot is already
        // right, so nothing of lot 7 may stay in staging.
        let mut f = FileLots::new(HashMap::from([(7, 70)]), 2);
        assert_eq!(f.offer(7, 1, t(0), 71).0, Decision::Stage);
        assert_eq!(f.offer(7, 2, t(1), 70).0, Decision::Unchanged);
        assert_eq!(f.finish().retract, vec![1]);
    }

    #[test]
    fn invalid_rows_keep_their_lot_in_the_set() {
        let mut f = FileLots::new(HashMap::from([(9, 90)]), 1);
        f.offer(5, 1, t(0), 1);
        f.note_invalid(9);
        f.note_invalid(5);
        assert_eq!(f.valid_lots(), 1);
        let set = f.finish();
        assert_eq!(set.lots, vec![5, 9]);
        assert!(
            set.departed.is_empty(),
            "an unreadable row is not a departure"
        );
    }

    #[test]
    fn a_lot_without_a_stored_hash_is_always_staged() {
        let mut f = FileLots::new(HashMap::from([(4, NO_HASH)]), 1);
        assert_eq!(f.offer(4, 1, t(0), 44).0, Decision::Stage);
        assert!(f.finish().arrived.is_empty(), "it was live already");
    }
}
