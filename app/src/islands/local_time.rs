//! An instant in the visitor's own time zone (only the browser knows it).

use leptos::prelude::*;

/// Renders nothing on the server (the zone is unknown there); after hydration shows the instant
/// (`millis` since the Unix epoch) formatted by the browser in its locale and zone.
#[island]
pub fn LocalTime(millis: i64, lang: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            #[allow(clippy::cast_precision_loss)]
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
            let locale = crate::i18n::Lang::from_segment(&lang)
                .unwrap_or(crate::i18n::Lang::DEFAULT)
                .bcp47();
            let options = js_sys::Object::new();
            // dateStyle/timeStyle only: Intl refuses them combined with `timeZoneName`.
            let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
            let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
            text.set(String::from(date.to_locale_string(locale, &options)));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (millis, &lang);
    });
    view! { <span data-testid="local-time">{move || text.get()}</span> }
}
