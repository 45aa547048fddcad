//! The removal-requests page of the admin endpoint (operator listener, admin token):
//!
//! - `GET /admin/removals[?lang=ru]` → the page (`app::admin`) for browsers, or the lists as
//!   JSON (`{"pending_total", "pending", "handled"}`) for scripts — the same negotiation as
//!   `/health` (JSON unless the client prefers HTML; `?format=json|html` overrides);
//! - `POST /admin/removals/{id}/apply` and `POST /admin/removals/{id}/reject` (form fields
//!   `csrf`, `lang`, and `reason` for a rejection) → `303` back to the page with the outcome in
//!   `done` (a reload cannot send the form twice); with `Accept: application/json` (named, not
//!   `*/*`), the outcome as JSON instead: 200, 404 `NOT_FOUND`, 409 `ALREADY_HANDLED`.
//!
//! A browser presents the token as Basic credentials and would send them with a form another
//! site posts at this origin, so every form carries an anti-forgery value (an HMAC of a fixed
//! label under the admin token: only a page rendered for the token holder has it) and a request
//! that the browser marks cross-site (`Sec-Fetch-Site`) is refused before it is read.

use axum::Json;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hmac::{Hmac, KeyInit, Mac};
use leptos::prelude::*;
use serde::Deserialize;

use app::admin::{Notice, RemovalsDocument, RemovalsView, RequestRow};
use app::i18n::Lang;

use super::admin::{AdminError, authorize, failed};
use crate::health::negotiate::{self, Format};
use crate::http::AppState;
use crate::removals::{self, RejectionReason, Request, Review};

type HmacSha256 = Hmac<sha2::Sha256>;

/// Who the decisions are recorded as (`handled_by`, the suppression's actor).
const ACTOR: &str = "admin-page";

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    format: Option<String>,
    done: Option<String>,
    id: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    reason: String,
}

fn lang_of(code: Option<&str>) -> Lang {
    code.and_then(Lang::from_segment).unwrap_or(Lang::DEFAULT)
}

/// The forms' anti-forgery value for the configured token.
fn csrf_value(state: &AppState) -> String {
    let token = state.seo.0.admin_token.as_deref().unwrap_or_default();
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(token.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(b"vinops admin forms v1");
    hex::encode(mac.finalize().into_bytes())
}

/// A decision's form, once the token, the form's own shape and its anti-forgery checks pass (in
/// that order: nothing about the form is looked at for an unauthorized caller).
fn accepted(
    state: &AppState,
    headers: &HeaderMap,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Result<DecisionForm, AdminError> {
    authorize(state, headers)?;
    let Form(form) = form.map_err(|e| AdminError::BadRequest(e.body_text()))?;
    check_form(state, headers, &form.csrf)?;
    Ok(form)
}

fn check_form(state: &AppState, headers: &HeaderMap, given: &str) -> Result<(), AdminError> {
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"));
    let expected = csrf_value(state);
    let same = given.len() == expected.len()
        && bool::from(subtle::ConstantTimeEq::ct_eq(
            given.as_bytes(),
            expected.as_bytes(),
        ));
    if cross_site || !same {
        return Err(AdminError::Forbidden);
    }
    Ok(())
}

fn row(site_url: &str, r: Request) -> RequestRow {
    let lang = lang_of(Some(&r.lang));
    RequestRow {
        id: r.id,
        vin_url: format!("{site_url}/{}/vin/{}", lang.code(), r.vin),
        vin: r.vin,
        lang: r.lang,
        message: r.reason,
        contact: r.contact,
        status: r.status,
        requested_at: r.requested_at,
        handled_at: r.handled_at,
        handled_by: r.handled_by,
        rejection_reason: r.rejection_reason,
        suppressed: r.suppressed,
    }
}

fn no_store(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::VARY, HeaderValue::from_static("accept"));
    res
}

/// `GET /admin/removals`.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Result<Response, AdminError> {
    authorize(&state, &headers)?;
    let queue = removals::queue(&state.seo.0.write_pool)
        .await
        .map_err(|e| failed(&e))?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    if negotiate::choose(accept, q.format.as_deref()) == Format::Json {
        return Ok(no_store(Json(queue).into_response()));
    }
    let lang = lang_of(q.lang.as_deref());
    let site = state.seo.site_url();
    let view = RemovalsView {
        pending_total: queue.pending_total,
        pending: queue.pending.into_iter().map(|r| row(site, r)).collect(),
        handled: queue.handled.into_iter().map(|r| row(site, r)).collect(),
        csrf: csrf_value(&state),
        notice: q.done.as_deref().and_then(Notice::from_code).zip(q.id),
    };
    let owner = Owner::new();
    let html = owner.with(|| view! { <RemovalsDocument view lang/> }.to_html());
    Ok(no_store(
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
    ))
}

