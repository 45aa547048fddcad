//! A suppressed VIN's photos leave the store, against real stores: a real S3
//! server (s3s-fs, killed and restarted to play an outage) and a local directory. Photos are
//! put there by the real images job from the simulated photo API; the removal goes through the
//! admin endpoint or the operator command's function; the unsuppress brings them back through
//! the images job again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::purge_common;
use crate::s3_child;

use std::time::{Duration, Instant};

use purge_common::{
    count, fixture, health, keys_of, lot, objects_of, public_get, settle, vin_with_two_lots,
};
use s3_child::S3Child;
use server::images;
use server::images::purge::{self, PhotoPurge};
use server::storage::{StorageConfig, StorageKey};
use vinops::vin::Vin;
use vinops_dev::simulator::PhotoFault;

#[tokio::test]
async fn suppress_deletes_every_object_of_every_lot_from_s3_and_unsuppress_fetches_them_again() {
    let s3 = S3Child::start();
    let f = fixture(31, 6, s3.bucket().await).await;
    let (vin, lots) = vin_with_two_lots(&f.app).await;
    let keys = keys_of(&f.pool, &vin).await;
    assert!(keys.len() >= 8, "2–3 photos × 2 sizes × 2 lots: {keys:?}");
    // An object without a row (a run cut short between storing and recording): purged too.
    let stray = format!("{}99_ful.jpg", StorageKey::lot_prefix(lot(lots[1])));
    f.storage
        .put(
            &StorageKey::parse(&stray).expect("key"),
            bytes::Bytes::from_static(b"stray"),
            "image/jpeg",
        )
        .await
        .expect("put stray");
    assert_eq!(objects_of(&f.storage, &lots).await, keys.len() + 1);
    let visible = public_get(&s3, &f.storage, &keys[0]).await;
    assert_eq!(visible, 200, "the bucket serves the photo publicly");
    let others_before = count(&f.pool, "SELECT count(*) FROM images", "").await - keys.len() as i64;
    let page = f.app.page(&format!("/en/vin/{vin}")).await;
    assert!(page.contains(&keys[0]) || keys.iter().any(|k| page.contains(k.as_str())));

    let done = f.app.admin_suppress(&vin).await;
    assert_eq!(done["outcome"], "changed");
    assert_eq!(
        done["photos"],
        serde_json::json!({ "status": "purged", "objects": keys.len() + 1, "rows": keys.len() }),
        "{done}"
    );
    for key in keys.iter().chain([&stray]) {
        assert_eq!(public_get(&s3, &f.storage, key).await, 404, "{key}");
        let k = StorageKey::parse(key).expect("key");
        assert!(!f.storage.exists(&k).await.expect("exists"), "{key}");
    }
    assert_eq!(objects_of(&f.storage, &lots).await, 0);
    let vin_rows = "SELECT count(*) FROM images i JOIN lots l ON l.id = i.lot_id WHERE l.vin = $1";
    assert_eq!(count(&f.pool, vin_rows, &vin).await, 0, "images rows");
    let progress =
        "SELECT count(*) FROM lot_photos p JOIN lots l ON l.id = p.lot_id WHERE l.vin = $1";
    assert_eq!(count(&f.pool, progress, &vin).await, 0, "lot_photos rows");
    assert_eq!(
        count(&f.pool, "SELECT count(*) FROM photo_purges", "").await,
        0
    );
    assert_eq!(
        count(&f.pool, "SELECT count(*) FROM images", "").await,
        others_before,
        "other VINs keep their photos"
    );
    assert_eq!(f.app.get(&format!("/en/vin/{vin}")).await.status(), 410);
    let api = f.app.get(&format!("/api/v1/vehicles/{vin}")).await;
    assert_eq!(api.status(), 410);
    let h = health(&f.app).await;
    assert_eq!(h["services"]["photoPurges"]["state"], "healthy", "{h}");
    assert_eq!(h["services"]["photoPurges"]["details"]["pending"], 0);
    // While suppressed, the images job leaves its lots alone.
    images::run(&f.pool, &f.storage, &f.images_opts())
        .await
        .expect("run");
    assert_eq!(count(&f.pool, vin_rows, &vin).await, 0);

    f.app.admin_unsuppress(&vin).await;
    // Back, without photos until the images job has fetched them again.
    let page = f.app.page(&format!("/en/vin/{vin}")).await;
    for l in &lots {
        assert!(
            !page.contains(&format!("lots/{l}/")),
            "no photo of lot {l} yet"
        );
    }
    let queued = "SELECT count(*) FROM v_lots_needing_photos n JOIN lots l ON l.id = n.lot_id
                  WHERE l.vin = $1";
    assert_eq!(count(&f.pool, queued, &vin).await, 2, "both lots queued");
    settle(&f.pool, &f.storage, &f.images_opts()).await;
    assert_eq!(keys_of(&f.pool, &vin).await, keys, "the same photos again");
    assert_eq!(objects_of(&f.storage, &lots).await, keys.len());
    assert_eq!(public_get(&s3, &f.storage, &keys[0]).await, 200);
    let page = f.app.page(&format!("/en/vin/{vin}")).await;
    assert!(
        keys.iter().any(|k| page.contains(k.as_str())),
        "photos shown again"
    );
    assert!(f.photos.sim.stats().metadata_requests > 0);
}

