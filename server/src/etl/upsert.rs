//! Set-based upsert of one file's staging rows into `vehicles` and `lots`, then the prune.
//!
//! Staging holds only the rows that need work — new lots and lots whose row hash changed, one
//! row per lot number (the parser settled duplicates; see `filter`). A fixed handful of
//! statements per file, whatever its size (the original did one round trip per row):
//! 1. vehicles: new VINs are inserted from their newest row; known VINs are updated only when an
//!    attribute really changes and the row is not older than the one that last set them, and
//!    `COALESCE` keeps known attributes the export leaves blank;
//! 2. lots: an UPDATE of the lots whose row changed and is not older than the stored one
//!    (last-write-wins on `Last Updated Time`), then an INSERT of new lot numbers. A lot equal
//!    to its row is not touched at all. (`INSERT … ON CONFLICT DO UPDATE … WHERE` would be one
//!    statement, but it locks — and so dirties — every existing row it meets, even when its
//!    WHERE says "unchanged".)
//! 3. the file's lot numbers are stored once, as a sorted array in `raw.files.lot_numbers`: the
//!    record of which lots each recent file listed (the parser already diffed it with the live
//!    lots to find departures and arrivals; see `filter`). Marking every present lot "seen" instead (`lots.last_seen_file_id` on all ~150k rows)
//!    was measured at 9–11 s per export, because every ~1 KB lot row is rewritten; so
//!    `last_seen_at`/`last_seen_file_id` move only when a lot is inserted or changed.
//!
//! All of it runs in the caller's transaction, after the COPY, under the ETL advisory lock.

use anyhow::Context;
use sqlx::PgConnection;

/// Files whose lot sets (`raw.files.lot_numbers`) are kept: enough to see what the last few
/// exports listed when checking a departure, without one array per export piling up.
pub const KEEP_LOT_SETS: i64 = 3;

/// What the upsert did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertCounts {
    /// Whether lots were added or moved between dropdown options (the facets need a rebuild).
    pub facets_dirty: bool,
    pub vehicles_inserted: i64,
    pub vehicles_updated: i64,
    pub lots_inserted: i64,
    pub lots_updated: i64,
    /// Lots in the file that were not rewritten (identical, or older than the stored row).
    pub lots_unchanged: i64,
    /// Of `lots_unchanged`: rows older than the stored lot, not applied.
    pub lots_stale: i64,
}

/// New lots in one file from which a bulk load is considered (and done when they are at least
/// as many as the stored lots).
pub const BULK_MIN_NEW_LOTS: usize = 20_000;

