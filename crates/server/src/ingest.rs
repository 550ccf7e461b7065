//! The one path by which the daily series enters the store, for `sync` and `import` on the
//! command line and for a sync the server is asked to run: check the batch against itself and
//! against what is stored, then write it in one transaction, and keep the forecast calibrations
//! the briefing reads (see [`crate::derived`]).

use attrition_analysis::{ImportProblem, Record, check_batch, check_for_import};
use attrition_model::{Category, ParsedFile, SourceId};
use attrition_store::{ApplySummary, Store, StoreError};
use jiff::civil::Date;
use std::collections::HashMap;

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

/// Validates `files` and stores them; nothing is written if any check fails.
///
/// # Errors
/// [`IngestError`] when a check fails or the store cannot be written.
pub fn ingest(store: &mut Store, files: &[ParsedFile]) -> Result<ApplySummary, IngestError> {
    check_batch(files)?;
    let mut sources: Vec<SourceId> = files.iter().map(|f| f.provenance.source).collect();
    sources.sort_unstable();
    sources.dedup();
    for source in sources {
        let stored = store.load(source)?;
        let batch = files.iter().filter(|f| f.provenance.source == source);
        let mut locations: HashMap<(Category, Date), String> = HashMap::new();
        for file in batch.clone() {
            for o in &file.observations {
                locations.insert((o.category, o.report_date), file.provenance.location.clone());
            }
        }
        let observations =
            stored.observations.into_iter().chain(batch.clone().flat_map(|f| f.observations.iter().copied()));
        let corrections =
            stored.corrections.into_iter().chain(batch.clone().flat_map(|f| f.corrections.iter().copied()));
        if let Some(record) = Record::build(source, observations, corrections, []) {
            check_for_import(&record, &locations)?;
        }
    }
    let summary = store.apply(files)?;
    if !summary.is_unchanged() {
        let mut written: Vec<SourceId> = files.iter().map(|f| f.provenance.source).collect();
        written.sort_unstable();
        written.dedup();
        for source in written {
            // The data are stored; the calibrations only save readers time, and a reader
            // measures any that are not kept, so failing to keep them is no failure of the write.
            let _ = crate::derived::keep_calibrations(store, source);
        }
    }
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
    let summary = ingest(store, files)?;
    store.record_sync_check(source, upstream)?;
    Ok(summary)
}
