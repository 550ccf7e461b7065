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
