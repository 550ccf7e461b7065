//! What the server answers from: a snapshot of the store (the whole daily record and every
//! assessment, a few megabytes), replaced whole whenever the store changes (a write through the
//! server, or an import or sync by another process, see [`crate::follow`]), and a cache of the
//! answers already computed from it. Readers never wait for the store: a request clones the
//! current snapshot's `Arc` and answers from it to the end, while the next snapshot is built
//! aside and swapped in; the old one is freed when its last request finishes.

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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

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
    /// `X-Attrition-Generation`: the snapshot it was computed from.
    pub generation: Option<u64>,
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
    /// Which snapshot this is since the server started (1 for the first; one more at each
    /// reload), so that a client can tell that two answers came from different data.
    pub generation: u64,
    /// When it was read from the store.
    pub loaded_at: jiff::Timestamp,
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
        let store = Store::open(path).map_err(|e| format!("reading the store {}: {e}", path.display()))?;
        Snapshot::read(&store, today)
    }

    /// Reads the snapshot through an open store.
    ///
    /// # Errors
    /// As [`Snapshot::load`].
    pub fn read(store: &Store, today: Date) -> Result<Snapshot, String> {
        let fail = |e: &dyn std::fmt::Display| format!("reading the store {}: {e}", store.path().display());
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
        Ok(Snapshot {
            record,
            assessments,
            generation: 0,
            loaded_at: jiff::Timestamp::now(),
            cache: Mutex::default(),
            rankings: Mutex::default(),
        })
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
    /// The server's snapshot generation the figures were computed from (see `/healthz`).
    pub generation: u64,
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
    /// The meta of figures computed from `record`, of snapshot `generation`.
    #[must_use]
    pub fn of(generation: u64, record: &Record, convention: Convention, net: bool, as_of: Option<Date>) -> Meta {
        let version: DataVersion = record.data_version();
        Meta {
            source: record.source.name(),
            source_description: record.source.description(),
            data_version: version.to_string(),
            generation,
            last_report: version.last_report,
            convention,
            convention_meaning: convention.explanation(),
            net_of_corrections: net,
            as_of,
        }
    }
}

/// How long a heavy computation may go on: until its request's deadline, and no longer than
/// its request lives (dropped at the time limit, or when the client goes away). The work runs
/// on a blocking thread that nothing can interrupt, so it looks at its budget between steps.
#[derive(Debug, Clone)]
pub struct Budget {
    deadline: Option<Instant>,
    cancelled: Arc<AtomicBool>,
}

impl Budget {
    /// A budget that ends at `deadline` (or never), unless cancelled before.
    #[must_use]
    pub fn until(deadline: Option<Instant>) -> Budget {
        Budget { deadline, cancelled: Arc::new(AtomicBool::new(false)) }
    }

    /// Ends the budget now.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the work may go on.
    ///
    /// # Errors
    /// A 503 when the deadline has passed or the request was dropped.
    pub fn check(&self) -> Result<(), ApiError> {
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        if late || self.cancelled.load(Ordering::Relaxed) {
            return Err(ApiError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                None,
                "the request ran out of time and its work was stopped",
            ));
        }
        Ok(())
    }
}

/// Cancels a budget when dropped: held by the request's future, so that the blocking work
/// learns that nobody waits for it any more.
pub struct CancelOnDrop(pub Budget);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The server's settings and its current snapshot.
pub struct AppState {
    snapshot: RwLock<Arc<Snapshot>>,
    /// The connection that notices changes to the store ([`crate::follow`]); locked while a
    /// snapshot is loaded, so that two reloads never swap in out of order.
    pub(crate) follower: Mutex<crate::follow::Follower>,
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
    /// The time limit of one request.
    pub timeout: Duration,
    /// The longest text one claim check takes, in bytes.
    pub max_claim_text: usize,
}

impl AppState {
    /// A state serving `snapshot` (as generation 1), following the store through `follower`.
    #[must_use]
    pub(crate) fn new(
        mut snapshot: Snapshot,
        follower: crate::follow::Follower,
        config: &crate::ServeConfig,
    ) -> AppState {
        let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        snapshot.generation = 1;
        AppState {
            snapshot: RwLock::new(Arc::new(snapshot)),
            follower: Mutex::new(follower),
            db: config.db.clone(),
            token: config.token.clone(),
            upstream: config.upstream.clone(),
            heavy: tokio::sync::Semaphore::new(workers),
            writing: tokio::sync::Mutex::new(()),
            timeout: config.timeout,
            max_claim_text: config.max_claim_text,
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

    /// Replaces the snapshot with `snapshot`, numbered one past the current one; requests
    /// answering from the old one finish with it. Returns the new generation.
    pub fn replace(&self, mut snapshot: Snapshot) -> u64 {
        let mut guard = match self.snapshot.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        snapshot.generation = guard.generation + 1;
        let generation = snapshot.generation;
        *guard = Arc::new(snapshot);
        generation
    }
}
