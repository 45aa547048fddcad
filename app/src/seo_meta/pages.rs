//! The metadata of each page type, from values we really have, and the catalog's URL rules.
//!
//! Catalog rules (documented in docs/seo.md, "Metadata"):
//! - canonical: the filters only, in the one parameter order. Order (`sort`), page size
//!   (`limit`) and position (`cursor`) only rearrange or paginate the same lots, so every one of
//!   those URLs has the first page of the same filters, in the default order, as its canonical;
//! - indexable (`index`): at most two filters, all of them "what vehicle" filters: `type`,
//!   `make`, `model`, one model `year`. Any other filter (trim, a year, odometer or bid range,
//!   damage, title, status, state, yard, colour, fuel, drive, transmission, body, keys,
//!   runs/drives, Buy It Now, auction days) or a third filter makes the page `noindex,follow`: such
//!   combinations are countless and thin, while their links still lead crawlers to the lots;
//! - an empty result is `noindex,follow` too (any text is a valid `make`, so without this rule
//!   every misspelt make would be an indexable empty page); the page sets that once it has its
//!   data.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use vinops::catalog::hub::{Slug, YEARS, hub_path, year_path};
use vinops::catalog::{CatalogQuery, DEFAULT_PAGE_SIZE, Sort, VinPageData};

use super::json_ld::{self, CarFacts};
use super::{PageMeta, Robots, SiteUrl, absolute, site_url};
use crate::format;
use crate::i18n::{Lang, VinSummary};
use crate::media::media_url;
use crate::taxonomy::Taxon;

/// At most this many photos go into a VIN page's JSON-LD `image`.
const MAX_LD_IMAGES: usize = 5;

pub(super) fn url(site: &SiteUrl, lang: Lang, rest: &str) -> String {
    format!("{}/{}{rest}", site.as_str(), lang.code())
}

/// The path after the language segment of the current URL (no query), when the first segment
/// is one of our languages.
fn current_rest() -> Option<String> {
    let path = use_location().pathname.get_untracked();
    let trimmed = path.strip_prefix('/')?;
    let (seg, rest) = trimmed.split_at(trimmed.find('/').unwrap_or(trimmed.len()));
    Lang::from_segment(seg).map(|_| rest.trim_end_matches('/').to_owned())
}

/// `/{lang}`: `WebSite` with the search box's `SearchAction`.
pub fn home_meta(lang: Lang) -> PageMeta {
    let t = lang.t();
    let site = site_url();
    PageMeta {
        lang,
        title: t.home_title.to_owned(),
        description: t.meta_home_description.to_owned(),
        rest: Some(String::new()),
        robots: Robots::Index,
        og_type: "website",
        image: None,
        json_ld: vec![json_ld::website(
            t.site_name,
            &url(&site, lang, ""),
            lang.code(),
            &url(&site, lang, "/search"),
        )],
    }
}

/// A static page (`/contacts`, `/terms`): `rest` is its path after the language.
pub fn static_meta(lang: Lang, title: &str, description: &str, rest: &str) -> PageMeta {
    PageMeta {
        lang,
        title: title.to_owned(),
        description: description.to_owned(),
        rest: Some(rest.to_owned()),
        robots: Robots::Index,
        og_type: "website",
        image: None,
        json_ld: Vec::new(),
    }
}

/// An error page (404, 410, 400, 503) at the current URL: `noindex`, no canonical.
pub fn error_meta(lang: Lang, title: &str, description: &str) -> PageMeta {
    PageMeta {
        lang,
        title: title.to_owned(),
        description: description.to_owned(),
        rest: current_rest(),
        robots: Robots::Error,
        og_type: "website",
        image: None,
        json_ld: Vec::new(),
    }
}

/// The catalog's canonical query string (see the module docs).
pub fn catalog_canonical_query(q: &CatalogQuery) -> String {
    CatalogQuery {
        sort: Sort::default(),
        limit: DEFAULT_PAGE_SIZE,
        ..q.clone()
    }
    .to_query_string()
}

/// Whether a catalog selection may be indexed (see the module docs).
pub fn catalog_indexable(q: &CatalogQuery) -> bool {
    let set = q.filters_set();
    set.len() <= 2
        && set
            .iter()
            .all(|name| matches!(*name, "type" | "make" | "model" | "year"))
}

