//! Reading server-rendered pages in tests without an HTML parser.

/// The texts of every element with `data-testid="{id}"` (elements without child tags only).
pub fn texts(html: &str, id: &str) -> Vec<String> {
    let marker = format!("data-testid=\"{id}\"");
    html.split(&marker)
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find('>')? + 1;
            let end = rest[start..].find('<')? + start;
            Some(rest[start..end].to_owned())
        })
        .collect()
}

/// The removal form's signed token on a rendered VIN page.
pub fn removal_form_token(page: &str) -> String {
    let marker = "name=\"token\" value=\"";
    let start = page.find(marker).expect("the removal form is on the page") + marker.len();
    let end = start + page[start..].find('"').expect("attribute end");
    page[start..end].to_owned()
}

/// A form body of `fields`, each name and value encoded with [`form_urlencode`].
pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", form_urlencode(k), form_urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `application/x-www-form-urlencoded` value encoding (every byte but [A-Za-z0-9] escaped).
pub fn form_urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
