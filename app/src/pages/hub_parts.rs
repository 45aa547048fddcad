//! Pieces the make, model and year hubs share: the parsing of a hub URL, its links and the
//! visible breadcrumb trail (the price section is `hub_prices`).

use leptos::prelude::*;
use vinops::catalog::hub::{PriceWindow, Slug, parse_year, year_path};

use crate::i18n::Lang;
use crate::query_string::{decode, decode_pairs};

/// What a canonical hub URL names.
#[derive(Debug, PartialEq, Eq)]
pub struct HubAddress {
    pub make: Slug,
    pub model: Option<Slug>,
    /// A model year's hub (always with a model).
    pub year: Option<i16>,
    pub window: PriceWindow,
}

/// How to answer a hub URL before loading anything.
#[derive(Debug, PartialEq, Eq)]
pub enum HubUrl {
    /// Canonical: load and render.
    Ok(HubAddress),
    /// 301 to this path + query (upper case or punctuated names, `window=90d`, stray parameters).
    Redirect(String),
    /// 404: a segment without any letter or digit.
    NotFound,
    /// 400: `window` has a value we do not offer, or is repeated.
    BadRequest,
}

/// Parses `/{lang}/cars/{make}[/{model}]?{query}` from its raw route segments and query.
pub fn parse_hub_url(lang: Lang, make: &str, model: Option<&str>, query: &str) -> HubUrl {
    parse(lang, make, model, None, query)
}

/// Parses `/{lang}/cars/{make}/{model}/{year}?{query}`: as [`parse_hub_url`], and 404 for a
/// segment that is not a model year's one spelling.
pub fn parse_year_url(lang: Lang, make: &str, model: &str, year: &str, query: &str) -> HubUrl {
    match parse_year(year) {
        Some(year) => parse(lang, make, Some(model), Some(year), query),
        None => HubUrl::NotFound,
    }
}

fn parse(lang: Lang, make: &str, model: Option<&str>, year: Option<i16>, query: &str) -> HubUrl {
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
        return HubUrl::Redirect(match (&model_slug, year) {
            (Some(model), Some(year)) => year_href(lang, &make_slug, model, year, window),
            _ => hub_href(lang, &make_slug, model_slug.as_ref(), window),
        });
    }
    HubUrl::Ok(HubAddress {
        make: make_slug,
        model: model_slug,
        year,
        window,
    })
}

/// `/{lang}/cars/{make}/{model}/{year}[?window=…]`.
pub fn year_href(lang: Lang, make: &Slug, model: &Slug, year: i16, window: PriceWindow) -> String {
    let path = year_path(make, model, year);
    match window.query_string() {
        q if q.is_empty() => format!("/{}{path}", lang.code()),
        q => format!("/{}{path}?{q}", lang.code()),
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
    trail_to_year(lang, make, model, None)
}

/// [`trail`], then the model year's hub when `year` is given (a VIN page's trail).
pub fn trail_to_year(
    lang: Lang,
    make: Option<&str>,
    model: Option<&str>,
    year: Option<i16>,
) -> Vec<(String, String)> {
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
        if let Some(year) = year.filter(|y| vinops::catalog::hub::YEARS.contains(y)) {
            links.push((
                year.to_string(),
                year_href(lang, &make_slug, &slug, year, PriceWindow::DEFAULT),
            ));
        }
    }
    links
}

/// The visible trail; the last item is the page itself (not a link).
#[component]
pub fn Breadcrumbs(lang: Lang, links: Vec<(String, String)>, here: String) -> impl IntoView {
    view! {
        <nav aria-label=lang.t().hub.breadcrumbs_label class="text-sm text-fg-muted" data-testid="breadcrumbs">
            <ol class="flex flex-wrap gap-x-2">
                {links.into_iter().map(|(label, href)| view! {
                    <li><a href=href class="hover:text-brand">{label}</a>" /"</li>
                }).collect_view()}
                <li aria-current="page" class="text-fg">{here}</li>
            </ol>
        </nav>
    }
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
            HubUrl::Ok(HubAddress {
                make: slug("ford"),
                model: Some(slug("f150")),
                year: None,
                window: PriceWindow::DEFAULT
            })
        );
        assert_eq!(
            parse_hub_url(Lang::Ru, "land-rover", None, "window=all"),
            HubUrl::Ok(HubAddress {
                make: slug("land-rover"),
                model: None,
                year: None,
                window: PriceWindow::All
            })
        );
        assert_eq!(
            parse_year_url(Lang::Uk, "ford", "f150", "2018", "window=30d"),
            HubUrl::Ok(HubAddress {
                make: slug("ford"),
                model: Some(slug("f150")),
                year: Some(2018),
                window: PriceWindow::Days30
            })
        );
        assert_eq!(
            parse_year_url(Lang::En, "FORD", "f150", "2018", ""),
            HubUrl::Redirect("/en/cars/ford/f150/2018".to_owned())
        );
        assert_eq!(
            parse_year_url(Lang::En, "ford", "f150", "02018", ""),
            HubUrl::NotFound
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
