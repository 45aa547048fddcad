//! The ETL core against real PostgreSQL: counts, idempotence, last-write-wins, rejected files,
//! isolated bad rows, odd input, killed runs, the advisory lock, UTC sale instants, empty staging.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use common::TestDb;
use common::files::{TempFile, count, fail_lot_inserts, generated, ingest, lots_of, write_lots};
use server::etl::{RunStatus, ingest_file};
use sqlx::PgPool;
use vinops::generator::GenConfig;
use vinops::header::{Col, HEADER};

#[tokio::test]
async fn generated_export_ingests_and_reingest_is_skipped() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let cfg = GenConfig::new(1, 5000);
    let (file, _) = generated(&cfg);

    let r = ingest(&etl, &file).await;
    assert_eq!(r.status, RunStatus::Succeeded, "{r:?}");
    assert_eq!(
        (r.rows_total, r.rows_valid, r.rows_invalid),
        (5000, 5000, 0)
    );
    assert_eq!((r.inserted, r.updated, r.unchanged), (5000, 0, 0));
    assert_eq!(count(&owner, "SELECT count(*) FROM lots").await, 5000);
    assert_eq!(
        count(&owner, "SELECT count(*) FROM staging.lots").await,
        0,
        "staging is pruned"
    );
    let vins = count(&owner, "SELECT count(DISTINCT vin) FROM lots").await;
    assert_eq!(count(&owner, "SELECT count(*) FROM vehicles").await, vins);
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM vehicles WHERE make IS NULL OR model IS NULL OR year IS NULL"
        )
        .await,
        0
    );
    // Trim is blank in ~14% of Copart rows: every VIN whose row has one has it stored.
    let with_trim: std::collections::HashSet<String> = lots_of(1, 5000)
        .iter()
        .filter(|l| !l.field(Col::Trim).is_empty())
        .map(|l| l.vin().to_owned())
        .collect();
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM vehicles WHERE trim IS NOT NULL"
        )
        .await,
        i64::try_from(with_trim.len()).unwrap()
    );
    let (status, rows_total, inserted, step_ms): (String, i32, i32, serde_json::Value) =
        sqlx::query_as(
            "SELECT status, rows_total, inserted, step_ms FROM audit.runs WHERE id = $1",
        )
        .bind(r.run_id)
        .fetch_one(&owner)
        .await
        .unwrap();
    assert_eq!(
        (status.as_str(), rows_total, inserted),
        ("succeeded", 5000, 5000)
    );
    for step in ["validate", "parse_copy", "upsert", "prune"] {
        assert!(step_ms.get(step).is_some(), "step_ms has {step}: {step_ms}");
    }

    // The same file again: skipped, nothing written.
    let before: DateTime<Utc> = sqlx::query_scalar("SELECT max(updated_at) FROM lots")
        .fetch_one(&owner)
        .await
        .unwrap();
    let again = ingest(&etl, &file).await;
    assert_eq!(again.status, RunStatus::Skipped);
    assert_eq!(again.reason.as_deref(), Some("same file already ingested"));
    assert_eq!(again.file_id, r.file_id);
    let after: DateTime<Utc> = sqlx::query_scalar("SELECT max(updated_at) FROM lots")
        .fetch_one(&owner)
        .await
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(count(&owner, "SELECT count(*) FROM raw.files").await, 1);
    assert_eq!(
        count(
            &owner,
            "SELECT count(*) FROM audit.runs WHERE status = 'skipped'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn modified_copy_updates_only_changed_lots_and_never_goes_back_in_time() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let mut lots = lots_of(2, 5000);
    let first = write_lots(&lots, false, false);
    assert_eq!(ingest(&etl, &first).await.inserted, 5000);
    let t0: DateTime<Utc> = sqlx::query_scalar("SELECT now()")
        .fetch_one(&owner)
        .await
        .unwrap();

    let later = GenConfig::default_export_time() + chrono::Duration::minutes(15);
    let mut changed = 0;
    for (i, lot) in lots.iter_mut().enumerate() {
        if i % 33 == 0 {
            lot.set_high_bid(lot.high_bid() + 100);
            lot.set_last_updated(later);
            changed += 1;
        }
    }
    // Row 1 is older than what is stored, with a different bid: it must not be applied.
    let stale_lot = i64::from(lots[1].lot_number().unwrap());
    let stale_bid_before: i64 =
        sqlx::query_scalar("SELECT current_bid_cents FROM lots WHERE lot_number = $1")
            .bind(stale_lot)
            .fetch_one(&owner)
            .await
            .unwrap();
    let bid = lots[1].high_bid();
    lots[1].set_high_bid(bid + 999);
    lots[1].set_last_updated(Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap());
    let second = write_lots(&lots, false, false);

    let r = ingest(&etl, &second).await;
    assert_eq!(r.status, RunStatus::Succeeded);
    assert_eq!(r.inserted, 0);
    assert_eq!(r.updated, changed);
    assert_eq!(r.unchanged, 5000 - changed);
    assert_eq!(r.stale, 1);
    assert_eq!(
        r.staged,
        changed as u64 + 1,
        "only the changed rows (and the stale one) reach staging"
    );
    let rewritten: i64 = sqlx::query_scalar("SELECT count(*) FROM lots WHERE updated_at >= $1")
        .bind(t0)
        .fetch_one(&owner)
        .await
        .unwrap();
    assert_eq!(rewritten, changed, "only the changed lots are rewritten");
    let stale_bid_after: i64 =
        sqlx::query_scalar("SELECT current_bid_cents FROM lots WHERE lot_number = $1")
            .bind(stale_lot)
            .fetch_one(&owner)
            .await
            .unwrap();
    assert_eq!(stale_bid_before, stale_bid_after, "an older row never wins");
    let present: i64 =
        sqlx::query_scalar("SELECT cardinality(lot_numbers)::bigint FROM raw.files WHERE id = $1")
            .bind(r.file_id.unwrap())
            .fetch_one(&owner)
            .await
            .unwrap();
    assert_eq!(
        present, 5000,
        "the file's lot set holds every lot, unchanged ones too"
    );
    let written_by_second: i64 =
        sqlx::query_scalar("SELECT count(*) FROM lots WHERE last_seen_file_id = $1")
            .bind(r.file_id.unwrap())
            .fetch_one(&owner)
            .await
            .unwrap();
    assert_eq!(written_by_second, changed);
    assert_eq!(count(&owner, "SELECT count(*) FROM staging.lots").await, 0);
}

async fn assert_nothing_written(owner: &PgPool) {
    assert_eq!(count(owner, "SELECT count(*) FROM raw.files").await, 0);
    assert_eq!(count(owner, "SELECT count(*) FROM lots").await, 0);
    assert_eq!(count(owner, "SELECT count(*) FROM vehicles").await, 0);
    assert_eq!(count(owner, "SELECT count(*) FROM staging.lots").await, 0);
    assert_eq!(
        count(owner, "SELECT count(*) FROM audit.row_errors").await,
        0
    );
}

#[tokio::test]
async fn wrong_header_html_and_truncated_files_are_rejected() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let (good, _) = generated(&GenConfig::new(3, 50));
    let text = std::fs::read_to_string(&good.0).unwrap();

    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            text.replacen("Lot number", "Lot Number", 1).into_bytes(),
            "wrong export header",
        ),
        (
            b"<!DOCTYPE html>\n<html><body>Request unsuccessful. Incapsula</body></html>\n"
                .to_vec(),
            "HTML page instead of CSV (blocked download?)",
        ),
        (
            text.as_bytes()[..text.len() - 40].to_vec(),
            "truncated download",
        ),
        (
            // Ends with a newline, but the last record lost its tail.
            {
                let cut = &text[..text.len() - 1];
                let at = cut.rfind(',').unwrap();
                format!("{}\n", &cut[..at]).into_bytes()
            },
            "truncated download",
        ),
        (Vec::new(), "empty file"),
    ];
    for (bytes, reason) in cases {
        let f = TempFile::new("bad");
        std::fs::write(&f.0, &bytes).unwrap();
        let r = ingest(&etl, &f).await;
        assert_eq!(r.status, RunStatus::Failed, "{reason}");
        let got = r.reason.clone().unwrap_or_default();
        assert!(
            got.starts_with(reason),
            "{got:?} should start with {reason:?}"
        );
        let (status, error): (String, Option<String>) =
            sqlx::query_as("SELECT status, error FROM audit.runs WHERE id = $1")
                .bind(r.run_id)
                .fetch_one(&owner)
                .await
                .unwrap();
        assert_eq!(status, "failed");
        assert_eq!(error.as_deref(), Some(got.as_str()));
        assert_nothing_written(&owner).await;
    }
}

