//! `attrition sync` and `attrition import`: bring data in, then say exactly what changed.

use crate::Context;
use crate::cli::{ImportArgs, SyncArgs, UndoArgs, UpstreamArg};
use crate::output::{Format, Table, group, print, print_csv, print_json};
use crate::progress::Bar;
use anyhow::{Context as _, Result};
use attrition_model::{DataVersion, ParsedFile, SourceId};
pub(crate) use attrition_server::ingest::{Admission, ingest_with, store_fetched, store_fetched_with};
use attrition_sources::{Detected, HttpOptions, PETROIVANIUK_DEFAULT_BASE, RUSSIANWARSHIP_DEFAULT_BASE};
use attrition_store::{ApplySummary, Store, UndoSummary};
use serde::Serialize;
use std::time::Duration;

#[derive(Serialize)]
struct FileLine {
    location: String,
    source: String,
    kind: String,
    reports: usize,
    first_report: Option<String>,
    last_report: Option<String>,
    values: usize,
    corrections: usize,
    notes: usize,
    sha256: String,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct Skipped {
    location: String,
    reason: String,
}

#[derive(Serialize)]
struct LoadReport {
    store: String,
    files: Vec<FileLine>,
    skipped: Vec<Skipped>,
    changed: bool,
    summary: ApplySummary,
    data_versions: Vec<DataVersion>,
}

fn describe(file: &ParsedFile) -> FileLine {
    let mut dates: Vec<_> =
        file.observations.iter().map(|o| o.report_date).chain(file.corrections.iter().map(|c| c.report_date)).collect();
    dates.sort_unstable();
    dates.dedup();
    FileLine {
        location: file.provenance.location.clone(),
        source: file.provenance.source.name().to_owned(),
        kind: file.kind.name().to_owned(),
        reports: dates.len(),
        first_report: dates.first().map(ToString::to_string),
        last_report: dates.last().map(ToString::to_string),
        values: file.observations.len(),
        corrections: file.corrections.len(),
        notes: file.notes.len(),
        sha256: file.provenance.sha256.clone(),
        warnings: file.warnings.clone(),
    }
}

fn finish(
    context: &Context,
    store: &Store,
    files: &[ParsedFile],
    skipped: Vec<Skipped>,
    summary: ApplySummary,
) -> Result<()> {
    let data_versions: Vec<DataVersion> =
        store.sources()?.into_iter().map(|s| DataVersion { source: s.source, last_report: s.last_report }).collect();
    let report = LoadReport {
        store: store.path().display().to_string(),
        files: files.iter().map(describe).collect(),
        skipped,
        changed: !summary.is_unchanged(),
        summary,
        data_versions,
    };
    match context.format {
        Format::Json => print_json(&report),
        Format::Csv => {
            let rows: Vec<Vec<String>> = report
                .files
                .iter()
                .map(|f| {
                    vec![
                        f.location.clone(),
                        f.source.clone(),
                        f.kind.clone(),
                        f.reports.to_string(),
                        f.first_report.clone().unwrap_or_default(),
                        f.last_report.clone().unwrap_or_default(),
                        f.values.to_string(),
                        f.corrections.to_string(),
                        f.sha256.clone(),
                    ]
                })
                .collect();
            print_csv(
                &[
                    "location",
                    "source",
                    "kind",
                    "reports",
                    "first_report",
                    "last_report",
                    "values",
                    "corrections",
                    "sha256",
                ],
                &rows,
            )
        }
        Format::Table => print(&render(&report)),
    }
}

fn render(report: &LoadReport) -> String {
    let mut table = Table::new(&["file", "kind", "reports", "from", "to", "values", "corrections", "sha256"]);
    for f in &report.files {
        table.row(vec![
            f.location.clone(),
            f.kind.clone(),
            group(f.reports as i64),
            f.first_report.clone().unwrap_or_default(),
            f.last_report.clone().unwrap_or_default(),
            group(f.values as i64),
            group(f.corrections as i64),
            f.sha256.chars().take(12).collect(),
        ]);
    }
    let mut out = table.render();
    for s in &report.skipped {
        out.push_str(&format!("skipped {}: {}\n", s.location, s.reason));
    }
    let s = &report.summary;
    if report.changed {
        out.push_str(&format!(
            "stored in {}: {} new values, {} revised (old values kept in the revision log), {} unchanged; {} corrections and {} notes new or changed\n",
            report.store,
            group(s.new_observations as i64),
            group(s.revised_observations as i64),
            group(s.unchanged_observations as i64),
            group(s.new_corrections as i64),
            group(s.new_notes as i64),
        ));
    } else {
        out.push_str(&format!(
            "nothing changed: {} already holds exactly these {} values\n",
            report.store,
            group(s.unchanged_observations as i64)
        ));
    }
    for version in &report.data_versions {
        out.push_str(&format!("data version: {version}\n"));
    }
    out
}

/// The public upstream of `source`.
pub(crate) fn default_base(source: SourceId) -> &'static str {
    match source {
        SourceId::Petroivaniuk => PETROIVANIUK_DEFAULT_BASE,
        SourceId::Russianwarship => RUSSIANWARSHIP_DEFAULT_BASE,
    }
}

/// Fetches `source` from `options.base_url` with a progress bar.
pub(crate) fn fetch(context: &Context, source: SourceId, options: &HttpOptions) -> Result<Vec<ParsedFile>> {
    context.info(&format!("fetching from {}", options.base_url));
    let bar = Bar::new("sync", context.quiet);
    let fetched = match source {
        SourceId::Petroivaniuk => attrition_sources::fetch_petroivaniuk(options, &bar),
        SourceId::Russianwarship => attrition_sources::fetch_russianwarship(options, &bar),
    };
    bar.finish();
    Ok(fetched?)
}

