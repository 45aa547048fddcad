//! Downloading the Copart export: conditional GET, streamed to a temp file while its sha256 is
//! computed, with the length checked and an early look at the first bytes.
//!
//! The URL carries Copart's secret token, so it is never logged, never put in an error (reqwest
//! errors are stripped of their URL) and never stored. A download that is not plausibly the CSV
//! (HTML block page, short body) fails here, before the ingest looks at it; the ingest's full
//! validation (header, last record) runs next, and until both pass nothing is written and the
//! last good data stays live.
//!
//! The body is capped (`max_bytes`): a `Content-Length` over the cap is refused before a byte is
//! read, and a body without one (or one that lies) is cut as soon as it passes the cap, its
//! partial file deleted. `.part` files that a killed process left behind are removed before
//! each download.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use reqwest::header::{
    CONTENT_LENGTH, ETAG, HeaderMap, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

/// How to reach the export. `Debug` is hand-written so the token never reaches a log.
#[derive(Clone)]
pub struct FetchConfig {
    pub url: String,
    pub cookie: Option<String>,
    pub user_agent: String,
    pub referer: Option<String>,
    /// Whole-request timeout (Copart's file is ~96 MB).
    pub timeout: Duration,
    /// Attempts for transient failures (5xx, network errors, truncated bodies).
    pub attempts: u32,
    /// First backoff; doubles on each retry.
    pub backoff: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

impl std::fmt::Debug for FetchConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchConfig")
            .field("url", &crate::config::redact_url(&self.url))
            .field("cookie", &self.cookie.as_ref().map(|_| "***"))
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("attempts", &self.attempts)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// Validators of the last good download, sent back so an unchanged export costs a 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug)]
pub struct Download {
    /// A temp file in the requested directory; the caller archives or deletes it.
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: [u8; 32],
    pub validators: Validators,
    pub last_modified: Option<DateTime<Utc>>,
    pub elapsed: Duration,
    pub attempts: u32,
}

#[derive(Debug)]
pub enum FetchOutcome {
    /// The server answered 304: the export has not changed since the last good download.
    NotModified,
    Downloaded(Download),
}

/// Why a download failed. Messages never contain the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("upstream answered HTTP {0}")]
    Status(u16),
    #[error("network error: {0}")]
    Network(#[source] reqwest::Error),
    #[error("truncated download: got {got} of {expected} bytes")]
    Truncated { expected: u64, got: u64 },
    #[error("not a CSV export: {0}")]
    NotCsv(&'static str),
    #[error("too large: the export is over the cap of {max} bytes")]
    TooLarge { max: u64 },
    #[error("writing the download: {0}")]
    Io(#[from] std::io::Error),
}

impl FetchError {
    /// Worth another attempt: the server or the network may do better in a few seconds. A
    /// block page or a 4xx will not.
    fn is_transient(&self) -> bool {
        match self {
            FetchError::Status(s) => *s >= 500 || *s == 429,
            FetchError::Network(_) | FetchError::Truncated { .. } => true,
            FetchError::NotCsv(_) | FetchError::TooLarge { .. } | FetchError::Io(_) => false,
        }
    }
}

/// Downloads the export into `dir`, retrying transient failures with exponential backoff.
pub async fn fetch(
    client: &reqwest::Client,
    cfg: &FetchConfig,
    prev: &Validators,
    dir: &Path,
) -> Result<FetchOutcome, FetchError> {
    clean_stale_parts(dir, cfg.timeout + STALE_PART_MARGIN).await;
    let started = Instant::now();
    let mut delay = cfg.backoff;
    let mut attempt = 1;
    loop {
        match fetch_once(client, cfg, prev, dir).await {
            Ok(FetchOutcome::Downloaded(mut d)) => {
                d.elapsed = started.elapsed();
                d.attempts = attempt;
                return Ok(FetchOutcome::Downloaded(d));
            }
            Ok(other) => return Ok(other),
            Err(e) if e.is_transient() && attempt < cfg.attempts.max(1) => {
                tracing::warn!(attempt, error = %e, retry_in_ms = delay.as_millis() as u64, "export download failed, retrying");
                tokio::time::sleep(delay).await;
                delay = delay.saturating_mul(2);
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn fetch_once(
    client: &reqwest::Client,
    cfg: &FetchConfig,
    prev: &Validators,
    dir: &Path,
) -> Result<FetchOutcome, FetchError> {
    let mut req = client
        .get(&cfg.url)
        .timeout(cfg.timeout)
        .header(reqwest::header::USER_AGENT, &cfg.user_agent);
    if let Some(referer) = &cfg.referer {
        req = req.header(reqwest::header::REFERER, referer);
    }
    if let Some(cookie) = &cfg.cookie {
        req = req.header(reqwest::header::COOKIE, cookie);
    }
    if let Some(etag) = &prev.etag {
        req = req.header(IF_NONE_MATCH, etag);
    }
    if let Some(lm) = &prev.last_modified {
        req = req.header(IF_MODIFIED_SINCE, lm);
    }
    let mut resp = req
        .send()
        .await
        .map_err(|e| FetchError::Network(e.without_url()))?;
    match resp.status() {
        StatusCode::NOT_MODIFIED => return Ok(FetchOutcome::NotModified),
        s if s.is_success() => {}
        s => return Err(FetchError::Status(s.as_u16())),
    }
    let headers = resp.headers().clone();
    let expected = header_str(&headers, CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok());
    if expected.is_some_and(|n| n > cfg.max_bytes) {
        return Err(FetchError::TooLarge { max: cfg.max_bytes });
    }

    let path = dir.join(format!(
        "download-{}.csv.part",
        uuid::Uuid::new_v4().simple()
    ));
    let result = stream_to_file(&mut resp, &path, expected, cfg.max_bytes).await;
    let (bytes, sha256) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(e);
        }
    };
    let last_modified_raw = header_str(&headers, LAST_MODIFIED).map(str::to_owned);
    let last_modified = last_modified_raw
        .as_deref()
        .and_then(crate::http_date::parse_http_date);
    Ok(FetchOutcome::Downloaded(Download {
        path,
        bytes,
        sha256,
        validators: Validators {
            etag: header_str(&headers, ETAG).map(str::to_owned),
            last_modified: last_modified_raw,
        },
        last_modified,
        elapsed: Duration::ZERO,
        attempts: 1,
    }))
}

/// Streams the body to `path`, hashing as it goes; memory stays at one chunk whatever the size.
async fn stream_to_file(
    resp: &mut reqwest::Response,
    path: &Path,
    expected: Option<u64>,
    max_bytes: u64,
) -> Result<(u64, [u8; 32]), FetchError> {
    let mut file = tokio::fs::File::create(path).await?;
    let mut hasher = Sha256::new();
    let mut bytes = 0u64;
    let mut first = true;
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            // A connection cut mid-body: with a Content-Length we know it is a truncation.
            Err(e) => {
                return Err(match expected {
                    Some(expected) if bytes < expected => FetchError::Truncated {
                        expected,
                        got: bytes,
                    },
                    _ => FetchError::Network(e.without_url()),
                });
            }
        };
        if first {
            sniff(&chunk)?;
            first = false;
        }
        // Checked before the chunk is written: the file never holds more than the cap.
        if bytes + chunk.len() as u64 > max_bytes {
            return Err(FetchError::TooLarge { max: max_bytes });
        }
        hasher.update(&chunk);
        bytes += chunk.len() as u64;
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    file.sync_all().await?;
    if let Some(expected) = expected
        && bytes != expected
    {
        return Err(FetchError::Truncated {
            expected,
            got: bytes,
        });
    }
    if bytes == 0 {
        return Err(FetchError::NotCsv("empty body"));
    }
    Ok((bytes, hasher.finalize().into()))
}

/// How long past the download timeout a `.part` file must have been left untouched before it is
/// deleted as stale: a download older than its timeout is dead, and the ingest that reads the
/// finished file (still named `.part`) takes about a minute for a real export. An hour leaves a
/// wide margin for a slow ingest on another process sharing the directory.
const STALE_PART_MARGIN: Duration = Duration::from_secs(3600);

/// Deletes the `*.part` files in `dir` not modified for `older_than`: what a process killed
/// mid-download (or mid-ingest) left. Best effort: a failure is logged, never fatal.
pub async fn clean_stale_parts(dir: &Path, older_than: Duration) {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            tracing::warn!(error = %e, dir = %dir.display(), "cannot list the download directory");
            return;
        }
    };
    loop {
        let entry = match entries.next_entry().await {
            Ok(Some(e)) => e,
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(error = %e, "cannot list the download directory");
                break;
            }
        };
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "part") {
            continue;
        }
        let stale = match entry.metadata().await.and_then(|m| m.modified()) {
            Ok(modified) => modified.elapsed().is_ok_and(|age| age >= older_than),
            Err(_) => false,
        };
        if stale {
            match tokio::fs::remove_file(&path).await {
                Ok(()) => {
                    tracing::info!(file = %path.display(), "removed a stale partial download")
                }
                Err(e) => {
                    tracing::warn!(error = %e, file = %path.display(), "cannot remove a stale partial download")
                }
            }
        }
    }
}

