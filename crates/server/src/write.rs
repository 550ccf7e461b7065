//! The endpoints that change the store: adding assessments and running a sync. Both need the
//! token given at start-up, run one at a time, leave the store unchanged on any error, and
//! replace the served snapshot when they succeed (at once, through [`crate::follow::refresh`]).

use crate::error::ApiError;
use crate::ingest::store_fetched;
use crate::state::AppState;
use attrition_model::{Origin, SourceId};
use attrition_sources::HttpOptions;
use attrition_store::{BatchSource, Store};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Duration;

/// Whether the request carries the token; 403 on a read-only server, 401 on a wrong token.
fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = state.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            None,
            "this server is read-only: start it with --token (or ATTRITION_TOKEN) to allow writes",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same(given.as_bytes(), token.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            Some("authorization"),
            "a write needs the header `Authorization: Bearer TOKEN` with the server's token",
        ));
    }
    Ok(())
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, byte) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ byte);
    }
    diff == 0
}

/// Runs `work` on the store under the write lock and reloads the snapshot after it.
async fn write<F>(state: Arc<AppState>, work: F) -> Response
where
    F: FnOnce(&mut Store) -> Result<serde_json::Value, ApiError> + Send + 'static,
{
    let _writing = state.writing.lock().await;
    let worker = Arc::clone(&state);
    let done = tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&worker.db)
            .map_err(|e| ApiError::internal(format!("opening the store {}: {e}", worker.db.display())))?;
        let answer = work(&mut store)?;
        // Reloaded now rather than at the follower's next look, so that a read right after the
        // write's answer sees what it wrote.
        crate::follow::refresh(&worker, true).map_err(ApiError::internal)?;
        Ok::<_, ApiError>(answer)
    })
    .await;
    match done {
        Ok(Ok(answer)) => Json(answer).into_response(),
        Ok(Err(error)) => error.into_response(),
        Err(_) => ApiError::internal("the write failed; the store is unchanged").into_response(),
    }
}

/// The body of a write, once the token is checked and the body read.
fn admitted(state: &AppState, headers: &HeaderMap, body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    authorise(state, headers)?;
    body.map_err(|rejection| crate::body_error(&rejection))
}

/// `POST /api/v1/assessments`: a CSV in the registry's format, stored as the user's.
pub async fn add_assessments(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match admitted(&state, &headers, body) {
        Ok(body) => body,
        Err(error) => return error.into_response(),
    };
    write(state, move |store| {
        let text = std::str::from_utf8(&body).map_err(|e| ApiError::bad("body", format!("not UTF-8 text: {e}")))?;
        let today = jiff::Zoned::now().date();
        let location = "POST /api/v1/assessments";
        let rows = attrition_sources::parse_registry(location, text, Origin::User, today)
            .map_err(|e| ApiError::bad("body", format!("{e}; nothing added, the store is unchanged")))?;
        let curated = attrition_sources::curated(today).map_err(|e| ApiError::internal(e.to_string()))?;
        if let Some(clash) = rows.iter().find(|r| curated.iter().any(|c| c.id == r.id)) {
            return Err(ApiError::bad(
                "body",
                format!("id {:?} is already used by the curated registry; nothing added", clash.id),
            ));
        }
        let from = BatchSource {
            source: "user".to_owned(),
            location: location.to_owned(),
            kind: "assessments".to_owned(),
            sha256: attrition_sources::sha256_hex(&body),
            bytes: body.len() as u64,
        };
        let summary = store
            .store_assessments(Origin::User, &from, &rows)
            .map_err(|e| ApiError::internal(format!("storing the assessments (nothing was changed): {e}")))?;
        Ok(serde_json::json!({"added": rows.len(), "summary": summary}))
    })
    .await
}

/// `POST /api/v1/sync`: fetches the daily series from the configured upstream.
pub async fn sync(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match admitted(&state, &headers, body) {
        Ok(body) if !body.is_empty() => {
            return ApiError::bad("body", "POST /api/v1/sync takes no body").into_response();
        }
        Ok(_) => {}
        Err(error) => return error.into_response(),
    }
    let upstream = state.upstream.clone();
    write(state, move |store| {
        let options = HttpOptions {
            base_url: upstream.clone(),
            timeout: Duration::from_secs(30),
            retries: 1,
            retry_pause: Duration::from_secs(1),
        };
        let files = attrition_sources::fetch_petroivaniuk(&options, &()).map_err(|e| {
            ApiError::new(StatusCode::BAD_GATEWAY, None, format!("sync failed; the store is unchanged: {e}"))
        })?;
        let summary = store_fetched(store, SourceId::Petroivaniuk, &upstream, &files).map_err(|e| {
            ApiError::new(StatusCode::BAD_GATEWAY, None, format!("sync failed; the store is unchanged: {e}"))
        })?;
        Ok(serde_json::json!({"upstream": upstream, "files": files.len(), "summary": summary}))
    })
    .await
}
