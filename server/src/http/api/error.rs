//! The API's one error type and its JSON form:
//! `{"error":{"code":"…","message":"…","details":"…"?},"traceId":"…"}`.
//!
//! - `code` is stable (clients branch on it); `message` is for people and is localized by
//!   `Accept-Language` (see `lang`): `into_response` writes English, and the `localize` layer
//!   rewrites the body of error responses for other languages, so errors raised anywhere (a
//!   handler, the rate limiter, the fallback) are localized in one place.
//! - `details` (optional, English) says which parameter was wrong, for 4xx caused by the
//!   request only. Server-side causes (SQL errors, …) never reach the body: they are logged
//!   once, here, with the `traceId` that the body carries.
//! - Every error is `Cache-Control: no-store`: an error must never be served from a cache.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use vinops::catalog::{CursorError, QueryError};
use vinops::read::ReadError;
use vinops::vin::VinError;

use super::lang::Lang;

/// Stable error codes, one per kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidQuery,
    InvalidCursor,
    ConflictingParams,
    InvalidVin,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    Suppressed,
    RateLimited,
    Unavailable,
    Internal,
}

impl ErrorCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::InvalidQuery => "INVALID_QUERY",
            Self::InvalidCursor => "INVALID_CURSOR",
            Self::ConflictingParams => "CONFLICTING_PARAMS",
            Self::InvalidVin => "INVALID_VIN",
            Self::NotFound => "NOT_FOUND",
            Self::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Self::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Self::Suppressed => "SUPPRESSED",
            Self::RateLimited => "RATE_LIMITED",
            Self::Unavailable => "UNAVAILABLE",
            Self::Internal => "INTERNAL",
        }
    }

    pub const fn status(self) -> StatusCode {
        match self {
            Self::InvalidQuery | Self::InvalidCursor => StatusCode::BAD_REQUEST,
            // The original API's contract, which its clients branch on: a well-formed request
            // whose VIN is not one.
            Self::ConflictingParams | Self::InvalidVin => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Suppressed => StatusCode::GONE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The human message in `lang`.
    pub const fn message(self, lang: Lang) -> &'static str {
        use Lang::{En, Ru, Uk};
        match (self, lang) {
            (Self::InvalidQuery, En) => "The query parameters are not valid.",
            (Self::InvalidQuery, Ru) => "Недопустимые параметры запроса.",
            (Self::InvalidQuery, Uk) => "Неприпустимі параметри запиту.",
            (Self::InvalidCursor, En) => "The page cursor is not valid for this query.",
            (Self::InvalidCursor, Ru) => "Недействительный курсор страницы для этого запроса.",
            (Self::InvalidCursor, Uk) => "Недійсний курсор сторінки для цього запиту.",
            (Self::ConflictingParams, En) => "The query parameters contradict each other.",
            (Self::ConflictingParams, Ru) => "Параметры запроса противоречат друг другу.",
            (Self::ConflictingParams, Uk) => "Параметри запиту суперечать один одному.",
            (Self::InvalidVin, En) => {
                "The VIN must be 11 to 17 letters and digits, without I, O and Q."
            }
            (Self::InvalidVin, Ru) => {
                "VIN должен состоять из 11–17 латинских букв и цифр, без I, O и Q."
            }
            (Self::InvalidVin, Uk) => {
                "VIN має складатися з 11–17 латинських літер і цифр, без I, O та Q."
            }
            (Self::NotFound, En) => "Not found.",
            (Self::NotFound, Ru) => "Не найдено.",
            (Self::NotFound, Uk) => "Не знайдено.",
            (Self::MethodNotAllowed, En) => "This method is not allowed here.",
            (Self::MethodNotAllowed, Ru) => "Этот метод здесь не поддерживается.",
            (Self::MethodNotAllowed, Uk) => "Цей метод тут не підтримується.",
            (Self::PayloadTooLarge, En) => "The request body is too large.",
            (Self::PayloadTooLarge, Ru) => "Тело запроса слишком велико.",
            (Self::PayloadTooLarge, Uk) => "Тіло запиту завелике.",
            (Self::Suppressed, En) => "This vehicle was removed at the owner's request.",
            (Self::Suppressed, Ru) => "Этот автомобиль удалён по запросу владельца.",
            (Self::Suppressed, Uk) => "Цей автомобіль видалено на запит власника.",
            (Self::RateLimited, En) => "Too many requests. Please retry later.",
            (Self::RateLimited, Ru) => "Слишком много запросов. Повторите позже.",
            (Self::RateLimited, Uk) => "Забагато запитів. Спробуйте пізніше.",
            (Self::Unavailable, En) => {
                "The service is temporarily unavailable. Please retry later."
            }
            (Self::Unavailable, Ru) => "Сервис временно недоступен. Повторите позже.",
            (Self::Unavailable, Uk) => "Сервіс тимчасово недоступний. Спробуйте пізніше.",
            (Self::Internal, En) => "Internal server error.",
            (Self::Internal, Ru) => "Внутренняя ошибка сервера.",
            (Self::Internal, Uk) => "Внутрішня помилка сервера.",
        }
    }
}

