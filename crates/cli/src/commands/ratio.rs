//! `attrition ratio`: one category per another, period by period.

use crate::Context;
use crate::cli::RatioArgs;
use crate::output::{Render, Table, decimal1, emit, group, or_dash, provenance};
use anyhow::Result;
use attrition_analysis::Ratio;
use attrition_model::{Category, PeriodKind};
use serde::Serialize;

#[derive(Serialize)]
struct RatioReport {
    #[serde(flatten)]
    ratio: Ratio,
    source: &'static str,
    convention_meaning: &'static str,
}

/// `attrition ratio`.
pub(crate) fn run(context: &Context, args: &RatioArgs) -> Result<()> {
    let numerator: Category = args.numerator.parse()?;
    let denominator: Category = args.denominator.parse()?;
    let kind: PeriodKind = args.by.parse()?;
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
