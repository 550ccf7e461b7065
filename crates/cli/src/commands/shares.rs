//! `attrition shares`: each equipment category's share of a period's equipment losses.

use crate::Context;
use crate::cli::SharesArgs;
use crate::commands::total::chosen_period;
use crate::output::{Render, Table, decimal1, emit, group, or_dash, provenance};
use anyhow::Result;
use attrition_analysis::Shares;
use attrition_model::Period;
use serde::Serialize;

#[derive(Serialize)]
struct SharesReport {
    #[serde(flatten)]
    shares: Shares,
    source: &'static str,
    convention_meaning: &'static str,
}

/// `attrition shares`.
pub(crate) fn run(context: &Context, args: &SharesArgs) -> Result<()> {
    let figures = context.figures(&args.figures)?;
    let period = if args.period.period.is_none() && args.period.from.is_none() {
        Period::parse("all")?
    } else {
        chosen_period(&args.period)?
    };
    let shares = figures.record.shares(&period, figures.convention, figures.net)?;
    emit(
        context.format,
        &SharesReport {
            shares,
            source: figures.record.source.description(),
            convention_meaning: figures.convention.explanation(),
        },
    )
}

impl Render for SharesReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let s = &self.shares;
        let rows = s
            .shares
            .iter()
            .map(|r| {
                vec![
                    r.category.id().to_owned(),
                    r.total.to_string(),
                    r.percent.map(|p| format!("{p:.4}")).unwrap_or_default(),
                    r.includes_backlog.to_string(),
                    s.period.clone(),
                    s.start.to_string(),
                    s.end.to_string(),
                    s.convention.name().to_owned(),
                    s.data_version.to_string(),
                ]
            })
            .collect();
        let header = vec![
            "category",
            "total",
            "percent",
            "includes_backlog",
            "period",
            "start",
            "end",
            "convention",
            "data_version",
        ];
        (header, rows)
    }

    fn table(&self) -> String {
        let s = &self.shares;
        let mut table = Table::new(&["category", "total", "share"]);
        for r in &s.shares {
            let mut share = or_dash(r.percent, |p| format!("{}%", decimal1(p)));
            if r.includes_backlog {
                share.push_str(" (with opening backlog)");
            }
            table.row(vec![r.category.id().to_owned(), group(r.total), share]);
        }
        table.row(vec!["all equipment".to_owned(), group(s.total), "100.0%".to_owned()]);
        let mut out = format!("equipment losses by category, {} ({} .. {})\n", s.period, s.start, s.end);
        out.push_str(&table.render());
        out.push_str("share: the category's total as a percentage of the sum over every equipment category reported in the period (units of different kinds counted alike)\n");
        out.push_str(&provenance(Some(s.convention), self.source, &s.data_version));
        out
    }
}
