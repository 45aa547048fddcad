//! Export files for ETL tests: generated or hand-edited lots written under the exact header,
//! removed when dropped, and a one-call ingest.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use server::etl::{RunReport, ingest_file};
use sqlx::PgPool;
use vinops::generator::{GenConfig, GeneratedLot, Generator, export_writer, write_export};
use vinops::header::HEADER;

/// A temp file path removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    pub fn new(tag: &str) -> Self {
        Self(std::env::temp_dir().join(format!(
            "vinops-etl-test-{}-{tag}.csv",
            uuid::Uuid::new_v4().simple()
        )))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}

pub fn generated(cfg: &GenConfig) -> (TempFile, vinops::generator::GenStats) {
    let f = TempFile::new("gen");
    let out = std::fs::File::create(&f.0).unwrap();
    let stats = write_export(cfg, std::io::BufWriter::new(out)).unwrap();
    (f, stats)
}

pub fn lots_of(seed: u64, n: usize) -> Vec<GeneratedLot> {
    let mut g = Generator::new(GenConfig::new(seed, n));
    (0..n).map(|_| g.next_lot()).collect()
}

/// Writes `lots` under the exact header, like Copart (LF) or with CRLF and a BOM.
pub fn write_lots(lots: &[GeneratedLot], bom: bool, crlf: bool) -> TempFile {
    let f = TempFile::new("lots");
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    {
        let mut w = if crlf {
            csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut bytes)
        } else {
            export_writer(&mut bytes)
        };
        w.write_record(HEADER).unwrap();
        for lot in lots {
            lot.write_to(&mut w).unwrap();
        }
        w.flush().unwrap();
    }
    std::fs::write(&f.0, bytes).unwrap();
    f
}

pub async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(pool)
        .await
        .unwrap()
}

pub async fn ingest(pool: &PgPool, f: &TempFile) -> RunReport {
    ingest_file(pool, &f.0, "test")
        .await
        .expect("run completes")
}

/// Makes every insert into `lots` fail (`on`), or lifts that again: an injected failure after
/// the COPY and the vehicle upsert, for the tests of runs that must leave nothing behind.
pub async fn fail_lot_inserts(owner: &PgPool, on: bool) {
    let sql = if on {
        "CREATE FUNCTION fail_lot() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
         CREATE TRIGGER fail_lot BEFORE INSERT ON lots FOR EACH ROW EXECUTE FUNCTION fail_lot();"
    } else {
        "DROP TRIGGER fail_lot ON lots; DROP FUNCTION fail_lot();"
    };
    sqlx::raw_sql(sql).execute(owner).await.unwrap();
}
