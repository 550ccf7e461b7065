//! HTTP sync from the public upstreams: the PetroIvaniuk raw JSON files and the
//! russianwarship.rip API v2 (paged). Every request has a time limit; transient failures
//! (unreachable host, timeout, HTTP 5xx, 429) are retried with a growing pause; nothing is
//! returned unless every file or page arrived and parsed, so a failed sync stores nothing.

use crate::{API_PAGE_LIMIT, Detected, PETROIVANIUK_FILES, ReadError, SyncError, read_bytes};
use attrition_model::{ParsedFile, SourceId};
use std::time::Duration;

/// The most a single response may hold (the largest upstream file is under 1 MB).
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// A safety stop for paging, far beyond the length of the series.
const MAX_PAGES: usize = 1000;

/// How to reach an upstream.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// The base URL (a mirror, or the default upstream).
    pub base_url: String,
    /// Time limit for one request, connection to last byte.
    pub timeout: Duration,
    /// How many times to retry a transient failure.
    pub retries: u32,
    /// Pause before the first retry; doubled for each further one.
    pub retry_pause: Duration,
}

/// Receives progress while fetching, so the library never draws on a terminal itself.
pub trait Progress {
    /// The number of steps is known (or has grown).
    fn set_total(&self, _total: u64) {}
    /// One step finished.
    fn step(&self, _message: &str) {}
}

impl Progress for () {}

fn agent(options: &HttpOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("attrition/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn join(base: &str, tail: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), tail.trim_start_matches('/'))
}

/// One attempt's outcome: the body, or an error and whether it is worth retrying.
fn attempt(agent: &ureq::Agent, url: &str, options: &HttpOptions, attempts: u32) -> Result<Vec<u8>, (SyncError, bool)> {
    let response = agent.get(url).header("Accept", "application/json").call();
    let mut response = match response {
        Ok(response) => response,
        Err(error) => return Err(classify(url, &error, options, attempts, true)),
    };
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        let hint = match status {
            404 => " (not found: check --base-url / ATTRITION_UPSTREAM)".to_owned(),
            429 => " (rate limited)".to_owned(),
            500..=599 => " (server error)".to_owned(),
            _ => String::new(),
        };
        let retry = status == 429 || status >= 500;
        return Err((SyncError::Status { url: url.to_owned(), status, hint }, retry));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(|error| classify(url, &error, options, attempts, false))
}

/// Sorts a failure into what the user can act on. `connecting` is true when no response had
/// arrived yet: an I/O failure then (DNS lookup, refused or unroutable connection) means the
/// upstream cannot be reached at all.
fn classify(
    url: &str,
    error: &ureq::Error,
    options: &HttpOptions,
    attempts: u32,
    connecting: bool,
) -> (SyncError, bool) {
    let url = url.to_owned();
    match error {
        ureq::Error::Timeout(_) | ureq::Error::BodyStalled => {
            (SyncError::Timeout { url, seconds: options.timeout.as_secs().max(1), attempts }, true)
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            (SyncError::Timeout { url, seconds: options.timeout.as_secs().max(1), attempts }, true)
        }
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => {
            (SyncError::Unreachable { url, detail: error.to_string() }, true)
        }
        ureq::Error::Io(io)
            if connecting
                || matches!(
                    io.kind(),
                    std::io::ErrorKind::ConnectionRefused
                        | std::io::ErrorKind::NetworkUnreachable
                        | std::io::ErrorKind::HostUnreachable
                        | std::io::ErrorKind::AddrNotAvailable
                ) =>
        {
            (SyncError::Unreachable { url, detail: error.to_string() }, true)
        }
        ureq::Error::BadUri(_) | ureq::Error::BodyExceedsLimit(_) | ureq::Error::RequireHttpsOnly(_) => {
            (SyncError::Transport { url, detail: error.to_string() }, false)
        }
        _ => (SyncError::Transport { url, detail: error.to_string() }, true),
    }
}

/// GETs `url`, retrying transient failures.
fn get(agent: &ureq::Agent, url: &str, options: &HttpOptions) -> Result<Vec<u8>, SyncError> {
    let mut pause = options.retry_pause;
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt(agent, url, options, tries) {
            Ok(body) => return Ok(body),
            Err((error, retry)) if !retry || tries > options.retries => return Err(error),
            Err(_) => {
                std::thread::sleep(pause);
                pause = pause.saturating_mul(2);
            }
        }
    }
}

fn parse(url: &str, body: &[u8], source: SourceId) -> Result<Option<ParsedFile>, SyncError> {
    match read_bytes(url, body, Some(source))? {
        Detected::Parsed(file) => Ok(Some(*file)),
        Detected::Skipped { .. } => Ok(None),
    }
}

/// Fetches the three PetroIvaniuk files from `options.base_url`.
///
/// # Errors
/// [`SyncError`] naming the URL of the first file that could not be fetched or read.
pub fn fetch_petroivaniuk(options: &HttpOptions, progress: &dyn Progress) -> Result<Vec<ParsedFile>, SyncError> {
    let agent = agent(options);
    progress.set_total(PETROIVANIUK_FILES.len() as u64);
    let mut files = Vec::with_capacity(PETROIVANIUK_FILES.len());
    for name in PETROIVANIUK_FILES {
        let url = join(&options.base_url, name);
        let body = get(&agent, &url, options)?;
        files.extend(parse(&url, &body, SourceId::Petroivaniuk)?);
        progress.step(name);
    }
    Ok(files)
}

/// Fetches every record from the API v2 `statistics` list, page by page, until a short page.
///
/// # Errors
/// [`SyncError`] naming the URL of the first page that could not be fetched or read.
pub fn fetch_russianwarship(options: &HttpOptions, progress: &dyn Progress) -> Result<Vec<ParsedFile>, SyncError> {
    let agent = agent(options);
    // The series is about 1,650 reports and grows by one a day; the total is a guess that the
    // bar corrects as pages arrive.
    progress.set_total(34);
    let mut files = Vec::new();
    for page in 0..MAX_PAGES {
        let offset = page * API_PAGE_LIMIT;
        let url = join(&options.base_url, &format!("statistics?offset={offset}&limit={API_PAGE_LIMIT}"));
        let body = get(&agent, &url, options)?;
        let Some(file) = parse(&url, &body, SourceId::Russianwarship)? else { break };
        let records = file.observations.iter().map(|o| o.report_date).collect::<std::collections::BTreeSet<_>>().len();
        if records > API_PAGE_LIMIT {
            return Err(SyncError::Content(ReadError::Shape {
                location: url,
                problem: format!("page holds {records} records, more than the {API_PAGE_LIMIT} asked for"),
            }));
        }
        if records > 0 {
            files.push(file);
        }
        progress.set_total((page as u64 + 2).max(34));
        progress.step(&format!("page {}", page + 1));
        if records < API_PAGE_LIMIT {
            break;
        }
    }
    Ok(files)
}

/// Fetches `names` (paths relative to the base URL) as raw bytes, in order, with the same
/// timeouts, retries and error reporting as the other upstreams; `(url, bytes)` for each.
///
/// # Errors
/// [`SyncError`] for the first file that cannot be fetched.
pub fn fetch_raw(
    options: &HttpOptions,
    names: &[&str],
    progress: &dyn Progress,
) -> Result<Vec<(String, Vec<u8>)>, SyncError> {
    let agent = agent(options);
    progress.set_total(names.len() as u64);
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let url = join(&options.base_url, name);
        let body = get(&agent, &url, options)?;
        progress.step(name);
        out.push((url, body));
    }
    Ok(out)
}
