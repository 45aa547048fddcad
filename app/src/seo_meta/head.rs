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
    let own_url = canonical.clone().or_else(|| meta.url_in(&site, meta.lang));
    // hreflang: each language, and x-default = English (the language `/` redirects to).
    let alternates: Vec<(&'static str, String)> = Lang::ALL
        .iter()
        .map(|l| (l.code(), *l))
        .chain(std::iter::once(("x-default", Lang::DEFAULT)))
        .filter_map(|(code, l)| meta.url_in(&site, l).map(|url| (code, url)))
        .collect();
    let og_locale_alternates: Vec<&'static str> =
        meta.lang.others().map(|l| l.t().og_locale).collect();
    view! {
        <Title text=escape_text(&title)/>
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
        {og_locale_alternates.into_iter().map(|content| view! {
            <Meta property="og:locale:alternate" content=content/>
        }).collect_view()}
        {meta.image.map(|src| view! { <Meta property="og:image" content=src/> })}
        {meta.json_ld.into_iter().map(|value| view! { <JsonLd value/> }).collect_view()}
    }
}

/// HTML text escaping for the `<title>`: leptos_meta 0.8 writes the title into the head as it
/// is (`ServerMetaContext::inject_meta_context`), and a title holds CSV values (make, model,
/// trim), so a `</title>` in one would otherwise end the element and inject markup. Pages render
/// on the server only, so the title is never set from this text in the browser.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// One `<script type="application/ld+json">`, escaped so no value can end the element.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    let text = script_text(&value);
    view! { <Script type_="application/ld+json">{text}</Script> }
}

#[cfg(test)]
mod tests {
    use super::escape_text;

    #[test]
    fn title_text_cannot_close_the_element() {
        assert_eq!(
            escape_text("A </title><script>x</script> & B"),
            "A &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; B"
        );
        assert_eq!(escape_text("2019 FORD F150 — VIN"), "2019 FORD F150 — VIN");
    }
}
