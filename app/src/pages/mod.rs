//! One module per page.

mod catalog;
mod home;
mod not_found;

pub use catalog::CatalogPage;
pub use home::HomePage;
pub use not_found::NotFound;
