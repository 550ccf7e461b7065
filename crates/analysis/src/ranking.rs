//! Rankings of calendar periods (days, ISO weeks, months, quarters, years) by their total, as
//! the data stood at its last report, and the records (the highest period of each kind).
//!
//! A period is ranked only when it is complete: it must not begin before the invasion (the
//! first month, week, quarter and year are partial), must not reach past the last day with data
//! (the current one is in progress), must not hold a late category's backlog start, and must not
//! reach past a category's last report. Incomplete periods are listed, marked with the reason,
//! and ranked only when asked. An in-progress period gets a *pace rank*: where its daily average
//! would place it among the complete periods' daily averages.
//!
//! Ranks are ordinal (1, 2, 3, … with no repeats: a permutation of the ranked periods), ties
//! broken by the earlier period, which reached the figure first. `shared_rank` is the
//! competition rank (1 + the number of periods with a strictly higher total), which is the same
//! except in a tie.

use crate::day_table::{DayTable, Window, days_between};
use crate::{AnalysisError, Record};
use attrition_model::{Category, Convention, DataVersion, Period, PeriodKind, Qualifier, WAR_START};
use jiff::civil::Date;
use serde::Serialize;
use std::cmp::Ordering;

/// Why a period is not complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Incomplete {
    /// The period began before the invasion; it is counted from 2022-02-24.
    StartsBeforeInvasion,
    /// The period reaches past the last day with data.
    InProgress,
    /// The period holds the first report of a category that began late, a backlog since the
    /// invasion.
    IncludesBacklog,
    /// The period reaches past the category's last report.
    AfterSeriesEnd,
}

impl Incomplete {
    /// A short phrase for tables.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Incomplete::StartsBeforeInvasion => "partial: began before the invasion",
            Incomplete::InProgress => "partial: in progress",
            Incomplete::IncludesBacklog => "holds the series' opening backlog",
            Incomplete::AfterSeriesEnd => "partial: series ended",
        }
    }
}

/// The figures of one span of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The period's label (`2024-09`, `2024-W39`, `2024-09-01..2024-09-30`).
    pub label: String,
    /// First day counted.
    pub start: Date,
    /// Last day counted.
    pub end: Date,
    /// Days counted.
    pub days: i64,
    /// The total (published, or net of corrections when asked).
    pub total: i64,
    /// `total / days`.
    pub daily_average: f64,
    /// The corrections applied by the reports in the span (included in a published total).
    pub corrections: i64,
    /// The cumulative count at the end of the span.
    pub cumulative_end: i64,
    /// The qualifier of the report giving it.
    pub qualifier: Option<Qualifier>,
}

impl Figure {
    /// The figure of `window` under the label `label`.
    #[must_use]
    pub fn of(window: &Window, label: String, net_of_corrections: bool) -> Figure {
        Figure {
            label,
            start: window.start,
            end: window.end,
            days: window.days,
            total: window.total(net_of_corrections),
            daily_average: window.daily_average(net_of_corrections),
            corrections: window.corrections,
            cumulative_end: window.cumulative_end,
            qualifier: window.qualifier,
        }
    }
}

/// One period of a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedPeriod {
    /// Ordinal rank among the ranked periods (1 = highest total), `None` if not ranked.
    pub rank: Option<usize>,
    /// Competition rank: 1 + the number of ranked periods with a strictly higher total.
    pub shared_rank: Option<usize>,
    /// For a period in progress: where its daily average would place it among the ranked
    /// periods' daily averages (1 to the number ranked + 1: it counts itself).
    pub pace_rank: Option<usize>,
    /// The calendar period's own first and last day.
    pub period_start: Date,
    /// See `period_start`.
    pub period_end: Date,
    /// The figures over the days counted.
    #[serde(flatten)]
    pub figure: Figure,
    /// Why the period is not complete, if it is not.
    pub incomplete: Option<Incomplete>,
}

