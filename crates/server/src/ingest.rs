//! The one path by which the daily series enters the store, for `sync` and `import` on the
//! command line and for a sync the server is asked to run: check the batch against itself, then
//! take the store's write lock, check it against what is stored at that moment (falls no
//! correction explains, outliers the user has not accepted), and write it in the same
//! transaction, so that no other writer can change what the checks saw; then keep the forecast
//! calibrations the briefing reads (see [`crate::derived`]).

use attrition_analysis::{
    Acceptance, ImportProblem, Record, check_batch, check_for_import, check_outliers, check_values,
};
use attrition_model::{Category, ParsedFile, SourceId};
use attrition_store::{ApplySummary, CheckedError, Store, StoreError, StoreView, UndoSummary};
use jiff::civil::Date;
use std::collections::{BTreeSet, HashMap};

/// Why a batch was not stored (the store is then unchanged).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The batch contradicts itself or what is stored.
    #[error(transparent)]
    Invalid(#[from] ImportProblem),
    /// The store could not be read or written.
    #[error("storing the data (nothing was changed)")]
    Store(#[from] StoreError),
}

impl From<CheckedError<IngestError>> for IngestError {
    fn from(error: CheckedError<IngestError>) -> IngestError {
        match error {
            CheckedError::Check(e) => e,
            CheckedError::Store(e) => IngestError::Store(e),
        }
    }
}

/// What the door lets in beyond well-formed data: today's date (reports after it, with a day's
/// grace, are refused) and the outliers the user accepted.
#[derive(Debug, Clone)]
pub struct Admission {
    /// Today by the clock.
    pub today: Date,
    /// `--accept-outlier` values.
    pub accepted: Vec<Acceptance>,
}

impl Default for Admission {
    fn default() -> Admission {
        Admission { today: jiff::Zoned::now().date(), accepted: Vec::new() }
    }
}

/// Validates `files` and stores them; nothing is written if any check fails.
///
/// # Errors
/// [`IngestError`] when a check fails or the store cannot be written.
pub fn ingest(store: &mut Store, files: &[ParsedFile]) -> Result<ApplySummary, IngestError> {
    ingest_with(store, files, &Admission::default())
}

/// As [`ingest`], under `admission`.
///
/// # Errors
/// [`IngestError`] when a check fails or the store cannot be written.
pub fn ingest_with(
    store: &mut Store,
    files: &[ParsedFile],
    admission: &Admission,
) -> Result<ApplySummary, IngestError> {
    check_batch(files)?;
    check_values(files, admission.today)?;
    let mut sources: Vec<SourceId> = files.iter().map(|f| f.provenance.source).collect();
    sources.sort_unstable();
    sources.dedup();
    let summary = store.apply_checked(files, |view| {
        let mut notes = Vec::new();
        for &source in &sources {
            for outlier in check_source(view, files, source, admission)? {
                // The note goes with the file that brought the day.
                let index = files
                    .iter()
                    .position(|f| f.provenance.source == source && f.provenance.location == outlier.location)
                    .unwrap_or(0);
                notes.push((index, outlier.note()));
            }
        }
        Ok::<_, IngestError>(notes)
    })?;
    if !summary.is_unchanged() {
        keep_calibrations(store, &sources);
    }
    Ok(summary)
}

/// Measures and keeps the forecast calibrations of the sources just written. The data are
/// stored; the calibrations only save readers time, and a reader measures any that are not
/// kept, so failing to keep them is no failure of the write.
fn keep_calibrations(store: &mut Store, sources: &[SourceId]) {
    for &source in sources {
        let _ = crate::derived::keep_calibrations(store, source);
    }
}

/// The checks of one source's part of the batch against what `view` holds.
fn check_source(
    view: &StoreView<'_>,
    files: &[ParsedFile],
    source: SourceId,
    admission: &Admission,
) -> Result<Vec<attrition_analysis::AcceptedOutlier>, IngestError> {
    let stored = view.load(source)?;
    let batch = files.iter().filter(|f| f.provenance.source == source);
    let known: HashMap<(Category, Date), i64> =
        stored.observations.iter().map(|o| ((o.category, o.report_date), o.value)).collect();
    let mut locations: HashMap<(Category, Date), String> = HashMap::new();
    let mut changed: BTreeSet<(Category, Date)> = BTreeSet::new();
    for file in batch.clone() {
        for o in &file.observations {
            locations.insert((o.category, o.report_date), file.provenance.location.clone());
            if known.get(&(o.category, o.report_date)) != Some(&o.value) {
                changed.insert((o.category, o.report_date));
            }
        }
    }
    let observations =
        stored.observations.into_iter().chain(batch.clone().flat_map(|f| f.observations.iter().copied()));
    let corrections = stored.corrections.into_iter().chain(batch.clone().flat_map(|f| f.corrections.iter().copied()));
    let Some(record) = Record::build(source, observations, corrections, []) else { return Ok(Vec::new()) };
    check_for_import(&record, &locations)?;
    Ok(check_outliers(&record, &changed, &admission.accepted, &locations)?)
}

/// Takes back one fetch of the daily series (`None`: the latest), refusing if what would be
/// left fails the import checks (a fall no correction explains).
///
/// # Errors
/// [`IngestError`] when the fetch cannot be undone or the result fails a check.
pub fn undo(store: &mut Store, fetch: Option<i64>) -> Result<UndoSummary, IngestError> {
    let summary = store.undo_checked(fetch, |view, source| {
        let stored = view.load(source)?;
        if let Some(record) = Record::build(source, stored.observations, stored.corrections, []) {
            check_for_import(&record, &HashMap::new())?;
        }
        Ok::<_, IngestError>(())
    })?;
    keep_calibrations(store, &[summary.source]);
    Ok(summary)
}

/// Stores fetched files and notes the check, so that a sync finding nothing new still counts.
///
/// # Errors
/// [`IngestError`] as for [`ingest`].
pub fn store_fetched(
    store: &mut Store,
    source: SourceId,
    upstream: &str,
    files: &[ParsedFile],
) -> Result<ApplySummary, IngestError> {
    store_fetched_with(store, source, upstream, files, &Admission::default())
}

/// As [`store_fetched`], under `admission`.
///
/// # Errors
/// [`IngestError`] as for [`ingest`].
pub fn store_fetched_with(
    store: &mut Store,
    source: SourceId,
    upstream: &str,
    files: &[ParsedFile],
    admission: &Admission,
) -> Result<ApplySummary, IngestError> {
    let summary = ingest_with(store, files, admission)?;
    store.record_sync_check(source, upstream)?;
    Ok(summary)
}