/// Everything an API request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid query: {0}")]
    Query(QueryError),
    /// The query string itself cannot be decoded (bad percent-encoding).
    #[error("malformed query string: {0}")]
    QueryString(String),
    /// A parameter this operation does not take: refused rather than ignored, so a misspelt
    /// filter (`maek=BMW`) is an error instead of an unfiltered answer.
    #[error("unknown parameter {0:?}")]
    UnknownParam(String),
    #[error("invalid cursor: {0}")]
    Cursor(CursorError),
    /// Each parameter is well-formed but together they ask for nothing (`year_from > year_to`,
    /// a model without a make).
    #[error("conflicting parameters: {0}")]
    Conflict(String),
    #[error("invalid VIN: {0}")]
    Vin(#[from] VinError),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("suppressed")]
    Suppressed,
    #[error("rate limited, retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The database is unreachable, overloaded or timed out: worth retrying.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Cursor(c) => ApiError::Cursor(c),
            QueryError::YearRange { .. }
            | QueryError::Range { .. }
            | QueryError::AuctionConflict => ApiError::Conflict(e.to_string()),
            other => ApiError::Query(other),
        }
    }
}

impl From<ReadError> for ApiError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Cursor(c) => ApiError::Cursor(c),
            ReadError::Db(e) => e.into(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        if is_unavailable(&e) {
            ApiError::Unavailable(e)
        } else {
            ApiError::Internal(e.to_string())
        }
    }
}

/// Whether a database error means "try again later" rather than a bug: no connection, the pool
/// exhausted, the server shutting down or refusing connections, the statement timeout.
fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            // 08: connection exception; 53: insufficient resources; 57: operator intervention
            // (admin shutdown, cannot connect now, statement timeout = 57014); 3D000: the
            // database does not exist (dropped, or a wrong URL: either way not the client's
            // fault and not fixed by a code change on our side).
            code.starts_with("08")
                || code.starts_with("53")
                || code.starts_with("57")
                || code == "3D000"
        }),
        _ => false,
    }
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Query(_) | ApiError::QueryString(_) | ApiError::UnknownParam(_) => {
                ErrorCode::InvalidQuery
            }
            ApiError::Cursor(_) => ErrorCode::InvalidCursor,
            ApiError::Conflict(_) => ErrorCode::ConflictingParams,
            ApiError::Vin(_) => ErrorCode::InvalidVin,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            ApiError::Suppressed => ErrorCode::Suppressed,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::Unavailable(_) => ErrorCode::Unavailable,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// What the client may be told about its own mistake; nothing for server-side failures.
    fn details(&self) -> Option<String> {
        match self {
            ApiError::Query(e) => Some(e.to_string()),
            ApiError::QueryString(e) => Some(e.clone()),
            ApiError::UnknownParam(name) => Some(format!("unknown parameter {name:?}")),
            ApiError::Cursor(e) => Some(e.to_string()),
            ApiError::Conflict(s) => Some(s.clone()),
            ApiError::Vin(e) => Some(e.to_string()),
            _ => None,
        }
    }

    fn retry_after_secs(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            ApiError::Unavailable(_) => Some(app::respond::RETRY_AFTER_SECS),
            _ => None,
        }
    }
}

/// Kept on an error response so the `localize` layer can rewrite its message.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub details: Option<String>,
    pub trace_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    error: BodyError<'a>,
    trace_id: &'a str,
}

#[derive(Serialize)]
struct BodyError<'a> {
    code: &'static str,
    message: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a str>,
}

impl ErrorInfo {
    /// An error raised outside the API's router (the edge's 413 and 503 under `/api/`), with
    /// a fresh `traceId`: the same body shape as every API error, so the published schema holds
    /// for it too. Not localized (the `localize` layer is inside the router): English.
    pub fn edge(code: ErrorCode) -> ErrorInfo {
        ErrorInfo {
            code,
            details: None,
            trace_id: uuid::Uuid::new_v4().to_string(),
        }
    }

    /// The JSON body in `lang`.
    pub fn body(&self, lang: Lang) -> Vec<u8> {
        let body = Body {
            error: BodyError {
                code: self.code.as_str(),
                message: self.code.message(lang),
                details: self.details.as_deref(),
            },
            trace_id: &self.trace_id,
        };
        // Only strings: serialization cannot fail.
        serde_json::to_vec(&body).unwrap_or_default()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code();
        let trace_id = uuid::Uuid::new_v4().to_string();
        // The one log line of this failure; the client quotes the traceId to find it.
        if code.status().is_server_error() {
            tracing::error!(trace_id = %trace_id, code = code.as_str(), cause = %self, "API request failed");
        } else {
            tracing::info!(trace_id = %trace_id, code = code.as_str(), cause = %self, "API request refused");
        }
        let info = ErrorInfo {
            code,
            details: self.details(),
            trace_id,
        };
        let mut res = (code.status(), info.body(Lang::En)).into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store, must-revalidate"),
        );
        if let Some(secs) = self.retry_after_secs() {
            h.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res.extensions_mut().insert(info);
        res
    }
}
