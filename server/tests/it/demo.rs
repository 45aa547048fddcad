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
    assert_eq!(report.rows, 500);
    assert!(
        report.invalid > 0,
        "a 2% bad-row rate over 500 rows yields bad rows"
    );
    assert_eq!(report.loaded + report.invalid, 500);

    let owner = db.owner().await;
    let lots: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("count");
    assert_eq!(lots, i64::try_from(report.loaded).expect("fits"));
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
    // The demo's auctions lie ahead of the day it is loaded, not around the generator's fixed
    // date: "this week" has lots in it whenever the demo is loaded.
    let taken = vinops_dev::demo::demo_export_time(chrono::Utc::now());
    let (first, last): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) =
        sqlx::query_as("SELECT min(auction_at), max(auction_at) FROM lots")
            .fetch_one(&owner)
            .await
            .expect("auction range");
    assert!(
        first >= taken - chrono::Duration::days(1) && last <= taken + chrono::Duration::days(140),
        "demo auctions {first}..{last} around the load day {taken}"
    );
    let this_week: i64 = sqlx::query_scalar("SELECT count(*) FROM lots WHERE auction_at < $1")
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
}
