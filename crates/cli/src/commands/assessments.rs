//! Independent estimates: importing The Economist's tables (`import`, `sync --source economist`),
//! `attrition sources` (every assessment beside the General Staff series, and `sources add`),
//! and `attrition estimate killed` (every route to the killed, pooled, beside The Economist's
//! own pooled model).

use crate::Context;
use crate::cli::{EstimateArgs, SourcesAction, SourcesArgs};
use crate::output::{Format, Render, Table, emit, group, print, print_json, provenance};
use anyhow::{Context as _, Result, anyhow, bail};
use attrition_analysis::{AssessmentBeside, AssessmentFilter, KilledEstimate, compare_selected, estimate_killed};
use attrition_model::{
    Assessment, Category, Convention, DataVersion, MetaEstimate, Metric, Origin, Period, Scope, Side,
};
use attrition_sources::{EconomistFile, read_assessments, read_meta_estimate, sha256_hex};
use attrition_store::{BatchSource, BatchSummary, Store};
use jiff::civil::Date;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Today, for "a date in the future" checks.
fn today() -> Date {
    jiff::Zoned::now().date()
}

/// One of The Economist's files, read and checked, not yet stored.
pub(crate) struct EconomistBatch {
    location: String,
    kind: EconomistFile,
    sha256: String,
    bytes: u64,
    assessments: Vec<Assessment>,
    meta: Vec<MetaEstimate>,
}

/// The Economist's files at `path`: the file itself when its name is one of theirs, or those in a
/// directory, its `source-data/` and its `output-data/`.
pub(crate) fn economist_files(path: &Path) -> Vec<PathBuf> {
    let named = |p: &Path| p.file_name().and_then(|n| n.to_str()).and_then(EconomistFile::from_name).is_some();
    if path.is_file() {
        return if named(path) { vec![path.to_path_buf()] } else { Vec::new() };
    }
    let mut found = Vec::new();
    for dir in [path.to_path_buf(), path.join("source-data"), path.join("output-data")] {
        found.extend(attrition_sources::files_in(&dir, named).unwrap_or_default());
    }
    found
}

/// Reads one of The Economist's files from its bytes.
pub(crate) fn read_economist(location: &str, bytes: &[u8]) -> Result<EconomistBatch> {
    let kind =
        EconomistFile::from_name(location).ok_or_else(|| anyhow!("{location}: not one of The Economist's files"))?;
    let text = std::str::from_utf8(bytes).with_context(|| format!("{location}: not UTF-8 text"))?;
    let (assessments, meta) = match kind {
        EconomistFile::MetaEstimate => (Vec::new(), read_meta_estimate(location, text)?),
        _ => (read_assessments(location, text)?, Vec::new()),
    };
    Ok(EconomistBatch {
        location: location.to_owned(),
        kind,
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        assessments,
        meta,
    })
}

/// Reads every file at `paths`.
pub(crate) fn read_economist_paths(paths: &[PathBuf]) -> Result<Vec<EconomistBatch>> {
    paths
        .iter()
        .map(|path| {
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let bytes = std::fs::read(&absolute).with_context(|| format!("reading {}", absolute.display()))?;
            read_economist(&absolute.display().to_string(), &bytes)
        })
        .collect()
}

/// What storing one file changed.
#[derive(Serialize)]
pub(crate) struct StoredBatch {
    location: String,
    kind: &'static str,
    rows: usize,
    #[serde(flatten)]
    summary: BatchSummary,
}

/// Stores read batches.
pub(crate) fn store_economist(store: &mut Store, batches: &[EconomistBatch]) -> Result<Vec<StoredBatch>> {
    batches
        .iter()
        .map(|batch| {
            let kind = match batch.kind {
                EconomistFile::Estimates => "estimates",
                EconomistFile::UkMod => "uk_mod_monthly",
                EconomistFile::MeduzaWeekly => "meduza_weekly",
                EconomistFile::MetaEstimate => "meta_estimate",
            };
            let from = BatchSource {
                source: "economist".to_owned(),
                location: batch.location.clone(),
                kind: kind.to_owned(),
                sha256: batch.sha256.clone(),
                bytes: batch.bytes,
            };
            let summary = if batch.meta.is_empty() {
                store.store_assessments(Origin::Economist, &from, &batch.assessments)?
            } else {
                store.store_meta_estimates(&from, &batch.meta)?
            };
            Ok(StoredBatch {
                location: batch.location.clone(),
                kind,
                rows: batch.assessments.len() + batch.meta.len(),
                summary,
            })
        })
        .collect()
}

