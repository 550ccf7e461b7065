//! The server follows the store: an `attrition import` or a cron `attrition sync` by another
//! process is served within a second, without a restart.
//!
//! SQLite's `PRAGMA data_version` is the cheap signal: on one connection it changes whenever
//! *another* connection commits to the file (never for its own commits), and reading it costs
//! microseconds. So the server keeps one long-lived connection (the [`Follower`]) that only
//! looks, and a thread that asks it every [`POLL`]; when the number moved, the next snapshot is
//! read through that connection and swapped in ([`AppState::replace`]) while requests keep
//! answering from the old one. The server's own writes go through another connection, so they
//! move the number too; they reload at once ([`refresh`] with `force`) so that the write's
//! answer and the next read agree, and the follower then sees nothing new.
//!
//! The number is read *before* the snapshot: a commit landing while the snapshot is read moves it
//! again, so the next look reloads, and a snapshot that caught a commit half-way (the reads are
//! several queries) is replaced within one more poll. The poll runs on its own thread because a
//! look can wait on SQLite's lock for as long as another process's commit holds it.

use crate::state::{AppState, Snapshot};
use attrition_store::{Store, StoreError};
use std::path::Path;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the store is looked at.
pub const POLL: Duration = Duration::from_millis(250);

/// The long-lived connection that notices commits by others, and the last number it saw.
pub struct Follower {
    store: Store,
    seen: i64,
}

impl std::fmt::Debug for Follower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Follower").field("store", &self.store).field("seen", &self.seen).finish()
    }
}

impl Follower {
    /// Opens the store at `path` and notes its current data version; the first snapshot is to
    /// be read after this, so that no commit falls between the two unseen.
    ///
    /// # Errors
    /// [`StoreError`] when the store cannot be opened.
    pub fn open(path: &Path) -> Result<Follower, StoreError> {
        let store = Store::open(path)?;
        let seen = store.data_version()?;
        Ok(Follower { store, seen })
    }
}

/// Reads a new snapshot if the store changed since the follower last looked, or whatever it
/// says when `force`; returns the new generation, or `None` when nothing changed.
///
/// # Errors
/// A message naming the store when it cannot be read; the served snapshot is then unchanged.
pub fn refresh(state: &AppState, force: bool) -> Result<Option<u64>, String> {
    let mut follower = match state.follower.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    let version =
        follower.store.data_version().map_err(|e| format!("looking for changes to {}: {e}", state.db.display()))?;
    if !force && version == follower.seen {
        return Ok(None);
    }
    let snapshot = Snapshot::read(&follower.store, jiff::Zoned::now().date())?;
    follower.seen = version;
    let generation = state.replace(snapshot);
    drop(follower);
    crate::warm_snapshot(&state.snapshot());
    Ok(Some(generation))
}

/// Starts the thread that looks at the store every `every` and reloads on a change. It ends
/// when the state is dropped. A failure is written to standard error once (until it changes),
/// and the server goes on answering from the snapshot it has.
///
/// # Errors
/// When the thread cannot be started.
pub fn spawn(state: &Arc<AppState>, every: Duration) -> std::io::Result<()> {
    let state: Weak<AppState> = Arc::downgrade(state);
    std::thread::Builder::new().name("attrition-follow".to_owned()).spawn(move || {
        let mut last_error: Option<String> = None;
        loop {
            std::thread::sleep(every);
            let Some(state) = state.upgrade() else { return };
            match refresh(&state, false) {
                Ok(_) => last_error = None,
                Err(error) => {
                    if last_error.as_deref() != Some(error.as_str()) {
                        eprintln!("warning: {error}; still serving the data read before");
                    }
                    last_error = Some(error);
                }
            }
        }
    })?;
    Ok(())
}
