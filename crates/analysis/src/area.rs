//! Cost ratios: losses per km² of territory gained (METHODS.md §5.3, ISW's method).
//!
//! **Formula.** For a period of days `[s, e]`:
//!
//! ```text
//! losses per km² = (C(e) − C(s − 1)) / (km² gained in [s, e])
//! ```
//!
//! with `C` the General Staff cumulative count under the chosen convention (the same total as
//! `attrition total`). When the area gained is zero or negative there is no ratio ("no net
//! gain"); nothing is divided by it.
//!
//! **Area.** Two CSV files are read, told apart by their header:
//!
//! 1. *Controlled area, daily* — The Economist's `area_assessed_as_controlled_by_russia.csv`
//!    (columns `date` and `area_assessed_as_russia_controlled`, in square metres, from ISW's
//!    assessed control maps; other columns are ignored). The area gained in `[s, e]` is
//!    `A(e) − A(s − 1)`, the area at the end of the last day less the area at the end of the day
//!    before the first, divided by 10⁶ for km². The days are the period's calendar days under
//!    either convention: under loss-day they are the days the losses were suffered, under
//!    report-day the losses lag them by a day. A date repeated with the same area (the file has
//!    one, 2026-04-04) is read once; repeated with a different area it is an error.
//! 2. *Gains per period* — a user's file with the columns `period` and `km2` (others, such as a
//!    source column, are ignored): the km² gained in each period, which is a day (2024-09-26), an
//!    ISO week (2024-W05), a month (2025-05), a quarter (2024-Q3), a year (2024) or a range
//!    `START..END` of days. The losses are those of exactly that period.
//!
//! Fields may be quoted (`"2024"`); numbers use a decimal point and no thousands separator.
//! Anything else is refused with the file, line and column.
//!
//! Reference: METHODS.md §5.3 (ISW's casualties per km², with test values for 2024 and
//! May–August 2025); The Economist, *the-economist-ukraine-war-dead-and-wounded-estimates* (MIT).

use crate::{AnalysisError, Record};
use attrition_model::{Category, Convention, DataVersion, Period, PeriodKind, WAR_START};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Square metres in a square kilometre.
pub const SQUARE_METRES_PER_KM2: f64 = 1_000_000.0;

/// The controlled-area column of The Economist's file.
const ECONOMIST_AREA: &str = "area_assessed_as_russia_controlled";

/// Why an area file or a losses-per-area figure was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AreaError {
    /// The file holds nothing but blank lines.
    #[error("{file}: the file is empty; expected a CSV header")]
    Empty {
        /// The file.
        file: String,
    },
    /// The header is neither known form.
    #[error(
        "{file}, line 1: cannot tell what the columns {found} are; expected The Economist's controlled-area file (date,{ECONOMIST_AREA},…) or gains per period (period,km2)"
    )]
    Header {
        /// The file.
        file: String,
        /// The header as read.
        found: String,
    },
    /// A field cannot be read.
    #[error("{file}, line {line}, column {column}: {reason}")]
    Field {
        /// The file.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// The column: number and name (`2 (km2)`).
        column: String,
        /// What is wrong.
        reason: String,
    },
    /// The file has a header and no rows.
    #[error("{file}: no rows under the header")]
    NoRows {
        /// The file.
        file: String,
    },
    /// A daily area series does not reach a day a period needs.
    #[error(
        "{file} has no area for {day}: its series runs from {first} to {last}, and {period} needs the area at the end of {day}"
    )]
    NotCovered {
        /// The file.
        file: String,
        /// The period label.
        period: String,
        /// The day missing.
        day: Date,
        /// First day of the series.
        first: Date,
        /// Last day of the series.
        last: Date,
    },
    /// The losses of a row's period cannot be computed.
    #[error("{file}, line {line}: {source}")]
    Row {
        /// The file.
        file: String,
        /// Line number.
        line: usize,
        /// Why.
        source: AnalysisError,
    },
    /// No row of a gains file falls in the selection.
    #[error("{file}: no period in the file {selection}")]
    NothingSelected {
        /// The file.
        file: String,
        /// The selection, in words.
        selection: String,
    },
    /// The periods of a daily series cannot be listed by this kind.
    #[error("cannot list losses per km² by {kind}: use day, week, month, quarter or year")]
    NotCalendar {
        /// The kind given.
        kind: &'static str,
    },
    /// The figure from the data could not be computed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// One row of a gains-per-period file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaGain {
    /// The line it was read from.
    pub line: usize,
    /// The period.
    pub period: Period,
    /// km² gained in it.
    pub km2: f64,
}

