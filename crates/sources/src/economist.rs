//! Readers for The Economist's table of published estimates of soldiers killed and wounded
//! (github.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates, MIT), mapped
//! onto attrition's assessments:
//!
//! * `Soldier_deaths_casualties_in_Ukraine_-_estimates.csv`: one row per published estimate
//!   (date dd/mm/yyyy, low, high, estimate, type deaths|casualties, source, URL, country, and a
//!   flag for figures from the warring parties). `deaths` becomes `killed`, `casualties` stays
//!   `casualties`; every figure is cumulative since 2022-02-24; flagged rows are
//!   belligerent claims.
//! * `…_uk_mod_month-by-month_estimates.csv`: the UK Ministry of Defence's monthly casualty
//!   figures; each row gives the cumulative casualties at the start of the next month.
//! * `meduza_2026_weekly.csv`: Meduza and Mediazona's weekly probate-registry estimate of deaths
//!   (KIA plus the missing later declared dead, `EDAssembled` with its 95% bounds), summed into a
//!   cumulative count at the end of each month and of the last week. Summing weekly interval
//!   bounds gives a conservative envelope, not a proper interval (METHODS.md §2.2); the note says
//!   so.
//!
//! The output-data meta-estimates (`meta-estimate-deaths.csv`, `…-casualties.csv`) are read by
//! [`read_meta_estimate`] for comparison with attrition's own pooling; they are not assessments.

use attrition_model::{
    Assessment, DatePrecision, Hedge, MetaEstimate, MethodClass, Metric, Origin, Scope, Side, WAR_START,
};
use jiff::civil::{Date, ISOWeekDate, Weekday};

/// The upstream repository's raw files.
pub const ECONOMIST_DEFAULT_BASE: &str =
    "https://raw.githubusercontent.com/TheEconomist/the-economist-ukraine-war-dead-and-wounded-estimates/main";

/// The files `sync --source economist` fetches, relative to the base.
pub const ECONOMIST_FILES: [&str; 5] = [
    "source-data/Soldier_deaths_casualties_in_Ukraine_-_estimates.csv",
    "source-data/Soldier_deaths_casualties_in_Ukraine_-_uk_mod_month-by-month_estimates.csv",
    "source-data/meduza_2026_weekly.csv",
    "output-data/meta-estimate-deaths.csv",
    "output-data/meta-estimate-casualties.csv",
];

/// A file of The Economist's that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {problem}")]
pub struct EconomistError {
    /// The file.
    pub file: String,
    /// The line (1 = the header).
    pub line: u64,
    /// What is wrong.
    pub problem: String,
}

/// Which of The Economist's files a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EconomistFile {
    /// The published-estimates table.
    Estimates,
    /// The UK MoD's month-by-month series.
    UkMod,
    /// Meduza's weekly series.
    MeduzaWeekly,
    /// A pooled meta-estimate (deaths or casualties).
    MetaEstimate,
}

impl EconomistFile {
    /// Recognises a file by its name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<EconomistFile> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        match base {
            "Soldier_deaths_casualties_in_Ukraine_-_estimates.csv" => Some(EconomistFile::Estimates),
            "Soldier_deaths_casualties_in_Ukraine_-_uk_mod_month-by-month_estimates.csv" => Some(EconomistFile::UkMod),
            "meduza_2026_weekly.csv" => Some(EconomistFile::MeduzaWeekly),
            "meta-estimate-deaths.csv" | "meta-estimate-casualties.csv" => Some(EconomistFile::MetaEstimate),
            _ => None,
        }
    }
}

/// Reads one of the assessment files (estimates, UK MoD, Meduza weekly).
///
/// # Errors
/// [`EconomistError`] naming the line, or when the file is a meta-estimate or unknown.
pub fn read_assessments(name: &str, text: &str) -> Result<Vec<Assessment>, EconomistError> {
    match EconomistFile::from_name(name) {
        Some(EconomistFile::Estimates) => read_estimates(name, text),
        Some(EconomistFile::UkMod) => read_uk_mod(name, text),
        Some(EconomistFile::MeduzaWeekly) => read_meduza(name, text),
        _ => Err(EconomistError { file: name.to_owned(), line: 0, problem: "not an estimates file".to_owned() }),
    }
}

struct Table {
    file: String,
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    fn read(file: &str, text: &str) -> Result<Table, EconomistError> {
        let error = |line, problem: String| EconomistError { file: file.to_owned(), line, problem };
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> =
            reader.headers().map_err(|e| error(1, e.to_string()))?.iter().map(|h| h.trim().to_owned()).collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| error(e.position().map_or(0, csv::Position::line), e.to_string()))?;
            let line = record.position().map_or(0, csv::Position::line);
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            rows.push((line, record.iter().map(|f| f.trim().to_owned()).collect()));
        }
        Ok(Table { file: file.to_owned(), header, rows })
    }

    fn column(&self, name: &str) -> Result<usize, EconomistError> {
        self.header.iter().position(|h| h.eq_ignore_ascii_case(name)).ok_or_else(|| EconomistError {
            file: self.file.clone(),
            line: 1,
            problem: format!("no column {name:?}"),
        })
    }

    fn error(&self, line: u64, problem: String) -> EconomistError {
        EconomistError { file: self.file.clone(), line, problem }
    }
}

