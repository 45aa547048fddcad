//! The API's response shapes (the v1 contract), mapped from the read model's types.
//!
//! Kept apart from the domain structs on purpose: those may change with the pages, these change
//! only with a new API version (and with `openapi.json`, which the tests hold them to).
//! Conventions: camelCase names; numbers are JSON numbers (the original sent NUMERIC columns
//! as strings); money is integer **US cents** (`…Cents`); instants are RFC 3339 in UTC
//! (`2025-10-18T17:00:00Z`); dates are `YYYY-MM-DD`; unknown values are `null`, never absent.

use std::collections::BTreeMap;

use app::i18n::Lang;
use app::taxonomy::Taxon;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Serialize;
use vinops::catalog::{
    CatalogPage, FilterOptions, LotCard, PriceSource, VinLotDetail, VinPageData, VinVehicle,
};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    pub items: Vec<SearchItem>,
    /// Lots matching the filters, exact up to a cap (`totalCapped` then says "at least").
    pub total: i64,
    pub total_capped: bool,
    /// Pass as `cursor` (with the same other parameters) for the next page; `null` at the end.
    pub next_cursor: Option<String>,
}

/// One lot in search results.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchItem {
    /// Copart's lot number (the one people search for).
    pub lot_number: i64,
    pub vin: String,
    pub year: Option<i16>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub trim: Option<String>,
    pub damage_primary: Option<String>,
    pub odometer_mi: Option<i32>,
    pub location_city: Option<String>,
    pub location_state: Option<String>,
    pub sale_date: Option<NaiveDate>,
    pub auction_at: Option<DateTime<Utc>>,
    pub sale_status: String,
    pub current_bid_cents: i64,
    /// What `current_bid_cents` is: the bid as last seen, or the last bid before a sale the
    /// ETL inferred.
    pub current_bid_source: PriceSource,
    pub buy_it_now_cents: Option<i64>,
    pub est_retail_value_cents: Option<i64>,
    /// When the lot first appeared in an export (the `listed_*` sorts).
    pub listed_at: DateTime<Utc>,
}

impl From<LotCard> for SearchItem {
    fn from(c: LotCard) -> Self {
        SearchItem {
            lot_number: c.lot_number,
            vin: c.vin,
            year: c.year,
            make: c.make,
            model: c.model,
            trim: c.trim,
            damage_primary: c.damage_primary,
            odometer_mi: c.odometer_mi,
            location_city: c.location_city,
            location_state: c.location_state,
            sale_date: c.sale_date,
            auction_at: c.auction_at,
            sale_status: c.sale_status,
            current_bid_cents: c.current_bid_cents,
            current_bid_source: PriceSource::of_bid(c.outcome.as_deref()),
            buy_it_now_cents: c.buy_it_now_cents,
            est_retail_value_cents: c.est_retail_value_cents,
            listed_at: c.first_seen_at,
        }
    }
}

impl From<CatalogPage> for SearchResponse {
    fn from(p: CatalogPage) -> Self {
        SearchResponse {
            items: p.items.into_iter().map(SearchItem::from).collect(),
            total: p.total,
            total_capped: p.total_capped,
            next_cursor: p.next_cursor.map(|c| c.encode()),
        }
    }
}

/// Filter dropdown values (`GET /makes-models`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionsResponse {
    pub makes: Vec<String>,
    pub models: Vec<String>,
    pub trims: Vec<String>,
    pub years: Vec<i16>,
    pub damages: Vec<String>,
    pub title_types: Vec<String>,
    pub sale_statuses: Vec<String>,
    pub states: Vec<String>,
    pub secondary_damages: Vec<String>,
    pub yards: Vec<String>,
    pub colors: Vec<String>,
    pub fuels: Vec<String>,
    pub drives: Vec<String>,
    pub transmissions: Vec<String>,
    pub body_styles: Vec<String>,
    pub keys: Vec<String>,
    pub runs_drives: Vec<String>,
    /// The language of `labels` (`Accept-Language`, English by default).
    pub language: &'static str,
    /// What the site calls each listed value of Copart's vocabulary in `language`: a name per
    /// value of every list above that has one (makes, models, trims, states and yards are
    /// names already). A value without a translation yet is its own label.
    pub labels: OptionLabels,
}

/// Per option list, each value's name in the answer's language.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionLabels {
    pub damages: BTreeMap<String, String>,
    pub title_types: BTreeMap<String, String>,
    pub sale_statuses: BTreeMap<String, String>,
    pub secondary_damages: BTreeMap<String, String>,
    pub colors: BTreeMap<String, String>,
    pub fuels: BTreeMap<String, String>,
    pub drives: BTreeMap<String, String>,
    pub transmissions: BTreeMap<String, String>,
    pub body_styles: BTreeMap<String, String>,
    pub keys: BTreeMap<String, String>,
    pub runs_drives: BTreeMap<String, String>,
}

impl OptionLabels {
    fn of(o: &FilterOptions, lang: Lang) -> OptionLabels {
        let t = lang.t();
        let named = |kind: Taxon, values: &[String]| -> BTreeMap<String, String> {
            values
                .iter()
                .map(|v| (v.clone(), lang.taxon(kind, v).into_owned()))
                .collect()
        };
        let by = |values: &[String], name: &dyn Fn(&str) -> String| -> BTreeMap<String, String> {
            values.iter().map(|v| (v.clone(), name(v))).collect()
        };
        OptionLabels {
            damages: named(Taxon::Damage, &o.damages),
            title_types: named(Taxon::TitleType, &o.title_types),
            sale_statuses: by(&o.sale_statuses, &|v| (t.status_label)(v).to_owned()),
            secondary_damages: named(Taxon::Damage, &o.secondary_damages),
            colors: named(Taxon::Color, &o.colors),
            fuels: named(Taxon::Fuel, &o.fuels),
            drives: named(Taxon::Drive, &o.drives),
            transmissions: named(Taxon::Transmission, &o.transmissions),
            body_styles: named(Taxon::BodyStyle, &o.body_styles),
            keys: by(&o.keys, &|v| lang.keys_name(v)),
            runs_drives: named(Taxon::RunsDrives, &o.runs_drives),
        }
    }
}

