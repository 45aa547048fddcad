//! Renders a [`PageMeta`] as `<head>` tags through leptos_meta (which moves them into the head
//! wherever in the page they are rendered).

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};

use super::json_ld::script_text;
use super::{PageMeta, site_url};
use crate::i18n::Lang;

/// `<title>`, description, robots, canonical, `hreflang` alternates, OpenGraph and JSON-LD.
#[component]
pub fn PageHead(meta: PageMeta) -> impl IntoView {
    let site = site_url();
    let t = meta.lang.t();
    let title = format!("{} — {}", meta.title, t.site_name);
    let canonical = meta.canonical(&site);
    let own_url = canonical
        .clone()
        .or_else(|| meta.url_in(&site, meta.lang));
    // hreflang: each language, and x-default = English (the language `/` redirects to).
    let alternates: Vec<(&'static str, String)> = Lang::ALL
        .iter()
        .map(|l| (l.code(), *l))
        .chain(std::iter::once(("x-default", Lang::DEFAULT)))
        .filter_map(|(code, l)| meta.url_in(&site, l).map(|url| (code, url)))
        .collect();
    let og_locale_alternate = meta.lang.other().t().og_locale;
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=meta.description.clone()/>
        {meta.robots.content().map(|c| view! { <Meta name="robots" content=c/> })}
        {canonical.map(|href| view! { <Link rel="canonical" href=href/> })}
        {alternates.into_iter().map(|(code, href)| view! {
            <Link rel="alternate" hreflang=code href=href/>
        }).collect_view()}
        <Meta property="og:title" content=title/>
        <Meta property="og:description" content=meta.description/>
        {own_url.map(|url| view! { <Meta property="og:url" content=url/> })}
        <Meta property="og:type" content=meta.og_type/>
        <Meta property="og:site_name" content=t.site_name/>
        <Meta property="og:locale" content=t.og_locale/>
        <Meta property="og:locale:alternate" content=og_locale_alternate/>
        {meta.image.map(|src| view! { <Meta property="og:image" content=src/> })}
        {meta.json_ld.into_iter().map(|value| view! { <JsonLd value/> }).collect_view()}
    }
}

/// One `<script type="application/ld+json">`, escaped so no value can end the element.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    let text = script_text(&value);
    view! { <Script type_="application/ld+json">{text}</Script> }
}
