//! The demo loader: realistic rows land in vehicles/lots, bad rows are recorded with their
//! column and reason, and loading the same export twice writes nothing.

use crate::common;

use common::TestDb;

#[tokio::test]
async fn demo_load_is_recorded_and_idempotent() {
    let db = TestDb::new().await;
    let etl = db.etl().await;
    let report = vinops_dev::demo::load(&etl, 11, 500, 0.02)
        .await
        .expect("load");
    // 500 rows of its own, then the relists of the earlier export's vehicles.
    assert_eq!((report.earlier, report.relisted), (25, 12));
    assert_eq!(report.rows, 500 + report.relisted);
    assert!(
        report.invalid > 0,
        "a 2% bad-row rate over 500 rows yields bad rows"
    );
    assert_eq!(report.loaded + report.invalid, report.rows);

    let owner = db.owner().await;
    let lots: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("count");
    assert_eq!(
        lots,
        i64::try_from(report.loaded + report.earlier).expect("fits")
    );
    // The demo has a past: each relisted vehicle has two lots, the earlier one inferred not
    // sold (its VIN came back), the other earlier lots, gone after their sale, inferred sold
    // (or waiting for the seller's approval, when that was their last status).
    let (two_lots, not_sold, sold): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM (SELECT vin FROM lots GROUP BY vin HAVING count(*) = 2) v),
                (SELECT count(*) FROM lots WHERE outcome = 'not_sold'),
                (SELECT count(*) FROM lots WHERE outcome IN ('sold', 'on_approval'))",
    )
    .fetch_one(&owner)
    .await
    .expect("history");
    assert_eq!(two_lots, 12);
    assert_eq!(not_sold, 12);
    assert_eq!(sold, 13);
    let no_make: i64 =
        sqlx::query_scalar("SELECT count(*) FROM vehicles WHERE make IS NULL OR year IS NULL")
            .fetch_one(&owner)
            .await
            .expect("count");
    assert_eq!(
        no_make, 0,
        "vehicle attributes are filled, not just the VIN"
    );
    let dated: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM lots WHERE sale_date IS NOT NULL AND auction_at IS NOT NULL",
    )
    .fetch_one(&owner)
    .await
    .expect("count");
    assert!(dated > 0, "sale dates are parsed into UTC instants");
    // The demo's current auctions (its earlier export's are past) lie ahead of the day it is
    // loaded, not around the generator's fixed date: "this week" has lots whenever it is loaded.
    let taken = vinops_dev::demo::demo_export_time(chrono::Utc::now());
    let (first, last): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) =
        sqlx::query_as("SELECT min(auction_at), max(auction_at) FROM lots WHERE outcome IS NULL")
            .fetch_one(&owner)
            .await
            .expect("auction range");
    assert!(
        first >= taken - chrono::Duration::days(1) && last <= taken + chrono::Duration::days(140),
        "demo auctions {first}..{last} around the load day {taken}"
    );
    let this_week: i64 =
        sqlx::query_scalar("SELECT count(*) FROM lots WHERE outcome IS NULL AND auction_at < $1")
            .bind(taken + chrono::Duration::days(7))
            .fetch_one(&owner)
            .await
            .expect("count");
    assert!(
        this_week > 0,
        "some demo auctions fall within a week of the load"
    );

    let (status, valid, invalid): (String, i32, i32) =
        sqlx::query_as("SELECT status, rows_valid, rows_invalid FROM audit.runs WHERE id = $1")
            .bind(report.run_id)
            .fetch_one(&owner)
            .await
            .expect("run row");
    assert_eq!(status, "succeeded");
    assert_eq!(usize::try_from(valid).expect("fits"), report.loaded);
    assert_eq!(usize::try_from(invalid).expect("fits"), report.invalid);
    let named: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT row_no) FROM audit.row_errors WHERE run_id = $1 AND column_name IS NOT NULL",
    )
    .bind(report.run_id)
    .fetch_one(&owner)
    .await
    .expect("errors");
    assert_eq!(
        usize::try_from(named).expect("fits"),
        report.invalid,
        "each bad row names its column"
    );

    let again = vinops_dev::demo::load(&etl, 11, 500, 0.02)
        .await
        .expect("second load");
    assert!(again.already_loaded);
    let lots_after: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("count");
    assert_eq!(lots_after, lots);

    // Another demo into this database, which has lots now: no earlier export (it would be
    // older than what is loaded), only its own file, whose relists then have no earlier lot.
    let departed = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM audit.lot_events WHERE event = 'disappeared'",
        )
        .fetch_one(&owner)
        .await
        .expect("count")
    };
    assert_eq!(departed().await, 25, "the earlier export's lots");
    let other = vinops_dev::demo::load(&etl, 12, 100, 0.0)
        .await
        .expect("another demo");
    assert_eq!((other.earlier, other.loaded), (0, 100 + other.relisted));
    let lots_now: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("count");
    assert_eq!(lots_now, lots + i64::try_from(other.loaded).expect("fits"));
}
