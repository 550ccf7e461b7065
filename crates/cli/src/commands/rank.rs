//! `attrition rank`: periods of one kind sorted by total, as the data stood on any date.

use crate::Context;
use crate::cli::RankArgs;
use crate::output::{Render, Table, average, emit, group, ordinal, provenance};
use anyhow::Result;
use attrition_analysis::{RankedPeriod, Ranking};
use attrition_model::{Category, PeriodKind};
use serde::Serialize;

#[derive(Serialize)]
struct RankReport {
    #[serde(flatten)]
    ranking: Ranking,
    source: &'static str,
    convention_meaning: &'static str,
    /// Ranked periods left out by `--top`.
    not_shown: usize,
}

/// `attrition rank`.
pub(crate) fn run(context: &Context, args: &RankArgs) -> Result<()> {
    let category: Category = args.category.parse()?;
    let kind: PeriodKind = args.by.parse()?;
    let figures = context.figures(&args.figures)?;
    let mut ranking = figures.record.ranking(category, kind, figures.convention, figures.net, args.include_partial)?;
    let mut not_shown = 0;
    if let Some(top) = args.top {
        let top = usize::try_from(top).unwrap_or(usize::MAX);
        not_shown = ranking.ranked.saturating_sub(top);
        let mut index = 0;
        ranking.periods.retain(|p| {
            let keep = p.rank.is_none() || index < top;
            index += usize::from(p.rank.is_some());
            keep
        });
    }
    if args.complete_only {
        ranking.periods.retain(|p| p.incomplete.is_none());
    }
    let report = RankReport {
        source: figures.record.source.description(),
        convention_meaning: figures.convention.explanation(),
        ranking,
        not_shown,
    };
    emit(context.format, &report)
}

fn rank_cell(p: &RankedPeriod) -> String {
    match (p.rank, p.shared_rank) {
        (Some(rank), Some(shared)) if shared != rank => format!("{rank} (={shared})"),
        (Some(rank), _) => rank.to_string(),
        _ => "-".to_owned(),
    }
}

impl Render for RankReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let r = &self.ranking;
        let rows = r
            .periods
            .iter()
            .map(|p| {
                vec![
                    p.rank.map(|x| x.to_string()).unwrap_or_default(),
                    p.shared_rank.map(|x| x.to_string()).unwrap_or_default(),
                    p.figure.label.clone(),
                    p.figure.start.to_string(),
                    p.figure.end.to_string(),
                    p.figure.days.to_string(),
                    p.figure.total.to_string(),
                    format!("{:.4}", p.figure.daily_average),
                    p.incomplete.map(|i| i.describe().to_owned()).unwrap_or_default(),
                    p.pace_rank.map(|x| x.to_string()).unwrap_or_default(),
                    r.category.id().to_owned(),
                    r.convention.name().to_owned(),
                    r.net_of_corrections.to_string(),
                    r.as_of.to_string(),
                    r.data_version.to_string(),
                ]
            })
            .collect();
        (
            vec![
                "rank",
                "shared_rank",
                "period",
                "start",
                "end",
                "days",
                "total",
                "daily_average",
                "incomplete",
                "pace_rank",
                "category",
                "convention",
                "net_of_corrections",
                "as_of",
                "data_version",
            ],
            rows,
        )
    }

    fn table(&self) -> String {
        let r = &self.ranking;
        let mut out = format!(
            "{} ({}): {} ranked by total, as of the report of {}{}\n",
            r.category.label(),
            r.category.id(),
            r.kind.plural(),
            r.as_of,
            if r.net_of_corrections { ", net of corrections" } else { "" }
        );
        let mut table = Table::new(&["rank", r.kind.noun(), "total", "days", "daily average", "note"]);
        for p in &r.periods {
            let note = match (p.incomplete, p.pace_rank) {
                (Some(why), Some(pace)) => format!("{} (pace: {} by daily average)", why.describe(), ordinal(pace)),
                (Some(why), None) => why.describe().to_owned(),
                (None, _) => String::new(),
            };
            table.row(vec![
                rank_cell(p),
                p.figure.label.clone(),
                group(p.figure.total),
                p.figure.days.to_string(),
                average(p.figure.daily_average),
                note,
            ]);
        }
        out.push_str(&table.render());
        let kind = if r.ranked == 1 { r.kind.noun() } else { r.kind.plural() };
        let partial = if r.include_partial { "" } else { "complete " };
        out.push_str(&format!("{} {partial}{kind} ranked", r.ranked));
        if self.not_shown > 0 {
            out.push_str(&format!(" ({} more not shown)", self.not_shown));
        }
        out.push_str("; ties share a rank shown as (=N), the earlier period listed first\n");
        for line in &r.unavailable {
            out.push_str(&format!("not computable: {line}\n"));
        }
        out.push_str(&provenance(Some(r.convention), self.source, &r.data_version));
        out
    }
}
