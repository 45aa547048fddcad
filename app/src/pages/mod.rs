//! One module per page (the catalog, hub and VIN pages have helper modules).

mod catalog;
mod catalog_form;
mod catalog_more;
mod home;
mod hub;
mod hub_parts;
mod hub_prices;
mod hub_year;
mod info;
mod not_found;
mod price_chart;
mod search;
mod vin;
mod vin_lots;
mod vin_removal;
mod vin_timeline;

pub use catalog::CatalogPage;
pub use home::{HomePage, HomeView};
pub use hub::{MakeHubPage, ModelHubPage};
pub use hub_parts::hub_href;
pub use hub_year::YearHubPage;
pub use info::{ContactsPage, TermsPage};
pub use not_found::NotFound;
pub use search::SearchPage;
pub use vin::VinRoute;
#[cfg(feature = "ssr")]
pub use vin_removal::RemovalTokenIssuer;
