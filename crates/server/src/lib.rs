//! `attrition serve`: the JSON/CSV API under `/api/v1/` and the dashboard page at `/`, over one
//! store, read-only unless a token is given.
//!
//! The request path is short on purpose: a snapshot of the record held in memory, strict
//! parameters ([`params`]), the analysis crate, a cache of finished answers. Expensive answers
//! (forecasts, claim checks, writes) run on the blocking pool, a few at a time, under a time
//! limit, and a claim check stops its work when the limit passes; every error is JSON naming
//! what was wrong ([`error`]); a panic becomes a 500, never a dropped connection. The snapshot
//! follows the store: a commit by any process is served within a second ([`follow`]). The
//! connections are bounded, timed and shut down with a deadline ([`listen`]). See `API.md`
//! beside this crate for the endpoints.

pub mod api;
mod assets;
pub mod derived;
pub mod error;
pub mod follow;
pub mod ingest;
pub mod listen;
pub mod openapi;
pub mod params;
pub mod state;
mod write;

use crate::error::ApiError;
use crate::state::{AppState, Budget, CancelOnDrop, Reply, Snapshot};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, OriginalUri, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The largest request body: a claim check's article (the extractor refuses longer lines anyway).
pub const MAX_BODY: usize = 1 << 20;

/// The longest text one claim check takes by default (`--max-claim-text`), in bytes: 256 KiB,
/// about forty pages of prose. Measured on this project's 2-core machine, a claim-dense text of
/// this size is checked in a few seconds, well within the default 30 s time limit even with
/// other requests running; longer texts are refused with a 413 naming the limit.
pub const MAX_CLAIM_TEXT: usize = 256 << 10;

pub use listen::Limits;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The store.
    pub db: PathBuf,
    /// The token writes need (none: read-only).
    pub token: Option<String>,
    /// Origins allowed to call the API from a browser (none: CORS off).
    pub cors: Vec<String>,
    /// Where `POST /api/v1/sync` fetches the daily series from.
    pub upstream: String,
    /// The time limit of one request.
    pub timeout: Duration,
    /// The connection limits.
    pub limits: Limits,
    /// The longest text a claim check takes, in bytes.
    pub max_claim_text: usize,
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be read.
    #[error("{0}")]
    Store(String),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// A CORS origin is not a valid header value.
    #[error("--cors {0:?} is not an origin such as https://example.org")]
    Cors(String),
    /// The server failed while running.
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads the store and builds the application with its routes and layers.
///
/// # Errors
/// [`ServeError`] when the store cannot be read or an origin is malformed.
pub fn app(config: &ServeConfig) -> Result<(Router, Arc<AppState>), ServeError> {
    // The follower first: a commit between its first look and the snapshot is then seen.
    let follower = follow::Follower::open(&config.db)
        .map_err(|e| ServeError::Store(format!("reading the store {}: {e}", config.db.display())))?;
    let snapshot = Snapshot::load(&config.db, jiff::Zoned::now().date()).map_err(ServeError::Store)?;
    let state = Arc::new(AppState::new(snapshot, follower, config));
    let mut router = routes(Arc::clone(&state), config.timeout);
    if !config.cors.is_empty() {
        let origins = config
            .cors
            .iter()
            .map(|o| HeaderValue::from_str(o).map_err(|_| ServeError::Cors(o.clone())))
            .collect::<Result<Vec<_>, _>>()?;
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
                .expose_headers([
                    HeaderName::from_static(DATA_VERSION),
                    HeaderName::from_static(CONVENTION),
                    HeaderName::from_static(GENERATION),
                ]),
        );
    }
    Ok((router, state))
}

/// Binds `config.addr`, prints `listening on http://ADDR` on standard output, and serves until
/// SIGTERM or Ctrl-C, finishing the requests in flight within `config.limits.shutdown_timeout`.
///
/// # Errors
/// [`ServeError`].
pub async fn serve(config: ServeConfig) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind { addr: config.addr, source })?;
    serve_on(listener, &config, shutdown_signal()).await
}

