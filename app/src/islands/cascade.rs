//! The make → model → trim → year dropdowns of the catalog's filter form.
//!
//! The server renders them with the options of the current selection, so the plain GET form is
//! right without JavaScript (choose a make, Apply, then the models appear). With JavaScript this
//! island refetches the child lists as soon as a parent changes and clears the children that no
//! longer apply; the form is still submitted the same way.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use vinops::VehicleKind;
use vinops::catalog::{CatalogQuery, FilterOptions};

/// The dropdowns' labels in the page's language (islands take serializable props only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CascadeLabels {
    pub make: String,
    pub model: String,
    pub trim: String,
    pub year: String,
    pub any: String,
}

/// One `<select>`: "any" first, then `options`; `value` is the selected one ("" = any).
fn select(
    name: &'static str,
    label: String,
    any: String,
    options: RwSignal<Vec<String>>,
    value: RwSignal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let id = format!("f-{name}");
    let for_id = id.clone();
    view! {
        <label class="flex flex-col gap-1 text-sm" for=for_id>
            <span class="text-fg-muted">{label}</span>
            <select id=id name=name data-testid=format!("filter-{name}")
                class="rounded-lg border border-muted bg-canvas px-2 py-1.5"
                // An attribute, not `prop:`, so the server renders it too: an empty child list is
                // disabled from the first byte instead of being enabled until hydration.
                disabled=move || options.with(Vec::is_empty) && value.with(String::is_empty)
                on:change=move |ev| on_change(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>{any}</option>
                {move || {
                    // A value from the URL that is not (or no longer) listed stays selectable,
                    // so Apply does not silently drop it.
                    let mut list = options.get();
                    let current = value.get();
                    if !current.is_empty() && !list.contains(&current) {
                        list.insert(0, current);
                    }
                    list.into_iter()
                        .map(|o| {
                            let selected = value.with(|v| *v == o);
                            view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

#[island]
pub fn FilterCascade(
    labels: CascadeLabels,
    kind: Option<String>,
    options: FilterOptions,
    make: Option<String>,
    model: Option<String>,
    trim: Option<String>,
    year: Option<i16>,
) -> impl IntoView {
    let kind = kind.as_deref().and_then(VehicleKind::from_slug);
    let sel = |v: Option<String>| RwSignal::new(v.unwrap_or_default());
    let (make, model, trim) = (sel(make), sel(model), sel(trim));
    let year = RwSignal::new(year.map(|y| y.to_string()).unwrap_or_default());
    let makes = RwSignal::new(options.makes);
    let models = RwSignal::new(options.models);
    let trims = RwSignal::new(options.trims);
    let years = RwSignal::new(options.years.iter().map(i16::to_string).collect::<Vec<_>>());

    // Refetches the children of the current selection. A failed fetch leaves the lists as they
    // are: the form still works, the server validates whatever is submitted. Answers can arrive
    // out of order (make "" then FORD in quick succession): only the latest request's answer is
    // applied, or a late answer for an older selection would empty the lists of the current one.
    let latest = StoredValue::new(0_u64);
    let refetch = move || {
        latest.update_value(|n| *n += 1);
        let generation = latest.get_value();
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.is_empty());
        let query = CatalogQuery {
            kind,
            make: some(make),
            model: some(model),
            trim: some(trim),
            ..CatalogQuery::default()
        };
        leptos::task::spawn_local(async move {
            if let Ok(o) = crate::api::load_filter_options(query).await
                && latest.get_value() == generation
            {
                models.set(o.models);
                trims.set(o.trims);
                years.set(o.years.iter().map(i16::to_string).collect());
            }
        });
    };
    let on_make = move |v: String| {
        make.set(v);
        for s in [model, trim, year] {
            s.set(String::new());
        }
        for l in [models, trims, years] {
            l.set(Vec::new());
        }
        refetch();
    };
    let on_model = move |v: String| {
        model.set(v);
        trim.set(String::new());
        year.set(String::new());
        refetch();
    };
    let on_trim = move |v: String| {
        trim.set(v);
        year.set(String::new());
        refetch();
    };
    let on_year = move |v: String| year.set(v);
    let any = labels.any;
    view! {
        {select("make", labels.make, any.clone(), makes, make, on_make)}
        {select("model", labels.model, any.clone(), models, model, on_model)}
        {select("trim", labels.trim, any.clone(), trims, trim, on_trim)}
        {select("year", labels.year, any, years, year, on_year)}
    }
}
