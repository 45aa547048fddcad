//! One module per page (the catalog and VIN pages have a helper module each).

mod catalog;
mod catalog_form;
mod home;
mod info;
mod not_found;
mod search;
mod vin;
mod vin_lots;
mod vin_removal;

pub use catalog::CatalogPage;
pub use home::{HomePage, HomeView};
pub use info::{ContactsPage, TermsPage};
pub use not_found::NotFound;
pub use search::SearchPage;
pub use vin::VinRoute;
#[cfg(feature = "ssr")]
pub use vin_removal::RemovalTokenIssuer;
