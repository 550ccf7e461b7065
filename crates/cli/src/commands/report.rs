//! `attrition report`: the one-page daily briefing. When the store is empty or its data were
//! last refreshed more than a day ago (`--max-age`), it syncs first; offline, it says so and uses what is
//! stored.

use crate::Context;
use crate::cli::ReportArgs;
use crate::commands::load::{default_base, fetch, store_fetched};
use crate::output::{Render, Table, average, emit, group, or_dash, ordinal, percent_change, provenance};
use anyhow::{Result, anyhow};
use attrition_analysis::forecast::{self, DayReport, Outlook};
use attrition_analysis::{Briefing, CategoryBrief, Figure, RankedPeriod};
use attrition_model::{Category, Period, SourceId};
use attrition_sources::HttpOptions;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::time::Duration;

/// What happened before the report was computed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
enum Freshness {
    /// The stored data were recent enough (or `--offline`, or an `--as-of` in the past).
    Stored,
    /// A sync ran first.
    Synced { upstream: String, new_values: usize, revised_values: usize },
    /// A sync was due but the upstream could not be reached.
    Offline { upstream: String, error: String },
}

#[derive(Serialize)]
struct ReportOutput {
    #[serde(flatten)]
    briefing: Briefing,
    outlook: Option<Outlook>,
    source_description: &'static str,
    convention_meaning: &'static str,
    freshness: Freshness,
}

/// `attrition report`.
pub(crate) fn run(context: &Context, args: &ReportArgs) -> Result<()> {
    let as_of = args.figures.as_of.as_of.as_deref().map(Period::parse_date).transpose()?;
    let freshness = if args.offline { Freshness::Stored } else { refresh(context, args, as_of)? };
    let figures = context.figures(&args.figures)?;
    let briefing = figures.record.briefing(figures.convention, figures.net)?;
    // The outlook's calibration is most of the briefing's cost: it is measured when the data
    // are written and kept in the store (see attrition_server::derived), and read here.
    let version = figures.record.data_version();
    let mut fits = attrition_server::derived::kept_fits(&figures.store, version.source);
    let outlook = forecast::next_round_figure_reusing(
        &figures.record,
        Category::Personnel,
        figures.convention,
        attrition_server::derived::ROUND_FIGURE_STEP,
        &mut fits,
    );
    emit(
        context.format,
        &ReportOutput {
            outlook,
            source_description: figures.record.source.description(),
            convention_meaning: figures.convention.explanation(),
            briefing,
            freshness,
        },
    )
}

/// Syncs when the store is empty or stale. A failure is fatal only when nothing is stored.
fn refresh(context: &Context, args: &ReportArgs, as_of: Option<jiff::civil::Date>) -> Result<Freshness> {
    let mut store = context.store()?;
    let sources = store.source_versions()?;
    let source = sources.first().map_or(SourceId::Petroivaniuk, |s| s.source);
    if let Some(latest) = sources.first() {
        if as_of.is_some_and(|day| day < latest.last_report) {
            return Ok(Freshness::Stored);
        }
        let refreshed = store.last_refreshed(latest.source)?;
        let max_age = SignedDuration::from_hours(i64::from(args.max_age));
        if refreshed.is_some_and(|at| Timestamp::now().duration_since(at) < max_age) {
            return Ok(Freshness::Stored);
        }
    }
    let upstream = args.base_url.clone().unwrap_or_else(|| default_base(source).to_owned());
    let options = HttpOptions {
        base_url: upstream.clone(),
        timeout: Duration::from_secs(20),
        retries: 1,
        retry_pause: Duration::from_secs(1),
    };
    match sources.first() {
        None => context.info("the store is empty: syncing first"),
        Some(latest) => context.info(&format!(
            "the stored data (last report {}) were last refreshed more than {} hours ago: syncing first",
            latest.last_report, args.max_age
        )),
    }
    match fetch(context, source, &options) {
        Ok(files) => {
            let summary = store_fetched(&mut store, source, &upstream, &files)?;
            context.info(&format!(
                "synced: {} new values, {} revised",
                group(i64::try_from(summary.new_observations).unwrap_or(i64::MAX)),
                group(i64::try_from(summary.revised_observations).unwrap_or(i64::MAX))
            ));
            Ok(Freshness::Synced {
                upstream,
                new_values: summary.new_observations,
                revised_values: summary.revised_observations,
            })
        }
        Err(error) if sources.is_empty() => {
            let error = crate::render_error(&error);
            let hint = if error.contains("attrition import") {
                ""
            } else {
                "; with local copies of the files, run `attrition import PATH`"
            };
            Err(anyhow!("the store {} is empty and syncing it failed: {error}{hint}", store.path().display()))
        }
        Err(error) => {
            let error = crate::render_error(&error);
            context.info(&format!("offline: {error}; using the stored data"));
            Ok(Freshness::Offline { upstream, error })
        }
    }
}