/// Prints what storing The Economist's files changed: on stdout, or on stderr when another
/// document already went to stdout in JSON or CSV.
pub(crate) fn report_economist(context: &Context, stored: &[StoredBatch], stdout_taken: bool) -> Result<()> {
    if stored.is_empty() {
        return Ok(());
    }
    if context.format == Format::Json && !stdout_taken {
        return print_json(&stored);
    }
    let mut text = String::new();
    for batch in stored {
        let s = &batch.summary;
        text.push_str(&format!(
            "economist {}: {} rows ({} new, {} changed, {} unchanged) from {}\n",
            batch.kind, batch.rows, s.new, s.changed, s.unchanged, batch.location
        ));
    }
    if stdout_taken || context.format != Format::Table {
        context.info(text.trim_end());
        Ok(())
    } else {
        print(&text)
    }
}

/// Every assessment: the curated registry, then the stored ones (added by the user, imported).
pub(crate) fn all_assessments(store: &Store) -> Result<Vec<Assessment>> {
    let mut all = attrition_sources::curated(today()).context("the curated registry does not validate")?;
    all.extend(store.assessments()?);
    Ok(all)
}

#[derive(Serialize)]
struct SourcesReport {
    convention: Convention,
    source: &'static str,
    data_version: DataVersion,
    as_of: Option<Date>,
    assessments: Vec<AssessmentBeside>,
}

/// `attrition sources`.
pub(crate) fn run(context: &Context, args: &SourcesArgs) -> Result<()> {
    if let Some(SourcesAction::Add { file }) = &args.action {
        return add(context, file);
    }
    let convention: Convention = args.convention.convention.parse()?;
    let as_of = args.as_of.as_of.as_deref().map(Period::parse_date).transpose().context("reading --as-of")?;
    let metric = args.metric.as_deref().map(str::parse::<Metric>).transpose()?;
    let side = args.side.as_deref().map(str::parse::<Side>).transpose().map_err(|e| anyhow!("--side: {e}"))?;
    let origin = args.origin.as_deref().map(str::parse::<Origin>).transpose().map_err(|e| anyhow!("--origin: {e}"))?;
    let (store, record, _) = context.record(None)?;
    let record = crate::record_as_of(record, as_of)?;
    let filter = AssessmentFilter { metric, side, origin, published_by: as_of, search: args.search.clone() };
    let assessments = compare_selected(&record, &all_assessments(&store)?, &filter, convention)?;
    emit(
        context.format,
        &SourcesReport {
            convention,
            source: record.source.description(),
            data_version: record.data_version(),
            as_of,
            assessments,
        },
    )
}

/// A figure as the source put it: "more than 1,100,000", "164,223 – 237,211".
pub(crate) fn figure(a: &Assessment) -> String {
    #[allow(clippy::cast_possible_truncation)]
    let n = |x: f64| group(x.round() as i64);
    let words = a.qualifier.words();
    let body = match (a.low, a.best, a.high) {
        (Some(l), Some(b), Some(h)) if (l - h).abs() > f64::EPSILON => format!("{} – {} (best {})", n(l), n(h), n(b)),
        (Some(l), None, Some(h)) => format!("{} – {}", n(l), n(h)),
        (_, Some(b), _) | (Some(b), None, None) | (None, None, Some(b)) => n(b),
        (None, None, None) => "—".to_owned(),
    };
    let rate = match a.scope {
        Scope::Rate { per, .. } => format!(" {}", per.words()),
        _ => String::new(),
    };
    format!("{words}{body}{rate}")
}