impl OptionsResponse {
    /// The lists, and their labels in `lang`.
    pub fn new(o: FilterOptions, lang: Lang) -> Self {
        let labels = OptionLabels::of(&o, lang);
        OptionsResponse {
            makes: o.makes,
            models: o.models,
            trims: o.trims,
            years: o.years,
            damages: o.damages,
            title_types: o.title_types,
            sale_statuses: o.sale_statuses,
            states: o.states,
            secondary_damages: o.secondary_damages,
            yards: o.yards,
            colors: o.colors,
            fuels: o.fuels,
            drives: o.drives,
            transmissions: o.transmissions,
            body_styles: o.body_styles,
            keys: o.keys,
            runs_drives: o.runs_drives,
            language: lang.code(),
            labels,
        }
    }
}

/// `GET /vehicles/{vin}`: the vehicle and every lot it has had, newest first.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleResponse {
    pub vehicle: Vehicle,
    pub lots: Vec<VehicleLot>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vehicle {
    pub vin: String,
    pub vin_check_digit_ok: Option<bool>,
    pub year: Option<i16>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub model_detail: Option<String>,
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

impl From<VinVehicle> for Vehicle {
    fn from(v: VinVehicle) -> Self {
        Vehicle {
            vin: v.vin,
            vin_check_digit_ok: v.vin_check_digit_ok,
            year: v.year,
            make: v.make,
            model: v.model,
            model_detail: v.model_detail,
            trim: v.trim,
            body_style: v.body_style,
            color: v.color,
            engine: v.engine,
            drive: v.drive,
            transmission: v.transmission,
            fuel_type: v.fuel_type,
            cylinders: v.cylinders,
            updated_at: v.updated_at,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleLot {
    pub lot_number: i64,
    pub vehicle_type: String,
    pub yard_number: i32,
    pub yard_name: String,
    pub location_city: Option<String>,
    pub location_state: Option<String>,
    pub location_zip: Option<String>,
    pub location_country: Option<String>,
    pub sale_date: Option<NaiveDate>,
    /// Yard-local wall-clock time of the sale (`HH:MM:SS`), in `timeZone`.
    pub sale_time_local: Option<NaiveTime>,
    pub time_zone: String,
    pub auction_at: Option<DateTime<Utc>>,
    pub odometer_mi: Option<i32>,
    pub odometer_brand: Option<String>,
    pub title_state: Option<String>,
    pub title_type: Option<String>,
    pub damage_primary: Option<String>,
    pub damage_secondary: Option<String>,
    pub has_keys: Option<String>,
    pub runs_drives: Option<String>,
    pub est_retail_value_cents: Option<i64>,
    pub repair_cost_cents: Option<i64>,
    pub current_bid_cents: i64,
    /// What `current_bid_cents` is: the bid as last seen, or the last bid before a sale the
    /// outcome infers (`PriceSource`; estimates and asking prices have fields of their own).
    pub current_bid_source: PriceSource,
    pub buy_it_now_cents: Option<i64>,
    pub sale_status: String,
    pub sale_status_raw: String,
    /// Inferred, never reported by Copart: shown with its method and confidence.
    pub outcome: Option<String>,
    pub outcome_method: Option<String>,
    pub outcome_confidence: Option<f32>,
    pub outcome_at: Option<DateTime<Utc>>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub disappeared_at: Option<DateTime<Utc>>,
}

impl From<VinLotDetail> for VehicleLot {
    fn from(l: VinLotDetail) -> Self {
        VehicleLot {
            lot_number: l.lot_number,
            vehicle_type: l.vehicle_type,
            yard_number: l.yard_number,
            yard_name: l.yard_name,
            location_city: l.location_city,
            location_state: l.location_state,
            location_zip: l.location_zip,
            location_country: l.location_country,
            sale_date: l.sale_date,
            sale_time_local: l.sale_time_local,
            time_zone: l.time_zone,
            auction_at: l.auction_at,
            odometer_mi: l.odometer_mi,
            odometer_brand: l.odometer_brand,
            title_state: l.title_state,
            title_type: l.title_type,
            damage_primary: l.damage_primary,
            damage_secondary: l.damage_secondary,
            has_keys: l.has_keys,
            runs_drives: l.runs_drives,
            est_retail_value_cents: l.est_retail_value_cents,
            repair_cost_cents: l.repair_cost_cents,
            current_bid_cents: l.current_bid_cents,
            current_bid_source: PriceSource::of_bid(l.outcome.as_deref()),
            buy_it_now_cents: l.buy_it_now_cents,
            sale_status: l.sale_status,
            sale_status_raw: l.sale_status_raw,
            outcome: l.outcome,
            outcome_method: l.outcome_method,
            outcome_confidence: l.outcome_confidence,
            outcome_at: l.outcome_at,
            first_seen_at: l.first_seen_at,
            last_seen_at: l.last_seen_at,
            disappeared_at: l.disappeared_at,
        }
    }
}

impl From<VinPageData> for VehicleResponse {
    fn from(d: VinPageData) -> Self {
        VehicleResponse {
            vehicle: d.vehicle.into(),
            lots: d.lots.into_iter().map(VehicleLot::from).collect(),
        }
    }
}