/// What a filtered catalog shows, for its title: "2019 FORD F150 XLT", or the vehicle kind
/// ("Motorcycles"); `None` when neither is chosen.
pub fn catalog_subject(lang: Lang, q: &CatalogQuery) -> Option<String> {
    let year = q.year.map(|y| y.to_string());
    let parts: Vec<&str> = [
        year.as_deref(),
        q.make.as_deref(),
        q.model.as_deref(),
        q.trim.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        q.kind.map(|k| (lang.t().kind_label)(k).to_owned())
    } else {
        Some(parts.join(" "))
    }
}

/// `/cars?…` of a query.
fn cars_rest(query_string: &str) -> String {
    if query_string.is_empty() {
        "/cars".to_owned()
    } else {
        format!("/cars?{query_string}")
    }
}

/// Home → catalog → make hub → model hub, as far as `make`/`model` are known (and have a slug).
pub(super) fn catalog_trail(
    site: &SiteUrl,
    lang: Lang,
    make: Option<&str>,
    model: Option<&str>,
) -> Vec<(String, String)> {
    let t = lang.t();
    let mut trail = vec![
        (t.nav_home.to_owned(), url(site, lang, "")),
        (t.nav_catalog.to_owned(), url(site, lang, "/cars")),
    ];
    let Some((make, make_slug)) = make.and_then(|m| Some((m, Slug::of(m)?))) else {
        return trail;
    };
    trail.push((
        make.to_owned(),
        url(site, lang, &hub_path(&make_slug, None)),
    ));
    if let Some((model, model_slug)) = model.and_then(|m| Some((m, Slug::of(m)?))) {
        trail.push((
            model.to_owned(),
            url(site, lang, &hub_path(&make_slug, Some(&model_slug))),
        ));
    }
    trail
}

/// The title and description of a catalog selection (the page's and its feed's): from the
/// make/model/year/kind filters, or the catalog's own.
pub fn catalog_title(lang: Lang, q: &CatalogQuery) -> (String, String) {
    let t = lang.t();
    match catalog_subject(lang, q) {
        Some(s) => (
            (t.meta_catalog_filtered_title)(&s),
            (t.meta_catalog_filtered_description)(&s),
        ),
        None => (
            t.catalog_title.to_owned(),
            t.meta_catalog_description.to_owned(),
        ),
    }
}

/// `/{lang}/cars?…`: title and description from the make/model/year/kind filters, the
/// canonical and robots rules, and a `BreadcrumbList`. The lots' `ItemList` is added by the
/// page once they are loaded.
pub fn catalog_meta(lang: Lang, q: &CatalogQuery) -> PageMeta {
    let site = site_url();
    let (title, description) = catalog_title(lang, q);
    let trail = catalog_trail(&site, lang, q.make.as_deref(), q.model.as_deref());
    PageMeta {
        lang,
        title,
        description,
        rest: Some(cars_rest(&catalog_canonical_query(q))),
        robots: if catalog_indexable(q) {
            Robots::Index
        } else {
            Robots::NoIndexFollow
        },
        og_type: "website",
        image: None,
        json_ld: vec![json_ld::breadcrumbs(&trail)],
    }
}

