//! `vinops-dev bench read`: latency of the read model on whatever the database holds (load
//! 1M lots first with `vinops-dev bench etl --rows 1000000` or `etl ingest`), per query, p50/p99, straight
//! from PostgreSQL (cache miss) and through the Redis cache (hit).
//!
//! Queries are picked from the data itself (its most common make and model, a VIN, a cursor 20
//! pages deep), so the figures mean the same on any dataset. HTTP throughput is measured by
//! `deploy/scripts/bench-http.sh` against a running server.

use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::PgPool;
use vinops::catalog::CatalogRequest;
use vinops::read;
use vinops::vin::Vin;

use server::cache::Cache;

/// Latency figures of one query.
pub(super) struct Figures {
    p50: Duration,
    p99: Duration,
}

pub(super) async fn measure<T, E, F, Fut>(iterations: usize, mut f: F) -> anyhow::Result<Figures>
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

pub(super) fn print(label: &str, f: &Figures) {
    println!(
        "  {label:<40} p50 {:>8.2} ms   p99 {:>8.2} ms",
        f.p50.as_secs_f64() * 1000.0,
        f.p99.as_secs_f64() * 1000.0
    );
}

fn request(pairs: &[(&str, &str)]) -> anyhow::Result<CatalogRequest> {
    CatalogRequest::from_pairs(pairs.iter().copied()).map_err(|e| anyhow::anyhow!("{e}"))
}

/// The most common value of one attribute facet (over every tab).
async fn top_attr(pool: &PgPool, facet: &str) -> anyhow::Result<Option<String>> {
    let v = sqlx::query_scalar!(
        r#"SELECT value AS "value!" FROM catalog_attr_facets WHERE facet = $1
           GROUP BY value ORDER BY sum(lots) DESC, value LIMIT 1"#,
        facet
    )
    .fetch_optional(pool)
    .await
    .with_context(|| format!("finding the most common {facet}"))?;
    Ok(v)
}

/// The filters of the catalog form's "more filters": each attribute at its most common value,
/// the ranges, Buy It Now, the auction windows, and the pairs that read the most lots per page
/// (a rare-ish attribute with a range, two attributes, an attribute under a make).
async fn buyer_filters(pool: &PgPool, make: &str) -> anyhow::Result<Vec<(String, CatalogRequest)>> {
    let mut out = Vec::new();
    let mut top = std::collections::BTreeMap::new();
    for (facet, param) in [
        ("damage2", "secondary_damage"),
        ("yard", "yard"),
        ("color", "color"),
        ("fuel", "fuel"),
        ("drive", "drive"),
        ("transmission", "transmission"),
        ("body", "body"),
        ("keys", "keys"),
        ("runs_drives", "runs_drives"),
    ] {
        if let Some(v) = top_attr(pool, facet).await? {
            out.push((format!("filtered: {param}"), request(&[(param, &v)])?));
            top.insert(param, v);
        }
    }
    let from = chrono::Utc::now().date_naive().to_string();
    let to = (chrono::Utc::now() + chrono::Duration::days(2))
        .date_naive()
        .to_string();
    let get = |p: &str| top.get(p).cloned().unwrap_or_default();
    let (color, fuel, body, damage2, yard) = (
        get("color"),
        get("fuel"),
        get("body"),
        get("secondary_damage"),
        get("yard"),
    );
    let single: [(&str, Vec<(&str, &str)>); 9] = [
        (
            "odometer ≥ 100k (scan count)",
            vec![("odometer_min", "100000")],
        ),
        ("bid ≥ $5,000 (scan count)", vec![("bid_min", "5000")]),
        ("bid ≤ $300 (scan count)", vec![("bid_max", "300")]),
        (
            "bid $500–2,000, bid_asc",
            vec![("bid_min", "500"), ("bid_max", "2000"), ("sort", "bid_asc")],
        ),
        ("buy it now", vec![("buy_it_now", "1")]),
        ("auction today", vec![("auction", "today"), ("tz", "-300")]),
        ("auction this week", vec![("auction", "week")]),
        (
            "auction days, 3-day range",
            vec![("auction_from", &from), ("auction_to", &to)],
        ),
        (
            "auction days, 3-day range, listed_desc",
            vec![
                ("auction_from", &from),
                ("auction_to", &to),
                ("sort", "listed_desc"),
            ],
        ),
    ];
    let pairs: [(&str, Vec<(&str, &str)>); 7] = [
        (
            "pair: colour + bid ≤ $1,000",
            vec![("color", &color), ("bid_max", "1000")],
        ),
        ("pair: fuel + body", vec![("fuel", &fuel), ("body", &body)]),
        (
            "pair: make + colour",
            vec![("make", make), ("color", &color)],
        ),
        (
            "pair: buy it now + this week",
            vec![("buy_it_now", "1"), ("auction", "week")],
        ),
        (
            "pair: secondary damage + odometer ≥ 100k",
            vec![("secondary_damage", &damage2), ("odometer_min", "100000")],
        ),
        (
            "pair: yard + no keys",
            vec![("yard", &yard), ("keys", "no")],
        ),
        (
            "pair: body + year_desc",
            vec![("body", &body), ("sort", "year_desc")],
        ),
    ];
    for (label, p) in single.into_iter().chain(pairs) {
        out.push((format!("filtered: {label}"), request(&p)?));
    }
    Ok(out)
}

