//! `vinops-server demo`: loads a generated Copart-format export so the site has content.
//!
//! A deliberately simple loader (one transaction, one upsert per row): the real ETL, with COPY
//! into staging and set-based upserts, replaces it. It still follows the house rules: the file is
//! registered by sha256 (loading the same demo twice is a no-op), the load is a row in
//! `audit.runs`, and rows that fail parsing land in `audit.row_errors` without stopping the rest.

use std::time::Instant;

use anyhow::Context;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use vinops::generator::{GenConfig, write_export};
use vinops::header::check_header;
use vinops::row::{CopartRow, RowError};

/// What a demo load did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoReport {
    pub run_id: i64,
    pub rows: usize,
    pub loaded: usize,
    pub invalid: usize,
    /// The same export was loaded before; nothing was written.
    pub already_loaded: bool,
}

pub async fn load(
    pool: &PgPool,
    seed: u64,
    rows: usize,
    bad_row_rate: f64,
) -> anyhow::Result<DemoReport> {
    let started = Instant::now();
    let mut cfg = GenConfig::new(seed, rows);
    cfg.bad_row_rate = bad_row_rate;
    let mut bytes = Vec::with_capacity(rows * 700);
    write_export(&cfg, &mut bytes).context("generating the demo export")?;
    let sha = Sha256::digest(&bytes).to_vec();
    let generate_ms = started.elapsed().as_millis();

    let mut tx = pool.begin().await?;
    let run_id = sqlx::query_scalar!(
        "INSERT INTO audit.runs (job, bytes) VALUES ('demo', $1) RETURNING id",
        i64::try_from(bytes.len())?
    )
    .fetch_one(&mut *tx)
    .await?;
    let file_id = sqlx::query_scalar!(
        r#"INSERT INTO raw.files (sha256, source, bytes, ingest_started_at)
           VALUES ($1, $2, $3, now())
           ON CONFLICT (sha256) DO NOTHING
           RETURNING id"#,
        sha,
        format!("demo:seed={seed},rows={rows}"),
        i64::try_from(bytes.len())?
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(file_id) = file_id else {
        sqlx::query!(
            "UPDATE audit.runs SET status = 'skipped', finished_at = now(), error = 'same export already loaded' WHERE id = $1",
            run_id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok(DemoReport {
            run_id,
            rows,
            loaded: 0,
            invalid: 0,
            already_loaded: true,
        });
    };

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let header = reader.headers().context("reading the header")?.clone();
    check_header(header.iter()).context("generated export has a wrong header")?;

    let (mut loaded, mut invalid, mut total) = (0usize, 0usize, 0usize);
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .context("reading a record")?
    {
        total += 1;
        let row_no = i32::try_from(total)?;
        match CopartRow::from_record(&record) {
            Ok(row) => {
                upsert_row(&mut tx, &row)
                    .await
                    .with_context(|| format!("row {row_no}"))?;
                loaded += 1;
            }
            Err(err) => {
                invalid += 1;
                record_row_error(&mut tx, run_id, file_id, row_no, &err).await?;
            }
        }
    }

    sqlx::query!(
        "UPDATE raw.files SET row_count = $2, ingest_finished_at = now() WHERE id = $1",
        file_id,
        i32::try_from(total)?
    )
    .execute(&mut *tx)
    .await?;
    let step_ms =
        serde_json::json!({ "generate": generate_ms, "total": started.elapsed().as_millis() });
    sqlx::query!(
        r#"UPDATE audit.runs
           SET status = 'succeeded', finished_at = now(), file_id = $2, rows_total = $3,
               rows_valid = $4, rows_invalid = $5, inserted = $4, step_ms = $6
           WHERE id = $1"#,
        run_id,
        file_id,
        i32::try_from(total)?,
        i32::try_from(loaded)?,
        i32::try_from(invalid)?,
        step_ms
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(DemoReport {
        run_id,
        rows: total,
        loaded,
        invalid,
        already_loaded: false,
    })
}

async fn record_row_error(
    tx: &mut sqlx::PgConnection,
    run_id: i64,
    file_id: i64,
    row_no: i32,
    err: &RowError,
) -> anyhow::Result<()> {
    let items: Vec<(Option<String>, Option<String>, String)> = match err {
        RowError::FieldCount { .. } => vec![(None, None, err.to_string())],
        RowError::Fields(fields) => fields
            .iter()
            .map(|f| {
                (
                    Some(f.column.name().to_owned()),
                    Some(f.value.clone()),
                    f.reason.clone(),
                )
            })
            .collect(),
    };
    for (column, value, reason) in items {
        sqlx::query!(
            "INSERT INTO audit.row_errors (run_id, file_id, row_no, column_name, value, reason)
             VALUES ($1, $2, $3, $4, $5, $6)",
            run_id,
            file_id,
            row_no,
            column,
            value,
            reason
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Vehicle attributes: blanks never erase known values. Lot: last write wins on
/// `Last Updated Time`.
async fn upsert_row(tx: &mut sqlx::PgConnection, row: &CopartRow) -> anyhow::Result<()> {
    sqlx::query!(
        r#"INSERT INTO vehicles (vin, vin_check_digit_ok, year, make, model, model_detail, trim,
                                 body_style, color, engine, drive, transmission, fuel_type, cylinders)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (vin) DO UPDATE SET
               year = COALESCE(EXCLUDED.year, vehicles.year),
               make = COALESCE(EXCLUDED.make, vehicles.make),
               model = COALESCE(EXCLUDED.model, vehicles.model),
               model_detail = COALESCE(EXCLUDED.model_detail, vehicles.model_detail),
               trim = COALESCE(EXCLUDED.trim, vehicles.trim),
               body_style = COALESCE(EXCLUDED.body_style, vehicles.body_style),
               color = COALESCE(EXCLUDED.color, vehicles.color),
               engine = COALESCE(EXCLUDED.engine, vehicles.engine),
               drive = COALESCE(EXCLUDED.drive, vehicles.drive),
               transmission = COALESCE(EXCLUDED.transmission, vehicles.transmission),
               fuel_type = COALESCE(EXCLUDED.fuel_type, vehicles.fuel_type),
               cylinders = COALESCE(EXCLUDED.cylinders, vehicles.cylinders),
               updated_at = now()"#,
        row.vin.as_str(),
        row.vin.check_digit_ok(),
        row.year,
        row.make,
        row.model_group,
        row.model_detail,
        row.trim,
        row.body_style,
        row.color,
        row.engine,
        row.drive,
        row.transmission,
        row.fuel_type,
        row.cylinders.map(i16::from)
    )
    .execute(&mut *tx)
    .await?;

    let (sale_date, sale_time) = (row.sale_date.date(), row.sale_time.map(|t| t.time()));
    sqlx::query!(
        r#"INSERT INTO lots (lot_number, vin, yard_number, yard_name, sale_date, sale_time_local,
                             time_zone, auction_at, day_of_week, item_number, vehicle_type,
                             damage_primary, damage_secondary, title_state, title_type, has_keys,
                             lot_cond_code, odometer_mi, odometer_brand, est_retail_value_cents,
                             repair_cost_cents, current_bid_cents, buy_it_now_cents, runs_drives,
                             sale_status, sale_status_raw, special_note, location_city,
                             location_state, location_zip, location_country, currency_code,
                             image_thumbnail, image_url, source_created_at, grid_row,
                             make_offer_eligible, seller_name, source_updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                   $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34,
                   $35, $36, $37, $38, $39)
           ON CONFLICT (lot_number) DO UPDATE SET
               vin = EXCLUDED.vin, yard_number = EXCLUDED.yard_number, yard_name = EXCLUDED.yard_name,
               sale_date = EXCLUDED.sale_date, sale_time_local = EXCLUDED.sale_time_local,
               time_zone = EXCLUDED.time_zone, auction_at = EXCLUDED.auction_at,
               day_of_week = EXCLUDED.day_of_week, item_number = EXCLUDED.item_number,
               vehicle_type = EXCLUDED.vehicle_type, damage_primary = EXCLUDED.damage_primary,
               damage_secondary = EXCLUDED.damage_secondary, title_state = EXCLUDED.title_state,
               title_type = EXCLUDED.title_type, has_keys = EXCLUDED.has_keys,
               lot_cond_code = EXCLUDED.lot_cond_code, odometer_mi = EXCLUDED.odometer_mi,
               odometer_brand = EXCLUDED.odometer_brand,
               est_retail_value_cents = EXCLUDED.est_retail_value_cents,
               repair_cost_cents = EXCLUDED.repair_cost_cents,
               current_bid_cents = EXCLUDED.current_bid_cents,
               buy_it_now_cents = EXCLUDED.buy_it_now_cents, runs_drives = EXCLUDED.runs_drives,
               sale_status = EXCLUDED.sale_status, sale_status_raw = EXCLUDED.sale_status_raw,
               special_note = EXCLUDED.special_note, location_city = EXCLUDED.location_city,
               location_state = EXCLUDED.location_state, location_zip = EXCLUDED.location_zip,
               location_country = EXCLUDED.location_country, currency_code = EXCLUDED.currency_code,
               image_thumbnail = EXCLUDED.image_thumbnail, image_url = EXCLUDED.image_url,
               source_created_at = EXCLUDED.source_created_at, grid_row = EXCLUDED.grid_row,
               make_offer_eligible = EXCLUDED.make_offer_eligible, seller_name = EXCLUDED.seller_name,
               source_updated_at = EXCLUDED.source_updated_at, last_seen_at = now(), updated_at = now()
           WHERE lots.source_updated_at < EXCLUDED.source_updated_at"#,
        i64::from(row.lot_number.get()),
        row.vin.as_str(),
        i32::try_from(row.yard_number)?,
        row.yard_name,
        sale_date,
        sale_time,
        row.time_zone.as_str(),
        row.auction_at,
        row.day_of_week,
        row.item_number.map(i32::try_from).transpose()?,
        row.vehicle_type.as_char().to_string(),
        row.damage_primary,
        row.damage_secondary,
        row.title_state,
        row.title_type,
        row.has_keys.map(|k| k.as_db_str()),
        row.lot_cond_code,
        row.odometer.map(|o| i32::try_from(o.miles())).transpose()?,
        row.odometer_brand.as_ref().map(|b| b.code().to_owned()),
        row.est_retail_value.map(|m| m.cents()),
        row.repair_cost.map(|m| m.cents()),
        row.high_bid.cents(),
        row.buy_it_now.map(|m| m.cents()),
        row.runs_drives,
        row.sale_status.as_db_str(),
        row.sale_status_raw,
        row.special_note,
        row.location_city,
        row.location_state,
        row.location_zip,
        row.location_country,
        row.currency_code,
        row.image_thumbnail,
        row.image_url,
        row.source_created_at,
        row.grid_row,
        row.make_offer_eligible,
        row.seller_name,
        row.last_updated
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
