//! `etl run` end to end against the Copart simulator over real HTTP: fetch, ingest, history,
//! outcomes and archive, checked against the simulator's ground truth.

use crate::common;

use std::time::Duration;

use common::TestDb;
use server::archive::Archive;
use server::etl::RunStatus;
use server::etl::pipeline::{Pipeline, run_once};
use server::fetch::FetchConfig;
use vinops_dev::simulator::{Fault, SimConfig, SimHandle, spawn};

fn pipeline(sim: &SimHandle) -> Pipeline {
    let root =
        std::env::temp_dir().join(format!("vinops-pipeline-{}", uuid::Uuid::new_v4().simple()));
    Pipeline {
        fetch: FetchConfig {
            url: sim.url(),
            cookie: None,
            user_agent: "vinops-test".into(),
            referer: None,
            timeout: Duration::from_secs(20),
            attempts: 2,
            backoff: Duration::from_millis(10),
            max_bytes: 1 << 30,
        },
        archive: Archive::new(&root, 7),
        work_dir: root.join("incoming"),
        min_free_bytes: 0,
        limits: server::config::EtlLimits::default(),
    }
}

async fn outcome_of(pool: &sqlx::PgPool, lot: u32) -> (Option<String>, Option<String>, String) {
    sqlx::query_as("SELECT outcome, outcome_method, sale_status FROM lots WHERE lot_number = $1")
        .bind(i64::from(lot))
        .fetch_one(pool)
        .await
        .expect("lot exists")
}

#[tokio::test]
async fn fetch_ingest_history_and_outcomes_follow_the_simulated_exports() {
    let db = TestDb::new().await;
    let pool = db.etl().await;
    let owner = db.owner().await;
    let sim = spawn(
        SimConfig::new(21, 2_000),
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("simulator");
    let client = reqwest::Client::new();
    let p = pipeline(&sim);

    let first = run_once(&pool, &client, &p).await.expect("first run");
    assert_eq!(first.status, RunStatus::Succeeded, "{:?}", first.reason);
    assert_eq!(first.inserted as usize, sim.export().rows);
    assert_eq!(
        first.events.appeared, 0,
        "the first file is the baseline: nothing to compare it with, so no events"
    );

    let again = run_once(&pool, &client, &p).await.expect("second run");
    assert_eq!(again.status, RunStatus::Skipped);
    assert_eq!(
        again.reason.as_deref(),
        Some("export not modified (HTTP 304)")
    );

    // A blocked download fails the run and changes nothing.
    sim.set_fault(Fault::HtmlBlock, 5);
    sim.advance().expect("advance");
    let lots_before: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("n");
    let blocked = run_once(&pool, &client, &p).await.expect("blocked run");
    assert_eq!(blocked.status, RunStatus::Failed);
    assert!(
        blocked.reason.as_deref().unwrap_or("").contains("HTML"),
        "{:?}",
        blocked.reason
    );
    let lots_after: i64 = sqlx::query_scalar("SELECT count(*) FROM lots")
        .fetch_one(&owner)
        .await
        .expect("n");
    assert_eq!(lots_before, lots_after);
    sim.set_fault(Fault::HtmlBlock, 0);

    // Walk the exports forward until the simulator has sold and relisted lots, checking each
    // step's events against its ground truth.
    let (mut sold_seen, mut relist_seen) = (0, 0);
    for step in 0..200 {
        if step > 0 {
            sim.advance().expect("advance");
        }
        let report = run_once(&pool, &client, &p).await.expect("run");
        assert_eq!(report.status, RunStatus::Succeeded, "{:?}", report.reason);
        let truth = sim.last_changes();
        if step == 0 {
            continue; // this export also carries the changes of the blocked step
        }
        assert_eq!(
            report.events.disappeared as usize,
            truth.disappeared.len(),
            "step {step}"
        );
        assert_eq!(
            report.events.relisted as usize,
            truth.relisted.len(),
            "step {step}"
        );
        // New lots (relisted VINs included) appear in the file that first lists them.
        assert_eq!(
            report.events.appeared as usize,
            truth.appeared.len() + truth.relisted.len(),
            "step {step}"
        );
        for lot in &truth.sold {
            // The simulator sells every lot it drops after the sale; a lot last seen "On
            // Approval" is reported as such (the seller may still refuse the bid).
            let (outcome, method, status) = outcome_of(&owner, *lot).await;
            let (want, want_method) = if status == "on_approval" {
                ("on_approval", "disappeared_on_approval")
            } else {
                ("sold", "disappeared_after_sale")
            };
            assert_eq!(
                outcome.as_deref(),
                Some(want),
                "lot {lot} left after its sale"
            );
            assert_eq!(method.as_deref(), Some(want_method));
            sold_seen += 1;
        }
        for r in &truth.relisted {
            let (outcome, method, _) = outcome_of(&owner, r.previous_lot).await;
            assert_eq!(
                outcome.as_deref(),
                Some("not_sold"),
                "lot {} was relisted",
                r.previous_lot
            );
            assert_eq!(method.as_deref(), Some("vin_relisted"));
            relist_seen += 1;
        }
        if sold_seen > 5 && relist_seen > 2 {
            break;
        }
    }
    assert!(
        sold_seen > 5 && relist_seen > 2,
        "sold {sold_seen}, relisted {relist_seen}"
    );

    // The VIN page's history lists both lots of a relisted VIN.
    let relisted_vin: String =
        sqlx::query_scalar("SELECT vin FROM audit.lot_events WHERE event = 'relisted' LIMIT 1")
            .fetch_one(&owner)
            .await
            .expect("a relist");
    let vin = vinops::vin::Vin::parse(&relisted_vin).expect("valid");
    let history = vinops::read::vin_history(&db.web(), &vin)
        .await
        .expect("history");
    assert!(history.len() >= 2);
    assert!(
        history
            .iter()
            .any(|l| l.outcome.as_deref() == Some("not_sold"))
    );

    let archived = walk(p.work_dir.parent().expect("the archive root"));
    let succeeded: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit.runs WHERE status = 'succeeded'")
            .fetch_one(&owner)
            .await
            .expect("n");
    assert_eq!(
        archived as i64, succeeded,
        "every ingested export is archived, nothing else"
    );
    let staged: i64 = sqlx::query_scalar("SELECT count(*) FROM staging.lots")
        .fetch_one(&owner)
        .await
        .expect("n");
    assert_eq!(staged, 0);
}

fn walk(dir: &std::path::Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                walk(&e.path())
            } else {
                usize::from(e.path().to_string_lossy().ends_with(".csv.gz"))
            }
        })
        .sum()
}
