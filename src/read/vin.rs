//! The VIN page's data and the home search's lot-number lookup. Static SQL, checked at compile
//! time against the schema.
//!
//! Suppression wins over everything: a suppressed VIN is [`VinPage::Suppressed`] whether or not
//! we hold its vehicle, and a lot number of a suppressed VIN is not found (answering with the
//! VIN would undo the removal).

use sqlx::PgPool;

use crate::catalog::vin_page::SIMILAR_LOTS;
use crate::catalog::{LotCard, VinLotDetail, VinPage, VinPageData, VinVehicle};
use crate::lot_number::LotNumber;
use crate::vin::Vin;

/// The VIN page: the vehicle, every lot of it (newest first) and the photo gallery, or why there
/// is none.
pub async fn vin_page(pool: &PgPool, vin: &Vin) -> sqlx::Result<VinPage> {
    let suppressed = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM suppressions WHERE vin = $1) AS "suppressed!""#,
        vin.as_str()
    )
    .fetch_one(pool)
    .await?;
    if suppressed {
        return Ok(VinPage::Suppressed);
    }
    let vehicle = sqlx::query_as!(
        VinVehicle,
        r#"
        SELECT v.vin, v.vin_check_digit_ok, v.year, v.make, v.model, v.model_detail,
               COALESCE(NULLIF(v.trim, ''), v.model_detail) AS "trim",
               v.body_style, v.color, v.engine, v.drive, v.transmission, v.fuel_type,
               v.cylinders, v.updated_at
        FROM vehicles v
        WHERE v.vin = $1
        "#,
        vin.as_str()
    )
    .fetch_optional(pool)
    .await?;
    let Some(vehicle) = vehicle else {
        return Ok(VinPage::NotFound);
    };
    let lots = sqlx::query_as!(
        VinLotDetail,
        r#"
        SELECT l.id, l.lot_number, l.vehicle_type AS "vehicle_type!: String", l.yard_number,
               l.yard_name, l.location_city, l.location_state, l.location_zip,
               l.location_country, l.sale_date, l.sale_time_local, l.time_zone, l.auction_at,
               l.odometer_mi, l.odometer_brand, l.title_state, l.title_type, l.damage_primary,
               l.damage_secondary, l.has_keys, l.runs_drives, l.est_retail_value_cents,
               l.repair_cost_cents, l.current_bid_cents, l.buy_it_now_cents, l.sale_status,
               l.sale_status_raw, l.outcome, l.outcome_method, l.outcome_confidence,
               l.outcome_at, l.first_seen_at, l.last_seen_at, l.disappeared_at
        FROM lots l
        WHERE l.vin = $1
        ORDER BY l.first_seen_at DESC, l.id DESC
        "#,
        vin.as_str()
    )
    .fetch_all(pool)
    .await?;
    let lot_ids: Vec<i64> = lots.iter().map(|l| l.id).collect();
    let photos = super::photos::vin_gallery(pool, &lot_ids).await?;
    let similar = similar_lots(pool, &vehicle).await?;
    Ok(VinPage::Found(Box::new(VinPageData {
        vehicle,
        lots,
        photos,
        similar,
    })))
}

/// Lots of other VINs of the same make and model, one model year either side, whose auction
/// has already happened: the newest first, one per VIN, with thumbnails. Empty when the
/// vehicle has no make or model.
///
/// A backwards walk of `lots (make, model, auction_at, id)` from now, filtering the years on
/// the way: it reads the model's most recent auctions until it has enough, whatever the size of
/// the catalog. A relisted VIN has several recent lots; three times the wanted rows leaves
/// room to drop the repeats without a second query.
async fn similar_lots(pool: &PgPool, v: &VinVehicle) -> sqlx::Result<Vec<LotCard>> {
    let (Some(make), Some(model)) = (v.make.as_deref(), v.model.as_deref()) else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query_as!(
        LotCard,
        r#"
        SELECT l.id, l.lot_number, l.vin, l.year, l.make, l.model, l.trim, l.damage_primary,
               l.odometer_mi, l.location_city, l.location_state, l.sale_date, l.auction_at,
               l.sale_status, l.current_bid_cents, l.buy_it_now_cents,
               l.est_retail_value_cents, l.first_seen_at, l.outcome, NULL::text AS thumb_key
        FROM lots l
        WHERE l.make = $1 AND l.model = $2
          AND l.auction_at <= now()
          AND ($3::smallint IS NULL OR l.year BETWEEN $3 - 1 AND $3 + 1)
          AND l.vin <> $4
          AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)
        ORDER BY l.auction_at DESC, l.id DESC
        LIMIT $5
        "#,
        make,
        model,
        v.year,
        v.vin,
        i64::from(SIMILAR_LOTS) * 3
    )
    .fetch_all(pool)
    .await?;
    let mut seen = std::collections::HashSet::new();
    let mut lots: Vec<LotCard> = rows
        .into_iter()
        .filter(|l| seen.insert(l.vin.clone()))
        .take(usize::from(SIMILAR_LOTS))
        .collect();
    super::photos::attach_thumbnails(pool, &mut lots).await?;
    Ok(lots)
}

/// The VIN of a Copart lot number, for the home page's search box. `None` when unknown or when
/// the VIN is suppressed.
pub async fn lookup_lot_number(pool: &PgPool, lot: LotNumber) -> sqlx::Result<Option<Vin>> {
    let vin = sqlx::query_scalar!(
        r#"
        SELECT l.vin FROM lots l
        WHERE l.lot_number = $1
          AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)
        "#,
        i64::from(lot.get())
    )
    .fetch_optional(pool)
    .await?;
    // The column's CHECK is the SQL twin of `Vin::parse`; a stored VIN that fails it is a
    // schema bug, reported as a decode error rather than a silent "not found".
    vin.map(|v| Vin::parse(&v).map_err(|e| sqlx::Error::Decode(Box::new(e))))
        .transpose()
}