/// What an area file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum AreaData {
    /// Area controlled at the end of each day, in km².
    Controlled(BTreeMap<Date, f64>),
    /// km² gained per period, in file order.
    Gains(Vec<AreaGain>),
}

/// A parsed area file.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaFile {
    /// The file's name as given (for messages and output).
    pub name: String,
    /// Its content.
    pub data: AreaData,
}

/// Splits one CSV line into fields, honouring double quotes (`""` inside quotes is one quote).
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            ',' if !quoted => {
                out.push(std::mem::take(&mut field));
                at_start = true;
                continue;
            }
            _ => field.push(c),
        }
        at_start = false;
    }
    if quoted {
        return Err("a quoted field is not closed".to_owned());
    }
    out.push(field);
    Ok(out)
}

/// A non-blank line: its number from 1 and its fields.
struct Line {
    number: usize,
    cells: Vec<String>,
}

impl AreaFile {
    /// Reads `text`, the content of the file `name`, telling the format from its header.
    ///
    /// # Errors
    /// [`AreaError`] naming the file, line and column of the first thing that cannot be read.
    pub fn parse(name: &str, text: &str) -> Result<AreaFile, AreaError> {
        let file = name.to_owned();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let raw = raw.trim_end_matches('\r');
            if raw.trim().is_empty() {
                continue;
            }
            let cells = fields(raw).map_err(|reason| AreaError::Field {
                file: file.clone(),
                line: index + 1,
                column: "-".to_owned(),
                reason,
            })?;
            lines.push(Line { number: index + 1, cells: cells.into_iter().map(|c| c.trim().to_owned()).collect() });
        }
        let Some((header, rows)) = lines.split_first() else { return Err(AreaError::Empty { file }) };
        let names: Vec<String> = header.cells.iter().map(|c| c.to_ascii_lowercase()).collect();
        let position = |wanted: &str| names.iter().position(|n| n == wanted);
        let data = match (position("date"), position(ECONOMIST_AREA), position("period"), position("km2")) {
            (Some(date), Some(area), _, _) => AreaData::Controlled(controlled(&file, rows, date, area)?),
            (_, _, Some(period), Some(km2)) => AreaData::Gains(gains(&file, rows, period, km2)?),
            _ => return Err(AreaError::Header { file, found: header.cells.join(",") }),
        };
        let empty = match &data {
            AreaData::Controlled(series) => series.is_empty(),
            AreaData::Gains(rows) => rows.is_empty(),
        };
        if empty {
            return Err(AreaError::NoRows { file });
        }
        Ok(AreaFile { name: file, data })
    }

    /// A one-line description of what the file is, for output.
    #[must_use]
    pub fn describe(&self) -> String {
        match &self.data {
            AreaData::Controlled(series) => {
                let span = series
                    .keys()
                    .next()
                    .zip(series.keys().next_back())
                    .map(|(a, b)| format!(", {a} to {b}"))
                    .unwrap_or_default();
                format!(
                    "{}: area assessed as Russian-controlled at the end of each day (The Economist, from ISW's assessments{span}); gained = A(last day) - A(day before the first)",
                    self.name
                )
            }
            AreaData::Gains(rows) => {
                format!("{}: km² gained per period as given in the file ({} rows)", self.name, rows.len())
            }
        }
    }

    /// `controlled` for a daily series, `gains` for a table of gains.
    #[must_use]
    pub fn format(&self) -> &'static str {
        match self.data {
            AreaData::Controlled(_) => "controlled",
            AreaData::Gains(_) => "gains",
        }
    }

    /// The first and last day of a daily series.
    fn span(series: &BTreeMap<Date, f64>) -> Option<(Date, Date)> {
        Some((*series.keys().next()?, *series.keys().next_back()?))
    }

    /// km² gained over `[start, end]` by a daily series: `A(end) − A(start − 1)`.
    ///
    /// # Errors
    /// [`AreaError::NotCovered`] when the series has no value for either day.
    fn gained(&self, series: &BTreeMap<Date, f64>, label: &str, start: Date, end: Date) -> Result<f64, AreaError> {
        let before = start.yesterday().unwrap_or(start);
        let at = |day: Date| {
            series.get(&day).copied().ok_or_else(|| {
                let (first, last) = AreaFile::span(series).unwrap_or((day, day));
                AreaError::NotCovered { file: self.name.clone(), period: label.to_owned(), day, first, last }
            })
        };
        Ok(at(end)? - at(before)?)
    }
}

