//! `attrition total`: period totals, daily averages and cumulative counts for one or more
//! categories, with the convention and data version.

use crate::Context;
use crate::cli::TotalArgs;
use crate::output::{Format, Table, average, group, print, print_csv, print_json};
use anyhow::{Result, anyhow, bail};
use attrition_analysis::{PeriodFigure, Record};
use attrition_model::{Category, Convention, DataVersion, Period};
use serde::Serialize;

#[derive(Serialize)]
struct CategoryError {
    category: Category,
    error: String,
}

#[derive(Serialize)]
struct TotalReport<'a> {
    period: &'a Period,
    convention: Convention,
    convention_meaning: &'static str,
    net_of_corrections: bool,
    source: &'static str,
    data_version: DataVersion,
    figures: Vec<PeriodFigure>,
    errors: Vec<CategoryError>,
    #[serde(skip)]
    categories: Vec<Category>,
}

/// The categories the user named, in the order given, without repeats.
pub(crate) fn chosen_categories(
    record: &Record,
    one: Option<&str>,
    many: &[String],
    all: bool,
) -> Result<Vec<Category>> {
    if all {
        return Ok(record.categories());
    }
    let mut out: Vec<Category> = Vec::new();
    for name in one.into_iter().chain(many.iter().map(String::as_str)) {
        let category: Category = name.parse()?;
        if !out.contains(&category) {
            out.push(category);
        }
    }
    if out.is_empty() {
        bail!("name a category (e.g. `attrition total personnel`), several with --category a,b, or --all-categories");
    }
    Ok(out)
}

/// The period from `--period` or `--from/--to`.
pub(crate) fn chosen_period(period: Option<&str>, from: Option<&str>, to: Option<&str>) -> Result<Period> {
    match (period, from, to) {
        (Some(text), _, _) => Ok(Period::parse(text)?),
        (None, Some(from), Some(to)) => Ok(Period::range(Period::parse_date(from)?, Period::parse_date(to)?)?),
        _ => Err(anyhow!("give --period (2024-09, 2024-W39, 2024-Q3, 2024, 2024-09-26, all) or --from DATE --to DATE")),
    }
}

/// `attrition total`.
pub(crate) fn run(context: &Context, args: &TotalArgs) -> Result<()> {
    let convention: Convention = args.convention.convention.parse()?;
    let period = chosen_period(args.period.as_deref(), args.from.as_deref(), args.to.as_deref())?;
    let (_store, record, _) = context.record(args.source.source.as_deref())?;
    let categories = chosen_categories(&record, args.category.as_deref(), &args.categories, args.all_categories)?;
    let mut figures = Vec::new();
    let mut errors = Vec::new();
    for category in &categories {
        match record.period_total(*category, &period, convention, args.net_of_corrections) {
            Ok(figure) => figures.push(figure),
            Err(error) if categories.len() == 1 => return Err(error.into()),
            Err(error) => errors.push(CategoryError { category: *category, error: error.to_string() }),
        }
    }
    if figures.is_empty()
        && let Some(first) = errors.first()
    {
        bail!("{}", first.error);
    }
    let report = TotalReport {
        period: &period,
        convention,
        convention_meaning: convention.explanation(),
        net_of_corrections: args.net_of_corrections,
        source: record.source.description(),
        data_version: record.data_version(),
        figures,
        errors,
        categories,
    };
    match context.format {
        Format::Json => print_json(&report),
        Format::Csv => print_csv(
            &[
                "category",
                "period",
                "start",
                "end",
                "days",
                "total",
                "daily_average",
                "cumulative_end",
                "qualifier",
                "published_total",
                "corrections",
                "net_of_corrections",
                "partial",
                "convention",
                "data_version",
                "notes",
            ],
            &report
                .figures
                .iter()
                .map(|f| {
                    vec![
                        f.category.id().to_owned(),
                        f.period.clone(),
                        f.start.to_string(),
                        f.end.to_string(),
                        f.days.to_string(),
                        f.total.to_string(),
                        format!("{:.4}", f.daily_average),
                        f.cumulative_end.to_string(),
                        f.qualifier.map(|q| q.word().to_owned()).unwrap_or_default(),
                        f.published_total.to_string(),
                        f.corrections.to_string(),
                        f.net_of_corrections.to_string(),
                        f.partial.to_string(),
                        f.convention.name().to_owned(),
                        f.data_version.to_string(),
                        f.notes.join("; "),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Format::Table => print(&render(&report)),
    }
}

fn render(report: &TotalReport<'_>) -> String {
    let mut table = Table::new(&["category", "total", "days", "daily average", "cumulative at end"]);
    for category in &report.categories {
        if let Some(f) = report.figures.iter().find(|f| f.category == *category) {
            let cumulative = match f.qualifier {
                Some(q) => format!("{q} {}", group(f.cumulative_end)),
                None => group(f.cumulative_end),
            };
            table.row(vec![
                f.category.id().to_owned(),
                group(f.total),
                f.days.to_string(),
                average(f.daily_average),
                cumulative,
            ]);
        } else {
            table.row(vec![category.id().to_owned(), "-".into(), "-".into(), "-".into(), "-".into()]);
        }
    }
    let mut out = String::new();
    let span =
        report.figures.first().map(|f| format!(": {} .. {} ({} days)", f.start, f.end, f.days)).unwrap_or_default();
    out.push_str(&format!("period {}{span}", report.period.label));
    if report.net_of_corrections {
        out.push_str(", net of corrections");
    }
    out.push('\n');
    out.push_str(&table.render());
    for f in &report.figures {
        for note in &f.notes {
            out.push_str(&format!("note ({}): {note}\n", f.category));
        }
    }
    for e in &report.errors {
        out.push_str(&format!("note ({}): {}\n", e.category, e.error));
    }
    if let Some(f) = report.figures.first() {
        out.push_str(&format!("reports used: cumulative of {} minus cumulative of {}\n", f.end_report, f.start_report));
    }
    out.push_str(&format!("convention: {}\n", report.convention_meaning));
    out.push_str(&format!("source: {}\n", report.source));
    out.push_str(&format!("data version: {}\n", report.data_version));
    out
}
