//! VIN sitemaps: `/sitemaps/vins-{lang}-{n}-{k}.xml.gz`, shard `k` of `n` in one language.
//!
//! Sharding: a VIN's shard key is `sitemap_bucket(vin)` (20 bits of its MD5, indexed with the
//! VIN; migration 0019), and shard `k` of `n` is the key range `[k·2^20/n, (k+1)·2^20/n)`. `n` is
//! the smallest power of two that puts at most `TARGET_PER_SHARD` (25,000) VINs in a shard on
//! average, so a shard holds 12,500–25,000 VINs and is served in well under a second at 1M lots
//! (measured: see docs/benchmarks.md); MD5 spreads VINs evenly, so a shard passing the protocol's 50,000
//! is a more-than-100-sigma event (and is cut at 50,000 and logged if it ever happens). Boundaries are stable:
//! a VIN stays in its shard until `n` doubles, and then moves to one of its two halves. Costs:
//! the shard count is one `count(*)` per dataset version (kept in memory); a shard is a handful
//! of keyset range scans on the index, never an OFFSET.
//!
//! A VIN whose every lot is demo data (`demo_lots`) is left out: made-up lots are not for search
//! engines.
//!
//! Streaming: rows are read in keyset batches of `BATCH` (each batch a `fetch` stream, so at
//! most one batch is decoded at a time and no connection is held while a slow client reads),
//! written as XML into a gzip encoder, and the encoder's output is sent in ~32 KiB chunks
//! through a bounded channel that is the response body: memory stays flat whatever the size.
//!
//! Compression: the shard is a `.xml.gz` file, sent as `Content-Type: application/gzip` with no
//! `Content-Encoding` (the sitemaps protocol allows gzip files; search engines fetch them as
//! such). Chosen over `Content-Encoding: gzip` so that no proxy or client decompresses or
//! recompresses it, and so that the bytes are the file. These routes are mounted outside the
//! site's compression layer for the same reason.
//!
//! Errors: the dataset version is read before the response starts, so a database that is down
//! gives a 503 with `Retry-After`; a failure after the first byte aborts the body (the client
//! sees a truncated transfer, never a short but valid sitemap) and is logged.

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::write::GzEncoder;
use futures_util::TryStreamExt;
use sqlx::PgPool;
use tokio::sync::mpsc;

use super::SeoState;
use super::conditional::validators;
use super::sitemap_http::{CACHE_CONTROL, empty, fresh_version, unavailable};
use super::sitemap_xml::{
    MAX_URLS_PER_FILE, URLSET_OPEN, XML_HEADER, escape, url_entry, w3c_datetime,
};
use crate::http::AppState;

/// The bucket space of `sitemap_bucket` (20 bits).
const BUCKETS: u32 = 1 << 20;
/// Average VINs per shard the shard count aims below.
pub const TARGET_PER_SHARD: i64 = 25_000;
/// Rows per keyset query.
const BATCH: i64 = 10_000;
/// Compressed bytes gathered before a chunk is sent.
const CHUNK: usize = 32 * 1024;

/// A shard file name, parsed: `vins-{lang}-{n}-{k}.xml.gz`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardName {
    pub lang: &'static str,
    pub n: u32,
    pub k: u32,
}

impl ShardName {
    pub fn file_name(&self) -> String {
        format!("vins-{}-{}-{}.xml.gz", self.lang, self.n, self.k)
    }

    /// `None` unless the language is ours, `n` a power of two within the bucket space and
    /// `k < n`, all written canonically (no leading zeros), so each shard has one URL.
    pub fn parse(file: &str) -> Option<ShardName> {
        let rest = file.strip_prefix("vins-")?.strip_suffix(".xml.gz")?;
        let mut parts = rest.split('-');
        let lang = app::i18n::Lang::from_segment(parts.next()?)?.code();
        let n: u32 = parts.next()?.parse().ok()?;
        let k_text = parts.next()?;
        let k: u32 = k_text.parse().ok()?;
        if parts.next().is_some() || !n.is_power_of_two() || n > BUCKETS || k >= n {
            return None;
        }
        let shard = ShardName { lang, n, k };
        (shard.file_name() == file).then_some(shard)
    }

