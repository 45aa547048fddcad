//! The removal-requests page on the operator listener: who may see it (token as Bearer or as
//! Basic credentials; never on the public port), what it shows (pending requests with their
//! contact, escaped; handled ones with who handled them and why), the forms' anti-forgery
//! checks, and both decisions end to end — apply removes the VIN from the site and closes every
//! pending request of it, reject keeps the reason — in English and Russian. The contacts never
//! reach a public page. Real PostgreSQL, the real router.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::html::form_body;
use common::{ADMIN_TOKEN, TestApp, TestDb};
use serde_json::Value;

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,*/*;q=0.8";
const CONTACT_A: &str = "owner-a.private@example.org";
const CONTACT_B: &str = "+7 900 000-11-22 (b.private)";

/// `user:password` as Basic credentials carry them.
fn basic(password: &str) -> String {
    use base64::Engine;
    let raw = format!("operator:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

async fn insert_request(app: &TestApp, vin: &str, reason: &str, contact: Option<&str>) -> i64 {
    let etl = app.db.etl().await;
    sqlx::query_scalar(
        "INSERT INTO removal_requests (vin, lang, reason, contact, requested_at)
         VALUES ($1, 'en', $2, $3, now() - interval '1 hour' * (SELECT count(*) + 1 FROM removal_requests))
         RETURNING id",
    )
    .bind(vin)
    .bind(reason)
    .bind(contact)
    .fetch_one(&etl)
    .await
    .expect("request")
}

async fn two_vins(app: &TestApp) -> (String, String) {
    let pool = app.db.owner().await;
    let vins: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT vin FROM lots ORDER BY vin LIMIT 2")
            .fetch_all(&pool)
            .await
            .expect("vins");
    (vins[0].clone(), vins[1].clone())
}

/// The admin page as a browser gets it with Basic credentials: (status, body).
async fn page(app: &TestApp, query: &str) -> (u16, String) {
    let res = app
        .client
        .get(app.ops_url(&format!("/admin/removals{query}")))
        .header("accept", BROWSER_ACCEPT)
        .header("authorization", basic(ADMIN_TOKEN))
        .send()
        .await
        .expect("page");
    let status = res.status().as_u16();
    if status == 200 {
        assert_eq!(res.headers()["cache-control"], "no-store");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    (status, res.text().await.expect("body"))
}

fn csrf_of(page: &str) -> String {
    let at = page
        .find(r#"name="csrf" value=""#)
        .expect("a form with its csrf value");
    let rest = &page[at + r#"name="csrf" value=""#.len()..];
    rest[..rest.find('"').expect("end of value")].to_owned()
}

/// A decision posted like the page's form: (status, Location or JSON body).
async fn decide(
    app: &TestApp,
    id: i64,
    action: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> (u16, String) {
    let body = form_body(fields);
    let mut req = app
        .client
        .post(app.ops_url(&format!("/admin/removals/{id}/{action}")))
        .header("authorization", basic(ADMIN_TOKEN))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.expect("decision");
    let status = res.status().as_u16();
    match res.headers().get("location") {
        Some(l) => (status, l.to_str().unwrap().to_owned()),
        None => (status, res.text().await.expect("body")),
    }
}

async fn request_row(app: &TestApp, id: i64) -> (String, Option<String>, Option<String>) {
    let pool = app.db.owner().await;
    sqlx::query_as(
        "SELECT status, handled_by, rejection_reason FROM removal_requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .expect("row")
}

#[tokio::test]
async fn operators_work_through_removal_requests_on_the_admin_page() {
    let app = TestApp::builder(TestDb::with_demo(5, 40).await)
        .spawn()
        .await;
    let (vin_a, vin_b) = two_vins(&app).await;
    let a1 = insert_request(
        &app,
        &vin_a,
        "I sold it.\n<script>alert(1)</script>",
        Some(CONTACT_A),
    )
    .await;
    let a2 = insert_request(&app, &vin_a, "Second request, same car", None).await;
    let b1 = insert_request(&app, &vin_b, "Not mine", Some(CONTACT_B)).await;

    // Never on the public port; on the operator listener only with the token.
    let public = app
        .client
        .get(app.url("/admin/removals"))
        .header("authorization", basic(ADMIN_TOKEN))
        .send()
        .await
        .expect("public");
    assert_eq!(public.status().as_u16(), 404);
    for auth in [
        None,
        Some(basic("wrong-token-wrong-token-0000")),
        Some("Bearer nope".to_owned()),
    ] {
        let mut req = app
            .client
            .get(app.ops_url("/admin/removals"))
            .header("accept", BROWSER_ACCEPT);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        let res = req.send().await.expect("unauthorized");
        assert_eq!(res.status().as_u16(), 401);
        let challenges: Vec<&str> = res
            .headers()
            .get_all("www-authenticate")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert!(
            challenges.iter().any(|c| c.starts_with("Basic realm=")),
            "{challenges:?}"
        );
        assert!(challenges.contains(&"Bearer"), "{challenges:?}");
    }

    // The page: every pending request, oldest first, with its contact; markup escaped.
    let (status, html) = page(&app, "").await;
    assert_eq!(status, 200);
    assert!(html.contains("Removal requests (3)"), "{html}");
    let order: Vec<usize> = [b1, a2, a1]
        .iter()
        .map(|id| {
            html.find(&format!("id=\"request-{id}\""))
                .expect("each pending request")
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "oldest first: {order:?}"
    );
    assert!(html.contains(CONTACT_A) && html.contains("+7 900 000-11-22"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert")
    );
    assert!(
        html.contains(&format!("/en/vin/{vin_a}")),
        "links the public VIN page"
    );
    assert!(html.contains("Nothing handled yet."));
    let csrf = csrf_of(&html);

    // The same lists as JSON for scripts, with the Bearer token.
    let json: Value = app
        .client
        .get(app.ops_url("/admin/removals"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .expect("json")
        .json()
        .await
        .expect("json body");
    assert_eq!(json["pending_total"], 3);
    assert_eq!(json["pending"][0]["id"], b1);
    assert_eq!(json["pending"][0]["contact"], CONTACT_B);

    // Forged or incomplete forms change nothing.
    let reason = [
        ("csrf", csrf.as_str()),
        ("lang", "en"),
        ("reason", "duplicate"),
    ];
    assert_eq!(
        decide(&app, b1, "reject", &[("lang", "en"), ("reason", "x")], &[])
            .await
            .0,
        403
    );
    assert_eq!(
        decide(
            &app,
            b1,
            "reject",
            &[("csrf", &"0".repeat(64)), ("reason", "x")],
            &[]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        decide(
            &app,
            b1,
            "reject",
            &reason,
            &[("sec-fetch-site", "cross-site")]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        decide(
            &app,
            b1,
            "apply",
            &[("csrf", &csrf)],
            &[("sec-fetch-site", "cross-site")]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        decide(
            &app,
            b1,
            "reject",
            &[("csrf", &csrf), ("reason", " \n ")],
            &[]
        )
        .await
        .0,
        400
    );
    assert_eq!(request_row(&app, b1).await.0, "pending");

    // Reject: back to the page with a notice; the reason and who are kept.
    let (status, location) = decide(
        &app,
        b1,
        "reject",
        &[
            ("csrf", &csrf),
            ("lang", "ru"),
            ("reason", "Не подтверждено владение"),
        ],
        &[("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (
            303,
            format!("/admin/removals?lang=ru&done=rejected&id={b1}#pending").as_str()
        )
    );
    assert_eq!(
        request_row(&app, b1).await,
        (
            "rejected".to_owned(),
            Some("admin-page".to_owned()),
            Some("Не подтверждено владение".to_owned())
        )
    );
    let (_, ru) = page(&app, &format!("?lang=ru&done=rejected&id={b1}")).await;
    assert!(
        ru.contains("Запросы на удаление (2)") && ru.contains("Отклонено; причина сохранена."),
        "{ru}"
    );
    assert!(ru.contains("Не подтверждено владение") && ru.contains("отклонён"));
    // The same decision again: already handled (a script gets a 409).
    let (status, body) = decide(
        &app,
        b1,
        "reject",
        &reason,
        &[("accept", "application/json")],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("ALREADY_HANDLED"));

    // Apply: the VIN leaves the site and both of its requests close.
    assert_eq!(
        app.get(&format!("/en/vin/{vin_a}")).await.status().as_u16(),
        200
    );
    let (status, location) =
        decide(&app, a2, "apply", &[("csrf", &csrf), ("lang", "en")], &[]).await;
    assert_eq!(
        (status, location.as_str()),
        (
            303,
            format!("/admin/removals?lang=en&done=applied&id={a2}#pending").as_str()
        )
    );
    assert_eq!(request_row(&app, a1).await.0, "applied");
    assert_eq!(request_row(&app, a2).await.1.as_deref(), Some("admin-page"));
    let owner = app.db.owner().await;
    let (reason, by): (String, String) =
        sqlx::query_as("SELECT reason, created_by FROM suppressions WHERE vin = $1")
            .bind(&vin_a)
            .fetch_one(&owner)
            .await
            .expect("the suppression");
    assert_eq!(
        (reason.as_str(), by.as_str()),
        (
            format!("removal request {a2}: Second request, same car").as_str(),
            "admin-page"
        )
    );
    assert_eq!(
        app.get(&format!("/en/vin/{vin_a}")).await.status().as_u16(),
        410
    );
    let (status, body) = decide(
        &app,
        a1,
        "apply",
        &[("csrf", &csrf)],
        &[("accept", "application/json")],
    )
    .await;
    assert_eq!(status, 409, "a1 was closed by the same suppression: {body}");
    let (status, _) = decide(
        &app,
        999_999,
        "apply",
        &[("csrf", &csrf)],
        &[("accept", "application/json")],
    )
    .await;
    assert_eq!(status, 404);

    let (_, html) = page(&app, &format!("?done=applied&id={a2}")).await;
    assert!(html.contains("No pending requests.") && html.contains("Applied: the VIN is removed"));
    assert_eq!(html.matches("data-status=\"applied\"").count(), 2, "{html}");

    // The contacts are on no public page.
    for path in [
        format!("/en/vin/{vin_b}"),
        format!("/ru/vin/{vin_b}"),
        format!("/api/v1/vehicles/{vin_b}"),
        "/health".to_owned(),
        "/en/cars".to_owned(),
    ] {
        let body = app.get(&path).await.text().await.expect("body");
        assert!(
            !body.contains("private@example.org") && !body.contains("b.private"),
            "{path}"
        );
    }
}