/// Serves on `listener` until `shutdown` completes (the rest as [`serve`]).
///
/// # Errors
/// [`ServeError`].
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    config: &ServeConfig,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServeError> {
    let (router, state) = app(config)?;
    let bound = listener.local_addr()?;
    follow::spawn(&state, follow::POLL)?;
    warm(Arc::clone(&state));
    {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        let mode = if config.token.is_some() { "writes need the token" } else { "read-only" };
        writeln!(out, "listening on http://{bound} ({mode})")?;
        out.flush()?;
    }
    listen::run(listener, router, config.limits, shutdown).await?;
    Ok(())
}

/// Computes the answers the dashboard asks for first, so that the first visitor does not wait.
fn warm(state: Arc<AppState>) {
    tokio::task::spawn_blocking(move || warm_snapshot(&state.snapshot()));
}

/// Caches the dashboard's first answer in `snapshot` (at start-up and after each reload).
pub(crate) fn warm_snapshot(snapshot: &Snapshot) {
    if let Ok(reply) = api::summary(snapshot, None) {
        snapshot.remember(cache_key("/api/v1/summary", None), &reply);
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// `X-Attrition-Data-Version`.
const DATA_VERSION: &str = "x-attrition-data-version";
/// `X-Attrition-Convention`.
const CONVENTION: &str = "x-attrition-convention";
/// `X-Attrition-Generation`.
const GENERATION: &str = "x-attrition-generation";

fn routes(state: Arc<AppState>, timeout: Duration) -> Router {
    let api = Router::new()
        .route("/openapi.json", get(openapi_document))
        .route(
            "/categories",
            get(|s: State<Arc<AppState>>, q: RawQuery| light(s, "/api/v1/categories", q, api::categories)),
        )
        .route("/summary", get(summary))
        .route("/series/{category}", get(|s, p, q| by_category(s, p, q, "series", api::series)))
        .route("/totals/{category}", get(|s, p, q| by_category(s, p, q, "totals", api::totals)))
        .route("/rankings/{category}", get(|s, p, q| by_category(s, p, q, "rankings", api::rankings)))
        .route("/records/{category}", get(|s, p, q| by_category(s, p, q, "records", api::records)))
        .route("/forecast/{category}", get(forecast))
        .route(
            "/assessments",
            get(|s: State<Arc<AppState>>, q: RawQuery| light(s, "/api/v1/assessments", q, api::assessments))
                .post(write::add_assessments),
        )
        .route("/claims/check", post(check_claims))
        .route("/sync", post(write::sync))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed);
    let router = Router::new()
        .route("/healthz", get(healthz))
        .nest("/api/v1", api)
        .fallback(assets::serve)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    guarded(router, timeout)
}

/// The layers every request passes: the body limit, the time limit, the security headers, and
/// a panic turned into a JSON 500 (the connection and the server live on).
fn guarded(router: Router, timeout: Duration) -> Router {
    router
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(move |request: Request, next: Next| time_limited(request, next, timeout)))
        .layer(middleware::map_response(security_headers))
        .layer(CatchPanicLayer::custom(|_panic: Box<dyn std::any::Any + Send + 'static>| {
            ApiError::internal("the server failed on this request; it is still serving").into_response()
        }))
}