    /// The bucket range `[lo, hi)` of the shard.
    fn range(&self) -> (i32, i32) {
        let width = BUCKETS / self.n;
        let lo = self.k * width;
        // Both at most 2^20: they fit an i32 (the SQL function's type).
        (
            i32::try_from(lo).unwrap_or(i32::MAX),
            i32::try_from(lo + width).unwrap_or(i32::MAX),
        )
    }
}

/// The smallest power of two `n` with `vehicles / n <= TARGET_PER_SHARD`.
pub fn shards_for(vehicles: i64) -> u32 {
    let needed = (vehicles.max(1) + TARGET_PER_SHARD - 1) / TARGET_PER_SHARD;
    let needed = u32::try_from(needed).unwrap_or(BUCKETS);
    needed.next_power_of_two().min(BUCKETS)
}

/// The shard count of dataset version `version` (computed once per version per process).
/// Counts suppressed VINs too: an upper bound is all the shard size needs.
pub async fn shard_count(pool: &PgPool, seo: &SeoState, version: i64) -> sqlx::Result<u32> {
    if let Some(n) = seo.cached_shards(version) {
        return Ok(n);
    }
    let vehicles = sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM vehicles"#)
        .fetch_one(pool)
        .await?;
    let n = shards_for(vehicles);
    seo.remember_shards(version, n);
    Ok(n)
}

