//! `attrition status`: what is stored, where it came from, and what is odd about it.

use crate::Context;
use crate::cli::SourceArg;
use crate::output::{Format, Table, group, print, print_csv, print_json, signed};
use anyhow::Result;
use attrition_analysis::{Record, ValidationReport};
use attrition_model::{DataVersion, SourceId};
use attrition_store::{FetchRecord, SourceSummary};
use serde::Serialize;

#[derive(Serialize)]
struct SourceStatus {
    summary: SourceSummary,
    description: &'static str,
    data_version: DataVersion,
    fetches: Vec<FetchRecord>,
    /// The last sync (upstream, time), even one that found nothing new.
    last_sync: Option<LastSync>,
    validation: ValidationReport,
}

#[derive(Serialize)]
struct LastSync {
    upstream: String,
    at: String,
}

#[derive(Serialize)]
struct StatusReport {
    store: String,
    sources: Vec<SourceStatus>,
}

/// `attrition status`.
pub(crate) fn run(context: &Context, args: &SourceArg) -> Result<()> {
    let store = context.store()?;
    let wanted: Option<SourceId> = args.source.as_deref().map(str::parse).transpose()?;
    let mut sources = Vec::new();
    for summary in store.sources()? {
        if wanted.is_some_and(|w| w != summary.source) {
            continue;
        }
        let stored = store.load(summary.source)?;
        let Some(record) = Record::build(summary.source, stored.observations, stored.corrections, stored.notes) else {
            continue;
        };
        sources.push(SourceStatus {
            description: summary.source.description(),
            data_version: record.data_version(),
            fetches: store.fetches(summary.source)?,
            last_sync: store.last_sync(summary.source)?.map(|(upstream, at)| LastSync { upstream, at }),
            validation: record.validate(),
            summary,
        });
    }
    let report = StatusReport { store: store.path().display().to_string(), sources };
    match context.format {
        Format::Json => print_json(&report),
        Format::Csv => print_csv(
            &[
                "source",
                "first_report",
                "last_report",
                "reports",
                "values",
                "corrections",
                "revisions",
                "gaps",
                "decreases",
                "unaccounted_decreases",
                "data_version",
            ],
            &report
                .sources
                .iter()
                .map(|s| {
                    let v = &s.validation;
                    vec![
                        s.summary.source.name().to_owned(),
                        v.first_report.to_string(),
                        v.last_report.to_string(),
                        v.reports.to_string(),
                        s.summary.observations.to_string(),
                        s.summary.corrections.to_string(),
                        s.summary.revisions.to_string(),
                        v.gaps.len().to_string(),
                        v.decreases.len().to_string(),
                        v.decreases.iter().filter(|d| !d.accounted).count().to_string(),
                        s.data_version.to_string(),
                    ]
                })
                .collect::<Vec<_>>(),
        ),
        Format::Table => print(&render(&report)),
    }
}

