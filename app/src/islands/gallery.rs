//! The VIN page's photo gallery: a main image, a strip of thumbnails, and a lightbox.
//!
//! Without JavaScript every image is a plain link to its full-size file. With it, a click (or
//! Enter on a focused link: browsers turn that into a click) opens a modal viewer:
//! `role="dialog"` + `aria-modal`, focus moves into it and stays there (Tab cycles its buttons),
//! ←/→ move between photos, Escape (or the close button, or a click beside the photo) closes it
//! and gives focus back to the link that opened it. A click with a modifier key keeps the link's
//! own behaviour (open in a new tab).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One photo: public URLs of the full image and its thumbnail (the full one when there is none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GalleryItem {
    pub full: String,
    pub thumb: String,
}

/// The gallery's strings in the page's language (islands take serializable props only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GalleryLabels {
    /// The vehicle ("2017 HYUNDAI SONATA"), part of every alt text.
    pub subject: String,
    /// "Photo {n} of {total}".
    pub photo_n_of: String,
    pub dialog: String,
    pub close: String,
    pub prev: String,
    pub next: String,
}

impl GalleryLabels {
    /// "Photo 2 of 5" (`i` is 0-based).
    pub fn position(&self, i: usize, total: usize) -> String {
        self.photo_n_of
            .replace("{n}", &(i + 1).to_string())
            .replace("{total}", &total.to_string())
    }

    /// "2017 HYUNDAI SONATA — Photo 2 of 5".
    pub fn alt(&self, i: usize, total: usize) -> String {
        format!("{} — {}", self.subject, self.position(i, total))
    }
}

/// The id of the thumbnail link of photo `i` (the main image's link is `photo-main`).
fn link_id(i: usize) -> String {
    format!("photo-link-{i}")
}