/// The shard response: validators first (304 without reading a row), then the streamed body.
pub async fn shard(state: AppState, shard: ShardName, headers: HeaderMap) -> Response {
    let pool = state.web_pool.clone();
    let version = match fresh_version(&pool, &headers, "vin shard").await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let etag = version.etag();
    // Coarser shards than today's could pass 50,000 URLs; finer ones are fine (a crawler may
    // hold an index from before the count doubled... or after it halved).
    match shard_count(&pool, &state.seo, version.id).await {
        Ok(current) if shard.n < current => return empty(StatusCode::NOT_FOUND),
        Ok(_) => {}
        Err(e) => return unavailable("vin shard", &e),
    }
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let site = escape(state.seo.site_url());
    tokio::spawn(async move {
        if let Err(e) = write_shard(&pool, &site, shard, &tx).await {
            tracing::error!(error = format!("{e:#}"), shard = %shard.file_name(), "VIN sitemap aborted");
            let _ = tx
                .send(Err(std::io::Error::other("sitemap generation failed")))
                .await;
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut res = (StatusCode::OK, Body::from_stream(body)).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/gzip"),
    );
    validators(&mut res, &etag, version.at, CACHE_CONTROL);
    res
}

/// One sitemap row: a VIN and when its page last changed (the same expression as the VIN page's
/// `Last-Modified`, `vin_validators::VinValidators::read`).
struct Row {
    vin: String,
    bucket: i32,
    lastmod: DateTime<Utc>,
}

/// Writes the shard into `tx`. Returns early without error when the client went away.
async fn write_shard(
    pool: &PgPool,
    site: &str,
    shard: ShardName,
    tx: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let (lo, hi) = shard.range();
    let mut gz = GzEncoder::new(Vec::with_capacity(2 * CHUNK), Compression::fast());
    let mut xml = String::with_capacity(CHUNK);
    xml.push_str(XML_HEADER);
    xml.push_str(URLSET_OPEN);
    // Keyset position: (bucket, VIN) of the last row written; "" sorts before every VIN.
    let mut after = (lo, String::new());
    let mut written = 0usize;
    loop {
        // One short transaction per batch, only to turn JIT off for it: the planner's cost for
        // the per-VIN lot lookups passes `jit_above_cost`, and compiling the query took ~450 ms
        // of a 700 ms batch at 1M lots (measured); without JIT the batch takes ~150 ms.
        let mut batch = pool.begin().await.context("starting a batch")?;
        sqlx::query!("SET LOCAL jit = off")
            .execute(&mut *batch)
            .await
            .context("turning JIT off")?;
        let mut rows = sqlx::query_as!(
            Row,
            r#"
            SELECT v.vin AS "vin!", sitemap_bucket(v.vin) AS "bucket!",
                   GREATEST(v.updated_at, m.lot_mod) AS "lastmod!"
            FROM vehicles v
            CROSS JOIN LATERAL (
                SELECT max(GREATEST(l.updated_at, l.outcome_at)) AS lot_mod,
                       bool_and(EXISTS (SELECT 1 FROM demo_lots d WHERE d.lot_id = l.id)) AS demo
                FROM lots l WHERE l.vin = v.vin
            ) m
            WHERE (sitemap_bucket(v.vin), v.vin) > ($1, $2::text COLLATE "C")
              AND sitemap_bucket(v.vin) < $3
              AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = v.vin)
              AND m.demo IS NOT TRUE
            ORDER BY sitemap_bucket(v.vin), v.vin
            LIMIT $4
            "#,
            after.0,
            after.1,
            hi,
            BATCH
        )
        .fetch(&mut *batch);
        let mut in_batch = 0i64;
        while let Some(row) = rows.try_next().await.context("reading VINs")? {
            in_batch += 1;
            if written == MAX_URLS_PER_FILE {
                tracing::error!(shard = %shard.file_name(), "VIN shard over 50,000 URLs; cut");
                break;
            }
            let lastmod = w3c_datetime(row.lastmod);
            url_entry(
                &mut xml,
                site,
                shard.lang,
                &format!("/vin/{}", row.vin),
                Some(&lastmod),
            );
            written += 1;
            after = (row.bucket, row.vin);
            if xml.len() >= CHUNK {
                gz.write_all(xml.as_bytes())?;
                xml.clear();
                if gz.get_ref().len() >= CHUNK && !send(tx, &mut gz).await {
                    return Ok(());
                }
            }
        }
        drop(rows);
        batch.commit().await.context("ending a batch")?;
        if in_batch < BATCH || written == MAX_URLS_PER_FILE {
            break;
        }
    }
    xml.push_str("</urlset>");
    gz.write_all(xml.as_bytes())?;
    let rest = gz.finish()?;
    let _ = tx.send(Ok(Bytes::from(rest))).await;
    Ok(())
}

/// Sends what the encoder has produced so far; `false` when the client has gone.
async fn send(
    tx: &mpsc::Sender<Result<Bytes, std::io::Error>>,
    gz: &mut GzEncoder<Vec<u8>>,
) -> bool {
    let chunk = std::mem::take(gz.get_mut());
    tx.send(Ok(Bytes::from(chunk))).await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_names_round_trip_and_are_canonical() {
        let s = ShardName::parse("vins-ru-32-7.xml.gz").expect("valid");
        assert_eq!((s.lang, s.n, s.k), ("ru", 32, 7));
        assert_eq!(s.file_name(), "vins-ru-32-7.xml.gz");
        for bad in [
            "vins-de-32-7.xml.gz",
            "vins-en-3-1.xml.gz",
            "vins-en-32-32.xml.gz",
            "vins-en-032-1.xml.gz",
            "vins-en-32-01.xml.gz",
            "vins-en-32-1.xml",
            "vins-en-2097152-1.xml.gz",
            "vins-en-32-1-2.xml.gz",
            "static.xml",
        ] {
            assert_eq!(ShardName::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn shard_ranges_tile_the_bucket_space() {
        let n = 8;
        let mut next = 0;
        for k in 0..n {
            let (lo, hi) = ShardName { lang: "en", n, k }.range();
            assert_eq!(lo, next);
            next = hi;
        }
        assert_eq!(next, 1 << 20);
    }

    #[test]
    fn shard_count_keeps_the_average_under_target() {
        assert_eq!(shards_for(0), 1);
        assert_eq!(shards_for(25_000), 1);
        assert_eq!(shards_for(25_001), 2);
        assert_eq!(shards_for(1_000_000), 64);
        for v in [1, 39_999, 80_001, 1_000_000, 5_000_000] {
            assert!(v / i64::from(shards_for(v)) <= TARGET_PER_SHARD, "{v}");
        }
    }
}