/// "cumulative since 2022-02-24", "2024-01-01 .. 2024-12-31", "a month".
impl Render for SourcesReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .assessments
            .iter()
            .map(|c| {
                let mut row = c.csv_row();
                row.extend([self.convention.name().to_owned(), self.data_version.to_string()]);
                row
            })
            .collect();
        let mut header = AssessmentBeside::CSV_HEADER.to_vec();
        header.extend(["convention", "data_version"]);
        (header, rows)
    }

    fn table(&self) -> String {
        let mut out = format!(
            "{} published figures{}, each beside the General Staff series at the same date\n\n",
            self.assessments.len(),
            self.as_of.map(|d| format!(" up to {d}")).unwrap_or_default()
        );
        for c in &self.assessments {
            let a = &c.assessment;
            out.push_str(&format!(
                "{}  {} — {} ({}), {}: {}\n",
                a.published,
                a.organisation,
                a.metric,
                a.side.id(),
                a.scope.describe(),
                figure(a)
            ));
            out.push_str(&format!("            method: {} [{}; {}]\n", a.method, a.method_class.id(), a.origin.id()));
            if let Some(s) = &c.series {
                #[allow(clippy::cast_possible_truncation)]
                let value = group(s.value.round() as i64);
                out.push_str(&format!(
                    "            General Staff: {value} {} ({}){}\n",
                    s.metric,
                    s.computed,
                    s.ratio.map(|r| format!("; ratio {r:.2}")).unwrap_or_default()
                ));
            }
            out.push_str(&format!("            definitions: {}\n", c.definitions));
            out.push_str(&format!("            cited in: {}\n", a.cited_in));
            if !a.note.is_empty() {
                out.push_str(&format!("            note: {}\n", a.note));
            }
        }
        out.push('\n');
        out.push_str(&provenance(Some(self.convention), self.source, &self.data_version));
        out.push_str("registry: registry/assessments.csv (curated), plus stored user and imported rows\n");
        out
    }
}

/// `attrition sources add FILE`.
fn add(context: &Context, file: &Path) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let text = std::str::from_utf8(&bytes).with_context(|| format!("{}: not UTF-8 text", file.display()))?;
    let location = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf()).display().to_string();
    let rows = attrition_sources::parse_registry(&location, text, Origin::User, today())
        .context("nothing added; the store is unchanged")?;
    let curated = attrition_sources::curated(today())?;
    if let Some(clash) = rows.iter().find(|r| curated.iter().any(|c| c.id == r.id)) {
        bail!(
            "{location}: id {:?} is already used by the curated registry; nothing added, the store is unchanged",
            clash.id
        );
    }
    let mut store = context.store()?;
    let from = BatchSource {
        source: "user".to_owned(),
        location: location.clone(),
        kind: "assessments".to_owned(),
        sha256: sha256_hex(&bytes),
        bytes: bytes.len() as u64,
    };
    let summary = store.store_assessments(Origin::User, &from, &rows)?;
    let stored = [StoredBatch { location, kind: "user assessments", rows: rows.len(), summary }];
    if context.format == Format::Json {
        return print_json(&stored);
    }
    let s = &stored[0].summary;
    print(&format!(
        "added {} assessments from {} ({} new, {} changed, {} unchanged); list them with `attrition sources --origin user`\n",
        rows.len(),
        stored[0].location,
        s.new,
        s.changed,
        s.unchanged
    ))
}

#[derive(Serialize)]
struct EstimateReport {
    #[serde(flatten)]
    estimate: KilledEstimate,
    convention: Convention,
    source: &'static str,
    data_version: DataVersion,
    economist: Option<MetaEstimate>,
}

/// `attrition estimate killed`.
pub(crate) fn estimate(context: &Context, args: &EstimateArgs) -> Result<()> {
    let metric: Metric = args.metric.parse()?;
    if metric != Metric::Killed {
        bail!("estimate: only `killed` is supported so far (got {metric}); the routes convert other metrics into it");
    }
    let convention: Convention = args.convention.convention.parse()?;
    let as_of = args.as_of.as_of.as_deref().map(Period::parse_date).transpose().context("reading --as-of")?;
    let (store, record, _) = context.record(None)?;
    let record = crate::record_as_of(record, as_of)?;
    let table = record.day_table(Category::Personnel, convention)?;
    // Known on the as-of day: figures published up to it; the series up to the day before it
    // (loss-day), along which they are carried.
    let known = as_of.unwrap_or(record.last_report);
    let date = known.min(table.last_day());
    let assessments: Vec<Assessment> = all_assessments(&store)?.into_iter().filter(|a| a.published <= known).collect();
    if args.path {
        let from = args.from.as_deref().map(Period::parse_date).transpose().context("reading --from")?;
        let from = from.unwrap_or(jiff::civil::date(2023, 1, 31));
        let mut dates = Vec::new();
        let mut month = Period::containing(attrition_model::PeriodKind::Month, from)?;
        while month.end <= date {
            dates.push(month.end);
            month = month.next()?;
        }
        if dates.last() != Some(&date) {
            dates.push(date);
        }
        let meta = store.meta_estimates(Metric::Killed)?;
        let days = attrition_analysis::pooled_path(&assessments, &table, &dates, &meta)?;
        return emit(
            context.format,
            &PathReport {
                days,
                imported: !meta.is_empty(),
                convention,
                source: record.source.description(),
                data_version: record.data_version(),
            },
        );
    }
    let estimate = estimate_killed(&assessments, &table, known)?;
    let economist = store.meta_estimates(Metric::Killed)?.into_iter().rfind(|m| m.date <= date);
    emit(
        context.format,
        &EstimateReport {
            estimate,
            convention,
            source: record.source.description(),
            data_version: record.data_version(),
            economist,
        },
    )
}

