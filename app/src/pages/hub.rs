//! `/{lang}/cars/{make}` and `/{lang}/cars/{make}/{model}`: the hubs crawlers and people walk
//! from the home page down to every lot. A make's hub links to its models and its lots, a
//! model's hub to its lots; both end with a link into the catalog, whose "next page" links
//! reach the rest. Each has a price summary by model year over a chosen period (`window`).
//!
//! Status codes: 200; 301 to the canonical URL (lower-case slug, no default or unknown
//! parameters); 404 for a make or model no lot has; 400 for an unknown period; 503 when the
//! database fails.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use vinops::catalog::hub::{HubLink, MakeHub, ModelHub, PriceSummary, PriceWindow, Slug, YearLink};
use vinops::catalog::{CatalogQuery, LotCard};

use super::catalog_form::catalog_href;
use super::hub_parts::{
    Breadcrumbs, HubAddress, HubUrl, hub_href, parse_hub_url, trail, year_href,
};
use super::hub_prices::{PriceRow, PriceSection};
use super::price_chart::year_chart;
use crate::api::{Loaded, load_make_hub, load_model_hub};
use crate::components::{Layout, LotCardView, current_lang};
use crate::i18n::Lang;
use crate::pages::NotFound;
use crate::respond;
use crate::seo_meta::{error_meta, make_hub_meta, model_hub_meta};

/// The route's parsed URL, after answering redirects and refusals.
fn request(lang: Lang, with_model: bool) -> Result<HubAddress, AnyView> {
    let (make, model) = use_params_map().with_untracked(|p| (p.get("make"), p.get("model")));
    let make = make.unwrap_or_default();
    let model = if with_model {
        Some(model.unwrap_or_default())
    } else {
        None
    };
    let query = use_location().search.get_untracked();
    respond_to(lang, parse_hub_url(lang, &make, model.as_deref(), &query))
}

/// What a canonical hub URL names, or the redirect or refusal to answer instead.
pub(super) fn respond_to(lang: Lang, url: HubUrl) -> Result<HubAddress, AnyView> {
    match url {
        HubUrl::Ok(address) => Ok(address),
        HubUrl::Redirect(to) => {
            respond::redirect(301, &to);
            Err(().into_any())
        }
        HubUrl::NotFound => Err(not_found(lang)),
        HubUrl::BadRequest => {
            respond::status(400);
            let t = lang.t().hub;
            Err(message(lang, t.not_found_title, t.bad_query))
        }
    }
}

pub(super) fn not_found(lang: Lang) -> AnyView {
    respond::status(404);
    let t = lang.t().hub;
    message(lang, t.not_found_title, t.not_found_body)
}

pub(super) fn unavailable(lang: Lang) -> AnyView {
    respond::status(503);
    let t = lang.t();
    message(lang, t.catalog_title, t.catalog_unavailable)
}

pub(super) fn message(lang: Lang, title: &'static str, body: &'static str) -> AnyView {
    view! {
        <Layout meta=error_meta(lang, title, body)>
            <h1 class="text-3xl font-black">{title}</h1>
            <p class="mt-4 text-fg-muted" data-testid="hub-message">{body}</p>
            <p class="mt-6"><a class="text-brand underline" href=format!("/{}", lang.code())>{lang.t().back_home}</a></p>
        </Layout>
    }
    .into_any()
}

/// The page for a loaded hub: `render` for one we have, else 404 (no lot has it) or 503.
pub(super) fn answer<T>(
    lang: Lang,
    loaded: Result<Loaded<Option<T>>, ServerFnError>,
    render: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match loaded {
        Ok(Loaded::Ok(Some(hub))) => render(hub),
        Ok(Loaded::Ok(None) | Loaded::BadRequest) => not_found(lang),
        Ok(Loaded::Unavailable) | Err(_) => unavailable(lang),
    }
}

