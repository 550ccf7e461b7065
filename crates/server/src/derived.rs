//! The forecast calibrations kept in the store beside the data they were measured on.
//!
//! A calibrated forecast measures how wide its intervals needed to be at hundreds of past
//! origins, which is nearly all of its cost and depends on nothing but the stored counts. The
//! one path by which data enter the store ([`crate::ingest`]) measures, after every write that
//! changed something, the calibrations the briefing needs (personnel, under both conventions, at
//! the last day) and keeps them; readers take whatever is kept and measure the rest in memory.
//!
//! Readers never write: a command that only reads leaves the store's file as it found it (a
//! read-only file, another process writing, a test's fingerprint). A calibration is kept under a
//! key naming the exact counts it was measured on, so a kept one can never answer for other data;
//! every write of observations also deletes the source's kept figures in its transaction.

use attrition_analysis::Record;
use attrition_analysis::forecast::{self, Calibration, Fits};
use attrition_model::{Category, Convention, DataVersion, SourceId};
use attrition_store::{Store, StoreError};

/// The kind under which the calibrated model's scales are kept.
const CALIBRATION_KIND: &str = "forecast-calibration";

/// The step of the briefing's "next round figure".
pub const ROUND_FIGURE_STEP: i64 = 100_000;

/// Fits that start from the calibrations kept in `store` for `source`. One that cannot be read
/// (a damaged row, a store that fails) is only measured again, so failures are not errors here.
#[must_use]
pub fn kept_fits(store: &Store, source: SourceId) -> Fits {
    let kept = store
        .derived(source, CALIBRATION_KIND)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(key, value)| Calibration::decode(&key, &value))
        .collect();
    Fits::reading(kept)
}

/// Measures and keeps the calibrations the briefing reads, for the record of `source` as now
/// stored.
///
/// # Errors
/// [`StoreError`] when the record cannot be read or the calibrations cannot be written. The data
/// are stored either way: a caller may report it and go on, since a reader measures what is not
/// kept.
pub fn keep_calibrations(store: &Store, source: SourceId) -> Result<(), StoreError> {
    let stored = store.load(source)?;
    let Some(record) = Record::build(source, stored.observations, stored.corrections, stored.notes) else {
        return Ok(());
    };
    let mut fits = Fits::keeping(Vec::new());
    for convention in [Convention::LossDay, Convention::ReportDay] {
        // The outlook itself is not wanted here, only what measuring it leaves in `fits`; a
        // series that cannot be forecast leaves nothing.
        let _ =
            forecast::next_round_figure_reusing(&record, Category::Personnel, convention, ROUND_FIGURE_STEP, &mut fits);
    }
    let version: DataVersion = record.data_version();
    let last_report = version.last_report.to_string();
    for calibration in fits.measured() {
        store.keep_derived(source, CALIBRATION_KIND, calibration.key(), &last_report, &calibration.encode())?;
    }
    Ok(())
}
