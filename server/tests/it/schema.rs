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
    // Requesters' contact details are not the pages' business: only the ETL role (which records
    // and applies requests) and the owner read them.
    let err = sqlx::query("SELECT contact FROM removal_requests")
        .fetch_all(&web)
        .await
        .expect_err("web must not read removal requests");
    assert!(err.to_string().contains("permission denied"), "{err}");

    let etl = db.etl().await;
    let err = sqlx::query("DROP TABLE lots")
        .execute(&etl)
        .await
        .expect_err("etl cannot drop");
    assert!(err.to_string().contains("owner"), "{err}");
}

/// Every schema object of the database as sorted text lines: schemas, relations with their
/// columns, constraints, indexes, views, sequences, functions, triggers, types, policies,
/// extensions, privileges and role settings — definitions and grants, never data or OIDs.
const SCHEMA_DUMP: &str = r#"
WITH ns AS (
    SELECT oid, nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%'
      AND nspname NOT LIKE 'pg_temp%'
), lines AS (
    SELECT format('schema %s owner=%s acl=%s', nspname, pg_get_userbyid(n.nspowner), n.nspacl)
    FROM pg_namespace n JOIN ns USING (nspname)
    UNION ALL
    SELECT format('relation %s.%s kind=%s persistence=%s owner=%s acl=%s options=%s rls=%s',
                  ns.nspname, c.relname, c.relkind, c.relpersistence,
                  pg_get_userbyid(c.relowner), c.relacl, c.reloptions, c.relrowsecurity)
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
    UNION ALL
    SELECT format('column %s.%s.%s %s notnull=%s default=%s identity=%s generated=%s acl=%s',
                  ns.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                  a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity,
                  a.attgenerated, a.attacl)
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT format('constraint %s.%s %s', ns.nspname, co.conname, pg_get_constraintdef(co.oid))
    FROM pg_constraint co JOIN ns ON ns.oid = co.connamespace
    UNION ALL
    SELECT format('index %s', pg_get_indexdef(i.indexrelid))
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
    UNION ALL
    SELECT format('view %s.%s %s', ns.nspname, c.relname, pg_get_viewdef(c.oid))
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('v', 'm')
    UNION ALL
    SELECT format('sequence %s.%s %s %s %s %s %s', ns.nspname, c.relname, s.seqtypid::regtype,
                  s.seqstart, s.seqincrement, s.seqmax, s.seqcycle)
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN ns ON ns.oid = c.relnamespace
    UNION ALL
    SELECT format('function %s.%s(%s) %s kind=%s definer=%s config=%s owner=%s acl=%s body=%s',
                  ns.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
                  pg_get_function_result(p.oid), p.prokind, p.prosecdef, p.proconfig,
                  pg_get_userbyid(p.proowner), p.proacl, md5(p.prosrc))
    FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
    UNION ALL
    SELECT format('trigger %s', pg_get_triggerdef(t.oid))
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns ON ns.oid = c.relnamespace
    WHERE NOT t.tgisinternal
    UNION ALL
    SELECT format('type %s.%s kind=%s owner=%s acl=%s', ns.nspname, t.typname, t.typtype,
                  pg_get_userbyid(t.typowner), t.typacl)
    FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
    UNION ALL
    SELECT format('enum %s %s %s', e.enumtypid::regtype, e.enumsortorder, e.enumlabel)
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN ns ON ns.oid = t.typnamespace
    UNION ALL
    SELECT format('policy %s.%s %s %s %s %s', ns.nspname, c.relname, po.polname, po.polcmd,
                  pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
    FROM pg_policy po JOIN pg_class c ON c.oid = po.polrelid JOIN ns ON ns.oid = c.relnamespace
    UNION ALL
    SELECT format('default acl %s %s %s', pg_get_userbyid(da.defaclrole),
                  da.defaclnamespace::regnamespace, da.defaclacl)
    FROM pg_default_acl da
    UNION ALL
    SELECT format('extension %s %s', extname, extversion) FROM pg_extension
    UNION ALL
    SELECT format('database acl=%s', datacl) FROM pg_database WHERE datname = current_database()
    UNION ALL
    SELECT format('role setting %s %s', pg_get_userbyid(s.setrole), s.setconfig)
    FROM pg_db_role_setting s
    WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
      AND pg_get_userbyid(s.setrole) IN ('vinops', 'vinops_etl', 'vinops_web')
    UNION ALL
    SELECT format('role %s login=%s super=%s createdb=%s createrole=%s inherit=%s bypassrls=%s',
                  rolname, rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolinherit,
                  rolbypassrls)
    FROM pg_roles WHERE rolname IN ('vinops', 'vinops_etl', 'vinops_web')
)
SELECT format as line FROM lines ORDER BY 1
"#;

async fn schema_dump(pool: &sqlx::PgPool) -> Vec<String> {
    sqlx::query_scalar(SCHEMA_DUMP)
        .fetch_all(pool)
        .await
        .expect("schema dump")
}

/// `_sqlx_migrations` as it stands: what was applied, with which checksum, and when.
async fn applied(pool: &sqlx::PgPool) -> Vec<(i64, bool, Vec<u8>, String)> {
    sqlx::query_as(
        "SELECT version, success, checksum, installed_on::text FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(pool)
    .await
    .expect("applied migrations")
}

#[tokio::test]
async fn migrations_are_idempotent() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let applied_before = applied(&owner).await;
    let schema_before = schema_dump(&owner).await;
    // The dump must see the schema, or comparing two of them proves nothing.
    assert_eq!(applied_before.len(), server::db::MIGRATOR.iter().count());
    assert!(applied_before.iter().all(|(_, success, _, _)| *success));
    for expected in [
        "relation public.lots kind=r",
        "relation public.vehicles kind=r",
        "schema audit ",
        "index CREATE UNIQUE INDEX lots_lot_number_unique",
        "function staging.restore_lot_indexes()",
    ] {
        assert!(
            schema_before.iter().any(|l| l.starts_with(expected)),
            "{expected} missing from the dump"
        );
    }

    server::db::migrate(&db.cfg.database_url, &server::db::MigrateConfig::default())
        .await
        .expect("second run succeeds");

    // Nothing applied again (same rows, same install times) and not one object changed.
    assert_eq!(applied(&owner).await, applied_before);
    let schema_after = schema_dump(&owner).await;
    let changed: Vec<_> = schema_before
        .iter()
        .filter(|l| !schema_after.contains(l))
        .chain(schema_after.iter().filter(|l| !schema_before.contains(l)))
        .collect();
    assert!(changed.is_empty(), "the second run changed: {changed:#?}");
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
