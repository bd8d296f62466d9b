//! What the service answers: JSON (as the CLI prints it) and, for every refusal, `{"errors": [{file,
//! line, column, message}]}` with a status that says whose fault it is. Bad input is never a 500.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dixian_core::api::OPTIONS_FILE;
use dixian_core::api::letter::{Drafted, LetterFormat};
use dixian_core::{Diagnostic, LoadError};
use serde::Serialize;

/// The `file` of refusals about the request itself rather than a contract (line and column 0).
pub const REQUEST_FILE: &str = "request";

/// How many bytes of contract a request carried: set by the handler on its response, read (and
/// removed) by the log line, so the log never needs the text itself.
#[derive(Clone, Copy, Debug)]
pub struct ContractSize(pub usize);

/// A refusal.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub errors: Vec<Diagnostic>,
    pub size: usize,
}

#[derive(Serialize)]
struct Errors<'a> {
    errors: &'a [Diagnostic],
}

impl ApiError {
    pub fn new(status: StatusCode, error: LoadError) -> Self {
        Self {
            status,
            errors: error.diagnostics,
            size: 0,
        }
    }

    /// A refusal about the request (not a contract's content).
    pub fn request(status: StatusCode, message: impl Into<String>) -> Self {
        Self::new(status, LoadError::one(REQUEST_FILE, 0, 0, message))
    }

    /// 400: the contract (or an option) cannot be read.
    pub fn unreadable(error: LoadError) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error)
    }

    /// 422: the contract was read, but its region (or the region asked for) is not one the rules know.
    pub fn unknown_region(error: LoadError) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, error)
    }

    /// A region given as an option that is not known: 422, located at the options.
    pub fn unknown_region_option(message: String) -> Self {
        Self::unknown_region(LoadError::one(OPTIONS_FILE, 0, 0, message))
    }

    pub fn too_large(message: impl Into<String>) -> Self {
        Self::request(StatusCode::PAYLOAD_TOO_LARGE, message)
    }

    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::request(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
    }

    pub fn busy(limit: usize) -> Self {
        Self::request(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("服务繁忙：同时处理的请求已达上限（{limit} 个），请稍后重试"),
        )
    }

    pub fn timed_out(ms: u64) -> Self {
        Self::request(
            StatusCode::REQUEST_TIMEOUT,
            format!("请求超时：未能在 {ms} 毫秒内收到并处理完请求"),
        )
    }

    /// The checking thread went away without an answer: our fault, never the input's.
    pub fn internal() -> Self {
        Self::request(
            StatusCode::INTERNAL_SERVER_ERROR,
            "服务内部错误：检查未能完成",
        )
    }

    /// Work on a well-formed request that could not be finished (the Word writer failed): our fault.
    pub fn failed(error: LoadError) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, error)
    }

    pub fn with_size(mut self, size: usize) -> Self {
        self.size = size;
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_string(&Errors {
            errors: &self.errors,
        })
        .unwrap_or_default();
        let mut response = json(self.status, body, self.size);
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// A JSON body as given (already serialised).
pub fn json(status: StatusCode, body: String, size: usize) -> Response {
    typed(status, "application/json", body.into_bytes(), size)
}

/// A value serialised as compact JSON.
pub fn json_value(value: &impl Serialize) -> Response {
    json(
        StatusCode::OK,
        serde_json::to_string(value).unwrap_or_default(),
        0,
    )
}

/// A body of the given media type, with the contract size for the log.
pub fn typed(status: StatusCode, media_type: &'static str, body: Vec<u8>, size: usize) -> Response {
    let mut response = (status, [(header::CONTENT_TYPE, media_type)], body).into_response();
    response.extensions_mut().insert(ContractSize(size));
    response
}

/// A drafted letter in its media type, with a file name to save it under (`合同-整改意见书.docx`):
/// a download for Word, shown inline for text.
pub fn letter(drafted: Drafted, contract_file: &str, size: usize) -> Response {
    let format = drafted.format;
    let name = drafted.file_name(contract_file);
    let mut response = typed(StatusCode::OK, format.media_type(), drafted.bytes, size);
    let disposition = if format == LetterFormat::Docx {
        "attachment"
    } else {
        "inline"
    };
    // The ASCII name is for clients that do not read RFC 6266's UTF-8 `filename*`.
    let value = format!(
        "{disposition}; filename=\"letter.{}\"; filename*=UTF-8''{}",
        format.extension(),
        percent_encoded(&name)
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// RFC 5987 percent-encoding: every byte but ASCII letters, digits and `!#$&+-.^_`|~`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
