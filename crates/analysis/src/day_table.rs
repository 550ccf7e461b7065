//! End-of-day cumulative counts of one category under one convention, one slot per calendar day
//! from the day before the invasion to the last day with data.
//!
//! This dense form is what period totals, rankings, rolling averages and the briefing read: a
//! window's total is one subtraction, `C(end) − C(start − 1)`, and the corrections applied in it
//! one more, from a running sum. It is built in one pass over the category's reports and follows
//! [`Record::cumulative`] exactly (a test holds the two together): zero before the invasion and
//! before the category's first report, the last value held after its last report, and a missing
//! report inside the span kept as missing, never interpolated.

use crate::{AnalysisError, Record, TrackingState};
use attrition_model::{Category, Convention, Qualifier, WAR_START};
use jiff::ToSpan;
use jiff::civil::Date;

/// The end-of-day count of one day, or the fact that its report is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Known { value: i64, qualifier: Option<Qualifier>, state: TrackingState },
    Missing,
}

/// One category's end-of-day counts under one convention.
#[derive(Debug, Clone)]
pub struct DayTable {
    category: Category,
    convention: Convention,
    /// The day of slot 0: the day before the invasion, whose end-of-day count is zero.
    origin: Date,
    /// The record's last report.
    last_report: Date,
    /// The category's first report, when it began later than the record (its first value is then
    /// a backlog since the invasion).
    backlog_start: Option<(Date, i64)>,
    /// The category's last report, when it stopped before the record's end.
    stopped: Option<Date>,
    slots: Vec<Slot>,
    /// The date of every slot, and one more: `dates[i]` is `origin + i`.
    dates: Vec<Date>,
    /// `correction_sums[i]`: the corrections applied by the reports of days `1..=i`.
    correction_sums: Vec<i64>,
}

/// The figures of one window of days `[start, end]`, already clipped to the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    /// First day counted.
    pub start: Date,
    /// Last day counted.
    pub end: Date,
    /// Days counted.
    pub days: i64,
    /// `C(end) − C(start − 1)` as published (corrections included).
    pub published: i64,
    /// The corrections applied by the reports in the window.
    pub corrections: i64,
    /// `C(start − 1)`.
    pub cumulative_start: i64,
    /// `C(end)`.
    pub cumulative_end: i64,
    /// The qualifier of the report giving `C(end)`.
    pub qualifier: Option<Qualifier>,
    /// The report giving `C(start − 1)`.
    pub start_report: Date,
    /// The report giving `C(end)`.
    pub end_report: Date,
    /// The window holds the category's first report, whose value is a backlog since the invasion.
    pub includes_backlog: bool,
    /// The window reaches past the category's last report (its last value is held).
    pub after_stop: bool,
}

impl Window {
    /// The total: published, or net of the corrections applied in the window.
    #[must_use]
    pub fn total(&self, net_of_corrections: bool) -> i64 {
        // Both parts are checked sums of stored counts; their difference saturates rather than
        // wraps (a saturated total is as far off as the stored values that made it).
        if net_of_corrections { self.published.saturating_sub(self.corrections) } else { self.published }
    }

