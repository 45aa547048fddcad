//! Islands: the only components compiled to wasm and hydrated in the browser. Each one
//! enhances markup that already works without JavaScript.

mod cascade;
mod copy_vin;
mod local_time;
mod theme;

pub use cascade::{CascadeLabels, FilterCascade};
pub use copy_vin::CopyVin;
pub use local_time::LocalTime;
pub use theme::ThemeToggle;
