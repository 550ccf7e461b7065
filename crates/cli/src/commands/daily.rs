//! `attrition daily`: the daily series as published and net of corrections, with flags.

use crate::Context;
use crate::cli::DailyArgs;
use crate::output::{Format, Table, group, print, print_csv, print_json, signed};
use anyhow::Result;
use attrition_analysis::DailyRow;
use attrition_model::{Category, Convention, DataVersion, Period};
use serde::Serialize;

#[derive(Serialize)]
struct DailyReport {
    category: Category,
    convention: Convention,
    convention_meaning: &'static str,
    source: &'static str,
    data_version: DataVersion,
    rows: Vec<DailyRow>,
}

fn opt(value: Option<i64>, f: fn(i64) -> String) -> String {
    value.map_or_else(|| "-".to_owned(), f)
}

/// `attrition daily`.
pub(crate) fn run(context: &Context, args: &DailyArgs) -> Result<()> {
    let category: Category = args.category.parse()?;
    let convention: Convention = args.convention.convention.parse()?;
    let from = Period::parse_date(&args.from)?;
    let (_store, record, _) = context.record(args.source.source.as_deref())?;
    let to = match &args.to {
        Some(to) => Period::parse_date(to)?,
        None => record.last_day(convention),
    };
    let rows = record.daily(category, from, to, convention)?;
    let report = DailyReport {
        category,
        convention,
        convention_meaning: convention.explanation(),
        source: record.source.description(),
        data_version: record.data_version(),
        rows,
    };
    match context.format {
        Format::Json => print_json(&report),
        Format::Csv => print_csv(
            &[
                "day",
                "report_date",
                "cumulative",
                "published",
                "correction",
                "net",
                "qualifier",
                "flags",
                "convention",
                "data_version",
            ],
            &report
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.day.to_string(),
                        r.report_date.to_string(),
                        r.cumulative.map(|v| v.to_string()).unwrap_or_default(),
                        r.published.map(|v| v.to_string()).unwrap_or_default(),
                        r.correction.to_string(),
                        r.net.map(|v| v.to_string()).unwrap_or_default(),
                        r.qualifier.map(|q| q.word().to_owned()).unwrap_or_default(),
                        r.flags.labels().join(" "),
                        convention.name().to_owned(),
                        report.data_version.to_string(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Format::Table => {
            let mut table = Table::new(&["day", "report", "cumulative", "published", "correction", "net", "flags"]);
            for r in &report.rows {
                let cumulative = match (r.qualifier, r.cumulative) {
                    (Some(q), Some(v)) => format!("{q} {}", group(v)),
                    (_, v) => opt(v, group),
                };
                table.row(vec![
                    r.day.to_string(),
                    r.report_date.to_string(),
                    cumulative,
                    opt(r.published, signed),
                    if r.correction == 0 { String::new() } else { signed(r.correction) },
                    opt(r.net, signed),
                    r.flags.labels().join(" "),
                ]);
            }
            let mut out = format!("{} ({}), daily\n", category.label(), category.id());
            out.push_str(&table.render());
            out.push_str(&format!("convention: {}\n", report.convention_meaning));
            out.push_str("published = change between consecutive reports; net = published minus the correction listed for that report\n");
            out.push_str(&format!("source: {}\ndata version: {}\n", report.source, report.data_version));
            print(&out)
        }
    }
}
