//! Catalog view types shared by the read model (server) and the UI (server and browser).
//!
//! These are plain data: the SQL that fills them lives in `read` (feature `ssr`), the rendering
//! in the `app` crate. Money stays in integer cents and is formatted per locale by the UI.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One catalog row: a Copart lot with the vehicle attributes a card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotCard {
    /// Internal id (keyset tie-breaker); never shown as "the lot number".
    pub id: i64,
    /// Copart's lot number, the one people search for.
    pub lot_number: i64,
    pub vin: String,
    pub year: Option<i16>,
    pub make: Option<String>,
    pub model: Option<String>,
    /// `COALESCE(NULLIF(trim, ''), model_detail)` — the one definition of trim.
    pub trim: Option<String>,
    pub damage_primary: Option<String>,
    pub odometer_mi: Option<i32>,
    pub location_city: Option<String>,
    pub location_state: Option<String>,
    pub sale_date: Option<NaiveDate>,
    pub auction_at: Option<DateTime<Utc>>,
    /// `SaleStatus::as_db_str()` value.
    pub sale_status: String,
    pub current_bid_cents: i64,
    pub buy_it_now_cents: Option<i64>,
    pub est_retail_value_cents: Option<i64>,
}

impl LotCard {
    /// "2017 HYUNDAI SONATA" — year, make and model, whichever are known.
    pub fn title(&self) -> String {
        let year = self.year.map(|y| y.to_string());
        [year.as_deref(), self.make.as_deref(), self.model.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A page of catalog rows plus the total the filters match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub items: Vec<LotCard>,
    pub total: i64,
}

/// One lot in a VIN's auction history: every time the vehicle was offered, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VinLot {
    pub lot_number: i64,
    pub yard_name: String,
    pub sale_date: Option<NaiveDate>,
    pub auction_at: Option<DateTime<Utc>>,
    /// Last high bid seen in the export (Copart never publishes the final price).
    pub last_bid_cents: i64,
    pub sale_status: String,
    /// Inferred outcome (`sold`, `not_sold`, `on_approval`, `unknown`), with how and how sure.
    pub outcome: Option<String>,
    pub outcome_method: Option<String>,
    pub outcome_confidence: Option<f32>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub disappeared_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> LotCard {
        LotCard {
            id: 1,
            lot_number: 47704465,
            vin: "KMHE24L10HA059207".into(),
            year: Some(2017),
            make: Some("HYUNDAI".into()),
            model: Some("SONATA".into()),
            trim: Some("SONATA HYB".into()),
            damage_primary: None,
            odometer_mi: Some(0),
            location_city: None,
            location_state: None,
            sale_date: None,
            auction_at: None,
            sale_status: "pure_sale".into(),
            current_bid_cents: 0,
            buy_it_now_cents: None,
            est_retail_value_cents: None,
        }
    }

    #[test]
    fn title_joins_known_parts() {
        assert_eq!(card().title(), "2017 HYUNDAI SONATA");
        let mut c = card();
        c.year = None;
        c.model = Some(String::new());
        assert_eq!(c.title(), "HYUNDAI");
    }
}
