//! JSON-LD (schema.org) objects of the pages, and the one way they are written into a
//! `<script type="application/ld+json">`.
//!
//! The content of a `<script>` element is raw text in HTML: nothing is escaped there, so a CSV
//! value containing `</script>` would end the element and the rest would be parsed as markup.
//! [`script_text`] therefore escapes `<`, `>` and `&` (and U+2028/U+2029, which older JavaScript
//! parsers treat as line ends) as `\uXXXX`. Those characters can only occur inside JSON strings,
//! where the escape means the same character, so the JSON still parses to the same value.
//!
//! Builders put in only what we really have: an absent or empty value leaves its property out,
//! and nothing is invented (no offers, no prices).

use serde_json::{Map, Value, json};

const CONTEXT: &str = "https://schema.org";

/// The JSON text to put inside a `<script type="application/ld+json">` element.
pub fn script_text(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON object that keeps only the properties that have a non-empty value.
#[derive(Default)]
struct Props(Map<String, Value>);

impl Props {
    fn typed(kind: &str) -> Props {
        let mut p = Props::default();
        p.set("@context", CONTEXT);
        p.set("@type", kind);
        p
    }

    fn set(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    /// Sets `key` when `value` is present and not blank.
    fn text(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.set(key, v);
        }
        self
    }

    fn done(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.0))
    }
}

/// `WebSite` with a `SearchAction` whose target is the home page's search form
/// (`/{lang}/search?q=`, which redirects a VIN or lot number to its VIN page).
pub fn website(name: &str, home_url: &str, lang: &str, search_url: &str) -> Value {
    Props::typed("WebSite")
        .set("name", name)
        .set("url", home_url)
        .set("inLanguage", lang)
        .set(
            "potentialAction",
            json!({
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": format!("{search_url}?q={{search_term_string}}"),
                },
                "query-input": "required name=search_term_string",
            }),
        )
        .done()
}

/// `BreadcrumbList` from `(name, absolute URL)` pairs, first to last.
pub fn breadcrumbs(items: &[(String, String)]) -> Value {
    let list: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": url })
        })
        .collect();
    Props::typed("BreadcrumbList")
        .set("itemListElement", list)
        .done()
}

/// `ItemList` of the lots on a listing page: `(name, absolute VIN page URL)` pairs.
pub fn item_list(name: &str, items: &[(String, String)]) -> Value {
    let list: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, (name, url))| {
            json!({ "@type": "ListItem", "position": i + 1, "name": name, "url": url })
        })
        .collect();
    Props::typed("ItemList")
        .set("name", name)
        .set("numberOfItems", list.len())
        .set("itemListElement", list)
        .done()
}

/// What a VIN page knows of its vehicle, for the `Car` object. Names and codes are as exported;
/// colour, body, fuel, transmission and drive in the page's language (`taxonomy`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CarFacts<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub vin: &'a str,
    pub make: Option<&'a str>,
    pub model: Option<&'a str>,
    pub trim: Option<&'a str>,
    pub year: Option<i16>,
    /// Miles on the odometer of the newest lot that has a reading.
    pub odometer_mi: Option<i32>,
    pub color: Option<&'a str>,
    pub body: Option<&'a str>,
    pub fuel: Option<&'a str>,
    pub transmission: Option<&'a str>,
    pub drive: Option<&'a str>,
    /// Absolute photo URLs.
    pub images: Vec<String>,
}

