//! Security headers on every kind of response, and the CSP's per-response nonce on every inline
//! script of a page.

use crate::common::{ADMIN_TOKEN, TestApp, TestDb};

/// Headers every response must carry, with the exact value where it is fixed.
const FIXED: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("strict-transport-security", "max-age=31536000"),
];

fn check_headers(what: &str, res: &reqwest::Response) {
    let h = res.headers();
    for (name, value) in FIXED {
        assert_eq!(
            h.get(name).map(|v| v.to_str().expect("ascii")),
            Some(value),
            "{what}: {name}"
        );
    }
    let pp = h
        .get("permissions-policy")
        .unwrap_or_else(|| panic!("{what}: permissions-policy"));
    assert!(pp.to_str().expect("ascii").contains("camera=()"), "{what}");
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: content-security-policy"))
        .to_str()
        .expect("ascii");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    let script_src = csp
        .split(';')
        .find(|d| d.trim_start().starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: script-src in {csp}"));
    assert!(!script_src.contains("unsafe-inline"), "{what}: {csp}");
    assert!(script_src.contains("'nonce-"), "{what}: {csp}");
}

/// The nonce of a response's CSP.
fn nonce_of(res: &reqwest::Response) -> String {
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    let start = csp.find("'nonce-").expect("a nonce") + "'nonce-".len();
    let end = start + csp[start..].find('\'').expect("nonce end");
    csp[start..end].to_owned()
}

/// Every `<script …>` start tag of `html`.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(at, _)| &html[at..at + html[at..].find('>').expect("tag end") + 1])
        .collect()
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let media = std::env::temp_dir().join(format!(
        "vinops-edge-media-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(media.join("lots/47704465")).expect("dirs");
    std::fs::write(media.join("lots/47704465/1_thb.jpg"), b"\xFF\xD8\xFFjpeg").expect("photo");
    let app = TestApp::builder(TestDb::with_demo(3, 30).await)
        .with_media_dir(media.clone())
        .spawn()
        .await;
    let pool = app.db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a vin");

    let mut seen = Vec::new();
    for (path, status) in [
        ("/", 308),
        ("/en", 200),
        ("/ru/cars", 200),
        (&format!("/en/vin/{vin}") as &str, 200),
        ("/en/vin/1HGCM82633A004352", 404),
        ("/en/no-such-page", 404),
        ("/pkg/vinops.js", 404),
        ("/favicon.svg", 404),
        ("/healthz", 200),
        ("/robots.txt", 200),
        ("/sitemap.xml", 200),
        ("/sitemaps/vins-en-1-0.xml.gz", 200),
        ("/media/lots/47704465/1_thb.jpg", 200),
        ("/media/lots/47704465/9_thb.jpg", 404),
        ("/api/v1/search", 200),
        ("/api/v1/vehicles/NOT-A-VIN", 422),
        ("/api/v1/openapi.json", 200),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), status, "{path}");
        check_headers(path, &res);
        seen.push(path.to_owned());
    }
    // A form POST (303 or an error page) and the admin endpoint.
    let res = app
        .client
        .post(app.url(&format!("/en/vin/{vin}/removal")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("reason=x")
        .send()
        .await
        .expect("post");
    assert!(!res.status().is_server_error(), "{}", res.status());
    check_headers("removal POST", &res);
    let res = app
        .client
        .post(app.ops_url("/admin/suppressions"))
        .bearer_auth(ADMIN_TOKEN)
        .json(&serde_json::json!({ "vin": "bad" }))
        .send()
        .await
        .expect("post");
    assert!(res.status().is_client_error(), "{}", res.status());
    check_headers("admin POST", &res);
    std::fs::remove_dir_all(&media).ok();
}

#[tokio::test]
async fn hsts_can_be_switched_off() {
    let app = TestApp::builder(TestDb::new().await)
        .with_edge(server::config::EdgeConfig {
            hsts_max_age_secs: 0,
            ..Default::default()
        })
        .spawn()
        .await;
    let res = app.get("/en/terms").await;
    assert!(res.headers().get("strict-transport-security").is_none());
    assert!(res.headers().get("content-security-policy").is_some());
}

#[tokio::test]
async fn each_page_has_its_own_nonce_on_every_inline_script_even_from_the_cache() {
    let app = TestApp::builder(TestDb::with_demo(5, 30).await)
        .with_redis()
        .spawn()
        .await;
    crate::common::wait_cache_up(app.cache()).await;
    let pool = app.db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a vin");
    let mut nonces = std::collections::HashSet::new();
    // Twice each: the second catalog page and hub come from the Redis read-through.
    for path in [
        "/en/cars",
        "/en/cars",
        "/ru",
        "/ru",
        &format!("/en/vin/{vin}") as &str,
        &format!("/en/vin/{vin}"),
        "/en/no-such-page",
    ] {
        let res = app.get(path).await;
        let nonce = nonce_of(&res);
        assert!(nonce.len() >= 16, "{path}: {nonce}");
        assert!(nonces.insert(nonce.clone()), "{path}: nonce {nonce} reused");
        let html = res.text().await.expect("body");
        let tags = script_tags(&html);
        // The theme boot script, the islands loader and the hydration data at least; JSON-LD
        // on SEO pages.
        assert!(tags.len() >= 3, "{path}: {tags:?}");
        for tag in tags {
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: {tag} without the response's nonce: {}",
                html.get(html.find(tag).unwrap_or(0)..)
                    .unwrap_or("")
                    .chars()
                    .take(300)
                    .collect::<String>()
            );
        }
    }
}

#[tokio::test]
async fn a_304_keeps_the_cached_pages_policy() {
    let app = TestApp::spawn(TestDb::with_demo(5, 10).await).await;
    let pool = app.db.owner().await;
    let vin: String = sqlx::query_scalar("SELECT vin FROM lots ORDER BY id LIMIT 1")
        .fetch_one(&pool)
        .await
        .expect("a vin");
    let path = format!("/en/vin/{vin}");
    let first = app.get(&path).await;
    let etag = first.headers()["etag"].to_str().expect("etag").to_owned();
    let res = app
        .client
        .get(app.url(&path))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("304");
    assert_eq!(res.status().as_u16(), 304);
    // Its headers would replace the cached copy's, whose scripts carry the first nonce.
    assert!(res.headers().get("content-security-policy").is_none());
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}
