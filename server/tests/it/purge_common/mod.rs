//! Helpers of `photo_purge.rs`: a database whose lots' photos the real images job stored from
//! the simulated photo API, the app on it with that store, and the questions the tests ask of
//! the database, the store and the app.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use server::images;
use server::storage::{Storage, StorageConfig};
use sqlx::PgPool;
use vinops::generator::GenConfig;
use vinops::lot_number::LotNumber;
use vinops_dev::simulator::{PhotoConfig, PhotoFaults, PhotoHandle, spawn_photos};

use crate::common::{TestApp, TestDb, files};
use crate::s3_child::{self, S3Child};

pub struct Fixture {
    pub app: TestApp,
    /// ETL role, like the jobs and the operator command.
    pub pool: PgPool,
    pub storage: Storage,
    pub photos: PhotoHandle,
}

/// A database with `rows` generated lots whose photos (2–3 each) the images job has stored in
/// the store of `storage`, and the real app on it with that store.
pub async fn fixture(seed: u64, rows: usize, storage: StorageConfig) -> Fixture {
    let app_storage = storage.clone();
    let storage = Storage::from_config(&storage).expect("photo store");
    let db = TestDb::new().await;
    let pool = db.etl().await;
    let photos = spawn_photos(
        PhotoConfig {
            seed,
            none_per_100: 0,
            min_photos: 2,
            max_photos: 3,
            faults: PhotoFaults::default(),
        },
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("photo API");
    let cfg = GenConfig::new(seed, rows).with_image_api_base(&photos.base_url());
    let (file, _) = files::generated(&cfg);
    files::ingest(&pool, &file).await;
    if rows > 1 {
        settle(&pool, &storage, &images_opts(&photos)).await;
    }
    let app = TestApp::builder(db).with_storage(app_storage).spawn().await;
    Fixture {
        app,
        pool,
        storage,
        photos,
    }
}

/// The test options of the images job, with the network rules for `photos`.
pub fn images_opts(photos: &PhotoHandle) -> images::ImagesOptions {
    images::ImagesOptions {
        net: photos.net(),
        ..crate::common::fast_images()
    }
}

impl Fixture {
    pub fn images_opts(&self) -> images::ImagesOptions {
        images_opts(&self.photos)
    }
}

/// Runs the images job until no lot waits for photos (bounded).
pub async fn settle(pool: &PgPool, storage: &Storage, opts: &images::ImagesOptions) {
    for _ in 0..20 {
        images::run(pool, storage, opts).await.expect("images run");
        if count(pool, "SELECT count(*) FROM v_lots_needing_photos", "").await == 0 {
            return;
        }
    }
    panic!("lots still need photos after 20 runs");
}

/// `sql` with `$1` bound to `arg` (ignored when the query has no parameter).
pub async fn count(pool: &PgPool, sql: &'static str, arg: &str) -> i64 {
    let q = sqlx::query_scalar::<_, i64>(sql);
    let q = if sql.contains("$1") { q.bind(arg) } else { q };
    q.fetch_one(pool).await.expect(sql)
}

pub async fn keys_of(pool: &PgPool, vin: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT i.storage_key FROM images i JOIN lots l ON l.id = i.lot_id
         WHERE l.vin = $1 ORDER BY 1",
    )
    .bind(vin)
    .fetch_all(pool)
    .await
    .expect("keys")
}

/// A VIN with two photographed lots: the second lot of the first two is moved onto the first
/// one's VIN (the generator gives each VIN one lot). Returns the VIN and both lot numbers.
pub async fn vin_with_two_lots(app: &TestApp) -> (String, Vec<i64>) {
    let owner = app.db.owner().await;
    let lots: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT l.id, l.lot_number, l.vin FROM lots l
         WHERE EXISTS (SELECT 1 FROM images i WHERE i.lot_id = l.id) ORDER BY l.id LIMIT 2",
    )
    .fetch_all(&owner)
    .await
    .expect("lots");
    assert_eq!(lots.len(), 2, "two photographed lots");
    sqlx::query("UPDATE lots SET vin = $1 WHERE id = $2")
        .bind(&lots[0].2)
        .bind(lots[1].0)
        .execute(&owner)
        .await
        .expect("move the lot");
    (lots[0].2.clone(), vec![lots[0].1, lots[1].1])
}

pub fn lot(n: i64) -> LotNumber {
    LotNumber::new(u32::try_from(n).expect("u32")).expect("lot number")
}

pub async fn objects_of(storage: &Storage, lots: &[i64]) -> usize {
    let mut n = 0;
    for l in lots {
        n += storage.lot_objects(lot(*l)).await.expect("list").len();
    }
    n
}

pub async fn health(app: &TestApp) -> Value {
    app.ops_get("/health")
        .await
        .json()
        .await
        .expect("health json")
}

/// A plain HTTP GET of the object, as anyone holding its URL makes it. s3s-fs refuses anonymous
/// reads (a public bucket URL would allow them), so the URL is a presigned one: the request
/// carries no credentials of its own, and the answer is the server's for that object.
pub async fn public_get(s3: &S3Child, storage: &Storage, key: &str) -> u16 {
    use aws_sdk_s3::config::{BehaviorVersion, Credentials, Region};
    let Storage::S3(s) = storage else {
        panic!("s3 expected")
    };
    let cfg = aws_sdk_s3::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("auto"))
        .credentials_provider(Credentials::new(
            s3_child::ACCESS_KEY,
            s3_child::SECRET_KEY,
            None,
            None,
            "test",
        ))
        .endpoint_url(s3.endpoint())
        .force_path_style(true)
        .build();
    let url = aws_sdk_s3::Client::from_conf(cfg)
        .get_object()
        .bucket(s.bucket())
        .key(key)
        .presigned(
            aws_sdk_s3::presigning::PresigningConfig::expires_in(Duration::from_secs(300))
                .expect("presigning config"),
        )
        .await
        .expect("presign")
        .uri()
        .to_owned();
    reqwest::get(url)
        .await
        .expect("GET the object URL")
        .status()
        .as_u16()
}
