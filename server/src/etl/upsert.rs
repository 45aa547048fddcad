//! Set-based upsert of one file's staging rows into `vehicles` and `lots`, then the prune.
//!
//! Four statements per file, whatever its size (the original did one round trip per row):
//! 1. duplicate lot numbers: all but the newest row of each lot are moved out of staging into
//!    `audit.row_errors`, so every later statement sees one row per lot;
//! 2. vehicles: the newest row per VIN; `COALESCE` keeps known attributes when the export leaves
//!    them blank, and a vehicle row is only rewritten when an attribute really changes;
//! 3. lots: last-write-wins on `Last Updated Time` — an older row never overwrites a newer one,
//!    and a row identical to the stored lot (timestamp included) is not rewritten;
//! 4. "seen": every other lot of the file gets `last_seen_at`/`last_seen_file_id` — one UPDATE
//!    of those two columns only. It is a write per unchanged lot, but a cheap one: no indexed
//!    column changes, and `lots` has fillfactor 85, so PostgreSQL does it as a HOT update without
//!    touching any index. The events/outcomes step needs exactly this fact ("present in file N")
//!    to find lots that disappeared, and keeping it on the lot avoids a second table that would
//!    be rewritten just as often.
//!
//! All of it runs in the caller's transaction, with the COPY before it.

use anyhow::Context;
use sqlx::PgConnection;

/// What the upsert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    /// Rows dropped as duplicate lot numbers (recorded in `audit.row_errors`).
    pub duplicates: i64,
    pub vehicles_inserted: i64,
    pub vehicles_updated: i64,
    pub lots_inserted: i64,
    pub lots_updated: i64,
    /// Lots in the file that were not rewritten (identical, or older than the stored row).
    pub lots_unchanged: i64,
    /// Of `lots_unchanged`: rows older than the stored lot, not applied.
    pub lots_stale: i64,
}

