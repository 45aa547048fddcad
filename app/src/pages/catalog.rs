//! `/{lang}/cars`: the catalog of lots, server-rendered from the cached read model.
//!
//! The URL is the state: the query is parsed with the one URL format (`CatalogRequest`), a
//! malformed one is a localized 400, and a valid but non-canonical one (empty fields from the
//! GET form, another parameter order) is redirected (301) to its canonical URL, so one result
//! has one address. Pagination is a real "next page" link (crawlable, no JavaScript); with
//! JavaScript the "load more" island follows that same link in place.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use vinops::catalog::{CatalogQuery, CatalogRequest};

use super::catalog_form::{FilterForm, KindTabs, catalog_href};
use crate::api::{CatalogData, Loaded, load_catalog};
use crate::components::{Layout, LotCardView, current_lang};
use crate::feed::feed_path;
use crate::i18n::Lang;
use crate::islands::{LoadMore, LoadMoreLabels};
use crate::pages::NotFound;
use crate::query_string::decode_pairs;
use crate::respond;
use crate::seo_meta::{Robots, catalog_meta, error_meta, json_ld, site_url};

#[component]
pub fn CatalogPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let t = lang.t();
    let raw = use_location().search.get_untracked();
    let req = match CatalogRequest::from_pairs(decode_pairs(&raw)) {
        Ok(req) => req,
        Err(_) => {
            respond::status(400);
            return view! {
                <Layout meta=error_meta(lang, t.catalog_title, t.catalog_bad_query)>
                    <h1 class="text-3xl font-black tracking-tight">{t.catalog_title}</h1>
                    <p class="mt-8 rounded-xl bg-surface p-4" role="alert" data-testid="catalog-error">{t.catalog_bad_query}</p>
                    <p class="mt-4"><a id="reset" class="text-brand underline" href=catalog_href(lang, "")>{t.reset}</a></p>
                </Layout>
            }
            .into_any();
        }
    };
    let canonical = req.to_query_string();
    if canonical != raw {
        respond::redirect(301, &catalog_href(lang, &canonical));
        return ().into_any();
    }
    let query = req.query.clone();
    let has_cursor = req.cursor.is_some();
    let data = Resource::new_blocking(move || req.clone(), load_catalog);
    // The whole page waits for the data (SsrMode::Async), so its metadata can depend on it: an
    // empty result is noindex, and a failed load is an error page.
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    let mut meta = catalog_meta(lang, &query);
                    let body = match data.await {
                        Ok(Loaded::Ok(d)) => {
                            if d.page.items.is_empty() {
                                meta.robots = Robots::NoIndexFollow;
                            }
                            meta.json_ld.push(item_list(lang, &meta.title, &d));
                            view! { <Results lang query=query.clone() has_cursor data=d/> }.into_any()
                        }
                        Ok(Loaded::BadRequest) => {
                            respond::status(400);
                            meta = error_meta(lang, t.catalog_title, t.catalog_bad_query);
                            view! { <p class="mt-8 rounded-xl bg-surface p-4" role="alert" data-testid="catalog-error">{t.catalog_bad_query}</p> }.into_any()
                        }
                        Ok(Loaded::Unavailable) | Err(_) => {
                            respond::status(503);
                            meta = error_meta(lang, t.catalog_title, t.catalog_unavailable);
                            view! { <p class="mt-8 rounded-xl bg-surface p-4" role="alert">{t.catalog_unavailable}</p> }.into_any()
                        }
                    };
                    view! {
                        <Layout meta>
                            <h1 class="text-3xl font-black tracking-tight">{t.catalog_title}</h1>
                            <p class="mt-2 text-fg-muted">{t.catalog_lead}</p>
                            <KindTabs lang query/>
                            {body}
                        </Layout>
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The filter form, the count, the cards and the pagination links of a loaded page.
#[component]
fn Results(lang: Lang, query: CatalogQuery, has_cursor: bool, data: CatalogData) -> impl IntoView {
    let t = lang.t();
    let CatalogData { page, options } = data;
    let count = if page.total_capped {
        (t.lots_count_capped)(page.total)
    } else {
        (t.lots_count)(page.total)
    };
    let empty = page.items.is_empty();
    let next = page
        .next_cursor
        .map(|c| catalog_href(lang, &query.next_page_query_string(c)));
    let first = has_cursor.then(|| catalog_href(lang, &query.to_query_string()));
    let feed = feed_path(lang, &query);
    view! {
        <leptos_meta::Link rel="alternate" type_="application/atom+xml" title=t.follow_feed href=feed.clone()/>
        <FilterForm lang query=query.clone() options/>
        <p class="mt-4 flex flex-wrap justify-between gap-2 text-sm text-fg-muted">
            <span data-testid="result-count">{count}</span>
            <a href=feed class="hover:text-brand" data-testid="feed-link">{t.follow_feed}</a>
        </p>
        {empty.then(|| view! { <p class="mt-8" data-testid="catalog-empty">{t.catalog_empty}</p> })}
        <ul class="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="catalog">
            {page.items.into_iter().map(|card| view! { <LotCardView card lang/> }).collect_view()}
        </ul>
        <nav class="mt-8 flex flex-wrap items-center gap-4" aria-label=t.pagination_label>
            {first.map(|href| view! { <a href=href class="rounded-full border border-muted px-5 py-2 hover:text-brand" id="first-page">{t.first_page}</a> })}
            {next.clone().map(|href| view! { <a href=href rel="next" class="rounded-full bg-brand px-5 py-2 font-semibold text-white hover:bg-brand-hover" id="next-page" data-testid="next-page">{t.next_page}</a> })}
            {next.map(|next_href| view! { <LoadMore next_href labels=load_more_labels(lang)/> })}
        </nav>
    }
}

/// The lots of this page as a JSON-LD `ItemList` of their VIN pages.
fn item_list(lang: Lang, name: &str, data: &CatalogData) -> serde_json::Value {
    let site = site_url();
    let items: Vec<(String, String)> = data
        .page
        .items
        .iter()
        .map(|card| {
            let url = format!("{}/{}/vin/{}", site.as_str(), lang.code(), card.vin);
            (card.title(), url)
        })
        .collect();
    json_ld::item_list(name, &items)
}

fn load_more_labels(lang: Lang) -> LoadMoreLabels {
    let t = lang.t();
    LoadMoreLabels {
        load_more: t.load_more.to_owned(),
        loading: t.loading_more.to_owned(),
        loaded: t.loaded_more.to_owned(),
        all_loaded: t.all_loaded.to_owned(),
        failed: t.load_more_failed.to_owned(),
    }
}
