//! Trends: rolling averages, a period against the one before it and against the same span a
//! year earlier, each equipment category's share of a period's equipment losses, and ratios
//! between categories (for example personnel per destroyed tank) period by period.
//!
//! A rolling `w`-day average on day `D` is `(C(D) − C(D − w)) / w`: the total of the `w` days
//! ending on `D` divided by `w`. It is left empty while the window reaches before the category's
//! first reading or holds its opening backlog, so a late series never shows a spike.
//!
//! Percent changes are `(current − base) / base × 100`, absent when the base is zero. Periods of
//! different lengths (a 31-day month against a 30-day one, a month so far against a whole month)
//! are compared by daily average as well as by total.

use crate::day_table::{DayTable, Window, days_between};
use crate::ranking::Figure;
use crate::{AnalysisError, Record};
use attrition_model::{Category, Convention, DataVersion, Period, PeriodKind, WAR_START};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// How a figure changed against a base.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Change {
    /// `current − base` (totals).
    pub absolute: i64,
    /// Percent change of the totals, absent when the base total is zero.
    pub percent: Option<f64>,
    /// Percent change of the daily averages, absent when the base average is zero.
    pub daily_average_percent: Option<f64>,
}

#[allow(clippy::cast_precision_loss)]
fn percent(current: f64, base: f64) -> Option<f64> {
    (base != 0.0).then(|| (current - base) / base.abs() * 100.0)
}

impl Change {
    /// The change from `base` to `current`.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn between(current: &Figure, base: &Figure) -> Change {
        Change {
            absolute: current.total.saturating_sub(base.total),
            percent: percent(current.total as f64, base.total as f64),
            daily_average_percent: percent(current.daily_average, base.daily_average),
        }
    }
}

/// A figure beside a base figure and the change between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compared {
    /// The base.
    pub base: Figure,
    /// From base to current.
    pub change: Change,
}

impl Compared {
    pub(crate) fn new(current: &Figure, base: Figure) -> Compared {
        Compared { change: Change::between(current, &base), base }
    }
}

/// A period against the one before it and the same span a year earlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The category.
    pub category: Category,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// The period.
    pub current: Figure,
    /// Whether the period is still in progress.
    pub partial: bool,
    /// The previous period of the same kind (the same number of days before, for a range).
    pub previous: Option<Compared>,
    /// The same span one year earlier.
    pub year_earlier: Option<Compared>,
    /// Why a comparison is missing, and other remarks.
    pub notes: Vec<String>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

/// One day with its total and rolling averages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollingRow {
    /// The day.
    pub day: Date,
    /// The day's total.
    pub total: i64,
    /// The cumulative count at its end.
    pub cumulative: i64,
    /// The rolling averages, one per window asked for, in the same order.
    pub averages: Vec<Option<f64>>,
}

/// One category's share of a period's equipment losses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// The category.
    pub category: Category,
    /// Its total in the period.
    pub total: i64,
    /// Its share of the equipment total, in percent.
    pub percent: Option<f64>,
    /// Whether its total holds the backlog the series opened with.
    pub includes_backlog: bool,
}

/// Every equipment category's part of a period's equipment losses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shares {
    /// The period.
    pub period: String,
    /// First day counted.
    pub start: Date,
    /// Last day counted.
    pub end: Date,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// Sum of the categories' totals.
    pub total: i64,
    /// Largest first.
    pub shares: Vec<Share>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

/// One period of a ratio between two categories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioRow {
    /// The period's label.
    pub label: String,
    /// First day counted.
    pub start: Date,
    /// Last day counted.
    pub end: Date,
    /// The numerator's total in the period.
    pub numerator: i64,
    /// The denominator's total in the period.
    pub denominator: i64,
    /// `numerator / denominator` for the period, absent when the denominator is zero.
    pub ratio: Option<f64>,
    /// The same ratio of the cumulative counts at the period's end.
    pub cumulative_ratio: Option<f64>,
    /// Whether the period is incomplete (partial at either end).
    pub partial: bool,
}

/// A ratio between two categories, period by period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratio {
    /// The numerator.
    pub numerator: Category,
    /// The denominator.
    pub denominator: Category,
    /// The kind of period.
    pub kind: PeriodKind,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// Periods in date order.
    pub rows: Vec<RatioRow>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

#[allow(clippy::cast_precision_loss)]
fn ratio(numerator: i64, denominator: i64) -> Option<f64> {
    (denominator != 0).then(|| numerator as f64 / denominator as f64)
}

fn shift_year_back(day: Date) -> Option<Date> {
    day.checked_sub(1.year()).ok()
}