impl Render for EstimateReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let rows = self
            .estimate
            .routes
            .iter()
            .map(|r| {
                vec![
                    self.estimate.as_of.to_string(),
                    r.name.clone(),
                    format!("{:.0}", r.low),
                    format!("{:.0}", r.best),
                    format!("{:.0}", r.high),
                    format!("{:.4}", r.alignment),
                    r.pooled.to_string(),
                    r.arithmetic.clone(),
                    self.convention.name().to_owned(),
                    self.data_version.to_string(),
                ]
            })
            .collect();
        (
            vec![
                "as_of",
                "route",
                "low",
                "best",
                "high",
                "alignment",
                "pooled",
                "arithmetic",
                "convention",
                "data_version",
            ],
            rows,
        )
    }

    fn table(&self) -> String {
        let e = &self.estimate;
        #[allow(clippy::cast_possible_truncation)]
        let n = |x: f64| group(x.round() as i64);
        let mut out = format!(
            "Russian soldiers killed as of {}: every route the registry supports (General Staff personnel losses then {})\n\n",
            e.as_of,
            n(e.series_at)
        );
        let mut table = Table::new(&["route", "low", "best", "high", "carried", "pooled"]);
        for r in &e.routes {
            table.row(vec![
                r.name.clone(),
                n(r.low),
                n(r.best),
                n(r.high),
                if (r.alignment - 1.0).abs() < 1e-12 { "—".to_owned() } else { format!("×{:.3}", r.alignment) },
                if r.pooled { "yes".to_owned() } else { "no: over 90 days old".to_owned() },
            ]);
        }
        out.push_str(&table.render());
        out.push_str("\nhow each route gets there:\n");
        for r in &e.routes {
            out.push_str(&format!("  {}: {}\n", r.name, r.arithmetic));
            if let Some(input) = &r.input {
                out.push_str(&format!(
                    "    input: {} {} on {} ({}), cited in {}\n",
                    input.organisation,
                    figure(input),
                    input.published,
                    input.metric,
                    input.cited_in
                ));
                if (r.alignment - 1.0).abs() > 1e-12 {
                    out.push_str(&format!(
                        "    carried from {} to {} along the General Staff count (×{:.3})\n",
                        input.published, e.as_of, r.alignment
                    ));
                }
            }
            for assumption in &r.assumptions {
                out.push_str(&format!(
                    "    assumption: {} {} .. {} (best {}): {}\n",
                    assumption.name, assumption.low, assumption.high, assumption.best, assumption.source
                ));
            }
        }
        if let (Some((low, high)), Some((median, best_low, best_high))) = (e.envelope, e.median_best) {
            out.push_str(&format!(
                "\npooled: envelope {} – {} (lowest low to highest high); median of the best values {} (bests range {} – {})\n",
                n(low),
                n(high),
                n(median),
                n(best_low),
                n(best_high)
            ));
        }
        match &self.economist {
            Some(m) => out.push_str(&format!(
                "The Economist's pooled model on {}: {} (95% prediction interval {} – {}); attrition's median of routes is {:+.0}% from it\n",
                m.date,
                n(m.estimate),
                n(m.pi.0),
                n(m.pi.1),
                e.median_best.map_or(0.0, |(median, _, _)| 100.0 * (median / m.estimate - 1.0))
            )),
            None => out.push_str(
                "The Economist's pooled model: not imported (attrition import PATH/economist, or attrition sync --source economist)\n",
            ),
        }
        out.push('\n');
        out.push_str(&provenance(Some(self.convention), self.source, &self.data_version));
        out
    }
}