/// Periods of one kind sorted by total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    /// The category.
    pub category: Category,
    /// The kind of period.
    pub kind: PeriodKind,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// Whether incomplete periods were ranked too.
    pub include_partial: bool,
    /// The last report the ranking knows (the `as of` date).
    pub as_of: Date,
    /// The last day with data under the convention.
    pub last_day: Date,
    /// How many periods are ranked.
    pub ranked: usize,
    /// Ranked periods by rank, then the unranked ones in date order.
    pub periods: Vec<RankedPeriod>,
    /// Periods that could not be computed (a missing report), with why.
    pub unavailable: Vec<String>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

impl Ranking {
    /// The entry of the period that contains `day`.
    #[must_use]
    pub fn containing(&self, day: Date) -> Option<&RankedPeriod> {
        self.periods.iter().find(|p| p.period_start <= day && day <= p.period_end)
    }

    /// The ranked periods, best first.
    pub fn ranked_periods(&self) -> impl Iterator<Item = &RankedPeriod> {
        self.periods.iter().filter(|p| p.rank.is_some())
    }
}

/// The highest period of each kind for one category (complete periods only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Records {
    /// The category.
    pub category: Category,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// Highest day.
    pub day: Option<RankedPeriod>,
    /// Highest ISO week.
    pub week: Option<RankedPeriod>,
    /// Highest month.
    pub month: Option<RankedPeriod>,
    /// Highest quarter.
    pub quarter: Option<RankedPeriod>,
    /// Highest year.
    pub year: Option<RankedPeriod>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

/// One calendar period and its window, before labels are made.
struct Candidate {
    period_start: Date,
    period_end: Date,
    window: Window,
    incomplete: Option<Incomplete>,
}

/// Every period of `kind` from the invasion to the last day with data, with its window.
/// Periods in which the category was not reported are left out; periods a missing report
/// makes impossible are returned as messages.
fn candidates(table: &DayTable, kind: PeriodKind) -> Result<(Vec<Candidate>, Vec<String>), AnalysisError> {
    let mut out = Vec::new();
    let unavailable = each_candidate(table, kind, |candidate| out.push(candidate))?;
    Ok((out, unavailable))
}

/// Hands every period of `kind` with a figure to `visit`, in calendar order, and returns the
/// periods without one (a report missing at either end), each with why.
fn each_candidate(
    table: &DayTable,
    kind: PeriodKind,
    mut visit: impl FnMut(Candidate),
) -> Result<Vec<String>, AnalysisError> {
    let last_day = table.last_day();
    let mut unavailable = Vec::new();
    if kind == PeriodKind::Day {
        // One slot per period: the day's own, read straight off the table (a day is never in
        // progress nor starts before the invasion, so only the series' own state can mark it).
        let Some((first, _)) = table.window_indices(WAR_START, WAR_START) else { return Ok(unavailable) };
        for last in first + 1..table.slot_count() {
            let day = table.day(last);
            match table.window_at(last - 1, last) {
                Ok(window) => {
                    let incomplete = if window.includes_backlog {
                        Some(Incomplete::IncludesBacklog)
                    } else if window.after_stop {
                        Some(Incomplete::AfterSeriesEnd)
                    } else {
                        None
                    };
                    visit(Candidate { period_start: day, period_end: day, window, incomplete });
                }
                Err(AnalysisError::NotTracked { .. }) => {}
                Err(error @ AnalysisError::Gap { .. }) => unavailable.push(format!("{day}..{day}: {error}")),
                Err(other) => return Err(other),
            }
        }
        return Ok(unavailable);
    }
    let mut day = WAR_START;
    // The slot before the period's first day. The periods tile the calendar from the invasion's
    // first day, so each starts on the slot after the one the last ended on: counting slots
    // along saves two date-to-slot conversions per period (a day ranking has 1,600 periods per
    // category, and the briefing ranks every category).
    let mut before = table.window_indices(WAR_START, WAR_START).map(|(before, _)| before);
    while day <= last_day {
        let Some((period_start, period_end)) = kind.bounds(day) else {
            return Err(AnalysisError::NotCalendar { kind: kind.noun() });
        };
        let start = period_start.max(WAR_START);
        let end = period_end.min(last_day);
        let extra_days = usize::try_from(days_between(start, end)).ok();
        let slots = before
            .zip(extra_days)
            .map(|(before, extra)| (before, before + 1 + extra))
            .filter(|&(_, last)| last < table.slot_count());
        // `window_at`'s errors are `window`'s without the period's label, which is only added to
        // `NotTracked`, dropped here: the outcome is the same as asking `window` for the dates,
        // without formatting two dates for every untracked day of a late category.
        let found = match slots {
            Some((before, last)) => table.window_at(before, last),
            None => table.window(start, end),
        };
        before = slots.map(|(_, last)| last);
        match found {
            Ok(window) => {
                let incomplete = if period_end > last_day {
                    Some(Incomplete::InProgress)
                } else if period_start < WAR_START {
                    Some(Incomplete::StartsBeforeInvasion)
                } else if window.includes_backlog {
                    Some(Incomplete::IncludesBacklog)
                } else if window.after_stop {
                    Some(Incomplete::AfterSeriesEnd)
                } else {
                    None
                };
                visit(Candidate { period_start, period_end, window, incomplete });
            }
            Err(AnalysisError::NotTracked { .. }) => {}
            Err(error @ AnalysisError::Gap { .. }) => unavailable.push(format!("{start}..{end}: {error}")),
            Err(other) => return Err(other),
        }
        let Ok(next) = period_end.tomorrow() else { break };
        day = next;
    }
    Ok(unavailable)
}

