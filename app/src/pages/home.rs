//! `/{lang}`: what the site offers and the way into the catalog.

use leptos::prelude::*;

use crate::components::{Layout, current_lang};
use crate::pages::NotFound;

#[component]
pub fn HomePage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let t = lang.t();
    view! {
        <Layout lang title=t.home_title>
            <section class="rounded-2xl bg-surface p-8">
                <h1 class="text-4xl font-black tracking-tight">{t.home_title}</h1>
                <p class="mt-4 max-w-2xl text-lg text-fg-muted">{t.home_lead}</p>
                <a href=format!("/{}/cars", lang.code())
                    class="mt-6 inline-block rounded-full bg-brand px-5 py-2 font-semibold text-white hover:bg-brand-hover">
                    {t.home_browse}
                </a>
            </section>
        </Layout>
    }
    .into_any()
}
