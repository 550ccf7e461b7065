//! The SQLite implementation of the store.

use crate::{StoreError, cache, schema::MIGRATIONS};
use attrition_model::{Category, Correction, Note, Observation, ParsedFile, Qualifier, SourceId};
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

/// What one `apply` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplySummary {
    /// Observations not stored before.
    pub new_observations: usize,
    /// Observations whose value or qualifier changed (old values kept in the revision log).
    pub revised_observations: usize,
    /// Observations already stored as they are.
    pub unchanged_observations: usize,
    /// Corrections not stored before or changed.
    pub new_corrections: usize,
    /// Notes not stored before or changed.
    pub new_notes: usize,
    /// Files recorded as fetches (only those that changed something).
    pub recorded_fetches: usize,
}

impl ApplySummary {
    /// Whether the run changed nothing (and so was rolled back).
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.new_observations + self.revised_observations + self.new_corrections + self.new_notes == 0
    }
}

/// What is stored for one source, in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredRecord {
    /// Cumulative values.
    pub observations: Vec<Observation>,
    /// Corrections.
    pub corrections: Vec<Correction>,
    /// Notes.
    pub notes: Vec<Note>,
}

/// One recorded fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FetchRecord {
    /// Its id.
    pub id: i64,
    /// Upstream.
    pub source: SourceId,
    /// URL or path.
    pub location: String,
    /// File kind.
    pub kind: String,
    /// When (RFC 3339).
    pub fetched_at: String,
    /// SHA-256 hex.
    pub sha256: String,
    /// Size.
    pub bytes: i64,
    /// Observations whose current value comes from this fetch.
    pub current_observations: i64,
    /// Warnings recorded while reading it, and outliers accepted with it.
    pub warnings: Vec<String>,
    /// When it was undone (RFC 3339), if it was.
    pub undone_at: Option<String>,
}

/// What one [`Store::undo_checked`] took back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndoSummary {
    /// The fetch undone.
    pub fetch: i64,
    /// Its source.
    pub source: SourceId,
    /// Its file or URL.
    pub location: String,
    /// Values it had added, now removed.
    pub removed_observations: usize,
    /// Values it had revised, now back to what they were.
    pub restored_observations: usize,
    /// Corrections it had added, now removed.
    pub removed_corrections: usize,
    /// Corrections it had replaced, now back.
    pub restored_corrections: usize,
    /// Notes it had added, now removed.
    pub removed_notes: usize,
    /// Notes it had replaced, now back.
    pub restored_notes: usize,
    /// When (RFC 3339).
    pub undone_at: String,
}

