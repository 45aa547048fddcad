//! `/{lang}/cars/{make}/{model}/{year}`: one model year of one model — its prices month by
//! month over a chosen period, the links to the model's other years, and its lots.
//!
//! Status codes as the other hubs: 200; 301 to the canonical URL; 404 for a year no lot of the
//! model has (or a segment that is not a year's one spelling, `02018`, `18`); 400 for an
//! unknown period; 503 when the database fails.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use vinops::catalog::hub::{PriceWindow, YearHub};

use super::hub::{HubLots, YearLinks, answer, catalog_of, not_found, respond_to};
use super::hub_parts::{Breadcrumbs, HubAddress, parse_year_url, trail, year_href};
use super::hub_prices::{PriceRow, PriceSection};
use super::price_chart::{month_chart, month_label};
use crate::api::load_year_hub;
use crate::components::{Layout, current_lang};
use crate::i18n::Lang;
use crate::pages::NotFound;
use crate::seo_meta::year_hub_meta;

#[component]
pub fn YearHubPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let (make, model, year) = use_params_map().with_untracked(|p| {
        (
            p.get("make").unwrap_or_default(),
            p.get("model").unwrap_or_default(),
            p.get("year").unwrap_or_default(),
        )
    });
    let query = use_location().search.get_untracked();
    let (make, model, year, window) =
        match respond_to(lang, parse_year_url(lang, &make, &model, &year, &query)) {
            Ok(HubAddress {
                make,
                model: Some(model),
                year: Some(year),
                window,
            }) => (make, model, year, window),
            Ok(_) => return not_found(lang),
            Err(view) => return view,
        };
    let data = Resource::new_blocking(
        move || (make.clone(), model.clone(), window),
        move |(make, model, w)| load_year_hub(make, model, year, w),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                answer(lang, data.await, |hub| year_view(lang, window, hub))
            })}
        </Suspense>
    }
    .into_any()
}

fn year_view(lang: Lang, window: PriceWindow, hub: YearHub) -> AnyView {
    let meta = year_hub_meta(lang, &hub);
    let t = lang.t().hub;
    let p = lang.t().price;
    let (make, model, year) = (hub.make, hub.model, hub.year);
    let subject = format!("{} {} {}", year.year, make.name, model.name);
    let all = catalog_of(lang, &make, Some(&model), Some(year.year));
    let links = trail(lang, Some(&make.name), Some(&model.name));
    let href = {
        let (make, model) = (make.slug.clone(), model.slug.clone());
        move |w| year_href(lang, &make, &model, year.year, w)
    };
    let chart = month_chart(lang, &hub.months);
    let rows: Vec<PriceRow> = hub
        .months
        .into_iter()
        .map(|m| PriceRow {
            label: m
                .month
                .map_or_else(|| p.no_sale_date.to_owned(), |d| month_label(lang, d)),
            href: None,
            prices: m.prices,
        })
        .collect();
    view! {
        <Layout meta>
            <Breadcrumbs lang links here=year.year.to_string()/>
            <h1 class="mt-2 text-3xl font-black tracking-tight">{(t.title)(&subject)}</h1>
            <p class="mt-2 text-fg-muted" data-testid="hub-lead">{(lang.t().lots_count)(year.lots)}</p>
            <YearLinks lang make=make.slug.clone() model=model.slug.clone() years=hub.years current=Some(year.year)/>
            <PriceSection lang window href since=hub.since chart period=hub.period first_col=p.col_month rows/>
            <HubLots lang lots=hub.lots total=year.lots all/>
        </Layout>
    }
    .into_any()
}