/// Runs statements 1–3 for `file_id`. `lot_set`: every lot number the file lists, sorted, and
/// whether the file is Copart's export (not a demo load); `lots_in_file`: how many of them have
/// a valid row; `arrived`: listed lots that were not live.
pub async fn upsert_file(
    conn: &mut PgConnection,
    file_id: i64,
    (lot_set, export): (&[i64], bool),
    lots_in_file: u64,
    arrived: usize,
) -> anyhow::Result<UpsertCounts> {
    // A first load (or any file bringing more new lots than are stored) sets the secondary
    // indexes and foreign keys aside and rebuilds them after the inserts (see migration
    // 0006): ~3x faster than maintaining them row by row. It holds an exclusive lock on
    // `lots` until commit, which only matters when there is little to read anyway.
    // An empty database (the very first file) has nothing to update or compare with: the
    // statements that join staging to stored rows are skipped, not run against empty tables
    // (each still sorts or hashes all of staging).
    let (stored_lots, any_vehicle) = if arrived >= BULK_MIN_NEW_LOTS {
        let r = sqlx::query!(
            r#"SELECT (SELECT count(*) FROM lots) AS "lots!",
                      EXISTS (SELECT 1 FROM vehicles) AS "vehicles!""#
        )
        .fetch_one(&mut *conn)
        .await
        .context("counting stored lots")?;
        (r.lots, r.vehicles)
    } else {
        (i64::MAX, true)
    };
    let bulk = i64::try_from(arrived)? >= stored_lots;
    if bulk {
        let n = sqlx::query_scalar!(r#"SELECT staging.defer_lot_indexes() AS "n!""#)
            .fetch_one(&mut *conn)
            .await
            .context("setting lot indexes aside for a bulk load")?;
        tracing::info!(
            arrived,
            deferred = n,
            "bulk load: indexes rebuilt after the insert"
        );
    }

    // Vehicles: changed attributes of known VINs first (so the join meets only them), then new
    // VINs. Blanks never erase known values (COALESCE); a row is only written when a value
    // changes, and never by a row older than the one that last set the attributes. Two
    // statements rather than INSERT … ON CONFLICT DO UPDATE … WHERE, because ON CONFLICT locks
    // (and so dirties) every existing row it meets even when its WHERE says "unchanged".
    let vehicles_updated = if any_vehicle {
        sqlx::query!(
            r#"WITH newest AS (
               SELECT DISTINCT ON (vin) vin, year, make, model, model_detail, trim, body_style,
                      color, engine, drive, transmission, fuel_type, cylinders,
                      source_updated_at
               FROM staging.lots WHERE file_id = $1
               ORDER BY vin, source_updated_at DESC, row_no DESC
           )
           UPDATE vehicles v SET
               year = COALESCE(n.year, v.year),
               make = COALESCE(n.make, v.make),
               model = COALESCE(n.model, v.model),
               model_detail = COALESCE(n.model_detail, v.model_detail),
               trim = COALESCE(n.trim, v.trim),
               body_style = COALESCE(n.body_style, v.body_style),
               color = COALESCE(n.color, v.color),
               engine = COALESCE(n.engine, v.engine),
               drive = COALESCE(n.drive, v.drive),
               transmission = COALESCE(n.transmission, v.transmission),
               fuel_type = COALESCE(n.fuel_type, v.fuel_type),
               cylinders = COALESCE(n.cylinders, v.cylinders),
               attrs_updated_at = n.source_updated_at,
               updated_at = now()
           FROM newest n
           WHERE n.vin = v.vin
             AND n.source_updated_at >= COALESCE(v.attrs_updated_at, '-infinity')
             AND (COALESCE(n.year, v.year), COALESCE(n.make, v.make),
                  COALESCE(n.model, v.model), COALESCE(n.model_detail, v.model_detail),
                  COALESCE(n.trim, v.trim), COALESCE(n.body_style, v.body_style),
                  COALESCE(n.color, v.color), COALESCE(n.engine, v.engine),
                  COALESCE(n.drive, v.drive), COALESCE(n.transmission, v.transmission),
                  COALESCE(n.fuel_type, v.fuel_type), COALESCE(n.cylinders, v.cylinders))
                 IS DISTINCT FROM
                 (v.year, v.make, v.model, v.model_detail, v.trim, v.body_style, v.color,
                  v.engine, v.drive, v.transmission, v.fuel_type, v.cylinders)"#,
            file_id
        )
        .execute(&mut *conn)
        .await
        .context("updating vehicles")?
        .rows_affected()
    } else {
        0
    };

    let vehicles_inserted = sqlx::query!(
        r#"INSERT INTO vehicles (vin, vin_check_digit_ok, year, make, model, model_detail, trim,
                                 body_style, color, engine, drive, transmission, fuel_type,
                                 cylinders, attrs_updated_at)
           SELECT DISTINCT ON (s.vin) s.vin, s.vin_check_digit_ok, s.year, s.make, s.model,
                  s.model_detail, s.trim, s.body_style, s.color, s.engine, s.drive,
                  s.transmission, s.fuel_type, s.cylinders, s.source_updated_at
           FROM staging.lots s
           WHERE s.file_id = $1 AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.vin = s.vin)
           ORDER BY s.vin, s.source_updated_at DESC, s.row_no DESC"#,
        file_id
    )
    .execute(&mut *conn)
    .await
    .context("inserting new vehicles")?
    .rows_affected();

    // Whether an update will move a lot between dropdown options (the facets count lots by
    // tab, make, model, trim, year and each lot attribute a filter offers, leaving out suppressed
    // VINs — so a lot moving to another VIN counts too): most files only change
    // bids and dates, and then the facets need no rebuild. Checked before the update, which
    // overwrites the old values.
    let facets_touched = stored_lots > 0
        && sqlx::query_scalar!(
            r#"SELECT EXISTS (
                   SELECT 1 FROM staging.lots s JOIN lots l USING (lot_number)
                   WHERE s.file_id = $1 AND s.source_updated_at >= l.source_updated_at
                     AND (l.vehicle_type, l.make, l.model, l.trim, l.year, l.damage_primary,
                          l.damage_secondary, l.title_type, l.location_state, l.sale_status,
                          l.yard_name, l.color, l.fuel_type, l.drive, l.transmission,
                          l.body_style, l.has_keys, l.runs_drives, l.vin)
                         IS DISTINCT FROM
                         (s.vehicle_type, s.make, s.model,
                          COALESCE(NULLIF(s.trim, ''), s.model_detail), s.year,
                          s.damage_primary, s.damage_secondary, s.title_type, s.location_state,
                          s.sale_status, s.yard_name, s.color, s.fuel_type, s.drive,
                          s.transmission, s.body_style, s.has_keys, s.runs_drives, s.vin)
               ) AS "touched!""#,
            file_id
        )
        .fetch_one(&mut *conn)
        .await
        .context("checking whether the facets change")?;

    // Lots: last write wins on Last Updated Time, and a row equal to the stored lot (its
    // timestamp included, so a later, older row can never slip in between) is left alone.
    let lots_updated = if stored_lots > 0 {
        sqlx::query!(
            r#"UPDATE lots l SET
               vin = s.vin, yard_number = s.yard_number, yard_name = s.yard_name,
               sale_date = s.sale_date, sale_time_local = s.sale_time_local,
               time_zone = s.time_zone, auction_at = s.auction_at, day_of_week = s.day_of_week,
               item_number = s.item_number, vehicle_type = s.vehicle_type,
               damage_primary = s.damage_primary, damage_secondary = s.damage_secondary,
               title_state = s.title_state, title_type = s.title_type, has_keys = s.has_keys,
               lot_cond_code = s.lot_cond_code, odometer_mi = s.odometer_mi,
               odometer_brand = s.odometer_brand,
               est_retail_value_cents = s.est_retail_value_cents,
               repair_cost_cents = s.repair_cost_cents, current_bid_cents = s.current_bid_cents,
               buy_it_now_cents = s.buy_it_now_cents, runs_drives = s.runs_drives,
               sale_status = s.sale_status, sale_status_raw = s.sale_status_raw,
               special_note = s.special_note, location_city = s.location_city,
               location_state = s.location_state, location_zip = s.location_zip,
               location_country = s.location_country, currency_code = s.currency_code,
               image_thumbnail = s.image_thumbnail, image_url = s.image_url,
               source_created_at = s.source_created_at, grid_row = s.grid_row,
               make_offer_eligible = s.make_offer_eligible, seller_name = s.seller_name,
               source_updated_at = s.source_updated_at, row_hash = s.row_hash,
               year = s.year, make = s.make, model = s.model,
               trim = COALESCE(NULLIF(s.trim, ''), s.model_detail),
               body_style = s.body_style, color = s.color, fuel_type = s.fuel_type,
               drive = s.drive, transmission = s.transmission,
               last_seen_at = now(), last_seen_file_id = s.file_id, updated_at = now()
           FROM staging.lots s
           WHERE s.file_id = $1 AND l.lot_number = s.lot_number
             AND s.source_updated_at >= l.source_updated_at
             AND (l.vin, l.yard_number, l.yard_name, l.sale_date, l.sale_time_local,
                  l.time_zone, l.auction_at, l.day_of_week, l.item_number, l.vehicle_type,
                  l.damage_primary, l.damage_secondary, l.title_state, l.title_type,
                  l.has_keys, l.lot_cond_code, l.odometer_mi, l.odometer_brand,
                  l.est_retail_value_cents, l.repair_cost_cents, l.current_bid_cents,
                  l.buy_it_now_cents, l.runs_drives, l.sale_status, l.sale_status_raw,
                  l.special_note, l.location_city, l.location_state, l.location_zip,
                  l.location_country, l.currency_code, l.image_thumbnail, l.image_url,
                  l.source_created_at, l.grid_row, l.make_offer_eligible, l.seller_name,
                  l.source_updated_at, l.row_hash, l.year, l.make, l.model, l.trim,
                  l.body_style, l.color, l.fuel_type, l.drive, l.transmission)
                 IS DISTINCT FROM
                 (s.vin, s.yard_number, s.yard_name, s.sale_date, s.sale_time_local,
                  s.time_zone, s.auction_at, s.day_of_week, s.item_number, s.vehicle_type,
                  s.damage_primary, s.damage_secondary, s.title_state, s.title_type,
                  s.has_keys, s.lot_cond_code, s.odometer_mi, s.odometer_brand,
                  s.est_retail_value_cents, s.repair_cost_cents, s.current_bid_cents,
                  s.buy_it_now_cents, s.runs_drives, s.sale_status, s.sale_status_raw,
                  s.special_note, s.location_city, s.location_state, s.location_zip,
                  s.location_country, s.currency_code, s.image_thumbnail, s.image_url,
                  s.source_created_at, s.grid_row, s.make_offer_eligible, s.seller_name,
                  s.source_updated_at, s.row_hash, s.year, s.make, s.model,
                  COALESCE(NULLIF(s.trim, ''), s.model_detail),
                  s.body_style, s.color, s.fuel_type, s.drive, s.transmission)"#,
            file_id
        )
        .execute(&mut *conn)
        .await
        .context("updating changed lots")?
        .rows_affected()
    } else {
        0
    };

    // Rows older than the stored lot (reported, not applied). Counted before the insert, which
    // cannot add any: on a first load that leaves nothing to join.
    let stale = if stored_lots > 0 {
        sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!" FROM staging.lots s JOIN lots l USING (lot_number)
           WHERE s.file_id = $1 AND s.source_updated_at < l.source_updated_at"#,
            file_id
        )
        .fetch_one(&mut *conn)
        .await
        .context("counting stale rows")?
    } else {
        0
    };
    // No ON CONFLICT here or for vehicles: NOT EXISTS already leaves out stored keys, staging
    // holds one row per lot number, and the ETL lock keeps other writers out. Speculative
    // insertion would cost ~1.4 s per 150k new lots (measured); a writer sneaking in anyway
    // fails the run loudly rather than corrupting anything. No ORDER BY: sorting the ~1 KB
    // rows spills to disk on a first load (where the unique index is set aside anyway), and
    // the few thousand new lots of a regular export land in the index cheaply in any order.
    // (The row hash is part of the comparison above: a lot whose source row changed only in a
    // vehicle attribute is rewritten once to store it, rather than staged again with every
    // file.)
    let lots_inserted = sqlx::query!(
        r#"INSERT INTO lots (lot_number, vin, yard_number, yard_name, sale_date,
               sale_time_local, time_zone, auction_at, day_of_week, item_number, vehicle_type,
               damage_primary, damage_secondary, title_state, title_type, has_keys,
               lot_cond_code, odometer_mi, odometer_brand, est_retail_value_cents,
               repair_cost_cents, current_bid_cents, buy_it_now_cents, runs_drives,
               sale_status, sale_status_raw, special_note, location_city, location_state,
               location_zip, location_country, currency_code, image_thumbnail, image_url,
               source_created_at, grid_row, make_offer_eligible, seller_name,
               source_updated_at, last_seen_file_id, row_hash, year, make, model, trim,
               body_style, color, fuel_type, drive, transmission)
           SELECT lot_number, vin, yard_number, yard_name, sale_date, sale_time_local,
               time_zone, auction_at, day_of_week, item_number, vehicle_type, damage_primary,
               damage_secondary, title_state, title_type, has_keys, lot_cond_code,
               odometer_mi, odometer_brand, est_retail_value_cents, repair_cost_cents,
               current_bid_cents, buy_it_now_cents, runs_drives, sale_status,
               sale_status_raw, special_note, location_city, location_state, location_zip,
               location_country, currency_code, image_thumbnail, image_url,
               source_created_at, grid_row, make_offer_eligible, seller_name,
               source_updated_at, file_id, row_hash, year, make, model,
               COALESCE(NULLIF(trim, ''), model_detail),
               body_style, color, fuel_type, drive, transmission
           FROM staging.lots s
           WHERE s.file_id = $1
             AND NOT EXISTS (SELECT 1 FROM lots l WHERE l.lot_number = s.lot_number)"#,
        file_id
    )
    .execute(&mut *conn)
    .await
    .context("inserting new lots")?
    .rows_affected();

    if bulk {
        sqlx::query_scalar!(r#"SELECT staging.restore_lot_indexes() AS "n!""#)
            .fetch_one(&mut *conn)
            .await
            .context("rebuilding lot indexes after a bulk load")?;
    }

    sqlx::query!(
        "UPDATE raw.files SET lot_numbers = $2 WHERE id = $1",
        file_id,
        lot_set
    )
    .execute(&mut *conn)
    .await
    .context("recording the file's lot numbers")?;

    // A lot a demo load wrote that the export lists is the export's from now on, so `demo purge`
    // must leave it. Usually `demo_lots` is empty and this reads nothing.
    if export {
        sqlx::query!(
            "DELETE FROM demo_lots d USING lots l WHERE d.lot_id = l.id AND l.lot_number = ANY($1)",
            lot_set
        )
        .execute(&mut *conn)
        .await
        .context("releasing demo lots the file lists")?;
    }

    let written = i64::try_from(lots_inserted + lots_updated)?;
    Ok(UpsertCounts {
        facets_dirty: facets_touched || lots_inserted > 0,
        vehicles_inserted: i64::try_from(vehicles_inserted)?,
        vehicles_updated: i64::try_from(vehicles_updated)?,
        lots_inserted: i64::try_from(lots_inserted)?,
        lots_updated: i64::try_from(lots_updated)?,
        lots_unchanged: i64::try_from(lots_in_file)? - written,
        lots_stale: stale,
    })
}

/// Empties staging (it holds only the file in flight, so the database does
/// not grow with every export — the original's grew by ~0.7 GB per export), and forgets the lot
/// sets of all but the newest [`KEEP_LOT_SETS`] files.
pub async fn prune(conn: &mut PgConnection) -> anyhow::Result<()> {
    // TRUNCATE rather than DELETE: no scan, no dead rows. Staging holds only the file in
    // flight (the ETL lock keeps other runs out), and the lock TRUNCATE takes ends at commit.
    sqlx::query!("TRUNCATE staging.lots")
        .execute(&mut *conn)
        .await
        .context("pruning staging.lots")?;
    sqlx::query!(
        r#"UPDATE raw.files SET lot_numbers = NULL
           WHERE lot_numbers IS NOT NULL
             AND id NOT IN (SELECT id FROM raw.files WHERE lot_numbers IS NOT NULL
                            ORDER BY id DESC LIMIT $1)"#,
        KEEP_LOT_SETS
    )
    .execute(&mut *conn)
    .await
    .context("pruning old lot sets")?;
    Ok(())
}
