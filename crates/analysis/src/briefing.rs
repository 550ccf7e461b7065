//! The daily briefing: for every category, the latest day, the last 7 and 30 days against the
//! 30 before, the month so far and the previous month with their ranks, the year so far against
//! the same span a year earlier, the records, and the cumulative count — everything
//! `attrition report` prints, computed here so that front ends only format it.

use crate::day_table::{DayTable, Window};
use crate::ranking::{Figure, RankedPeriod, Records, best};
use crate::trends::Compared;
use crate::{AnalysisError, Record};
use attrition_model::{Category, Convention, DataVersion, PeriodKind, Qualifier, SourceId, WAR_START, war_day};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// One category's part of the briefing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryBrief {
    /// The category.
    pub category: Category,
    /// The cumulative count at the end of the last day.
    pub cumulative: i64,
    /// The qualifier of the report giving it.
    pub qualifier: Option<Qualifier>,
    /// The last day.
    pub last_day: Option<Figure>,
    /// The last 7 days.
    pub last_7_days: Option<Figure>,
    /// The last 30 days.
    pub last_30_days: Option<Figure>,
    /// The last 30 days against the 30 days before them.
    pub previous_30_days: Option<Compared>,
    /// The month so far (or the whole month, when the last day ends it), with its rank or pace
    /// rank among complete months.
    pub month_to_date: Option<RankedPeriod>,
    /// The month before, with its rank.
    pub previous_month: Option<RankedPeriod>,
    /// How many complete months are ranked.
    pub months_ranked: usize,
    /// From 1 January (or the invasion) to the last day.
    pub year_to_date: Option<Figure>,
    /// The same span a year earlier, and the change.
    pub same_span_last_year: Option<Compared>,
    /// The highest complete day, week, month, quarter and year.
    pub records: Records,
    /// What a reader must know about the series (a late start, an end).
    pub notes: Vec<String>,
}

/// The briefing as of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Briefing {
    /// The source.
    pub source: SourceId,
    /// The latest report the briefing uses.
    pub latest_report: Date,
    /// Its day number in the General Staff's count.
    pub war_day: i64,
    /// The last day with data under the convention.
    pub last_day: Date,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net_of_corrections: bool,
    /// Every category, in canonical order.
    pub categories: Vec<CategoryBrief>,
    /// Source and last report of the data used.
    pub data_version: DataVersion,
}

impl Briefing {
    /// The part of one category.
    #[must_use]
    pub fn category(&self, category: Category) -> Option<&CategoryBrief> {
        self.categories.iter().find(|c| c.category == category)
    }
}

fn back(day: Date, days: i64) -> Option<Date> {
    day.checked_sub(days.days()).ok()
}

/// The figure of `[start, end]` if the category was reported throughout and the span holds no
/// backlog.
fn span(table: &DayTable, start: Option<Date>, end: Option<Date>, label: &str, net: bool) -> Option<Figure> {
    let (start, end) = (start?, end?);
    if start < WAR_START {
        return None;
    }
    let window: Window = table.window(start, end).ok()?;
    (!window.includes_backlog).then(|| Figure::of(&window, label.to_owned(), net))
}

/// How many reports a category may trail the record's last report and still count as
/// *late* (its file not yet updated: the equipment and personnel files are published apart)
/// rather than *ended*. An ended category's last value holds; a late one's figures are given as
/// of its own last report, with a note, never as days of zero.
pub const LATE_REPORT_DAYS: i64 = 7;

/// A note when the window `[start, end]` cannot be computed because reports are missing in it,
/// so that a line of the briefing never disappears without a word.
fn gap_note(table: &DayTable, start: Option<Date>, end: Option<Date>, label: &str) -> Option<String> {
    let (start, end) = (start?, end?);
    if start < WAR_START {
        return None;
    }
    match table.window(start, end) {
        Err(AnalysisError::Gap { report_date, .. }) => Some(format!(
            "{label} ({start} .. {end}) not given: the report of {report_date} is missing from the stored record (`attrition status` lists the gaps)"
        )),
        _ => None,
    }
}

impl Record {
    /// The last report of `category` when it trails the record's last report by at most
    /// [`LATE_REPORT_DAYS`] (its file not yet updated), `None` when it is current, never
    /// reported, or ended longer ago.
    #[must_use]
    pub fn late_category(&self, category: Category) -> Option<Date> {
        let last = self.series.get(&category)?.last_report()?;
        let behind = i64::from((self.last_report - last).get_days());
        (1..=LATE_REPORT_DAYS).contains(&behind).then_some(last)
    }

