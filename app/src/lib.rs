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
use leptos::tachys::view::iterators::StaticVec;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    MatchNestedRoutes, ParamSegment, SsrMode, StaticSegment,
    components::{Route, RouteChildren, Router, Routes, RoutesProps},
};

use crate::i18n::Lang;

use crate::pages::{
    CatalogPage, ContactsPage, HomePage, MakeHubPage, ModelHubPage, NotFound, SearchPage,
    TermsPage, VinRoute, YearHubPage,
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
        <Router>{site_routes()}</Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

/// `<Routes>` over [`language_routes`], built with its props: the `view!` macro would take a
/// list of routes for something to render. Called inside `<Router>` (it reads its context).
fn site_routes() -> impl IntoView {
    Routes(
        RoutesProps::builder()
            .fallback(|| view! { <NotFound/> })
            .children(RouteChildren::to_children(language_routes))
            .build(),
    )
}

/// Every page, once per language of [`Lang::ALL`]. Each language is a static first segment
/// rather than a `/:lang` parameter: a parameter would also swallow `/favicon.svg`, and
/// `/de/cars` must fall through to the 404 page.
fn language_routes() -> StaticVec<impl MatchNestedRoutes + Clone + Send + 'static> {
    Lang::ALL.map(pages_in).to_vec().into()
}

/// The routes of one language (the same shapes in every language, so one type for all).
fn pages_in(lang: Lang) -> impl MatchNestedRoutes + Clone + Send + 'static {
    let at = StaticSegment(lang.code());
    let cars = StaticSegment("cars");
    view! {
        <Route path=(at,) view=HomePage ssr=SsrMode::Async/>
        <Route path=(at, cars) view=CatalogPage ssr=SsrMode::Async/>
        <Route path=(at, cars, ParamSegment("make")) view=MakeHubPage ssr=SsrMode::Async/>
        <Route path=(at, cars, ParamSegment("make"), ParamSegment("model")) view=ModelHubPage ssr=SsrMode::Async/>
        <Route path=(at, cars, ParamSegment("make"), ParamSegment("model"), ParamSegment("year")) view=YearHubPage ssr=SsrMode::Async/>
        <Route path=(at, StaticSegment("vin"), ParamSegment("vin")) view=VinRoute ssr=SsrMode::Async/>
        <Route path=(at, StaticSegment("search")) view=SearchPage ssr=SsrMode::Async/>
        <Route path=(at, StaticSegment("contacts")) view=ContactsPage ssr=SsrMode::Async/>
        <Route path=(at, StaticSegment("terms")) view=TermsPage ssr=SsrMode::Async/>
    }
    .into_inner()
}
