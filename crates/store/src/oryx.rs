//! Oryx's visually confirmed equipment losses (scarnecchia/oryx_data `daily_count.csv`), stored
//! apart from the General Staff series: the figure commands that pick "the source with the latest
//! report" read `data_versions`, which Oryx never enters.
//!
//! One row per country, Oryx equipment type and `date_recorded` — the day the dataset first listed
//! the counts, **not the day of the losses** — with the four status counts. Provenance is in the
//! shared `fetches` table (source `oryx`): path or URL, read time, SHA-256 and size. A batch is
//! written in one transaction; one that changes nothing is rolled back, so the file is left as it
//! was; a changed count keeps its old values in `oryx_revisions`.

use crate::{Store, StoreError};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

/// The schema of the Oryx tables (migration 5).
pub(crate) const MIGRATION: &str = "
    CREATE TABLE oryx_counts (
        country        TEXT NOT NULL,
        equipment_type TEXT NOT NULL,
        date_recorded  TEXT NOT NULL,
        destroyed      INTEGER NOT NULL,
        damaged        INTEGER NOT NULL,
        abandoned      INTEGER NOT NULL,
        captured       INTEGER NOT NULL,
        fetch_id       INTEGER NOT NULL REFERENCES fetches(id),
        PRIMARY KEY (country, equipment_type, date_recorded)
    ) WITHOUT ROWID;
    CREATE TABLE oryx_revisions (
        id             INTEGER PRIMARY KEY,
        country        TEXT NOT NULL,
        equipment_type TEXT NOT NULL,
        date_recorded  TEXT NOT NULL,
        old_counts     TEXT NOT NULL,
        old_fetch_id   INTEGER NOT NULL REFERENCES fetches(id),
        new_counts     TEXT NOT NULL,
        new_fetch_id   INTEGER NOT NULL REFERENCES fetches(id)
    );
";

/// The `source` of Oryx rows in the `fetches` table.
pub const ORYX_SOURCE: &str = "oryx";

/// The `kind` of a `daily_count.csv` in the `fetches` table.
pub const ORYX_DAILY_COUNT_KIND: &str = "oryx_daily_count";

/// One stored row: a type's cumulative counts as first listed on `date_recorded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OryxRow {
    /// `Russia` or `Ukraine`, as the file writes it.
    pub country: String,
    /// The Oryx equipment type.
    pub equipment_type: String,
    /// The day the dataset first listed these counts (not the day of the losses).
    pub date_recorded: Date,
    /// Destroyed.
    pub destroyed: i64,
    /// Damaged.
    pub damaged: i64,
    /// Abandoned.
    pub abandoned: i64,
    /// Captured.
    pub captured: i64,
}

impl OryxRow {
    fn counts_text(&self) -> String {
        format!(
            "destroyed {}, damaged {}, abandoned {}, captured {}",
            self.destroyed, self.damaged, self.abandoned, self.captured
        )
    }
}

/// One file's rows with its provenance, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OryxBatch {
    /// Path or URL.
    pub location: String,
    /// When it was read.
    pub fetched_at: jiff::Timestamp,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The rows.
    pub rows: Vec<OryxRow>,
    /// Quirks found while reading, kept with the fetch.
    pub warnings: Vec<String>,
}

/// What one [`Store::apply_oryx`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OryxApplySummary {
    /// Rows not stored before.
    pub new_rows: usize,
    /// Rows whose counts changed (old counts kept in `oryx_revisions`).
    pub revised_rows: usize,
    /// Rows already stored as they are.
    pub unchanged_rows: usize,
    /// Files recorded as fetches (only those that changed something).
    pub recorded_fetches: usize,
}

impl OryxApplySummary {
    /// Whether the run changed nothing (and so was rolled back).
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.new_rows + self.revised_rows == 0
    }
}

/// One recorded Oryx fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OryxFetch {
    /// Its id.
    pub id: i64,
    /// URL or path.
    pub location: String,
    /// When it was read (RFC 3339).
    pub fetched_at: String,
    /// SHA-256 hex.
    pub sha256: String,
    /// Size.
    pub bytes: i64,
    /// Stored rows whose current counts come from it.
    pub current_rows: i64,
    /// Warnings recorded while reading it.
    pub warnings: Vec<String>,
}

impl Store {
    /// Stores Oryx batches in one transaction. Rows already stored unchanged are left alone; if
    /// nothing changes at all, the transaction is rolled back.
    ///
    /// # Errors
    /// [`StoreError`] on any SQLite failure; nothing is written then.
    pub fn apply_oryx(&mut self, batches: &[OryxBatch]) -> Result<OryxApplySummary, StoreError> {
        let path = self.path().to_owned();
        let sql = |source| StoreError::sqlite(&path, source);
        let tx =
            self.connection_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        let mut summary = OryxApplySummary::default();
        for batch in batches {
            apply_batch(&tx, batch, &mut summary).map_err(sql)?;
        }
        if summary.is_unchanged() {
            tx.rollback().map_err(sql)?;
        } else {
            tx.commit().map_err(sql)?;
        }
        Ok(summary)
    }

