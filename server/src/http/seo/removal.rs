//! `POST /{lang}/vin/{VIN}/removal`: the VIN page's "remove this vehicle" form
//! (`app/src/pages/vin_removal.rs`). Records a request in `removal_requests`; an operator
//! applies it (`vinops-server suppress`, or the admin endpoint).
//!
//! Forgery and abuse, in the order they are checked:
//! 1. CSRF — the browser's own word first: a `Sec-Fetch-Site` other than `same-origin`, or an
//!    `Origin` that is neither `SITE_URL` nor this request's `Host`, is refused (403). Browsers
//!    set both on cross-site POSTs and pages cannot forge them; old browsers send neither.
//! 2. The signed token (403 when missing, forged, for another VIN or older than its lifetime,
//!    `removal_token`): it covers what (1) cannot: clients that send no fetch metadata, and
//!    scripts posting blind without ever loading the page. No cookie is involved, so pages stay
//!    cookie-free and cacheable (there is no session to ride on: the request carries no ambient
//!    authority, so a forged request could only file a request in the visitor's name).
//! 3. The per-IP rate limit (429 + `Retry-After`): `REMOVAL_RATE_LIMIT_*`, shared by the
//!    replicas through Redis (`api::shared_limit`, the API's trusted-proxy rule). While Redis is
//!    away each process counts on its own, and when its table is full it refuses new clients
//!    (503): failing open would let a flood spread over many addresses fill the operator's queue.
//! 4. The honeypot: a filled `website` field gets the normal confirmation and is not recorded,
//!    so the bot learns nothing. No captcha: owners must not be made to solve puzzles.
//! 5. Single use (`removal_record`): a token already spent is refused (409, with a link to a
//!    fresh form), so a captured form cannot be posted again and again for its 6 hours — unless
//!    it is the same submission sent twice (same contact: a double click), which gets the first
//!    answer again and records nothing.
//! 6. One pending request per VIN, contact and day (`removal_record`): a repeat gets the same
//!    confirmation and records nothing.
//!
//! Success is a 303 back to the VIN page with `?removal=sent`, which shows the localized
//! confirmation (post/redirect/get: a reload does not post again).

use std::net::{IpAddr, SocketAddr};

use app::i18n::Lang;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use vinops::vin::Vin;

use crate::http::AppState;
use crate::http::api::rate_limit::Decision;

use super::removal_record::{Recorded, record};

#[derive(Debug, Deserialize)]
pub struct RemovalForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    contact: String,
    /// The honeypot.
    #[serde(default)]
    website: String,
}

