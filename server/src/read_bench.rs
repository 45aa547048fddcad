//! `vinops-server bench-read`: latency of the read model on whatever the database holds (load
//! 1M lots first with `etl bench --rows 1000000` or `etl ingest`), per query, p50/p99, straight
//! from PostgreSQL (cache miss) and through the Redis cache (hit).
//!
//! Queries are picked from the data itself (its most common make and model, a VIN, a cursor 20
//! pages deep), so the figures mean the same on any dataset. HTTP throughput is measured by
//! `deploy/scripts/bench-http.sh` against a running server.

use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::PgPool;
use vinops::catalog::{CatalogQuery, CatalogRequest};
use vinops::read;
use vinops::vin::Vin;

use crate::cache::{Cache, CachePolicy, Computed};

/// Latency figures of one query.
struct Figures {
    p50: Duration,
    p99: Duration,
}

async fn measure<T, E, F, Fut>(iterations: usize, mut f: F) -> anyhow::Result<Figures>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
    E: std::fmt::Display,
{
    // Warm-up: plans cached, pages in shared buffers, as on a running site.
    for _ in 0..3 {
        f().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let t = Instant::now();
        f().await.map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed());
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Ok(Figures {
        p50: at(0.50),
        p99: at(0.99),
    })
}

fn print(label: &str, f: &Figures) {
    println!(
        "  {label:<34} p50 {:>8.2} ms   p99 {:>8.2} ms",
        f.p50.as_secs_f64() * 1000.0,
        f.p99.as_secs_f64() * 1000.0
    );
}

fn request(pairs: &[(&str, &str)]) -> anyhow::Result<CatalogRequest> {
    CatalogRequest::from_pairs(pairs.iter().copied()).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Runs every query `iterations` times against `pool` (the web role), and the cacheable ones
/// again through `cache` when it is enabled.
pub async fn run(pool: &PgPool, cache: &Cache, iterations: usize) -> anyhow::Result<()> {
    let lots: i64 = sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM lots"#)
        .fetch_one(pool)
        .await
        .context("counting lots")?;
    let top = sqlx::query!(
        r#"SELECT v.make AS "make!", v.model AS "model!", min(l.vin) AS "vin!"
           FROM lots l JOIN vehicles v ON v.vin = l.vin
           WHERE v.make IS NOT NULL AND v.model IS NOT NULL
           GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"#
    )
    .fetch_optional(pool)
    .await
    .context("finding the most common make and model")?
    .context("no lots: load data first (etl bench / etl ingest)")?;
    println!(
        "read model on {lots} lots; {iterations} runs per query; most common: {} {}",
        top.make, top.model
    );

    let first = request(&[])?;
    let filtered = request(&[("make", &top.make)])?;
    let narrow = request(&[("make", &top.make), ("model", &top.model)])?;
    // A cursor 20 pages deep into the default order.
    let mut deep = first.clone();
    for _ in 0..20 {
        let page = read::catalog_page(pool, &deep.query, deep.cursor.as_ref()).await?;
        let Some(next) = page.next_cursor else { break };
        deep.cursor = Some(next);
    }
    let vin = Vin::parse(&top.vin).context("stored VIN parses")?;

    println!("cache miss (PostgreSQL):");
    for (label, req) in [
        ("catalog first page", &first),
        ("filtered page (make)", &filtered),
        ("filtered page (make + model)", &narrow),
        ("deep cursor page (20 pages in)", &deep),
    ] {
        let f = measure(iterations, || {
            read::catalog_page(pool, &req.query, req.cursor.as_ref())
        })
        .await?;
        print(label, &f);
    }
    let tab = CatalogQuery::default();
    print(
        "dropdown: makes",
        &measure(iterations, || read::options::makes(pool, tab.kind)).await?,
    );
    print(
        "dropdown: models of make",
        &measure(iterations, || {
            read::options::models(pool, tab.kind, &top.make)
        })
        .await?,
    );
    print(
        "dropdown: trims of model",
        &measure(iterations, || {
            read::options::trims(pool, tab.kind, &top.make, &top.model)
        })
        .await?,
    );
    print(
        "all filter options (first page)",
        &measure(iterations, || read::filter_options(pool, &tab)).await?,
    );
    print(
        "VIN page",
        &measure(iterations, || read::vin_page(pool, &vin)).await?,
    );

    if !cache.is_enabled() {
        println!("cache hit: skipped (REDIS_URL is off)");
        return Ok(());
    }
    println!("cache hit (Redis):");
    let cached_page = || async {
        cache
            .read_through(CachePolicy::FirstPage, &first.query, || async {
                read::catalog_page(pool, &first.query, None)
                    .await
                    .map(Computed::Store)
            })
            .await
    };
    print(
        "catalog first page",
        &measure(iterations, cached_page).await?,
    );
    let cached_options = || async {
        cache
            .read_through(CachePolicy::FilterOptions, &tab, || async {
                read::filter_options(pool, &tab).await.map(Computed::Store)
            })
            .await
    };
    print(
        "all filter options",
        &measure(iterations, cached_options).await?,
    );
    let counts = cache.counts();
    println!(
        "  (cache counts: {} hits, {} misses, {} errors)",
        counts.hits, counts.misses, counts.errors
    );
    Ok(())
}
