//! Object storage against real stores: a local directory and a real S3-compatible server
//! (s3s-fs, started per test). Put/get/exists/delete, the key scheme, and S3 going away.

use crate::s3_child;

use std::time::{Duration, Instant};

use bytes::Bytes;
use s3_child::S3Child;
use server::storage::{Storage, StorageConfig, StorageKey, Variant};
use vinops::lot_number::LotNumber;

fn key(seq: u16, variant: Variant) -> StorageKey {
    StorageKey::image(LotNumber::new(47_704_465).expect("lot"), seq, variant)
}

async fn round_trip(storage: &Storage) {
    let k = key(1, Variant::Thumb);
    assert!(!storage.exists(&k).await.expect("exists"));
    assert_eq!(storage.get(&k).await.expect("get"), None);
    let body = Bytes::from_static(b"\xFF\xD8\xFF\xE0 not really a jpeg \xFF\xD9");
    storage
        .put(&k, body.clone(), "image/jpeg")
        .await
        .expect("put");
    assert!(storage.exists(&k).await.expect("exists"));
    assert_eq!(storage.get(&k).await.expect("get"), Some(body));
    // Replacing is allowed (same key, new bytes) and leaves one object.
    let other = Bytes::from(vec![7u8; 70_000]);
    storage
        .put(&k, other.clone(), "image/jpeg")
        .await
        .expect("put again");
    assert_eq!(storage.get(&k).await.expect("get"), Some(other));
    storage.delete(&k).await.expect("delete");
    assert!(!storage.exists(&k).await.expect("exists"));
    storage
        .delete(&k)
        .await
        .expect("deleting a missing key is fine");
}

#[tokio::test]
async fn local_store_round_trip() {
    let dir = std::env::temp_dir().join(format!("vinops-media-{}", uuid::Uuid::new_v4().simple()));
    let storage = Storage::from_config(&StorageConfig::local(&dir)).expect("local");
    round_trip(&storage).await;
    // Objects are plain files under the key; no temporary file is left behind.
    let k = key(2, Variant::Full);
    storage
        .put(&k, Bytes::from_static(b"abc"), "image/jpeg")
        .await
        .expect("put");
    assert_eq!(
        std::fs::read(dir.join("lots/47704465/2_ful.jpg")).expect("file"),
        b"abc"
    );
    let names: Vec<String> = std::fs::read_dir(dir.join("lots/47704465"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2_ful.jpg"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn s3_round_trip_on_a_real_server() {
    let s3 = S3Child::start();
    let storage = s3.storage().await;
    round_trip(&storage).await;
    // The object is a real file of the server, under bucket/key.
    let k = key(3, Variant::Full);
    storage
        .put(&k, Bytes::from_static(b"xyz"), "image/jpeg")
        .await
        .expect("put");
    let Storage::S3(s) = &storage else {
        panic!("s3 expected")
    };
    let on_disk = s3.dir.join(s.bucket()).join("lots/47704465/3_ful.jpg");
    assert_eq!(std::fs::read(on_disk).expect("object file"), b"xyz");
    assert!(!storage.describe().contains(s3_child::SECRET_KEY));
    assert!(!storage.describe().contains(s3_child::ACCESS_KEY));
}

#[tokio::test]
async fn wrong_credentials_are_an_error_not_a_silent_success() {
    let s3 = S3Child::start();
    let good = s3.storage().await;
    let Storage::S3(s) = &good else {
        panic!("s3 expected")
    };
    let mut cfg = s3.config(s.bucket());
    cfg.s3_secret_access_key = Some("wrong-secret".into());
    let bad = Storage::from_config(&cfg).expect("config");
    let err = bad
        .put(
            &key(1, Variant::Thumb),
            Bytes::from_static(b"a"),
            "image/jpeg",
        )
        .await
        .expect_err("a bad signature must fail");
    let shown = format!("{err:#}");
    assert!(!shown.contains("wrong-secret"), "{shown}");
    assert!(!good.exists(&key(1, Variant::Thumb)).await.expect("exists"));
}

#[tokio::test]
async fn s3_down_fails_fast_and_recovers() {
    let mut s3 = S3Child::start();
    let storage = s3.storage().await;
    s3.kill();
    let started = Instant::now();
    let err = storage
        .put(
            &key(4, Variant::Thumb),
            Bytes::from_static(b"a"),
            "image/jpeg",
        )
        .await
        .expect_err("nothing listens");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        format!("{err:#}").contains("lots/47704465/4_thb.jpg"),
        "{err:#}"
    );
    s3.restart();
    // Back within a few seconds (a restarted server may refuse the very first request; the
    // job retries such lots later, so does this test, briefly).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match storage
            .put(
                &key(4, Variant::Thumb),
                Bytes::from_static(b"a"),
                "image/jpeg",
            )
            .await
        {
            Ok(()) => break,
            Err(e) if Instant::now() < deadline => {
                eprintln!("not yet: {e:#}");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("S3 did not come back: {e:#}"),
        }
    }
    assert!(
        storage
            .exists(&key(4, Variant::Thumb))
            .await
            .expect("exists")
    );
}

/// `n` bytes that gzip cannot shrink (random), so the archive's size budget is easy to reason about.
fn incompressible(n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n + 16);
    while out.len() < n {
        out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    }
    out.truncate(n);
    out
}

