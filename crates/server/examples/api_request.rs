//! One API request answered by the router in-process, with no socket: the server's part of
//! `bench/budgets`, whose instruction count (under callgrind) must not depend on the network.
//!
//! Usage: `api_request STORE PATH_AND_QUERY` — builds the application on the store as
//! `attrition serve` does, asks `GET PATH_AND_QUERY` once, and prints the status and the size
//! of the body. Exits 1 unless the answer is 200.

use attrition_server::{ServeConfig, app};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::process::ExitCode;
use std::time::Duration;
use tower_service::Service as _;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, path] = args.as_slice() else {
        eprintln!("usage: api_request STORE PATH_AND_QUERY");
        return ExitCode::from(2);
    };
    match answer(db, path) {
        Ok((status, bytes)) => {
            println!("{status} {bytes} bytes");
            if status == StatusCode::OK { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(error) => {
            eprintln!("api_request: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The status and body size of `GET path` on the application over `db`.
fn answer(db: &str, path: &str) -> Result<(StatusCode, usize), Box<dyn std::error::Error>> {
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse()?,
        db: db.into(),
        token: None,
        cors: Vec::new(),
        upstream: String::new(),
        timeout: Duration::from_secs(60),
        limits: attrition_server::Limits::default(),
        max_claim_text: attrition_server::MAX_CLAIM_TEXT,
    };
    // One thread: the count is then the request's own work, not a pool's scheduling.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let (mut router, _state) = app(&config)?;
        let request = Request::get(path).body(Body::empty())?;
        let response = router.call(request).await?;
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        Ok((status, body.len()))
    })
}
