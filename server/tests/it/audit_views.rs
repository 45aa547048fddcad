//! The audit views report what an ingest really did: rows in vs rows out, how empty each column
//! was, and which columns failed to parse.

use crate::common;

use common::TestDb;

#[tokio::test]
async fn audit_views_describe_an_ingested_file() {
    let db = TestDb::new().await;
    let etl = db.etl().await;
    let report = vinops_dev::demo::load_as_export(&etl, 3, 4_000, 0.01)
        .await
        .expect("load");
    assert!(report.invalid > 0);
    let web = db.web();

    let (declared, parsed, invalid, complete): (i32, i32, i32, bool) = sqlx::query_as(
        "SELECT declared_rows, parsed_rows, invalid_rows, complete FROM audit.v_ingest_count",
    )
    .fetch_one(&web)
    .await
    .expect("one file");
    assert_eq!((declared, parsed), (4_000, 4_000));
    assert_eq!(usize::try_from(invalid).expect("fits"), report.invalid);
    assert!(complete);

    let rate = |column: &'static str| {
        let web = web.clone();
        async move {
            let pct: f64 = sqlx::query_scalar(
                "SELECT empty_pct::float8 FROM audit.v_unknown_rate WHERE column_name = $1",
            )
            .bind(column)
            .fetch_one(&web)
            .await
            .expect(column);
            pct
        }
    };
    // The generator leaves ~82% of body styles empty, like the real export; every row has a make.
    let body = rate("Body Style").await;
    assert!((75.0..90.0).contains(&body), "body style empty {body}%");
    assert_eq!(rate("Make").await, 0.0);

    let vin_errors: i64 =
        sqlx::query_scalar("SELECT rows FROM audit.v_parse_errors WHERE column_name = 'VIN'")
            .fetch_one(&web)
            .await
            .expect("the broken VINs are listed");
    assert!(vin_errors > 0);
}
