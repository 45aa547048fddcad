//! The copy-VIN button next to the VIN page's title.

use leptos::prelude::*;

/// Copies `vin` to the clipboard and says so for two seconds. Without JS the VIN is still shown
/// (and selectable) next to the button, which then does nothing.
#[island]
pub fn CopyVin(vin: String, label: String, copied_label: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let on_click = {
        let vin = vin.clone();
        move |_| {
            #[cfg(feature = "hydrate")]
            {
                // The promise is not awaited: the clipboard either takes the text or not, and a
                // failure leaves the VIN on screen to copy by hand.
                let _ = window().navigator().clipboard().write_text(&vin);
                copied.set(true);
                set_timeout(move || copied.set(false), std::time::Duration::from_secs(2));
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = &vin;
        }
    };
    let (aria, title) = (label.clone(), label.clone());
    view! {
        <span class="inline-flex items-center gap-2 rounded-full border border-muted bg-surface px-3 py-1">
            <span class="font-mono text-sm" data-testid="vin-chip">{vin.clone()}</span>
            <button type="button" id="copy-vin" class="text-sm text-brand hover:underline"
                aria-label=aria title=title on:click=on_click>
                {move || if copied.get() { copied_label.clone() } else { label.clone() }}
            </button>
            <span class="sr-only" aria-live="polite">{move || copied.get().then_some("✓")}</span>
        </span>
    }
}
