//! Requests to the photo API with the job's retry policy: every attempt and every redirect hop
//! takes a token from the shared bucket; 429, 5xx, timeouts and connection failures are retried
//! with exponential backoff (or after the server's `Retry-After`, when it says one); once the
//! attempts are used up, or the server asks for a longer pause than the job waits inline, the
//! failure is handed back as [`Fetch::Transient`] with the time to come back, so the lot is
//! recorded for a later run instead of hammering.

use std::time::Duration;

use bytes::Bytes;
use reqwest::{StatusCode, header};

use super::counters::Counters;
use super::limiter::TokenBucket;

/// How one request ended, after retries.
#[derive(Debug)]
pub enum Fetch {
    Ok(Bytes),
    /// 404 / 410: the photos are gone.
    NotFound,
    /// Still failing after the retries: come back after `retry_after` (when the server said).
    Transient {
        error: String,
        retry_after: Option<Duration>,
    },
    /// An answer retrying will not change (another 4xx, a redirect loop, a bad URL).
    Permanent(String),
}

/// The retry policy.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts per request (first one included).
    pub attempts: u32,
    /// First backoff; doubles per attempt up to `backoff_max`.
    pub backoff: Duration,
    pub backoff_max: Duration,
    /// The longest `Retry-After` waited out inline; a longer one ends the request.
    pub max_retry_after: Duration,
}

const MAX_REDIRECTS: usize = 3;

/// GETs `url` under the policy. `timeout` bounds each attempt (headers and body).
pub async fn get(
    client: &reqwest::Client,
    bucket: &TokenBucket,
    counters: &Counters,
    policy: &RetryPolicy,
    url: &str,
    timeout: Duration,
) -> Fetch {
    let mut last_error = String::new();
    let mut last_retry_after = None;
    for attempt in 0..policy.attempts.max(1) {
        if attempt > 0 {
            counters.add_retry();
        }
        let wait = match once(client, bucket, counters, url, timeout).await {
            Attempt::Done(f) => return f,
            Attempt::Retry { error, retry_after } => {
                last_error = error;
                last_retry_after = retry_after;
                match retry_after {
                    Some(ra) if ra > policy.max_retry_after => {
                        return Fetch::Transient {
                            error: last_error,
                            retry_after: Some(ra),
                        };
                    }
                    Some(ra) => ra,
                    None => backoff(policy, attempt),
                }
            }
        };
        if attempt + 1 < policy.attempts {
            tokio::time::sleep(wait).await;
        }
    }
    Fetch::Transient {
        error: last_error,
        retry_after: last_retry_after,
    }
}

/// `backoff · 2^attempt`, capped.
pub fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    policy
        .backoff
        .saturating_mul(1u32 << attempt.min(16))
        .min(policy.backoff_max)
}

enum Attempt {
    Done(Fetch),
    Retry {
        error: String,
        retry_after: Option<Duration>,
    },
}

/// One attempt, following redirects by hand so each hop takes a token too.
async fn once(
    client: &reqwest::Client,
    bucket: &TokenBucket,
    counters: &Counters,
    url: &str,
    timeout: Duration,
) -> Attempt {
    let mut url = upgrade_known_http(url);
    for _ in 0..=MAX_REDIRECTS {
        bucket.acquire().await;
        let response = match client.get(&url).timeout(timeout).send().await {
            Ok(r) => r,
            Err(e) => {
                if e.is_timeout() {
                    counters.add_timeout();
                } else {
                    counters.add_connect_error();
                }
                return Attempt::Retry {
                    error: format!("{}: {}", redact(&url), error_chain(&e)),
                    retry_after: None,
                };
            }
        };
        let status = response.status();
        if status.is_redirection() {
            let next = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| response.url().join(loc).ok());
            match next {
                Some(next) => {
                    url = next.to_string();
                    continue;
                }
                None => {
                    return Attempt::Done(Fetch::Permanent(format!(
                        "{}: {status} without a usable Location",
                        redact(&url)
                    )));
                }
            }
        }
        if status == StatusCode::NOT_FOUND || status == StatusCode::GONE {
            return Attempt::Done(Fetch::NotFound);
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            if status == StatusCode::TOO_MANY_REQUESTS {
                counters.add_throttled();
            } else {
                counters.add_server_error();
            }
            return Attempt::Retry {
                error: format!("{}: HTTP {status}", redact(&url)),
                retry_after: retry_after(response.headers()),
            };
        }
        if !status.is_success() {
            return Attempt::Done(Fetch::Permanent(format!("{}: HTTP {status}", redact(&url))));
        }
        return match response.bytes().await {
            Ok(b) => Attempt::Done(Fetch::Ok(b)),
            Err(e) => {
                if e.is_timeout() {
                    counters.add_timeout();
                } else {
                    counters.add_connect_error();
                }
                Attempt::Retry {
                    error: format!("{}: reading the body: {}", redact(&url), error_chain(&e)),
                    retry_after: None,
                }
            }
        };
    }
    Attempt::Done(Fetch::Permanent(format!(
        "{}: more than {MAX_REDIRECTS} redirects",
        redact(&url)
    )))
}

