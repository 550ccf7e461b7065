//! `attrition records`: the highest complete day, week, month, quarter and year of each category.

use crate::Context;
use crate::cli::RecordsArgs;
use crate::output::{Render, Table, emit, group, provenance};
use anyhow::Result;
use attrition_analysis::{RankedPeriod, Records};
use attrition_model::{Category, Convention, DataVersion, PeriodKind};
use serde::Serialize;

#[derive(Serialize)]
struct RecordsReport {
    convention: Convention,
    convention_meaning: &'static str,
    net_of_corrections: bool,
    source: &'static str,
    data_version: DataVersion,
    records: Vec<Records>,
}

/// `attrition records`.
pub(crate) fn run(context: &Context, args: &RecordsArgs) -> Result<()> {
    let figures = context.figures(&args.figures)?;
    let categories: Vec<Category> = if args.categories.is_empty() {
        figures.record.categories()
    } else {
        args.categories.iter().map(|c| c.parse()).collect::<Result<_, _>>()?
    };
    let records = categories
        .iter()
        .map(|c| figures.record.records(*c, figures.convention, figures.net))
        .collect::<Result<Vec<_>, _>>()?;
    emit(
        context.format,
        &RecordsReport {
            convention: figures.convention,
            convention_meaning: figures.convention.explanation(),
            net_of_corrections: figures.net,
            source: figures.record.source.description(),
            data_version: figures.record.data_version(),
            records,
        },
    )
}

fn kinds(r: &Records) -> [(PeriodKind, Option<&RankedPeriod>); 5] {
    [
        (PeriodKind::Day, r.day.as_ref()),
        (PeriodKind::Week, r.week.as_ref()),
        (PeriodKind::Month, r.month.as_ref()),
        (PeriodKind::Quarter, r.quarter.as_ref()),
        (PeriodKind::Year, r.year.as_ref()),
    ]
}

impl Render for RecordsReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let mut rows = Vec::new();
        for r in &self.records {
            for (kind, best) in kinds(r) {
                if let Some(p) = best {
                    rows.push(vec![
                        r.category.id().to_owned(),
                        kind.noun().to_owned(),
                        p.figure.label.clone(),
                        p.figure.start.to_string(),
                        p.figure.end.to_string(),
                        p.figure.total.to_string(),
                        format!("{:.4}", p.figure.daily_average),
                        self.convention.name().to_owned(),
                        self.net_of_corrections.to_string(),
                        self.data_version.to_string(),
                    ]);
                }
            }
        }
        let header = vec![
            "category",
            "kind",
            "period",
            "start",
            "end",
            "total",
            "daily_average",
            "convention",
            "net_of_corrections",
            "data_version",
        ];
        (header, rows)
    }

    fn table(&self) -> String {
        let mut table = Table::new(&[
            "category",
            "highest day",
            "highest week",
            "highest month",
            "highest quarter",
            "highest year",
        ]);
        for r in &self.records {
            let mut cells = vec![r.category.id().to_owned()];
            cells.extend(kinds(r).iter().map(|(_, best)| {
                best.map_or_else(|| "-".to_owned(), |p| format!("{} ({})", group(p.figure.total), p.figure.label))
            }));
            table.row(cells);
        }
        let mut out = format!(
            "records: the highest complete period of each kind{}\n",
            if self.net_of_corrections { ", net of corrections" } else { "" }
        );
        out.push_str(&table.render());
        out.push_str("complete periods only: the first (partial) and current ones, and those holding a series' opening backlog, are left out\n");
        out.push_str(&provenance(Some(self.convention), self.source, &self.data_version));
        out
    }
}
