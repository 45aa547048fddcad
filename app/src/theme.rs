//! Light/dark theme before first paint.
//!
//! The choice lives in two places: localStorage (what the toggle and the boot script read) and
//! a `theme` cookie, which the server reads to write `data-theme` on `<html>` itself, so a
//! returning visitor's page is in the right theme in its very first bytes, with or without
//! JavaScript. Without a choice, the inline boot script follows the system preference before
//! the body is parsed.

/// Runs in `<head>` before anything is painted: a saved choice (localStorage) wins and is copied
/// into the cookie when the server did not know it; else the server's `data-theme` (from the
/// cookie) stays; else the system preference. Kept tiny and inline on purpose.
pub const THEME_BOOT: &str = "(function(){try{var d=document.documentElement,s=d.dataset.theme,t=localStorage.getItem('theme');if(t==='light'||t==='dark'){if(s!==t)document.cookie='theme='+t+'; Path=/; Max-Age=31536000; SameSite=Lax'}else if(s==='light'||s==='dark'){t=s}else{t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}d.dataset.theme=t}catch(e){}})()";

/// The `Set-Cookie`-style string the toggle writes through `document.cookie`.
pub fn theme_cookie(theme: &str) -> String {
    format!("theme={theme}; Path=/; Max-Age=31536000; SameSite=Lax")
}

/// The theme of a `Cookie` header value (`theme=dark` among others), if it names one.
pub fn theme_in_cookie_header(header: &str) -> Option<&'static str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().strip_prefix("theme="))
        .find_map(|v| match v {
            "dark" => Some("dark"),
            "light" => Some("light"),
            _ => None,
        })
}

/// The theme the request's cookie asks for (server only; `None` in the browser). Also marks the
/// response `Vary: Cookie`, since its HTML now depends on it.
pub fn requested_theme() -> Option<&'static str> {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.append_header(http::header::VARY, http::HeaderValue::from_static("Cookie"));
        }
        let parts = use_context::<http::request::Parts>()?;
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(theme_in_cookie_header)
    }
    #[cfg(not(feature = "ssr"))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_parsing() {
        assert_eq!(theme_in_cookie_header("theme=dark"), Some("dark"));
        assert_eq!(
            theme_in_cookie_header("a=1; theme=light; b=2"),
            Some("light")
        );
        assert_eq!(theme_in_cookie_header("theme=blue"), None);
        assert_eq!(theme_in_cookie_header("mytheme=dark"), None);
        assert_eq!(theme_in_cookie_header(""), None);
    }
}
