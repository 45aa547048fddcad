//! The catalog's vehicle-type tabs and filter form.
//!
//! The form is a plain GET form whose field names are exactly the `CatalogQuery` URL parameters,
//! so it works without JavaScript; empty fields are sent too (`make=`), and the page redirects
//! such a URL to its canonical form. Only the make → model → trim → year cascade (and the
//! visitor's time zone for the auction days) is an island; the less used filters are in
//! `catalog_more`.

use leptos::prelude::*;
use vinops::VehicleKind;
use vinops::catalog::{CatalogQuery, DEFAULT_PAGE_SIZE, FilterOptions, Sort};

use super::catalog_more::MoreFilters;
use crate::i18n::Lang;
use crate::islands::{CascadeLabels, FilterCascade};
use crate::taxonomy::Taxon;

/// `/{lang}/cars` plus the query string, if any.
pub fn catalog_href(lang: Lang, query_string: &str) -> String {
    if query_string.is_empty() {
        format!("/{}/cars", lang.code())
    } else {
        format!("/{}/cars?{query_string}", lang.code())
    }
}

/// One tab per vehicle kind plus "All"; a tab keeps the order but drops the other filters
/// (their options differ per kind).
#[component]
pub fn KindTabs(lang: Lang, query: CatalogQuery) -> impl IntoView {
    let t = lang.t();
    let tab = |kind: Option<VehicleKind>, label: &'static str| {
        let q = CatalogQuery {
            kind,
            sort: query.sort,
            ..CatalogQuery::default()
        };
        let active = query.kind == kind;
        let class = if active {
            "rounded-full bg-brand px-3 py-1 text-sm font-semibold text-white"
        } else {
            "rounded-full border border-muted px-3 py-1 text-sm text-fg-muted hover:text-brand"
        };
        view! {
            <li>
                <a href=catalog_href(lang, &q.to_query_string()) class=class
                    aria-current=active.then_some("page") data-testid="kind-tab">
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav aria-label=t.kind_tabs_label class="mt-6">
            <ul class="flex flex-wrap gap-2">
                {tab(None, t.kind_all)}
                {VehicleKind::ALL.into_iter().map(|k| tab(Some(k), (t.kind_label)(k))).collect_view()}
            </ul>
        </nav>
    }
}

/// The look of every form control.
pub(super) const FIELD: &str = "rounded-lg border border-muted bg-canvas px-2 py-1.5";

/// Options named through the taxonomy (`kind`), in the labels' order (see [`named_options`]).
pub(super) fn taxon_options(lang: Lang, kind: Taxon, values: Vec<String>) -> Vec<(String, String)> {
    named_options(lang, values, |v| lang.taxon(kind, v).into_owned())
}

/// How a selected value the list lacks is shown: it comes from the URL, so it is the visitor's
/// text — named when the taxonomy knows it, never counted as untranslated.
pub(super) fn known_name(lang: Lang, kind: Taxon) -> impl Fn(&str) -> String {
    move |v| {
        lang.taxon_known(kind, v)
            .map_or_else(|| v.to_owned(), str::to_owned)
    }
}

/// `(value, label)` options of Copart values: the value stays as exported (it is the URL's
/// filter value), the label is its name in `lang`, and the list is in the labels' order.
fn named_options(
    lang: Lang,
    values: Vec<String>,
    label: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = values
        .into_iter()
        .map(|v| {
            let text = label(&v);
            (v, text)
        })
        .collect();
    if lang != Lang::En {
        options.sort_by_cached_key(|(_, text)| lang.collation_key(text));
    }
    options
}

