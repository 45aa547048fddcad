//! "Load more" under the catalog: appends the next page's cards in place.
//!
//! It follows the very link the page already has (`#next-page`, the crawlable next-page URL
//! with its cursor), so there is one cursor format and one rendering of a card: the next page
//! is fetched as HTML, its cards are moved into this page's list, the `#next-page` link and the
//! address bar move on to the new position, and a polite live region says how many lots came
//! (or that all are shown). Without JavaScript the button is never shown and the link works.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The button's strings in the page's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadMoreLabels {
    pub load_more: String,
    pub loading: String,
    /// "{n}" is the number of cards appended.
    pub loaded: String,
    pub all_loaded: String,
    pub failed: String,
}

#[island]
pub fn LoadMore(next_href: String, labels: LoadMoreLabels) -> impl IntoView {
    let next = RwSignal::new(Some(next_href));
    let busy = RwSignal::new(false);
    // Rendered hidden on the server (the button needs JavaScript); the first effect, which runs
    // only in the browser after hydration, shows it.
    let ready = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let labels = StoredValue::new(labels);
    Effect::new(move |_| ready.set(true));

    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(href) = next.get_untracked() else {
            return;
        };
        busy.set(true);
        status.set(String::new());
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match dom::append_next(&href).await {
                Ok(done) => {
                    let text = if done.next.is_some() {
                        labels.with_value(|l| l.loaded.replace("{n}", &done.count.to_string()))
                    } else {
                        labels.with_value(|l| l.all_loaded.clone())
                    };
                    // The button goes away on the last page: focus the first new card rather
                    // than losing it to the document.
                    if done.next.is_none()
                        && let Some(link) = &done.first_link
                    {
                        let _ = link.focus();
                    }
                    next.set(done.next);
                    status.set(text);
                }
                Err(e) => {
                    leptos::logging::warn!("load more failed: {e:?}");
                    status.set(labels.with_value(|l| l.failed.clone()));
                }
            }
            busy.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = href;
    };
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <button type="button" id="load-more" data-testid="load-more"
                hidden=move || !ready.get() || next.with(Option::is_none)
                aria-busy=move || busy.get().then_some("true")
                class="rounded-full border border-brand px-5 py-2 font-semibold text-brand hover:bg-brand-soft disabled:opacity-60"
                disabled=move || busy.get()
                on:click=on_click>
                {move || labels.with_value(|l| if busy.get() { l.loading.clone() } else { l.load_more.clone() })}
            </button>
            <p role="status" aria-live="polite" class="text-sm text-fg-muted" data-testid="load-more-status">
                {move || status.get()}
            </p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod dom {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, Element, HtmlElement, Response, SupportedType};

    pub struct Appended {
        pub count: usize,
        /// The new next-page URL, `None` on the last page.
        pub next: Option<String>,
        /// The title link of the first appended card.
        pub first_link: Option<HtmlElement>,
    }

    /// Fetches the page at `href`, moves its cards into this page's list, and points the
    /// `#next-page` link and the address bar at the new position.
    pub async fn append_next(href: &str) -> Result<Appended, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let response: Response = JsFuture::from(window.fetch_with_str(href))
            .await?
            .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from_str(&format!("HTTP {}", response.status())));
        }
        let html = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .ok_or("body is not text")?;
        let fetched = DomParser::new()?.parse_from_string(&html, SupportedType::TextHtml)?;
        let list = document
            .query_selector("[data-testid=catalog]")?
            .ok_or("no catalog list")?;
        // A static list: moving its nodes into our document does not change it.
        let cards = fetched.query_selector_all("[data-testid=catalog] > li")?;
        let mut first_link = None;
        for i in 0..cards.length() {
            let Some(card) = cards.item(i) else { continue };
            if first_link.is_none() {
                first_link = card
                    .dyn_ref::<Element>()
                    .and_then(|c| c.query_selector("h2 a").ok().flatten())
                    .and_then(|a| a.dyn_into::<HtmlElement>().ok());
            }
            list.append_child(&card)?;
        }
        let next = fetched
            .query_selector("#next-page")?
            .and_then(|a| a.get_attribute("href"));
        if let Some(link) = document.get_element_by_id("next-page") {
            match &next {
                Some(n) => link.set_attribute("href", n)?,
                None => link.remove(),
            }
        }
        window
            .history()?
            .replace_state_with_url(&JsValue::NULL, "", Some(href))?;
        Ok(Appended {
            count: cards.length() as usize,
            next,
            first_link,
        })
    }
}
