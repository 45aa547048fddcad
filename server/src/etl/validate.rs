//! File validation before any database write: is this the complete 59-column Copart CSV?
//!
//! One streaming pass over the file (constant memory): the bytes go through sha256 and a byte
//! counter while a flexible csv reader counts records and remembers the last record's field
//! count. A blocked download (an HTML page served with status 200), a renamed column or a body cut
//! short are refused here, so the last good data stays live and nothing is half-written.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};
use vinops::header::{COLUMN_COUNT, check_header};

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
pub fn check_file(path: &Path) -> io::Result<Result<FileCheck, RejectReason>> {
    let file = File::open(path)?;
    check_reader(BufReader::with_capacity(1 << 16, file))
}

/// [`check_file`] over any reader (tests use byte slices).
pub fn check_reader<R: Read>(mut input: R) -> io::Result<Result<FileCheck, RejectReason>> {
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(&mut tap);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return reject_or_io(e, RejectReason::UnreadableHeader),
    };
    if let Err(e) = check_header(header.iter()) {
        return Ok(Err(RejectReason::Header(e)));
    }
    let mut record = csv::ByteRecord::new();
    let mut records = 0u64;
    let mut last_fields = COLUMN_COUNT;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                records += 1;
                last_fields = record.len();
            }
            Ok(false) => break,
            Err(e) => return reject_or_io(e, RejectReason::Truncated),
        }
    }
    drop(reader);
    if tap.last_byte != Some(b'\n') {
        return Ok(Err(RejectReason::Truncated(
            "the file does not end with a line break".into(),
        )));
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

/// An I/O error stays an error; a CSV syntax error is a property of the file.
fn reject_or_io(
    e: csv::Error,
    reject: impl FnOnce(String) -> RejectReason,
) -> io::Result<Result<FileCheck, RejectReason>> {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Err(io),
        other => Ok(Err(reject(format!("{other:?}")))),
    }
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
        check_reader(bytes).expect("no i/o error")
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