/// `/{lang}/vin/{VIN}` of a known vehicle: `subject` is its heading ("2019 FORD F150 XLT").
pub fn vin_meta(lang: Lang, data: &VinPageData, subject: &str) -> PageMeta {
    let t = lang.t();
    let site = site_url();
    let v = &data.vehicle;
    let rest = format!("/vin/{}", v.vin);
    let page_url = url(&site, lang, &rest);
    let newest = data.lots.first();
    let place = newest
        .map(|l| {
            [l.location_city.as_deref(), l.location_state.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|p| !p.is_empty());
    let summary = VinSummary {
        vin: v.vin.clone(),
        subject: subject.to_owned(),
        lot_number: newest.map(|l| l.lot_number),
        place,
        date: newest
            .and_then(|l| l.sale_date)
            .map(|d| format::date(d, lang)),
        lots: data.lots.len(),
        has_photos: !data.photos.is_empty(),
    };
    let images: Vec<String> = data
        .photos
        .iter()
        .take(MAX_LD_IMAGES)
        .map(|p| absolute(&site, &media_url(&p.full_key)))
        .collect();
    // The car's words in the page's language, as the page shows them.
    let color = v.color.as_deref().map(|r| lang.taxon(Taxon::Color, r));
    let body = v
        .body_style
        .as_deref()
        .map(|r| lang.taxon(Taxon::BodyStyle, r));
    let fuel = v.fuel_type.as_deref().map(|r| lang.taxon(Taxon::Fuel, r));
    let transmission = v
        .transmission
        .as_deref()
        .map(|r| lang.taxon(Taxon::Transmission, r));
    let drive = v.drive.as_deref().map(|r| lang.taxon(Taxon::Drive, r));
    let facts = CarFacts {
        name: subject,
        url: &page_url,
        vin: &v.vin,
        make: v.make.as_deref(),
        model: v.model.as_deref(),
        trim: v.trim.as_deref(),
        year: v.year,
        odometer_mi: data.lots.iter().find_map(|l| l.odometer_mi),
        color: color.as_deref(),
        body: body.as_deref(),
        fuel: fuel.as_deref(),
        transmission: transmission.as_deref(),
        drive: drive.as_deref(),
        images: images.clone(),
    };
    let mut trail = catalog_trail(&site, lang, v.make.as_deref(), v.model.as_deref());
    // The model year's hub between the model and the VIN, as on the visible trail.
    let slugs = v
        .make
        .as_deref()
        .and_then(Slug::of)
        .zip(v.model.as_deref().and_then(Slug::of));
    if let (Some((make, model)), Some(year)) = (slugs, v.year.filter(|y| YEARS.contains(y))) {
        trail.push((
            year.to_string(),
            url(&site, lang, &year_path(&make, &model, year)),
        ));
    }
    trail.push((subject.to_owned(), page_url.clone()));
    PageMeta {
        lang,
        title: format!("{subject} — VIN {}", v.vin),
        description: (t.meta_vin_description)(&summary),
        rest: Some(rest),
        robots: Robots::Index,
        og_type: "website",
        image: images.into_iter().next(),
        json_ld: vec![json_ld::car(&facts), json_ld::breadcrumbs(&trail)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vinops::VehicleKind;
    use vinops::catalog::CatalogRequest;

    fn q(query: &str) -> CatalogQuery {
        CatalogRequest::from_pairs(crate::query_string::decode_pairs(query))
            .expect("valid query")
            .query
    }

    #[test]
    fn canonical_drops_order_size_and_cursor_only() {
        assert_eq!(catalog_canonical_query(&q("")), "");
        assert_eq!(
            catalog_canonical_query(&q("make=FORD&sort=year_desc&limit=12")),
            catalog_canonical_query(&q("make=FORD"))
        );
        assert_eq!(catalog_canonical_query(&q("make=FORD")), "make=FORD");
        assert_ne!(
            catalog_canonical_query(&q("make=FORD&state=TX")),
            catalog_canonical_query(&q("make=FORD"))
        );
    }

    #[test]
    fn heavy_filters_are_not_indexed() {
        for ok in [
            "",
            "make=FORD",
            "make=FORD&model=F150",
            "type=auto&make=FORD",
            "year=2019&make=FORD",
        ] {
            assert!(catalog_indexable(&q(ok)), "{ok}");
        }
        for heavy in [
            "make=FORD&model=F150&year=2019",
            "type=auto&make=FORD&model=F150",
            "state=TX",
            "year_from=2015",
            "make=FORD&odometer_max=50000",
            "make=FORD&model=F150&trim=XLT",
            "damage=HAIL",
            "make=FORD&color=WHITE",
            "secondary_damage=HAIL",
            "fuel=GAS",
            "keys=no",
            "buy_it_now=1",
            "bid_max=500",
            "odometer_min=100",
            "auction=today",
            "make=FORD&auction_from=2026-12-01&tz=-300",
        ] {
            assert!(!catalog_indexable(&q(heavy)), "{heavy}");
        }
    }

    #[test]
    fn the_canonical_keeps_the_zone_only_with_an_auction_window() {
        assert_eq!(
            catalog_canonical_query(&q("make=FORD&tz=-300")),
            "make=FORD"
        );
        assert_eq!(
            catalog_canonical_query(&q("auction=week&tz=-300&sort=bid_asc")),
            "auction=week&tz=-300"
        );
    }

    #[test]
    fn subject_from_vehicle_filters_or_kind() {
        assert_eq!(
            catalog_subject(Lang::En, &q("year=2019&make=FORD&model=F150")).as_deref(),
            Some("2019 FORD F150")
        );
        let kind = CatalogQuery {
            kind: Some(VehicleKind::ALL[0]),
            ..CatalogQuery::default()
        };
        assert_eq!(
            catalog_subject(Lang::Ru, &kind).as_deref(),
            Some((Lang::Ru.t().kind_label)(VehicleKind::ALL[0]))
        );
        assert_eq!(catalog_subject(Lang::En, &q("state=TX")), None);
    }
}
