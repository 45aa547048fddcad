//! The language of API error messages and of the option lists' labels, from `Accept-Language`:
//! the site's language the client prefers, English when it prefers none of them. Other success
//! bodies hold codes, names and numbers only, so they do not depend on it.

use axum::http::{HeaderMap, header};

pub use app::i18n::Lang;

/// The site's languages, read from `Accept-Language` (the site's one list, [`Lang::ALL`]).
pub trait FromAcceptLanguage {
    fn from_headers(headers: &HeaderMap) -> Lang;
}

impl FromAcceptLanguage for Lang {
    /// The supported language with the highest `q` in `Accept-Language` (ties: the first
    /// listed); English when none is supported or the header is absent or malformed.
    /// `ru-RU;q=0.9` counts as `ru`; `q=0` means "not acceptable".
    fn from_headers(headers: &HeaderMap) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for value in headers.get_all(header::ACCEPT_LANGUAGE) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let tag = parts.next().unwrap_or_default().trim();
                let primary = tag.split('-').next().unwrap_or_default();
                let Some(lang) = Lang::ALL
                    .into_iter()
                    .find(|l| primary.eq_ignore_ascii_case(l.code()))
                else {
                    continue;
                };
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                    .unwrap_or(0.0);
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((lang, q));
                }
            }
        }
        best.map_or(Lang::En, |(lang, _)| lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(v: &str) -> Lang {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, v.parse().expect("header"));
        Lang::from_headers(&h)
    }

    #[test]
    fn picks_the_preferred_supported_language() {
        assert_eq!(Lang::from_headers(&HeaderMap::new()), Lang::En);
        assert_eq!(lang("ru"), Lang::Ru);
        assert_eq!(lang("ru-RU,ru;q=0.9,en;q=0.8"), Lang::Ru);
        assert_eq!(lang("en-US,en;q=0.9,ru;q=0.8"), Lang::En);
        assert_eq!(lang("de-DE, ru;q=0.5"), Lang::Ru);
        assert_eq!(lang("de"), Lang::En);
        assert_eq!(lang("ru;q=0"), Lang::En);
        assert_eq!(lang("en;q=0.2, RU;q=0.7"), Lang::Ru);
        assert_eq!(lang("ru;q=abc"), Lang::En);
        assert_eq!(lang("uk-UA,uk;q=0.9,ru;q=0.8"), Lang::Uk);
        // `ua` is a country, not a language.
        assert_eq!(lang("ua"), Lang::En);
    }
}