/// The window of `[start, end]` clipped to the table, if the category was tracked then.
fn clipped_window(table: &DayTable, start: Date, end: Date) -> Result<Option<Window>, AnalysisError> {
    let start = start.max(WAR_START);
    let end = end.min(table.last_day());
    if end < start {
        return Ok(None);
    }
    match table.window(start, end) {
        Ok(window) => Ok(Some(window)),
        Err(AnalysisError::NotTracked { .. } | AnalysisError::BeforeWar { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Round numbers worth drawing as thresholds beside a count that has reached `value`: the
/// multiples of the smallest step among 1, 2.5 and 5 times a power of ten that gives at most
/// four of them above half the value and up to 10% beyond it (so the next milestone shows).
#[must_use]
pub fn milestones(value: i64) -> Vec<i64> {
    if value < 4 {
        return Vec::new();
    }
    let high = value.saturating_add(value / 10);
    let mut power = 1_i64;
    loop {
        for step in [power, power.saturating_mul(5) / 2, power.saturating_mul(5)] {
            let first = value / 2 / step + 1;
            if high / step - first < 4 {
                return (first..).map(|i| i * step).take_while(|&m| m <= high).collect();
            }
        }
        power = power.saturating_mul(10);
    }
}

impl Record {
    /// `period` against the previous period and the same span a year earlier.
    ///
    /// For a calendar period, the previous one is the period of the same kind before it (a
    /// whole period even when the current one is in progress, so compare the daily averages
    /// then); the year-earlier span has the same calendar dates (a week: 52 weeks earlier). For a
    /// range, the previous span is the same number of days just before it.
    ///
    /// # Errors
    /// [`AnalysisError`] when the period itself cannot be computed.
    pub fn compare(
        &self,
        category: Category,
        period: &Period,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<Comparison, AnalysisError> {
        let table = self.day_table(category, convention)?;
        let (start, end, partial) = self.clip(period, convention)?;
        let window = table.window(start, end).map_err(|error| error.in_period(&period.label))?;
        let current = Figure::of(&window, period.label.clone(), net_of_corrections);
        let mut notes = Vec::new();
        let (previous_span, year_span) = if period.kind.is_calendar() {
            let previous = period.previous().ok().map(|p| (p.label.clone(), p.start, p.end));
            let year = if period.kind == PeriodKind::Week {
                start.checked_sub(364.days()).ok().zip(end.checked_sub(364.days()).ok())
            } else {
                shift_year_back(start).zip(shift_year_back(end))
            };
            let year = year.map(|(a, b)| {
                let label = if partial {
                    format!("{a}..{b}")
                } else {
                    Period::containing(period.kind, a).map_or_else(|_| format!("{a}..{b}"), |p| p.label)
                };
                (label, a, b)
            });
            (previous, year)
        } else {
            let days = window.days;
            let previous = start
                .checked_sub(days.days())
                .ok()
                .zip(start.yesterday().ok())
                .map(|(a, b)| (format!("{a}..{b}"), a, b));
            let year = shift_year_back(start).zip(shift_year_back(end)).map(|(a, b)| (format!("{a}..{b}"), a, b));
            (previous, year)
        };
        let mut compared =
            |span: Option<(String, Date, Date)>, what: &str| -> Result<Option<Compared>, AnalysisError> {
                let Some((label, a, b)) = span else { return Ok(None) };
                if b < WAR_START {
                    notes.push(format!("no {what}: {label} is before the invasion"));
                    return Ok(None);
                }
                let Some(base) = clipped_window(&table, a, b)? else {
                    notes.push(format!("no {what}: {category} was not reported in {label}"));
                    return Ok(None);
                };
                if a < WAR_START {
                    notes.push(format!("{what} {label} counted from {WAR_START}"));
                }
                if base.includes_backlog {
                    notes.push(format!("{what} {label} holds the backlog the {category} series opened with"));
                }
                Ok(Some(Compared::new(&current, Figure::of(&base, label, net_of_corrections))))
            };
        let previous = compared(previous_span, "previous period")?;
        let year_earlier = compared(year_span, "year-earlier span")?;
        if partial {
            notes.push(format!("{} is in progress: compare daily averages", period.label));
        }
        Ok(Comparison {
            category,
            convention,
            net_of_corrections,
            current,
            partial,
            previous,
            year_earlier,
            notes,
            data_version: self.data_version(),
        })
    }

    /// Each day's total with rolling averages over the windows given (in days), from `from` to
    /// `to` (clipped to the data).
    ///
    /// # Errors
    /// [`AnalysisError`] when the range is outside the data or the category was not reported in it.
    pub fn rolling(
        &self,
        category: Category,
        convention: Convention,
        net_of_corrections: bool,
        from: Date,
        to: Date,
        windows: &[i64],
    ) -> Result<Vec<RollingRow>, AnalysisError> {
        let table = self.day_table(category, convention)?;
        let period =
            Period::range(from, to).map_err(|_| AnalysisError::BeforeWar { period: format!("{from}..{to}") })?;
        let (start, end, _) = self.clip(&period, convention)?;
        let first = table.first_tracked_day();
        let mut rows = Vec::new();
        for day in table.days().filter(|w| w.start >= start.max(first) && w.end <= end) {
            let averages = windows
                .iter()
                .map(|&w| {
                    let window_start = day.end.checked_sub((w - 1).days()).ok()?;
                    if w < 1 || window_start < first || window_start < WAR_START {
                        return None;
                    }
                    let window = table.window(window_start, day.end).ok()?;
                    (!window.includes_backlog).then(|| window.daily_average(net_of_corrections))
                })
                .collect();
            rows.push(RollingRow {
                day: day.end,
                total: day.total(net_of_corrections),
                cumulative: day.cumulative_end,
                averages,
            });
        }
        if rows.is_empty() {
            return Err(AnalysisError::NotTracked {
                category,
                period: period.label,
                first: table.backlog_start().map_or(WAR_START, |(d, _)| d),
                last: table.stopped().unwrap_or(self.last_report),
            });
        }
        Ok(rows)
    }

    /// Each equipment category's share of the equipment losses of `period`.
    ///
    /// # Errors
    /// [`AnalysisError`] when the period is outside the data.
    pub fn shares(
        &self,
        period: &Period,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<Shares, AnalysisError> {
        let (start, end, _) = self.clip(period, convention)?;
        let mut rows = Vec::new();
        for category in self.categories().into_iter().filter(|c| !c.is_people()) {
            let table = self.day_table(category, convention)?;
            if let Some(window) = clipped_window(&table, start, end)? {
                rows.push(Share {
                    category,
                    total: window.total(net_of_corrections),
                    percent: None,
                    includes_backlog: window.includes_backlog,
                });
            }
        }
        let mut total = 0_i64;
        for row in &rows {
            total = total
                .checked_add(row.total)
                .ok_or(AnalysisError::Overflow { category: row.category, what: "sum of equipment losses" })?;
        }
        #[allow(clippy::cast_precision_loss)]
        for row in &mut rows {
            row.percent = (total != 0).then(|| row.total as f64 / total as f64 * 100.0);
        }
        rows.sort_by(|a, b| b.total.cmp(&a.total).then(a.category.cmp(&b.category)));
        Ok(Shares {
            period: period.label.clone(),
            start,
            end,
            convention,
            net_of_corrections,
            total,
            shares: rows,
            data_version: self.data_version(),
        })
    }

    /// `numerator / denominator` period by period, with the ratio of the cumulative counts.
    ///
    /// # Errors
    /// [`AnalysisError`] when either category is not stored, or `kind` does not tile the calendar.
    pub fn ratio(
        &self,
        numerator: Category,
        denominator: Category,
        kind: PeriodKind,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<Ratio, AnalysisError> {
        let top = self.day_table(numerator, convention)?;
        let bottom = self.day_table(denominator, convention)?;
        let last_day = top.last_day();
        let mut rows = Vec::new();
        let mut day = WAR_START;
        while day <= last_day {
            let Some((period_start, period_end)) = kind.bounds(day) else {
                return Err(AnalysisError::NotCalendar { kind: kind.noun() });
            };
            if let (Some(n), Some(d)) =
                (clipped_window(&top, period_start, period_end)?, clipped_window(&bottom, period_start, period_end)?)
            {
                let (a, b) = (n.total(net_of_corrections), d.total(net_of_corrections));
                rows.push(RatioRow {
                    label: Period::containing(kind, period_start).map_or_else(|_| n.start.to_string(), |p| p.label),
                    start: n.start,
                    end: n.end,
                    numerator: a,
                    denominator: b,
                    ratio: ratio(a, b),
                    cumulative_ratio: ratio(n.cumulative_end, d.cumulative_end),
                    partial: period_start < WAR_START
                        || period_end > last_day
                        || n.includes_backlog
                        || d.includes_backlog
                        || days_between(n.start, n.end) != days_between(period_start, period_end),
                });
            }
            let Ok(next) = period_end.tomorrow() else { break };
            day = next;
        }
        Ok(Ratio {
            numerator,
            denominator,
            kind,
            convention,
            net_of_corrections,
            rows,
            data_version: self.data_version(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::milestones;

    #[test]
    fn milestones_are_round_and_near() {
        assert_eq!(milestones(1_456_610), [750_000, 1_000_000, 1_250_000, 1_500_000]);
        assert_eq!(milestones(654_430), [400_000, 500_000, 600_000, 700_000]);
        assert_eq!(milestones(11_682), [7_500, 10_000, 12_500]);
        assert_eq!(milestones(29), [15, 20, 25, 30]);
        assert!(milestones(0).is_empty());
    }
}