fn label(kind: PeriodKind, start: Date) -> String {
    Period::containing(kind, start).map_or_else(|_| start.to_string(), |p| p.label)
}

/// Highest total first; in a tie, the earlier period first.
fn by_total(net: bool) -> impl Fn(&Candidate, &Candidate) -> Ordering {
    move |a, b| b.window.total(net).cmp(&a.window.total(net)).then(a.period_start.cmp(&b.period_start))
}

impl Record {
    /// Ranks the periods of `kind` by total.
    ///
    /// # Errors
    /// [`AnalysisError::NoCategory`], or [`AnalysisError::NotCalendar`] for a kind that does not
    /// tile the calendar.
    pub fn ranking(
        &self,
        category: Category,
        kind: PeriodKind,
        convention: Convention,
        net_of_corrections: bool,
        include_partial: bool,
    ) -> Result<Ranking, AnalysisError> {
        let table = self.day_table(category, convention)?;
        self.ranking_in(&table, kind, net_of_corrections, include_partial)
    }

    /// [`Record::ranking`] over a day table already built from this record (the briefing builds
    /// one per category and ranks it; building it again was a fifth of its cost).
    pub(crate) fn ranking_in(
        &self,
        table: &DayTable,
        kind: PeriodKind,
        net_of_corrections: bool,
        include_partial: bool,
    ) -> Result<Ranking, AnalysisError> {
        let (category, convention) = (table.category(), table.convention());
        let (mut candidates, unavailable) = candidates(table, kind)?;
        let rankable = |c: &Candidate| include_partial || c.incomplete.is_none();
        candidates.sort_by(|a, b| rankable(b).cmp(&rankable(a)).then_with(|| by_total(net_of_corrections)(a, b)));
        let ranked = candidates.iter().filter(|c| rankable(c)).count();
        let ranked_totals: Vec<i64> = candidates[..ranked].iter().map(|c| c.window.total(net_of_corrections)).collect();
        let ranked_averages: Vec<f64> =
            candidates[..ranked].iter().map(|c| c.window.daily_average(net_of_corrections)).collect();
        candidates[ranked..].sort_by_key(|c| c.period_start);
        let periods = candidates
            .iter()
            .enumerate()
            .map(|(index, c)| {
                let total = c.window.total(net_of_corrections);
                let average = c.window.daily_average(net_of_corrections);
                let is_ranked = index < ranked;
                RankedPeriod {
                    rank: is_ranked.then_some(index + 1),
                    shared_rank: is_ranked.then(|| 1 + ranked_totals.iter().filter(|&&t| t > total).count()),
                    pace_rank: (!is_ranked && c.incomplete == Some(Incomplete::InProgress))
                        .then(|| 1 + ranked_averages.iter().filter(|&&a| a > average).count()),
                    period_start: c.period_start,
                    period_end: c.period_end,
                    figure: Figure::of(&c.window, label(kind, c.period_start), net_of_corrections),
                    incomplete: c.incomplete,
                }
            })
            .collect();
        Ok(Ranking {
            category,
            kind,
            convention,
            net_of_corrections,
            include_partial,
            as_of: self.last_report,
            last_day: table.last_day(),
            ranked,
            periods,
            unavailable,
            data_version: self.data_version(),
        })
    }