/// Tab inside the viewer: moves focus to the next (or previous) of its buttons, wrapping, so it
/// never leaves the dialog.
fn trap_tab(buttons: &[leptos::web_sys::HtmlButtonElement], back: bool) {
    #[cfg(feature = "hydrate")]
    {
        if buttons.is_empty() {
            return;
        }
        let active = document().active_element();
        let at = buttons.iter().position(|b| {
            let el: &web_sys::Element = b.as_ref();
            active.as_ref() == Some(el)
        });
        let n = buttons.len();
        let to = match (at, back) {
            (None, _) => 0,
            (Some(i), false) => (i + 1) % n,
            (Some(i), true) => (i + n - 1) % n,
        };
        let _ = buttons[to].focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (buttons, back);
}

/// Gives focus back to the element with `id` (the link that opened the viewer).
fn focus_by_id(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Stops the page behind the viewer from scrolling while it is open.
fn lock_scroll(on: bool) {
    #[cfg(feature = "hydrate")]
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("overflow-hidden", on);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = on;
}

#[island]
pub fn PhotoGallery(photos: Vec<GalleryItem>, labels: GalleryLabels) -> impl IntoView {
    let total = photos.len();
    let photos = StoredValue::new(photos);
    let labels = StoredValue::new(labels);
    // The photo shown in the viewer; `None` while it is closed.
    let open = RwSignal::new(None::<usize>);
    let opener = StoredValue::new(String::new());
    let close_ref = NodeRef::<leptos::html::Button>::new();
    let prev_ref = NodeRef::<leptos::html::Button>::new();
    let next_ref = NodeRef::<leptos::html::Button>::new();
    // `data-ready` once hydrated (effects run only in the browser): until then a click follows
    // the plain link, which tests and scripts can tell apart.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));

    let close = move || {
        open.set(None);
        lock_scroll(false);
        focus_by_id(&opener.get_value());
    };
    let step = move |delta: isize| {
        open.update(|o| {
            if let Some(i) = o {
                let n = isize::try_from(total).unwrap_or(1).max(1);
                let next = (isize::try_from(*i).unwrap_or(0) + delta).rem_euclid(n);
                *i = usize::try_from(next).unwrap_or(0);
            }
        });
    };
    // Focus goes into the viewer as soon as it is on the page.
    Effect::new(move |_| {
        if open.get().is_some()
            && let Some(button) = close_ref.get()
        {
            let _ = button.focus();
        }
    });

    let on_link_click = move |i: usize, id: String, ev: leptos::ev::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        opener.set_value(id);
        lock_scroll(true);
        open.set(Some(i));
    };

    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "ArrowRight" => {
            ev.prevent_default();
            step(1);
        }
        "ArrowLeft" => {
            ev.prevent_default();
            step(-1);
        }
        "Tab" => {
            ev.prevent_default();
            let buttons: Vec<_> = [close_ref, prev_ref, next_ref]
                .iter()
                .filter_map(|r| r.get_untracked())
                .collect();
            trap_tab(&buttons, ev.shift_key());
        }
        _ => {}
    };

    let main = photos.with_value(|p| p.first().cloned());
    let strip = photos.with_value(|p| p.clone());
    let button_class = "inline-flex h-11 w-11 items-center justify-center rounded-full bg-white/15 text-2xl text-white hover:bg-white/30 focus-visible:outline-2 focus-visible:outline-white";
    view! {
        <div class="flex flex-col gap-3" data-testid="gallery" data-ready=move || ready.get().then_some("true")>
            {main.map(|p| {
                let href = p.full.clone();
                view! {
                <a href=href id="photo-main" data-testid="gallery-main"
                    class="block overflow-hidden rounded-2xl border border-muted bg-surface"
                    on:click=move |ev| on_link_click(0, "photo-main".to_owned(), ev)>
                    <img src=p.full alt=labels.with_value(|l| l.alt(0, total)) width="800" height="600"
                        class="aspect-[4/3] w-full object-cover"/>
                </a>
                }
            })}
            <ul class="flex gap-2 overflow-x-auto pb-1">
                {strip.into_iter().enumerate().map(|(i, p)| view! {
                    <li class="shrink-0">
                        <a href=p.full id=link_id(i) data-testid="gallery-thumb"
                            class="block overflow-hidden rounded-lg border border-muted hover:border-brand focus-visible:outline-2 focus-visible:outline-brand"
                            on:click=move |ev| on_link_click(i, link_id(i), ev)>
                            <img src=p.thumb alt=labels.with_value(|l| l.position(i, total)) loading="lazy" decoding="async"
                                width="96" height="72" class="h-[72px] w-24 object-cover"/>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
            <Show when=move || open.get().is_some()>
                <div role="dialog" aria-modal="true" aria-label=labels.with_value(|l| l.dialog.clone())
                    id="lightbox" data-testid="lightbox" tabindex="-1"
                    class="fixed inset-0 z-50 flex items-center justify-center bg-black/90 p-4"
                    on:keydown=on_key
                    on:click=move |ev| {
                        // A click on the dark backdrop (not the photo or a button) closes.
                        if ev.target() == ev.current_target() {
                            close();
                        }
                    }>
                    <img src=move || open.get().and_then(|i| photos.with_value(|p| p.get(i).map(|p| p.full.clone())))
                        alt=move || open.get().map(|i| labels.with_value(|l| l.alt(i, total)))
                        data-testid="lightbox-image"
                        class="max-h-[85vh] max-w-[88vw] rounded-lg object-contain"/>
                    <p class="absolute left-4 top-4 text-sm text-white" aria-live="polite" data-testid="lightbox-position">
                        {move || open.get().map(|i| labels.with_value(|l| l.position(i, total)))}
                    </p>
                    <button type="button" node_ref=close_ref data-testid="lightbox-close" class=format!("absolute right-4 top-4 {button_class}")
                        aria-label=labels.with_value(|l| l.close.clone()) on:click=move |_| close()>
                        "×"
                    </button>
                    <button type="button" node_ref=prev_ref data-testid="lightbox-prev" class=format!("absolute left-4 top-1/2 -translate-y-1/2 {button_class}")
                        aria-label=labels.with_value(|l| l.prev.clone()) on:click=move |_| step(-1)>
                        "‹"
                    </button>
                    <button type="button" node_ref=next_ref data-testid="lightbox-next" class=format!("absolute right-4 top-1/2 -translate-y-1/2 {button_class}")
                        aria-label=labels.with_value(|l| l.next.clone()) on:click=move |_| step(1)>
                        "›"
                    </button>
                </div>
            </Show>
        </div>
    }
}
