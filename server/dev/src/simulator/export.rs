//! One rendered export version: the CSV bytes exactly as served, with the validators derived
//! from them (ETag from the content, Last-Modified from the version's clock), plus the broken
//! bodies the faults serve (renamed header column, cut-off bodies, the Incapsula block page).

use axum::body::Bytes;
use chrono::{DateTime, Utc};

use server::http_date::{http_date, parse_http_date};
use sha2::{Digest, Sha256};
use vinops::generator::{GeneratedLot, export_writer};
use vinops::header::{Col, HEADER};

/// What the `wrong_header` fault calls column 35 (the name the original ETL wrongly expected).
pub const WRONG_HIGH_BID_NAME: &str = "Current Bid";

/// The page Imperva/Incapsula serves with status 200 instead of the file when it blocks a client
/// (the bot-protection page a scripted download of the real export gets), abbreviated the same way.
pub const BLOCK_PAGE: &str = concat!(
    r#"<html style="height:100%"><head><META NAME="ROBOTS" CONTENT="NOINDEX, NOFOLLOW">"#,
    r#"<meta name="format-detection" content="telephone=no">"#,
    r#"<meta name="viewport" content="initial-scale=1.0">"#,
    r#"<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1"></head>"#,
    r#"<body style="margin:0px;height:100%"><script src="/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e6fffd425f7e032f3"></script>"#,
    r#"<iframe id="main-iframe" src="/_Incapsula_Resource?CWUDNSAI=9&xinfo=0-0-0" frameborder=0 width="100%" height="100%" marginheight="0px" marginwidth="0px">"#,
    r#"Request unsuccessful. Incapsula incident ID: 0-123456789012345678</iframe></body></html>"#,
);

/// One version of the export.
#[derive(Debug, Clone)]
pub struct Export {
    pub version: u64,
    /// The simulated time of the export (served as `Last-Modified`).
    pub clock: DateTime<Utc>,
    /// Data rows.
    pub rows: usize,
    /// The whole file: header line, then one line per lot, `\n` after every line.
    pub bytes: Bytes,
    /// Quoted: `"` + the first 16 hex digits of the body's SHA-256 + `"`.
    pub etag: String,
}

impl Export {
    pub fn render(
        lots: &[GeneratedLot],
        version: u64,
        clock: DateTime<Utc>,
    ) -> anyhow::Result<Self> {
        let mut buf = Vec::with_capacity(lots.len() * 700 + 1024);
        {
            let mut writer = export_writer(&mut buf);
            writer.write_record(HEADER)?;
            for lot in lots {
                lot.write_to(&mut writer)?;
            }
            writer.flush()?;
        }
        let etag = etag_of(&buf);
        Ok(Self {
            version,
            clock,
            rows: lots.len(),
            bytes: Bytes::from(buf),
            etag,
        })
    }

    /// `Last-Modified` of this version.
    pub fn last_modified(&self) -> String {
        http_date(self.clock)
    }

    /// Whether a conditional request can be answered 304. `If-None-Match` wins when present
    /// (RFC 9110 §13.2.2); otherwise `If-Modified-Since` at or after this version's time.
    pub fn not_modified(
        &self,
        if_none_match: Option<&str>,
        if_modified_since: Option<&str>,
    ) -> bool {
        if let Some(inm) = if_none_match {
            return inm
                .split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == "*" || t == self.etag);
        }
        if_modified_since
            .and_then(parse_http_date)
            .is_some_and(|since| since >= self.clock)
    }

    /// The same file with column 35 renamed, as when Copart changes its header.
    pub fn with_wrong_header(&self) -> anyhow::Result<Bytes> {
        let mut header = HEADER;
        header[Col::HighBid.index()] = WRONG_HIGH_BID_NAME;
        let mut out = Vec::with_capacity(self.bytes.len() + 64);
        {
            let mut writer = export_writer(&mut out);
            writer.write_record(header)?;
            writer.flush()?;
        }
        let body_start = self
            .bytes
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |p| p + 1);
        out.extend_from_slice(&self.bytes[body_start..]);
        Ok(Bytes::from(out))
    }

    /// Where to cut the body for the truncation faults: about 60% in, inside a record (never
    /// right after a line end, so the cut-off body cannot pass for a complete file).
    pub fn cut_point(&self) -> usize {
        let len = self.bytes.len();
        let mut cut = len * 6 / 10;
        while cut > 1 && self.bytes.get(cut - 1) == Some(&b'\n') {
            cut -= 1;
        }
        cut.max(1).min(len.saturating_sub(1))
    }
}

/// `"` + the first 16 hex digits of SHA-256 + `"`.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", &hex::encode(digest)[..16])
}
