//! Period totals: how many losses a period holds under a date convention, its daily average and
//! the cumulative count at its end.
//!
//! With `C(R)` the cumulative value of the report dated `R` and `k` the convention's offset
//! (1 for loss-day, 0 for report-day), the cumulative count at the end of day `D` is
//! `C(D + k)`, and a period `[a, b]` holds `C(b + k) − C(a − 1 + k)`. Net of corrections,
//! the corrections applied by the reports in `(a − 1 + k, b + k]` are subtracted.

use crate::{AnalysisError, Record};
use attrition_model::{Category, Convention, DataVersion, Period, PeriodKind, Qualifier, WAR_START};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// One category's figures for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodFigure {
    /// The category.
    pub category: Category,
    /// The period as given.
    pub period: String,
    /// Its kind.
    pub kind: PeriodKind,
    /// The convention used.
    pub convention: Convention,
    /// Whether known corrections were subtracted.
    pub net_of_corrections: bool,
    /// First day counted (the period's start, or the invasion's first day).
    pub start: Date,
    /// Last day counted (the period's end, or the last day with data).
    pub end: Date,
    /// Days counted.
    pub days: i64,
    /// The total: published, or net of corrections when asked.
    pub total: i64,
    /// The total as published (corrections included).
    pub published_total: i64,
    /// Sum of the corrections applied by the reports in the period.
    pub corrections: i64,
    /// `total / days`.
    pub daily_average: f64,
    /// The cumulative count at the end of the day before `start`.
    pub cumulative_start: i64,
    /// The cumulative count at the end of `end`, as published.
    pub cumulative_end: i64,
    /// The qualifier of the report giving `cumulative_end` ("about").
    pub qualifier: Option<Qualifier>,
    /// The report whose value closes the day before the period.
    pub start_report: Date,
    /// The report whose value closes the period.
    pub end_report: Date,
    /// Whether the period reaches past the last report (so it is not complete yet).
    pub partial: bool,
    /// Whether the period holds a late category's first report, whose value is a backlog.
    pub includes_backlog: bool,
    /// Remarks a reader needs: backlogs, categories that stopped, the clipped start.
    pub notes: Vec<String>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

impl Record {
    /// The last day with data under `convention`.
    #[must_use]
    pub fn last_day(&self, convention: Convention) -> Date {
        self.last_report.checked_sub(convention.report_offset_days().days()).unwrap_or(self.last_report)
    }

    /// The period's days that the record covers, and whether the end had to be cut.
    ///
    /// # Errors
    /// [`AnalysisError::BeforeWar`] or [`AnalysisError::AfterData`].
    pub fn clip(&self, period: &Period, convention: Convention) -> Result<(Date, Date, bool), AnalysisError> {
        let last_day = self.last_day(convention);
        if period.end < WAR_START {
            return Err(AnalysisError::BeforeWar { period: period.label.clone() });
        }
        if period.start > last_day {
            return Err(AnalysisError::AfterData {
                period: period.label.clone(),
                latest: self.last_report,
                last_day,
                convention,
            });
        }
        let start = period.start.max(WAR_START);
        let partial = period.end > last_day && period.kind != PeriodKind::All;
        Ok((start, period.end.min(last_day), partial))
    }

    /// The figures of `category` over `period`.
    ///
    /// # Errors
    /// [`AnalysisError`] when the period is outside the data, the category was not tracked in
    /// it, or a report the figure needs is missing.
    pub fn period_total(
        &self,
        category: Category,
        period: &Period,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<PeriodFigure, AnalysisError> {
        // A category a report or a few behind the others (its file not yet updated) is counted
        // to its own last report, with a note, rather than with days of zero after it.
        if let Some(last) = self.late_category(category)
            && let Some(own) = self.as_of(last)
            && period.end > own.last_day(convention)
        {
            let mut figure = own.period_total(category, period, convention, net_of_corrections)?;
            figure.notes.insert(
                0,
                format!(
                    "{category} is not yet in the report of {} (its last report is {last}): counted to that report",
                    self.last_report
                ),
            );
            return Ok(figure);
        }
        let table = self.day_table(category, convention)?;
        let (start, end, partial) = self.clip(period, convention)?;
        let window = table.window(start, end).map_err(|error| error.in_period(&period.label))?;
        let mut notes = Vec::new();
        if period.start < WAR_START {
            notes.push(format!("counted from {WAR_START}, the first day of the full-scale invasion"));
        }
        if partial {
            notes.push(format!("partial: data to the report of {} ({end} under {convention})", self.last_report));
        }
        if let Some((first, first_value)) = table.backlog_start().filter(|_| window.includes_backlog) {
            notes.push(format!(
                "includes the start of the series on {first}: its first value ({first_value}) is a backlog since the invasion, not losses of this period"
            ));
        }
        if let Some(last) = table.stopped().filter(|_| window.after_stop) {
            notes.push(format!("{category} was last reported on {last}"));
        }
        let corrections = window.corrections;
        if corrections != 0 {
            notes.push(if net_of_corrections {
                format!("net of corrections totalling {corrections:+} applied in the period")
            } else {
                format!("includes corrections totalling {corrections:+} (see --net-of-corrections)")
            });
        }
        let total = window.total(net_of_corrections);
        let days = window.days;
        #[allow(clippy::cast_precision_loss)]
        let daily_average = total as f64 / days as f64;
        Ok(PeriodFigure {
            category,
            period: period.label.clone(),
            kind: period.kind,
            convention,
            net_of_corrections,
            start,
            end,
            days,
            total,
            published_total: window.published,
            corrections,
            daily_average,
            cumulative_start: window.cumulative_start,
            cumulative_end: window.cumulative_end,
            qualifier: window.qualifier,
            start_report: window.start_report,
            end_report: window.end_report,
            includes_backlog: window.includes_backlog,
            partial,
            notes,
            data_version: self.data_version(),
        })
    }
}
