//! The schema enforces the domain rules, and the two roles can do exactly what they should.

use crate::common;

use common::TestDb;

async fn insert_vehicle(pool: &sqlx::PgPool, vin: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO vehicles (vin, year, make) VALUES ($1, 2017, 'HYUNDAI')")
        .bind(vin)
        .execute(pool)
        .await
        .map(|_| ())
}

fn constraint_of(err: &sqlx::Error) -> Option<String> {
    err.as_database_error()
        .and_then(|e| e.constraint())
        .map(str::to_owned)
}

#[tokio::test]
async fn vin_check_matches_the_domain_rule() {
    let db = TestDb::new().await;
    let etl = db.etl().await;
    insert_vehicle(&etl, "KMHE24L10HA059207")
        .await
        .expect("valid 17-char VIN");
    insert_vehicle(&etl, "12345678901")
        .await
        .expect("valid 11-char VIN");
    for bad in [
        "ABCOOQ12345",
        "kmhe24l10ha059208",
        "1234567890",
        "1HGCM82633A0043521",
        "1HGCM8263 A004352",
    ] {
        let err = insert_vehicle(&etl, bad).await.expect_err(bad);
        assert_eq!(
            constraint_of(&err).as_deref(),
            Some("vehicles_vin_format"),
            "{bad}"
        );
        // The domain agrees with the database on every one of them.
        assert!(
            vinops::vin::Vin::parse(bad)
                .map(|v| v.as_str() != bad)
                .unwrap_or(true),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn lot_constraints_reject_bad_values() {
    let db = TestDb::new().await;
    let etl = db.etl().await;
    insert_vehicle(&etl, "KMHE24L10HA059207")
        .await
        .expect("vehicle");
    let insert = |lot: i64, tz: &str, bid: i64, status: &str| {
        let etl = etl.clone();
        let (tz, status) = (tz.to_owned(), status.to_owned());
        async move {
            sqlx::query(
                "INSERT INTO lots (lot_number, vin, yard_number, yard_name, time_zone, vehicle_type,
                                   sale_status, sale_status_raw, current_bid_cents, source_updated_at)
                 VALUES ($1, 'KMHE24L10HA059207', 1, 'CA - VALLEJO', $2, 'V', $3, 'x', $4, now())",
            )
            .bind(lot)
            .bind(tz)
            .bind(status)
            .bind(bid)
            .execute(&etl)
            .await
        }
    };
    insert(47704465, "PDT", 105000, "on_minimum_bid")
        .await
        .expect("valid lot");
    let cases = [
        (
            insert(0, "PDT", 0, "pure_sale").await,
            "lots_lot_number_positive",
        ),
        (
            insert(47704466, "XYZ", 0, "pure_sale").await,
            "lots_time_zone_known",
        ),
        (
            insert(47704467, "EDT", -1, "pure_sale").await,
            "lots_current_bid_non_negative",
        ),
        (
            insert(47704468, "EDT", 0, "active").await,
            "lots_sale_status_known",
        ),
        (
            insert(47704465, "EDT", 0, "pure_sale").await,
            "lots_lot_number_unique",
        ),
    ];
    for (res, want) in cases {
        let err = res.expect_err(want);
        assert_eq!(constraint_of(&err).as_deref(), Some(want));
    }
}

#[tokio::test]
async fn web_role_is_read_only_and_etl_role_cannot_drop() {
    let db = TestDb::new().await;
    let web = db.web();
    let err = insert_vehicle(&web, "KMHE24L10HA059207")
        .await
        .expect_err("web must not write");
    let msg = err.to_string();
    assert!(
        msg.contains("read-only") || msg.contains("permission denied"),
        "{msg}"
    );
    // Even with the read-only default switched off, the grants do not allow writing.
    let mut conn = web.acquire().await.expect("conn");
    sqlx::query("SET default_transaction_read_only = off")
        .execute(&mut *conn)
        .await
        .expect("set");
    let err = sqlx::query("INSERT INTO vehicles (vin) VALUES ('KMHE24L10HA059207')")
        .execute(&mut *conn)
        .await
        .expect_err("no INSERT grant");
    assert!(err.to_string().contains("permission denied"), "{err}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&web)
        .await
        .expect("web reads");
    assert_eq!(count, 0);

    let etl = db.etl().await;
    let err = sqlx::query("DROP TABLE lots")
        .execute(&etl)
        .await
        .expect_err("etl cannot drop");
    assert!(err.to_string().contains("owner"), "{err}");
}

#[tokio::test]
async fn migrations_are_idempotent() {
    let db = TestDb::new().await;
    server::db::migrate(&db.cfg.database_url)
        .await
        .expect("second run is a no-op");
}

/// A test database is a clone of the migrated template: it must come out exactly as if the
/// migrations had run on it (owner, every object's owner, the grants inside it, and the
/// database-level CONNECT grant, which cloning does not copy), and the template itself must
/// stay closed to connections, or the next clone would fail.
#[tokio::test]
async fn a_cloned_test_database_is_as_the_migrations_leave_it() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let (db_owner, acl): (String, String) = sqlx::query_as(
        "SELECT pg_get_userbyid(datdba)::text, coalesce(datacl::text, '')
         FROM pg_database WHERE datname = current_database()",
    )
    .fetch_one(&owner)
    .await
    .expect("pg_database");
    assert_eq!(db_owner, "vinops");
    for role in ["vinops_web", "vinops_etl"] {
        assert!(
            acl.contains(&format!("{role}=c/")),
            "{role} may connect: {acl}"
        );
    }
    let foreign: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname IN ('public', 'raw', 'staging', 'audit')
           AND pg_get_userbyid(c.relowner) <> 'vinops'",
    )
    .fetch_one(&owner)
    .await
    .expect("owners");
    assert_eq!(
        foreign, 0,
        "every table, view, index and sequence is vinops's"
    );
    let applied: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(&owner)
        .await
        .expect("migrations table");
    assert_eq!(applied, server::db::MIGRATOR.iter().count() as i64);
    let (is_template, allows): (bool, bool) =
        sqlx::query_as("SELECT datistemplate, datallowconn FROM pg_database WHERE datname = $1")
            .bind(common::template_name())
            .fetch_one(&owner)
            .await
            .expect("the template exists");
    assert!(is_template && !allows);
    // The grants inside survive too: the ETL role writes, the web role reads.
    insert_vehicle(&db.etl().await, "KMHE24L10HA059207")
        .await
        .expect("etl role writes");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM vehicles")
        .fetch_one(&db.web())
        .await
        .expect("web role reads");
    assert_eq!(n, 1);
}