fn cell(row: &Line, index: usize) -> &str {
    row.cells.get(index).map_or("", String::as_str)
}

fn column(header_index: usize, name: &str) -> String {
    format!("{} ({name})", header_index + 1)
}

/// A finite number with a decimal point, or why not.
fn plain_number(text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err("empty; expected a number".to_owned());
    }
    if text.contains(',') {
        return Err(format!("{text:?}: use a decimal point and no thousands separator"));
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(format!("{text:?} is not a number")),
    }
}

fn controlled(file: &str, rows: &[Line], date: usize, area: usize) -> Result<BTreeMap<Date, f64>, AreaError> {
    let error = |line: usize, index: usize, name: &str, reason: String| AreaError::Field {
        file: file.to_owned(),
        line,
        column: column(index, name),
        reason,
    };
    let mut series: BTreeMap<Date, f64> = BTreeMap::new();
    let mut previous: Option<(Date, usize)> = None;
    for row in rows {
        let day = Period::parse_date(cell(row, date)).map_err(|e| error(row.number, date, "date", e.to_string()))?;
        let square_metres = plain_number(cell(row, area)).map_err(|e| error(row.number, area, ECONOMIST_AREA, e))?;
        if square_metres < 0.0 {
            return Err(error(row.number, area, ECONOMIST_AREA, format!("{square_metres} is negative")));
        }
        let km2 = square_metres / SQUARE_METRES_PER_KM2;
        if let Some((last, last_line)) = previous {
            if day < last {
                return Err(error(
                    row.number,
                    date,
                    "date",
                    format!("{day} comes after {last} (line {last_line}); dates must increase"),
                ));
            }
            if day == last && series.get(&day) != Some(&km2) {
                return Err(error(
                    row.number,
                    area,
                    ECONOMIST_AREA,
                    format!("{day} is repeated from line {last_line} with a different area"),
                ));
            }
        }
        series.insert(day, km2);
        previous = Some((day, row.number));
    }
    Ok(series)
}

/// A period as written in a gains file: the forms of [`Period::parse`] or `START..END`.
fn gain_period(text: &str) -> Result<Period, String> {
    match text.split_once("..") {
        Some((start, end)) => {
            let start = Period::parse_date(start).map_err(|e| e.to_string())?;
            let end = Period::parse_date(end).map_err(|e| e.to_string())?;
            Period::range(start, end).map_err(|e| e.to_string())
        }
        None => Period::parse(text).map_err(|e| e.to_string()),
    }
}