    /// The highest complete period of each kind.
    ///
    /// # Errors
    /// [`AnalysisError::NoCategory`].
    pub fn records(
        &self,
        category: Category,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<Records, AnalysisError> {
        let table = self.day_table(category, convention)?;
        Ok(Records {
            category,
            convention,
            net_of_corrections,
            day: best(&table, PeriodKind::Day, net_of_corrections)?,
            week: best(&table, PeriodKind::Week, net_of_corrections)?,
            month: best(&table, PeriodKind::Month, net_of_corrections)?,
            quarter: best(&table, PeriodKind::Quarter, net_of_corrections)?,
            year: best(&table, PeriodKind::Year, net_of_corrections)?,
            data_version: self.data_version(),
        })
    }
}

/// The highest complete period of `kind`, without labelling the others.
pub(crate) fn best(table: &DayTable, kind: PeriodKind, net: bool) -> Result<Option<RankedPeriod>, AnalysisError> {
    let order = by_total(net);
    // The first of the complete periods that no later one beats, as `min_by` over all of them
    // would pick, kept as they come: a day's record needs no list of 1,600 days.
    let mut top: Option<Candidate> = None;
    each_candidate(table, kind, |candidate| {
        if candidate.incomplete.is_none() && top.as_ref().is_none_or(|t| order(&candidate, t) == Ordering::Less) {
            top = Some(candidate);
        }
    })?;
    // A "record" of nothing (a series that never moved) is no record.
    let top = top.filter(|c| c.window.total(net) > 0);
    Ok(top.map(|c| RankedPeriod {
        rank: Some(1),
        shared_rank: Some(1),
        pace_rank: None,
        period_start: c.period_start,
        period_end: c.period_end,
        figure: Figure::of(&c.window, label(kind, c.period_start), net),
        incomplete: None,
    }))
}

/// A period's place among the complete periods of its kind, as of the record's last report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRank {
    /// Ordinal rank among complete periods, if the period is complete.
    pub rank: Option<usize>,
    /// Where its daily average places it, if it is in progress.
    pub pace_rank: Option<usize>,
    /// How many complete periods of the kind there are.
    pub of: usize,
    /// The kind, plural (singular for one).
    pub among: &'static str,
    /// The report the ranking stands at.
    pub as_of: Date,
    /// Why the period is not ranked, if it is not.
    pub incomplete: Option<Incomplete>,
}

impl Record {
    /// Where `figure`'s period ranks among the periods of its kind; `None` for a range that is
    /// not a calendar period.
    ///
    /// # Errors
    /// [`AnalysisError`] when the category cannot be ranked.
    pub fn period_rank(
        &self,
        figure: &crate::PeriodFigure,
        net_of_corrections: bool,
    ) -> Result<Option<PeriodRank>, AnalysisError> {
        if !figure.kind.is_calendar() {
            return Ok(None);
        }
        // A late category (see `period_total`) is ranked as of its own last report.
        if let Some(own) = self.late_category(figure.category).and_then(|last| self.as_of(last))
            && figure.end <= own.last_day(figure.convention)
            && own.last_report < self.last_report
        {
            return own.period_rank(figure, net_of_corrections);
        }
        let ranking = self.ranking(figure.category, figure.kind, figure.convention, net_of_corrections, false)?;
        Ok(ranking.rank_of(figure))
    }
}

impl Ranking {
    /// Where `figure`'s period stands in this ranking (computed by [`Record::ranking`] for the
    /// figure's category, kind and convention, without partial periods), if it is listed.
    #[must_use]
    pub fn rank_of(&self, figure: &crate::PeriodFigure) -> Option<PeriodRank> {
        self.containing(figure.start).map(|entry| PeriodRank {
            rank: entry.rank,
            pace_rank: entry.pace_rank,
            of: self.ranked,
            among: if self.ranked == 1 { figure.kind.noun() } else { figure.kind.plural() },
            as_of: self.as_of,
            incomplete: entry.incomplete,
        })
    }
}
