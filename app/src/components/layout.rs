//! The frame of every page: `<html lang>`, the page's metadata (`seo_meta`), header with
//! navigation, language switch and theme toggle, the demo-data banner when there is demo data,
//! and the footer.

use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;

use crate::demo::DemoBanner;
use crate::i18n::Lang;
use crate::islands::ThemeToggle;
use crate::seo_meta::{PageHead, PageMeta};

/// The language of the current URL (its first path segment), or `None` when that segment is
/// not one of ours. Read from the location rather than route params so the 404 fallback, which
/// matches no route, can still answer in the visitor's language.
pub fn current_lang() -> Option<Lang> {
    Lang::of_path(&use_location().pathname.get_untracked())
}

/// The page in its frame; `meta` (title, description, canonical, …) goes into the `<head>`.
#[component]
pub fn Layout(meta: PageMeta, children: Children) -> impl IntoView {
    let lang = meta.lang;
    let t = lang.t();
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let here = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    let home = format!("/{}", lang.code());
    let catalog = format!("/{}/cars", lang.code());
    let contacts = format!("/{}/contacts", lang.code());
    let terms = format!("/{}/terms", lang.code());
    view! {
        <Html {..} lang=lang.code()/>
        <PageHead meta/>
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:p-2">{t.skip_to_content}</a>
        <header class="border-b border-muted bg-surface">
            <div class="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
                <a href=home.clone() class="flex items-center gap-2 text-xl font-bold text-fg no-underline">
                    <img src="/brand.svg" alt="" width="32" height="32"/>
                    <span>{t.site_name}</span>
                </a>
                <nav aria-label="main" class="flex flex-1 gap-4 text-sm">
                    <a href=home class="text-fg-muted hover:text-brand">{t.nav_home}</a>
                    <a href=catalog.clone() class="text-fg-muted hover:text-brand">{t.nav_catalog}</a>
                </nav>
                <nav aria-label=t.switch_language class="flex gap-3 text-sm">
                    {lang.others().map(|other| view! {
                        <a href=other.switch_path(&here) hreflang=other.code() lang=other.code()
                            class="text-fg-muted hover:text-brand" data-testid=format!("lang-{}", other.code())>
                            {other.native_name()}
                        </a>
                    }).collect_view()}
                </nav>
                <ThemeToggle label=t.theme_toggle.to_owned()/>
            </div>
        </header>
        <DemoBanner lang/>
        <main id="main" class="mx-auto max-w-6xl px-4 py-8">{children()}</main>
        <footer class="mt-12 border-t border-muted bg-surface">
            <div class="mx-auto grid max-w-6xl gap-6 px-4 py-6 text-sm text-fg-muted sm:grid-cols-2">
                <nav aria-label=t.footer_navigation>
                    <p class="font-semibold text-fg">{t.footer_navigation}</p>
                    <ul class="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                        <li><a class="hover:text-brand" href=format!("/{}", lang.code())>{t.nav_home}</a></li>
                        <li><a class="hover:text-brand" href=catalog>{t.nav_catalog}</a></li>
                        <li><a class="hover:text-brand" href=contacts>{t.nav_contacts}</a></li>
                        <li><a class="hover:text-brand" href=terms>{t.nav_terms}</a></li>
                    </ul>
                </nav>
                <div>
                    <p>{t.footer_about}</p>
                    <p class="mt-2">"© Vinops. "{t.footer_rights}</p>
                </div>
            </div>
        </footer>
    }
}
