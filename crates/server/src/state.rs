//! What the server answers from: a snapshot of the store read at start-up (the whole daily
//! record and every assessment, a few megabytes), replaced whole after a write, and a cache of
//! the answers already computed from it. Readers never wait for the store; a write builds the
//! next snapshot aside and swaps it in.

use crate::error::ApiError;
use attrition_analysis::{Ranking, Record};
use attrition_model::{Assessment, Category, Convention, DataVersion, PeriodKind};
use attrition_store::Store;
use axum::body::Bytes;
use jiff::civil::Date;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// How many bytes of answers a snapshot keeps; the cache is emptied when it would hold more.
const CACHE_BYTES: usize = 64 << 20;

/// A finished answer: its body, type, and the provenance headers.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The body.
    pub body: Bytes,
    /// `application/json` or `text/csv; charset=utf-8`.
    pub content_type: &'static str,
    /// `X-Attrition-Data-Version`.
    pub data_version: Option<String>,
    /// `X-Attrition-Convention`.
    pub convention: Option<Convention>,
    /// The download name of a CSV body.
    pub filename: Option<String>,
}

/// The data one answer is computed from.
pub struct Snapshot {
    /// The daily record of the source with the latest report, if the store holds any.
    pub record: Option<Record>,
    /// The curated registry and every stored assessment.
    pub assessments: Vec<Assessment>,
    cache: Mutex<Cache>,
    rankings: Mutex<HashMap<RankingKey, Arc<Ranking>>>,
}

/// Finished answers by request, and their total size.
#[derive(Default)]
struct Cache {
    replies: HashMap<String, Reply>,
    bytes: usize,
}

/// What a ranking of the whole record depends on.
type RankingKey = (Category, PeriodKind, Convention, bool, bool);

impl Snapshot {
    /// Reads the store at `path`.
    ///
    /// # Errors
    /// A message naming the store when it cannot be opened or read, or the curated registry
    /// does not validate.
    pub fn load(path: &Path, today: Date) -> Result<Snapshot, String> {
        let fail = |e: &dyn std::fmt::Display| format!("reading the store {}: {e}", path.display());
        let store = Store::open(path).map_err(|e| fail(&e))?;
        let record = match store.source_versions().map_err(|e| fail(&e))?.first() {
            None => None,
            Some(summary) => {
                let stored = store.load(summary.source).map_err(|e| fail(&e))?;
                Record::build(summary.source, stored.observations, stored.corrections, stored.notes)
            }
        };
        let mut assessments =
            attrition_sources::curated(today).map_err(|e| format!("the curated registry does not validate: {e}"))?;
        assessments.extend(store.assessments().map_err(|e| fail(&e))?);
        Ok(Snapshot { record, assessments, cache: Mutex::default(), rankings: Mutex::default() })
    }

    /// The record, or 503 when the store is empty.
    ///
    /// # Errors
    /// [`ApiError::no_data`].
    pub fn record(&self) -> Result<&Record, ApiError> {
        self.record.as_ref().ok_or_else(ApiError::no_data)
    }

    /// The record as known on `as_of` (the whole record when `None` or on or after its last
    /// report).
    ///
    /// # Errors
    /// 503 when empty; 400 naming `as_of` when it is before the first report.
    pub fn record_as_of(&self, as_of: Option<Date>) -> Result<Cow<'_, Record>, ApiError> {
        let record = self.record()?;
        match as_of {
            Some(day) if day < record.last_report => record.as_of(day).map(Cow::Owned).ok_or_else(|| {
                ApiError::bad(
                    "as_of",
                    format!(
                        "no reports on or before {day}; the record starts with the report of {}",
                        record.first_report
                    ),
                )
            }),
            _ => Ok(Cow::Borrowed(record)),
        }
    }

    /// The cached answer to `key`.
    pub fn cached(&self, key: &str) -> Option<Reply> {
        self.cache.lock().ok()?.replies.get(key).cloned()
    }

    /// Keeps `reply` as the answer to `key`.
    pub fn remember(&self, key: String, reply: &Reply) {
        let size = key.len() + reply.body.len();
        if let Ok(mut cache) = self.cache.lock() {
            if cache.bytes + size > CACHE_BYTES {
                cache.replies.clear();
                cache.bytes = 0;
            }
            cache.bytes += size;
            if let Some(old) = cache.replies.insert(key, reply.clone()) {
                cache.bytes -= old.body.len();
            }
        }
    }

    /// The ranking of `record` (this snapshot's record, or a cut of it for `as_of`), kept for the
    /// whole record since every period total asks for it.
    ///
    /// # Errors
    /// The analysis error, when the category cannot be ranked.
    pub fn ranking(
        &self,
        record: &Record,
        (category, kind, convention, net, partial): RankingKey,
    ) -> Result<Arc<Ranking>, attrition_analysis::AnalysisError> {
        let whole = self.record.as_ref().is_some_and(|r| r.last_report == record.last_report);
        let key = (category, kind, convention, net, partial);
        if whole && let Some(ranking) = self.rankings.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(ranking);
        }
        let ranking = Arc::new(record.ranking(category, kind, convention, net, partial)?);
        if whole && let Ok(mut rankings) = self.rankings.lock() {
            rankings.insert(key, Arc::clone(&ranking));
        }
        Ok(ranking)
    }
}

/// What every JSON answer says about where its figures come from.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The source id.
    pub source: &'static str,
    /// Who published the figures, and through whom.
    pub source_description: &'static str,
    /// "petroivaniuk report of 2026-08-08".
    pub data_version: String,
    /// The last report used.
    pub last_report: Date,
    /// The date convention.
    pub convention: Convention,
    /// What the convention means.
    pub convention_meaning: &'static str,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// The as-of date asked for.
    pub as_of: Option<Date>,
}

impl Meta {
    /// The meta of figures computed from `record`.
    #[must_use]
    pub fn of(record: &Record, convention: Convention, net: bool, as_of: Option<Date>) -> Meta {
        let version: DataVersion = record.data_version();
        Meta {
            source: record.source.name(),
            source_description: record.source.description(),
            data_version: version.to_string(),
            last_report: version.last_report,
            convention,
            convention_meaning: convention.explanation(),
            net_of_corrections: net,
            as_of,
        }
    }
}

/// The server's settings and its current snapshot.
pub struct AppState {
    snapshot: RwLock<Arc<Snapshot>>,
    /// The store.
    pub db: PathBuf,
    /// The token that writes need; `None` makes the server read-only.
    pub token: Option<String>,
    /// Where `POST /api/v1/sync` fetches from.
    pub upstream: String,
    /// Bounds how many expensive computations (forecasts, claim checks, writes) run at once.
    pub heavy: tokio::sync::Semaphore,
    /// Serialises writes.
    pub writing: tokio::sync::Mutex<()>,
}

impl AppState {
    /// A state serving `snapshot`.
    #[must_use]
    pub fn new(snapshot: Snapshot, db: PathBuf, token: Option<String>, upstream: String) -> AppState {
        let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        AppState {
            snapshot: RwLock::new(Arc::new(snapshot)),
            db,
            token,
            upstream,
            heavy: tokio::sync::Semaphore::new(workers),
            writing: tokio::sync::Mutex::new(()),
        }
    }

    /// The current snapshot.
    #[must_use]
    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Replaces the snapshot (after a write).
    pub fn replace(&self, snapshot: Snapshot) {
        let next = Arc::new(snapshot);
        match self.snapshot.write() {
            Ok(mut guard) => *guard = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }
}
