//! `attrition ratio`: one category per another, or per km² of territory gained (`--area`),
//! period by period.

use crate::Context;
use crate::cli::RatioArgs;
use crate::output::{Render, Table, decimal1, emit, group, or_dash, provenance};
use anyhow::{Context as _, Result, bail};
use attrition_analysis::{AreaFile, AreaRatio, AreaSelection, Ratio};
use attrition_model::{Category, Period, PeriodKind};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct RatioReport {
    #[serde(flatten)]
    ratio: Ratio,
    source: &'static str,
    convention_meaning: &'static str,
}

/// `attrition ratio`.
pub(crate) fn run(context: &Context, args: &RatioArgs) -> Result<()> {
    if let Some(path) = &args.area {
        return per_area(context, args, path);
    }
    let numerator: Category = args.numerator.parse()?;
    let Some(denominator) = args.denominator.as_deref() else {
        bail!("name a denominator (e.g. `attrition ratio personnel tanks`) or give --area FILE");
    };
    let denominator: Category = denominator.parse()?;
    let kind: PeriodKind = args.by.as_deref().unwrap_or("month").parse()?;
    let figures = context.figures(&args.figures)?;
    let ratio = figures.record.ratio(numerator, denominator, kind, figures.convention, figures.net)?;
    emit(
        context.format,
        &RatioReport {
            ratio,
            source: figures.record.source.description(),
            convention_meaning: figures.convention.explanation(),
        },
    )
}

impl Render for RatioReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let r = &self.ratio;
        let rows = r
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.label.clone(),
                    row.start.to_string(),
                    row.end.to_string(),
                    row.numerator.to_string(),
                    row.denominator.to_string(),
                    row.ratio.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    row.cumulative_ratio.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    row.partial.to_string(),
                    r.numerator.id().to_owned(),
                    r.denominator.id().to_owned(),
                    r.convention.name().to_owned(),
                    r.data_version.to_string(),
                ]
            })
            .collect();
        let header = vec![
            "period",
            "start",
            "end",
            "numerator_total",
            "denominator_total",
            "ratio",
            "cumulative_ratio",
            "partial",
            "numerator",
            "denominator",
            "convention",
            "data_version",
        ];
        (header, rows)
    }

    fn table(&self) -> String {
        let r = &self.ratio;
        let (n, d) = (r.numerator.id(), r.denominator.id());
        let per = format!("{n} per {d}");
        let cumulative = format!("cumulative {n} per {d}");
        let mut table = Table::new(&[r.kind.noun(), n, d, &per, &cumulative, "note"]);
        for row in &r.rows {
            table.row(vec![
                row.label.clone(),
                group(row.numerator),
                group(row.denominator),
                or_dash(row.ratio, decimal1),
                or_dash(row.cumulative_ratio, decimal1),
                if row.partial { "partial".to_owned() } else { String::new() },
            ]);
        }
        let mut out = format!("{} per {}, by {}\n", r.numerator.label(), r.denominator.label(), r.kind.noun());
        out.push_str(&table.render());
        out.push_str("- where the denominator is zero; partial: the period is cut by the invasion's start, the data's end or a series' opening backlog\n");
        out.push_str(&provenance(Some(r.convention), self.source, &r.data_version));
        out
    }
}

#[derive(Serialize)]
struct AreaReport {
    #[serde(flatten)]
    ratio: AreaRatio,
    source: &'static str,
    convention_meaning: &'static str,
}

/// A period as `--period` takes it here: the usual forms or a range `START..END`.
fn area_period(text: &str) -> Result<Period> {
    let period = match text.split_once("..") {
        Some((start, end)) => Period::range(Period::parse_date(start)?, Period::parse_date(end)?)?,
        None => Period::parse(text)?,
    };
    Ok(period)
}

/// `attrition ratio CATEGORY --area FILE`: losses per km² gained.
fn per_area(context: &Context, args: &RatioArgs, path: &Path) -> Result<()> {
    let category: Category = args.numerator.parse()?;
    let by = args.by.as_deref().map(str::parse::<PeriodKind>).transpose().context("--by")?;
    let period = args.period.as_deref().map(|p| area_period(p).with_context(|| format!("--period {p}"))).transpose()?;
    let text = std::fs::read_to_string(path).with_context(|| format!("reading the area file {}", path.display()))?;
    let area = AreaFile::parse(&path.display().to_string(), &text)?;
    let figures = context.figures(&args.figures)?;
    let ratio = figures.record.losses_per_area(
        category,
        &area,
        &AreaSelection { by, period },
        figures.convention,
        figures.net,
    )?;
    emit(
        context.format,
        &AreaReport {
            ratio,
            source: figures.record.source.description(),
            convention_meaning: figures.convention.explanation(),
        },
    )
}

/// km² with two decimals and grouping: `3,734.74`.
fn km2(x: f64) -> String {
    let text = format!("{:.2}", x.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let grouped = group(whole.parse::<i64>().unwrap_or(0));
    let sign = if x < 0.0 && text != "0.00" { "-" } else { "" };
    format!("{sign}{grouped}.{fraction}")
}

impl Render for AreaReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let r = &self.ratio;
        let rows = r
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.label.clone(),
                    row.start.to_string(),
                    row.end.to_string(),
                    row.days.to_string(),
                    row.losses.to_string(),
                    format!("{:.4}", row.km2),
                    row.per_km2.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    row.partial.to_string(),
                    row.note.clone().unwrap_or_default(),
                    r.category.id().to_owned(),
                    r.area_file.clone(),
                    r.area_format.to_owned(),
                    r.convention.name().to_owned(),
                    r.net_of_corrections.to_string(),
                    r.data_version.to_string(),
                ]
            })
            .collect();
        let header = vec![
            "period",
            "start",
            "end",
            "days",
            "losses",
            "km2_gained",
            "losses_per_km2",
            "partial",
            "note",
            "category",
            "area_file",
            "area_format",
            "convention",
            "net_of_corrections",
            "data_version",
        ];
        (header, rows)
    }

    fn table(&self) -> String {
        let r = &self.ratio;
        let id = r.category.id();
        let per = format!("{id} per km²");
        let noun = r.kind.map_or("period", PeriodKind::noun);
        let mut table = Table::new(&[noun, "from", "to", "days", id, "km² gained", &per, "note"]);
        for row in &r.rows {
            let mut note = row.note.clone().unwrap_or_default();
            if row.partial {
                note = if note.is_empty() { "partial".to_owned() } else { format!("partial; {note}") };
            }
            table.row(vec![
                row.label.clone(),
                row.start.to_string(),
                row.end.to_string(),
                row.days.to_string(),
                group(row.losses),
                km2(row.km2),
                or_dash(row.per_km2, decimal1),
                note,
            ]);
        }
        let by = r.kind.map(|k| format!(", by {}", k.noun())).unwrap_or_default();
        let mut out = format!("{} per km² of territory gained{by}\n", r.category.label());
        out.push_str(&table.render());
        if r.rows.iter().any(|row| row.per_km2.is_none() && row.km2 <= 0.0) {
            out.push_str("no net gain: the area did not grow over the period, so there is no ratio\n");
        }
        if r.rows.iter().any(|row| row.partial) {
            out.push_str("partial: the period is cut by the invasion's start, the end of the data or --period\n");
        }
        out.push_str(&format!("area: {}\n", r.area_source));
        if r.net_of_corrections {
            out.push_str("losses net of corrections\n");
        }
        out.push_str(&provenance(Some(r.convention), self.source, &r.data_version));
        out
    }
}
