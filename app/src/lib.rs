//! Vinops UI: the Leptos app rendered on the server, with islands for the few interactive bits.
//!
//! Pages are server components (`#[component]`): their code never ships to the browser. Only
//! `#[island]` components are compiled into the wasm bundle and hydrated. The wasm entry point
//! `hydrate()` lives here (cargo-leptos `lib-package = "app"`), not in the domain crate, because
//! `app` depends on `vinops` and the reverse would be a cycle.

// Release builds (no `--cfg erase_components`) keep every view's full static type; the catalog
// page's nests deeper than the default limit of 128 allows.
#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod admin;
pub mod api;
pub mod components;
pub mod demo;
pub mod feed;
pub mod format;
#[cfg(feature = "ssr")]
pub mod health;
pub mod hydration;
pub mod i18n;
pub mod islands;
pub mod media;
pub mod pages;
pub mod query_string;
pub mod respond;
pub mod seo_meta;
pub mod taxonomy;
pub mod theme;

pub use theme::theme_cookie;

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::pages::{
    CatalogPage, ContactsPage, HomePage, MakeHubPage, ModelHubPage, NotFound, SearchPage,
    TermsPage, VinRoute,
};

/// The HTML document around every page. `<html lang>` is set by the page (leptos_meta `Html`),
/// so it is not written here (two `lang` attributes would be invalid). `data-theme` is, when the
/// visitor's cookie names a theme (see `theme`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = theme::requested_theme();
    view! {
        <!DOCTYPE html>
        <html data-theme=theme>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <script nonce=leptos::nonce::use_nonce()>{theme::THEME_BOOT}</script>
                <link rel="stylesheet" id="leptos" href="/pkg/vinops.css"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <AutoReload options=options.clone()/>
                <hydration::IslandScripts options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-canvas text-fg font-sans antialiased">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            // One route per language rather than a `/:lang` parameter: a parameter would also
            // swallow `/favicon.svg`, and `/de/cars` must fall through to the 404 page.
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/en") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/ru") view=HomePage ssr=SsrMode::Async/>
                <Route path=path!("/en/cars") view=CatalogPage ssr=SsrMode::Async/>
                <Route path=path!("/ru/cars") view=CatalogPage ssr=SsrMode::Async/>
                <Route path=path!("/en/cars/:make") view=MakeHubPage ssr=SsrMode::Async/>
                <Route path=path!("/ru/cars/:make") view=MakeHubPage ssr=SsrMode::Async/>
                <Route path=path!("/en/cars/:make/:model") view=ModelHubPage ssr=SsrMode::Async/>
                <Route path=path!("/ru/cars/:make/:model") view=ModelHubPage ssr=SsrMode::Async/>
                <Route path=path!("/en/vin/:vin") view=VinRoute ssr=SsrMode::Async/>
                <Route path=path!("/ru/vin/:vin") view=VinRoute ssr=SsrMode::Async/>
                <Route path=path!("/en/search") view=SearchPage ssr=SsrMode::Async/>
                <Route path=path!("/ru/search") view=SearchPage ssr=SsrMode::Async/>
                <Route path=path!("/en/contacts") view=ContactsPage ssr=SsrMode::Async/>
                <Route path=path!("/ru/contacts") view=ContactsPage ssr=SsrMode::Async/>
                <Route path=path!("/en/terms") view=TermsPage ssr=SsrMode::Async/>
                <Route path=path!("/ru/terms") view=TermsPage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