/// A blocked request comes back as HTTP 200 with an HTML page (Incapsula); the export starts
/// with its header line, whose first column is `Id`.
fn sniff(first: &[u8]) -> Result<(), FetchError> {
    let text = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &text[i..]);
    if start.first() == Some(&b'<') {
        return Err(FetchError::NotCsv(
            "HTML page instead of CSV (blocked download?)",
        ));
    }
    Ok(())
}

fn header_str(headers: &HeaderMap<HeaderValue>, name: reqwest::header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_sniffed_out() {
        assert!(sniff(b"<html style=\"height:100%\">").is_err());
        assert!(sniff(b"\xEF\xBB\xBF  \n<!DOCTYPE html>").is_err());
        assert!(sniff(b"Id,Yard number,Yard name").is_ok());
    }

    #[test]
    fn debug_hides_the_token_and_cookie() {
        let cfg = FetchConfig {
            url: "https://inventory.copart.io/FTPLSTDM/salesdata.cgi?authKey=SECRET".into(),
            cookie: Some("session=SECRET".into()),
            user_agent: "ua".into(),
            referer: None,
            timeout: Duration::from_secs(1),
            attempts: 1,
            backoff: Duration::from_millis(1),
            max_bytes: 1,
        };
        let dbg = format!("{cfg:?}");
        assert!(!dbg.contains("SECRET"), "{dbg}");
    }

    #[test]
    fn transient_errors() {
        assert!(FetchError::Status(500).is_transient());
        assert!(FetchError::Status(429).is_transient());
        assert!(!FetchError::Status(403).is_transient());
        assert!(!FetchError::NotCsv("x").is_transient());
        assert!(!FetchError::TooLarge { max: 1 }.is_transient());
        assert!(
            FetchError::Truncated {
                expected: 2,
                got: 1
            }
            .is_transient()
        );
    }
}
