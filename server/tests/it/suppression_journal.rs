//! The suppression journal against real stores: removals written after their commit, and a
//! database that never saw them (a restore to an earlier point: here a second database loaded
//! with the same lots) getting them back from the journal, in order, once. Local directory and
//! S3 (s3s-fs); a store that fails leaves the events queued and `/health`'s facts count them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{TestApp, TestDb};
use crate::purge_common;
use crate::s3_child::S3Child;

use server::storage::{LocalStore, Storage};
use server::suppress::{self, journal};
use sqlx::PgPool;
use vinops::vin::Vin;

async fn first_vins(pool: &PgPool, n: i64) -> Vec<Vin> {
    sqlx::query_scalar::<_, String>("SELECT vin FROM vehicles ORDER BY vin LIMIT $1")
        .bind(n)
        .fetch_all(pool)
        .await
        .expect("vins")
        .iter()
        .map(|v| Vin::parse(v).expect("vin"))
        .collect()
}

async fn suppressed(pool: &PgPool, vin: &Vin) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM suppressions WHERE vin = $1)")
        .bind(vin.as_str())
        .fetch_one(pool)
        .await
        .expect("suppressed?")
}

async fn unjournaled(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM suppression_events WHERE journaled_at IS NULL")
        .fetch_one(pool)
        .await
        .expect("count")
}

