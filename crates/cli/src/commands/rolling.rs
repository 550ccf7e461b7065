//! `attrition rolling`: daily totals with rolling averages.

use crate::Context;
use crate::cli::RollingArgs;
use crate::output::{Render, Table, decimal1, emit, group, or_dash, provenance, signed};
use anyhow::Result;
use attrition_analysis::RollingRow;
use attrition_model::{Category, Convention, DataVersion, Period};
use jiff::ToSpan;
use serde::Serialize;

#[derive(Serialize)]
struct RollingReport {
    category: Category,
    convention: Convention,
    convention_meaning: &'static str,
    net_of_corrections: bool,
    windows: Vec<i64>,
    source: &'static str,
    data_version: DataVersion,
    rows: Vec<RollingRow>,
    #[serde(skip)]
    headers: Vec<String>,
}

/// `attrition rolling`.
pub(crate) fn run(context: &Context, args: &RollingArgs) -> Result<()> {
    let category: Category = args.category.parse()?;
    let figures = context.figures(&args.figures)?;
    let last = figures.record.last_day(figures.convention);
    let to = args.to.as_deref().map(Period::parse_date).transpose()?.unwrap_or(last);
    let from = match args.from.as_deref() {
        Some(text) => Period::parse_date(text)?,
        None => to.checked_sub(59.days())?,
    };
    let windows: Vec<i64> = args.windows.iter().map(|&w| i64::from(w)).collect();
    let rows = figures.record.rolling(category, figures.convention, figures.net, from, to, &windows)?;
    emit(
        context.format,
        &RollingReport {
            category,
            convention: figures.convention,
            convention_meaning: figures.convention.explanation(),
            net_of_corrections: figures.net,
            headers: windows.iter().map(|w| format!("{w}-day average")).collect(),
            windows,
            source: figures.record.source.description(),
            data_version: figures.record.data_version(),
            rows,
        },
    )
}

impl Render for RollingReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let mut header = vec!["day", "total", "cumulative"];
        let names: Vec<&'static str> = self
            .windows
            .iter()
            .map(|w| match w {
                7 => "average_7_days",
                30 => "average_30_days",
                _ => "average_other",
            })
            .collect();
        header.extend(names);
        header.extend(["convention", "data_version"]);
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![r.day.to_string(), r.total.to_string(), r.cumulative.to_string()];
                cells.extend(r.averages.iter().map(|a| a.map(|x| format!("{x:.4}")).unwrap_or_default()));
                cells.extend([self.convention.name().to_owned(), self.data_version.to_string()]);
                cells
            })
            .collect();
        (header, rows)
    }

    fn table(&self) -> String {
        let mut header: Vec<&str> = vec!["day", "total", "cumulative"];
        header.extend(self.headers.iter().map(String::as_str));
        let mut table = Table::new(&header);
        for r in &self.rows {
            let mut cells = vec![r.day.to_string(), signed(r.total), group(r.cumulative)];
            cells.extend(r.averages.iter().map(|a| or_dash(*a, decimal1)));
            table.row(cells);
        }
        let mut out = format!("{} ({}), daily with rolling averages\n", self.category.label(), self.category.id());
        out.push_str(&table.render());
        out.push_str("an N-day average on day D is the total of the N days ending on D divided by N; - where the window reaches before the series began\n");
        out.push_str(&provenance(Some(self.convention), self.source, &self.data_version));
        out
    }
}
