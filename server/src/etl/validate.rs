//! File validation before any database write: is this the complete 59-column Copart CSV?
//!
//! One streaming pass over the file (constant memory): the bytes go through sha256 and a byte
//! counter while the capped record reader (`records`) counts records and remembers the last
//! record's field count. A blocked download (an HTML page served with status 200), a renamed
//! column, a body cut short, a file over the size cap or a quote never closed are refused here,
//! so the last good data stays live and nothing is half-written.
//!
//! Why an unterminated quote rejects the file rather than costing one row: the quote swallows
//! every following line into one field up to the end of the file, so the "row" it would cost is
//! really the rest of the export, and every lot on those lines would look gone (and be inferred
//! sold). The file's end is corrupt, which is the same signal as a truncated download.
//! The same holds for a quote that does close, but lines later: the record then spans several
//! lines and has the wrong number of fields (a real multi-line value keeps its 59), and the lots
//! on the swallowed lines would vanish from the file just the same.
//! A record that is merely too long (the parser finds its end at a line break) is one invalid
//! row, recorded with its reason by the ingest.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};
use vinops::header::{COLUMN_COUNT, check_header};

use super::records::{Next, RecordReader};
use crate::config::EtlLimits;

/// Why a file is not ingested. The `Display` text is what lands in `audit.runs.error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    #[error("empty file")]
    Empty,
    #[error("HTML page instead of CSV (blocked download?)")]
    Html,
    #[error("{0}")]
    Header(#[from] vinops::header::HeaderError),
    #[error("unreadable header: {0}")]
    UnreadableHeader(String),
    #[error("truncated download: {0}")]
    Truncated(String),
    #[error("file too large: {bytes} bytes, the limit is {max} bytes")]
    TooLarge { bytes: u64, max: u64 },
    #[error("unterminated quote: record {row} runs to the end of the file")]
    OpenQuote { row: u64 },
    #[error(
        "unbalanced quote: record {row} has {fields} fields and swallows {line_breaks} line \
         breaks"
    )]
    UnbalancedQuote {
        row: u64,
        fields: u64,
        line_breaks: u64,
    },
    #[error(
        "too many invalid rows: {invalid} by row {row} of {rows}, at most {allowed} allowed \
         (a wrong file?)"
    )]
    TooManyRowErrors {
        invalid: u64,
        row: u64,
        rows: u64,
        allowed: u64,
    },
}

/// What validation learned about an accepted file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub sha256: [u8; 32],
    pub bytes: u64,
    /// Data records (header excluded), as the csv reader counts them.
    pub records: u64,
}

/// Checks the file at `path`. `Ok(Err(reason))` is a rejected file; `Err` is an I/O failure.
/// A file over `limits`' size cap is refused from its metadata, before a byte is read.
pub fn check_file(path: &Path, limits: &EtlLimits) -> io::Result<Result<FileCheck, RejectReason>> {
    let file = File::open(path)?;
    let bytes = file.metadata()?.len();
    let max = limits.max_file_bytes();
    if bytes > max {
        return Ok(Err(RejectReason::TooLarge { bytes, max }));
    }
    // `take`: a file that grows while it is read still stops at the cap (+1, to notice).
    let input = BufReader::with_capacity(1 << 16, file.take(max.saturating_add(1)));
    let checked = check_reader(input, limits)?;
    if let Ok(c) = &checked
        && c.bytes > max
    {
        return Ok(Err(RejectReason::TooLarge {
            bytes: c.bytes,
            max,
        }));
    }
    Ok(checked)
}