/// The whole cycle on `store`: journal on the live database, replay onto a "restored" one.
async fn journal_then_replay(store: &Storage) {
    let live = TestDb::with_demo(11, 60).await;
    let restored = TestDb::with_demo(11, 60).await;
    let (live, restored) = (live.etl().await, restored.etl().await);
    let vins = first_vins(&live, 3).await;
    let (a, b, c) = (&vins[0], &vins[1], &vins[2]);

    // On the live database: A and B removed, B lifted again; C removed only on the restored one
    // (something the journal does not know must be left alone).
    suppress::suppress(&live, a, "owner asked", "test")
        .await
        .expect("a");
    suppress::suppress(&live, b, "owner asked", "test")
        .await
        .expect("b");
    assert_eq!(unjournaled(&live).await, 2);
    let flushed = journal::flush(&live, store).await.expect("flush");
    assert_eq!(flushed.written, 2);
    assert_eq!(unjournaled(&live).await, 0);
    suppress::unsuppress(&live, b, "test")
        .await
        .expect("lift b");
    assert_eq!(
        journal::flush(&live, store).await.expect("flush").written,
        1
    );
    assert_eq!(
        journal::flush(&live, store).await.expect("flush").written,
        0,
        "nothing twice"
    );
    let keys = store.list_sized(journal::PREFIX).await.expect("list");
    assert_eq!(keys.len(), 3, "{keys:?}");
    suppress::suppress(&restored, c, "removed after the restore", "test")
        .await
        .expect("c");

    assert!(
        !suppressed(&restored, a).await,
        "the restore predates A's removal"
    );
    let replayed = journal::replay(&restored, store, None)
        .await
        .expect("replay");
    assert_eq!((replayed.entries, replayed.vins), (3, 2));
    let applied: Vec<(&str, &str)> = replayed
        .reapplied
        .iter()
        .map(|r| (r.vin.as_str(), r.action.as_str()))
        .collect();
    // B's last word was "unsuppress" and the restored database never suppressed it: nothing to do.
    assert_eq!(applied, vec![(a.as_str(), "suppress")]);
    assert!(suppressed(&restored, a).await);
    assert!(!suppressed(&restored, b).await);
    assert!(
        suppressed(&restored, c).await,
        "not in the journal: untouched"
    );
    let actor: String = sqlx::query_scalar(
        "SELECT actor FROM suppression_events WHERE vin = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(a.as_str())
    .fetch_one(&restored)
    .await
    .expect("actor");
    assert_eq!(actor, "replay:test");
    let again = journal::replay(&restored, store, None)
        .await
        .expect("again");
    assert!(again.reapplied.is_empty(), "{:?}", again.reapplied);

    // Lifted on the live database after the replay: a later replay lifts it on the restored one.
    suppress::unsuppress(&live, a, "test")
        .await
        .expect("lift a");
    journal::flush(&live, store).await.expect("flush");
    let lifted = journal::replay(&restored, store, None)
        .await
        .expect("replay");
    assert_eq!(lifted.reapplied.len(), 1);
    assert_eq!(lifted.reapplied[0].action, "unsuppress");
    assert!(!suppressed(&restored, a).await);
}

#[tokio::test]
async fn a_restored_database_gets_the_removals_back_from_a_local_journal() {
    let dir =
        std::env::temp_dir().join(format!("vinops-journal-{}", uuid::Uuid::new_v4().simple()));
    let store = Storage::Local(LocalStore::new(&dir));
    journal_then_replay(&store).await;
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_restored_database_gets_the_removals_back_from_an_s3_journal() {
    let s3 = S3Child::start();
    let store = s3.storage().await;
    journal_then_replay(&store).await;
}

#[tokio::test]
async fn a_store_that_fails_leaves_the_events_queued_and_counted() {
    let db = TestDb::with_demo(12, 20).await;
    let etl = db.etl().await;
    assert_eq!(unjournaled(&etl).await, 0);
    let vin = first_vins(&etl, 1).await.remove(0);
    suppress::suppress(&etl, &vin, "owner asked", "test")
        .await
        .expect("suppress");
    let mut s3 = S3Child::start();
    let store = s3.storage().await;
    s3.kill();
    let err = journal::flush(&etl, &store).await.expect_err("store down");
    assert!(
        format!("{err:#}").contains("writing suppressions/"),
        "{err:#}"
    );
    assert_eq!(unjournaled(&etl).await, 1, "still queued");
    // Waiting longer than /health allows: the photo-removal entry says so.
    sqlx::query("UPDATE suppression_events SET created_at = now() - interval '20 minutes'")
        .execute(&db.owner().await)
        .await
        .expect("age the event");
    let app = TestApp::spawn(db).await;
    let health = purge_common::health(&app).await.to_string();
    assert!(health.contains(r#""unjournaled":1"#), "{health}");
    assert!(
        health.contains("1 removal(s) not in the suppression journal for 20 min"),
        "{health}"
    );
    s3.restart();
    assert_eq!(
        journal::flush(&etl, &store).await.expect("flush").written,
        1
    );
    assert_eq!(unjournaled(&etl).await, 0);
}

#[tokio::test]
async fn admin_removals_are_journaled_before_the_answer() {
    let db = TestDb::with_demo(13, 20).await;
    let etl = db.etl().await;
    let vin = first_vins(&etl, 1).await.remove(0);
    let s3 = S3Child::start();
    let photos = s3.bucket().await;
    let archive = s3.bucket().await;
    let journal = Storage::from_config(&archive).expect("archive store");
    // A web-only process (no jobs) whose archive is the shared bucket: the admin change writes
    // its own journal entry instead of waiting for a jobs instance's photo_purge run.
    let app = TestApp::builder(db)
        .with_storage(photos)
        .with_archive_bucket(&archive.s3_bucket)
        .spawn()
        .await;
    let done = app.admin_suppress(vin.as_str()).await;
    assert_eq!(done["vin"], vin.as_str(), "{done}");
    assert_eq!(unjournaled(&etl).await, 0, "written before the answer");
    app.admin_unsuppress(vin.as_str()).await;
    assert_eq!(unjournaled(&etl).await, 0);
    let keys: Vec<String> = journal
        .list_sized(journal::PREFIX)
        .await
        .expect("list")
        .into_iter()
        .map(|(k, _)| k.as_str().to_owned())
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(
        keys[0].ends_with(&format!("-{}-suppress.json", vin.as_str())),
        "{keys:?}"
    );
    assert!(
        keys[1].ends_with(&format!("-{}-unsuppress.json", vin.as_str())),
        "{keys:?}"
    );
}

#[tokio::test]
async fn a_web_only_replica_with_a_local_archive_leaves_the_journal_to_the_jobs() {
    let db = TestDb::with_demo(14, 20).await;
    let etl = db.etl().await;
    let vin = first_vins(&etl, 1).await.remove(0);
    // The default test app: no jobs here, the archive a directory of this process's own.
    let app = TestApp::spawn(db).await;
    app.admin_suppress(vin.as_str()).await;
    assert!(suppressed(&etl, &vin).await);
    assert_eq!(
        unjournaled(&etl).await,
        1,
        "queued for the jobs instance, not written into a directory no other replica reads"
    );
}