fn gains(file: &str, rows: &[Line], period: usize, km2: usize) -> Result<Vec<AreaGain>, AreaError> {
    let error = |line: usize, index: usize, name: &str, reason: String| AreaError::Field {
        file: file.to_owned(),
        line,
        column: column(index, name),
        reason,
    };
    let mut out: Vec<AreaGain> = Vec::new();
    for row in rows {
        let parsed = gain_period(cell(row, period)).map_err(|e| error(row.number, period, "period", e))?;
        let value = plain_number(cell(row, km2)).map_err(|e| error(row.number, km2, "km2", e))?;
        if let Some(earlier) = out.iter().find(|g| g.period.start == parsed.start && g.period.end == parsed.end) {
            return Err(error(
                row.number,
                period,
                "period",
                format!("{} repeats the period of line {}", parsed.label, earlier.line),
            ));
        }
        out.push(AreaGain { line: row.number, period: parsed, km2: value });
    }
    Ok(out)
}

/// One period's losses against the km² gained in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRatioRow {
    /// The period's label.
    pub label: String,
    /// First day counted.
    pub start: Date,
    /// Last day counted.
    pub end: Date,
    /// Days counted.
    pub days: i64,
    /// Losses of the category in the period.
    pub losses: i64,
    /// km² gained.
    pub km2: f64,
    /// `losses / km2`, when km² gained is above zero and the losses cover the period.
    pub per_km2: Option<f64>,
    /// The period is cut by the invasion's start or the data's end.
    pub partial: bool,
    /// Why there is no ratio, or what to know about it.
    pub note: Option<String>,
    /// The line of the gains file the row comes from.
    pub line: Option<usize>,
}

/// Losses per km² gained, period by period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRatio {
    /// The category counted (the numerator).
    pub category: Category,
    /// The convention.
    pub convention: Convention,
    /// Whether corrections are subtracted.
    pub net_of_corrections: bool,
    /// The kind of the listed periods, when they tile the calendar.
    pub kind: Option<PeriodKind>,
    /// The area file.
    pub area_file: String,
    /// `controlled` (a daily series) or `gains` (per period).
    pub area_format: &'static str,
    /// What the area file is, in words.
    pub area_source: String,
    /// The rows.
    pub rows: Vec<AreaRatioRow>,
    /// The data version of the losses.
    pub data_version: DataVersion,
}

/// Which periods to list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaSelection {
    /// List periods of this kind (inside `period`, when one is given).
    pub by: Option<PeriodKind>,
    /// Only this period (or the periods inside it).
    pub period: Option<Period>,
}

#[allow(clippy::cast_precision_loss)]
fn per_km2(losses: i64, km2: f64) -> Option<f64> {
    (km2 > 0.0).then(|| losses as f64 / km2)
}

const NO_NET_GAIN: &str = "no net gain";

