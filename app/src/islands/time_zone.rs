//! The visitor's UTC offset for the catalog form's auction days (only the browser knows it).

use leptos::prelude::*;

/// A hidden `tz` field: on the server it carries the offset the page was asked with (0 = UTC,
/// which is what the form means without JavaScript); after hydration, the browser's own offset
/// in minutes east of UTC.
#[island]
pub fn TimeZoneField(minutes: i16) -> impl IntoView {
    let value = RwSignal::new(minutes.to_string());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            // getTimezoneOffset() is minutes *west* of UTC.
            let west = js_sys::Date::new_0().get_timezone_offset();
            #[allow(clippy::cast_possible_truncation)]
            value.set((-(west as i32)).to_string());
        }
    });
    view! { <input type="hidden" name="tz" value=move || value.get() data-testid="filter-tz"/> }
}
