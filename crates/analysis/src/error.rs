//! Typed errors of the analysis functions.

use attrition_model::{Category, Convention};
use jiff::civil::Date;

/// Why a figure cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    /// The record holds no values for the category at all.
    #[error("no data stored for {category}")]
    NoCategory {
        /// The category.
        category: Category,
    },
    /// The category was not tracked during the period.
    #[error("{category} was not tracked in {period} (tracked {first} .. {last} by report date)")]
    NotTracked {
        /// The category.
        category: Category,
        /// The period label.
        period: String,
        /// First report with the category.
        first: Date,
        /// Last report with the category.
        last: Date,
    },
    /// A sum or difference of counts beyond what an `i64` holds: the stored values are far
    /// outside anything real (the import refuses counts above 10^9; this guards stores written
    /// before it did).
    #[error(
        "{category}: the {what} overflows (stored values far beyond any real count); check `attrition status`, and `attrition undo` the fetch that brought them"
    )]
    Overflow {
        /// The category (or the first of those summed).
        category: Category,
        /// What was being computed.
        what: &'static str,
    },
    /// The period lies after the last report.
    #[error(
        "no data for {period} yet: the latest report is dated {latest}, so the last complete day under {convention} is {last_day}"
    )]
    AfterData {
        /// The period label.
        period: String,
        /// The latest report.
        latest: Date,
        /// The last day with data under the convention.
        last_day: Date,
        /// The convention.
        convention: Convention,
    },
    /// The period ends before the full-scale invasion.
    #[error("{period} ends before the full-scale invasion began on 2022-02-24")]
    BeforeWar {
        /// The period label.
        period: String,
    },
    /// A report needed for the figure is missing from the record.
    #[error(
        "no {category} value for the report of {report_date} (a gap in the stored record); sync or import it first"
    )]
    Gap {
        /// The category.
        category: Category,
        /// The missing report date.
        report_date: Date,
    },
    /// Rankings need periods that tile the calendar.
    #[error("cannot rank by {kind}: rank by day, week, month, quarter or year")]
    NotCalendar {
        /// The kind given.
        kind: &'static str,
    },
    /// The record is empty.
    #[error("the record is empty")]
    Empty,
}

impl AnalysisError {
    /// The same error, naming `period` where it says which period was not tracked (the dense
    /// table computes windows without knowing the label the user gave them).
    #[must_use]
    pub fn in_period(self, period: &str) -> AnalysisError {
        match self {
            AnalysisError::NotTracked { category, first, last, .. } => {
                AnalysisError::NotTracked { category, period: period.to_owned(), first, last }
            }
            other => other,
        }
    }
}

/// Why a batch may not be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    /// Two files in one batch give different values for the same report.
    #[error(
        "conflicting values for {category} in the report of {report_date}: {first} in {first_location}, {second} in {second_location}"
    )]
    Conflict {
        /// The category.
        category: Category,
        /// The report date.
        report_date: Date,
        /// Value in the first file.
        first: i64,
        /// Where.
        first_location: String,
        /// Value in the second file.
        second: i64,
        /// Where.
        second_location: String,
    },
    /// A report dated after today (by the clock, with a day's grace).
    #[error(
        "{location}: the report dated {report_date} is in the future (today is {today}; a report may be dated at most one day ahead); check the file's dates"
    )]
    FutureReport {
        /// Where it came from.
        location: String,
        /// Its date.
        report_date: Date,
        /// Today by the clock.
        today: Date,
    },
    /// A count outside what any category may hold.
    #[error(
        "{location}: {category} {what} of the report of {report_date} is {}, outside the range a count may hold (0 to 1,000,000,000; corrections -1,000,000,000 to 1,000,000,000)",
        crate::count(*.value)
    )]
    OutOfRange {
        /// Where it came from.
        location: String,
        /// "value" or "correction".
        what: &'static str,
        /// The category.
        category: Category,
        /// The report date.
        report_date: Date,
        /// The value.
        value: i64,
    },
    /// A day's rise far above what the category has ever done.
    #[error(
        "{location}: {category} rises by {} on {report_date}; the largest rise so far is {}, and 99% of its other {rises} daily rises are at most {}, so the bound is {} (10 times that, at least 100); if the report is right, accept it with --accept-outlier {report_date}:{category}",
        crate::count(*.change), crate::count(*.largest), crate::count(*.p99), crate::count(*.bound)
    )]
    Outlier {
        /// Where it came from.
        location: String,
        /// The category.
        category: Category,
        /// The report.
        report_date: Date,
        /// The rise.
        change: i64,
        /// The largest other rise.
        largest: i64,
        /// How many other rises the bound was learnt from.
        rises: usize,
        /// Their 99th percentile.
        p99: i64,
        /// The bound.
        bound: i64,
    },
    /// A cumulative value falls by more than a correction could explain, with no correction
    /// listed: almost always a typo or a damaged file.
    #[error(
        "{location}: {category} falls from {previous} ({previous_date}) to {value} ({report_date}), a drop of {drop}, and no correction for it is listed; a cumulative count cannot fall like that (damaged file or typo?)"
    )]
    UnexplainedDrop {
        /// Where the value came from.
        location: String,
        /// The category.
        category: Category,
        /// The report that falls.
        report_date: Date,
        /// The value there.
        value: i64,
        /// The previous report.
        previous_date: Date,
        /// Its value.
        previous: i64,
        /// The size of the fall.
        drop: i64,
    },
}