    /// `total / days`.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn daily_average(&self, net_of_corrections: bool) -> f64 {
        self.total(net_of_corrections) as f64 / self.days as f64
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub(crate) fn days_between(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

/// Days since 1970-01-01 of a proleptic Gregorian date, by H. Hinnant's `days_from_civil`
/// (<https://howardhinnant.github.io/date_algorithms.html>): plain integer arithmetic, an order
/// of magnitude cheaper than a general span computation, and this runs for every day of every
/// category of every ranking.
fn day_number(date: Date) -> i64 {
    let (month, day) = (i64::from(date.month()), i64::from(date.day()));
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl DayTable {
    /// The category.
    #[must_use]
    pub fn category(&self) -> Category {
        self.category
    }

    /// The convention.
    #[must_use]
    pub fn convention(&self) -> Convention {
        self.convention
    }

    /// The last day with data.
    #[must_use]
    pub fn last_day(&self) -> Date {
        self.day(self.slots.len().saturating_sub(1))
    }

    /// The first day whose count is a reading of the category (its first report's day, or the
    /// invasion's first day).
    #[must_use]
    pub fn first_tracked_day(&self) -> Date {
        match self.backlog_start {
            Some((report, _)) => report.checked_sub(self.convention.report_offset_days().days()).unwrap_or(report),
            None => WAR_START,
        }
    }

    /// The category's first report and value, when the series began after the record did.
    #[must_use]
    pub fn backlog_start(&self) -> Option<(Date, i64)> {
        self.backlog_start
    }

    /// The category's last report, when it stopped before the record's end.
    #[must_use]
    pub fn stopped(&self) -> Option<Date> {
        self.stopped
    }

    /// The record's last report.
    #[must_use]
    pub fn last_report(&self) -> Date {
        self.last_report
    }

    /// How many days the table holds (the day before the invasion included).
    pub(crate) fn slot_count(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn day(&self, index: usize) -> Date {
        self.dates.get(index).copied().unwrap_or(self.origin)
    }

    /// The report giving the end-of-day count of slot `index`.
    fn report_at(&self, index: usize) -> Date {
        let offset = usize::try_from(self.convention.report_offset_days()).unwrap_or(0);
        self.dates.get(index + offset).copied().unwrap_or(self.last_report)
    }

    fn index(&self, day: Date) -> Option<usize> {
        usize::try_from(days_between(self.origin, day)).ok().filter(|&i| i < self.slots.len())
    }

    fn report_of(&self, day: Date) -> Date {
        day.checked_add(self.convention.report_offset_days().days()).unwrap_or(day)
    }

    /// The end-of-day count of `day`, or `None` before the table or after the data.
    ///
    /// # Errors
    /// [`AnalysisError::Gap`] when the day's report is missing.
    pub fn cumulative(&self, day: Date) -> Result<Option<(i64, Option<Qualifier>, TrackingState)>, AnalysisError> {
        let Some(index) = self.index(day) else { return Ok(None) };
        match self.slots[index] {
            Slot::Known { value, qualifier, state } => Ok(Some((value, qualifier, state))),
            Slot::Missing => Err(AnalysisError::Gap { category: self.category, report_date: self.report_of(day) }),
        }
    }

    /// The window `[start, end]`, which must lie inside the table (start on or after the
    /// invasion's first day, end on or before the last day with data).
    ///
    /// # Errors
    /// [`AnalysisError::Gap`] when a report at either end is missing; [`AnalysisError::NotTracked`]
    /// when the category was not reported in the window; [`AnalysisError::AfterData`] or
    /// [`AnalysisError::BeforeWar`] when the window is outside the table.
    pub fn window(&self, start: Date, end: Date) -> Result<Window, AnalysisError> {
        let label = || if start == end { start.to_string() } else { format!("{start}..{end}") };
        let last_day = self.last_day();
        if end > last_day || end < start {
            return Err(AnalysisError::AfterData {
                period: label(),
                latest: self.last_report,
                last_day,
                convention: self.convention,
            });
        }
        let Some((before_index, end_index)) = self.window_indices(start, end) else {
            return Err(AnalysisError::BeforeWar { period: label() });
        };
        self.window_at(before_index, end_index).map_err(|error| error.in_period(&label()))
    }

    /// The slots `(before, end)` of the window `[start, end]` when it lies inside the table, as
    /// [`DayTable::window`] reads them; `None` when `window` would answer with an error of its own.
    pub(crate) fn window_indices(&self, start: Date, end: Date) -> Option<(usize, usize)> {
        if end < start {
            return None;
        }
        let before = usize::try_from(days_between(self.origin, start) - 1).ok().filter(|&i| i < self.slots.len())?;
        Some((before, self.index(end)?))
    }

    /// The window whose count starts after slot `before` and ends with slot `end`; its errors
    /// carry no period label ([`DayTable::window`] adds it).
    pub(crate) fn window_at(&self, before: usize, end: usize) -> Result<Window, AnalysisError> {
        let read = |index: usize| match self.slots[index] {
            Slot::Known { value, qualifier, state } => Ok((value, qualifier, state)),
            Slot::Missing => Err(AnalysisError::Gap { category: self.category, report_date: self.report_at(index) }),
        };
        let overflow = |what| AnalysisError::Overflow { category: self.category, what };
        let (start_value, _, start_state) = read(before)?;
        let (end_value, qualifier, end_state) = read(end)?;
        if end_state == TrackingState::BeforeTracking || start_state == TrackingState::AfterTracking {
            return Err(AnalysisError::NotTracked {
                category: self.category,
                period: String::new(),
                first: self.backlog_start.map_or(WAR_START, |(d, _)| d),
                last: self.stopped.unwrap_or(self.last_report),
            });
        }
        let start = self.day(before + 1);
        let end_day = self.day(end);
        Ok(Window {
            start,
            end: end_day,
            days: i64::try_from(end - before).unwrap_or(0),
            published: end_value.checked_sub(start_value).ok_or(overflow("period total"))?,
            corrections: self.correction_sums[end]
                .checked_sub(self.correction_sums[before])
                .ok_or(overflow("sum of corrections"))?,
            cumulative_start: start_value,
            cumulative_end: end_value,
            qualifier,
            start_report: self.report_at(before),
            end_report: self.report_at(end),
            includes_backlog: self.backlog_start.is_some() && start_state == TrackingState::BeforeTracking,
            after_stop: end_state == TrackingState::AfterTracking,
        })
    }

    /// The first day whose end-of-day count reaches `threshold`, with the report that showed it.
    #[must_use]
    pub fn first_reaching(&self, threshold: i64) -> Option<(Date, Date)> {
        let index =
            self.slots.iter().position(|slot| matches!(slot, Slot::Known { value, .. } if *value >= threshold))?;
        let day = self.day(index);
        Some((day, self.report_of(day)))
    }

    /// The end-of-day counts from the base of the series to its last reported day, `None` where a
    /// report is missing. The base is the day before the invasion (count zero) for a series
    /// tracked from the start, or the first tracked day (its backlog) for one that began later;
    /// days after a series stopped are left out.
    #[must_use]
    pub fn tracked_counts(&self) -> (Date, Vec<Option<i64>>) {
        let first = match self.backlog_start {
            Some(_) => self.index(self.first_tracked_day()).unwrap_or(0),
            None => 0,
        };
        let counts: Vec<Option<i64>> = self.slots[first.min(self.slots.len())..]
            .iter()
            .take_while(|slot| !matches!(slot, Slot::Known { state: TrackingState::AfterTracking, .. }))
            .map(|slot| match slot {
                Slot::Known { value, .. } => Some(*value),
                Slot::Missing => None,
            })
            .collect();
        (self.day(first), counts)
    }

    /// The one-day totals of every day from the first tracked day to the last, as
    /// `(day, window)`; days whose report is missing are left out.
    pub fn days(&self) -> impl Iterator<Item = Window> + '_ {
        (1..self.slots.len()).filter_map(move |i| self.window_at(i - 1, i).ok())
    }
}

impl Record {
    /// The dense end-of-day table of `category` under `convention`.
    ///
    /// # Errors
    /// [`AnalysisError::NoCategory`] when the record holds no values for it.
    pub fn day_table(&self, category: Category, convention: Convention) -> Result<DayTable, AnalysisError> {
        let series = self.category(category)?;
        let (Some(first), Some(last)) = (series.first_report(), series.last_report()) else {
            return Err(AnalysisError::NoCategory { category });
        };
        let origin = WAR_START.yesterday().unwrap_or(WAR_START);
        let offset = i64::from(convention.report_offset_days());
        let last_day = self.last_day(convention);
        let len = usize::try_from(days_between(origin, last_day) + 1).unwrap_or(0);
        // Reports by their distance from the origin; a slot's report is `slot + offset`.
        let mut by_report: Vec<Option<(i64, Option<Qualifier>)>> = vec![None; len + 1];
        for (&date, &reading) in &series.reports {
            if let Some(cell) = usize::try_from(days_between(origin, date)).ok().and_then(|i| by_report.get_mut(i)) {
                *cell = Some(reading);
            }
        }
        let mut corrections_by_report = vec![0_i64; len + 1];
        for (&date, &value) in &series.corrections {
            if let Some(cell) =
                usize::try_from(days_between(origin, date)).ok().and_then(|i| corrections_by_report.get_mut(i))
            {
                *cell =
                    cell.checked_add(value).ok_or(AnalysisError::Overflow { category, what: "sum of corrections" })?;
            }
        }
        let war_start_index = 1_i64;
        let first_index = days_between(origin, first);
        let last_index = days_between(origin, last);
        let last_value = series.reports.get(&last).copied().unwrap_or((0, None));
        let mut dates = Vec::with_capacity(len + 1);
        let mut date = origin;
        for _ in 0..=len {
            dates.push(date);
            date = date.tomorrow().unwrap_or(date);
        }
        let mut slots = Vec::with_capacity(len);
        let mut correction_sums = Vec::with_capacity(len);
        let mut running = 0_i64;
        for slot in 0..len {
            let report = i64::try_from(slot).unwrap_or(i64::MAX) + offset;
            let reading = usize::try_from(report).ok().and_then(|r| by_report.get(r).copied().flatten());
            let cell = if report <= war_start_index {
                Slot::Known { value: 0, qualifier: None, state: TrackingState::BeforeWar }
            } else if report < first_index {
                Slot::Known { value: 0, qualifier: None, state: TrackingState::BeforeTracking }
            } else if report > last_index {
                Slot::Known { value: last_value.0, qualifier: last_value.1, state: TrackingState::AfterTracking }
            } else {
                match reading {
                    Some((value, qualifier)) => Slot::Known { value, qualifier, state: TrackingState::Reported },
                    None => Slot::Missing,
                }
            };
            if slot > 0 {
                let step =
                    usize::try_from(report).ok().and_then(|r| corrections_by_report.get(r)).copied().unwrap_or(0);
                running = running
                    .checked_add(step)
                    .ok_or(AnalysisError::Overflow { category, what: "sum of corrections" })?;
            }
            slots.push(cell);
            correction_sums.push(running);
        }
        Ok(DayTable {
            category,
            convention,
            origin,
            last_report: self.last_report,
            backlog_start: (first > self.first_report).then(|| (first, series.reports.get(&first).map_or(0, |r| r.0))),
            stopped: (last < self.last_report).then_some(last),
            slots,
            dates,
            correction_sums,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::days_between;
    use jiff::civil::date;

    #[test]
    fn day_numbers_agree_with_jiff() {
        let origin = date(2022, 2, 23);
        let mut day = date(1999, 12, 25);
        while day < date(2031, 3, 3) {
            assert_eq!(days_between(origin, day), i64::from((day - origin).get_days()), "{day}");
            day = day.tomorrow().unwrap();
        }
    }
}
