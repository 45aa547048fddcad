//! `/{lang}/contacts` and `/{lang}/terms`: short static pages.

use leptos::prelude::*;

use crate::components::{Layout, current_lang};
use crate::pages::NotFound;
use crate::seo_meta::static_meta;

/// One address for contact links (the original had two that disagreed).
const EMAIL: &str = "request@vinops.online";
const TELEGRAM: &str = "https://t.me/vinops";

#[component]
pub fn ContactsPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let t = lang.t();
    view! {
        <Layout meta=static_meta(lang, t.contacts_title, t.meta_contacts_description, "/contacts")>
            <h1 class="text-3xl font-black">{t.contacts_title}</h1>
            <p class="mt-4 text-fg-muted">{t.contacts_lead}</p>
            <ul class="mt-6 flex flex-wrap gap-3">
                <li><a class="rounded-full bg-brand px-5 py-2 font-semibold text-white" href=format!("mailto:{EMAIL}")>{t.contacts_email}": "{EMAIL}</a></li>
                <li><a class="rounded-full border border-muted px-5 py-2" href=TELEGRAM rel="noopener">{t.contacts_telegram}</a></li>
            </ul>
        </Layout>
    }
    .into_any()
}

#[component]
pub fn TermsPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let t = lang.t();
    view! {
        <Layout meta=static_meta(lang, t.terms_title, t.meta_terms_description, "/terms")>
            <h1 class="text-3xl font-black">{t.terms_title}</h1>
            {t.terms_body.iter().map(|p| view! { <p class="mt-4 max-w-2xl">{*p}</p> }).collect_view()}
        </Layout>
    }
    .into_any()
}