/// `POST /admin/removals/{id}/apply`.
pub async fn apply(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Result<Response, AdminError> {
    let form = accepted(&state, &headers, form)?;
    let review = removals::apply(&state.seo.0.write_pool, state.seo.photo_store(), id, ACTOR)
        .await
        .map_err(|e| failed(&e))?;
    if let Review::Applied { vin, applied } = &review {
        state.seo.journal_now().await;
        tracing::info!(request = id, vin, outcome = ?applied.outcome, photos = ?applied.photos, "removal request applied on the admin page");
    }
    Ok(answer(&headers, &form.lang, id, &review))
}

/// `POST /admin/removals/{id}/reject`.
pub async fn reject(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    form: Result<Form<DecisionForm>, FormRejection>,
) -> Result<Response, AdminError> {
    let form = accepted(&state, &headers, form)?;
    let reason = RejectionReason::parse(&form.reason)
        .map_err(|e| AdminError::BadRequest(format!("reason: {e}")))?;
    let review = removals::reject(&state.seo.0.write_pool, id, &reason, ACTOR)
        .await
        .map_err(|e| failed(&e))?;
    if let Review::Rejected { vin } = &review {
        tracing::info!(
            request = id,
            vin,
            "removal request rejected on the admin page"
        );
    }
    Ok(answer(&headers, &form.lang, id, &review))
}

/// The decision's answer: JSON for a script, else back to the page with a notice.
fn answer(headers: &HeaderMap, lang: &str, id: i64, review: &Review) -> Response {
    let (status, notice, body) = match review {
        Review::Applied { vin, applied } => (
            StatusCode::OK,
            Notice::Applied,
            serde_json::json!({ "id": id, "vin": vin, "status": "applied",
                                "outcome": applied.outcome, "photos": applied.photos }),
        ),
        Review::Rejected { vin } => (
            StatusCode::OK,
            Notice::Rejected,
            serde_json::json!({ "id": id, "vin": vin, "status": "rejected" }),
        ),
        Review::NotFound => (
            StatusCode::NOT_FOUND,
            Notice::NotFound,
            serde_json::json!({ "code": "NOT_FOUND", "message": format!("no removal request {id}") }),
        ),
        Review::AlreadyHandled { status } => (
            StatusCode::CONFLICT,
            Notice::AlreadyHandled,
            serde_json::json!({ "code": "ALREADY_HANDLED",
                                "message": format!("removal request {id} is {status} already") }),
        ),
    };
    // JSON only when asked for by name: a form post (or a bare `*/*`) goes back to the page.
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let wants_json = accept.is_some_and(|a| a.contains("application/json"))
        && negotiate::choose(accept, None) == Format::Json;
    if wants_json {
        return no_store((status, Json(body)).into_response());
    }
    let lang = lang_of(Some(lang));
    let to = format!(
        "/admin/removals?lang={}&done={}&id={id}#pending",
        lang.code(),
        notice.code()
    );
    // `Redirect::to` is a 303 See Other: the browser follows it with a GET.
    no_store(Redirect::to(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_languages_fall_back_to_english() {
        assert_eq!(lang_of(Some("ru")), Lang::Ru);
        assert_eq!(lang_of(Some("xx")), Lang::En);
        assert_eq!(lang_of(None), Lang::En);
    }
}