impl Record {
    /// `category`'s losses per km² gained, for the periods `selection` picks from `area`.
    ///
    /// With a daily series: one row for `selection.period` when no kind is given, otherwise the
    /// periods of the kind (default month) inside it, or across the data when no period is given
    /// (from the invasion to the last day both the losses and the area reach). With a table of
    /// gains: the file's rows, only those of `by`'s kind and inside `period` when given.
    ///
    /// # Errors
    /// [`AreaError`] when a period is outside the data or the area series, or nothing is selected.
    pub fn losses_per_area(
        &self,
        category: Category,
        area: &AreaFile,
        selection: &AreaSelection,
        convention: Convention,
        net_of_corrections: bool,
    ) -> Result<AreaRatio, AreaError> {
        let table = self.day_table(category, convention)?;
        let (rows, kind) = match &area.data {
            AreaData::Controlled(series) => {
                let (first, last) =
                    AreaFile::span(series).ok_or_else(|| AreaError::NoRows { file: area.name.clone() })?;
                let mut rows = Vec::new();
                let spans = self.area_periods(selection, first, last, convention)?;
                let kind = match (selection.by, &selection.period) {
                    (None, Some(period)) => period.kind.is_calendar().then_some(period.kind),
                    (by, _) => Some(by.unwrap_or(PeriodKind::Month)),
                };
                for (label, start, end, partial) in spans {
                    let window = table.window(start, end).map_err(|e| e.in_period(&label))?;
                    let losses = window.total(net_of_corrections);
                    let km2 = area.gained(series, &label, start, end)?;
                    let ratio = per_km2(losses, km2);
                    rows.push(AreaRatioRow {
                        note: ratio.is_none().then(|| NO_NET_GAIN.to_owned()),
                        label,
                        start,
                        end,
                        days: window.days,
                        losses,
                        km2,
                        per_km2: ratio,
                        partial,
                        line: None,
                    });
                }
                (rows, kind)
            }
            AreaData::Gains(gains) => {
                let chosen: Vec<&AreaGain> = gains
                    .iter()
                    .filter(|g| selection.by.is_none_or(|kind| g.period.kind == kind))
                    .filter(|g| {
                        selection.period.as_ref().is_none_or(|p| g.period.start >= p.start && g.period.end <= p.end)
                    })
                    .collect();
                if chosen.is_empty() {
                    let mut words = Vec::new();
                    if let Some(kind) = selection.by {
                        words.push(format!("is a {}", kind.noun()));
                    }
                    if let Some(period) = &selection.period {
                        words.push(format!("lies within {}", period.label));
                    }
                    return Err(AreaError::NothingSelected { file: area.name.clone(), selection: words.join(" and ") });
                }
                let chosen_kinds: Vec<PeriodKind> = chosen.iter().map(|g| g.period.kind).collect();
                let mut rows = Vec::new();
                for gain in chosen {
                    let row_error = |source: AnalysisError| AreaError::Row {
                        file: area.name.clone(),
                        line: gain.line,
                        source: source.in_period(&gain.period.label),
                    };
                    let (start, end, partial) = self.clip(&gain.period, convention).map_err(row_error)?;
                    let window = table.window(start, end).map_err(row_error)?;
                    let losses = window.total(net_of_corrections);
                    let (ratio, note) = if partial {
                        (
                            None,
                            Some(format!(
                                "losses only to {end} (the report of {}): the km² are for the whole period",
                                self.last_report
                            )),
                        )
                    } else {
                        let ratio = per_km2(losses, gain.km2);
                        let note = if ratio.is_none() {
                            Some(NO_NET_GAIN.to_owned())
                        } else if gain.period.start < WAR_START {
                            Some(format!("losses counted from {WAR_START}"))
                        } else {
                            None
                        };
                        (ratio, note)
                    };
                    rows.push(AreaRatioRow {
                        label: gain.period.label.clone(),
                        start,
                        end,
                        days: window.days,
                        losses,
                        km2: gain.km2,
                        per_km2: ratio,
                        partial,
                        note,
                        line: Some(gain.line),
                    });
                }
                // The kind asked for, or the one kind every listed period shares.
                let kind = selection.by.or_else(|| {
                    let first = chosen_kinds.first().copied()?;
                    (first.is_calendar() && chosen_kinds.iter().all(|k| *k == first)).then_some(first)
                });
                (rows, kind)
            }
        };
        Ok(AreaRatio {
            category,
            convention,
            net_of_corrections,
            kind,
            area_file: area.name.clone(),
            area_format: area.format(),
            area_source: area.describe(),
            rows,
            data_version: self.data_version(),
        })
    }