    /// The stored rows of `country` (every country with `None`), by country, type and date.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure or an unreadable stored date.
    pub fn load_oryx(&self, country: Option<&str>) -> Result<Vec<OryxRow>, StoreError> {
        let path = self.path().to_owned();
        let sql = |source| StoreError::sqlite(&path, source);
        let mut stmt = self
            .connection()
            .prepare_cached(
                "SELECT country, equipment_type, date_recorded, destroyed, damaged, abandoned, captured
                 FROM oryx_counts WHERE ?1 IS NULL OR country = ?1
                 ORDER BY country, equipment_type, date_recorded",
            )
            .map_err(sql)?;
        let rows = stmt
            .query_map([country], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    [r.get::<_, i64>(3)?, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?, r.get::<_, i64>(6)?],
                ))
            })
            .map_err(sql)?;
        let mut out = Vec::new();
        for row in rows {
            let (country, equipment_type, date, [destroyed, damaged, abandoned, captured]) = row.map_err(sql)?;
            let date_recorded: Date =
                date.parse().map_err(|_| self.corrupt_value(format!("Oryx date_recorded {date:?}")))?;
            out.push(OryxRow { country, equipment_type, date_recorded, destroyed, damaged, abandoned, captured });
        }
        Ok(out)
    }

    /// The recorded Oryx fetches, oldest first, with their warnings.
    ///
    /// # Errors
    /// [`StoreError`] on SQLite failure.
    pub fn oryx_fetches(&self) -> Result<Vec<OryxFetch>, StoreError> {
        let path = self.path().to_owned();
        let sql = |source| StoreError::sqlite(&path, source);
        let conn = self.connection();
        let mut stmt = conn
            .prepare_cached(
                "SELECT f.id, f.location, f.fetched_at, f.sha256, f.bytes,
                    (SELECT count(*) FROM oryx_counts o WHERE o.fetch_id = f.id)
                 FROM fetches f WHERE f.source = ?1 ORDER BY f.id",
            )
            .map_err(sql)?;
        let mut out: Vec<OryxFetch> = stmt
            .query_map([ORYX_SOURCE], |r| {
                Ok(OryxFetch {
                    id: r.get(0)?,
                    location: r.get(1)?,
                    fetched_at: r.get(2)?,
                    sha256: r.get(3)?,
                    bytes: r.get(4)?,
                    current_rows: r.get(5)?,
                    warnings: Vec::new(),
                })
            })
            .and_then(Iterator::collect)
            .map_err(sql)?;
        let mut stmt =
            conn.prepare_cached("SELECT message FROM warnings WHERE fetch_id = ?1 ORDER BY rowid").map_err(sql)?;
        for fetch in &mut out {
            fetch.warnings = stmt.query_map([fetch.id], |r| r.get(0)).and_then(Iterator::collect).map_err(sql)?;
        }
        Ok(out)
    }
}

/// Inserts the batch's fetch row the first time it changes something, and returns its id.
fn fetch_id(
    tx: &Transaction<'_>,
    batch: &OryxBatch,
    id: &mut Option<i64>,
    summary: &mut OryxApplySummary,
) -> rusqlite::Result<i64> {
    if let Some(id) = *id {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO fetches (source, location, kind, fetched_at, sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            ORYX_SOURCE,
            batch.location,
            ORYX_DAILY_COUNT_KIND,
            batch.fetched_at.to_string(),
            batch.sha256,
            i64::try_from(batch.bytes).unwrap_or(i64::MAX)
        ],
    )?;
    let new_id = tx.last_insert_rowid();
    for warning in &batch.warnings {
        tx.execute("INSERT INTO warnings (fetch_id, message) VALUES (?1, ?2)", params![new_id, warning])?;
    }
    summary.recorded_fetches += 1;
    *id = Some(new_id);
    Ok(new_id)
}

fn apply_batch(tx: &Transaction<'_>, batch: &OryxBatch, summary: &mut OryxApplySummary) -> rusqlite::Result<()> {
    let mut id = None;
    let mut select = tx.prepare_cached(
        "SELECT destroyed, damaged, abandoned, captured, fetch_id FROM oryx_counts
         WHERE country = ?1 AND equipment_type = ?2 AND date_recorded = ?3",
    )?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO oryx_counts (country, equipment_type, date_recorded, destroyed, damaged, abandoned, captured, fetch_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (country, equipment_type, date_recorded) DO UPDATE SET destroyed = excluded.destroyed,
            damaged = excluded.damaged, abandoned = excluded.abandoned, captured = excluded.captured,
            fetch_id = excluded.fetch_id",
    )?;
    for row in &batch.rows {
        let date = row.date_recorded.to_string();
        let existing: Option<(OryxRow, i64)> = select
            .query_row(params![row.country, row.equipment_type, date], |r| {
                Ok((
                    OryxRow {
                        destroyed: r.get(0)?,
                        damaged: r.get(1)?,
                        abandoned: r.get(2)?,
                        captured: r.get(3)?,
                        ..row.clone()
                    },
                    r.get(4)?,
                ))
            })
            .optional()?;
        match existing {
            Some((old, _)) if old == *row => {
                summary.unchanged_rows += 1;
                continue;
            }
            Some((old, old_fetch)) => {
                let new_fetch = fetch_id(tx, batch, &mut id, summary)?;
                tx.execute(
                    "INSERT INTO oryx_revisions (country, equipment_type, date_recorded, old_counts, old_fetch_id,
                        new_counts, new_fetch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        row.country,
                        row.equipment_type,
                        date,
                        old.counts_text(),
                        old_fetch,
                        row.counts_text(),
                        new_fetch
                    ],
                )?;
                summary.revised_rows += 1;
            }
            None => summary.new_rows += 1,
        }
        let fetch = fetch_id(tx, batch, &mut id, summary)?;
        upsert.execute(params![
            row.country,
            row.equipment_type,
            date,
            row.destroyed,
            row.damaged,
            row.abandoned,
            row.captured,
            fetch
        ])?;
    }
    Ok(())
}