#[tokio::test]
async fn bad_rows_are_isolated_with_their_columns() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let cfg = GenConfig::new(4, 5000).with_bad_row_rate(0.01);
    let (file, stats) = generated(&cfg);
    assert!(stats.bad_rows > 20);
    let r = ingest(&etl, &file).await;
    assert_eq!(r.status, RunStatus::Succeeded);
    let bad = u64::try_from(stats.bad_rows).unwrap();
    assert_eq!(r.rows_invalid, bad);
    assert_eq!(r.rows_valid, 5000 - bad);
    assert_eq!(i64::try_from(r.rows_valid).unwrap(), r.inserted);
    let rows_with_errors: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT row_no) FROM audit.row_errors WHERE run_id = $1")
            .bind(r.run_id)
            .fetch_one(&owner)
            .await
            .unwrap();
    assert_eq!(rows_with_errors, i64::try_from(bad).unwrap());
    let columns: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT column_name FROM audit.row_errors WHERE run_id = $1 ORDER BY 1",
    )
    .bind(r.run_id)
    .fetch_all(&owner)
    .await
    .unwrap();
    assert!(columns.contains(&"VIN".to_owned()), "{columns:?}");
    assert!(
        columns.iter().all(|c| HEADER.contains(&c.as_str())),
        "{columns:?}"
    );
}

