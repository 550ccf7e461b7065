//! `attrition trend`: a period against the previous one and the same span a year earlier.

use crate::Context;
use crate::cli::TrendArgs;
use crate::commands::total::chosen_period;
use crate::output::{Render, Table, average, emit, group, percent_change, provenance, signed};
use anyhow::Result;
use attrition_analysis::{Compared, Comparison, Figure};
use attrition_model::{Category, Period, PeriodKind};
use serde::Serialize;

#[derive(Serialize)]
struct TrendReport {
    #[serde(flatten)]
    comparison: Comparison,
    source: &'static str,
    convention_meaning: &'static str,
}

/// `attrition trend`.
pub(crate) fn run(context: &Context, args: &TrendArgs) -> Result<()> {
    let category: Category = args.category.parse()?;
    let figures = context.figures(&args.figures)?;
    let period = if args.period.period.is_none() && args.period.from.is_none() {
        Period::containing(PeriodKind::Month, figures.record.last_day(figures.convention))?
    } else {
        chosen_period(&args.period)?
    };
    let comparison = figures.record.compare(category, &period, figures.convention, figures.net)?;
    emit(
        context.format,
        &TrendReport {
            source: figures.record.source.description(),
            convention_meaning: figures.convention.explanation(),
            comparison,
        },
    )
}

fn rows(c: &Comparison) -> Vec<(&'static str, &Figure, Option<&Compared>)> {
    let mut rows = vec![("period", &c.current, None)];
    if let Some(p) = &c.previous {
        rows.push(("previous", &p.base, Some(p)));
    }
    if let Some(y) = &c.year_earlier {
        rows.push(("a year earlier", &y.base, Some(y)));
    }
    rows
}

impl Render for TrendReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let c = &self.comparison;
        let out = rows(c)
            .into_iter()
            .map(|(role, f, compared)| {
                vec![
                    role.to_owned(),
                    f.label.clone(),
                    f.start.to_string(),
                    f.end.to_string(),
                    f.days.to_string(),
                    f.total.to_string(),
                    format!("{:.4}", f.daily_average),
                    compared.map(|x| x.change.absolute.to_string()).unwrap_or_default(),
                    compared.and_then(|x| x.change.percent).map(|p| format!("{p:.4}")).unwrap_or_default(),
                    compared
                        .and_then(|x| x.change.daily_average_percent)
                        .map(|p| format!("{p:.4}"))
                        .unwrap_or_default(),
                    c.category.id().to_owned(),
                    c.convention.name().to_owned(),
                    c.data_version.to_string(),
                ]
            })
            .collect();
        let header = vec![
            "role",
            "period",
            "start",
            "end",
            "days",
            "total",
            "daily_average",
            "period_minus_this",
            "period_vs_this_percent",
            "daily_average_vs_this_percent",
            "category",
            "convention",
            "data_version",
        ];
        (header, out)
    }

    fn table(&self) -> String {
        let c = &self.comparison;
        let mut table = Table::new(&["", "period", "days", "total", "daily average", "change", "change (avg)"]);
        for (role, f, compared) in rows(c) {
            // The change is the current period's, measured against this row.
            table.row(vec![
                role.to_owned(),
                if f.label.contains("..") {
                    f.label.clone()
                } else {
                    format!("{} ({} .. {})", f.label, f.start, f.end)
                },
                f.days.to_string(),
                group(f.total),
                average(f.daily_average),
                compared.map_or_else(String::new, |x| {
                    format!("{} ({})", signed(x.change.absolute), percent_change(x.change.percent))
                }),
                compared.map_or_else(String::new, |x| percent_change(x.change.daily_average_percent)),
            ]);
        }
        let mut out = format!(
            "{} ({}): {} against the period before and a year earlier\n",
            c.category.label(),
            c.category.id(),
            c.current.label
        );
        out.push_str(&table.render());
        out.push_str("change: the period's total (and daily average) minus that row's, in percent of that row\n");
        for note in &c.notes {
            out.push_str(&format!("note: {note}\n"));
        }
        out.push_str(&provenance(Some(c.convention), self.source, &c.data_version));
        out
    }
}
