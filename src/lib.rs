//! Vinops domain core: the types every other crate agrees on.
//!
//! Everything here is pure (no I/O, no HTTP, no database) so it compiles to wasm for the UI and is
//! unit-tested in isolation. Parse, don't validate: each type has one checking constructor.
//! The one exception is `read` (feature `ssr`): the shared read model, the SQL that pages and API
//! both go through, so a filter means the same thing everywhere.

pub mod header;
pub mod keys;
pub mod vin;

pub mod lot_number;
pub mod money;
pub mod odometer;
#[cfg(feature = "csv")]
pub mod row;
pub mod sale_time;
pub mod source_time;
pub mod status;
pub mod storage_key;
pub mod vehicle_type;

pub use keys::Keys;
pub use lot_number::{LotNumber, LotNumberError};
pub use money::{Money, MoneyError};
pub use odometer::{Odometer, OdometerBrand, OdometerError};
#[cfg(feature = "csv")]
pub use row::{CopartRow, FieldError, RowError, ValueError, YEAR_RANGE};
pub use sale_time::{
    SaleDate, SaleDateError, SaleTime, SaleTimeError, TimeZoneError, YardTimeZone, auction_instant,
};
pub use source_time::{SourceTimeError, parse_create_datetime, parse_last_updated};
pub use status::SaleStatus;
pub use vehicle_type::{VehicleKind, VehicleTypeCode, VehicleTypeError};
pub mod catalog;
#[cfg(feature = "gen")]
pub mod generator;
#[cfg(feature = "ssr")]
pub mod read;