/// Why a submission was refused (each a status and a localized message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    NotFound,
    Forbidden,
    /// The token was spent already.
    Replayed,
    Invalid,
    RateLimited {
        retry_after_secs: u64,
    },
    Unavailable,
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Forbidden => StatusCode::FORBIDDEN,
            Refusal::Replayed => StatusCode::CONFLICT,
            Refusal::Invalid => StatusCode::BAD_REQUEST,
            Refusal::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn message(self, lang: Lang) -> (&'static str, &'static str) {
        match (self, lang) {
            (Refusal::NotFound, Lang::En) => ("Not found", "There is no such vehicle."),
            (Refusal::NotFound, Lang::Ru) => ("Не найдено", "Такого автомобиля нет."),
            (Refusal::NotFound, Lang::Uk) => ("Не знайдено", "Такого автомобіля немає."),
            (Refusal::Forbidden, Lang::En) => (
                "Form expired",
                "This form is out of date or was not sent from our page. Open the vehicle page again and resend it.",
            ),
            (Refusal::Forbidden, Lang::Ru) => (
                "Форма устарела",
                "Форма устарела или отправлена не с нашей страницы. Откройте страницу автомобиля снова и отправьте её ещё раз.",
            ),
            (Refusal::Forbidden, Lang::Uk) => (
                "Форма застаріла",
                "Форма застаріла або надіслана не з нашої сторінки. Відкрийте сторінку автомобіля знову й надішліть її ще раз.",
            ),
            (Refusal::Replayed, Lang::En) => (
                "Form already sent",
                "This form has already been sent once. To send another request, open the vehicle page again.",
            ),
            (Refusal::Replayed, Lang::Ru) => (
                "Форма уже отправлена",
                "Эта форма уже была отправлена. Чтобы отправить ещё один запрос, откройте страницу автомобиля снова.",
            ),
            (Refusal::Replayed, Lang::Uk) => (
                "Форму вже надіслано",
                "Цю форму вже було надіслано. Щоб надіслати ще один запит, відкрийте сторінку автомобіля знову.",
            ),
            (Refusal::Invalid, Lang::En) => (
                "Check the form",
                "Please say why the page should be removed (up to 2,000 characters; contact up to 200).",
            ),
            (Refusal::Invalid, Lang::Ru) => (
                "Проверьте форму",
                "Укажите, почему страницу нужно удалить (до 2000 символов; контакт — до 200).",
            ),
            (Refusal::Invalid, Lang::Uk) => (
                "Перевірте форму",
                "Вкажіть, чому сторінку потрібно видалити (до 2000 символів; контакт — до 200).",
            ),
            (Refusal::RateLimited { .. }, Lang::En) => (
                "Too many requests",
                "Too many requests from your network. Please try again later.",
            ),
            (Refusal::RateLimited { .. }, Lang::Ru) => (
                "Слишком много запросов",
                "Слишком много запросов из вашей сети. Попробуйте позже.",
            ),
            (Refusal::RateLimited { .. }, Lang::Uk) => (
                "Забагато запитів",
                "Забагато запитів із вашої мережі. Спробуйте пізніше.",
            ),
            (Refusal::Unavailable, Lang::En) => (
                "Temporarily unavailable",
                "We could not record the request. Please try again in a minute.",
            ),
            (Refusal::Unavailable, Lang::Ru) => (
                "Временно недоступно",
                "Не удалось сохранить запрос. Попробуйте через минуту.",
            ),
            (Refusal::Unavailable, Lang::Uk) => (
                "Тимчасово недоступно",
                "Не вдалося зберегти запит. Спробуйте за хвилину.",
            ),
        }
    }

    /// A small self-contained page: this answers a form POST, not a route Leptos renders.
    fn into_page(self, lang: Lang, vin: &str) -> Response {
        let (title, body) = self.message(lang);
        let back = match lang {
            Lang::En => "Back to the vehicle",
            Lang::Ru => "Вернуться к автомобилю",
            Lang::Uk => "Повернутися до автомобіля",
        };
        let lang = lang.code();
        // A refused token needs a newly rendered form: a URL the browser has never loaded, so
        // neither its cache nor a 304 can hand back the page with the old token.
        let link = match self {
            Refusal::Forbidden | Refusal::Replayed if !vin.is_empty() => format!(
                "/{lang}/vin/{vin}?form={}#removal",
                Utc::now().timestamp_millis()
            ),
            _ => format!("/{lang}/vin/{vin}"),
        };
        let html = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"robots\" content=\"noindex\"><title>{title}</title></head>\
             <body><main><h1>{title}</h1><p data-testid=\"removal-error\">{body}</p>\
             <p><a href=\"{link}\">{back}</a></p></main></body></html>"
        );
        let mut res = (self.status(), html).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            Refusal::RateLimited { retry_after_secs } => {
                h.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            Refusal::Unavailable => {
                h.insert(
                    header::RETRY_AFTER,
                    HeaderValue::from(app::respond::RETRY_AFTER_SECS),
                );
            }
            _ => {}
        }
        res
    }
}