    /// The spans `(label, start, end, partial)` of a daily-series listing, each clipped to the
    /// invasion, the last day with data, and the area series (`first` .. `last`).
    fn area_periods(
        &self,
        selection: &AreaSelection,
        first: Date,
        last: Date,
        convention: Convention,
    ) -> Result<Vec<(String, Date, Date, bool)>, AreaError> {
        let data_last = self.last_day(convention);
        // The first day whose gain the series can give needs the area of the day before it.
        let area_first = first.tomorrow().unwrap_or(first);
        let (from, to) = match &selection.period {
            Some(period) => {
                let (start, end, _) = self.clip(period, convention)?;
                (start, end)
            }
            None => (WAR_START.max(area_first), data_last.min(last)),
        };
        if let (None, Some(period)) = (selection.by, &selection.period) {
            let partial = period.kind != PeriodKind::All && (period.start < from || period.end > to);
            return Ok(vec![(period.label.clone(), from, to, partial)]);
        }
        let kind = selection.by.unwrap_or(PeriodKind::Month);
        if !kind.is_calendar() {
            return Err(AreaError::NotCalendar { kind: kind.noun() });
        }
        let mut spans = Vec::new();
        let mut day = from;
        while day <= to {
            let Ok(period) = Period::containing(kind, day) else {
                return Err(AreaError::NotCalendar { kind: kind.noun() });
            };
            let (start, end) = (period.start.max(from), period.end.min(to));
            spans.push((period.label.clone(), start, end, start != period.start || end != period.end));
            let Ok(next) = period.end.tomorrow() else { break };
            day = next;
        }
        Ok(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attrition_model::{Observation, SourceId};
    use jiff::civil::date;

    fn record() -> Record {
        // Personnel reports 2024-09-01 .. 2024-10-03, +100 a day (loss days 08-31 .. 10-02).
        let mut day = date(2024, 9, 1);
        let mut obs = Vec::new();
        let mut value = 1_000;
        while day <= date(2024, 10, 3) {
            obs.push(Observation { report_date: day, category: Category::Personnel, value, qualifier: None });
            value += 100;
            day = day.tomorrow().unwrap();
        }
        Record::build(SourceId::Petroivaniuk, obs, [], []).unwrap()
    }

    #[test]
    fn splits_csv_fields() {
        assert_eq!(fields("a,\"b,c\",\"d\"\"e\",").unwrap(), ["a", "b,c", "d\"e", ""]);
        assert!(fields("\"open").is_err());
    }

    #[test]
    fn tells_the_formats_apart() {
        let economist = "date,area_assessed_as_russia_controlled,change\n2024-09-01,1000000,0\n2024-09-02,3500000,2500000\n2024-09-02,3500000,0\n";
        let file = AreaFile::parse("e.csv", economist).unwrap();
        assert_eq!(file.format(), "controlled");
        let AreaData::Controlled(series) = &file.data else { panic!() };
        assert_eq!(series.get(&date(2024, 9, 2)), Some(&3.5));
        let gains =
            "\u{feff}period,km2,source\r\n2024,4168,ISW\r\n\"2025-05\",499.28,\n2025-06-01..2025-06-30,465.8,x\n";
        let file = AreaFile::parse("g.csv", gains).unwrap();
        let AreaData::Gains(rows) = &file.data else { panic!() };
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[2].line, rows[2].period.start, rows[2].km2), (4, date(2025, 6, 1), 465.8));
        assert_eq!(rows[1].period.kind, PeriodKind::Month);
    }

    #[test]
    fn refuses_with_file_line_and_column() {
        let cases = [
            ("", "f.csv: the file is empty"),
            ("when,how_much\n2024,1\n", "f.csv, line 1: cannot tell"),
            ("period,km2\n", "f.csv: no rows"),
            ("period,km2\n2024,12a\n", "f.csv, line 2, column 2 (km2): \"12a\" is not a number"),
            ("period,km2\n2024,\"4,168\"\n", "line 2, column 2 (km2)"),
            ("period,km2\n\n2024-13,4\n", "f.csv, line 3, column 1 (period)"),
            ("period,km2\n2024,4\n2024,5\n", "line 3, column 1 (period): 2024 repeats the period of line 2"),
            ("period,km2\n2024-02-01..2024-01-01,5\n", "line 2, column 1 (period): range ends"),
            ("period,km2\n2024,\n", "line 2, column 2 (km2): empty"),
            ("date,area_assessed_as_russia_controlled\n2024-09-02,1\n2024-09-01,1\n", "line 3, column 1 (date)"),
            ("date,area_assessed_as_russia_controlled\n2024-09-01,1\n2024-09-01,2\n", "line 3, column 2"),
            (
                "date,area_assessed_as_russia_controlled\n2024-09-01,-1\n",
                "line 2, column 2 (area_assessed_as_russia_controlled): -1 is negative",
            ),
            ("date,area_assessed_as_russia_controlled\n01/09/2024,1\n", "line 2, column 1 (date)"),
            ("period,km2\n\"2024,4\n", "line 2, column -: a quoted field is not closed"),
        ];
        for (text, needle) in cases {
            let message = AreaFile::parse("f.csv", text).unwrap_err().to_string();
            assert!(message.contains(needle), "{text:?}: {message}");
        }
    }

