//! What the VIN page shows: the vehicle, every lot it has had (newest first), and whether the
//! VIN exists or was suppressed on request, so the page can answer 200, 404 or 410.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// The VIN page's data, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum VinPage {
    /// Never seen in an export (404).
    NotFound,
    /// Removed on request (410). Nothing else about the VIN is returned, not even whether we
    /// have it.
    Suppressed,
    /// Boxed: the other variants are empty, and this one is ~300 bytes.
    Found(Box<VinPageData>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VinPageData {
    pub vehicle: VinVehicle,
    /// Every lot of the VIN, newest first (by first appearance, then lot id).
    pub lots: Vec<VinLotDetail>,
    /// The gallery: the full-size photos of the newest lot that has any, in Copart's order.
    #[serde(default)]
    pub photos: Vec<super::GalleryPhoto>,
    /// Other VINs of the same make and model, a year either side, auctioned lately (newest
    /// first, at most [`SIMILAR_LOTS`]).
    #[serde(default)]
    pub similar: Vec<super::LotCard>,
}

/// How many similar lots a VIN page shows.
pub const SIMILAR_LOTS: u8 = 6;

/// The `vehicles` row: attributes merged from every export row of the VIN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VinVehicle {
    pub vin: String,
    /// ISO 3779 check digit verdict; `None` for VINs shorter than 17.
    pub vin_check_digit_ok: Option<bool>,
    pub year: Option<i16>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub model_detail: Option<String>,
    /// `COALESCE(NULLIF(trim, ''), model_detail)` — the one definition of trim.
    pub trim: Option<String>,
    pub body_style: Option<String>,
    pub color: Option<String>,
    pub engine: Option<String>,
    pub drive: Option<String>,
    pub transmission: Option<String>,
    pub fuel_type: Option<String>,
    pub cylinders: Option<i16>,
    pub updated_at: DateTime<Utc>,
}

/// One lot on the VIN page: everything the lot card and the auction history show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VinLotDetail {
    pub id: i64,
    /// Copart's lot number (never the internal id).
    pub lot_number: i64,
    /// The export's one-letter vehicle type code.
    pub vehicle_type: String,
    pub yard_number: i32,
    pub yard_name: String,
    pub location_city: Option<String>,
    pub location_state: Option<String>,
    pub location_zip: Option<String>,
    pub location_country: Option<String>,
    pub sale_date: Option<NaiveDate>,
    /// Yard-local sale time, in `time_zone`.
    pub sale_time_local: Option<NaiveTime>,
    pub time_zone: String,
    /// The UTC instant of the sale.
    pub auction_at: Option<DateTime<Utc>>,
    pub odometer_mi: Option<i32>,
    pub odometer_brand: Option<String>,
    pub title_state: Option<String>,
    pub title_type: Option<String>,
    pub damage_primary: Option<String>,
    pub damage_secondary: Option<String>,
    /// `yes`, `no` or `exempt`.
    pub has_keys: Option<String>,
    pub runs_drives: Option<String>,
    pub est_retail_value_cents: Option<i64>,
    pub repair_cost_cents: Option<i64>,
    pub current_bid_cents: i64,
    pub buy_it_now_cents: Option<i64>,
    /// `SaleStatus::as_db_str()` value, and the export's text.
    pub sale_status: String,
    pub sale_status_raw: String,
    /// Inferred outcome (`sold`, `not_sold`, `on_approval`, `unknown`), with how and how sure:
    /// shown as inferred, never as fact.
    pub outcome: Option<String>,
    pub outcome_method: Option<String>,
    pub outcome_confidence: Option<f32>,
    pub outcome_at: Option<DateTime<Utc>>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// When the lot left the export (`None` while it is listed).
    pub disappeared_at: Option<DateTime<Utc>>,
}
