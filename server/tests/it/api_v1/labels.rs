//! The option lists' labels: named in the language `Accept-Language` asks for, as the site
//! names them, with the headers a shared cache needs.

use app::i18n::Lang;
use app::taxonomy::Taxon;

use super::{OPTIONS, app_with_demo, check};

#[tokio::test]
async fn option_labels_follow_accept_language() {
    let app = app_with_demo(300).await;
    let mut etags = Vec::new();
    for (accept, lang) in [
        (None, Lang::En),
        (Some("ru-RU,ru;q=0.9,en;q=0.5"), Lang::Ru),
        (Some("uk"), Lang::Uk),
        (Some("de-DE"), Lang::En),
    ] {
        let mut req = app.client.get(app.url(OPTIONS));
        if let Some(a) = accept {
            req = req.header("accept-language", a);
        }
        let (status, headers, body) = check(req.send().await.expect("request"), OPTIONS).await;
        assert_eq!(status, 200);
        assert_eq!(body["language"], lang.code(), "{accept:?}");
        assert_eq!(headers["content-language"], lang.code());
        let vary: Vec<&str> = headers
            .get_all("vary")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert!(
            vary.iter().any(|v| v.contains("Accept-Language")),
            "{vary:?}"
        );
        // Every listed value has its label, the site's name for it in that language.
        for (list, kind) in [
            ("damages", Taxon::Damage),
            ("colors", Taxon::Color),
            ("bodyStyles", Taxon::BodyStyle),
        ] {
            let values: Vec<String> = serde_json::from_value(body[list].clone()).expect("list");
            assert!(!values.is_empty(), "{list}");
            let labels = body["labels"][list].as_object().expect("labels");
            assert_eq!(labels.len(), values.len(), "{list}");
            for v in &values {
                assert_eq!(labels[v], lang.taxon(kind, v).as_ref(), "{list} {v}");
            }
            if lang != Lang::En {
                assert!(
                    values.iter().any(|v| labels[v] != v.as_str()),
                    "{list}: translated in {}",
                    lang.code()
                );
            }
        }
        let statuses = body["labels"]["saleStatuses"]
            .as_object()
            .expect("statuses");
        for (code, label) in statuses {
            assert_eq!(label, (lang.t().status_label)(code), "{code}");
        }
        etags.push((lang, headers["etag"].clone()));
    }
    // One body per language, so one validator per language.
    assert_ne!(etags[0].1, etags[1].1);
    assert_ne!(etags[1].1, etags[2].1);
    assert_eq!(etags[0].1, etags[3].1, "an unknown language is English");
}
