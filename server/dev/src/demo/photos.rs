//! Photos for the demo data (`vinops-dev demo --photos N`): the simulated photo API runs in
//! this process for the duration, and the real images job fetches the photos of up to N demo
//! lots from it (their `Image URL`s name a host that does not exist, or Copart's for data loaded
//! as an export; `api_base` points either at the simulator), so a fresh `make run` shows photos. The job keeps its network rules: the simulator is reached
//! over https, through a pin of its name to its loopback address and its CA, both given to this
//! run only (and logged as development settings). Lots that already have a photo record count
//! towards N, so loading the demo again adds nothing.

use std::net::SocketAddr;

use anyhow::Context;
use sqlx::PgPool;

use crate::simulator::{self, PhotoConfig};
use server::images::{ImagesOptions, ImagesReport, Selection};
use server::storage::Storage;

/// Fetches photos for up to `lots` lots loaded `as` demo data or an export; `None` when enough
/// lots have them already.
pub async fn load(
    pool: &PgPool,
    storage: &Storage,
    (lots, load_as): (usize, super::LoadAs),
    seed: u64,
) -> anyhow::Result<Option<ImagesReport>> {
    let done = sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM lot_photos"#)
        .fetch_one(pool)
        .await
        .context("counting lots with photos")?;
    let todo = lots.saturating_sub(usize::try_from(done).unwrap_or(usize::MAX));
    if todo == 0 {
        return Ok(None);
    }
    let photos = simulator::spawn_photos(
        PhotoConfig {
            seed,
            ..PhotoConfig::default()
        },
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await?;
    let opts = ImagesOptions {
        max_lots: Some(todo),
        selection: match load_as {
            super::LoadAs::Demo => Selection::Demo,
            super::LoadAs::Export => Selection::All,
        },
        // A local simulator: no reason to go at Copart's pace.
        rate_per_sec: 500.0,
        burst: 100,
        api_base: Some(photos.base_url()),
        net: photos.endpoints.net()?,
        ..ImagesOptions::default()
    };
    let report = server::images::run(pool, storage, &opts).await;
    photos.shutdown().await?;
    Ok(Some(report?))
}