/// [`check_file`] over any reader (tests use byte slices).
pub fn check_reader<R: Read>(
    mut input: R,
    limits: &EtlLimits,
) -> io::Result<Result<FileCheck, RejectReason>> {
    // Sniff the start before the csv reader sees it: an HTML page has no CSV header at all, and
    // "wrong header: missing 59 columns" would hide the real cause.
    let mut head = vec![0u8; 1024];
    let mut filled = 0;
    while filled < head.len() {
        let n = input.read(&mut head[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    head.truncate(filled);
    if head.is_empty() {
        return Ok(Err(RejectReason::Empty));
    }
    if looks_like_html(&head) {
        return Ok(Err(RejectReason::Html));
    }

    let mut tap = Tap {
        inner: io::Cursor::new(head).chain(input),
        hasher: Sha256::new(),
        bytes: 0,
        last_byte: None,
    };
    let mut reader = RecordReader::new(&mut tap, limits.max_record_bytes);
    let mut record = csv::ByteRecord::new();
    match reader.read(&mut record)? {
        Next::Record | Next::End => {}
        Next::Oversized(o) => {
            return Ok(Err(RejectReason::UnreadableHeader(format!(
                "the header record is {} bytes, over the record cap",
                o.bytes
            ))));
        }
    }
    let header = match csv::StringRecord::from_byte_record(record.clone()) {
        Ok(h) => h,
        Err(e) => return Ok(Err(RejectReason::UnreadableHeader(e.to_string()))),
    };
    if let Err(e) = check_header(header.iter()) {
        return Ok(Err(RejectReason::Header(e)));
    }
    let mut records = 0u64;
    let mut last_fields = COLUMN_COUNT;
    loop {
        let (fields, line_breaks) = match reader.skip()? {
            Next::Record if reader.last_fields() == COLUMN_COUNT => (COLUMN_COUNT as u64, 0),
            Next::Record => (reader.last_fields() as u64, reader.last_line_breaks()),
            // Too long for a row, but it ended at a line break: one invalid row (see ingest),
            // unless it took lines with it.
            Next::Oversized(o) => (o.fields, o.line_breaks),
            Next::End => break,
        };
        records += 1;
        last_fields = usize::try_from(fields).unwrap_or(usize::MAX);
        if line_breaks > 0 && last_fields != COLUMN_COUNT && !reader.last_ended_at_eof() {
            return Ok(Err(RejectReason::UnbalancedQuote {
                row: records,
                fields,
                line_breaks,
            }));
        }
    }
    let open_quote = records > 0 && reader.last_ended_at_eof();
    drop(reader);
    if tap.last_byte != Some(b'\n') {
        return Ok(Err(RejectReason::Truncated(
            "the file does not end with a line break".into(),
        )));
    }
    // The file ends with a line break, yet the last record did not end at one: it is inside a
    // quote that never closes.
    if open_quote {
        return Ok(Err(RejectReason::OpenQuote { row: records }));
    }
    if last_fields != COLUMN_COUNT {
        return Ok(Err(RejectReason::Truncated(format!(
            "the last record has {last_fields} fields, expected {COLUMN_COUNT}"
        ))));
    }
    Ok(Ok(FileCheck {
        sha256: tap.hasher.finalize().into(),
        bytes: tap.bytes,
        records,
    }))
}

/// `<html` or `<!DOCTYPE` at the start (after a BOM and whitespace), case-insensitively.
fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let rest = &head[start..];
    [b"<html".as_slice(), b"<!doctype".as_slice()]
        .iter()
        .any(|tag| rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag))
}

/// Hashes and counts everything read through it.
struct Tap<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
    last_byte: Option<u8>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.hasher.update(&buf[..n]);
            self.bytes += n as u64;
            self.last_byte = Some(buf[n - 1]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8]) -> Result<FileCheck, RejectReason> {
        check_reader(bytes, &EtlLimits::default()).expect("no i/o error")
    }

    #[test]
    fn html_is_rejected_before_header() {
        assert_eq!(
            check(b"  <!DOCTYPE html><html>blocked</html>\n"),
            Err(RejectReason::Html)
        );
        assert_eq!(check(b"\xEF\xBB\xBF<HTML>"), Err(RejectReason::Html));
        assert_eq!(check(b""), Err(RejectReason::Empty));
    }

    #[test]
    fn header_only_file_is_accepted_with_zero_records() {
        let header = vinops::header::HEADER.join(",").replace(
            "High Bid =non-vix,Sealed=Vix",
            "\"High Bid =non-vix,Sealed=Vix\"",
        );
        let c = check(format!("{header}\n").as_bytes()).expect("accepted");
        assert_eq!(c.records, 0);
        assert!(matches!(
            check(header.as_bytes()),
            Err(RejectReason::Truncated(_))
        ));
        assert!(matches!(
            check(b"a,b,c\n1,2,3\n"),
            Err(RejectReason::Header(_))
        ));
    }
}