fn cell(row: &[String], index: usize) -> &str {
    row.get(index).map_or("", String::as_str)
}

fn number(table: &Table, line: u64, text: &str, what: &str) -> Result<Option<f64>, EconomistError> {
    let cleaned = text.replace(',', "");
    if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("na") {
        return Ok(None);
    }
    match cleaned.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
        _ => Err(table.error(line, format!("{what} {text:?} is not a non-negative number"))),
    }
}

/// A `dd/mm/yyyy` date.
fn day_month_year(table: &Table, line: u64, text: &str) -> Result<Date, EconomistError> {
    let parts: Vec<&str> = text.split('/').collect();
    let parsed = match parts.as_slice() {
        [d, m, y] => match (d.parse::<i8>(), m.parse::<i8>(), y.parse::<i16>()) {
            (Ok(d), Ok(m), Ok(y)) => Date::new(y, m, d).ok(),
            _ => None,
        },
        _ => None,
    };
    parsed.ok_or_else(|| table.error(line, format!("{text:?} is not a date (dd/mm/yyyy)")))
}

fn read_estimates(name: &str, text: &str) -> Result<Vec<Assessment>, EconomistError> {
    let table = Table::read(name, text)?;
    let (date, low, high, best, kind, source, url, country) = (
        table.column("date")?,
        table.column("estimate_low")?,
        table.column("estimate_high")?,
        table.column("estimate")?,
        table.column("type")?,
        table.column("source")?,
        table.column("source_url")?,
        table.column("country")?,
    );
    let flagged = table.header.iter().position(|h| h.starts_with("ignore for chart"));
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let published = day_month_year(&table, line, cell(row, date))?;
        let metric = match cell(row, kind).to_ascii_lowercase().as_str() {
            "deaths" => Metric::Killed,
            "casualties" => Metric::Casualties,
            other => return Err(table.error(line, format!("type {other:?} is not deaths or casualties"))),
        };
        let side: Side = cell(row, country).parse().map_err(|e: String| table.error(line, e))?;
        let (low, best, high) = (
            number(&table, line, cell(row, low), "estimate_low")?,
            number(&table, line, cell(row, best), "estimate")?,
            number(&table, line, cell(row, high), "estimate_high")?,
        );
        if low.is_none() && best.is_none() && high.is_none() {
            return Err(table.error(line, "no figure".to_owned()));
        }
        let belligerent = flagged.is_some_and(|i| cell(row, i).eq_ignore_ascii_case("yes"));
        out.push(Assessment {
            id: format!("economist-estimate-{line}"),
            organisation: cell(row, source).to_owned(),
            published,
            date_precision: DatePrecision::Day,
            side,
            metric,
            scope: Scope::Cumulative { since: WAR_START },
            low,
            best,
            high,
            qualifier: if low.is_some() || high.is_some() { Hedge::Range } else { Hedge::About },
            method: "as listed in The Economist's table of published estimates".to_owned(),
            method_class: if belligerent { MethodClass::BelligerentClaim } else { MethodClass::Statistical },
            cited_in: cell(row, url).to_owned(),
            note: if belligerent {
                "from a warring party (The Economist leaves it out of its model)".to_owned()
            } else {
                String::new()
            },
            origin: Origin::Economist,
        });
    }
    Ok(out)
}

fn read_uk_mod(name: &str, text: &str) -> Result<Vec<Assessment>, EconomistError> {
    let table = Table::read(name, text)?;
    let (cumulative, date, url) = (
        table.column("cumulative casualties")?,
        table.column("date (at beginning of next month)")?,
        table.column("source_url")?,
    );
    let (month, year) = (table.column("month")?, table.column("year")?);
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let Some(value) = number(&table, line, cell(row, cumulative), "cumulative casualties")? else { continue };
        let next_month = day_month_year(&table, line, cell(row, date))?;
        // The figure stands at the end of the month before.
        let published = next_month.yesterday().map_err(|e| table.error(line, e.to_string()))?;
        out.push(Assessment {
            id: format!("economist-ukmod-{published}"),
            organisation: "UK Ministry of Defence".to_owned(),
            published,
            date_precision: DatePrecision::Day,
            side: Side::Russia,
            metric: Metric::Casualties,
            scope: Scope::Cumulative { since: WAR_START },
            low: None,
            best: Some(value),
            high: None,
            qualifier: Hedge::About,
            method: format!(
                "UK Defence Intelligence's monthly average daily casualties, summed (to the end of {} {})",
                cell(row, month),
                cell(row, year)
            ),
            method_class: MethodClass::Intelligence,
            cited_in: cell(row, url).to_owned(),
            note: "month-by-month series as compiled by The Economist".to_owned(),
            origin: Origin::Economist,
        });
    }
    Ok(out)
}

