//! `/{lang}/cars`: the catalog of lots, server-rendered from PostgreSQL.

use leptos::prelude::*;

use crate::api::load_catalog;
use crate::components::{Layout, LotCardView, current_lang};
use crate::pages::NotFound;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let t = lang.t();
    let page = Resource::new_blocking(|| (), |_| load_catalog());
    view! {
        <Layout lang title=t.catalog_title>
            <h1 class="text-3xl font-black tracking-tight">{t.catalog_title}</h1>
            <p class="mt-2 text-fg-muted">{t.catalog_lead}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => {
                            let count = (t.lots_count)(p.total);
                            let empty = p.items.is_empty();
                            view! {
                                <p class="mt-4 text-sm text-fg-muted" data-testid="result-count">{count}</p>
                                {empty.then(|| view! { <p class="mt-8">{t.catalog_empty}</p> })}
                                <ul class="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="catalog">
                                    {p.items.into_iter().map(|card| view! { <LotCardView card lang/> }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                        Err(_) => {
                            #[cfg(feature = "ssr")]
                            if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
                                resp.set_status(http::StatusCode::SERVICE_UNAVAILABLE);
                                resp.insert_header(
                                    http::header::RETRY_AFTER,
                                    http::HeaderValue::from_static("60"),
                                );
                            }
                            view! { <p class="mt-8 rounded-xl bg-surface p-4" role="alert">{t.catalog_unavailable}</p> }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </Layout>
    }
    .into_any()
}