#[tokio::test]
async fn the_archive_lives_in_a_private_bucket_of_its_own() {
    use server::archive::Archive;
    let s3 = S3Child::start();
    let photos_cfg = s3.bucket().await;
    let photos = Storage::from_config(&photos_cfg).expect("photos");
    let mut source = server::startup::Settings::defaults()
        .expect("defaults")
        .source;

    // Refused: a bucket without S3 settings, or the (public) photo bucket.
    source.archive_s3_bucket = "somewhere".into();
    let local = StorageConfig::local(std::env::temp_dir());
    assert!(Archive::from_config(&source, &local).is_err());
    source.archive_s3_bucket = photos_cfg.s3_bucket.clone();
    let err = Archive::from_config(&source, &photos_cfg).expect_err("the photo bucket");
    assert!(format!("{err:#}").contains("photo bucket"), "{err:#}");

    let archive_cfg = s3.bucket().await;
    source.archive_s3_bucket = archive_cfg.s3_bucket.clone();
    source.archive_max_mb = 1;
    let archive = Archive::from_config(&source, &photos_cfg).expect("archive");
    let dir = std::env::temp_dir().join(format!("vinops-arch-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("dir");
    let now = chrono::Utc::now();
    let mut keys = Vec::new();
    let mut last = Vec::new();
    for minutes_ago in [30, 20, 10] {
        let body = incompressible(600 * 1024);
        let file = dir.join("export.csv");
        std::fs::write(&file, &body).expect("write");
        let at = now - chrono::TimeDelta::minutes(minutes_ago);
        keys.push(archive.store(&file, at).await.expect("store"));
        assert!(!file.exists(), "moved into the archive");
        last = body;
    }
    assert!(
        keys.iter()
            .all(|k| k.starts_with("raw/copart/") && k.ends_with(".csv.gz"))
    );
    // In the archive's bucket, never in the photos'.
    let archived = Storage::from_config(&archive_cfg).expect("archive bucket");
    assert_eq!(archived.list_sized("raw/").await.expect("list").len(), 3);
    assert!(photos.list_sized("raw/").await.expect("list").is_empty());
    let newest = archived
        .get(&StorageKey::parse(&keys[2]).expect("key"))
        .await
        .expect("get")
        .expect("stored");
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&newest[..]), &mut plain)
        .expect("gzip");
    assert_eq!(plain, last);

    // 1 MiB holds one of these exports: the two oldest go, the newest stays.
    let pruned = archive.prune(now).await.expect("prune");
    assert_eq!(pruned.removed, keys[..2]);
    assert_eq!(pruned.kept, 1);
    let left: Vec<String> = archived
        .list_sized("raw/")
        .await
        .expect("list")
        .into_iter()
        .map(|(k, _)| k.as_str().to_owned())
        .collect();
    assert_eq!(left, keys[2..]);
    std::fs::remove_dir_all(&dir).ok();
}