fn span(f: &Figure) -> String {
    if f.start == f.end { f.start.to_string() } else { format!("{} .. {}", f.start, f.end) }
}

fn rank_phrase(p: &RankedPeriod, of: usize) -> String {
    match (p.rank, p.pace_rank) {
        (Some(rank), _) => format!("{} of {of} complete months", ordinal(rank)),
        // The period in progress is placed among the complete ones and itself (see `total`).
        (None, Some(pace)) => format!("pace {} of {} by daily average", ordinal(pace), of + 1),
        _ => p.incomplete.map_or("", |i| i.describe()).to_owned(),
    }
}

fn record_phrase(p: Option<&RankedPeriod>) -> String {
    or_dash(p, |p| format!("{} ({})", group(p.figure.total), p.figure.label))
}

fn cumulative(c: &CategoryBrief) -> String {
    match c.qualifier {
        Some(q) => format!("{q} {}", group(c.cumulative)),
        None => group(c.cumulative),
    }
}

/// The detailed block for one category (personnel by default).
fn detail(c: &CategoryBrief) -> String {
    let mut table = Table::new(&["", "days", "total", "daily average", "compared"]);
    let mut line = |what: &str, f: &Figure, compared: String| {
        table.row(vec![
            format!("{what:<15} {}", span(f)),
            f.days.to_string(),
            group(f.total),
            average(f.daily_average),
            compared,
        ]);
    };
    if let Some(f) = &c.last_day {
        line("last day", f, String::new());
    }
    if let Some(f) = &c.last_7_days {
        line("last 7 days", f, String::new());
    }
    if let Some(f) = &c.last_30_days {
        let compared = c.previous_30_days.as_ref().map_or_else(String::new, |p| {
            format!(
                "{} against the 30 days before ({}, {}/day)",
                percent_change(p.change.percent),
                group(p.base.total),
                average(p.base.daily_average)
            )
        });
        line("last 30 days", f, compared);
    }
    if let Some(m) = &c.month_to_date {
        let what = if m.incomplete.is_some() { "month to date" } else { "month" };
        line(what, &m.figure, format!("{}: {}", m.figure.label, rank_phrase(m, c.months_ranked)));
    }
    if let Some(m) = &c.previous_month {
        line("previous month", &m.figure, format!("{}: {}", m.figure.label, rank_phrase(m, c.months_ranked)));
    }
    if let Some(f) = &c.year_to_date {
        let compared = c.same_span_last_year.as_ref().map_or_else(String::new, |y| {
            format!("{} against {} ({})", percent_change(y.change.percent), span(&y.base), group(y.base.total))
        });
        line("year to date", f, compared);
    }
    let mut out = format!("{} ({})\n", c.category.label(), c.category.id());
    out.push_str(&table.render());
    let r = &c.records;
    out.push_str(&format!(
        "records (complete periods): day {}; week {}; month {}; quarter {}; year {}\n",
        record_phrase(r.day.as_ref()),
        record_phrase(r.week.as_ref()),
        record_phrase(r.month.as_ref()),
        record_phrase(r.quarter.as_ref()),
        record_phrase(r.year.as_ref()),
    ));
    out.push_str(&format!("cumulative: {}\n", cumulative(c)));
    out
}

fn total_of(f: Option<&Figure>) -> String {
    or_dash(f, |f| group(f.total))
}

