//! Figures derived from the stored data that cost far more to compute than to read (the
//! calibration of each forecast), kept beside the data they were computed from so that the
//! commands that need them read them instead of computing them on every call.
//!
//! The store does not know what they mean: each is a blob under a kind and a key, chosen by the
//! crate that computes it so that the key names the exact data used (a changed count gives
//! another key, so a stale figure is never read). Every change to a source's observations also
//! deletes the source's derived figures in the same transaction, so that they cannot pile up.

use crate::{Store, StoreError};
use attrition_model::SourceId;
use rusqlite::params;

/// The schema of the derived figures (migration 6).
pub(crate) const MIGRATION: &str = "
    CREATE TABLE derived (
        source       TEXT NOT NULL,
        kind         TEXT NOT NULL,
        key          TEXT NOT NULL,
        data_version TEXT NOT NULL,
        value        BLOB NOT NULL,
        computed_at  TEXT NOT NULL,
        PRIMARY KEY (source, kind, key)
    ) WITHOUT ROWID;
";

/// Deletes the derived figures of `source`: its data are about to change.
pub(crate) fn forget(tx: &rusqlite::Transaction<'_>, source: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM derived WHERE source = ?1", [source]).map(drop)
}

impl Store {
    /// The derived figures of `kind` kept for `source`, as `(key, value)`.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure.
    pub fn derived(&self, source: SourceId, kind: &str) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let mut stmt = self
            .connection()
            .prepare_cached("SELECT key, value FROM derived WHERE source = ?1 AND kind = ?2")
            .map_err(|e| self.sql_error(e))?;
        let rows = stmt
            .query_map(params![source.name(), kind], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)))
            .map_err(|e| self.sql_error(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_error(e))
    }

    /// Keeps `value` under `kind` and `key` for `source`, computed from the data of
    /// `data_version` (recorded for inspection; the key is what says which data it fits).
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure (a store opened from a read-only file, for instance):
    /// the caller may ignore it, since the figure can always be computed again.
    pub fn keep_derived(
        &self,
        source: SourceId,
        kind: &str,
        key: &str,
        data_version: &str,
        value: &[u8],
    ) -> Result<(), StoreError> {
        self.connection()
            .prepare_cached(
                "INSERT OR REPLACE INTO derived (source, kind, key, data_version, value, computed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![source.name(), kind, key, data_version, value, jiff::Timestamp::now().to_string()])
            })
            .map(drop)
            .map_err(|e| self.sql_error(e))
    }
}
