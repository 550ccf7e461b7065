//! The one path by which data enters the store, for both `sync` and `import`: check the batch
//! against itself and against what is stored, then write it in one transaction.

use anyhow::{Context as _, Result};
use attrition_analysis::{Record, check_batch, check_for_import};
use attrition_model::{Category, ParsedFile, SourceId};
use attrition_store::{ApplySummary, Store};
use jiff::civil::Date;
use std::collections::HashMap;

/// Validates `files` and stores them; nothing is written if any check fails.
pub(crate) fn ingest(store: &mut Store, files: &[ParsedFile]) -> Result<ApplySummary> {
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
    store.apply(files).context("storing the data (nothing was changed)")
}