/// A server-rendered `<select>` (the lot-attribute filters need no cascade). `unlisted` names a
/// selected value the list lacks.
pub(super) fn plain_select(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    selected: Option<String>,
    unlisted: impl Fn(&str) -> String,
) -> impl IntoView {
    let id = format!("f-{name}");
    let for_id = id.clone();
    let mut options = options;
    // A URL value that is not listed stays selected instead of silently vanishing on Apply.
    if let Some(s) = &selected
        && !options.iter().any(|(v, _)| v == s)
    {
        options.insert(0, (s.clone(), unlisted(s)));
    }
    view! {
        <label class="flex flex-col gap-1 text-sm" for=for_id>
            <span class="text-fg-muted">{label}</span>
            <select id=id name=name data-testid=format!("filter-{name}") class=FIELD>
                <option value="" selected=selected.is_none()>{any}</option>
                {options.into_iter().map(|(value, text)| {
                    let is = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

pub(super) fn number_input(
    name: &'static str,
    label: &'static str,
    value: Option<String>,
    min: i32,
    max: i32,
    step: i32,
) -> impl IntoView {
    let id = format!("f-{name}");
    let for_id = id.clone();
    view! {
        <label class="flex flex-col gap-1 text-sm" for=for_id>
            <span class="text-fg-muted">{label}</span>
            <input id=id type="number" name=name inputmode="numeric" min=min max=max step=step
                value=value.unwrap_or_default() data-testid=format!("filter-{name}")
                class=FIELD/>
        </label>
    }
}

#[component]
pub fn FilterForm(lang: Lang, query: CatalogQuery, options: FilterOptions) -> impl IntoView {
    let t = lang.t();
    let same = |v: Vec<String>| v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>();
    let damages = taxon_options(lang, Taxon::Damage, options.damages.clone());
    let titles = named_options(lang, options.title_types.clone(), |v| {
        lang.taxon_with_code(Taxon::TitleType, v)
    });
    let raw = |v: &str| v.to_owned();
    let statuses = options
        .sale_statuses
        .iter()
        .map(|s| (s.clone(), (t.status_label)(s).to_owned()))
        .collect();
    let labels = CascadeLabels {
        make: t.filter_make.to_owned(),
        model: t.filter_model.to_owned(),
        trim: t.filter_trim.to_owned(),
        year: t.filter_year.to_owned(),
        any: t.filter_any.to_owned(),
    };
    let year = |y: Option<i16>| y.map(|y| y.to_string());
    let sorts = Sort::all()
        .map(|s| (s.slug(), (t.sort_label)(&s.slug()).to_owned()))
        .map(|(slug, label)| {
            let is = slug == query.sort.slug();
            view! { <option value=slug selected=is>{label}</option> }
        })
        .collect_view();
    let more = view! { <MoreFilters lang query=query.clone() options=options.clone()/> };
    view! {
        <form method="get" action=catalog_href(lang, "") id="filters" aria-label=t.filters_title
            class="mt-6 grid grid-cols-2 gap-3 rounded-2xl border border-muted bg-surface p-4 md:grid-cols-4">
            {query.kind.map(|k| view! { <input type="hidden" name="type" value=k.slug()/> })}
            {(query.limit != DEFAULT_PAGE_SIZE).then(|| view! { <input type="hidden" name="limit" value=query.limit.to_string()/> })}
            <FilterCascade labels kind=query.kind.map(|k| k.slug().to_owned()) options=options.clone()
                make=query.make.clone() model=query.model.clone() trim=query.trim.clone() year=query.year/>
            {number_input("year_from", t.filter_year_from, year(query.year_from), 1900, 2100, 1)}
            {number_input("year_to", t.filter_year_to, year(query.year_to), 1900, 2100, 1)}
            {plain_select("damage", t.filter_damage, t.filter_any, damages, query.damage.clone(), known_name(lang, Taxon::Damage))}
            {plain_select("title", t.filter_title_type, t.filter_any, titles, query.title.clone(), known_name(lang, Taxon::TitleType))}
            {plain_select("status", t.filter_status, t.filter_any, statuses, query.status.map(|s| s.as_db_str().to_owned()), raw)}
            {number_input("odometer_max", t.filter_odometer_max, query.odometer_max.map(|m| m.to_string()), 0, 9_999_999, 1000)}
            {plain_select("state", t.filter_state, t.filter_any, same(options.states), query.state.clone(), raw)}
            <label class="flex flex-col gap-1 text-sm" for="f-sort">
                <span class="text-fg-muted">{t.sort_title}</span>
                <select id="f-sort" name="sort" data-testid="filter-sort" class=FIELD>
                    {sorts}
                </select>
            </label>
            {more}
            <div class="col-span-2 flex items-end gap-3 md:col-span-4">
                <button type="submit" id="apply" class="rounded-full bg-brand px-5 py-2 font-semibold text-white hover:bg-brand-hover">
                    {t.apply}
                </button>
                <a href=catalog_href(lang, "") id="reset" class="rounded-full border border-muted px-5 py-2 text-fg-muted hover:text-brand">
                    {t.reset}
                </a>
            </div>
        </form>
    }
}
