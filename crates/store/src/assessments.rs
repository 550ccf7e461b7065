//! Stored assessments (the ones users add, and The Economist's tables) and published pooled
//! meta-estimates, each row pointing at the file it came from. A batch is written in one
//! transaction; one that changes nothing writes nothing, not even its fetch record.

use crate::{Store, StoreError};
use attrition_model::{Assessment, MetaEstimate, Metric, Origin};
use rusqlite::{OptionalExtension, params};

/// The schema of the assessments tables (migration 4).
pub(crate) const MIGRATION: &str = "
    CREATE TABLE assessments (
        origin   TEXT NOT NULL,
        id       TEXT NOT NULL,
        body     TEXT NOT NULL,
        fetch_id INTEGER NOT NULL REFERENCES fetches(id),
        PRIMARY KEY (origin, id)
    ) WITHOUT ROWID;
    CREATE TABLE meta_estimates (
        metric   TEXT NOT NULL,
        day      TEXT NOT NULL,
        body     TEXT NOT NULL,
        fetch_id INTEGER NOT NULL REFERENCES fetches(id),
        PRIMARY KEY (metric, day)
    ) WITHOUT ROWID;
";

/// Where a batch of rows was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchSource {
    /// The upstream's name (e.g. `economist`, `user`).
    pub source: String,
    /// Path or URL.
    pub location: String,
    /// What the file held.
    pub kind: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// What storing a batch changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchSummary {
    /// Rows not stored before.
    pub new: usize,
    /// Rows stored before with other content (the new content replaces it).
    pub changed: usize,
    /// Rows stored already as they are.
    pub unchanged: usize,
}

fn encode<T: serde::Serialize>(store: &Store, value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| store.corrupt_value(e.to_string()))
}

impl Store {
    /// Stores `rows` (all of one origin), replacing rows with the same id.
    ///
    /// # Errors
    /// [`StoreError`] on a database failure (nothing is written then).
    pub fn store_assessments(
        &mut self,
        origin: Origin,
        from: &BatchSource,
        rows: &[Assessment],
    ) -> Result<BatchSummary, StoreError> {
        let bodies = rows.iter().map(|row| Ok((row.id.clone(), encode(self, row)?))).collect::<Result<Vec<_>, _>>()?;
        self.write_batch(from, "assessments", origin.id(), &bodies)
    }

    /// Stores published meta-estimates (one per metric and day), replacing older readings.
    ///
    /// # Errors
    /// [`StoreError`] on a database failure (nothing is written then).
    pub fn store_meta_estimates(
        &mut self,
        from: &BatchSource,
        rows: &[MetaEstimate],
    ) -> Result<BatchSummary, StoreError> {
        let mut summary = BatchSummary::default();
        for metric in [Metric::Killed, Metric::Casualties] {
            let bodies = rows
                .iter()
                .filter(|row| row.metric == metric)
                .map(|row| Ok((row.date.to_string(), encode(self, row)?)))
                .collect::<Result<Vec<_>, _>>()?;
            if bodies.is_empty() {
                continue;
            }
            let part = self.write_batch(from, "meta_estimates", &metric.id(), &bodies)?;
            summary.new += part.new;
            summary.changed += part.changed;
            summary.unchanged += part.unchanged;
        }
        Ok(summary)
    }

    /// Writes `(key, body)` rows under `group` into `table` (`assessments` keyed by origin and id,
    /// `meta_estimates` by metric and day).
    fn write_batch(
        &mut self,
        from: &BatchSource,
        table: &'static str,
        group: &str,
        bodies: &[(String, String)],
    ) -> Result<BatchSummary, StoreError> {
        let (group_column, key_column) = match table {
            "assessments" => ("origin", "id"),
            _ => ("metric", "day"),
        };
        let path = self.path().to_owned();
        let sql = |source| StoreError::sqlite(&path, source);
        let tx =
            self.connection_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(sql)?;
        let mut summary = BatchSummary::default();
        let mut fetch_id: Option<i64> = None;
        for (key, body) in bodies {
            let stored: Option<String> = tx
                .query_row(
                    &format!("SELECT body FROM {table} WHERE {group_column} = ?1 AND {key_column} = ?2"),
                    params![group, key],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql)?;
            match stored {
                Some(old) if old == *body => {
                    summary.unchanged += 1;
                    continue;
                }
                Some(_) => summary.changed += 1,
                None => summary.new += 1,
            }
            let id = match fetch_id {
                Some(id) => id,
                None => {
                    tx.execute(
                        "INSERT INTO fetches (source, location, kind, fetched_at, sha256, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            from.source,
                            from.location,
                            from.kind,
                            jiff::Timestamp::now().to_string(),
                            from.sha256,
                            i64::try_from(from.bytes).unwrap_or(i64::MAX)
                        ],
                    )
                    .map_err(sql)?;
                    let id = tx.last_insert_rowid();
                    fetch_id = Some(id);
                    id
                }
            };
            tx.execute(
                &format!(
                    "INSERT INTO {table} ({group_column}, {key_column}, body, fetch_id) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT ({group_column}, {key_column}) DO UPDATE SET body = excluded.body, fetch_id = excluded.fetch_id"
                ),
                params![group, key, body, id],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(summary)
    }

    /// Every stored assessment, by origin and id.
    ///
    /// # Errors
    /// [`StoreError`] on a database failure or an unreadable row.
    pub fn assessments(&self) -> Result<Vec<Assessment>, StoreError> {
        self.read_bodies("SELECT body FROM assessments ORDER BY origin, id", [])
    }

    /// The stored meta-estimates of `metric`, in date order.
    ///
    /// # Errors
    /// [`StoreError`] on a database failure or an unreadable row.
    pub fn meta_estimates(&self, metric: Metric) -> Result<Vec<MetaEstimate>, StoreError> {
        self.read_bodies("SELECT body FROM meta_estimates WHERE metric = ?1 ORDER BY day", [metric.id()])
    }

    fn read_bodies<T: serde::de::DeserializeOwned, P: rusqlite::Params>(
        &self,
        query: &str,
        parameters: P,
    ) -> Result<Vec<T>, StoreError> {
        let path = self.path().to_owned();
        let sql = |source| StoreError::sqlite(&path, source);
        let mut statement = self.connection().prepare(query).map_err(sql)?;
        let bodies: Vec<String> =
            statement.query_map(parameters, |r| r.get(0)).map_err(sql)?.collect::<Result<_, _>>().map_err(sql)?;
        bodies.iter().map(|body| serde_json::from_str(body).map_err(|e| self.corrupt_value(e.to_string()))).collect()
    }
}
