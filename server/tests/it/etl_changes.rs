//! What the ETL sends to PostgreSQL and how it reads a file's lot set: unchanged rows stay in
//! the parser, an unreadable row does not make its lot "leave", vehicle attributes only move
//! forward in time, a first load rebuilds the indexes it set aside, and unknown sale statuses
//! are listed for the operator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use chrono::{TimeZone, Utc};
use common::TestDb;
use common::files::{count, fail_lot_inserts, ingest, lots_of, write_lots};
use server::etl::RunStatus;
use sqlx::PgPool;
use vinops::header::Col;

async fn disappeared(owner: &PgPool, lot: &str) -> bool {
    sqlx::query_scalar("SELECT disappeared_at IS NOT NULL FROM lots WHERE lot_number = $1::bigint")
        .bind(lot)
        .fetch_one(owner)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_unreadable_row_keeps_its_lot_listed_and_a_missing_lot_leaves() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let mut lots = lots_of(31, 200);
    assert_eq!(
        ingest(&etl, &write_lots(&lots, false, false))
            .await
            .inserted,
        200
    );

    let broken = lots[5].field(Col::LotNumber).to_owned();
    lots[5].set_field(Col::Vin, "NOT A VIN");
    let gone = lots.pop().unwrap();
    let r = ingest(&etl, &write_lots(&lots, false, false)).await;
    assert_eq!(r.status, RunStatus::Succeeded);
    assert_eq!(r.rows_invalid, 1);
    assert_eq!(
        r.events.disappeared, 1,
        "only the lot that is really missing"
    );
    assert!(!disappeared(&owner, &broken).await);
    assert!(disappeared(&owner, gone.field(Col::LotNumber)).await);
    assert_eq!(r.staged, 0, "nothing else changed");
}

#[tokio::test]
async fn an_older_row_never_overwrites_newer_vehicle_attributes() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let mut lots = lots_of(32, 2);
    let t = |h| Utc.with_ymd_and_hms(2025, 10, 15, h, 0, 0).unwrap();
    let vin = lots[0].vin().to_owned();
    lots[0].set_field(Col::Color, "RED");
    lots[0].set_last_updated(t(12));
    ingest(&etl, &write_lots(&lots[..1], false, false)).await;

    // The same VIN under another lot, from an older row: the lot is stored, the colour is not.
    lots[1].set_field(Col::Vin, &vin);
    lots[1].set_field(Col::Color, "BLUE");
    lots[1].set_last_updated(t(8));
    let r = ingest(&etl, &write_lots(&lots, false, false)).await;
    assert_eq!((r.inserted, r.vehicles_updated), (1, 0));
    let colour = |owner: PgPool| async move {
        sqlx::query_scalar::<_, Option<String>>("SELECT color FROM vehicles")
            .fetch_one(&owner)
            .await
            .unwrap()
    };
    assert_eq!(colour(owner.clone()).await.as_deref(), Some("RED"));

    // A newer row of that lot wins.
    lots[1].set_field(Col::Color, "GREEN");
    lots[1].set_last_updated(t(13));
    let r = ingest(&etl, &write_lots(&lots, false, false)).await;
    assert_eq!(r.vehicles_updated, 1);
    assert_eq!(colour(owner).await.as_deref(), Some("GREEN"));
}

async fn index_and_fk_definitions(owner: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT pg_get_indexdef(indexrelid) FROM pg_index
         WHERE indrelid IN ('lots'::regclass, 'vehicles'::regclass)
         UNION ALL
         SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
         FROM pg_constraint
         WHERE contype IN ('p', 'u', 'f')
           AND (conrelid IN ('lots'::regclass, 'vehicles'::regclass)
                OR confrelid IN ('lots'::regclass, 'vehicles'::regclass))
         ORDER BY 1",
    )
    .fetch_all(owner)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_first_load_rebuilds_every_index_and_foreign_key_it_set_aside() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let before = index_and_fk_definitions(&owner).await;
    for needle in [
        "FOREIGN KEY (vin)",
        "vehicles vehicles_pkey PRIMARY KEY (vin)",
        "lots_lot_number_unique UNIQUE (lot_number)",
        "images images_lot_id_fkey FOREIGN KEY (lot_id)",
    ] {
        assert!(
            before.iter().any(|d| d.contains(needle)),
            "{needle}: {before:?}"
        );
    }
    let n = server::etl::upsert::BULK_MIN_NEW_LOTS;
    let lots = lots_of(33, n);

    // A bulk load that fails after setting the indexes aside rolls the drops back too.
    fail_lot_inserts(&owner, true).await;
    let file = write_lots(&lots, false, false);
    server::etl::ingest_file(&etl, &file.0, "test")
        .await
        .expect_err("the trigger fails the load");
    assert_eq!(index_and_fk_definitions(&owner).await, before);
    fail_lot_inserts(&owner, false).await;

    let r = ingest(&etl, &file).await;
    assert_eq!((r.status, r.inserted), (RunStatus::Succeeded, n as i64));
    assert_eq!(index_and_fk_definitions(&owner).await, before);
    assert_eq!(
        count(&owner, "SELECT count(*) FROM staging.deferred_ddl").await,
        0
    );
    // The rebuilt foreign key holds: every lot has its vehicle.
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM lots l WHERE NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.vin = l.vin)"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn unknown_sale_statuses_are_listed_for_the_operator() {
    let db = TestDb::new().await;
    let (etl, web) = (db.etl().await, db.web());
    let mut lots = lots_of(34, 20);
    for lot in &mut lots[..3] {
        lot.set_field(Col::SaleStatus, "Mystery Sale");
    }
    let r = ingest(&etl, &write_lots(&lots, false, false)).await;
    assert_eq!((r.status, r.rows_invalid), (RunStatus::Succeeded, 0));
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT sale_status_raw, lots FROM audit.v_unknown_sale_status")
            .fetch_all(&web)
            .await
            .unwrap();
    assert_eq!(rows, vec![("Mystery Sale".to_owned(), 3)]);
}

#[tokio::test]
async fn each_run_keeps_the_lots_catalog_columns_and_facets_current() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let mut lots = lots_of(35, 300);
    ingest(&etl, &write_lots(&lots, false, false)).await;
    let facet_lots = "SELECT COALESCE(sum(lots), 0)::bigint FROM catalog_vehicle_facets";
    assert_eq!(count(&owner, facet_lots).await, 300);
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM lots WHERE make IS NULL OR year IS NULL"
        )
        .await,
        0
    );

    // One lot's row now says another model: the lot, and the dropdown counts, follow.
    lots[0].set_field(Col::ModelGroup, "ZZTEST");
    lots[0].set_last_updated(Utc.with_ymd_and_hms(2025, 10, 15, 23, 0, 0).unwrap());
    let make = lots[0].field(Col::Make).to_owned();
    let r = ingest(&etl, &write_lots(&lots, false, false)).await;
    assert_eq!(r.updated, 1);
    let zz: i64 = sqlx::query_scalar(
        "SELECT COALESCE(sum(lots), 0)::bigint FROM catalog_vehicle_facets
         WHERE make = $1 AND model = 'ZZTEST'",
    )
    .bind(&make)
    .fetch_one(&owner)
    .await
    .unwrap();
    assert_eq!(zz, 1);
    assert_eq!(count(&owner, facet_lots).await, 300);
}
