//! Typed errors for reading upstream content and for fetching it over HTTP.

/// Content that could not be read as any known upstream format.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{location}: cannot read: {source}")]
    Io {
        /// Path.
        location: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Zero bytes, or only whitespace.
    #[error("{location}: the file is empty")]
    Empty {
        /// Path or URL.
        location: String,
    },
    /// An HTML page where JSON was expected (typically an error or login page).
    #[error("{location}: expected JSON but got an HTML page (starts with {start:?})")]
    Html {
        /// Path or URL.
        location: String,
        /// The first characters, to recognise the page.
        start: String,
    },
    /// Not valid JSON (truncated, garbled).
    #[error("{location}: invalid JSON: {source}")]
    Json {
        /// Path or URL.
        location: String,
        /// serde_json's error, with line and column.
        source: serde_json::Error,
    },
    /// Valid JSON of a shape no reader knows.
    #[error("{location}: {problem}")]
    Shape {
        /// Path or URL.
        location: String,
        /// What is wrong.
        problem: String,
    },
    /// One row is wrong.
    #[error("{location}: row {row} (date {date}): {problem}")]
    Row {
        /// Path or URL.
        location: String,
        /// 1-based row number within the file's list of reports.
        row: usize,
        /// The row's date as written, or `?`.
        date: String,
        /// What is wrong.
        problem: String,
    },
    /// A directory holds no data file.
    #[error(
        "{location}: no data files found (expected PetroIvaniuk russia_losses_*.json or russianwarship.rip API JSON)"
    )]
    NoDataFiles {
        /// The directory.
        location: String,
    },
}

/// A failure to fetch from an upstream.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// DNS failure, refused connection, no route: the upstream cannot be reached at all.
    #[error(
        "cannot reach the upstream at {url}: {detail}\n  (offline? `attrition import PATH` reads local copies of the same files)"
    )]
    Unreachable {
        /// The URL tried.
        url: String,
        /// What the network layer said.
        detail: String,
    },
    /// The server stopped answering within the time limit.
    #[error("{url}: no complete answer within {seconds} s (timed out after {attempts} attempt(s))")]
    Timeout {
        /// The URL tried.
        url: String,
        /// The limit.
        seconds: u64,
        /// Attempts made.
        attempts: u32,
    },
    /// An HTTP error status.
    #[error("{url}: the server answered HTTP {status}{hint}")]
    Status {
        /// The URL tried.
        url: String,
        /// The status code.
        status: u16,
        /// A hint for common cases.
        hint: String,
    },
    /// Any other transport failure (reset connection, body too large, TLS).
    #[error("{url}: transfer failed: {detail}")]
    Transport {
        /// The URL tried.
        url: String,
        /// What happened.
        detail: String,
    },
    /// The body arrived but is not valid upstream content.
    #[error(transparent)]
    Content(#[from] ReadError),
}
