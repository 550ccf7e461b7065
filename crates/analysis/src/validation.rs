//! The validation report `attrition status` prints, and the checks a batch must pass before it
//! is stored. The report describes; it never changes a value.
//!
//! A fall in a cumulative count is a correction. It is *accounted for* when the correction file
//! lists a correction for that category in the same report at least as large as the fall. An
//! unaccounted fall is accepted at import only when small (at most 10 units or 5% of the
//! previous value, the scale of every real correction seen); a larger one is refused as a
//! damaged file.

use crate::{ImportProblem, Record};
use attrition_model::{Category, ParsedFile, Qualifier, SourceId};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Report dates missing inside a series' span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The category (`None`: no category at all was reported that day).
    pub category: Option<Category>,
    /// First missing report date.
    pub from: Date,
    /// Last missing report date.
    pub to: Date,
    /// Number of missing reports.
    pub days: i64,
}

/// A report in which a cumulative value went down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decrease {
    /// The category.
    pub category: Category,
    /// The report.
    pub report_date: Date,
    /// The previous value.
    pub previous: i64,
    /// The value.
    pub value: i64,
    /// `value − previous` (negative).
    pub change: i64,
    /// The correction listed for that report, if any.
    pub correction: Option<i64>,
    /// Whether the correction explains the whole fall.
    pub accounted: bool,
    /// The nearest correction for the category within three days, when none is on the day.
    pub nearby_correction: Option<(Date, i64)>,
}

/// The first report of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesStart {
    /// The category.
    pub category: Category,
    /// Its first report.
    pub first_report: Date,
    /// Its first value.
    pub first_value: i64,
    /// Whether the category began after the record did, so its first value is a backlog.
    pub backlog: bool,
    /// Median daily change over the 30 reports that follow, to show the backlog's scale.
    pub typical_daily_change: Option<i64>,
}

/// A category that stopped being reported before the record's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesEnd {
    /// The category.
    pub category: Category,
    /// Its last report.
    pub last_report: Date,
    /// Its last value.
    pub last_value: i64,
}

/// How often one qualifier appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualifierCount {
    /// The qualifier (`None`: a bare number).
    pub qualifier: Option<Qualifier>,
    /// Reports with it.
    pub reports: usize,
    /// First report with it.
    pub first: Date,
    /// Last report with it.
    pub last: Date,
}

/// The qualifiers of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryQualifiers {
    /// The category.
    pub category: Category,
    /// Counts, most frequent first.
    pub counts: Vec<QualifierCount>,
}

/// Everything `status` says about the quality of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationReport {
    /// The source.
    pub source: SourceId,
    /// First report.
    pub first_report: Date,
    /// Last report.
    pub last_report: Date,
    /// Distinct report dates.
    pub reports: usize,
    /// Missing reports.
    pub gaps: Vec<Gap>,
    /// Falls in cumulative values.
    pub decreases: Vec<Decrease>,
    /// Where each category starts.
    pub series_starts: Vec<SeriesStart>,
    /// Categories that stopped.
    pub series_ends: Vec<SeriesEnd>,
    /// Qualifiers by category (only categories that carry any).
    pub qualifiers: Vec<CategoryQualifiers>,
    /// Corrections listed, in all.
    pub corrections: usize,
}

fn gap_runs(dates: impl Iterator<Item = Date>, category: Option<Category>, gaps: &mut Vec<Gap>) {
    let mut previous: Option<Date> = None;
    for date in dates {
        if let Some(prev) = previous {
            let missing = i64::from((date - prev).get_days()) - 1;
            if missing > 0 {
                gaps.push(Gap {
                    category,
                    from: prev.tomorrow().unwrap_or(prev),
                    to: date.yesterday().unwrap_or(date),
                    days: missing,
                });
            }
        }
        previous = Some(date);
    }
}

/// Falls in one category's series, each with what the correction file says about it.
fn decreases_of(record: &Record, category: Category) -> Vec<Decrease> {
    let Ok(series) = record.category(category) else { return Vec::new() };
    let mut out = Vec::new();
    for ((_, &(previous, _)), (&report_date, &(value, _))) in series.reports.iter().zip(series.reports.iter().skip(1)) {
        if value >= previous {
            continue;
        }
        let change = value - previous;
        let correction = series.corrections.get(&report_date).copied();
        let nearby_correction = if correction.is_some() {
            None
        } else {
            series
                .corrections
                .iter()
                .filter(|(d, _)| (**d - report_date).get_days().abs() <= 3)
                .min_by_key(|(d, _)| (**d - report_date).get_days().abs())
                .map(|(d, v)| (*d, *v))
        };
        out.push(Decrease {
            category,
            report_date,
            previous,
            value,
            change,
            correction,
            accounted: correction.is_some_and(|c| c <= change),
            nearby_correction,
        });
    }
    out
}