    /// The briefing as of the record's last report (use [`Record::as_of`] for an earlier date).
    ///
    /// # Errors
    /// [`AnalysisError`] only when a stored category cannot be read at all.
    pub fn briefing(&self, convention: Convention, net_of_corrections: bool) -> Result<Briefing, AnalysisError> {
        let net = net_of_corrections;
        let last_day = self.last_day(convention);
        let mut categories = Vec::new();
        for category in self.categories() {
            let brief = match self.late_category(category) {
                // A category behind the others by a report or a few: its own record, as of its
                // own last report, not zeros for the days its file has not reached yet.
                Some(last) => match self.as_of(last) {
                    Some(own) => own.category_brief(category, convention, net)?.map(|mut brief| {
                        brief.notes.insert(
                            0,
                            format!(
                                "not yet in the report of {} (its last report is {last}): its figures end on {}, not on {last_day} like the others'",
                                self.last_report,
                                own.last_day(convention)
                            ),
                        );
                        brief
                    }),
                    None => None,
                },
                None => self.category_brief(category, convention, net)?,
            };
            categories.extend(brief);
        }
        if categories.is_empty() {
            return Err(AnalysisError::Empty);
        }
        Ok(Briefing {
            source: self.source,
            latest_report: self.last_report,
            war_day: war_day(self.last_report),
            last_day,
            convention,
            net_of_corrections: net,
            categories,
            data_version: self.data_version(),
        })
    }

    /// One category's part of the briefing as of this record's last report.
    fn category_brief(
        &self,
        category: Category,
        convention: Convention,
        net: bool,
    ) -> Result<Option<CategoryBrief>, AnalysisError> {
        let last_day = self.last_day(convention);
        let table = self.day_table(category, convention)?;
        let Some((cumulative, qualifier, _)) = table.cumulative(last_day).ok().flatten() else { return Ok(None) };
        let mut notes = Vec::new();
        if let Some((first, value)) = table.backlog_start() {
            notes.push(format!("reported since {first}, opening with a backlog of {value}"));
        }
        if let Some(last) = table.stopped() {
            notes.push(format!("last reported on {last}; the count holds since"));
        }
        let year_start = last_day.first_of_year().max(WAR_START);
        let year_label = format!("{} to date", last_day.year());
        let windows = [
            (Some(last_day), Some(last_day), "last day"),
            (back(last_day, 6), Some(last_day), "last 7 days"),
            (back(last_day, 29), Some(last_day), "last 30 days"),
            (back(last_day, 59), back(last_day, 30), "previous 30 days"),
            (Some(last_day.first_of_month()), Some(last_day), "month to date"),
            (
                last_day.first_of_month().yesterday().ok().map(|d| d.first_of_month()),
                last_day.first_of_month().yesterday().ok(),
                "previous month",
            ),
            (Some(year_start), Some(last_day), year_label.as_str()),
        ];
        notes.extend(windows.iter().filter_map(|(start, end, label)| gap_note(&table, *start, *end, label)));
        let last_30 = span(&table, back(last_day, 29), Some(last_day), "last 30 days", net);
        let before_30 = span(&table, back(last_day, 59), back(last_day, 30), "previous 30 days", net);
        let months = self.ranking_in(&table, PeriodKind::Month, net, false)?;
        let month_to_date = months.containing(last_day).cloned();
        let previous_month = month_to_date
            .as_ref()
            .and_then(|m| m.period_start.yesterday().ok())
            .and_then(|day| months.containing(day))
            .cloned();
        let year_to_date = span(&table, Some(year_start), Some(last_day), &year_label, net);
        let last_year = span(
            &table,
            year_start.checked_sub(1.year()).ok(),
            last_day.checked_sub(1.year()).ok(),
            &format!("{} same span", last_day.year() - 1),
            net,
        );
        Ok(Some(CategoryBrief {
            category,
            cumulative,
            qualifier,
            last_day: span(&table, Some(last_day), Some(last_day), &last_day.to_string(), net),
            last_7_days: span(&table, back(last_day, 6), Some(last_day), "last 7 days", net),
            previous_30_days: last_30.as_ref().zip(before_30).map(|(now, base)| Compared::new(now, base)),
            last_30_days: last_30,
            month_to_date,
            previous_month,
            months_ranked: months.ranked,
            same_span_last_year: year_to_date.as_ref().zip(last_year).map(|(now, base)| Compared::new(now, base)),
            year_to_date,
            records: Records {
                category,
                convention,
                net_of_corrections: net,
                day: best(&table, PeriodKind::Day, net)?,
                week: best(&table, PeriodKind::Week, net)?,
                month: months.ranked_periods().next().cloned(),
                quarter: best(&table, PeriodKind::Quarter, net)?,
                year: best(&table, PeriodKind::Year, net)?,
                data_version: self.data_version(),
            },
            notes,
        }))
    }
}