/// The request `pages` pages into `first` (following next-page cursors).
async fn deep(
    pool: &PgPool,
    first: &CatalogRequest,
    pages: usize,
) -> anyhow::Result<CatalogRequest> {
    let mut req = first.clone();
    for _ in 0..pages {
        let page = read::catalog_page(pool, &req.query, req.cursor.as_ref()).await?;
        let Some(next) = page.next_cursor else { break };
        req.cursor = Some(next);
    }
    Ok(req)
}

/// Runs every query `iterations` times against `pool` (the web role), and the cacheable ones
/// again through `cache` when it is enabled.
pub async fn run(pool: &PgPool, cache: &Cache, iterations: usize) -> anyhow::Result<()> {
    let lots: i64 = sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM lots"#)
        .fetch_one(pool)
        .await
        .context("counting lots")?;
    // From the facet tables (the ETL's counts), not a GROUP BY over a million lots.
    let top = sqlx::query!(
        r#"SELECT make AS "make!", model AS "model!" FROM catalog_vehicle_facets
           WHERE model IS NOT NULL GROUP BY 1, 2 ORDER BY sum(lots) DESC, 1, 2 LIMIT 1"#
    )
    .fetch_optional(pool)
    .await
    .context("finding the most common make and model")?
    .context("no lots: load data first (vinops-dev bench etl, or vinops-server etl ingest)")?;
    let trim = sqlx::query_scalar!(
        r#"SELECT trim AS "trim!" FROM catalog_vehicle_facets
           WHERE make = $1 AND model = $2 AND trim IS NOT NULL
           GROUP BY 1 ORDER BY sum(lots) DESC, 1 LIMIT 1"#,
        top.make,
        top.model
    )
    .fetch_optional(pool)
    .await
    .context("finding the most common trim")?;
    let vin: String = sqlx::query_scalar!(
        "SELECT vin FROM lots WHERE make = $1 AND model = $2 LIMIT 1",
        top.make,
        top.model
    )
    .fetch_one(pool)
    .await
    .context("finding a VIN")?;
    let damage = top_attr(pool, "damage").await?.unwrap_or_default();
    let state = top_attr(pool, "state").await?.unwrap_or_default();
    let title = top_attr(pool, "title").await?.unwrap_or_default();
    println!(
        "read model on {lots} lots; {iterations} runs per query; most common: {} {} / {damage} / {state} / {title}",
        top.make, top.model
    );

    let first = request(&[])?;
    let make = request(&[("make", &top.make)])?;
    let make_model = request(&[("make", &top.make), ("model", &top.model)])?;
    let pages: Vec<(&str, CatalogRequest)> = vec![
        ("catalog first page", first.clone()),
        ("filtered: make", make.clone()),
        ("filtered: make + model", make_model.clone()),
        (
            "filtered: make + model + years",
            request(&[
                ("make", &top.make),
                ("model", &top.model),
                ("year_from", "2012"),
                ("year_to", "2018"),
            ])?,
        ),
        ("filtered: tab auto", request(&[("type", "auto")])?),
        (
            "filtered: tab moto, bid_desc",
            request(&[("type", "moto"), ("sort", "bid_desc")])?,
        ),
        (
            "filtered: tab trucks, year_desc",
            request(&[("type", "trucks"), ("sort", "year_desc")])?,
        ),
        ("filtered: damage", request(&[("damage", &damage)])?),
        (
            "filtered: state, odometer_asc",
            request(&[("state", &state), ("sort", "odometer_asc")])?,
        ),
        (
            "filtered: state + title (scan count)",
            request(&[("state", &state), ("title", &title)])?,
        ),
        (
            "filtered: odometer ≤ 50k (scan count)",
            request(&[("odometer_max", "50000")])?,
        ),
        ("sorted: year_desc", request(&[("sort", "year_desc")])?),
        ("sorted: listed_desc", request(&[("sort", "listed_desc")])?),
        ("deep cursor (20 pages)", deep(pool, &first, 20).await?),
        ("deep cursor (200 pages)", deep(pool, &first, 200).await?),
        ("deep cursor (20 pages, make)", deep(pool, &make, 20).await?),
    ];
    let vin = Vin::parse(&vin).context("stored VIN parses")?;
    let buyer = buyer_filters(pool, &top.make).await?;

    println!("cache miss (PostgreSQL):");
    for (label, req) in &pages {
        let f = measure(iterations, || {
            read::catalog_page(pool, &req.query, req.cursor.as_ref())
        })
        .await?;
        print(label, &f);
    }
    println!("buyer filters, cache miss (each alone at its most common value, then pairs):");
    for (label, req) in &buyer {
        let f = measure(iterations, || {
            read::catalog_page(pool, &req.query, req.cursor.as_ref())
        })
        .await?;
        print(label, &f);
    }
    // The page totals alone: from the facets (what pages use where they can) against a capped
    // count over the lots (the only way before migration 0014, still used for other filters).
    for (label, req) in [
        ("first page", &first),
        ("make", &make),
        ("make + model", &make_model),
    ] {
        let f = measure(iterations, || read::count::total(pool, &req.query)).await?;
        print(&format!("total from facets: {label}"), &f);
        let f = measure(iterations, || read::count::capped(pool, &req.query)).await?;
        print(&format!("total scanned (capped): {label}"), &f);
    }
    let kind = None;
    let trim = trim.unwrap_or_default();
    print(
        "dropdown: makes",
        &measure(iterations, || read::options::makes(pool, kind)).await?,
    );
    print(
        "dropdown: models of make",
        &measure(iterations, || read::options::models(pool, kind, &top.make)).await?,
    );
    print(
        "dropdown: trims of model",
        &measure(iterations, || {
            read::options::trims(pool, kind, &top.make, &top.model)
        })
        .await?,
    );
    print(
        "dropdown: years of model + trim",
        &measure(iterations, || {
            read::options::years(pool, kind, &top.make, &top.model, Some(&trim))
        })
        .await?,
    );
    for (label, facet) in [
        ("dropdown: damages", "damage"),
        ("dropdown: title types", "title"),
        ("dropdown: states", "state"),
        ("dropdown: sale statuses", "status"),
    ] {
        print(
            label,
            &measure(iterations, || {
                read::options::attr_options(pool, kind, facet, 1)
            })
            .await?,
        );
    }
    print(
        "all filter options (no make)",
        &measure(iterations, || read::filter_options(pool, &first.query)).await?,
    );
    print(
        "all filter options (make + model)",
        &measure(iterations, || read::filter_options(pool, &make_model.query)).await?,
    );
    print(
        "VIN page (with similar lots)",
        &measure(iterations, || read::vin_page(pool, &vin)).await?,
    );
    super::read_hubs::run(pool, iterations, (&top.make, &top.model)).await?;

    if !cache.is_enabled() {
        println!("cache hit: skipped (REDIS_URL is off)");
        return Ok(());
    }
    println!("cache hit (Redis; cursor and VIN pages are never cached, see above):");
    for (label, req) in [
        ("catalog first page", &first),
        ("filtered: make", &make),
        ("filtered: make + model", &make_model),
    ] {
        let cached_page = || read::cached::catalog_page(pool, cache, req);
        print(label, &measure(iterations, cached_page).await?);
    }
    for (label, q) in [
        ("all filter options (no make)", &first.query),
        ("all filter options (make + model)", &make_model.query),
    ] {
        let cached_options = || read::cached::filter_options(pool, cache, q);
        print(label, &measure(iterations, cached_options).await?);
    }
    let counts = cache.counts();
    println!(
        "  (cache counts: {} hits, {} misses, {} errors)",
        counts.hits, counts.misses, counts.errors
    );
    Ok(())
}
