//! Requests to the photo API with the job's retry policy and network rules: every attempt and
//! every redirect hop takes a token from the shared bucket and is checked against the
//! [`NetPolicy`] before it is sent (https, allow-listed host, public address; see `net`);
//! bodies are read under a size cap (`body`). 429, 5xx, timeouts and connection failures are
//! retried with exponential backoff (or after the server's `Retry-After`, when it says one);
//! once the attempts are used up, or the server asks for a longer pause than the job waits
//! inline, the failure is handed back as [`Fetch::Transient`] with the time to come back, so
//! the lot is recorded for a later run instead of hammering. A refusal is never retried.

use std::time::Duration;

use bytes::Bytes;
use reqwest::{StatusCode, Url, header};

use super::body::{self, BodyError};
use super::counters::Counters;
use super::limiter::TokenBucket;
use super::net::{NetPolicy, Refusal, redact};

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
    /// Not requested: the URL, a redirect hop or the host's addresses break the network rules.
    Refused(String),
    /// The body passed the size cap (declared or streamed); nothing of it is kept.
    TooLarge(String),
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

/// What every request of a run goes through.
#[derive(Clone, Copy)]
pub struct Fetcher<'a> {
    pub client: &'a reqwest::Client,
    pub bucket: &'a TokenBucket,
    pub counters: &'a Counters,
    pub retry: &'a RetryPolicy,
    pub net: &'a NetPolicy,
}

/// Bounds of one request: `timeout` per attempt (headers and body), `max_bytes` of body.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Fetcher<'_> {
    /// GETs `url` under the retry policy and the network rules.
    pub async fn get(&self, url: &str, limits: Limits) -> Fetch {
        let policy = self.retry;
        let mut last_error = String::new();
        let mut last_retry_after = None;
        for attempt in 0..policy.attempts.max(1) {
            if attempt > 0 {
                self.counters.add_retry();
            }
            let wait = match self.once(url, limits).await {
                Attempt::Done(f) => {
                    match &f {
                        Fetch::Refused(_) => self.counters.add_refused(),
                        Fetch::TooLarge(_) => self.counters.add_rejected(),
                        _ => {}
                    }
                    return f;
                }
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

impl Fetcher<'_> {
    /// One attempt, following redirects by hand so each hop takes a token and is checked.
    async fn once(&self, url: &str, limits: Limits) -> Attempt {
        let mut url = match Url::parse(&upgrade_known_http(url)) {
            Ok(u) => u,
            Err(e) => {
                return Attempt::Done(Fetch::Permanent(format!("{}: {e}", redact(url))));
            }
        };
        for _ in 0..=MAX_REDIRECTS {
            if let Err(refusal) = self.net.check(&url) {
                return Attempt::Done(Fetch::Refused(refusal.to_string()));
            }
            self.bucket.acquire().await;
            let response = match self
                .client
                .get(url.clone())
                .timeout(limits.timeout)
                .send()
                .await
            {
                Ok(r) => r,
                Err(e) => return self.send_failed(&url, &e),
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
                        url = next;
                        continue;
                    }
                    None => {
                        return Attempt::Done(Fetch::Permanent(format!(
                            "{}: {status} without a usable Location",
                            redact(url.as_str())
                        )));
                    }
                }
            }
            if status == StatusCode::NOT_FOUND || status == StatusCode::GONE {
                return Attempt::Done(Fetch::NotFound);
            }
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                if status == StatusCode::TOO_MANY_REQUESTS {
                    self.counters.add_throttled();
                } else {
                    self.counters.add_server_error();
                }
                return Attempt::Retry {
                    error: format!("{}: HTTP {status}", redact(url.as_str())),
                    retry_after: retry_after(response.headers()),
                };
            }
            if !status.is_success() {
                return Attempt::Done(Fetch::Permanent(format!(
                    "{}: HTTP {status}",
                    redact(url.as_str())
                )));
            }
            return match body::read_capped(response, limits.max_bytes).await {
                Ok(b) => Attempt::Done(Fetch::Ok(b)),
                Err(e @ (BodyError::Declared { .. } | BodyError::Streamed { .. })) => {
                    Attempt::Done(Fetch::TooLarge(format!("{}: {e}", redact(url.as_str()))))
                }
                Err(BodyError::Read(e)) => {
                    if e.is_timeout() {
                        self.counters.add_timeout();
                    } else {
                        self.counters.add_connect_error();
                    }
                    Attempt::Retry {
                        error: format!(
                            "{}: reading the body: {}",
                            redact(url.as_str()),
                            error_chain(&e)
                        ),
                        retry_after: None,
                    }
                }
            };
        }
        Attempt::Done(Fetch::Permanent(format!(
            "{}: more than {MAX_REDIRECTS} redirects",
            redact(url.as_str())
        )))
    }

    /// A request that got no answer: refused by our resolver (the host's addresses), or a
    /// timeout / connection failure worth retrying.
    fn send_failed(&self, url: &Url, e: &reqwest::Error) -> Attempt {
        if let Some(refusal) = refusal_in(e) {
            return Attempt::Done(Fetch::Refused(format!(
                "{}: {refusal}",
                redact(url.as_str())
            )));
        }
        if e.is_timeout() {
            self.counters.add_timeout();
        } else {
            self.counters.add_connect_error();
        }
        Attempt::Retry {
            error: format!("{}: {}", redact(url.as_str()), error_chain(e)),
            retry_after: None,
        }
    }
}

/// The resolver's [`Refusal`] somewhere in the error's sources.
fn refusal_in<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refusal> {
    let mut source = Some(e);
    while let Some(err) = source {
        if let Some(r) = err.downcast_ref::<Refusal>() {
            return Some(r);
        }
        source = err.source();
    }
    None
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

/// Copart's photo API answers plain http with a 302 to https (and the export's `Image URL`s
/// are http): go to https directly and save a request. Other hosts are left alone, so plain
/// http anywhere else is refused.
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