/// `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3).
pub fn retry_after(headers: &header::HeaderMap) -> Option<Duration> {
    let v = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = crate::http_date::parse_http_date(v)?;
    Some((at - chrono::Utc::now()).to_std().unwrap_or(Duration::ZERO))
}

/// Copart's photo API answers plain http with a 302 to https: go to https directly and save a
/// request. Other hosts (the simulator) are left alone.
pub fn upgrade_known_http(url: &str) -> String {
    match url.strip_prefix("http://") {
        Some(rest) => {
            let host = rest.split(['/', '?', ':']).next().unwrap_or_default();
            if host == "copart.io" || host.ends_with(".copart.io") {
                format!("https://{rest}")
            } else {
                url.to_owned()
            }
        }
        None => url.to_owned(),
    }
}

/// `url` with its scheme and host (and port) replaced by `base`'s; path and query kept.
pub fn rebase(url: &str, base: &str) -> String {
    let path = url
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map_or("", |i| &rest[i..]))
        .unwrap_or(url);
    format!("{}{path}", base.trim_end_matches('/'))
}

/// The URL without its query string (image API URLs carry none that are secret, but keep logs
/// short and uniform).
fn redact(url: &str) -> String {
    url.split('?').next().unwrap_or_default().to_owned()
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copart_http_becomes_https_and_nothing_else_does() {
        assert_eq!(
            upgrade_known_http(
                "http://inventoryv2.copart.io/v1/lotImages/1?country=us&brand=cprt&yardNumber=2"
            ),
            "https://inventoryv2.copart.io/v1/lotImages/1?country=us&brand=cprt&yardNumber=2"
        );
        assert_eq!(
            upgrade_known_http("http://127.0.0.1:9300/v1/lotImages/1"),
            "http://127.0.0.1:9300/v1/lotImages/1"
        );
        assert_eq!(
            upgrade_known_http("http://evilcopart.io/x"),
            "http://evilcopart.io/x"
        );
    }

    #[test]
    fn rebase_keeps_path_and_query() {
        assert_eq!(
            rebase(
                "http://inventoryv2.copart.io/v1/lotImages/5?country=us&yardNumber=2",
                "http://127.0.0.1:9300/"
            ),
            "http://127.0.0.1:9300/v1/lotImages/5?country=us&yardNumber=2"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = header::HeaderMap::new();
        h.insert(header::RETRY_AFTER, "7".parse().expect("value"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let later =
            crate::http_date::http_date(chrono::Utc::now() + chrono::TimeDelta::seconds(120));
        h.insert(header::RETRY_AFTER, later.parse().expect("value"));
        let d = retry_after(&h).expect("date");
        assert!((110..=121).contains(&d.as_secs()), "{d:?}");
        h.insert(header::RETRY_AFTER, "soon".parse().expect("value"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy {
            attempts: 5,
            backoff: Duration::from_millis(500),
            backoff_max: Duration::from_secs(4),
            max_retry_after: Duration::from_secs(30),
        };
        let got: Vec<u64> = (0..5).map(|a| backoff(&p, a).as_millis() as u64).collect();
        assert_eq!(got, [500, 1000, 2000, 4000, 4000]);
    }
}