/// Whether the browser says the form came from our own pages (see the module doc, rule 1).
/// Absent headers pass: the token still has to be valid.
fn same_origin(headers: &HeaderMap, site_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site")
        && site.as_bytes() != b"same-origin"
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if origin == site_url {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// The handler.
pub async fn submit(
    State(state): State<AppState>,
    Path((lang, raw_vin)): Path<(String, String)>,
    extensions: Extensions,
    headers: HeaderMap,
    form: Result<Form<RemovalForm>, FormRejection>,
) -> Response {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip());
    let Some(lang) = Lang::from_segment(&lang) else {
        return Refusal::NotFound.into_page(Lang::DEFAULT, "");
    };
    let Some(vin) = Vin::parse(&raw_vin).ok().filter(|v| v.as_str() == raw_vin) else {
        return Refusal::NotFound.into_page(lang, "");
    };
    match check(&state, lang.code(), &vin, peer, &headers, form).await {
        Ok(()) => (
            StatusCode::SEE_OTHER,
            [
                (
                    header::LOCATION,
                    format!("/{lang}/vin/{}?removal=sent#removal", vin.as_str()),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
        )
            .into_response(),
        Err(r) => r.into_page(lang, vin.as_str()),
    }
}

async fn check(
    state: &AppState,
    lang: &str,
    vin: &Vin,
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    form: Result<Form<RemovalForm>, FormRejection>,
) -> Result<(), Refusal> {
    let seo = &state.seo.0;
    if !same_origin(headers, &seo.site_url) {
        return Err(Refusal::Forbidden);
    }
    let Ok(Form(form)) = form else {
        return Err(Refusal::Invalid);
    };
    let Some(tag) = seo
        .signer
        .verify(form.token.trim(), vin.as_str(), Utc::now())
    else {
        return Err(Refusal::Forbidden);
    };
    if let Some(limiter) = &seo.removal_limiter {
        let client = limiter.local().client_ip(peer, headers);
        match limiter.check(&state.cache, client).await {
            Decision::Allow { .. } => {}
            Decision::Deny { retry_after_secs } => {
                return Err(Refusal::RateLimited { retry_after_secs });
            }
            // Fail closed (see the module doc, rule 3).
            Decision::Full => return Err(Refusal::Unavailable),
        }
    }
    if !form.website.trim().is_empty() {
        tracing::info!(vin = %vin.as_str(), "removal form honeypot filled; not recorded");
        return Ok(());
    }
    let reason = form.reason.trim();
    let contact = form.contact.trim();
    if reason.is_empty() || reason.chars().count() > 2000 || contact.chars().count() > 200 {
        return Err(Refusal::Invalid);
    }
    let recorded = record(&seo.write_pool, &tag, vin, lang, reason, contact)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "recording a removal request failed");
            Refusal::Unavailable
        })?;
    match recorded {
        Recorded::New(id) => {
            tracing::info!(id, vin = %vin.as_str(), "removal request recorded");
            Ok(())
        }
        // The same confirmation as the first time, rather than a 409: a repeat is nearly always
        // the same person (a second form after the first answer was lost or forgotten), who
        // should read "sent" again; and a distinct answer would tell anyone holding a VIN and
        // an address whether that address asked for the VIN's removal today.
        Recorded::Duplicate => {
            tracing::info!(vin = %vin.as_str(), "removal request repeated today; not recorded again");
            Ok(())
        }
        // The same token and contact again (a double click): the first answer again.
        Recorded::Resent => Ok(()),
        Recorded::Replayed => Err(Refusal::Replayed),
        Recorded::NoSuchVehicle => Err(Refusal::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_rules() {
        let mut h = HeaderMap::new();
        assert!(same_origin(&h, "https://vinops.online"), "no headers");
        h.insert(header::HOST, "vinops.online".parse().expect("h"));
        h.insert(header::ORIGIN, "https://vinops.online".parse().expect("h"));
        h.insert("sec-fetch-site", "same-origin".parse().expect("h"));
        assert!(same_origin(&h, "https://vinops.online"));
        h.insert(header::ORIGIN, "https://evil.test".parse().expect("h"));
        assert!(!same_origin(&h, "https://vinops.online"));
        h.insert(header::ORIGIN, "null".parse().expect("h"));
        assert!(!same_origin(&h, "https://vinops.online"));
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", "cross-site".parse().expect("h"));
        assert!(!same_origin(&h, "https://vinops.online"));
    }
}