/// The cache key of a GET: path and raw query.
fn cache_key(path: &str, query: Option<&str>) -> String {
    match query {
        Some(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_owned(),
    }
}

/// Answers from the cache, or computes on the request's own thread (cheap endpoints).
async fn light(
    State(state): State<Arc<AppState>>,
    path: &str,
    RawQuery(query): RawQuery,
    compute: fn(&Snapshot, Option<&str>) -> Result<Reply, ApiError>,
) -> Response {
    let key = cache_key(path, query.as_deref());
    cached_or(&state, key, |snapshot| compute(snapshot, query.as_deref()))
}

/// The cached answer to `key`, or `compute`'s on the request's own thread, then cached.
fn cached_or(state: &AppState, key: String, compute: impl FnOnce(&Snapshot) -> Result<Reply, ApiError>) -> Response {
    let snapshot = state.snapshot();
    if let Some(reply) = snapshot.cached(&key) {
        return respond(reply);
    }
    match compute(&snapshot) {
        Ok(reply) => {
            snapshot.remember(key, &reply);
            respond(reply)
        }
        Err(error) => error.into_response(),
    }
}

/// Runs `compute` on the blocking pool, a few at a time, caching a GET's answer under `key`.
/// `compute` is given the request's [`Budget`]: the request's deadline, cancelled when the
/// request is dropped (at its time limit), so that long work can stop instead of running on
/// for nobody.
async fn heavy<F>(state: &AppState, key: Option<String>, compute: F) -> Response
where
    F: FnOnce(&Snapshot, &Budget) -> Result<Reply, ApiError> + Send + 'static,
{
    let budget = Budget::until(std::time::Instant::now().checked_add(state.timeout));
    let _cancel = CancelOnDrop(budget.clone());
    let snapshot = state.snapshot();
    if let Some(reply) = key.as_deref().and_then(|k| snapshot.cached(k)) {
        return respond(reply);
    }
    let Ok(_permit) = state.heavy.acquire().await else {
        return ApiError::internal("the server is shutting down").into_response();
    };
    let worker = Arc::clone(&snapshot);
    match tokio::task::spawn_blocking(move || compute(&worker, &budget)).await {
        Ok(Ok(reply)) => {
            if let Some(key) = key {
                snapshot.remember(key, &reply);
            }
            respond(reply)
        }
        Ok(Err(error)) => error.into_response(),
        Err(_) => ApiError::internal("the computation failed; the server is still serving").into_response(),
    }
}

type CategoryEndpoint = fn(&Snapshot, &str, Option<&str>) -> Result<Reply, ApiError>;

async fn by_category(
    State(state): State<Arc<AppState>>,
    category: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
    name: &'static str,
    compute: CategoryEndpoint,
) -> Response {
    let category = match category {
        Ok(Path(category)) => category,
        Err(rejection) => return ApiError::not_found(Some("category"), rejection.body_text()).into_response(),
    };
    let key = cache_key(&format!("/api/v1/{name}/{category}"), query.as_deref());
    cached_or(&state, key, |snapshot| compute(snapshot, &category, query.as_deref()))
}

async fn summary(State(state): State<Arc<AppState>>, RawQuery(query): RawQuery) -> Response {
    let key = cache_key("/api/v1/summary", query.as_deref());
    heavy(&state, Some(key), move |snapshot, _| api::summary(snapshot, query.as_deref())).await
}

async fn forecast(
    State(state): State<Arc<AppState>>,
    category: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let category = match category {
        Ok(Path(category)) => category,
        Err(rejection) => return ApiError::not_found(Some("category"), rejection.body_text()).into_response(),
    };
    let key = cache_key(&format!("/api/v1/forecast/{category}"), query.as_deref());
    heavy(&state, Some(key), move |snapshot, _| api::forecast(snapshot, &category, query.as_deref())).await
}

async fn check_claims(State(state): State<Arc<AppState>>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return body_error(&rejection).into_response(),
    };
    let max_text = state.max_claim_text;
    heavy(&state, None, move |snapshot, budget| api::check_claims(snapshot, &body, max_text, budget)).await
}

/// A body that could not be read: 413 when too large.
fn body_error(rejection: &BytesRejection) -> ApiError {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(status, Some("body"), format!("the body is over {MAX_BODY} bytes"))
    } else {
        ApiError::new(status, Some("body"), rejection.body_text())
    }
}

