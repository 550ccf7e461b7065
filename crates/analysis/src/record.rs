//! The daily record of one source in memory, and the cumulative function every figure is
//! derived from.

use crate::AnalysisError;
use attrition_model::{Category, Correction, DataVersion, Note, Observation, Qualifier, SourceId, WAR_START};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A report's cumulative value and its qualifier.
type Reading = (i64, Option<Qualifier>);

/// One category's reports: cumulative value and qualifier by report date, and the corrections
/// applied in those reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySeries {
    /// The category.
    pub category: Category,
    /// Cumulative value and qualifier by report date.
    pub reports: BTreeMap<Date, (i64, Option<Qualifier>)>,
    /// Correction applied by report date (already included in that report's value).
    pub corrections: BTreeMap<Date, i64>,
}

impl CategorySeries {
    /// First report date with a value.
    #[must_use]
    pub fn first_report(&self) -> Option<Date> {
        self.reports.keys().next().copied()
    }

    /// Last report date with a value.
    #[must_use]
    pub fn last_report(&self) -> Option<Date> {
        self.reports.keys().next_back().copied()
    }
}

/// How a cumulative value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackingState {
    /// Before the invasion began: zero by definition.
    BeforeWar,
    /// A report dated on or before the category's first report does not exist: the count is zero
    /// as far as the reports go, and the first report carries a backlog.
    BeforeTracking,
    /// Read from the report.
    Reported,
    /// The category stopped being reported; its last value holds.
    AfterTracking,
}

/// The cumulative value as of the end of a report date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cumulative {
    /// The value.
    pub value: i64,
    /// The qualifier of the report, if read from one.
    pub qualifier: Option<Qualifier>,
    /// How it was obtained.
    pub state: TrackingState,
}

/// All categories of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The source.
    pub source: SourceId,
    /// Series by category.
    pub series: BTreeMap<Category, CategorySeries>,
    /// Notes carried by reports.
    pub notes: Vec<Note>,
    /// First report date in the record.
    pub first_report: Date,
    /// Last report date in the record.
    pub last_report: Date,
}

impl Record {
    /// Builds a record. Later observations for the same category and date replace earlier ones.
    /// Returns `None` when there are no observations.
    pub fn build(
        source: SourceId,
        observations: impl IntoIterator<Item = Observation>,
        corrections: impl IntoIterator<Item = Correction>,
        notes: impl IntoIterator<Item = Note>,
    ) -> Option<Record> {
        fn entry(series: &mut BTreeMap<Category, CategorySeries>, category: Category) -> &mut CategorySeries {
            series.entry(category).or_insert_with(|| CategorySeries {
                category,
                reports: BTreeMap::new(),
                corrections: BTreeMap::new(),
            })
        }
        // Collected per category first: building each map from a sorted vector is a bulk load,
        // several times faster than inserting value by value.
        let mut readings: BTreeMap<Category, Vec<(Date, Reading)>> = BTreeMap::new();
        // Observations mostly come a category at a time (the store's order): the current run is
        // gathered apart and handed to the map when the category changes, one map lookup per
        // run instead of one per value.
        let mut run: Option<(Category, Vec<(Date, Reading)>)> = None;
        for o in observations {
            match &mut run {
                Some((category, values)) if *category == o.category => {
                    values.push((o.report_date, (o.value, o.qualifier)));
                }
                _ => {
                    if let Some((category, values)) = run.take() {
                        readings.entry(category).or_default().extend(values);
                    }
                    run = Some((o.category, vec![(o.report_date, (o.value, o.qualifier))]));
                }
            }
        }
        if let Some((category, values)) = run {
            readings.entry(category).or_default().extend(values);
        }
        let mut series: BTreeMap<Category, CategorySeries> = BTreeMap::new();
        for (category, values) in readings {
            // A stable sort keeps later duplicates after earlier ones, and collecting keeps the last.
            let mut values = values;
            values.sort_by_key(|(date, _)| *date);
            entry(&mut series, category).reports = values.into_iter().collect();
        }
        for c in corrections {
            entry(&mut series, c.category).corrections.insert(c.report_date, c.value);
        }
        let first_report = series.values().filter_map(CategorySeries::first_report).min()?;
        let last_report = series.values().filter_map(CategorySeries::last_report).max()?;
        Some(Record { source, series, notes: notes.into_iter().collect(), first_report, last_report })
    }

    /// The data version: source and last report date.
    #[must_use]
    pub fn data_version(&self) -> DataVersion {
        DataVersion { source: self.source, last_report: self.last_report }
    }

    /// The record as it was known on `as_of`: only reports dated on or before it.
    #[must_use]
    pub fn as_of(&self, as_of: Date) -> Option<Record> {
        let observations = self.series.values().flat_map(|s| {
            s.reports.range(..=as_of).map(move |(&report_date, &(value, qualifier))| Observation {
                report_date,
                category: s.category,
                value,
                qualifier,
            })
        });
        let corrections: Vec<Correction> = self
            .series
            .values()
            .flat_map(|s| {
                s.corrections.range(..=as_of).map(move |(&report_date, &value)| Correction {
                    report_date,
                    category: s.category,
                    value,
                })
            })
            .collect();
        let notes: Vec<Note> = self.notes.iter().filter(|n| n.report_date <= as_of).cloned().collect();
        Record::build(self.source, observations, corrections, notes)
    }

    /// The series of one category.
    ///
    /// # Errors
    /// [`AnalysisError::NoCategory`] when the record holds none.
    pub fn category(&self, category: Category) -> Result<&CategorySeries, AnalysisError> {
        self.series.get(&category).ok_or(AnalysisError::NoCategory { category })
    }

    /// The categories in the record, in canonical order.
    #[must_use]
    pub fn categories(&self) -> Vec<Category> {
        self.series.keys().copied().collect()
    }

    /// The cumulative count of `category` as of the report dated `report_date`.
    ///
    /// Before the invasion the count is zero. Before a category's first report it is zero as
    /// far as the reports go (its first report then carries a backlog); after its last report,
    /// while the record goes on, its last value holds. Inside its span a missing report is a
    /// [`AnalysisError::Gap`] — never interpolated.
    ///
    /// # Errors
    /// [`AnalysisError::NoCategory`] or [`AnalysisError::Gap`].
    pub fn cumulative(&self, category: Category, report_date: Date) -> Result<Cumulative, AnalysisError> {
        if report_date <= WAR_START {
            return Ok(Cumulative { value: 0, qualifier: None, state: TrackingState::BeforeWar });
        }
        let series = self.category(category)?;
        let (Some(first), Some(last)) = (series.first_report(), series.last_report()) else {
            return Err(AnalysisError::NoCategory { category });
        };
        if report_date < first {
            return Ok(Cumulative { value: 0, qualifier: None, state: TrackingState::BeforeTracking });
        }
        if report_date > last && report_date <= self.last_report {
            let (value, qualifier) = series.reports.get(&last).copied().unwrap_or((0, None));
            return Ok(Cumulative { value, qualifier, state: TrackingState::AfterTracking });
        }
        match series.reports.get(&report_date) {
            Some(&(value, qualifier)) => Ok(Cumulative { value, qualifier, state: TrackingState::Reported }),
            None => Err(AnalysisError::Gap { category, report_date }),
        }
    }
}
