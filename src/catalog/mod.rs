//! Catalog view types shared by the read model (server) and the UI (server and browser).
//!
//! These are plain data: the SQL that fills them lives in `read` (feature `ssr`), the rendering
//! in the `app` crate. Money stays in integer cents and is formatted per locale by the UI.
//! The request side (filters, sorts, cursor and their URL form) is in [`query`], [`sort`] and
//! [`cursor`]; the VIN page, the filter dropdowns and the hub pages ([`hub`]) have their own
//! modules.

pub mod badge;
pub mod cursor;
pub mod hub;
pub mod lot_filters;
pub mod options;
pub mod photos;
pub mod price_source;
pub mod query;
mod query_url;
pub mod sort;
pub mod timeline;
pub mod vin_page;

pub use crate::keys::Keys;
pub use cursor::{Cursor, CursorError};
pub use lot_filters::{AuctionDates, AuctionDays, AuctionPreset};
pub use options::FilterOptions;
pub use photos::{GalleryPhoto, MediaBase};
pub use price_source::PriceSource;
pub use query::{CatalogQuery, CatalogRequest, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, QueryError};
pub use sort::{Direction, Sort, SortKey};
pub use vin_page::{VinLotDetail, VinPage, VinPageData, VinVehicle};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One catalog row: a Copart lot with the vehicle attributes a card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
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
    /// When the lot first appeared in an export (the "newest listed" order).
    pub first_seen_at: DateTime<Utc>,
    /// The inferred outcome (`lots.outcome`), so the card can say whether its bid is the last
    /// one seen or an inferred sale. Default: entries cached before the field existed.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Storage key of the lot's first thumbnail (`images`, lowest seq), filled for a whole page
    /// by `read::photos::attach_thumbnails`; not a column of the page query.
    #[cfg_attr(feature = "ssr", sqlx(default))]
    #[serde(default)]
    pub thumb_key: Option<String>,
}

impl LotCard {
    /// This row's value of a sort key, in the cursor's integer form (`None` = NULL).
    pub fn sort_value(&self, key: SortKey) -> Option<i64> {
        match key {
            SortKey::AuctionDate => self.auction_at.map(cursor::timestamp_value),
            SortKey::Listed => Some(cursor::timestamp_value(self.first_seen_at)),
            SortKey::Year => self.year.map(i64::from),
            SortKey::Odometer => self.odometer_mi.map(i64::from),
            SortKey::CurrentBid => Some(self.current_bid_cents),
        }
    }

    /// The cursor that continues after this row in `sort`.
    pub fn cursor(&self, sort: Sort) -> Cursor {
        Cursor {
            sort,
            value: self.sort_value(sort.key),
            id: self.id,
        }
    }

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

/// A page of catalog rows, the number of lots the filters match, and where the next page starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogPage {
    pub items: Vec<LotCard>,
    /// Lots matching the filters, counted up to a cap (see `total_capped`).
    pub total: i64,
    /// `total` is the cap, and more lots match ("1,000+"; only for filter combinations the
    /// facet tables do not count, see `read::count`).
    pub total_capped: bool,
    /// `None` on the last page.
    pub next_cursor: Option<Cursor>,
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
            first_seen_at: DateTime::from_timestamp_micros(1_760_500_000_000_000).expect("t"),
            outcome: None,
            thumb_key: None,
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

    #[test]
    fn cursor_takes_the_row_sort_value() {
        let c = card();
        let s = |slug| Sort::from_slug(slug).expect("sort");
        assert_eq!(c.cursor(s("auction_desc")).value, None, "NULL tail");
        assert_eq!(c.cursor(s("year_asc")).value, Some(2017));
        assert_eq!(c.cursor(s("odometer_asc")).value, Some(0));
        assert_eq!(c.cursor(s("bid_desc")).value, Some(0));
        assert_eq!(
            c.cursor(s("listed_desc")).value,
            Some(1_760_500_000_000_000)
        );
        assert_eq!(c.cursor(s("listed_desc")).id, 1);
    }
}
