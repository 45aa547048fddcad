//! The rules of `migrations/README.md`, run against a real database through the same runner
//! as `vinops-server migrate` (`server::db::apply`, with its lock and statement timeouts), on
//! migration files read from disk as `sqlx::migrate!` reads `migrations/`:
//! - an index on a big table is built `CONCURRENTLY` in a `-- no-transaction` migration (and
//!   cannot be in an ordinary one);
//! - such a migration holds one statement: a second one puts the pair in one implicit
//!   transaction, which `CONCURRENTLY` refuses;
//! - a migration waiting for a lock gives up after `lock_timeout`, so the readers queued behind
//!   its lock request wait that long at most, not as long as the query it waits for.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::TestDb;
use server::db::MigrateConfig;
use sqlx::PgPool;
use sqlx::migrate::Migrator;

/// A migration version after every real one.
const NEXT: i64 = 29_991_231_000_001;

/// A migrations directory holding one file, `{NEXT}_{name}.sql`, with `sql`.
struct OneMigration {
    dir: PathBuf,
}

impl OneMigration {
    fn new(name: &str, sql: &str) -> OneMigration {
        let dir = std::env::temp_dir().join(format!(
            "vinops-migration-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join(format!("{NEXT}_{name}.sql")), sql).expect("file");
        OneMigration { dir }
    }

    /// The migrator of this directory, tolerating the real migrations already applied.
    async fn migrator(&self) -> Migrator {
        let mut m = Migrator::new(self.dir.as_path()).await.expect("reads");
        m.set_ignore_missing(true);
        m
    }

    async fn apply(&self, db: &TestDb, cfg: &MigrateConfig) -> anyhow::Result<()> {
        server::db::apply(&db.cfg.database_url, cfg, &self.migrator().await).await
    }
}

impl Drop for OneMigration {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// Whether index `name` exists and is valid (a failed concurrent build leaves an invalid one).
async fn valid_index(owner: &PgPool, name: &str) -> Option<bool> {
    sqlx::query_scalar(
        "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relname = $1",
    )
    .bind(name)
    .fetch_optional(owner)
    .await
    .expect("pg_index")
}

#[tokio::test]
async fn an_index_is_built_concurrently_in_a_no_transaction_migration_only() {
    let db = TestDb::with_demo(7, 200).await;
    let owner = db.owner().await;
    let cfg = MigrateConfig::default();
    let statement =
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS lots_rule_test_idx ON lots (odometer_mi);\n";

    let in_a_transaction = OneMigration::new("index_in_tx", statement);
    let err = in_a_transaction
        .apply(&db, &cfg)
        .await
        .expect_err("CONCURRENTLY in a transaction");
    assert!(
        format!("{err:#}").contains("cannot run inside a transaction block"),
        "{err:#}"
    );
    assert_eq!(valid_index(&owner, "lots_rule_test_idx").await, None);

    let two = OneMigration::new(
        "two_indexes",
        &format!(
            "-- no-transaction\n{statement}CREATE INDEX CONCURRENTLY IF NOT EXISTS lots_rule_test2_idx ON lots (auction_at);\n"
        ),
    );
    let err = two
        .apply(&db, &cfg)
        .await
        .expect_err("two statements share an implicit transaction");
    assert!(format!("{err:#}").contains("transaction block"), "{err:#}");

    let outside = OneMigration::new("index", &format!("-- no-transaction\n{statement}"));
    assert!(outside.migrator().await.iter().all(|m| m.no_tx));
    outside.apply(&db, &cfg).await.expect("applies");
    assert_eq!(valid_index(&owner, "lots_rule_test_idx").await, Some(true));
    let recorded: bool =
        sqlx::query_scalar("SELECT success FROM _sqlx_migrations WHERE version = $1")
            .bind(NEXT)
            .fetch_one(&owner)
            .await
            .expect("recorded");
    assert!(recorded);
}

#[tokio::test]
async fn a_migration_waiting_for_a_lock_holds_readers_up_no_longer_than_its_timeout() {
    let db = TestDb::with_demo(7, 200).await;
    let owner = db.owner().await;
    // A long read (a report, a dump) holds its lock on `lots` for 6 s.
    let mut long_read = owner.begin().await.expect("begin");
    sqlx::query("SELECT count(*) FROM lots")
        .execute(&mut *long_read)
        .await
        .expect("read");
    let held = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(6)).await;
        long_read.commit().await.expect("commit");
    });

    // The migration needs ACCESS EXCLUSIVE on `lots`: it queues behind the long read, and
    // every reader after it queues behind the migration.
    let migration = OneMigration::new(
        "add_column",
        "ALTER TABLE lots ADD COLUMN rule_test integer;\n",
    );
    let cfg = MigrateConfig {
        migrate_lock_timeout_ms: 500,
        ..MigrateConfig::default()
    };
    let started = Instant::now();
    let migrating = {
        let db_cfg = db.cfg.clone();
        let migrator = migration.migrator().await;
        tokio::spawn(async move { server::db::apply(&db_cfg.database_url, &cfg, &migrator).await })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    // A page's read, as the web role makes it.
    let web = PgPool::connect(db.cfg.web_database_url.expose())
        .await
        .expect("web role");
    let read_started = Instant::now();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&web)
        .await
        .expect("the reader is served");
    let waited = read_started.elapsed();
    assert!(n > 0);
    let outcome = migrating.await.expect("task");
    let err = outcome.expect_err("the migration gives up");
    assert!(format!("{err:#}").contains("lock timeout"), "{err:#}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // Held up by the migration's lock request for what was left of its 500 ms, not for the
    // long read's 6 s.
    assert!(
        waited < Duration::from_secs(2),
        "the reader waited {waited:?}"
    );
    held.await.expect("released");
}
