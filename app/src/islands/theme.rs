//! The light/dark switch.

use leptos::prelude::*;

/// Light/dark switch. The theme is already applied before first paint (by the server from the
/// `theme` cookie, else by the shell's inline boot script); this flips it and remembers the
/// choice in localStorage and in that cookie, so the next page arrives in the right theme even
/// before any script runs.
#[island]
pub fn ThemeToggle(label: String) -> impl IntoView {
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let root = document().document_element();
            if let Some(root) = root {
                let next = if root.get_attribute("data-theme").as_deref() == Some("dark") {
                    "light"
                } else {
                    "dark"
                };
                let _ = root.set_attribute("data-theme", next);
                if let Ok(Some(storage)) = window().local_storage() {
                    let _ = storage.set_item("theme", next);
                }
                if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
                    let _ = doc.set_cookie(&crate::theme_cookie(next));
                }
            }
        }
    };
    view! {
        <button
            type="button"
            id="theme-toggle"
            class="inline-flex h-9 w-9 items-center justify-center rounded-full border border-muted text-fg-muted hover:text-fg hover:border-strong focus-visible:outline-2 focus-visible:outline-brand"
            aria-label=label.clone()
            title=label
            on:click=on_click
        >
            <svg aria-hidden="true" viewBox="0 0 24 24" class="h-5 w-5 fill-current">
                <path d="M12 3a9 9 0 1 0 9 9 7 7 0 0 1-9-9Z"/>
            </svg>
        </button>
    }
}
