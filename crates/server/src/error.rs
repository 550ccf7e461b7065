//! Every error the server answers with: a status and a JSON body naming the parameter at fault,
//! so that a client can tell "your `as_of` is malformed" from "there is no such category".

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answered to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    /// The HTTP status.
    #[serde(serialize_with = "status_code")]
    pub status: StatusCode,
    /// The query parameter, path segment or body field at fault, if one is.
    pub parameter: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn status_code<S: serde::Serializer>(status: &StatusCode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u16(status.as_u16())
}

impl ApiError {
    /// An error with `status` about `parameter`.
    pub fn new(status: StatusCode, parameter: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError { status, parameter: parameter.map(str::to_owned), message: message.into() }
    }

    /// 400: `parameter` is malformed or out of range.
    pub fn bad(parameter: &str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, Some(parameter), message)
    }

    /// 404: nothing at this path, or no data for what `parameter` asks.
    pub fn not_found(parameter: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, parameter, message)
    }

    /// 500: the server failed; the message says where, never how the request was wrong.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, None, message)
    }

    /// 503: the store holds nothing to answer from.
    pub fn no_data() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            "the store holds no data yet: run `attrition sync` (or `attrition import PATH`), or POST /api/v1/sync with the server's token",
        )
    }

    /// The JSON body.
    #[must_use]
    pub fn body(&self) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a ApiError,
        }
        serde_json::to_string(&Body { error: self }).unwrap_or_else(|_| {
            format!(r#"{{"error":{{"status":{},"parameter":null,"message":"error"}}}}"#, self.status.as_u16())
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body()).into_response();
        response
            .headers_mut()
            .insert(axum::http::header::CONTENT_TYPE, axum::http::HeaderValue::from_static("application/json"));
        response
    }
}
