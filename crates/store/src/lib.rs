//! Persistence with provenance: the embedded SQLite store of attrition.
//!
//! Every stored value points at the fetch it came from (source, URL or file, fetch time,
//! SHA-256 of the content). Writes happen in one transaction per import or sync, so a failure
//! leaves the store exactly as it was, and a run that would change nothing is rolled back so the
//! file is left untouched. Values that an upstream later revises are kept in a revision log.
//!
//! The schema is versioned with `PRAGMA user_version` and migrated in code on open.
//!
//! ```no_run
//! let store = attrition_store::Store::open(std::path::Path::new("attrition.db"))?;
//! for source in store.sources()? {
//!     println!("{} to {}", source.source, source.last_report);
//! }
//! # Ok::<(), attrition_store::StoreError>(())
//! ```

mod assessments;
mod cache;
mod derived;
mod oryx;
mod schema;
mod sqlite;

pub use assessments::{BatchSource, BatchSummary};
pub use oryx::{ORYX_DAILY_COUNT_KIND, ORYX_SOURCE, OryxApplySummary, OryxBatch, OryxFetch, OryxRow};
pub use sqlite::{ApplySummary, CheckedError, FetchRecord, SourceSummary, Store, StoreView, StoredRecord, UndoSummary};

use std::path::PathBuf;

/// Everything that can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database's directory could not be created.
    #[error("cannot create the store's directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// SQLite failed.
    #[error("store {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// Another process held the store's write lock for longer than the busy timeout.
    #[error(
        "another import is writing this store ({path}; an import, sync or undo still held it after {waited_seconds} s); nothing was changed, try again"
    )]
    Busy {
        /// The database file.
        path: PathBuf,
        /// How long this process waited for the lock.
        waited_seconds: u64,
    },
    /// The file was written by a newer attrition.
    #[error(
        "store {path} has schema version {found}, newer than this attrition understands ({supported}); upgrade attrition"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// `undo` was given a fetch id the store does not have.
    #[error("store {path} has no fetch {id}; `attrition status` lists the fetches with their ids")]
    NoSuchFetch {
        /// The database file.
        path: PathBuf,
        /// The id asked for.
        id: i64,
    },
    /// `undo` without an id, and no fetch of the daily series is left to undo.
    #[error("store {path} holds no fetch of the General Staff series that is not already undone")]
    NothingToUndo {
        /// The database file.
        path: PathBuf,
    },
    /// The fetch exists but cannot be undone as asked.
    #[error("fetch {id} in {path} cannot be undone: {reason}")]
    NotUndoable {
        /// The database file.
        path: PathBuf,
        /// The fetch.
        id: i64,
        /// Why.
        reason: String,
    },
    /// A stored value could not be read back (hand-edited or damaged file).
    #[error("store {path}: unreadable stored value: {problem}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What is wrong.
        problem: String,
    },
}

/// How long a writer waits for another process's write to finish before giving up with
/// [`StoreError::Busy`]: an import of the whole record takes about a second, so this leaves room
/// for several in a row.
pub(crate) const BUSY_TIMEOUT_MS: u64 = 10_000;

impl StoreError {
    /// SQLite's error on `path`, with lock contention told apart: SQLite's own wording ("database
    /// is locked") says neither who holds the lock nor that retrying is the remedy.
    pub(crate) fn sqlite(path: &std::path::Path, source: rusqlite::Error) -> StoreError {
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path: path.to_owned(), waited_seconds: BUSY_TIMEOUT_MS / 1000 }
            }
            _ => StoreError::Sqlite { path: path.to_owned(), source },
        }
    }
}

/// The platform's default location: `~/.local/share/attrition/attrition.db` on Linux.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("attrition").join("attrition.db"))
}
