//! Demo mode: while the database holds demo data (lots loaded by `vinops-dev demo`, made up by
//! the generator), every page says so in a banner, so nobody takes a generated lot for a real
//! auction. The server provides [`DemoData`] in the context of each request.

use leptos::prelude::*;

use crate::i18n::Lang;

/// Whether the pages are showing demo data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoData(pub bool);

/// The banner's text. A match rather than a `Messages` field keeps demo mode in this one file;
/// a language added to `Lang` without a text here does not compile.
pub const fn banner_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Demo data: the lots on this site are generated, not real auctions. Real lots appear once Copart's export is configured."
        }
        Lang::Ru => {
            "Демо-данные: лоты на этом сайте сгенерированы и не являются реальными аукционами. Настоящие лоты появятся после подключения выгрузки Copart."
        }
        Lang::Uk => {
            "Демо-дані: лоти на цьому сайті згенеровано, це не реальні аукціони. Справжні лоти з’являться після підключення вивантаження Copart."
        }
    }
}

/// The banner, when the context says demo data is shown.
#[component]
pub fn DemoBanner(lang: Lang) -> impl IntoView {
    let demo = use_context::<DemoData>().is_some_and(|d| d.0);
    demo.then(|| {
        view! {
            <p id="demo-banner" role="note" class="border-b border-muted bg-surface px-4 py-2 text-center text-sm font-semibold text-fg">
                {banner_text(lang)}
            </p>
        }
    })
}