/// `/{lang}/cars?…` of a make (and model): where all of a hub's lots are.
pub(super) fn catalog_of(
    lang: Lang,
    make: &HubLink,
    model: Option<&HubLink>,
    year: Option<i16>,
) -> String {
    let query = CatalogQuery {
        make: Some(make.name.clone()),
        model: model.map(|m| m.name.clone()),
        year,
        ..CatalogQuery::default()
    };
    catalog_href(lang, &query.to_query_string())
}

#[component]
pub fn MakeHubPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let HubAddress { make, window, .. } = match request(lang, false) {
        Ok(address) => address,
        Err(view) => return view,
    };
    let data = Resource::new_blocking(move || (make.clone(), window), |(m, w)| load_make_hub(m, w));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                answer(lang, data.await, |hub| make_view(lang, window, hub))
            })}
        </Suspense>
    }
    .into_any()
}

fn make_view(lang: Lang, window: PriceWindow, hub: MakeHub) -> AnyView {
    let meta = make_hub_meta(lang, &hub);
    let t = lang.t().hub;
    let make = hub.make;
    let all = catalog_of(lang, &make, None, None);
    let href = {
        let slug = make.slug.clone();
        move |w| hub_href(lang, &slug, None, w)
    };
    view! {
        <Layout meta>
            <Breadcrumbs lang links=trail(lang, None, None) here=make.name.clone()/>
            <h1 class="mt-2 text-3xl font-black tracking-tight">{(t.title)(&make.name)}</h1>
            <p class="mt-2 text-fg-muted" data-testid="hub-lead">{(t.make_lead)(make.lots, hub.models.len())}</p>
            <section class="mt-8" aria-labelledby="models">
                <h2 id="models" class="text-2xl font-bold">{t.models_title}</h2>
                <ModelLinks lang make=make.slug.clone() models=hub.models/>
            </section>
            <PriceSection lang window href since=hub.since chart=year_chart(lang, &hub.prices.years)
                period=hub.prices.period.clone() first_col=t.col_year rows=year_rows(lang, hub.prices, |_| None)/>
            <HubLots lang lots=hub.lots total=make.lots all/>
        </Layout>
    }
    .into_any()
}

#[component]
pub fn ModelHubPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let (make, model, window) = match request(lang, true) {
        Ok(HubAddress {
            make,
            model: Some(model),
            window,
            ..
        }) => (make, model, window),
        Ok(_) => return not_found(lang),
        Err(view) => return view,
    };
    let data = Resource::new_blocking(
        move || (make.clone(), model.clone(), window),
        |(make, model, w)| load_model_hub(make, model, w),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                answer(lang, data.await, |hub| model_view(lang, window, hub))
            })}
        </Suspense>
    }
    .into_any()
}

fn model_view(lang: Lang, window: PriceWindow, hub: ModelHub) -> AnyView {
    let meta = model_hub_meta(lang, &hub);
    let t = lang.t().hub;
    let (make, model) = (hub.make, hub.model);
    let subject = format!("{} {}", make.name, model.name);
    let all = catalog_of(lang, &make, Some(&model), None);
    let links = trail(lang, Some(&make.name), None);
    let href = {
        let (make, model) = (make.slug.clone(), model.slug.clone());
        move |w| hub_href(lang, &make, Some(&model), w)
    };
    // A year with lots links to its hub (the same period).
    let year_link = {
        let (make, model) = (make.slug.clone(), model.slug.clone());
        let years: Vec<i16> = hub.years.iter().map(|y| y.year).collect();
        move |year: Option<i16>| {
            let year = year.filter(|y| years.contains(y))?;
            Some(year_href(lang, &make, &model, year, window))
        }
    };
    view! {
        <Layout meta>
            <Breadcrumbs lang links here=model.name.clone()/>
            <h1 class="mt-2 text-3xl font-black tracking-tight">{(t.title)(&subject)}</h1>
            <p class="mt-2 text-fg-muted" data-testid="hub-lead">{(lang.t().lots_count)(model.lots)}</p>
            <YearLinks lang make=make.slug.clone() model=model.slug.clone() years=hub.years.clone() current=None/>
            <PriceSection lang window href since=hub.since chart=year_chart(lang, &hub.prices.years)
                period=hub.prices.period.clone() first_col=t.col_year rows=year_rows(lang, hub.prices, year_link)/>
            <HubLots lang lots=hub.lots total=model.lots all/>
        </Layout>
    }
    .into_any()
}

