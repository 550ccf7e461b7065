//! The daily series of one category: each day's change as published, the correction applied in
//! that report, the change net of it, and flags for everything a reader should know about the
//! day. Nothing is dropped, clipped or smoothed.

use crate::{AnalysisError, Record, TrackingState};
use attrition_model::{Category, Convention, Period, Qualifier};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// What is notable about a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DailyFlags {
    /// The report applied a correction (already included in `published`).
    pub correction: bool,
    /// The first report of a category that began later than the others: the value is a backlog
    /// since the invasion, not one day's losses.
    pub backlog_start: bool,
    /// The cumulative value went down.
    pub decrease: bool,
    /// The report for this day is missing.
    pub gap: bool,
    /// The change spans several days because earlier reports are missing.
    pub after_gap: bool,
}

impl DailyFlags {
    /// The set flags as short words, for tables and CSV.
    #[must_use]
    pub fn labels(&self) -> Vec<&'static str> {
        [
            (self.correction, "correction"),
            (self.backlog_start, "backlog-start"),
            (self.decrease, "decrease"),
            (self.gap, "gap"),
            (self.after_gap, "after-gap"),
        ]
        .into_iter()
        .filter_map(|(set, label)| set.then_some(label))
        .collect()
    }
}

/// One day of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyRow {
    /// The day (a loss day or a report day, per the convention).
    pub day: Date,
    /// The report the day's value comes from.
    pub report_date: Date,
    /// The cumulative value of that report (`None` if missing).
    pub cumulative: Option<i64>,
    /// The change from the previous report, as published.
    pub published: Option<i64>,
    /// The correction applied in that report (0 if none).
    pub correction: i64,
    /// `published − correction`.
    pub net: Option<i64>,
    /// The report's qualifier.
    pub qualifier: Option<Qualifier>,
    /// Flags.
    pub flags: DailyFlags,
}

impl Record {
    /// The daily series of `category` for the days `from ..= to` under `convention`. Days before
    /// the category was first reported or after it was last reported are left out.
    ///
    /// # Errors
    /// [`AnalysisError`] when the range is outside the data or the category was not tracked in it.
    pub fn daily(
        &self,
        category: Category,
        from: Date,
        to: Date,
        convention: Convention,
    ) -> Result<Vec<DailyRow>, AnalysisError> {
        let series = self.category(category)?;
        let period =
            Period::range(from, to).map_err(|_| AnalysisError::BeforeWar { period: format!("{from}..{to}") })?;
        let (start, end, _) = self.clip(&period, convention)?;
        let offset = convention.report_offset_days();
        let mut rows = Vec::with_capacity(usize::try_from((end - start).get_days() + 1).unwrap_or(0));
        let mut day = start;
        while day <= end {
            let report_date = day.checked_add(offset.days()).unwrap_or(day);
            if let Some(row) = self.daily_row(category, day, report_date)? {
                rows.push(row);
            }
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
        if rows.is_empty() {
            let (first, last) = (series.first_report().unwrap_or(start), series.last_report().unwrap_or(end));
            return Err(AnalysisError::NotTracked { category, period: period.label, first, last });
        }
        Ok(rows)
    }

    fn daily_row(&self, category: Category, day: Date, report_date: Date) -> Result<Option<DailyRow>, AnalysisError> {
        let series = self.category(category)?;
        let mut flags = DailyFlags::default();
        let now = match self.cumulative(category, report_date) {
            Ok(now) => now,
            Err(AnalysisError::Gap { .. }) => {
                flags.gap = true;
                return Ok(Some(DailyRow {
                    day,
                    report_date,
                    cumulative: None,
                    published: None,
                    correction: 0,
                    net: None,
                    qualifier: None,
                    flags,
                }));
            }
            Err(other) => return Err(other),
        };
        if matches!(now.state, TrackingState::BeforeTracking | TrackingState::AfterTracking | TrackingState::BeforeWar)
        {
            return Ok(None);
        }
        // The previous available report: the day before, or further back across a gap.
        let mut previous_date = report_date.yesterday().unwrap_or(report_date);
        let previous = loop {
            match self.cumulative(category, previous_date) {
                Ok(previous) => break previous,
                Err(AnalysisError::Gap { .. }) => {
                    flags.after_gap = true;
                    previous_date = previous_date.yesterday().unwrap_or(previous_date);
                }
                Err(other) => return Err(other),
            }
        };
        let published =
            now.value.checked_sub(previous.value).ok_or(AnalysisError::Overflow { category, what: "daily change" })?;
        let correction = series.corrections.get(&report_date).copied().unwrap_or(0);
        flags.correction = correction != 0;
        flags.decrease = published < 0;
        flags.backlog_start = series.first_report() == Some(report_date) && report_date > self.first_report;
        Ok(Some(DailyRow {
            day,
            report_date,
            cumulative: Some(now.value),
            published: Some(published),
            correction,
            net: Some(published.saturating_sub(correction)),
            qualifier: now.qualifier,
            flags,
        }))
    }
}
