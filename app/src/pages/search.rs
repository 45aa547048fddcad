//! `/{lang}/search?q=…`: the home page's search. Normalizes the input (drops spaces and dashes,
//! upper-cases), then: a VIN → 303 to its page (the VIN page itself answers 404 if unknown); a
//! lot number (digits only, up to 10) → 303 to its VIN's page; anything else → the home page
//! again with an inline message (400, or 404 for an unknown lot number, 503 when the database
//! fails). No `alert()`: it all works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use vinops::LotNumber;
use vinops::vin::Vin;

use super::home::HomeView;
use crate::api::{Loaded, lookup_lot};
use crate::components::current_lang;
use crate::i18n::Lang;
use crate::pages::NotFound;
use crate::query_string::decode_pairs;
use crate::respond;

/// What the search box holds, normalized: no whitespace or dashes, upper case.
pub fn normalize(q: &str) -> String {
    q.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

fn vin_href(lang: Lang, vin: &str) -> String {
    format!("/{}/vin/{vin}", lang.code())
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let Some(lang) = current_lang() else {
        return view! { <NotFound/> }.into_any();
    };
    let t = lang.t();
    let raw = use_location().search.get_untracked();
    let q = decode_pairs(&raw)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let value = normalize(&q);
    let fail = move |code: u16, message: &'static str, value: String| {
        respond::status(code);
        view! { <HomeView lang value message/> }.into_any()
    };
    if value.is_empty() {
        return fail(400, t.search_empty, value);
    }
    let is_lot = value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit());
    if !is_lot {
        return match Vin::parse(&value) {
            Ok(vin) => {
                respond::redirect(303, &vin_href(lang, vin.as_str()));
                ().into_any()
            }
            Err(_) => fail(400, t.search_invalid, value),
        };
    }
    let Ok(lot) = LotNumber::parse(&value) else {
        return fail(400, t.search_invalid, value);
    };
    let found = Resource::new_blocking(move || lot.get(), lookup_lot);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let value = value.clone();
                Suspend::new(async move {
                    match found.await {
                        Ok(Loaded::Ok(Some(vin))) => {
                            respond::redirect(303, &vin_href(lang, &vin));
                            ().into_any()
                        }
                        Ok(Loaded::Ok(None) | Loaded::BadRequest) => fail(404, t.search_lot_not_found, value),
                        Ok(Loaded::Unavailable) | Err(_) => fail(503, t.search_unavailable, value),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalizes_pasted_input() {
        assert_eq!(normalize(" 1hgcm-8263 3a004352\t"), "1HGCM82633A004352");
        assert_eq!(normalize("4770 4465"), "47704465");
        assert_eq!(normalize(""), "");
    }
}