/// Runs statements 1–4 for `file_id`.
pub async fn upsert_file(
    conn: &mut PgConnection,
    run_id: i64,
    file_id: i64,
) -> anyhow::Result<UpsertCounts> {
    let duplicates = sqlx::query_scalar!(
        r#"WITH dup AS (
               SELECT lot_number FROM staging.lots WHERE file_id = $1
               GROUP BY lot_number HAVING count(*) > 1
           ), ranked AS (
               SELECT s.row_no,
                      row_number() OVER (PARTITION BY s.lot_number
                                         ORDER BY s.source_updated_at DESC, s.row_no DESC) AS rn
               FROM staging.lots s JOIN dup USING (lot_number)
               WHERE s.file_id = $1
           ), dropped AS (
               DELETE FROM staging.lots s USING ranked r
               WHERE s.file_id = $1 AND s.row_no = r.row_no AND r.rn > 1
               RETURNING s.row_no, s.lot_number
           ), logged AS (
               INSERT INTO audit.row_errors (run_id, file_id, row_no, column_name, value, reason)
               SELECT $2, $1, row_no, 'Lot number', lot_number::text, 'duplicate lot number in file'
               FROM dropped
               RETURNING 1
           )
           SELECT count(*) AS "n!" FROM logged"#,
        file_id,
        run_id
    )
    .fetch_one(&mut *conn)
    .await
    .context("setting duplicate lot numbers aside")?;

    let vehicles = sqlx::query!(
        r#"WITH newest AS (
               SELECT DISTINCT ON (vin) vin, vin_check_digit_ok, year, make, model, model_detail,
                      trim, body_style, color, engine, drive, transmission, fuel_type, cylinders
               FROM staging.lots WHERE file_id = $1
               ORDER BY vin, source_updated_at DESC, row_no DESC
           ), up AS (
               INSERT INTO vehicles AS v (vin, vin_check_digit_ok, year, make, model, model_detail,
                                          trim, body_style, color, engine, drive, transmission,
                                          fuel_type, cylinders)
               SELECT vin, vin_check_digit_ok, year, make, model, model_detail, trim, body_style,
                      color, engine, drive, transmission, fuel_type, cylinders
               FROM newest
               ON CONFLICT (vin) DO UPDATE SET
                   year = COALESCE(EXCLUDED.year, v.year),
                   make = COALESCE(EXCLUDED.make, v.make),
                   model = COALESCE(EXCLUDED.model, v.model),
                   model_detail = COALESCE(EXCLUDED.model_detail, v.model_detail),
                   trim = COALESCE(EXCLUDED.trim, v.trim),
                   body_style = COALESCE(EXCLUDED.body_style, v.body_style),
                   color = COALESCE(EXCLUDED.color, v.color),
                   engine = COALESCE(EXCLUDED.engine, v.engine),
                   drive = COALESCE(EXCLUDED.drive, v.drive),
                   transmission = COALESCE(EXCLUDED.transmission, v.transmission),
                   fuel_type = COALESCE(EXCLUDED.fuel_type, v.fuel_type),
                   cylinders = COALESCE(EXCLUDED.cylinders, v.cylinders),
                   updated_at = now()
               WHERE (COALESCE(EXCLUDED.year, v.year), COALESCE(EXCLUDED.make, v.make),
                      COALESCE(EXCLUDED.model, v.model),
                      COALESCE(EXCLUDED.model_detail, v.model_detail),
                      COALESCE(EXCLUDED.trim, v.trim), COALESCE(EXCLUDED.body_style, v.body_style),
                      COALESCE(EXCLUDED.color, v.color), COALESCE(EXCLUDED.engine, v.engine),
                      COALESCE(EXCLUDED.drive, v.drive),
                      COALESCE(EXCLUDED.transmission, v.transmission),
                      COALESCE(EXCLUDED.fuel_type, v.fuel_type),
                      COALESCE(EXCLUDED.cylinders, v.cylinders))
                     IS DISTINCT FROM
                     (v.year, v.make, v.model, v.model_detail, v.trim, v.body_style, v.color,
                      v.engine, v.drive, v.transmission, v.fuel_type, v.cylinders)
               RETURNING (xmax = 0) AS inserted
           )
           SELECT count(*) FILTER (WHERE inserted) AS "inserted!",
                  count(*) FILTER (WHERE NOT inserted) AS "updated!"
           FROM up"#,
        file_id
    )
    .fetch_one(&mut *conn)
    .await
    .context("upserting vehicles")?;

    let lots = sqlx::query!(
        r#"WITH up AS (
               INSERT INTO lots AS l (lot_number, vin, yard_number, yard_name, sale_date,
                   sale_time_local, time_zone, auction_at, day_of_week, item_number, vehicle_type,
                   damage_primary, damage_secondary, title_state, title_type, has_keys,
                   lot_cond_code, odometer_mi, odometer_brand, est_retail_value_cents,
                   repair_cost_cents, current_bid_cents, buy_it_now_cents, runs_drives,
                   sale_status, sale_status_raw, special_note, location_city, location_state,
                   location_zip, location_country, currency_code, image_thumbnail, image_url,
                   source_created_at, grid_row, make_offer_eligible, seller_name,
                   source_updated_at, last_seen_file_id)
               SELECT lot_number, vin, yard_number, yard_name, sale_date, sale_time_local,
                   time_zone, auction_at, day_of_week, item_number, vehicle_type, damage_primary,
                   damage_secondary, title_state, title_type, has_keys, lot_cond_code,
                   odometer_mi, odometer_brand, est_retail_value_cents, repair_cost_cents,
                   current_bid_cents, buy_it_now_cents, runs_drives, sale_status,
                   sale_status_raw, special_note, location_city, location_state, location_zip,
                   location_country, currency_code, image_thumbnail, image_url,
                   source_created_at, grid_row, make_offer_eligible, seller_name,
                   source_updated_at, file_id
               FROM staging.lots WHERE file_id = $1
               ON CONFLICT (lot_number) DO UPDATE SET
                   vin = EXCLUDED.vin, yard_number = EXCLUDED.yard_number,
                   yard_name = EXCLUDED.yard_name, sale_date = EXCLUDED.sale_date,
                   sale_time_local = EXCLUDED.sale_time_local, time_zone = EXCLUDED.time_zone,
                   auction_at = EXCLUDED.auction_at, day_of_week = EXCLUDED.day_of_week,
                   item_number = EXCLUDED.item_number, vehicle_type = EXCLUDED.vehicle_type,
                   damage_primary = EXCLUDED.damage_primary,
                   damage_secondary = EXCLUDED.damage_secondary,
                   title_state = EXCLUDED.title_state, title_type = EXCLUDED.title_type,
                   has_keys = EXCLUDED.has_keys, lot_cond_code = EXCLUDED.lot_cond_code,
                   odometer_mi = EXCLUDED.odometer_mi, odometer_brand = EXCLUDED.odometer_brand,
                   est_retail_value_cents = EXCLUDED.est_retail_value_cents,
                   repair_cost_cents = EXCLUDED.repair_cost_cents,
                   current_bid_cents = EXCLUDED.current_bid_cents,
                   buy_it_now_cents = EXCLUDED.buy_it_now_cents,
                   runs_drives = EXCLUDED.runs_drives, sale_status = EXCLUDED.sale_status,
                   sale_status_raw = EXCLUDED.sale_status_raw,
                   special_note = EXCLUDED.special_note,
                   location_city = EXCLUDED.location_city,
                   location_state = EXCLUDED.location_state,
                   location_zip = EXCLUDED.location_zip,
                   location_country = EXCLUDED.location_country,
                   currency_code = EXCLUDED.currency_code,
                   image_thumbnail = EXCLUDED.image_thumbnail, image_url = EXCLUDED.image_url,
                   source_created_at = EXCLUDED.source_created_at, grid_row = EXCLUDED.grid_row,
                   make_offer_eligible = EXCLUDED.make_offer_eligible,
                   seller_name = EXCLUDED.seller_name,
                   source_updated_at = EXCLUDED.source_updated_at,
                   last_seen_at = now(), last_seen_file_id = EXCLUDED.last_seen_file_id,
                   updated_at = now()
               -- Last write wins; and a row equal to the stored lot (its timestamp included, so
               -- a later, older row can never slip in between) is left alone.
               WHERE EXCLUDED.source_updated_at >= l.source_updated_at
                 AND (l.vin, l.yard_number, l.yard_name, l.sale_date, l.sale_time_local,
                      l.time_zone, l.auction_at, l.day_of_week, l.item_number, l.vehicle_type,
                      l.damage_primary, l.damage_secondary, l.title_state, l.title_type,
                      l.has_keys, l.lot_cond_code, l.odometer_mi, l.odometer_brand,
                      l.est_retail_value_cents, l.repair_cost_cents, l.current_bid_cents,
                      l.buy_it_now_cents, l.runs_drives, l.sale_status, l.sale_status_raw,
                      l.special_note, l.location_city, l.location_state, l.location_zip,
                      l.location_country, l.currency_code, l.image_thumbnail, l.image_url,
                      l.source_created_at, l.grid_row, l.make_offer_eligible, l.seller_name,
                      l.source_updated_at)
                     IS DISTINCT FROM
                     (EXCLUDED.vin, EXCLUDED.yard_number, EXCLUDED.yard_name, EXCLUDED.sale_date,
                      EXCLUDED.sale_time_local, EXCLUDED.time_zone, EXCLUDED.auction_at,
                      EXCLUDED.day_of_week, EXCLUDED.item_number, EXCLUDED.vehicle_type,
                      EXCLUDED.damage_primary, EXCLUDED.damage_secondary, EXCLUDED.title_state,
                      EXCLUDED.title_type, EXCLUDED.has_keys, EXCLUDED.lot_cond_code,
                      EXCLUDED.odometer_mi, EXCLUDED.odometer_brand,
                      EXCLUDED.est_retail_value_cents, EXCLUDED.repair_cost_cents,
                      EXCLUDED.current_bid_cents, EXCLUDED.buy_it_now_cents,
                      EXCLUDED.runs_drives, EXCLUDED.sale_status, EXCLUDED.sale_status_raw,
                      EXCLUDED.special_note, EXCLUDED.location_city, EXCLUDED.location_state,
                      EXCLUDED.location_zip, EXCLUDED.location_country, EXCLUDED.currency_code,
                      EXCLUDED.image_thumbnail, EXCLUDED.image_url, EXCLUDED.source_created_at,
                      EXCLUDED.grid_row, EXCLUDED.make_offer_eligible, EXCLUDED.seller_name,
                      EXCLUDED.source_updated_at)
               RETURNING (xmax = 0) AS inserted
           )
           SELECT count(*) FILTER (WHERE inserted) AS "inserted!",
                  count(*) FILTER (WHERE NOT inserted) AS "updated!"
           FROM up"#,
        file_id
    )
    .fetch_one(&mut *conn)
    .await
    .context("upserting lots")?;

    // Lots written above already carry this file; the rest of the file's lots are marked here.
    let seen = sqlx::query!(
        r#"WITH seen AS (
               UPDATE lots l SET last_seen_at = now(), last_seen_file_id = $1
               FROM staging.lots s
               WHERE s.file_id = $1 AND l.lot_number = s.lot_number
                 AND l.last_seen_file_id IS DISTINCT FROM $1
               RETURNING (s.source_updated_at < l.source_updated_at) AS stale
           )
           SELECT count(*) AS "unchanged!", count(*) FILTER (WHERE stale) AS "stale!" FROM seen"#,
        file_id
    )
    .fetch_one(&mut *conn)
    .await
    .context("marking unchanged lots as seen")?;

    Ok(UpsertCounts {
        duplicates,
        vehicles_inserted: vehicles.inserted,
        vehicles_updated: vehicles.updated,
        lots_inserted: lots.inserted,
        lots_updated: lots.updated,
        lots_unchanged: seen.unchanged,
        lots_stale: seen.stale,
    })
}

/// Deletes the file's staging rows: staging holds only the file in flight, so the database does
/// not grow with every export (the original's grew by ~0.7 GB per export).
pub async fn prune_staging(conn: &mut PgConnection, file_id: i64) -> anyhow::Result<u64> {
    let done = sqlx::query!("DELETE FROM staging.lots WHERE file_id = $1", file_id)
        .execute(&mut *conn)
        .await
        .context("pruning staging.lots")?;
    Ok(done.rows_affected())
}