impl Render for ReportOutput {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let b = &self.briefing;
        let number = |f: Option<&Figure>| f.map(|f| f.total.to_string()).unwrap_or_default();
        let rows = b
            .categories
            .iter()
            .map(|c| {
                vec![
                    c.category.id().to_owned(),
                    number(c.last_day.as_ref()),
                    number(c.last_7_days.as_ref()),
                    number(c.last_30_days.as_ref()),
                    number(c.previous_30_days.as_ref().map(|p| &p.base)),
                    c.previous_30_days
                        .as_ref()
                        .and_then(|p| p.change.percent)
                        .map(|p| format!("{p:.4}"))
                        .unwrap_or_default(),
                    c.month_to_date.as_ref().map(|m| m.figure.label.clone()).unwrap_or_default(),
                    number(c.month_to_date.as_ref().map(|m| &m.figure)),
                    c.month_to_date
                        .as_ref()
                        .and_then(|m| m.rank.or(m.pace_rank))
                        .map(|r| r.to_string())
                        .unwrap_or_default(),
                    c.previous_month.as_ref().map(|m| m.figure.label.clone()).unwrap_or_default(),
                    number(c.previous_month.as_ref().map(|m| &m.figure)),
                    c.previous_month.as_ref().and_then(|m| m.rank).map(|r| r.to_string()).unwrap_or_default(),
                    c.months_ranked.to_string(),
                    number(c.year_to_date.as_ref()),
                    number(c.same_span_last_year.as_ref().map(|y| &y.base)),
                    c.records.day.as_ref().map(|d| d.figure.total.to_string()).unwrap_or_default(),
                    c.records.day.as_ref().map(|d| d.figure.label.clone()).unwrap_or_default(),
                    c.records.month.as_ref().map(|d| d.figure.total.to_string()).unwrap_or_default(),
                    c.records.month.as_ref().map(|d| d.figure.label.clone()).unwrap_or_default(),
                    c.cumulative.to_string(),
                    c.qualifier.map(|q| q.word().to_owned()).unwrap_or_default(),
                    b.last_day.to_string(),
                    b.convention.name().to_owned(),
                    b.data_version.to_string(),
                ]
            })
            .collect();
        let header = vec![
            "category",
            "last_day",
            "last_7_days",
            "last_30_days",
            "previous_30_days",
            "last_30_vs_previous_percent",
            "month",
            "month_total",
            "month_rank_or_pace",
            "previous_month",
            "previous_month_total",
            "previous_month_rank",
            "months_ranked",
            "year_to_date",
            "same_span_last_year",
            "record_day_total",
            "record_day",
            "record_month_total",
            "record_month",
            "cumulative",
            "qualifier",
            "day",
            "convention",
            "data_version",
        ];
        (header, rows)
    }

    fn table(&self) -> String {
        let b = &self.briefing;
        let mut out = format!(
            "attrition briefing: {} report of {} (day {} of the full-scale invasion); last day counted {}\n",
            b.source,
            b.latest_report,
            group(b.war_day),
            b.last_day
        );
        match &self.freshness {
            Freshness::Stored => {}
            Freshness::Synced { upstream, new_values, .. } => out.push_str(&format!(
                "synced from {upstream} first: {} new values\n",
                group(i64::try_from(*new_values).unwrap_or(i64::MAX))
            )),
            Freshness::Offline { error, .. } => {
                out.push_str(&format!("offline: could not sync ({error}); these are the stored data\n"));
            }
        }
        out.push('\n');
        if let Some(personnel) = b.category(Category::Personnel) {
            out.push_str(&detail(personnel));
            if let Some(o) = &self.outlook {
                let day = |d: &Option<DayReport>| d.as_ref().map_or_else(|| "later".to_owned(), |d| d.day.to_string());
                out.push_str(&format!(
                    "next round figure: {} expected {} (80% interval {} .. {}; {} forecast, `attrition forecast personnel --reach {}`)\n",
                    group(o.threshold),
                    day(&o.median),
                    day(&o.q10),
                    day(&o.q90),
                    o.model,
                    o.threshold
                ));
            }
            out.push('\n');
        }
        let mut table = Table::new(&[
            "category",
            "last day",
            "last 7",
            "last 30",
            "vs 30 before",
            "month",
            "previous month",
            "year to date",
            "vs last year",
            "record day",
            "cumulative",
        ]);
        for c in &b.categories {
            table.row(vec![
                c.category.id().to_owned(),
                total_of(c.last_day.as_ref()),
                total_of(c.last_7_days.as_ref()),
                total_of(c.last_30_days.as_ref()),
                or_dash(c.previous_30_days.as_ref(), |p| percent_change(p.change.percent)),
                or_dash(c.month_to_date.as_ref(), |m| {
                    let rank = m.rank.map_or_else(String::new, |r| format!(" ({})", ordinal(r)));
                    format!("{}{rank}", group(m.figure.total))
                }),
                or_dash(c.previous_month.as_ref(), |m| {
                    let rank = m.rank.map_or_else(String::new, |r| format!(" ({})", ordinal(r)));
                    format!("{}{rank}", group(m.figure.total))
                }),
                total_of(c.year_to_date.as_ref()),
                or_dash(c.same_span_last_year.as_ref(), |y| percent_change(y.change.percent)),
                record_phrase(c.records.day.as_ref()),
                cumulative(c),
            ]);
        }
        out.push_str("every category\n");
        out.push_str(&table.render());
        out.push_str("month ranks: by total among complete months; records: complete periods only\n");
        for c in &b.categories {
            for note in &c.notes {
                out.push_str(&format!("note ({}): {note}\n", c.category.id()));
            }
        }
        out.push_str(&provenance(Some(b.convention), self.source_description, &b.data_version));
        out
    }
}