/// `attrition sync`.
pub(crate) fn sync(context: &Context, args: &SyncArgs) -> Result<()> {
    let source = match args.source {
        UpstreamArg::Petroivaniuk => SourceId::Petroivaniuk,
        UpstreamArg::Russianwarship => SourceId::Russianwarship,
        UpstreamArg::Economist => return super::assessments::sync_economist(context, args),
        UpstreamArg::Oryx => return super::oryx::sync(context, args),
    };
    let options = HttpOptions {
        base_url: args.base_url.clone().unwrap_or_else(|| default_base(source).to_owned()),
        timeout: Duration::from_secs(args.timeout),
        retries: args.retries,
        retry_pause: Duration::from_secs(1),
    };
    let files = fetch(context, source, &options).context("sync failed; the store is unchanged")?;
    let mut store = context.store()?;
    let admission = Admission { accepted: args.accept_outlier.clone(), ..Admission::default() };
    let summary = store_fetched_with(&mut store, source, &options.base_url, &files, &admission)
        .context("sync failed; the store is unchanged")?;
    finish(context, &store, &files, Vec::new(), summary)
}

/// `attrition import`.
pub(crate) fn import(context: &Context, args: &ImportArgs) -> Result<()> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    // The Economist's files hold assessments, not the daily series: read them all first (so a
    // bad one stops the import before anything is written), store them after the series.
    let (economist_paths, paths): (Vec<_>, Vec<_>) = args
        .paths
        .iter()
        .map(|path| (super::assessments::economist_files(path), path))
        .partition(|(found, _)| !found.is_empty());
    let economist = super::assessments::read_economist_paths(
        &economist_paths.into_iter().flat_map(|(found, _)| found).collect::<Vec<_>>(),
    )
    .context("import failed; the store is unchanged")?;
    // Oryx's counts go to their own tables: read first as well, stored after the series.
    let (oryx_paths, paths): (Vec<_>, Vec<_>) =
        paths.into_iter().partition(|(_, path)| attrition_sources::is_oryx_path(path));
    let oryx = super::oryx::read_paths(oryx_paths.iter().map(|(_, path)| path.as_path()))
        .context("import failed; the store is unchanged")?;
    if paths.is_empty() {
        let mut store = context.store()?;
        let stored = super::assessments::store_economist(&mut store, &economist)?;
        let oryx = super::oryx::store_read(&mut store, oryx)?;
        super::assessments::report_economist(context, &stored, false)?;
        return super::oryx::report_load(context, oryx, !stored.is_empty());
    }
    for (_, path) in paths {
        let detected = attrition_sources::read_path(path).context("import failed; the store is unchanged")?;
        for item in detected {
            match item {
                Detected::Parsed(file) => files.push(*file),
                Detected::Skipped { location, reason } => skipped.push(Skipped { location, reason }),
            }
        }
    }
    let mut store = context.store()?;
    let admission = Admission { accepted: args.accept_outlier.clone(), ..Admission::default() };
    let summary = ingest_with(&mut store, &files, &admission).context("import failed; the store is unchanged")?;
    let stored = super::assessments::store_economist(&mut store, &economist)?;
    let oryx = super::oryx::store_read(&mut store, oryx)?;
    finish(context, &store, &files, skipped, summary)?;
    super::assessments::report_economist(context, &stored, true)?;
    super::oryx::report_load(context, oryx, true)
}

/// `attrition undo`.
pub(crate) fn undo(context: &Context, args: &UndoArgs) -> Result<()> {
    let mut store = context.store()?;
    // The store's own error says what is wrong with the fetch; the ingest wrapper's "storing
    // the data" would only repeat that nothing changed.
    let done = attrition_server::ingest::undo(&mut store, args.fetch)
        .map_err(|e| match e {
            attrition_server::ingest::IngestError::Store(e) => anyhow::Error::from(e),
            other => anyhow::Error::from(other),
        })
        .context("undo failed; the store is unchanged")?;
    let data_versions: Vec<DataVersion> =
        store.sources()?.into_iter().map(|s| DataVersion { source: s.source, last_report: s.last_report }).collect();
    match context.format {
        Format::Json => print_json(&serde_json::json!({"undone": done, "data_versions": data_versions})),
        Format::Csv => print_csv(
            &[
                "fetch",
                "source",
                "location",
                "removed_values",
                "restored_values",
                "removed_corrections",
                "restored_corrections",
                "removed_notes",
                "restored_notes",
            ],
            &[vec![
                done.fetch.to_string(),
                done.source.name().to_owned(),
                done.location.clone(),
                done.removed_observations.to_string(),
                done.restored_observations.to_string(),
                done.removed_corrections.to_string(),
                done.restored_corrections.to_string(),
                done.removed_notes.to_string(),
                done.restored_notes.to_string(),
            ]],
        ),
        Format::Table => print(&render_undo(&done, &data_versions)),
    }
}

fn render_undo(done: &UndoSummary, data_versions: &[DataVersion]) -> String {
    let mut out = format!(
        "undid fetch {} ({}, {}): {} values removed and {} restored to what they were; {} corrections and {} notes removed, {} and {} restored\n",
        done.fetch,
        done.source,
        done.location,
        group(done.removed_observations as i64),
        group(done.restored_observations as i64),
        group(done.removed_corrections as i64),
        group(done.removed_notes as i64),
        group(done.restored_corrections as i64),
        group(done.restored_notes as i64),
    );
    for version in data_versions {
        out.push_str(&format!("data version: {version}\n"));
    }
    out
}