async fn healthz(State(state): State<Arc<AppState>>, RawQuery(query): RawQuery) -> Response {
    if let Err(error) = params::Params::parse(query.as_deref(), &[]) {
        return error.into_response();
    }
    let snapshot = state.snapshot();
    let (status, data_version, last_report) = match &snapshot.record {
        Some(record) => ("ok", Some(record.data_version().to_string()), Some(record.last_report)),
        None => ("empty", None, None),
    };
    let body = serde_json::json!({
        "status": status,
        "data_version": data_version,
        "last_report": last_report,
        "generation": snapshot.generation,
        "loaded_at": snapshot.loaded_at.to_string(),
    });
    let status = if snapshot.record.is_some() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(body)).into_response()
}

async fn openapi_document(RawQuery(query): RawQuery) -> Response {
    if let Err(error) = params::Params::parse(query.as_deref(), &[]) {
        return error.into_response();
    }
    ([(header::CONTENT_TYPE, "application/json")], openapi::document()).into_response()
}

async fn api_not_found(method: Method, OriginalUri(uri): OriginalUri) -> Response {
    let path = params::truncate(uri.path(), 120);
    ApiError::not_found(None, format!("no endpoint {method} {path}; see /api/v1/openapi.json")).into_response()
}

async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> Response {
    let path = params::truncate(uri.path(), 120);
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, None, format!("{method} is not allowed on {path}")).into_response()
}

/// The reply as a response, with its provenance headers.
fn respond(reply: Reply) -> Response {
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(reply.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Some(value) = reply.data_version.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
        headers.insert(HeaderName::from_static(DATA_VERSION), value);
    }
    if let Some(generation) = reply.generation {
        headers.insert(HeaderName::from_static(GENERATION), HeaderValue::from(generation));
    }
    if let Some(convention) = reply.convention {
        headers.insert(HeaderName::from_static(CONVENTION), HeaderValue::from_static(convention.name()));
    }
    if let Some(value) =
        reply.filename.as_deref().and_then(|f| HeaderValue::from_str(&format!("attachment; filename=\"{f}\"")).ok())
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    (headers, Body::from(reply.body)).into_response()
}

/// Ends a request that takes longer than `limit` with a JSON 503.
async fn time_limited(request: Request, next: Next, limit: Duration) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            None,
            format!("the request took longer than {} s and was stopped", limit.as_secs()),
        )
        .into_response(),
    }
}

/// Headers every response carries: no sniffing, no framing, no referrer; the page may load
/// nothing from anywhere but this server.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
    response
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::io::{Read, Write};

    /// Serves `router` on 127.0.0.1 and answers `GET path` (status line and body).
    async fn answer(router: Router, paths: &[&str]) -> Vec<String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        let paths: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
        tokio::task::spawn_blocking(move || {
            paths
                .iter()
                .map(|path| {
                    let mut stream = std::net::TcpStream::connect(addr).unwrap();
                    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    stream.write_all(request.as_bytes()).unwrap();
                    let mut text = String::new();
                    stream.read_to_string(&mut text).unwrap();
                    text
                })
                .collect()
        })
        .await
        .unwrap()
    }

    async fn bug() -> &'static str {
        panic!("a bug")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn slow_requests_are_stopped_and_panics_answered_while_the_server_lives_on() {
        let router = Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    "late"
                }),
            )
            .route("/panic", get(bug))
            .route("/fine", get(|| async { "fine" }));
        let started = std::time::Instant::now();
        let answers = answer(guarded(router, Duration::from_millis(200)), &["/slow", "/panic", "/fine"]).await;
        assert!(started.elapsed() < Duration::from_secs(10));
        assert!(answers[0].starts_with("HTTP/1.1 503"), "{}", answers[0]);
        assert!(answers[0].contains("longer than"), "{}", answers[0]);
        assert!(answers[1].starts_with("HTTP/1.1 500"), "{}", answers[1]);
        assert!(answers[1].contains(r#""status":500"#), "{}", answers[1]);
        assert!(answers[2].starts_with("HTTP/1.1 200") && answers[2].ends_with("fine"), "{}", answers[2]);
        assert!(answers[2].contains("x-content-type-options: nosniff"), "{}", answers[2]);
    }
}
