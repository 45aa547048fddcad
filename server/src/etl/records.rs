//! The CSV record reader of the ETL, with memory bounded by construction.
//!
//! `csv::Reader` grows its record buffer to whatever a record needs: a 100 MB line, a quote that
//! is never closed (it swallows the rest of the file into one field) or a row of a million empty
//! fields would each be held whole, in the process that also serves pages. This reader drives
//! `csv_core` (the same parser, so every record within the caps reads exactly as before) with
//! buffers that stop growing at the cap: once a record passes `max_bytes` bytes or [`MAX_FIELDS`]
//! fields, its output is discarded as it is parsed and only its size is counted. The parser
//! itself never stops, so the next record starts where it would have anyway: an oversized line
//! costs one row, the rest of the file still reads.
//!
//! A UTF-8 BOM at the very start is skipped, as `csv::Reader` does. Empty lines are skipped by
//! the parser.

use std::io::{self, Read};

use csv::ByteRecord;
use csv_core::ReadRecordResult;

/// Fields kept per record. A Copart row has 59; a record with more is invalid anyway, and this
/// cap keeps a row of a million empty fields (1 MB of commas) from costing 8 MB of field ends.
pub const MAX_FIELDS: usize = 1024;

/// Input read per `read` call.
const INPUT_BUF: usize = 1 << 16;

fn count_breaks(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

/// One step of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// A record within the caps, now in the caller's `ByteRecord`.
    Record,
    /// A record over a cap: skipped, its size counted.
    Oversized(Oversized),
    /// No more records.
    End,
}

/// What is known of a record that was skipped for its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oversized {
    /// Bytes of input it spanned.
    pub bytes: u64,
    /// Fields it had.
    pub fields: u64,
    /// Line breaks inside its fields (inside quotes).
    pub line_breaks: u64,
    /// The key field (see [`RecordReader::with_key_field`]), when it was complete before the
    /// record passed a cap.
    pub key: Option<Vec<u8>>,
}

/// Reads records from `R` with at most `max_bytes` of field data and [`MAX_FIELDS`] fields
/// held per record.
pub struct RecordReader<R> {
    core: csv_core::Reader,
    input: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    eof: bool,
    bom_checked: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    max_bytes: usize,
    consumed: u64,
    last_ended_at_eof: bool,
    last_fields: usize,
    last_len: usize,
    key_field: Option<usize>,
}

impl<R: Read> RecordReader<R> {
    pub fn new(input: R, max_bytes: usize) -> Self {
        RecordReader {
            core: csv_core::Reader::new(),
            input,
            buf: vec![0; INPUT_BUF].into_boxed_slice(),
            pos: 0,
            len: 0,
            eof: false,
            bom_checked: false,
            out: vec![0; 1024.min(max_bytes.max(1))],
            ends: vec![0; 64],
            max_bytes: max_bytes.max(1),
            consumed: 0,
            last_ended_at_eof: false,
            last_fields: 0,
            last_len: 0,
            key_field: None,
        }
    }

    /// Keeps field `index` of an oversized record (the lot number: a lot whose row is too
    /// long is still listed in the file, and must not be taken for gone).
    pub fn with_key_field(mut self, index: usize) -> Self {
        self.key_field = Some(index);
        self
    }

    /// The key field out of the parsed part of the record, before a cap discards it.
    fn capture_key(&self, outlen: usize, endlen: usize) -> Option<Vec<u8>> {
        let i = self.key_field.filter(|&i| i < endlen)?;
        let from = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(self.out[from..self.ends[i].min(outlen)].to_vec())
    }

    /// Bytes of input consumed so far (BOM included).
    pub fn position(&self) -> u64 {
        self.consumed
    }

    /// Whether the last record returned was ended by the end of the input rather than by a
    /// line break: with a file that does end with a line break, that record is inside a quote
    /// that was never closed.
    pub fn last_ended_at_eof(&self) -> bool {
        self.last_ended_at_eof
    }