/// The Sunday ending an ISO week.
fn week_end(year: i16, week: i8) -> Option<Date> {
    ISOWeekDate::new(year, week, Weekday::Sunday).ok().map(|d| d.date())
}

fn read_meduza(name: &str, text: &str) -> Result<Vec<Assessment>, EconomistError> {
    let table = Table::read(name, text)?;
    let (year, week) = (table.column("Year")?, table.column("Week")?);
    let (best, high, low) =
        (table.column("EDAssembled")?, table.column("EDAssembledHigh")?, table.column("EDAssembledLow")?);
    let mut weeks: Vec<(Date, f64, f64, f64)> = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let (Ok(y), Ok(w)) = (cell(row, year).parse::<i16>(), cell(row, week).parse::<i8>()) else {
            return Err(
                table.error(line, format!("Year/Week {:?}/{:?} is not an ISO week", cell(row, year), cell(row, week)))
            );
        };
        let end = week_end(y, w).ok_or_else(|| table.error(line, format!("{y}-W{w} is not an ISO week")))?;
        let (Some(b), Some(h), Some(l)) = (
            number(&table, line, cell(row, best), "EDAssembled")?,
            number(&table, line, cell(row, high), "EDAssembledHigh")?,
            number(&table, line, cell(row, low), "EDAssembledLow")?,
        ) else {
            // Weeks not yet estimated end the series.
            continue;
        };
        if weeks.last().is_some_and(|(previous, ..)| *previous >= end) {
            return Err(table.error(line, format!("week ending {end} is out of order")));
        }
        weeks.push((end, b, l, h));
    }
    let mut out = Vec::new();
    let (mut sum_best, mut sum_low, mut sum_high) = (0.0, 0.0, 0.0);
    for (i, (end, b, l, h)) in weeks.iter().enumerate() {
        sum_best += b;
        sum_low += l;
        sum_high += h;
        let next_is_new_month =
            weeks.get(i + 1).is_none_or(|(next, ..)| (next.year(), next.month()) != (end.year(), end.month()));
        if next_is_new_month {
            out.push(Assessment {
                id: format!("economist-meduza-{end}"),
                organisation: "Meduza + Mediazona (probate registry)".to_owned(),
                published: *end,
                date_precision: DatePrecision::Day,
                side: Side::Russia,
                metric: Metric::Killed,
                scope: Scope::Cumulative { since: WAR_START },
                low: Some(sum_low.round()),
                best: Some(sum_best.round()),
                high: Some(sum_high.round()),
                qualifier: Hedge::Range,
                method: "weekly excess probate cases scaled by registry coverage (EDAssembled: KIA plus missing later declared dead), summed to the end of this week".to_owned(),
                method_class: MethodClass::Statistical,
                cited_in: "The Economist, source-data/meduza_2026_weekly.csv (from Meduza)".to_owned(),
                note: "bounds are sums of weekly 95% bounds: a conservative envelope, not an interval; the last half-year is a nowcast".to_owned(),
                origin: Origin::Economist,
            });
        }
    }
    Ok(out)
}

/// Reads `meta-estimate-deaths.csv` or `meta-estimate-casualties.csv` (rows without an estimate,
/// `NA`, are skipped), in date order.
///
/// # Errors
/// [`EconomistError`] naming the line.
pub fn read_meta_estimate(name: &str, text: &str) -> Result<Vec<MetaEstimate>, EconomistError> {
    let table = Table::read(name, text)?;
    let columns = ["date", "estimate", "ci_lower", "ci_upper", "pi_low", "pi_high", "type"].map(|c| table.column(c));
    let [date, estimate, ci_low, ci_high, pi_low, pi_high, kind] = columns;
    let (date, estimate, ci_low, ci_high, pi_low, pi_high, kind) =
        (date?, estimate?, ci_low?, ci_high?, pi_low?, pi_high?, kind?);
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        let line = *line;
        let Some(value) = number(&table, line, cell(row, estimate), "estimate")? else { continue };
        let day: Date =
            cell(row, date).parse().map_err(|_| table.error(line, format!("{:?} is not a date", cell(row, date))))?;
        let get = |i: usize, what: &str| number(&table, line, cell(row, i), what).map(|x| x.unwrap_or(value));
        let metric = if cell(row, kind).eq_ignore_ascii_case("deaths") { Metric::Killed } else { Metric::Casualties };
        out.push(MetaEstimate {
            date: day,
            estimate: value,
            ci: (get(ci_low, "ci_lower")?, get(ci_high, "ci_upper")?),
            pi: (get(pi_low, "pi_low")?, get(pi_high, "pi_high")?),
            metric,
        });
    }
    out.sort_by_key(|m| m.date);
    Ok(out)
}
