//! The `attrition` command line: parses arguments, opens the store, calls the library crates and
//! prints their results as a table, JSON or CSV. No arithmetic lives here.
//!
//! Exit codes: 0 success, 1 an error (bad input, unreachable upstream, missing data), 2 a usage
//! error. A closed stdout (for example `attrition daily … | head`) ends quietly with 0.

mod cli;
mod commands;
mod output;
mod progress;

use anyhow::{Context as _, Result, anyhow};
use attrition_analysis::Record;
use attrition_model::{Convention, Period, SourceId};
use attrition_store::{SourceSummary, Store};
use clap::Parser;
use jiff::civil::Date;
use output::Format;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command gets: where the store is and how to print.
pub(crate) struct Context {
    db: Option<PathBuf>,
    format: Format,
    quiet: bool,
}

impl Context {
    fn db_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => attrition_store::default_path()
                .ok_or_else(|| anyhow!("cannot find the platform data directory; give --db PATH or set ATTRITION_DB")),
        }
    }

    /// Opens (creating if needed) the store.
    pub(crate) fn store(&self) -> Result<Store> {
        let path = self.db_path()?;
        Store::open(&path).with_context(|| format!("opening the store {}", path.display()))
    }

    /// Informational message on stderr unless quiet.
    pub(crate) fn info(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// The record of the requested source, or of the source with the latest report.
    pub(crate) fn record(&self, requested: Option<&str>) -> Result<(Store, Record, SourceSummary)> {
        let store = self.store()?;
        let sources = store.source_versions()?;
        if sources.is_empty() {
            return Err(anyhow!(
                "the store {} holds no data yet: run `attrition sync` (or `attrition import PATH` for local copies)",
                store.path().display()
            ));
        }
        let summary = match requested {
            None => sources[0].clone(),
            Some(name) => {
                let wanted: SourceId = name.parse()?;
                sources.iter().find(|s| s.source == wanted).cloned().ok_or_else(|| {
                    anyhow!(
                        "nothing stored from {wanted}; stored: {}",
                        sources.iter().map(|s| s.source.name()).collect::<Vec<_>>().join(", ")
                    )
                })?
            }
        };
        let stored = store.load(summary.source)?;
        let record = Record::build(summary.source, stored.observations, stored.corrections, stored.notes)
            .ok_or_else(|| anyhow!("nothing stored from {}", summary.source))?;
        Ok((store, record, summary))
    }
}

/// What a figure command works on: the record as of the date asked, and the choices made.
pub(crate) struct Figures {
    /// The record, cut to the reports known on `--as-of`.
    pub record: Record,
    /// The convention.
    pub convention: Convention,
    /// Whether totals are net of corrections.
    pub net: bool,
    /// The store it was read from, where derived figures are kept.
    pub store: Store,
}

/// The record as it was known on `as_of` (the whole record when none is given).
pub(crate) fn record_as_of(record: Record, as_of: Option<Date>) -> Result<Record> {
    match as_of {
        None => Ok(record),
        Some(day) => record_on(&record, day),
    }
}

/// The record as it was known on `day`, built from `record` without copying it first.
pub(crate) fn record_on(record: &Record, day: Date) -> Result<Record> {
    let first = record.first_report;
    record.as_of(day).ok_or_else(|| {
        anyhow!("--as-of {day}: no reports on or before {day}; the stored record starts with the report of {first}")
    })
}

impl Context {
    /// Reads the convention, `--as-of` and the source, and loads the record.
    pub(crate) fn figures(&self, args: &cli::FigureArgs) -> Result<Figures> {
        let convention: Convention = args.convention.convention.parse()?;
        let as_of = args.as_of.as_of.as_deref().map(Period::parse_date).transpose()?;
        let (store, record, _) = self.record(args.source.source.as_deref())?;
        Ok(Figures { record: record_as_of(record, as_of)?, convention, net: args.net_of_corrections, store })
    }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let format = if cli.json {
        Format::Json
    } else if cli.csv {
        Format::Csv
    } else {
        Format::Table
    };
    let context = Context { db: cli.db, format, quiet: cli.quiet };
    match commands::dispatch(&context, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", render_error(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes joined by `: ` like `{error:#}`, except that a cause whose text
/// already ends the message (an error whose own message embeds its source) is not repeated.
pub(crate) fn render_error(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if text.ends_with(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
