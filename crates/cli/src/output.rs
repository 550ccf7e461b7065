//! Output formats: a readable table (default), JSON and CSV, and the number formatting every
//! table shares. Commands build one [`Table`] and one serialisable value; this module prints
//! whichever the user asked for.

use anyhow::{Context, Result};
use serde::Serialize;
use std::io::Write;

/// The output format chosen on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// One JSON document.
    Json,
    /// CSV with a header row.
    Csv,
}

/// A table of text cells; numeric-looking columns are right-aligned.
#[derive(Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names.
    pub fn new(header: &[&str]) -> Table {
        Table { header: header.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders with two spaces between columns.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let numeric: Vec<bool> = (0..columns)
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .filter(|c| !c.is_empty() && c.as_str() != "-")
                    .all(|c| looks_numeric(c))
                    && self.rows.iter().any(|r| r.get(i).is_some_and(|c| !c.is_empty()))
            })
            .collect();
        let mut out = String::new();
        let mut line = |cells: &[String]| {
            let mut text = String::new();
            for (i, width) in widths.iter().enumerate() {
                let cell = cells.get(i).map_or("", String::as_str);
                let pad = width.saturating_sub(cell.chars().count());
                if i > 0 {
                    text.push_str("  ");
                }
                if numeric[i] {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&self.header);
        for row in &self.rows {
            line(row);
        }
        out
    }
}

fn looks_numeric(cell: &str) -> bool {
    let cell = cell.trim_start_matches(['+', '-']).trim_start_matches("about ").trim_start_matches("more than ");
    !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '%')
}

/// `1234567` → `1,234,567`.
pub fn group(n: i64) -> String {
    attrition_analysis::count(n)
}

/// A signed change with a sign: `+1,020`, `-14`, `0`.
pub fn signed(n: i64) -> String {
    if n > 0 { format!("+{}", group(n)) } else { group(n) }
}

/// A value with one decimal and grouping: `1,271.0`.
pub fn decimal1(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    #[allow(clippy::cast_possible_truncation)]
    let whole = rounded.trunc() as i64;
    let tenth = ((rounded - rounded.trunc()).abs() * 10.0).round();
    let sign = if rounded < 0.0 && whole == 0 { "-" } else { "" };
    format!("{sign}{}.{tenth:.0}", group(whole))
}

/// A daily average: one decimal, or two below 1 so that a small non-zero rate does not read 0.0.
pub fn average(x: f64) -> String {
    if x != 0.0 && x.abs() < 0.95 { format!("{x:.2}") } else { decimal1(x) }
}

/// `1` → `1st`, `2` → `2nd`, `11` → `11th`, `22` → `22nd`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A percent change with a sign and one decimal (`+12.3%`), or `-` when there is none.
pub fn percent_change(change: Option<f64>) -> String {
    match change {
        Some(p) if p > 0.0 => format!("+{}%", decimal1(p)),
        Some(p) => format!("{}%", decimal1(p)),
        None => "-".to_owned(),
    }
}

/// An optional cell: the value formatted, or `-`.
pub fn or_dash<T>(value: Option<T>, format: impl FnOnce(T) -> String) -> String {
    value.map_or_else(|| "-".to_owned(), format)
}

/// A command's result in every output format: JSON from `Serialize`, CSV rows, and a table for
/// people. Commands build one value and hand it to [`emit`].
pub trait Render: Serialize {
    /// The CSV header and rows.
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>);
    /// The text for a terminal.
    fn table(&self) -> String;
}

/// Prints `value` in the format asked for.
pub fn emit(format: Format, value: &impl Render) -> Result<()> {
    match format {
        Format::Json => print_json(value),
        Format::Csv => {
            let (header, rows) = value.csv();
            print_csv(&header, &rows)
        }
        Format::Table => print(&value.table()),
    }
}

/// The lines that end every table: what the convention means, the source and the data version.
pub fn provenance(
    convention: Option<attrition_model::Convention>,
    source: &str,
    version: &impl std::fmt::Display,
) -> String {
    let mut out = String::new();
    if let Some(convention) = convention {
        out.push_str(&format!("convention: {}\n", convention.explanation()));
    }
    out.push_str(&format!("source: {source}\ndata version: {version}\n"));
    out
}

/// Writes `text` to stdout.
pub fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).context("writing to stdout")?;
    stdout.flush().context("writing to stdout")
}

/// Writes `value` as pretty JSON to stdout.
pub fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value).context("encoding JSON")?;
    text.push('\n');
    print(&text)
}

/// Writes rows as CSV to stdout, every cell through [`attrition_model::csv_cell`] so that no
/// cell can run as a spreadsheet formula.
pub fn print_csv(header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).context("encoding CSV")?;
    for row in rows {
        let cells: Vec<_> = row.iter().map(|cell| attrition_model::csv_cell(cell)).collect();
        writer.write_record(cells.iter().map(|cell| cell.as_bytes())).context("encoding CSV")?;
    }
    let bytes = writer.into_inner().context("encoding CSV")?;
    print(&String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(654_430), "654,430");
        assert_eq!(group(-1_456_610), "-1,456,610");
        assert_eq!(signed(14), "+14");
    }

    #[test]
    fn ordinals() {
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].into_iter().map(ordinal).collect();
        assert_eq!(
            words,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"]
        );
        assert_eq!(percent_change(Some(12.34)), "+12.3%");
        assert_eq!(percent_change(Some(-5.0)), "-5.0%");
        assert_eq!(percent_change(None), "-");
    }

    #[test]
    fn one_decimal() {
        assert_eq!(decimal1(1271.0), "1,271.0");
        assert_eq!(decimal1(1270.333), "1,270.3");
        assert_eq!(decimal1(895.27), "895.3");
        assert_eq!(decimal1(0.05), "0.1");
        assert_eq!(decimal1(-0.4), "-0.4");
        assert_eq!(decimal1(1999.96), "2,000.0");
    }
}