    /// Fields of the last record read or skipped (within the caps).
    pub fn last_fields(&self) -> usize {
        self.last_fields
    }

    /// Line breaks inside the fields of the last record read or skipped (within the caps):
    /// counted on demand, its bytes are still in the buffer.
    pub fn last_line_breaks(&self) -> u64 {
        count_breaks(&self.out[..self.last_len])
    }

    /// Makes sure there is input to parse unless the input is exhausted.
    fn fill(&mut self) -> io::Result<()> {
        while self.pos == self.len && !self.eof {
            let n = loop {
                match self.input.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            self.pos = 0;
            self.len = n;
            self.eof = n == 0;
            if !self.bom_checked {
                self.bom_checked = true;
                if self.buf[..n].starts_with(b"\xEF\xBB\xBF") {
                    self.pos = 3;
                    self.consumed += 3;
                }
            }
        }
        Ok(())
    }

    /// Reads the next record into `record` (cleared first).
    pub fn read(&mut self, record: &mut ByteRecord) -> io::Result<Next> {
        record.clear();
        self.next(Some(record))
    }

    /// Parses the next record without copying it out: only [`Self::last_fields`] and
    /// [`Self::last_line_breaks`] tell what it was (validation needs no more).
    pub fn skip(&mut self) -> io::Result<Next> {
        self.next(None)
    }

    fn next(&mut self, record: Option<&mut ByteRecord>) -> io::Result<Next> {
        let start = self.consumed;
        let (mut outlen, mut endlen) = (0usize, 0usize);
        let mut over = false;
        let mut dropped_fields = 0u64;
        let mut line_breaks = 0u64;
        let mut key = None;
        loop {
            self.fill()?;
            let input = &self.buf[self.pos..self.len];
            let at_eof = input.is_empty();
            let (res, nin, nout, nend) =
                self.core
                    .read_record(input, &mut self.out[outlen..], &mut self.ends[endlen..]);
            self.pos += nin;
            self.consumed += nin as u64;
            outlen += nout;
            endlen += nend;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    if self.out.len() < self.max_bytes {
                        let grown = self.out.len().saturating_mul(2).min(self.max_bytes);
                        self.out.resize(grown, 0);
                    } else {
                        // Over the cap: forget what was parsed, keep parsing into the same
                        // buffer so the record's end is still found.
                        if !over {
                            key = self.capture_key(outlen, endlen);
                        }
                        over = true;
                        line_breaks += count_breaks(&self.out[..outlen]);
                        outlen = 0;
                    }
                }
                ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() < MAX_FIELDS {
                        let grown = self.ends.len().saturating_mul(2).min(MAX_FIELDS);
                        self.ends.resize(grown, 0);
                    } else {
                        if !over {
                            key = self.capture_key(outlen, endlen);
                        }
                        over = true;
                        dropped_fields += endlen as u64;
                        endlen = 0;
                    }
                }
                ReadRecordResult::Record => {
                    self.last_ended_at_eof = at_eof;
                    if over {
                        return Ok(Next::Oversized(Oversized {
                            bytes: self.consumed - start,
                            fields: dropped_fields + endlen as u64,
                            line_breaks: line_breaks + count_breaks(&self.out[..outlen]),
                            key,
                        }));
                    }
                    self.last_fields = endlen;
                    self.last_len = outlen;
                    if let Some(record) = record {
                        let mut from = 0;
                        for &end in &self.ends[..endlen] {
                            record.push_field(&self.out[from..end]);
                            from = end;
                        }
                    }
                    return Ok(Next::Record);
                }
                ReadRecordResult::End => return Ok(Next::End),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step of the reader over `input`, records as strings.
    fn steps(input: &[u8], max: usize) -> Vec<Result<Vec<String>, Oversized>> {
        let mut r = RecordReader::new(input, max);
        let mut rec = ByteRecord::new();
        let mut out = Vec::new();
        loop {
            match r.read(&mut rec).expect("no i/o error") {
                Next::Record => out.push(Ok(rec
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect())),
                Next::Oversized(o) => out.push(Err(o)),
                Next::End => return out,
            }
        }
    }

    fn rec(fields: &[&str]) -> Result<Vec<String>, Oversized> {
        Ok(fields.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn reads_like_the_csv_crate_within_the_caps() {
        let input = b"\xEF\xBB\xBFa,b\r\n\n\"x,1\",\"q\"\"q\"\n\"multi\nline\",\n";
        assert_eq!(
            steps(input, 64),
            [
                rec(&["a", "b"]),
                rec(&["x,1", "q\"q"]),
                rec(&["multi\nline", ""])
            ]
        );
        // The same through the csv crate.
        let mut theirs = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&input[..]);
        let theirs: Vec<Vec<String>> = theirs
            .records()
            .map(|r| r.expect("ok").iter().map(str::to_owned).collect())
            .collect();
        let ours: Vec<Vec<String>> = steps(input, 64).into_iter().flatten().collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn an_oversized_line_is_skipped_and_the_next_one_reads() {
        let mut input = b"a,b\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 10_000));
        input.extend(b",y\nc,d\n");
        let got = steps(&input, 100);
        assert_eq!(got[0], rec(&["a", "b"]));
        assert_eq!(
            got[1],
            Err(Oversized {
                bytes: 10_003,
                fields: 2,
                line_breaks: 0,
                key: None
            })
        );
        assert_eq!(got[2], rec(&["c", "d"]));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn the_key_field_of_an_oversized_record_is_kept() {
        let mut input = b"a,b,c\n1,42,".to_vec();
        input.extend(std::iter::repeat_n(b'x', 10_000));
        input.extend(b"\n".iter());
        let mut r = RecordReader::new(&input[..], 100).with_key_field(1);
        let mut rec = ByteRecord::new();
        assert_eq!(r.read(&mut rec).expect("ok"), Next::Record);
        match r.read(&mut rec).expect("ok") {
            Next::Oversized(o) => assert_eq!(o.key.as_deref(), Some(&b"42"[..])),
            other => panic!("{other:?}"),
        }
        // The key field itself too long: not kept.
        let mut r = RecordReader::new(&input[..], 100).with_key_field(2);
        r.read(&mut rec).expect("ok");
        match r.read(&mut rec).expect("ok") {
            Next::Oversized(o) => assert_eq!(o.key, None),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_million_fields_are_counted_not_kept() {
        let mut input = vec![b','; 999_999];
        input.extend(b"\nc,d\n");
        let got = steps(&input, 1 << 20);
        assert_eq!(
            got[0],
            Err(Oversized {
                bytes: 1_000_000,
                fields: 1_000_000,
                line_breaks: 0,
                key: None
            })
        );
        assert_eq!(got[1], rec(&["c", "d"]));
    }

    #[test]
    fn skip_counts_fields_and_line_breaks_inside_quotes() {
        let mut r = RecordReader::new(&b"a,\"b\nc\nd\",e\nf\n"[..], 1024);
        assert_eq!(r.skip().expect("ok"), Next::Record);
        assert_eq!((r.last_fields(), r.last_line_breaks()), (3, 2));
        assert_eq!(r.skip().expect("ok"), Next::Record);
        assert_eq!((r.last_fields(), r.last_line_breaks()), (1, 0));
        assert_eq!(r.skip().expect("ok"), Next::End);
    }

    #[test]
    fn an_open_quote_ends_at_the_end_of_the_input() {
        let mut r = RecordReader::new(&b"a,b\n\"open,c\nd,e\n"[..], 1024);
        let mut rec = ByteRecord::new();
        assert_eq!(r.read(&mut rec).expect("ok"), Next::Record);
        assert!(!r.last_ended_at_eof());
        assert_eq!(r.read(&mut rec).expect("ok"), Next::Record);
        assert_eq!(rec.len(), 1, "the rest of the input is one field");
        assert!(r.last_ended_at_eof());
        assert_eq!(r.read(&mut rec).expect("ok"), Next::End);
    }
}