/// The price table's rows of a make or model hub: one per model year, linked by `link`.
fn year_rows(
    lang: Lang,
    prices: PriceSummary,
    link: impl Fn(Option<i16>) -> Option<String>,
) -> Vec<PriceRow> {
    let unknown = lang.t().hub.year_unknown;
    prices
        .years
        .into_iter()
        .map(|p| PriceRow {
            label: p.year.map_or_else(|| unknown.to_owned(), |y| y.to_string()),
            href: link(p.year),
            prices: p,
        })
        .collect()
}

/// A model's years, each linking to its hub (`current` is this page's, not a link).
#[component]
pub(super) fn YearLinks(
    lang: Lang,
    make: Slug,
    model: Slug,
    years: Vec<YearLink>,
    current: Option<i16>,
) -> impl IntoView {
    let t = lang.t().price;
    (!years.is_empty()).then(|| view! {
        <section class="mt-8" aria-labelledby="years">
            <h2 id="years" class="text-2xl font-bold">{t.years_title}</h2>
            <ul class="mt-4 flex flex-wrap gap-2" data-testid="hub-years">
                {years.into_iter().map(|y| {
                    let count = crate::format::group_digits(y.lots, lang);
                    if Some(y.year) == current {
                        view! {
                            <li aria-current="page" class="rounded-full bg-brand px-3 py-1 font-semibold text-white">
                                {y.year}" "<span class="text-xs">"("{count}")"</span>
                            </li>
                        }.into_any()
                    } else {
                        let href = year_href(lang, &make, &model, y.year, PriceWindow::DEFAULT);
                        view! {
                            <li>
                                <a href=href class="inline-block rounded-full border border-muted px-3 py-1 hover:text-brand" data-testid="hub-year">
                                    {y.year}" "<span class="text-xs text-fg-muted">"("{count}")"</span>
                                </a>
                            </li>
                        }.into_any()
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

/// A make's models, each linking to its hub, with its number of lots.
#[component]
fn ModelLinks(lang: Lang, make: Slug, models: Vec<HubLink>) -> impl IntoView {
    view! {
        <ul class="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4" data-testid="hub-models">
            {models.into_iter().map(|m| {
                let href = hub_href(lang, &make, Some(&m.slug), PriceWindow::DEFAULT);
                view! {
                    <li>
                        <a href=href class="flex justify-between gap-2 rounded-xl border border-muted bg-surface px-3 py-2 hover:text-brand">
                            <span class="font-semibold">{m.name}</span>
                            <span class="text-fg-muted" data-testid="hub-model-lots">{crate::format::group_digits(m.lots, lang)}</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The first lots as cards, then the link to all of them in the catalog.
#[component]
pub(super) fn HubLots(lang: Lang, lots: Vec<LotCard>, total: i64, all: String) -> impl IntoView {
    let t = lang.t().hub;
    view! {
        <section class="mt-10" aria-labelledby="hub-lots">
            <h2 id="hub-lots" class="text-2xl font-bold">{t.lots_title}</h2>
            <ul class="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="catalog">
                {lots.into_iter().map(|card| view! { <LotCardView card lang/> }).collect_view()}
            </ul>
            <p class="mt-6">
                <a href=all class="inline-block rounded-full bg-brand px-5 py-2 font-semibold text-white hover:bg-brand-hover" data-testid="hub-all-lots">
                    {(t.all_lots)(total)}
                </a>
            </p>
        </section>
    }
}