    #[test]
    fn ratios_from_a_daily_series() {
        // Area 100 km² at the end of 08-31, 110 at the end of 09-30, 108 at the end of 10-01.
        let text = "date,area_assessed_as_russia_controlled\n2024-08-31,100000000\n2024-09-30,110000000\n2024-10-01,108000000\n";
        let area = AreaFile::parse("a.csv", text).unwrap();
        let r = record();
        let sept = AreaSelection { by: None, period: Some(Period::parse("2024-09").unwrap()) };
        let out = r.losses_per_area(Category::Personnel, &area, &sept, Convention::LossDay, false).unwrap();
        assert_eq!(out.rows.len(), 1);
        let row = &out.rows[0];
        assert_eq!((row.losses, row.km2, row.per_km2), (3_000, 10.0, Some(300.0)));
        let day = AreaSelection { by: None, period: Some(Period::parse("2024-10-01").unwrap()) };
        let out = r.losses_per_area(Category::Personnel, &area, &day, Convention::LossDay, false).unwrap();
        assert_eq!((out.rows[0].km2, out.rows[0].per_km2), (-2.0, None));
        assert_eq!(out.rows[0].note.as_deref(), Some("no net gain"));
        let early = AreaSelection { by: None, period: Some(Period::parse("2024-09-15").unwrap()) };
        let message = r.losses_per_area(Category::Personnel, &area, &early, Convention::LossDay, false).unwrap_err();
        assert!(message.to_string().contains("has no area for 2024-09-15"), "{message}");
    }

    #[test]
    fn ratios_from_gains() {
        let text = "period,km2\n2024-09,10\n2024-09-01..2024-09-10,0\n2024-10,5\n";
        let area = AreaFile::parse("g.csv", text).unwrap();
        let out = record()
            .losses_per_area(Category::Personnel, &area, &AreaSelection::default(), Convention::LossDay, false)
            .unwrap();
        assert_eq!(out.rows[0].per_km2, Some(300.0));
        assert_eq!((out.rows[1].losses, out.rows[1].per_km2), (1_000, None));
        assert_eq!(out.rows[1].note.as_deref(), Some("no net gain"));
        assert!(out.rows[2].partial && out.rows[2].per_km2.is_none());
        assert_eq!(out.kind, None);
        let months = AreaSelection { by: Some(PeriodKind::Month), period: None };
        let out = record().losses_per_area(Category::Personnel, &area, &months, Convention::LossDay, false).unwrap();
        assert_eq!(out.rows.len(), 2);
        let none = AreaSelection { by: Some(PeriodKind::Year), period: None };
        let message =
            record().losses_per_area(Category::Personnel, &area, &none, Convention::LossDay, false).unwrap_err();
        assert_eq!(message.to_string(), "g.csv: no period in the file is a year");
        let before = AreaFile::parse("g.csv", "period,km2\n2021,3\n").unwrap();
        let message = record()
            .losses_per_area(Category::Personnel, &before, &AreaSelection::default(), Convention::LossDay, false)
            .unwrap_err();
        assert!(message.to_string().starts_with("g.csv, line 2: 2021 ends before"), "{message}");
    }
}
