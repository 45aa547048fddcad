//! Metadata of the make, model and year hubs: the hub URL without `window` is the canonical one (the
//! period only changes the price table, so every period's URL points at the default one), a
//! `BreadcrumbList` (home → catalog → make → model) and an `ItemList` of what the hub links
//! down to: a make's models, a model's lots.

use vinops::catalog::LotCard;
use vinops::catalog::hub::{HubLink, MakeHub, ModelHub, YearHub, hub_path, year_path};

use super::json_ld;
use super::pages::{catalog_trail, url};
use super::{PageMeta, Robots, site_url};
use crate::i18n::Lang;

fn hub_meta(
    lang: Lang,
    title: String,
    description: String,
    rest: String,
    trail: Vec<(String, String)>,
    list: serde_json::Value,
) -> PageMeta {
    PageMeta {
        lang,
        title,
        description,
        rest: Some(rest),
        robots: Robots::Index,
        og_type: "website",
        image: None,
        json_ld: vec![json_ld::breadcrumbs(&trail), list],
    }
}

/// `/{lang}/cars/{make}`.
pub fn make_hub_meta(lang: Lang, hub: &MakeHub) -> PageMeta {
    let t = lang.t().hub;
    let site = site_url();
    let make = &hub.make;
    let title = (t.title)(&make.name);
    let models: Vec<(String, String)> = hub
        .models
        .iter()
        .map(|m: &HubLink| {
            let path = hub_path(&make.slug, Some(&m.slug));
            (format!("{} {}", make.name, m.name), url(&site, lang, &path))
        })
        .collect();
    hub_meta(
        lang,
        title.clone(),
        (t.meta_make_description)(&make.name, make.lots, hub.models.len()),
        hub_path(&make.slug, None),
        catalog_trail(&site, lang, Some(&make.name), None),
        json_ld::item_list(&title, &models),
    )
}

/// `/{lang}/cars/{make}/{model}`.
pub fn model_hub_meta(lang: Lang, hub: &ModelHub) -> PageMeta {
    let t = lang.t().hub;
    let site = site_url();
    let subject = format!("{} {}", hub.make.name, hub.model.name);
    let title = (t.title)(&subject);
    let lots: Vec<(String, String)> = hub
        .lots
        .iter()
        .map(|card: &LotCard| {
            let path = format!("/vin/{}", card.vin);
            (card.title(), url(&site, lang, &path))
        })
        .collect();
    hub_meta(
        lang,
        title.clone(),
        (t.meta_model_description)(&subject, hub.model.lots),
        hub_path(&hub.make.slug, Some(&hub.model.slug)),
        catalog_trail(&site, lang, Some(&hub.make.name), Some(&hub.model.name)),
        json_ld::item_list(&title, &lots),
    )
}

/// `/{lang}/cars/{make}/{model}/{year}`: the trail ends with the year, the list is its lots.
pub fn year_hub_meta(lang: Lang, hub: &YearHub) -> PageMeta {
    let t = lang.t().hub;
    let site = site_url();
    let subject = format!("{} {} {}", hub.year.year, hub.make.name, hub.model.name);
    let title = (t.title)(&subject);
    let path = year_path(&hub.make.slug, &hub.model.slug, hub.year.year);
    let lots: Vec<(String, String)> = hub
        .lots
        .iter()
        .map(|card: &LotCard| {
            (
                card.title(),
                url(&site, lang, &format!("/vin/{}", card.vin)),
            )
        })
        .collect();
    let mut trail = catalog_trail(&site, lang, Some(&hub.make.name), Some(&hub.model.name));
    trail.push((hub.year.year.to_string(), url(&site, lang, &path)));
    hub_meta(
        lang,
        title.clone(),
        (lang.t().price.meta_year_description)(&subject, hub.year.lots),
        path,
        trail,
        json_ld::item_list(&title, &lots),
    )
}
