//! Content negotiation for `/health`: HTML for browsers, JSON for everything else.
//!
//! JSON is the default (no `Accept`, `*/*`, `application/json`): monitors and scripts must not
//! get a web page by accident. HTML only when the client ranks `text/html` above
//! `application/json` by q-value (browsers send `text/html,…,*/*;q=0.8`). `?format=json|html`
//! overrides the header (handy for a link or curl).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Html,
}

/// Picks the format from the `format` query parameter, else the `Accept` header.
pub fn choose(accept: Option<&str>, format_param: Option<&str>) -> Format {
    match format_param.map(str::to_ascii_lowercase).as_deref() {
        Some("json") => return Format::Json,
        Some("html") => return Format::Html,
        _ => {}
    }
    let Some(accept) = accept else {
        return Format::Json;
    };
    let html = quality(accept, "text", "html");
    let json = quality(accept, "application", "json");
    if html > json {
        Format::Html
    } else {
        Format::Json
    }
}

/// The q-value `accept` gives `type/subtype`, from its most specific matching range
/// (`type/subtype` over `type/*` over `*/*`), in thousandths; 0 when nothing matches.
fn quality(accept: &str, ty: &str, subtype: &str) -> u16 {
    let mut best: Option<(u8, u16)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let Some((t, s)) = media.split_once('/') else {
            continue;
        };
        let specificity = match (t, s) {
            (t, s) if t == ty && s == subtype => 2,
            (t, "*") if t == ty => 1,
            ("*", "*") => 0,
            _ => continue,
        };
        let q = parts
            .filter_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .or_else(|| p.trim().strip_prefix("Q="))
            })
            .find_map(parse_q)
            .unwrap_or(1000);
        if best.is_none_or(|(spec, _)| specificity > spec) {
            best = Some((specificity, q));
        }
    }
    best.map_or(0, |(_, q)| q)
}

/// `0.8` → 800; anything unparseable is ignored (the range keeps q=1).
fn parse_q(s: &str) -> Option<u16> {
    let v: f32 = s.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&v)
        .then(|| (v * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_get_html_and_clients_json() {
        let chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(choose(Some(chromium), None), Format::Html);
        assert_eq!(choose(Some(firefox), None), Format::Html);
        assert_eq!(choose(None, None), Format::Json);
        assert_eq!(choose(Some("*/*"), None), Format::Json);
        assert_eq!(choose(Some("application/json"), None), Format::Json);
        assert_eq!(
            choose(Some("application/json, text/html;q=0.5"), None),
            Format::Json
        );
        assert_eq!(
            choose(Some("application/json;q=0.4, text/*"), None),
            Format::Html
        );
        // Equal preference: JSON, the safe default for machines.
        assert_eq!(
            choose(Some("text/html, application/json"), None),
            Format::Json
        );
        assert_eq!(choose(Some("text/html;q=0"), None), Format::Json);
    }

    #[test]
    fn the_query_parameter_overrides() {
        assert_eq!(choose(Some("text/html"), Some("json")), Format::Json);
        assert_eq!(choose(None, Some("HTML")), Format::Html);
        assert_eq!(choose(Some("text/html"), Some("xml")), Format::Html);
    }
}