fn render(report: &StatusReport) -> String {
    let mut out = format!("store: {}\n", report.store);
    if report.sources.is_empty() {
        out.push_str("the store is empty: run `attrition sync` (or `attrition import PATH` for local copies)\n");
        return out;
    }
    for s in &report.sources {
        let v = &s.validation;
        out.push_str(&format!("\nsource {}: {}\n", s.summary.source, s.description));
        out.push_str(&format!(
            "  reports: {} from {} to {}; {} values, {} corrections, {} revised values in the log\n",
            group(v.reports as i64),
            v.first_report,
            v.last_report,
            group(s.summary.observations),
            group(s.summary.corrections),
            group(s.summary.revisions),
        ));
        out.push_str(&format!("  data version: {} (store last changed {})\n", s.data_version, s.summary.changed_at));
        if let Some(sync) = &s.last_sync {
            out.push_str(&format!("  last sync: {} from {}\n", sync.at, sync.upstream));
        }
        out.push_str("\n  provenance (files whose values are stored):\n");
        let mut fetches = Table::new(&["id", "location", "kind", "fetched at", "sha256", "current values", "undone"]);
        for f in &s.fetches {
            fetches.row(vec![
                f.id.to_string(),
                f.location.clone(),
                f.kind.clone(),
                f.fetched_at.clone(),
                f.sha256.chars().take(16).collect(),
                group(f.current_observations),
                f.undone_at.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&indent(&fetches.render()));
        out.push_str("  (`attrition undo ID` takes back what one fetch brought; without an id, the latest)\n");

        out.push_str("\n  validation\n");
        if v.gaps.is_empty() {
            out.push_str("  gaps: none (every day between the first and last report has a report)\n");
        } else {
            out.push_str(&format!("  gaps: {}\n", v.gaps.len()));
            for g in &v.gaps {
                let what = g.category.map_or_else(|| "all categories".to_owned(), |c| c.id().to_owned());
                out.push_str(&format!("    {} .. {} ({} missing reports): {what}\n", g.from, g.to, g.days));
            }
        }
        let unaccounted = v.decreases.iter().filter(|d| !d.accounted).count();
        out.push_str(&format!(
            "  cumulative values that went down: {} ({} accounted for by the correction file, {} not)\n",
            v.decreases.len(),
            v.decreases.len() - unaccounted,
            unaccounted
        ));
        if !v.decreases.is_empty() {
            let mut table =
                Table::new(&["report", "category", "previous", "value", "change", "correction", "accounted"]);
            for d in &v.decreases {
                let accounted = match (d.accounted, d.nearby_correction) {
                    (true, _) => "yes".to_owned(),
                    (false, Some((date, value))) => format!("no (nearest correction {} on {date})", signed(value)),
                    (false, None) if d.correction.is_some() => "no (correction smaller than the fall)".to_owned(),
                    (false, None) => "no".to_owned(),
                };
                table.row(vec![
                    d.report_date.to_string(),
                    d.category.id().to_owned(),
                    group(d.previous),
                    group(d.value),
                    signed(d.change),
                    d.correction.map(signed).unwrap_or_default(),
                    accounted,
                ]);
            }
            out.push_str(&indent(&table.render()));
        }
        out.push_str("  series starts (a later start's first value is a backlog, not one day's losses):\n");
        let mut table = Table::new(&["category", "first report", "first value", "typical daily change", "backlog"]);
        for start in &v.series_starts {
            table.row(vec![
                start.category.id().to_owned(),
                start.first_report.to_string(),
                group(start.first_value),
                start.typical_daily_change.map(group).unwrap_or_default(),
                if start.backlog { "yes".into() } else { String::new() },
            ]);
        }
        out.push_str(&indent(&table.render()));
        for end in &v.series_ends {
            out.push_str(&format!(
                "  series end: {} last reported {} at {} (not tracked since; its last value holds in later periods)\n",
                end.category,
                end.last_report,
                group(end.last_value)
            ));
        }
        for q in &v.qualifiers {
            let counts: Vec<String> = q
                .counts
                .iter()
                .map(|c| {
                    let word = c.qualifier.map_or("(none)", |q| q.word());
                    format!("{word:?} {} reports ({} .. {})", group(c.reports as i64), c.first, c.last)
                })
                .collect();
            out.push_str(&format!("  qualifiers, {}: {}\n", q.category, counts.join("; ")));
        }
        out.push_str(&format!("  corrections listed: {}\n", v.corrections));
        // An undone fetch brought nothing that is stored now, so its notes no longer apply.
        let warnings: Vec<&String> =
            s.fetches.iter().filter(|f| f.undone_at.is_none()).flat_map(|f| f.warnings.iter()).collect();
        if !warnings.is_empty() {
            out.push_str(&format!(
                "  noted with the fetches (upstream quirks, outliers accepted with --accept-outlier) ({}):\n",
                warnings.len()
            ));
            for w in warnings {
                out.push_str(&format!("    {w}\n"));
            }
        }
    }
    out
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
