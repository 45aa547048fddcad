//! `/{lang}`: the VIN / lot-number search, what the site offers, and how fresh the data is.
//! The search form is a plain GET to `/{lang}/search` (see `search.rs`), which re-renders this
//! page with an inline message when the input is not usable.

use chrono::Utc;
use leptos::prelude::*;

use vinops::catalog::hub::{HubLink, PriceWindow};

use crate::api::{load_freshness, load_hub_makes};
use crate::components::{Layout, current_lang};
use crate::i18n::Lang;
use crate::pages::NotFound;
use crate::pages::hub_href;
use crate::seo_meta::{error_meta, home_meta};

#[component]
pub fn HomePage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    view! { <HomeView lang/> }.into_any()
}

/// The home page, optionally with the search box refilled and an error message under it.
#[component]
pub fn HomeView(
    lang: Lang,
    #[prop(optional, into)] value: String,
    #[prop(optional)] message: Option<&'static str>,
) -> impl IntoView {
    let t = lang.t();
    let freshness = Resource::new_blocking(|| (), |_| load_freshness());
    let makes = Resource::new_blocking(|| (), |_| load_hub_makes());
    let invalid = message.is_some();
    // With a message, this is the search's answer to an unusable query (400/404/503): noindex.
    let meta = match message {
        None => home_meta(lang),
        Some(m) => error_meta(lang, t.home_title, m),
    };
    view! {
        <Layout meta>
            <section class="rounded-2xl bg-surface p-8">
                <h1 class="text-4xl font-black tracking-tight">{t.home_title}</h1>
                <p class="mt-4 max-w-2xl text-lg text-fg-muted">{t.home_lead}</p>
                <form method="get" action=format!("/{}/search", lang.code()) class="mt-6 flex max-w-2xl flex-col gap-2" role="search">
                    <label for="q" class="font-semibold">{t.search_label}</label>
                    <div class="flex gap-2">
                        <input id="q" name="q" type="search" value=value maxlength="40" required
                            placeholder=t.search_placeholder autocomplete="off" autocapitalize="characters" spellcheck="false"
                            aria-invalid=invalid.then_some("true") aria-describedby="q-hint"
                            class="flex-1 rounded-full border border-muted bg-canvas px-4 py-2 font-mono"/>
                        <button type="submit" class="rounded-full bg-brand px-5 py-2 font-semibold text-white hover:bg-brand-hover">
                            {t.search_button}
                        </button>
                    </div>
                    {message.map(|m| view! { <p role="alert" class="text-sm font-semibold text-red-700 dark:text-red-400" data-testid="search-error">{m}</p> })}
                    <p id="q-hint" class="text-sm text-fg-muted">{t.search_hint}</p>
                </form>
                <a href=format!("/{}/cars", lang.code())
                    class="mt-6 inline-block rounded-full border border-muted px-5 py-2 font-semibold hover:text-brand">
                    {t.home_browse}
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let text = match freshness.await {
                            Ok(Some(at)) => (t.updated_ago)((Utc::now() - at).num_minutes()),
                            _ => t.updated_never.to_owned(),
                        };
                        view! { <p class="mt-4 text-sm text-fg-muted" data-testid="freshness">{text}</p> }
                    })}
                </Suspense>
            </section>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let makes = makes.await.unwrap_or_default();
                    (!makes.is_empty()).then(|| view! { <MakeIndex lang makes/> })
                })}
            </Suspense>
            <section class="mt-10" aria-labelledby="features">
                <h2 id="features" class="text-2xl font-bold">{t.features_title}</h2>
                <ul class="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                    {t.features.iter().map(|(title, text)| view! {
                        <li class="rounded-2xl border border-muted bg-surface p-4">
                            <h3 class="font-bold">{*title}</h3>
                            <p class="mt-2 text-sm text-fg-muted">{*text}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Layout>
    }
}

/// Every make we have, each linking to its hub: the top of the link tree that reaches every
/// model and lot.
#[component]
fn MakeIndex(lang: Lang, makes: Vec<HubLink>) -> impl IntoView {
    view! {
        <section class="mt-10" aria-labelledby="makes">
            <h2 id="makes" class="text-2xl font-bold">{lang.t().hub.makes_title}</h2>
            <ul class="mt-4 flex flex-wrap gap-2" data-testid="make-index">
                {makes.into_iter().map(|m| view! {
                    <li>
                        <a href=hub_href(lang, &m.slug, None, PriceWindow::DEFAULT)
                            class="inline-flex gap-1 rounded-full border border-muted bg-surface px-3 py-1 text-sm hover:text-brand">
                            <span class="font-semibold">{m.name}</span>
                            <span class="text-fg-muted">{crate::format::group_digits(m.lots, lang)}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