#[tokio::test]
async fn odd_input_behaves_as_documented() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let mut lots = lots_of(5, 8);
    // 0: non-ASCII seller, quoted comma and newline in a field, 20251017 1200 PDT.
    lots[0].set_field(Col::SellerName, "Škoda Ñandú");
    lots[0].set_field(Col::SpecialNote, "keys, in \"office\"\nsee\tdesk");
    lots[0].set_field(Col::SaleDate, "20251017");
    lots[0].set_field(Col::SaleTime, "1200");
    lots[0].set_field(Col::TimeZone, "PDT");
    // 1: invalid VIN.
    lots[1].set_field(Col::Vin, "K1TCHEN004");
    // 3 is a duplicate of 2's lot number; 3 is newer and wins.
    let dup = lots[2].lot_number().unwrap();
    lots[3].set_lot_number(dup);
    lots[2].set_last_updated(Utc.with_ymd_and_hms(2025, 10, 14, 1, 0, 0).unwrap());
    lots[3].set_last_updated(Utc.with_ymd_and_hms(2025, 10, 14, 2, 0, 0).unwrap());
    lots[3].set_high_bid(4321);
    let file = write_lots(&lots, true, true);

    let r = ingest(&etl, &file).await;
    assert_eq!(r.status, RunStatus::Succeeded, "{r:?}");
    assert_eq!((r.rows_total, r.rows_invalid, r.inserted), (8, 2, 6));

    let lot0 = i64::from(lots[0].lot_number().unwrap());
    let (seller, note, auction_at): (String, String, DateTime<Utc>) = sqlx::query_as(
        "SELECT seller_name, special_note, auction_at FROM lots WHERE lot_number = $1",
    )
    .bind(lot0)
    .fetch_one(&owner)
    .await
    .unwrap();
    assert_eq!(seller, "Škoda Ñandú");
    assert_eq!(note, "keys, in \"office\"\nsee\tdesk");
    assert_eq!(
        auction_at,
        Utc.with_ymd_and_hms(2025, 10, 17, 19, 0, 0).unwrap()
    );

    let bid: i64 = sqlx::query_scalar("SELECT current_bid_cents FROM lots WHERE lot_number = $1")
        .bind(i64::from(dup))
        .fetch_one(&owner)
        .await
        .unwrap();
    assert_eq!(
        bid, 432_100,
        "the newest row of a duplicate lot number wins"
    );

    let errors: Vec<(i32, Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT row_no, column_name, value, reason FROM audit.row_errors WHERE run_id = $1
         ORDER BY row_no",
    )
    .bind(r.run_id)
    .fetch_all(&owner)
    .await
    .unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, 2);
    assert_eq!(errors[0].1.as_deref(), Some("VIN"));
    assert_eq!(errors[0].2.as_deref(), Some("K1TCHEN004"));
    assert_eq!(
        (errors[1].0, errors[1].1.as_deref(), errors[1].3.as_str()),
        (3, Some("Lot number"), "duplicate lot number in file")
    );
    assert_eq!(count(&owner, "SELECT count(*) FROM staging.lots").await, 0);
}

