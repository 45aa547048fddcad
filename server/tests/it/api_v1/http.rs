//! The API's HTTP behaviour around the handlers: CORS, the rate limit, localized errors,
//! database outages and the served contract. Part of the `api_v1` tests.

use super::*;

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let db = TestDb::new().await;
    let cfg = ApiConfig {
        cors_origins: "https://vinops.online, https://www.vinops.online".into(),
        ..api_cfg()
    };
    let app = TestApp::builder(db).with_api(cfg).spawn().await;
    let with_origin = |origin: &'static str| {
        app.client
            .get(app.url(OPTIONS))
            .header("origin", origin)
            .send()
    };
    let res = with_origin("https://www.vinops.online")
        .await
        .expect("request");
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://www.vinops.online"
    );
    // Every Vary header counts (the options' labels add one of their own).
    let vary: Vec<&str> = res
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(vary.iter().any(|v| v.contains("origin")), "{vary:?}");
    let res = with_origin("https://evil.example").await.expect("request");
    assert!(!res.headers().contains_key("access-control-allow-origin"));

    let res = app
        .client
        .request(reqwest::Method::OPTIONS, app.url(SEARCH))
        .header("origin", "https://vinops.online")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .expect("preflight");
    assert!(res.status().is_success());
    let methods = res.headers()["access-control-allow-methods"]
        .to_str()
        .expect("methods")
        .to_owned();
    assert!(methods.contains("GET") && methods.contains("HEAD") && !methods.contains("POST"));

    // Without configured origins there are no CORS headers at all.
    let plain = TestApp::builder(TestDb::new().await)
        .with_api(api_cfg())
        .spawn()
        .await;
    let res = plain
        .client
        .get(plain.url(OPTIONS))
        .header("origin", "https://vinops.online")
        .send()
        .await
        .expect("request");
    assert!(!res.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn rate_limit_answers_429_after_the_burst_and_spares_pages() {
    let cfg = ApiConfig {
        rate_limit_per_min: 1,
        rate_limit_burst: 3,
        ..ApiConfig::default()
    };
    let app = TestApp::builder(TestDb::new().await)
        .with_api(cfg)
        .spawn()
        .await;
    for left in ["2", "1", "0"] {
        let res = app.get("/api/v1/vehicles/12345678901").await;
        assert_eq!(res.status().as_u16(), 404);
        assert_eq!(res.headers()["x-ratelimit-remaining"], left);
        assert_eq!(res.headers()["x-ratelimit-limit"], "1");
    }
    let res = app
        .client
        .get(app.url(SEARCH))
        .header("accept-language", "ru-RU,ru;q=0.9")
        .send()
        .await
        .expect("request");
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .expect("retry-after")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    let (status, _, body) = check(res, SEARCH).await;
    assert_eq!(status, 429);
    assert_eq!(body["error"]["code"], "RATE_LIMITED");
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("запросов")
    );
    // Pages and liveness never go through the API limiter.
    for path in ["/en/cars", "/healthz", "/en"] {
        assert_eq!(app.get(path).await.status().as_u16(), 200, "{path}");
    }
}

#[tokio::test]
async fn error_messages_follow_accept_language() {
    let app = TestApp::builder(TestDb::new().await)
        .with_api(api_cfg())
        .spawn()
        .await;
    let res = app
        .client
        .get(app.url("/api/v1/vehicles/12345678901"))
        .header("accept-language", "ru")
        .send()
        .await
        .expect("request");
    assert!(
        res.headers()["vary"]
            .to_str()
            .expect("vary")
            .contains("Accept-Language")
    );
    let (status, _, body) = check(res, VEHICLE).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["message"], "Не найдено.");
    let (_, _, body) = get(&app, "/api/v1/vehicles/12345678901", VEHICLE).await;
    assert_eq!(body["error"]["message"], "Not found.");

    // Unknown paths and methods under /api/v1 are JSON errors too, not the HTML 404 page.
    let res = app.get("/api/v1/nope").await;
    assert_eq!(res.status().as_u16(), 404);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "NOT_FOUND");
    let res = app.client.post(app.url(SEARCH)).send().await.expect("post");
    let (status, _, body) = check(res, SEARCH).await;
    assert_eq!(status, 405);
    assert_eq!(body["error"]["code"], "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn database_down_is_503_with_retry_after() {
    let mut db = TestDb::new().await;
    db.cfg.web_database_url = "postgres://vinops_web@127.0.0.1:1/nowhere".into();
    let app = TestApp::builder(db).with_api(api_cfg()).spawn().await;
    for (path, template) in [
        (SEARCH, SEARCH),
        (OPTIONS, OPTIONS),
        ("/api/v1/vehicles/12345678901", VEHICLE),
    ] {
        let res = app.get(path).await;
        assert_eq!(res.headers()["retry-after"], "60", "{path}");
        let (status, _, body) = check(res, template).await;
        assert_eq!(status, 503, "{path}");
        assert_eq!(body["error"]["code"], "UNAVAILABLE");
        let text = body.to_string();
        assert!(
            !text.contains("127.0.0.1") && !text.contains("nowhere"),
            "no internals: {text}"
        );
    }
}

#[tokio::test]
async fn openapi_document_is_served() {
    let app = TestApp::spawn(TestDb::new().await).await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status().as_u16(), 200);
    let doc: Value = res.json().await.expect("json");
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [SEARCH, OPTIONS, VEHICLE] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
}