/// Why a write with a check ([`Store::apply_checked`], [`Store::undo_checked`]) did not
/// happen; in every case nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum CheckedError<E> {
    /// The check refused.
    #[error(transparent)]
    Check(E),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The data version and extent of one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceSummary {
    /// Upstream.
    pub source: SourceId,
    /// First report date.
    pub first_report: Date,
    /// Last report date (the data version).
    pub last_report: Date,
    /// When the stored data last changed (RFC 3339).
    pub changed_at: String,
    /// Stored observations.
    pub observations: i64,
    /// Stored corrections.
    pub corrections: i64,
    /// Revised values in the log.
    pub revisions: i64,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    ///
    /// # Errors
    /// [`StoreError`] if the directory cannot be created, the file is not a database, or it was
    /// written by a newer version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir { path: dir.to_owned(), source })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::sqlite(path, source))?;
        let mut store = Store { conn, path: path.to_owned() };
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `PRAGMA data_version` on this connection: it changes whenever another connection
    /// (in this process or another) commits to the file, and never for this connection's own
    /// commits. A long-lived reader polls it to learn cheaply that it must reload.
    ///
    /// # Errors
    /// [`StoreError`] when SQLite fails (or the file is locked past the busy timeout).
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(|e| self.sql(e))
    }

    /// The connection, for the other modules of the crate.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The connection, mutably, for the other modules of the crate.
    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// A stored value that does not decode.
    pub(crate) fn corrupt_value(&self, problem: String) -> StoreError {
        self.corrupt(problem)
    }

    /// A SQLite failure on this store, for the other modules of the crate.
    pub(crate) fn sql_error(&self, source: rusqlite::Error) -> StoreError {
        self.sql(source)
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, source)
    }

    fn corrupt(&self, problem: String) -> StoreError {
        StoreError::Corrupt { path: self.path.clone(), problem }
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |source| StoreError::sqlite(&path, source);
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA mmap_size = 268435456;").map_err(sql)?;
        self.conn.busy_timeout(std::time::Duration::from_millis(crate::BUSY_TIMEOUT_MS)).map_err(sql)?;
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::TooNew { path, found: version, supported });
        }
        if version == supported {
            return Ok(());
        }
        // The write lock first, then the version again: two processes opening a fresh store at
        // once both saw version 0 above, and the second must find the first one's tables.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
        if version >= supported {
            return tx.commit().map_err(sql);
        }
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(usize::try_from(version).unwrap_or(0)) {
            tx.execute_batch(migration).map_err(sql)?;
            tx.pragma_update(None, "user_version", index as i64 + 1).map_err(sql)?;
        }
        // Stores made before the cache existed get it filled now, in the same transaction.
        let sources: Vec<String> = tx
            .prepare("SELECT source FROM data_versions")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
            .map_err(sql)?;
        for source in sources {
            cache::rebuild(&tx, &source).map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// Stores the files of one import or sync in a single transaction. Values already stored
    /// unchanged are left alone; if nothing changes at all, the transaction is rolled back.
    ///
    /// # Errors
    /// [`StoreError`] on any SQLite failure; nothing is written then.
    pub fn apply(&mut self, files: &[ParsedFile]) -> Result<ApplySummary, StoreError> {
        self.apply_checked(files, |_| Ok::<_, std::convert::Infallible>(Vec::new())).map_err(|e| match e {
            CheckedError::Store(e) => e,
            CheckedError::Check(never) => match never {},
        })
    }

    /// As [`Store::apply`], but first runs `check` inside the same write transaction, on what is
    /// stored at that moment: the write lock is taken before the check reads, so no other
    /// process can change what the check saw before the write lands. `check` returns notes to
    /// record with the fetch of file `i` (as `(i, note)`), for example an outlier the user
    /// accepted; an error from it leaves the store untouched.
    ///
    /// # Errors
    /// [`CheckedError::Check`] with the check's error, [`CheckedError::Store`] on SQLite failure
    /// (lock contention past the busy timeout is [`StoreError::Busy`]); nothing is written then.
    pub fn apply_checked<E>(
        &mut self,
        files: &[ParsedFile],
        check: impl FnOnce(&StoreView<'_>) -> Result<Vec<(usize, String)>, E>,
    ) -> Result<ApplySummary, CheckedError<E>> {
        let path = self.path.clone();
        let sql = |source| StoreError::sqlite(&path, source);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        let notes = check(&StoreView { conn: &tx, path: &path }).map_err(CheckedError::Check)?;
        let mut summary = ApplySummary::default();
        for (index, file) in files.iter().enumerate() {
            let extra: Vec<&str> = notes.iter().filter(|(i, _)| *i == index).map(|(_, n)| n.as_str()).collect();
            apply_file(&tx, file, &extra, &mut summary).map_err(sql)?;
        }
        if summary.is_unchanged() {
            tx.rollback().map_err(sql)?;
            return Ok(summary);
        }
        let mut touched: Vec<&str> = files.iter().map(|f| f.provenance.source.name()).collect();
        touched.sort_unstable();
        touched.dedup();
        for source in touched {
            refresh_data_version(&tx, source).map_err(sql)?;
            cache::rebuild(&tx, source).map_err(sql)?;
            crate::derived::forget(&tx, source).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(summary)
    }

    /// Takes back what one fetch of the daily series brought (`None`: the latest not yet
    /// undone): values it added are removed, values it revised get their old value, qualifier
    /// and provenance back (their revision-log entries go), and corrections and notes it added
    /// or replaced likewise; the series cache and data version are rebuilt in the same
    /// transaction. The fetch stays listed, marked undone. `check` runs on the result before the
    /// commit (the write lock held), so an undo that would leave a record the import checks
    /// refuse is not made.
    ///
    /// A fetch whose values a later fetch has revised again cannot be undone before that later
    /// one: the older state it would restore is not the state the later fetch replaced.
    ///
    /// # Errors
    /// [`StoreError::NoSuchFetch`], [`StoreError::NothingToUndo`], [`StoreError::NotUndoable`],
    /// the check's error as [`CheckedError::Check`], or SQLite failure; nothing is changed then.
    pub fn undo_checked<E>(
        &mut self,
        fetch: Option<i64>,
        check: impl FnOnce(&StoreView<'_>, SourceId) -> Result<(), E>,
    ) -> Result<UndoSummary, CheckedError<E>> {
        let path = self.path.clone();
        let sql = |source| StoreError::sqlite(&path, source);
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        let series_sources = [SourceId::Petroivaniuk.name(), SourceId::Russianwarship.name()];
        let id = match fetch {
            Some(id) => id,
            None => tx
                .query_row(
                    "SELECT max(id) FROM fetches WHERE undone_at IS NULL AND source IN (?1, ?2)",
                    params![series_sources[0], series_sources[1]],
                    |r| r.get::<_, Option<i64>>(0),
                )
                .map_err(sql)?
                .ok_or_else(|| StoreError::NothingToUndo { path: path.clone() })?,
        };
        let row: Option<(String, String, Option<String>, i64)> = tx
            .query_row("SELECT source, location, undone_at, logged FROM fetches WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
            .map_err(sql)?;
        let Some((source_name, location, undone_at, logged)) = row else {
            return Err(StoreError::NoSuchFetch { path: path.clone(), id }.into());
        };
        let refuse = |reason: String| StoreError::NotUndoable { path: path.clone(), id, reason };
        let source: SourceId = match source_name.parse() {
            Ok(source) if series_sources.contains(&source_name.as_str()) => source,
            _ => {
                return Err(refuse(format!(
                    "it is a fetch of {source_name}, and undo takes back fetches of the General Staff series only"
                ))
                .into());
            }
        };
        if let Some(at) = undone_at {
            return Err(refuse(format!("it was already undone at {at}")).into());
        }
        let count = |query: &str| tx.query_row(query, [id], |r| r.get::<_, i64>(0)).map_err(sql);
        if logged == 0
            && count(
                "SELECT (SELECT count(*) FROM corrections WHERE fetch_id = ?1) + (SELECT count(*) FROM notes WHERE fetch_id = ?1)",
            )? > 0
        {
            return Err(refuse(
                "it was stored before this version kept the corrections and notes a fetch replaces, so what it replaced is not known".into(),
            )
            .into());
        }
        let later: Option<i64> = tx
            .query_row(
                "SELECT min(f) FROM (
                    SELECT new_fetch_id AS f FROM revisions WHERE old_fetch_id = ?1
                    UNION ALL SELECT fetch_id FROM replaced_corrections WHERE old_fetch_id = ?1
                    UNION ALL SELECT fetch_id FROM replaced_notes WHERE old_fetch_id = ?1)",
                [id],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if let Some(later) = later {
            return Err(
                refuse(format!("fetch {later} later revised values it brought; undo fetch {later} first")).into()
            );
        }
        let mut summary = UndoSummary {
            fetch: id,
            source,
            location,
            removed_observations: 0,
            restored_observations: 0,
            removed_corrections: 0,
            restored_corrections: 0,
            removed_notes: 0,
            restored_notes: 0,
            undone_at: String::new(),
        };
        // Revised values get their old value back, then what is left with this fetch's id was new.
        summary.restored_observations = tx
            .execute(
                "UPDATE observations SET (value, qualifier, fetch_id) = (
                    SELECT r.old_value, r.old_qualifier, r.old_fetch_id FROM revisions r
                    WHERE r.new_fetch_id = ?1 AND r.source = observations.source
                      AND r.category = observations.category AND r.report_date = observations.report_date)
                 WHERE fetch_id = ?1 AND EXISTS (SELECT 1 FROM revisions r WHERE r.new_fetch_id = ?1
                      AND r.source = observations.source AND r.category = observations.category
                      AND r.report_date = observations.report_date)",
                [id],
            )
            .map_err(sql)?;
        tx.execute("DELETE FROM revisions WHERE new_fetch_id = ?1", [id]).map_err(sql)?;
        summary.removed_observations = tx.execute("DELETE FROM observations WHERE fetch_id = ?1", [id]).map_err(sql)?;
        summary.restored_corrections = tx
            .execute(
                "UPDATE corrections SET (value, fetch_id) = (
                    SELECT r.old_value, r.old_fetch_id FROM replaced_corrections r
                    WHERE r.fetch_id = ?1 AND r.source = corrections.source
                      AND r.category = corrections.category AND r.report_date = corrections.report_date)
                 WHERE fetch_id = ?1 AND EXISTS (SELECT 1 FROM replaced_corrections r WHERE r.fetch_id = ?1
                      AND r.source = corrections.source AND r.category = corrections.category
                      AND r.report_date = corrections.report_date)",
                [id],
            )
            .map_err(sql)?;
        tx.execute("DELETE FROM replaced_corrections WHERE fetch_id = ?1", [id]).map_err(sql)?;
        summary.removed_corrections = tx.execute("DELETE FROM corrections WHERE fetch_id = ?1", [id]).map_err(sql)?;
        summary.restored_notes = tx
            .execute(
                "UPDATE notes SET (text, fetch_id) = (
                    SELECT r.old_text, r.old_fetch_id FROM replaced_notes r
                    WHERE r.fetch_id = ?1 AND r.source = notes.source
                      AND r.kind = notes.kind AND r.report_date = notes.report_date)
                 WHERE fetch_id = ?1 AND EXISTS (SELECT 1 FROM replaced_notes r WHERE r.fetch_id = ?1
                      AND r.source = notes.source AND r.kind = notes.kind AND r.report_date = notes.report_date)",
                [id],
            )
            .map_err(sql)?;
        tx.execute("DELETE FROM replaced_notes WHERE fetch_id = ?1", [id]).map_err(sql)?;
        summary.removed_notes = tx.execute("DELETE FROM notes WHERE fetch_id = ?1", [id]).map_err(sql)?;
        summary.undone_at = jiff::Timestamp::now().to_string();
        tx.execute("UPDATE fetches SET undone_at = ?2 WHERE id = ?1", params![id, summary.undone_at]).map_err(sql)?;
        // The data version follows what is left; a source left empty has none.
        tx.execute("DELETE FROM data_versions WHERE source = ?1", [source.name()]).map_err(sql)?;
        refresh_data_version(&tx, source.name()).map_err(sql)?;
        cache::rebuild(&tx, source.name()).map_err(sql)?;
        crate::derived::forget(&tx, source.name()).map_err(sql)?;
        check(&StoreView { conn: &tx, path: &path }, source).map_err(CheckedError::Check)?;
        tx.commit().map_err(sql)?;
        Ok(summary)
    }

    /// Everything stored for `source`, in date order.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored value.
    pub fn load(&self, source: SourceId) -> Result<StoredRecord, StoreError> {
        self.view().load(source)
    }

    /// Everything stored for `source`, with the observations read row by row (`observations`
    /// false leaves them out). [`Store::load`] reads them from the series cache instead; a test
    /// holds the two equal.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored value.
    pub fn load_uncached(&self, source: SourceId, observations: bool) -> Result<StoredRecord, StoreError> {
        self.view().load_uncached(source, observations)
    }

    /// Read access to what is stored now.
    fn view(&self) -> StoreView<'_> {
        StoreView { conn: &self.conn, path: &self.path }
    }

    /// Notes that `upstream` was fetched for `source` just now, whether or not anything changed.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure.
    pub fn record_sync_check(&self, source: SourceId, upstream: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO sync_checks (source, upstream, checked_at) VALUES (?1, ?2, ?3)",
                params![source.name(), upstream, jiff::Timestamp::now().to_string()],
            )
            .map(drop)
            .map_err(|e| self.sql(e))
    }

    /// The last sync of `source` (upstream and time, RFC 3339), whether or not it changed anything.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure.
    pub fn last_sync(&self, source: SourceId) -> Result<Option<(String, String)>, StoreError> {
        self.conn
            .query_row("SELECT upstream, checked_at FROM sync_checks WHERE source = ?1", [source.name()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// When the stored data of `source` were last known to be current: the later of the last
    /// change and the last sync that found nothing new. `None` when nothing is stored.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable timestamp.
    pub fn last_refreshed(&self, source: SourceId) -> Result<Option<jiff::Timestamp>, StoreError> {
        let times: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT changed_at FROM data_versions WHERE source = ?1
                 UNION ALL SELECT checked_at FROM sync_checks WHERE source = ?1",
            )
            .and_then(|mut stmt| stmt.query_map([source.name()], |r| r.get(0))?.collect())
            .map_err(|e| self.sql(e))?;
        let mut latest = None;
        for text in times {
            let time: jiff::Timestamp =
                text.parse().map_err(|_| self.corrupt(format!("timestamp {text:?} in the store")))?;
            latest = latest.max(Some(time));
        }
        Ok(latest)
    }

    /// The sources stored, with their data versions, newest data first.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored value.
    pub fn sources(&self) -> Result<Vec<SourceSummary>, StoreError> {
        self.source_rows(
            "SELECT d.source, d.first_report, d.last_report, d.changed_at,
                (SELECT count(*) FROM observations o WHERE o.source = d.source),
                (SELECT count(*) FROM corrections c WHERE c.source = d.source),
                (SELECT count(*) FROM revisions v WHERE v.source = d.source)
             FROM data_versions d ORDER BY d.last_report DESC, d.source",
        )
    }

    /// As [`Store::sources`] but without counting rows (the counts are zero): what a figure
    /// command needs to pick its source, at a fraction of the cost.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored value.
    pub fn source_versions(&self) -> Result<Vec<SourceSummary>, StoreError> {
        self.source_rows(
            "SELECT source, first_report, last_report, changed_at, 0, 0, 0
             FROM data_versions ORDER BY last_report DESC, source",
        )
    }

    fn source_rows(&self, query: &str) -> Result<Vec<SourceSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(query).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (source, first, last, changed_at, observations, corrections, revisions) =
                row.map_err(|e| self.sql(e))?;
            out.push(SourceSummary {
                source: source.parse().map_err(|_| self.corrupt(format!("source {source:?}")))?,
                first_report: self.date(&first)?,
                last_report: self.date(&last)?,
                changed_at,
                observations,
                corrections,
                revisions,
            });
        }
        Ok(out)
    }

    /// The recorded fetches of `source`, oldest first, with their warnings.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure.
    pub fn fetches(&self, source: SourceId) -> Result<Vec<FetchRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.location, f.kind, f.fetched_at, f.sha256, f.bytes,
                    (SELECT count(*) FROM observations o WHERE o.fetch_id = f.id), f.undone_at
                 FROM fetches f WHERE f.source = ?1 ORDER BY f.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([source.name()], |r| {
                Ok(FetchRecord {
                    id: r.get(0)?,
                    source,
                    location: r.get(1)?,
                    kind: r.get(2)?,
                    fetched_at: r.get(3)?,
                    sha256: r.get(4)?,
                    bytes: r.get(5)?,
                    current_observations: r.get(6)?,
                    warnings: Vec::new(),
                    undone_at: r.get(7)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        let mut out: Vec<FetchRecord> = rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT message FROM warnings WHERE fetch_id = ?1 ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        for fetch in &mut out {
            fetch.warnings =
                stmt.query_map([fetch.id], |r| r.get(0)).and_then(Iterator::collect).map_err(|e| self.sql(e))?;
        }
        Ok(out)
    }

    fn date(&self, text: &str) -> Result<Date, StoreError> {
        self.view().date(text)
    }
}

/// Inserts a fetch row the first time a file changes something, and returns its id.
fn fetch_id(
    tx: &Transaction<'_>,
    file: &ParsedFile,
    extra: &[&str],
    id: &mut Option<i64>,
    summary: &mut ApplySummary,
) -> rusqlite::Result<i64> {
    if let Some(id) = *id {
        return Ok(id);
    }
    let p = &file.provenance;
    tx.execute(
        "INSERT INTO fetches (source, location, kind, fetched_at, sha256, bytes, logged) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
        params![p.source.name(), p.location, file.kind.name(), p.fetched_at.to_string(), p.sha256, p.bytes as i64],
    )?;
    let new_id = tx.last_insert_rowid();
    for warning in file.warnings.iter().map(String::as_str).chain(extra.iter().copied()) {
        tx.execute("INSERT INTO warnings (fetch_id, message) VALUES (?1, ?2)", params![new_id, warning])?;
    }
    summary.recorded_fetches += 1;
    *id = Some(new_id);
    Ok(new_id)
}

fn apply_file(
    tx: &Transaction<'_>,
    file: &ParsedFile,
    extra: &[&str],
    summary: &mut ApplySummary,
) -> rusqlite::Result<()> {
    let source = file.provenance.source.name();
    let mut id = None;
    let mut select = tx.prepare_cached(
        "SELECT value, qualifier, fetch_id FROM observations WHERE source = ?1 AND category = ?2 AND report_date = ?3",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO observations (source, report_date, category, value, qualifier, fetch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE observations SET value = ?4, qualifier = ?5, fetch_id = ?6 WHERE source = ?1 AND report_date = ?2 AND category = ?3",
    )?;
    for o in &file.observations {
        let date = o.report_date.to_string();
        let qualifier = o.qualifier.map(Qualifier::word);
        let existing: Option<(i64, Option<String>, i64)> = select
            .query_row(params![source, o.category.id(), date], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        match existing {
            Some((value, ref old_qualifier, _)) if value == o.value && old_qualifier.as_deref() == qualifier => {
                summary.unchanged_observations += 1;
            }
            Some((old_value, old_qualifier, old_fetch)) => {
                let new_fetch = fetch_id(tx, file, extra, &mut id, summary)?;
                tx.execute(
                    "INSERT INTO revisions (source, report_date, category, old_value, old_qualifier, old_fetch_id,
                        new_value, new_qualifier, new_fetch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        source,
                        date,
                        o.category.id(),
                        old_value,
                        old_qualifier,
                        old_fetch,
                        o.value,
                        qualifier,
                        new_fetch
                    ],
                )?;
                update.execute(params![source, date, o.category.id(), o.value, qualifier, new_fetch])?;
                summary.revised_observations += 1;
            }
            None => {
                let new_fetch = fetch_id(tx, file, extra, &mut id, summary)?;
                insert.execute(params![source, date, o.category.id(), o.value, qualifier, new_fetch])?;
                summary.new_observations += 1;
            }
        }
    }
    // Corrections and notes are replaced in place; what they replace goes to a log so that an
    // undo can put it back.
    let mut select = tx.prepare_cached(
        "SELECT value, fetch_id FROM corrections WHERE source = ?1 AND category = ?2 AND report_date = ?3",
    )?;
    for c in &file.corrections {
        let date = c.report_date.to_string();
        let existing: Option<(i64, i64)> =
            select.query_row(params![source, c.category.id(), date], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        if existing.map(|(value, _)| value) != Some(c.value) {
            let new_fetch = fetch_id(tx, file, extra, &mut id, summary)?;
            if let Some((old_value, old_fetch)) = existing {
                tx.execute(
                    "INSERT INTO replaced_corrections (fetch_id, source, report_date, category, old_value, old_fetch_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![new_fetch, source, date, c.category.id(), old_value, old_fetch],
                )?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO corrections (source, report_date, category, value, fetch_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![source, date, c.category.id(), c.value, new_fetch],
            )?;
            summary.new_corrections += 1;
        }
    }
    let mut select =
        tx.prepare_cached("SELECT text, fetch_id FROM notes WHERE source = ?1 AND kind = ?2 AND report_date = ?3")?;
    for n in &file.notes {
        let date = n.report_date.to_string();
        let existing: Option<(String, i64)> =
            select.query_row(params![source, n.kind, date], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        if existing.as_ref().map(|(text, _)| text.as_str()) != Some(n.text.as_str()) {
            let new_fetch = fetch_id(tx, file, extra, &mut id, summary)?;
            if let Some((old_text, old_fetch)) = existing {
                tx.execute(
                    "INSERT INTO replaced_notes (fetch_id, source, report_date, kind, old_text, old_fetch_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![new_fetch, source, date, n.kind, old_text, old_fetch],
                )?;
            }
            tx.execute(
                "INSERT OR REPLACE INTO notes (source, report_date, kind, text, fetch_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![source, date, n.kind, n.text, new_fetch],
            )?;
            summary.new_notes += 1;
        }
    }
    Ok(())
}

fn refresh_data_version(tx: &Transaction<'_>, source: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO data_versions (source, first_report, last_report, changed_at)
         SELECT source, min(report_date), max(report_date), ?2 FROM observations WHERE source = ?1 GROUP BY source",
        params![source, jiff::Timestamp::now().to_string()],
    )?;
    Ok(())
}

/// Read access to the store's content: from an open store, or from inside a write transaction
/// so that a check run before the write sees exactly what the write will change (another
/// process cannot slip a write in between, because the transaction holds the write lock).
pub struct StoreView<'c> {
    conn: &'c Connection,
    path: &'c Path,
}

impl std::fmt::Debug for StoreView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreView").field("path", &self.path).finish_non_exhaustive()
    }
}

impl StoreView<'_> {
    /// Everything stored for `source`, in date order.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored value.
    pub fn load(&self, source: SourceId) -> Result<StoredRecord, StoreError> {
        let mut record = self.load_uncached(source, false)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT category, readings FROM series_cache WHERE source = ?1 ORDER BY category")
            .map_err(|e| self.sql(e))?;
        let mut rows = stmt.query([source.name()]).map_err(|e| self.sql(e))?;
        while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
            let category = row.get_ref(0).and_then(|v| v.as_str().map_err(Into::into)).map_err(|e| self.sql(e))?;
            let category = self.category(category)?;
            let blob = row.get_ref(1).and_then(|v| v.as_blob().map_err(Into::into)).map_err(|e| self.sql(e))?;
            cache::unpack(category, blob, &mut record.observations).map_err(|problem| self.corrupt(problem))?;
        }
        Ok(record)
    }

    /// Everything stored for `source`, with the observations read row by row (`observations`
    /// false leaves them out). [`StoreView::load`] reads them from the series cache instead; a test
    /// holds the two equal.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored value.
    pub fn load_uncached(&self, source: SourceId, observations: bool) -> Result<StoredRecord, StoreError> {
        let mut record = StoredRecord::default();
        if observations {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT report_date, category, value, qualifier FROM observations WHERE source = ?1
                     ORDER BY category, report_date",
                )
                .map_err(|e| self.sql(e))?;
            let mut rows = stmt.query([source.name()]).map_err(|e| self.sql(e))?;
            while let Some(row) = rows.next().map_err(|e| self.sql(e))? {
                let text = |i: usize| row.get_ref(i).and_then(|v| v.as_str().map_err(Into::into));
                let (date, category) = (text(0).map_err(|e| self.sql(e))?, text(1).map_err(|e| self.sql(e))?);
                let value: i64 = row.get(2).map_err(|e| self.sql(e))?;
                let qualifier =
                    match row.get_ref(3).map_err(|e| self.sql(e))?.as_str_or_null().map_err(|e| self.sql(e.into()))? {
                        None => None,
                        Some(word) => Some(
                            Qualifier::from_word(word).ok_or_else(|| self.corrupt(format!("qualifier {word:?}")))?,
                        ),
                    };
                record.observations.push(Observation {
                    report_date: self.date(date)?,
                    category: self.category(category)?,
                    value,
                    qualifier,
                });
            }
            drop(rows);
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT report_date, category, value FROM corrections WHERE source = ?1 ORDER BY report_date, category",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([source.name()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))
            .map_err(|e| self.sql(e))?;
        for row in rows {
            let (date, category, value) = row.map_err(|e| self.sql(e))?;
            record.corrections.push(Correction {
                report_date: self.date(&date)?,
                category: self.category(&category)?,
                value,
            });
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT report_date, kind, text FROM notes WHERE source = ?1 ORDER BY report_date, kind")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([source.name()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .map_err(|e| self.sql(e))?;
        for row in rows {
            let (date, kind, text) = row.map_err(|e| self.sql(e))?;
            record.notes.push(Note { report_date: self.date(&date)?, kind, text });
        }
        Ok(record)
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::sqlite(self.path, source)
    }

    fn corrupt(&self, problem: String) -> StoreError {
        StoreError::Corrupt { path: self.path.to_owned(), problem }
    }

    /// Stored dates are always `YYYY-MM-DD`; reading the digits directly is several times
    /// faster than a general parser, which matters for the 20,000-odd values every command loads.
    fn date(&self, text: &str) -> Result<Date, StoreError> {
        let digits = |range: std::ops::Range<usize>| -> Option<i16> {
            let part = text.get(range)?;
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
        };
        let parsed = match (text.len(), text.as_bytes().get(4), text.as_bytes().get(7)) {
            (10, Some(b'-'), Some(b'-')) => digits(0..4)
                .zip(digits(5..7))
                .zip(digits(8..10))
                .and_then(|((y, m), d)| Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()),
            _ => None,
        };
        parsed.ok_or_else(|| self.corrupt(format!("date {text:?}")))
    }

    fn category(&self, id: &str) -> Result<Category, StoreError> {
        Category::from_id(id).ok_or_else(|| self.corrupt(format!("category {id:?}")))
    }
}