/// schema.org `Car`: only the properties we have a value for.
pub fn car(f: &CarFacts<'_>) -> Value {
    let mut p = Props::typed("Car");
    p.set("name", f.name)
        .set("url", f.url)
        .set("vehicleIdentificationNumber", f.vin);
    if let Some(make) = f.make.map(str::trim).filter(|m| !m.is_empty()) {
        p.set("brand", json!({ "@type": "Brand", "name": make }));
    }
    p.text("model", f.model)
        .text("vehicleConfiguration", f.trim)
        .text("color", f.color)
        .text("bodyType", f.body)
        .text("fuelType", f.fuel)
        .text("vehicleTransmission", f.transmission)
        .text("driveWheelConfiguration", f.drive);
    if let Some(y) = f.year {
        p.set("vehicleModelDate", y.to_string());
    }
    if let Some(mi) = f.odometer_mi.filter(|mi| *mi >= 0) {
        p.set(
            "mileageFromOdometer",
            json!({ "@type": "QuantitativeValue", "value": mi, "unitCode": "SMI" }),
        );
    }
    match f.images.as_slice() {
        [] => {}
        [one] => {
            p.set("image", one.as_str());
        }
        many => {
            p.set("image", many.to_vec());
        }
    }
    p.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: [&str; 6] = [
        "</script><script>alert(1)</script>",
        "</SCRIPT >",
        "<!-- <script>",
        "a & b > c < d",
        "line\u{2028}sep\u{2029}para",
        "\"quoted\" \\ back",
    ];

    /// Parses `text` back and checks it holds no sequence an HTML parser would act on.
    fn safe_and_round_trips(value: &Value) {
        let text = script_text(value);
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!text.contains(bad), "{bad:?} left in {text}");
        }
        let back: Value = serde_json::from_str(&text).expect("escaped text is JSON");
        assert_eq!(&back, value, "escaping changed the value");
    }

    #[test]
    fn hostile_values_in_every_field_stay_inside_the_script() {
        for h in HOSTILE {
            let images = vec![format!("https://x.test/{h}"), h.to_owned()];
            let facts = CarFacts {
                name: h,
                url: h,
                vin: h,
                make: Some(h),
                model: Some(h),
                trim: Some(h),
                year: Some(2019),
                odometer_mi: Some(12),
                color: Some(h),
                body: Some(h),
                fuel: Some(h),
                transmission: Some(h),
                drive: Some(h),
                images,
            };
            let car = car(&facts);
            safe_and_round_trips(&car);
            assert_eq!(car["model"], h);
            assert_eq!(car["brand"]["name"], h);
            let pairs = vec![(h.to_owned(), h.to_owned()), ("x".to_owned(), h.to_owned())];
            safe_and_round_trips(&breadcrumbs(&pairs));
            safe_and_round_trips(&item_list(h, &pairs));
            safe_and_round_trips(&website(h, h, h, h));
        }
    }

    #[test]
    fn car_has_only_present_values() {
        let facts = CarFacts {
            name: "2019 FORD F150",
            url: "https://v.test/en/vin/1FTEW1EP5KFA12345",
            vin: "1FTEW1EP5KFA12345",
            make: Some("FORD"),
            model: Some("F150"),
            trim: Some("  "),
            year: Some(2019),
            odometer_mi: Some(45_210),
            ..CarFacts::default()
        };
        let v = car(&facts);
        let obj = v.as_object().expect("an object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "@context",
                "@type",
                "brand",
                "mileageFromOdometer",
                "model",
                "name",
                "url",
                "vehicleIdentificationNumber",
                "vehicleModelDate"
            ]
        );
        assert_eq!(v["@type"], "Car");
        assert_eq!(v["vehicleModelDate"], "2019");
        assert_eq!(v["mileageFromOdometer"]["unitCode"], "SMI");
        assert_eq!(v["mileageFromOdometer"]["value"], 45_210);
        assert!(v.get("offers").is_none());
    }

    #[test]
    fn website_search_target_is_a_url_template() {
        let v = website(
            "Vinops",
            "https://v.test/en",
            "en",
            "https://v.test/en/search",
        );
        assert_eq!(
            v["potentialAction"]["target"]["urlTemplate"],
            "https://v.test/en/search?q={search_term_string}"
        );
        assert_eq!(
            v["potentialAction"]["query-input"],
            "required name=search_term_string"
        );
    }

    #[test]
    fn lists_are_numbered_from_one() {
        let pairs = vec![
            ("Home".to_owned(), "https://v.test/en".to_owned()),
            ("Cars".to_owned(), "https://v.test/en/cars".to_owned()),
        ];
        let b = breadcrumbs(&pairs);
        assert_eq!(b["itemListElement"][0]["position"], 1);
        assert_eq!(b["itemListElement"][1]["item"], "https://v.test/en/cars");
        let l = item_list("Cars", &pairs);
        assert_eq!(l["numberOfItems"], 2);
        assert_eq!(l["itemListElement"][1]["position"], 2);
        assert_eq!(l["itemListElement"][1]["url"], "https://v.test/en/cars");
    }
}
