//! The catalog's filter dropdowns. Vehicle options cascade: makes for the chosen tab, models for
//! the chosen make, trims for make + model, years for make + model (+ trim). Junk values are
//! kept out by the original's thresholds, counted in catalog lots (suppressed VINs excluded):
//! a make needs [`MIN_MAKE_LOTS`], a model [`MIN_MODEL_LOTS`] within its make, a trim
//! [`MIN_TRIM_LOTS`] within its make + model. Years and the lot-attribute lists have no
//! threshold (every listed value has at least one lot).

use serde::{Deserialize, Serialize};

pub const MIN_MAKE_LOTS: i64 = 10;
pub const MIN_MODEL_LOTS: i64 = 10;
pub const MIN_TRIM_LOTS: i64 = 5;

/// Option lists, alphabetical except years (newest first). A list whose parent is not chosen is
/// empty (no models without a make). Missing lists deserialize empty, so an entry cached by an
/// older release still reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilterOptions {
    pub makes: Vec<String>,
    pub models: Vec<String>,
    pub trims: Vec<String>,
    pub years: Vec<i16>,
    /// `lots.damage_primary` values.
    pub damages: Vec<String>,
    pub title_types: Vec<String>,
    /// `SaleStatus::as_db_str()` values.
    pub sale_statuses: Vec<String>,
    pub states: Vec<String>,
    /// `lots.damage_secondary` values.
    pub secondary_damages: Vec<String>,
    /// `lots.yard_name` values.
    pub yards: Vec<String>,
    pub colors: Vec<String>,
    pub fuels: Vec<String>,
    pub drives: Vec<String>,
    pub transmissions: Vec<String>,
    pub body_styles: Vec<String>,
    /// `Keys::as_db_str()` values present in the tab.
    pub keys: Vec<String>,
    pub runs_drives: Vec<String>,
}