#[tokio::test]
async fn failed_upsert_leaves_no_partial_file_and_the_next_run_completes() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let lots = lots_of(6, 300);
    let file = write_lots(&lots, false, false);
    // Injected failure: the lot upsert hits an error after COPY and the vehicle upsert ran.
    fail_lot_inserts(&owner, true).await;
    let err = ingest_file(&etl, &file.0, "test").await.expect_err("fails");
    assert!(format!("{err:#}").contains("injected failure"), "{err:#}");
    assert_nothing_written(&owner).await;
    let error: Option<String> = sqlx::query_scalar(
        "SELECT error FROM audit.runs WHERE status = 'failed' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&owner)
    .await
    .unwrap();
    assert!(error.unwrap_or_default().contains("injected failure"));

    fail_lot_inserts(&owner, false).await;
    let r = ingest(&etl, &file).await;
    assert_eq!((r.status, r.inserted), (RunStatus::Succeeded, 300));
}

#[tokio::test]
async fn aborted_run_leaves_no_partial_file_and_the_next_run_completes() {
    let db = TestDb::new().await;
    let owner = db.owner().await;
    let (file, _) = generated(&GenConfig::new(7, 80_000));
    let path = file.0.clone();
    let etl = db.etl().await;
    let pool = etl.clone();
    let task = tokio::spawn(async move { ingest_file(&pool, &path, "test").await });
    // Abort once the COPY into staging is running.
    // Other roles' queries are only visible to a superuser (the harness's admin connection).
    let admin_url = std::env::var("TEST_ADMIN_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let admin = PgPool::connect(&admin_url).await.unwrap();
    let mut seen = false;
    for _ in 0..3000 {
        let copying: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = $1 AND query LIKE 'COPY staging.lots%' AND state = 'active'",
        )
        .bind(&db.name)
        .fetch_one(&admin)
        .await
        .unwrap();
        if copying > 0 {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(seen, "the COPY was observed");
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    admin.close().await;
    // What a killed process does: its connections go away.
    etl.close().await;

    assert_nothing_written(&owner).await;
    let etl = db.etl().await;
    let r = ingest(&etl, &file).await;
    assert_eq!((r.status, r.inserted), (RunStatus::Succeeded, 80_000));
    let abandoned = count(
        &owner,
        "SELECT count(*) FROM audit.runs WHERE status = 'failed' AND error LIKE 'abandoned%'",
    )
    .await;
    assert_eq!(abandoned, 1, "the killed run is closed by the next one");
}

#[tokio::test]
async fn a_held_lock_skips_the_run() {
    let db = TestDb::new().await;
    let (etl, owner) = (db.etl().await, db.owner().await);
    let mut holder = owner.acquire().await.unwrap();
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(server::etl::ETL_LOCK_KEY)
        .execute(&mut *holder)
        .await
        .unwrap();
    let (file, _) = generated(&GenConfig::new(8, 20));
    let r = ingest(&etl, &file).await;
    assert_eq!(r.status, RunStatus::Skipped);
    assert_eq!(r.reason.as_deref(), Some("another ETL run is in progress"));
    assert_nothing_written(&owner).await;
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(server::etl::ETL_LOCK_KEY)
        .execute(&mut *holder)
        .await
        .unwrap();
    assert_eq!(ingest(&etl, &file).await.status, RunStatus::Succeeded);
}