impl Record {
    /// The validation report.
    #[must_use]
    pub fn validate(&self) -> ValidationReport {
        let mut all_dates: Vec<Date> = self.series.values().flat_map(|s| s.reports.keys().copied()).collect();
        all_dates.sort_unstable();
        all_dates.dedup();
        let mut gaps = Vec::new();
        gap_runs(all_dates.iter().copied(), None, &mut gaps);
        let mut decreases = Vec::new();
        let mut series_starts = Vec::new();
        let mut series_ends = Vec::new();
        let mut qualifiers = Vec::new();
        for series in self.series.values() {
            let category = series.category;
            // Category gaps that are not whole-record gaps.
            let mut own = Vec::new();
            gap_runs(series.reports.keys().copied(), Some(category), &mut own);
            gaps.extend(
                own.into_iter()
                    .filter(|g| all_dates.binary_search(&g.from).is_ok() || all_dates.binary_search(&g.to).is_ok()),
            );
            decreases.extend(decreases_of(self, category));
            if let Some((&first_report, &(first_value, _))) = series.reports.iter().next() {
                let mut changes: Vec<i64> =
                    series.reports.values().take(31).collect::<Vec<_>>().windows(2).map(|w| w[1].0 - w[0].0).collect();
                changes.sort_unstable();
                series_starts.push(SeriesStart {
                    category,
                    first_report,
                    first_value,
                    backlog: first_report > self.first_report && first_value > 0,
                    typical_daily_change: changes.get(changes.len() / 2).copied(),
                });
            }
            if let Some((&last_report, &(last_value, _))) = series.reports.iter().next_back()
                && last_report < self.last_report
            {
                series_ends.push(SeriesEnd { category, last_report, last_value });
            }
            let mut counts: HashMap<Option<Qualifier>, QualifierCount> = HashMap::new();
            for (&date, &(_, qualifier)) in &series.reports {
                counts
                    .entry(qualifier)
                    .and_modify(|c| {
                        c.reports += 1;
                        c.last = date;
                    })
                    .or_insert(QualifierCount { qualifier, reports: 1, first: date, last: date });
            }
            if counts.keys().any(Option::is_some) {
                let mut counts: Vec<_> = counts.into_values().collect();
                counts.sort_by(|a, b| b.reports.cmp(&a.reports).then(a.first.cmp(&b.first)));
                qualifiers.push(CategoryQualifiers { category, counts });
            }
        }
        decreases.sort_by_key(|d| (d.report_date, d.category));
        ValidationReport {
            source: self.source,
            first_report: self.first_report,
            last_report: self.last_report,
            reports: all_dates.len(),
            gaps,
            decreases,
            series_starts,
            series_ends,
            qualifiers,
            corrections: self.series.values().map(|s| s.corrections.len()).sum(),
        }
    }
}

/// Refuses a record (the store's content with a batch laid over it) whose cumulative values fall
/// by more than a correction could explain. `locations` names where each report came from.
///
/// # Errors
/// [`ImportProblem::UnexplainedDrop`] for the first such fall.
pub fn check_for_import(record: &Record, locations: &HashMap<(Category, Date), String>) -> Result<(), ImportProblem> {
    for category in record.categories() {
        for d in decreases_of(record, category) {
            let drop = -d.change;
            let small = drop <= 10 || drop.saturating_mul(20) <= d.previous;
            if d.accounted || small {
                continue;
            }
            let series = record.category(category).ok();
            let previous_date = series
                .and_then(|s| s.reports.range(..d.report_date).next_back().map(|(date, _)| *date))
                .unwrap_or(d.report_date);
            return Err(ImportProblem::UnexplainedDrop {
                location: locations.get(&(category, d.report_date)).cloned().unwrap_or_else(|| "stored record".into()),
                category,
                report_date: d.report_date,
                value: d.value,
                previous_date,
                previous: d.previous,
                drop,
            });
        }
    }
    Ok(())
}

/// Refuses a batch in which two files give different values for the same report.
///
/// # Errors
/// [`ImportProblem::Conflict`] for the first disagreement.
pub fn check_batch(files: &[ParsedFile]) -> Result<(), ImportProblem> {
    let mut seen: BTreeMap<(SourceId, Category, Date), (i64, &str)> = BTreeMap::new();
    for file in files {
        for o in &file.observations {
            let key = (file.provenance.source, o.category, o.report_date);
            match seen.get(&key) {
                Some(&(value, location)) if value != o.value => {
                    return Err(ImportProblem::Conflict {
                        category: o.category,
                        report_date: o.report_date,
                        first: value,
                        first_location: location.to_owned(),
                        second: o.value,
                        second_location: file.provenance.location.clone(),
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (o.value, &file.provenance.location));
                }
            }
        }
    }
    Ok(())
}
