//! Pieces the make and model hubs share: the visible breadcrumb trail, the period links and
//! the price table, and the parsing of a hub URL.

use chrono::NaiveDate;
use leptos::prelude::*;
use vinops::catalog::hub::{PriceWindow, Slug, YearPrices};

use crate::format;
use crate::i18n::Lang;
use crate::query_string::{decode, decode_pairs};

/// How to answer a hub URL before loading anything.
#[derive(Debug, PartialEq, Eq)]
pub enum HubUrl {
    /// Canonical: load and render.
    Ok {
        make: Slug,
        model: Option<Slug>,
        window: PriceWindow,
    },
    /// 301 to this path + query (upper case or punctuated names, `window=90d`, stray parameters).
    Redirect(String),
    /// 404: a segment without any letter or digit.
    NotFound,
    /// 400: `window` has a value we do not offer, or is repeated.
    BadRequest,
}

/// Parses `/{lang}/cars/{make}[/{model}]?{query}` from its raw route segments and query.
pub fn parse_hub_url(lang: Lang, make: &str, model: Option<&str>, query: &str) -> HubUrl {
    let Some(make_slug) = Slug::of(&decode(make)) else {
        return HubUrl::NotFound;
    };
    let model_slug = match model.map(|m| Slug::of(&decode(m))) {
        Some(None) => return HubUrl::NotFound,
        Some(Some(s)) => Some(s),
        None => None,
    };
    let windows: Vec<String> = decode_pairs(query)
        .into_iter()
        .filter(|(k, _)| k == "window")
        .map(|(_, v)| v)
        .collect();
    let window = match windows.as_slice() {
        [] => PriceWindow::DEFAULT,
        [one] => match PriceWindow::parse(one.trim()) {
            Some(w) => w,
            None => return HubUrl::BadRequest,
        },
        _ => return HubUrl::BadRequest,
    };
    let canonical_query = window.query_string();
    let canonical = make_slug.as_str() == make
        && model_slug.as_ref().map(Slug::as_str) == model
        && query.trim_start_matches('?') == canonical_query;
    if !canonical {
        return HubUrl::Redirect(hub_href(lang, &make_slug, model_slug.as_ref(), window));
    }
    HubUrl::Ok {
        make: make_slug,
        model: model_slug,
        window,
    }
}

/// `/{lang}/cars/{make}[/{model}][?window=…]`.
pub fn hub_href(lang: Lang, make: &Slug, model: Option<&Slug>, window: PriceWindow) -> String {
    let path = vinops::catalog::hub::hub_path(make, model);
    match window.query_string() {
        q if q.is_empty() => format!("/{}{path}", lang.code()),
        q => format!("/{}{path}?{q}", lang.code()),
    }
}

/// Home → catalog → make hub → model hub, as far as `make`/`model` are given and have slugs
/// (the links of a visible trail; the JSON-LD trail is `seo_meta`'s).
pub fn trail(lang: Lang, make: Option<&str>, model: Option<&str>) -> Vec<(String, String)> {
    let t = lang.t();
    let mut links = vec![
        (t.nav_home.to_owned(), format!("/{}", lang.code())),
        (t.nav_catalog.to_owned(), format!("/{}/cars", lang.code())),
    ];
    let Some((make, make_slug)) = make.and_then(|m| Some((m, Slug::of(m)?))) else {
        return links;
    };
    links.push((
        make.to_owned(),
        hub_href(lang, &make_slug, None, PriceWindow::DEFAULT),
    ));
    if let Some((model, slug)) = model.and_then(|m| Some((m, Slug::of(m)?))) {
        links.push((
            model.to_owned(),
            hub_href(lang, &make_slug, Some(&slug), PriceWindow::DEFAULT),
        ));
    }
    links
}

/// The visible trail; the last item is the page itself (not a link).
#[component]
pub fn Breadcrumbs(lang: Lang, links: Vec<(String, String)>, here: String) -> impl IntoView {
    view! {
        <nav aria-label=lang.t().hub.breadcrumbs_label class="text-sm text-fg-muted">
            <ol class="flex flex-wrap gap-x-2">
                {links.into_iter().map(|(label, href)| view! {
                    <li><a href=href class="hover:text-brand">{label}</a>" /"</li>
                }).collect_view()}
                <li aria-current="page" class="text-fg">{here}</li>
            </ol>
        </nav>
    }
}

/// The period links above the price table; the current one is not a link.
#[component]
fn WindowNav(
    lang: Lang,
    current: PriceWindow,
    href: impl Fn(PriceWindow) -> String,
) -> impl IntoView {
    let t = lang.t().hub;
    view! {
        <nav aria-label=t.window_label class="mt-3 flex flex-wrap items-center gap-2 text-sm">
            <span class="text-fg-muted">{t.window_label}":"</span>
            {PriceWindow::ALL.into_iter().map(|w| {
                let name = (t.window_name)(w.param());
                if w == current {
                    view! { <span aria-current="true" class="rounded-full bg-brand px-3 py-1 font-semibold text-white">{name}</span> }.into_any()
                } else {
                    view! { <a href=href(w) class="rounded-full border border-muted px-3 py-1 hover:text-brand" data-testid="hub-window">{name}</a> }.into_any()
                }
            }).collect_view()}
        </nav>
    }
}

