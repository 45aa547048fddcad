//! Test databases: each test gets a fresh `vinops_test_<uuid>`, owned by the `vinops` role,
//! cloned from a template that the real migrations were applied to once.
//!
//! The template is `vinops_tpl_<hash of migrations/>` (file names and contents), so a changed
//! migration gets a template of its own and a stale one is never used. The first test of any
//! process that finds it missing builds it under an advisory lock (other processes and test
//! threads wait on the lock, then find it), as `…_new`, published by renaming only once it is
//! complete. It refuses connections: `CREATE DATABASE … TEMPLATE` fails while anyone is
//! connected to its source, and nobody ever needs to be. `deploy/scripts/test.sh` drops
//! templates of other migration sets.
//!
//! Cloning copies every object, grant and ownership inside the database (all owned by
//! `vinops`, which ran the migrations); the database's own ACL is not copied, so the
//! migrations' `GRANT CONNECT ON DATABASE` is applied again to each clone. Roles and their
//! settings are cluster-wide and exist already.

use std::time::Duration;

use server::config::DbConfig;
use sha2::{Digest, Sha256};
use sqlx::{Connection, PgConnection, PgPool};

/// Superuser connection used to create and drop test databases.
pub fn admin_url() -> String {
    std::env::var("TEST_ADMIN_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn host_part() -> String {
    std::env::var("TEST_DATABASE_HOST").unwrap_or_else(|_| "127.0.0.1:5432".to_owned())
}

/// Serialises template builds across processes (any constant shared by every test process).
const TEMPLATE_LOCK: i64 = 0x7669_6e6f_7073_7470;

/// `object_in_use`: another session is still connected (to a database being renamed, or to a
/// template); `invalid_catalog_name`: the template is gone (dropped by a cleanup in between).
const OBJECT_IN_USE: &str = "55006";
const NO_SUCH_DATABASE: &str = "3D000";

pub struct TestDb {
    pub name: String,
    pub cfg: DbConfig,
}

impl TestDb {
    /// A fresh database with every migration applied, owned by the `vinops` role.
    pub async fn new() -> TestDb {
        let name = format!("vinops_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&admin_url())
            .await
            .expect("admin connection");
        let mut attempts = 0;
        loop {
            let template = ensure_template(&mut admin).await;
            // Both names are generated here, never user input.
            let created = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "CREATE DATABASE {name} TEMPLATE {template} OWNER vinops"
            )))
            .execute(&mut admin)
            .await;
            match created {
                Ok(_) => break,
                Err(e) if attempts < 3 && has_code(&e, NO_SUCH_DATABASE) => attempts += 1,
                Err(e) => panic!("create test database from {template}: {e}"),
            }
        }
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "GRANT CONNECT ON DATABASE {name} TO vinops_web, vinops_etl"
        )))
        .execute(&mut admin)
        .await
        .expect("grant connect");
        admin.close().await.ok();
        TestDb {
            cfg: db_config(&name),
            name,
        }
    }

    /// A fresh database with `rows` demo lots (generator seed `seed`) loaded through the ETL.
    pub async fn with_demo(seed: u64, rows: usize) -> TestDb {
        let db = TestDb::new().await;
        let etl = db.etl().await;
        vinops_dev::demo::load_as_export(&etl, seed, rows, 0.0)
            .await
            .expect("demo load");
        db
    }

    pub async fn owner(&self) -> PgPool {
        PgPool::connect(self.cfg.database_url.expose())
            .await
            .expect("owner pool")
    }

    pub async fn etl(&self) -> PgPool {
        server::db::etl_pool(&self.cfg).await.expect("etl pool")
    }

    pub fn web(&self) -> PgPool {
        server::db::web_pool(&self.cfg).expect("web pool")
    }
}

/// The three roles' URLs of database `name`, with the tests' pool settings.
fn db_config(name: &str) -> DbConfig {
    let host = host_part();
    DbConfig {
        database_url: format!("postgres://vinops@{host}/{name}").into(),
        etl_database_url: format!("postgres://vinops_etl@{host}/{name}").into(),
        web_database_url: format!("postgres://vinops_web@{host}/{name}").into(),
        web_pool_max: 4,
        web_statement_timeout_ms: 5000,
    }
}

fn has_code(e: &sqlx::Error, want: &str) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.code().as_deref() == Some(want))
}

/// `vinops_tpl_` + the first 16 hex digits of SHA-256 over each migration file's name, a line
/// feed and its bytes, in name order (`deploy/scripts/test.sh` computes the same).
pub fn template_name() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("migrations directory")
        .map(|e| e.expect("migrations entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut hash = Sha256::new();
    for path in files {
        let file_name = path.file_name().expect("file name").to_string_lossy();
        hash.update(file_name.as_bytes());
        hash.update(b"\n");
        hash.update(std::fs::read(&path).expect("migration file"));
    }
    format!("vinops_tpl_{}", &hex::encode(hash.finalize())[..16])
}

async fn exists(admin: &mut PgConnection, name: &str) -> bool {
    sqlx::query_scalar::<_, bool>("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(name)
        .fetch_one(admin)
        .await
        .expect("pg_database")
}

/// The template's name, after building it if no process has yet.
async fn ensure_template(admin: &mut PgConnection) -> String {
    let name = template_name();
    if exists(admin, &name).await {
        return name;
    }
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut *admin)
        .await
        .expect("template lock");
    if !exists(admin, &name).await {
        build_template(admin, &name).await;
    }
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut *admin)
        .await
        .expect("template unlock");
    name
}

/// Under the template lock: migrates `{name}_new` (a leftover of a build cut short is dropped
/// first), closes it to connections, marks it a template and publishes it as `name`.
async fn build_template(admin: &mut PgConnection, name: &str) {
    let building = format!("{name}_new");
    for sql in [
        format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
        format!("CREATE DATABASE {building} OWNER vinops"),
    ] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut *admin)
            .await
            .expect("template database");
    }
    server::db::migrate(
        &db_config(&building).database_url,
        &server::db::MigrateConfig::default(),
    )
    .await
    .expect("migrations apply");
    let publish = [
        format!("ALTER DATABASE {building} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true"),
        format!("ALTER DATABASE {building} RENAME TO {name}"),
    ];
    for sql in publish {
        // The migration's connection is closed, but its server process may still be exiting.
        let mut waited = 0;
        loop {
            match sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
                .execute(&mut *admin)
                .await
            {
                Ok(_) => break,
                Err(e) if waited < 100 && has_code(&e, OBJECT_IN_USE) => {
                    waited += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => panic!("{sql}: {e}"),
            }
        }
    }
}