/// `attrition sync --source economist`: The Economist's files from its public repository (or a
/// mirror), read and checked, then stored.
pub(crate) fn sync_economist(context: &Context, args: &crate::cli::SyncArgs) -> Result<()> {
    let options = attrition_sources::HttpOptions {
        base_url: args.base_url.clone().unwrap_or_else(|| attrition_sources::ECONOMIST_DEFAULT_BASE.to_owned()),
        timeout: std::time::Duration::from_secs(args.timeout),
        retries: args.retries,
        retry_pause: std::time::Duration::from_secs(1),
    };
    let bar = crate::progress::Bar::new("economist", context.quiet);
    let fetched = attrition_sources::fetch_raw(&options, &attrition_sources::ECONOMIST_FILES, &bar)
        .context("sync failed; the store is unchanged")?;
    bar.finish();
    let batches = fetched
        .iter()
        .map(|(url, bytes)| read_economist(url, bytes))
        .collect::<Result<Vec<_>>>()
        .context("sync failed; the store is unchanged")?;
    let mut store = context.store()?;
    let stored = store_economist(&mut store, &batches)?;
    report_economist(context, &stored, false)
}

#[derive(Serialize)]
struct PathReport {
    days: Vec<attrition_analysis::PooledDay>,
    imported: bool,
    convention: Convention,
    source: &'static str,
    data_version: DataVersion,
}

impl Render for PathReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let opt = |x: Option<f64>| x.map(|v| format!("{v:.0}")).unwrap_or_default();
        let rows = self
            .days
            .iter()
            .map(|d| {
                vec![
                    d.date.to_string(),
                    d.routes.to_string(),
                    opt(d.median),
                    opt(d.envelope.map(|e| e.0)),
                    opt(d.envelope.map(|e| e.1)),
                    opt(d.published.map(|m| m.estimate)),
                    opt(d.published.map(|m| m.pi.0)),
                    opt(d.published.map(|m| m.pi.1)),
                    d.difference.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    self.convention.name().to_owned(),
                    self.data_version.to_string(),
                ]
            })
            .collect();
        (
            vec![
                "date",
                "routes",
                "median",
                "envelope_low",
                "envelope_high",
                "economist",
                "economist_pi_low",
                "economist_pi_high",
                "difference",
                "convention",
                "data_version",
            ],
            rows,
        )
    }

    fn table(&self) -> String {
        #[allow(clippy::cast_possible_truncation)]
        let n = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| group(v.round() as i64));
        let mut out = "Russian soldiers killed, pooled from every route at each month end, beside The Economist's pooled model\n\n".to_owned();
        let mut table = Table::new(&[
            "date",
            "routes",
            "median of routes",
            "envelope",
            "The Economist",
            "its 95% PI",
            "difference",
        ]);
        for d in &self.days {
            table.row(vec![
                d.date.to_string(),
                d.routes.to_string(),
                n(d.median),
                d.envelope.map_or_else(|| "—".to_owned(), |(l, h)| format!("{} – {}", n(Some(l)), n(Some(h)))),
                n(d.published.map(|m| m.estimate)),
                d.published.map_or_else(|| "—".to_owned(), |m| format!("{} – {}", n(Some(m.pi.0)), n(Some(m.pi.1)))),
                d.difference.map_or_else(|| "—".to_owned(), |x| format!("{:+.0}%", 100.0 * x)),
            ]);
        }
        out.push_str(&table.render());
        if !self.imported {
            out.push_str("\nThe Economist's model is not imported: attrition import PATH/economist, or attrition sync --source economist\n");
        }
        out.push_str(
            "\nWhy they differ: The Economist fits one smooth curve (a GAM with war-fire and territory covariates) to about a hundred\n\
             published estimates of deaths and casualties; attrition takes, at each date, each organisation's latest figure, converts\n\
             it with the stated ranges (named deaths ÷ 0.45–0.65 coverage; casualties ÷ (1 + 1–4 wounded per killed)), carries it\n\
             along the General Staff count for at most 90 days, and takes the median. Where few fresh figures exist the pool leans on\n\
             the General Staff route (best: a quarter of personnel losses), which is lower than most direct estimates of the killed.\n\n",
        );
        out.push_str(&provenance(Some(self.convention), self.source, &self.data_version));
        out
    }
}
