//! Start-up warnings for connections to PostgreSQL and Redis that cross a network without an
//! authenticated TLS channel. Loopback and Unix sockets never leave the machine, so they are
//! fine plain; any other host gets a warning unless the URL asks for a verified certificate
//! (`sslmode=verify-full` or `verify-ca`, `rediss://`). A warning, not a refusal: a private
//! network the operator trusts is their call, but it must be a decision, never a default that
//! nobody noticed (libpq's `prefer` accepts any certificate, and a plain connection).

use std::net::IpAddr;

use crate::cache::CacheConfig;
use crate::config::DbConfig;

/// One line per connection setting that would travel unauthenticated (no secrets in them).
pub fn warnings(db: &DbConfig, cache: &CacheConfig) -> Vec<String> {
    let mut out = Vec::new();
    let databases = [
        ("DATABASE_URL", &db.database_url),
        ("ETL_DATABASE_URL", &db.etl_database_url),
        ("WEB_DATABASE_URL", &db.web_database_url),
    ];
    for (name, url) in databases {
        if let Some(host) = remote_host(url.expose()) {
            let mode = query_param(url.expose(), "sslmode").unwrap_or_else(|| "prefer".to_owned());
            if !matches!(mode.as_str(), "verify-full" | "verify-ca") {
                out.push(format!(
                    "{name} connects to {host} with sslmode={mode}: the server's certificate is not \
                     checked (use sslmode=verify-full and sslrootcert)"
                ));
            }
        }
    }
    let redis = cache.redis_url.expose().trim();
    if cache.enabled()
        && redis.starts_with("redis://")
        && let Some(host) = remote_host(redis)
    {
        out.push(format!(
            "REDIS_URL connects to {host} over plain redis://: cached pages and the password \
             cross the network unencrypted (use rediss://)"
        ));
    }
    out
}

/// True when `url` reaches a server on this machine (loopback or a Unix socket).
pub fn is_local(url: &str) -> bool {
    url::Url::parse(url).is_ok() && remote_host(url).is_none()
}

/// The host of `url` when it is neither loopback nor a Unix socket.
fn remote_host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    // `?host=/run/postgresql` (libpq's socket directory) wins over the authority.
    if query_param(url, "host").is_some_and(|h| h.starts_with('/')) {
        return None;
    }
    let host = parsed.host_str().filter(|h| !h.is_empty())?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    (!loopback).then(|| host.to_owned())
}

/// The value of `key` in `url`'s query string, if present.
pub fn query_param(url: &str, key: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    parsed
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(url: &str) -> DbConfig {
        DbConfig {
            database_url: url.into(),
            etl_database_url: url.into(),
            web_database_url: url.into(),
            web_pool_max: 1,
            web_statement_timeout_ms: 1,
        }
    }

    fn none() -> CacheConfig {
        CacheConfig::local("off", "t")
    }

    #[test]
    fn local_connections_need_nothing() {
        for url in [
            "postgres://vinops@127.0.0.1:5432/vinops",
            "postgres://vinops@localhost/vinops",
            "postgres://vinops@[::1]:5432/vinops",
            "postgres:///vinops?host=/run/postgresql",
        ] {
            assert!(warnings(&db(url), &none()).is_empty(), "{url}");
        }
        let local_redis = CacheConfig::local("redis://127.0.0.1:6379", "t");
        assert!(warnings(&db("postgres://v@127.0.0.1/v"), &local_redis).is_empty());
    }

    #[test]
    fn what_counts_as_local() {
        assert!(is_local("postgres://v@127.0.0.1:5432/v"));
        assert!(is_local("postgres://v@localhost/v"));
        assert!(is_local("postgres:///v?host=/run/postgresql"));
        assert!(!is_local("postgres://v@db.internal/v"));
        assert!(!is_local("not a url"));
    }

    #[test]
    fn remote_connections_need_a_verified_certificate() {
        let w = warnings(&db("postgres://vinops:pw@db.internal:5432/vinops"), &none());
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w[0].starts_with("DATABASE_URL connects to db.internal with sslmode=prefer"));
        assert!(w.iter().all(|l| !l.contains("pw")), "{w:?}");
        let required = warnings(&db("postgres://v@10.0.0.5/v?sslmode=require"), &none());
        assert!(required[0].contains("sslmode=require"), "{required:?}");
        for ok in ["verify-full", "verify-ca"] {
            let url = format!("postgres://v@db.internal/v?sslmode={ok}&sslrootcert=/etc/ca.pem");
            assert!(warnings(&db(&url), &none()).is_empty(), "{ok}");
        }
        let plain = CacheConfig::local("redis://:secret@cache.internal:6379", "t");
        let w = warnings(&db("postgres://v@127.0.0.1/v"), &plain);
        assert_eq!(w.len(), 1);
        assert!(
            w[0].contains("cache.internal") && !w[0].contains("secret"),
            "{w:?}"
        );
        let tls = CacheConfig::local("rediss://cache.internal:6380", "t");
        assert!(warnings(&db("postgres://v@127.0.0.1/v"), &tls).is_empty());
    }
}
