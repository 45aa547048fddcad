//! Islands: the only components compiled to wasm and hydrated in the browser. Each one
//! enhances markup that already works without JavaScript.

mod cascade;
mod copy_vin;
mod gallery;
mod load_more;
mod local_time;
mod theme;
mod time_zone;

pub use cascade::{CascadeLabels, FilterCascade};
pub use copy_vin::CopyVin;
pub use gallery::{GalleryItem, GalleryLabels, PhotoGallery};
pub use load_more::{LoadMore, LoadMoreLabels};
pub use local_time::LocalTime;
pub use theme::ThemeToggle;
pub use time_zone::TimeZoneField;
