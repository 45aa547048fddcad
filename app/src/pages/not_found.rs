//! The localized 404 page. It also sets the HTTP status, so crawlers see a real 404.

use leptos::prelude::*;

use crate::components::{Layout, current_lang};
use crate::i18n::Lang;
use crate::seo_meta::error_meta;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = current_lang().unwrap_or(Lang::DEFAULT);
    let t = lang.t();
    view! {
        <Layout meta=error_meta(lang, t.not_found_title, t.not_found_body)>
            <h1 class="text-3xl font-black">{t.not_found_title}</h1>
            <p class="mt-4 text-fg-muted">{t.not_found_body}</p>
            <p class="mt-6"><a class="text-brand underline" href=format!("/{}", lang.code())>{t.back_home}</a></p>
        </Layout>
    }
}
