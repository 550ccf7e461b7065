//! `attrition total`: period totals, daily averages and cumulative counts for one or more
//! categories, with the convention and data version.

use crate::Context;
use crate::Figures;
use crate::cli::{PeriodArgs, TotalArgs};
use crate::output::{Format, Table, average, group, ordinal, print, print_csv, print_json};
use anyhow::{Result, anyhow, bail};
use attrition_analysis::{Incomplete, PeriodFigure, PeriodRank, Record};
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
    figures: Vec<RankedFigure>,
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

/// "2nd of 31 months", "pace 9th of 53", or why the period is not ranked.
fn rank_phrase(rank: &PeriodRank) -> String {
    match (rank.rank, rank.pace_rank) {
        (Some(r), _) => format!("{} of {} {}", ordinal(r), rank.of, rank.among),
        // The pace places the period in progress among the complete ones *and itself*: 1 to
        // `of + 1`, so "of" counts it too (never "52nd of 51").
        (None, Some(pace)) => format!("pace {} of {}", ordinal(pace), rank.of + 1),
        _ => rank.incomplete.map_or("-", Incomplete::describe).to_owned(),
    }
}

#[derive(Serialize)]
struct RankedFigure {
    #[serde(flatten)]
    figure: PeriodFigure,
    rank: Option<PeriodRank>,
}

/// The period from `--period` or `--from/--to`.
pub(crate) fn chosen_period(args: &PeriodArgs) -> Result<Period> {
    match (args.period.as_deref(), args.from.as_deref(), args.to.as_deref()) {
        (Some(text), _, _) => Ok(Period::parse(text)?),
        (None, Some(from), Some(to)) => Ok(Period::range(Period::parse_date(from)?, Period::parse_date(to)?)?),
        _ => Err(anyhow!("give --period (2024-09, 2024-W39, 2024-Q3, 2024, 2024-09-26, all) or --from DATE --to DATE")),
    }
}

/// `attrition total`.
pub(crate) fn run(context: &Context, args: &TotalArgs) -> Result<()> {
    let period = chosen_period(&args.period)?;
    let Figures { record, convention, net, .. } = context.figures(&args.figures)?;
    let categories = chosen_categories(&record, args.category.as_deref(), &args.categories, args.all_categories)?;
    let mut figures = Vec::new();
    let mut errors = Vec::new();
    for category in &categories {
        match record.period_total(*category, &period, convention, net) {
            Ok(figure) => {
                let rank = record.period_rank(&figure, net)?;
                figures.push(RankedFigure { figure, rank });
            }
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
        net_of_corrections: net,
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
                "rank",
                "ranked_of",
                "ranked_as_of",
                "notes",
            ],
            &report
                .figures
                .iter()
                .map(|ranked| {
                    let f = &ranked.figure;
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
                        ranked.rank.as_ref().and_then(|r| r.rank).map(|r| r.to_string()).unwrap_or_default(),
                        ranked.rank.as_ref().map(|r| r.of.to_string()).unwrap_or_default(),
                        ranked.rank.as_ref().map(|r| r.as_of.to_string()).unwrap_or_default(),
                        f.notes.join("; "),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Format::Table => print(&render(&report)),
    }
}

fn render(report: &TotalReport<'_>) -> String {
    let ranked = report.figures.iter().any(|f| f.rank.is_some());
    let mut header = vec!["category", "total", "days", "daily average", "cumulative at end"];
    if ranked {
        header.push("rank");
    }
    let mut table = Table::new(&header);
    for category in &report.categories {
        if let Some(ranked_figure) = report.figures.iter().find(|f| f.figure.category == *category) {
            let f = &ranked_figure.figure;
            let cumulative = match f.qualifier {
                Some(q) => format!("{q} {}", group(f.cumulative_end)),
                None => group(f.cumulative_end),
            };
            let mut cells = vec![
                f.category.id().to_owned(),
                group(f.total),
                f.days.to_string(),
                average(f.daily_average),
                cumulative,
            ];
            if ranked {
                cells.push(ranked_figure.rank.as_ref().map_or_else(|| "-".to_owned(), rank_phrase));
            }
            table.row(cells);
        } else {
            table.row(
                header
                    .iter()
                    .enumerate()
                    .map(|(i, _)| if i == 0 { category.id().to_owned() } else { "-".into() })
                    .collect(),
            );
        }
    }
    let mut out = String::new();
    let span = report
        .figures
        .first()
        .map(|f| format!(": {} .. {} ({} days)", f.figure.start, f.figure.end, f.figure.days))
        .unwrap_or_default();
    out.push_str(&format!("period {}{span}", report.period.label));
    if report.net_of_corrections {
        out.push_str(", net of corrections");
    }
    out.push('\n');
    out.push_str(&table.render());
    for f in &report.figures {
        for note in &f.figure.notes {
            out.push_str(&format!("note ({}): {note}\n", f.figure.category));
        }
    }
    if let Some(rank) = report.figures.iter().find_map(|f| f.rank.as_ref()) {
        out.push_str(&format!(
            "rank: by total among complete {} as of the report of {} (pace: by daily average, for a period in progress)\n",
            rank.among, rank.as_of
        ));
    }
    for e in &report.errors {
        out.push_str(&format!("note ({}): {}\n", e.category, e.error));
    }
    if let Some(f) = report.figures.first().map(|f| &f.figure) {
        out.push_str(&format!("reports used: cumulative of {} minus cumulative of {}\n", f.end_report, f.start_report));
    }
    out.push_str(&format!("convention: {}\n", report.convention_meaning));
    out.push_str(&format!("source: {}\n", report.source));
    out.push_str(&format!("data version: {}\n", report.data_version));
    out
}