#[tokio::test]
async fn s3_down_during_suppress_keeps_the_removal_reports_it_and_purges_once_back() {
    let mut s3 = S3Child::start();
    let f = fixture(32, 4, s3.bucket().await).await;
    let vin: String = sqlx::query_scalar(
        "SELECT l.vin FROM lots l JOIN images i ON i.lot_id = l.id ORDER BY l.id LIMIT 1",
    )
    .fetch_one(&f.pool)
    .await
    .expect("a photographed vin");
    let keys = keys_of(&f.pool, &vin).await;
    assert!(!keys.is_empty());

    s3.kill();
    let started = Instant::now();
    let done = f.app.admin_suppress(&vin).await;
    assert!(started.elapsed() < purge::ATTEMPT_BUDGET + Duration::from_secs(5));
    assert_eq!(done["outcome"], "changed", "the suppression holds: {done}");
    assert_eq!(done["photos"]["status"], "pending", "{done}");
    assert!(!done["photos"]["reason"].as_str().unwrap_or("").is_empty());
    assert_eq!(f.app.get(&format!("/en/vin/{vin}")).await.status(), 410);
    // The database still knows every key to delete.
    assert_eq!(keys_of(&f.pool, &vin).await, keys);
    let (attempts, error, wait): (i32, Option<String>, f64) = sqlx::query_as(
        "SELECT attempts, last_error, extract(epoch FROM next_attempt_at - now())::float8
         FROM photo_purges WHERE vin = $1",
    )
    .bind(&vin)
    .fetch_one(&f.pool)
    .await
    .expect("pending purge");
    assert_eq!(attempts, 1);
    assert!(error.is_some());
    assert!((50.0..=61.0).contains(&wait), "1 min back-off, got {wait}");

    let h = health(&f.app).await;
    let p = &h["services"]["photoPurges"];
    assert_eq!(p["state"], "degraded", "{h}");
    assert_eq!(
        (
            p["details"]["pending"].as_i64(),
            p["details"]["failing"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(h["status"], "degraded");
    assert!(
        h["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r.as_str().unwrap_or("").contains("photo purge")),
        "{h}"
    );

    // The job: nothing due during the back-off; forced while still down it fails again and
    // backs off longer.
    let run = purge::run_due(&f.pool, &f.storage, false)
        .await
        .expect("run");
    assert_eq!(run.claimed, 0);
    let run = purge::run_due(&f.pool, &f.storage, true)
        .await
        .expect("run");
    assert_eq!((run.claimed, run.failed, run.purged), (1, 1, 0));
    let wait: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM photo_purges",
    )
    .fetch_one(&f.pool)
    .await
    .expect("pending purge");
    assert!(
        (110.0..=121.0).contains(&wait),
        "2 min back-off, got {wait}"
    );

    // The store is back; once due, the job's run purges it.
    s3.restart();
    sqlx::query("UPDATE photo_purges SET next_attempt_at = now()")
        .execute(&f.pool)
        .await
        .expect("make it due");
    let run = purge::run_due(&f.pool, &f.storage, false)
        .await
        .expect("run");
    assert_eq!((run.claimed, run.purged, run.failed), (1, 1, 0), "{run:?}");
    assert_eq!(run.objects, keys.len() as u64);
    for key in &keys {
        assert_eq!(public_get(&s3, &f.storage, key).await, 404, "{key}");
    }
    assert!(keys_of(&f.pool, &vin).await.is_empty());
    assert_eq!(
        count(&f.pool, "SELECT count(*) FROM photo_purges", "").await,
        0
    );
    let h = health(&f.app).await;
    assert_eq!(h["services"]["photoPurges"]["state"], "healthy", "{h}");
}

#[tokio::test]
async fn local_store_purge_from_the_operator_command_then_media_answers_410_then_404() {
    let dir = std::env::temp_dir().join(format!("vinops-media-{}", uuid::Uuid::new_v4().simple()));
    let f = fixture(33, 4, StorageConfig::local(&dir)).await;
    let (vin, lot_number): (String, i64) = sqlx::query_as(
        "SELECT l.vin, l.lot_number FROM lots l JOIN images i ON i.lot_id = l.id ORDER BY l.id LIMIT 1",
    )
    .fetch_one(&f.pool)
    .await
    .expect("a photographed vin");
    let keys = keys_of(&f.pool, &vin).await;
    let media = format!("/media/{}", keys[0]);
    assert_eq!(f.app.get(&media).await.status(), 200);
    let lot_dir = dir.join(format!("lots/{lot_number}"));
    assert!(lot_dir.is_dir());

    let vin_typed = Vin::parse(&vin).expect("vin");
    let applied = server::suppress::suppress_and_purge(
        &f.pool,
        Some(&f.storage),
        &vin_typed,
        "owner request",
        "cli:test",
    )
    .await
    .expect("suppress");
    assert_eq!(
        applied.photos,
        PhotoPurge::Purged {
            objects: keys.len() as u64,
            rows: keys.len() as u64
        }
    );
    assert!(!lot_dir.exists(), "the files and their directory are gone");
    assert_eq!(f.app.get(&media).await.status(), 410);
    // Asking again finds nothing left to do.
    let again = server::suppress::suppress_and_purge(
        &f.pool,
        Some(&f.storage),
        &vin_typed,
        "owner request",
        "cli:test",
    )
    .await
    .expect("suppress again");
    assert_eq!(again.outcome, server::suppress::Outcome::Unchanged);
    assert_eq!(
        again.photos,
        PhotoPurge::Purged {
            objects: 0,
            rows: 0
        }
    );

    server::suppress::unsuppress(&f.pool, &vin_typed, "cli:test")
        .await
        .expect("unsuppress");
    assert_eq!(
        f.app.get(&media).await.status(),
        404,
        "not fetched again yet"
    );
    settle(&f.pool, &f.storage, &f.images_opts()).await;
    assert_eq!(keys_of(&f.pool, &vin).await, keys);
    assert_eq!(f.app.get(&media).await.status(), 200);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_photo_stored_after_its_vin_was_suppressed_mid_run_is_not_kept() {
    let dir = std::env::temp_dir().join(format!("vinops-media-{}", uuid::Uuid::new_v4().simple()));
    // One lot, not fetched yet.
    let f = fixture(34, 1, StorageConfig::local(&dir)).await;
    let (vin, lot_number): (String, i64) = sqlx::query_as("SELECT vin, lot_number FROM lots")
        .fetch_one(&f.pool)
        .await
        .expect("the lot");
    // Its photo list comes 1.5 s late: the lot is picked, then its VIN is suppressed.
    f.photos
        .sim
        .fault_next(PhotoFault::Slow { delay_ms: 1500 }, 1);
    let job = {
        let (pool, storage, opts) = (f.pool.clone(), f.storage.clone(), f.images_opts());
        tokio::spawn(async move { images::run(&pool, &storage, &opts).await })
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while f.photos.sim.stats().slow == 0 {
        assert!(Instant::now() < deadline, "the job never asked");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let vin_typed = Vin::parse(&vin).expect("vin");
    server::suppress::suppress(&f.pool, &vin_typed, "owner request", "cli:test")
        .await
        .expect("suppress");
    let report = job.await.expect("task").expect("run");
    assert_eq!(report.lots, 1);
    assert!(
        f.photos.sim.stats().image_requests >= 1,
        "it downloaded one"
    );
    assert!(keys_of(&f.pool, &vin).await.is_empty(), "no row recorded");
    assert_eq!(
        objects_of(&f.storage, &[lot_number]).await,
        0,
        "object deleted"
    );
    // The suppression's own purge is still queued (no store was given): it finds nothing.
    let run = purge::run_due(&f.pool, &f.storage, false)
        .await
        .expect("run");
    assert_eq!((run.claimed, run.purged, run.objects), (1, 1, 0));
    std::fs::remove_dir_all(&dir).ok();
}
