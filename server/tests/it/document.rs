//! The HTML document as the W3C checker reads it (`server/src/http/pages.rs`): Leptos's
//! hydration data scripts inside `<body>`, nothing but hydration markers after `</html>`; and
//! the islands' loader (`app/src/hydration.rs`) instead of leptos's preload links. On routed
//! pages, error pages and the fallback's 404, in both languages.

use crate::common;

use common::{TestApp, TestDb};

/// What follows the last `</html>`, hydration markers (`<!>`) removed.
fn after_html(doc: &str) -> String {
    let end = doc.rfind("</html>").expect("</html>") + "</html>".len();
    doc[end..].replace("<!>", "")
}

#[tokio::test]
async fn hydration_data_is_inside_body_and_the_wasm_is_not_preloaded() {
    let app = TestApp::spawn(TestDb::with_demo(7, 50).await).await;
    for lang in app::i18n::Lang::ALL.map(app::i18n::Lang::code) {
        for (path, status) in [
            (format!("/{lang}"), 200),
            (format!("/{lang}/cars"), 200),
            (format!("/{lang}/terms"), 200),
            (format!("/{lang}/vin/1HGCM82633A000000"), 404),
            (format!("/{lang}/cars?sort=cheapest"), 400),
            (format!("/{lang}/no-such-page"), 404),
            ("/de/cars".to_owned(), 404),
        ] {
            let res = app.get(&path).await;
            assert_eq!(res.status().as_u16(), status, "{path}");
            let doc = res.text().await.expect("body");
            assert_eq!(after_html(&doc), "", "{path}: content after </html>");
            let data = doc
                .find("__RESOLVED_RESOURCES=")
                .unwrap_or_else(|| panic!("{path}: no hydration data"));
            let body_end = doc.rfind("</body>").expect("</body>");
            assert!(data < body_end, "{path}: hydration data after </body>");
            assert!(doc.contains("__INCOMPLETE_CHUNKS="), "{path}");
            // The loader names the bundle; nothing fetches it before the page is idle.
            let head = &doc[..doc.find("</head>").expect("</head>")];
            assert!(head.contains(r#"<script type="module""#), "{path}");
            assert!(head.contains(r#""/pkg/vinops.wasm""#), "{path}: the loader");
            assert!(!doc.contains("preload"), "{path}: a preload link");
            assert!(!doc.contains("crossorigin"), "{path}");
        }
    }
}