/// The price summary: its heading, the period links and the table.
#[component]
pub fn PriceSection(
    lang: Lang,
    window: PriceWindow,
    href: impl Fn(PriceWindow) -> String,
    since: Option<NaiveDate>,
    prices: Vec<YearPrices>,
) -> impl IntoView {
    let t = lang.t().hub;
    view! {
        <section class="mt-10" aria-labelledby="prices">
            <h2 id="prices" class="text-2xl font-bold">{t.prices_title}</h2>
            <WindowNav lang current=window href/>
            <PriceTable lang since prices/>
        </section>
    }
}

/// Median current bid and estimated retail value per model year, each with its lot count, over
/// the sale dates from `since` on (the dates the data was read for, not recomputed here).
#[component]
fn PriceTable(lang: Lang, since: Option<NaiveDate>, prices: Vec<YearPrices>) -> impl IntoView {
    let t = lang.t().hub;
    let lots = lang.t().lots_count;
    let scope = match since {
        Some(since) => (t.prices_since)(&format::date(since, lang)),
        None => t.prices_all.to_owned(),
    };
    let figure = move |cents: Option<i64>, n: i64| match cents {
        Some(c) => view! {
            <span class="font-semibold">{format::usd(c, lang)}</span>
            <span class="block text-xs text-fg-muted">{lots(n)}</span>
        }
        .into_any(),
        None => view! { <span class="text-fg-muted">{t.no_figure}</span> }.into_any(),
    };
    if prices.is_empty() {
        return view! {
            <p class="mt-2 text-sm text-fg-muted">{scope}</p>
            <p class="mt-4" data-testid="hub-prices-empty">{t.prices_empty}</p>
        }
        .into_any();
    }
    view! {
        <p class="mt-2 text-sm text-fg-muted">{scope}</p>
        <div class="mt-4 overflow-x-auto">
            <table class="w-full text-left text-sm" data-testid="hub-prices">
                <thead class="border-b border-muted text-fg-muted">
                    <tr>
                        <th scope="col" class="py-2 pr-4">{t.col_year}</th>
                        <th scope="col" class="py-2 pr-4 text-right">{t.col_lots}</th>
                        <th scope="col" class="py-2 pr-4 text-right">{t.col_median_bid}</th>
                        <th scope="col" class="py-2 text-right">{t.col_median_retail}</th>
                    </tr>
                </thead>
                <tbody>
                    {prices.into_iter().map(|p| view! {
                        <tr class="border-b border-muted" data-testid="hub-price-row">
                            <th scope="row" class="py-2 pr-4 font-semibold">
                                {p.year.map_or_else(|| t.year_unknown.to_owned(), |y| y.to_string())}
                            </th>
                            <td class="py-2 pr-4 text-right">{format::group_digits(p.lots, lang)}</td>
                            <td class="py-2 pr-4 text-right">{figure(p.median_bid_cents, p.bid_lots)}</td>
                            <td class="py-2 text-right">{figure(p.median_retail_cents, p.retail_lots)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::of(s).expect("slug")
    }

    #[test]
    fn canonical_urls_render() {
        assert_eq!(
            parse_hub_url(Lang::En, "ford", Some("f150"), ""),
            HubUrl::Ok {
                make: slug("ford"),
                model: Some(slug("f150")),
                window: PriceWindow::DEFAULT
            }
        );
        assert_eq!(
            parse_hub_url(Lang::Ru, "land-rover", None, "window=all"),
            HubUrl::Ok {
                make: slug("land-rover"),
                model: None,
                window: PriceWindow::All
            }
        );
    }

    #[test]
    fn other_spellings_redirect() {
        let cases = [
            ("FORD", None, "", "/en/cars/ford"),
            ("LAND%20ROVER", None, "", "/en/cars/land-rover"),
            (
                "ford",
                Some("F150%20SUPERCREW"),
                "",
                "/en/cars/ford/f150-supercrew",
            ),
            ("ford", None, "window=90d", "/en/cars/ford"),
            (
                "ford",
                None,
                "utm_source=x&window=30d",
                "/en/cars/ford?window=30d",
            ),
        ];
        for (make, model, q, to) in cases {
            assert_eq!(
                parse_hub_url(Lang::En, make, model, q),
                HubUrl::Redirect(to.to_owned()),
                "{make} {model:?} {q}"
            );
        }
    }

    #[test]
    fn nonsense_is_refused() {
        assert_eq!(parse_hub_url(Lang::En, "%20--", None, ""), HubUrl::NotFound);
        assert_eq!(
            parse_hub_url(Lang::En, "ford", Some("---"), ""),
            HubUrl::NotFound
        );
        assert_eq!(
            parse_hub_url(Lang::En, "ford", None, "window=7d"),
            HubUrl::BadRequest
        );
        assert_eq!(
            parse_hub_url(Lang::En, "ford", None, "window=30d&window=all"),
            HubUrl::BadRequest
        );
    }
}
