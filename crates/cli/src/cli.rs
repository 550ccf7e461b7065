//! The command line as clap sees it: a literal record of the flags. Validation into domain
//! types happens in the commands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// attrition: a verifiable record of reported military losses, and the figures people quote.
#[derive(Debug, Parser)]
#[command(name = "attrition", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The store file (default: the platform data directory, e.g. ~/.local/share/attrition/attrition.db).
    #[arg(long, global = true, env = "ATTRITION_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long, global = true, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV instead of a table.
    #[arg(long, global = true)]
    pub csv: bool,
    /// No progress bars or informational messages on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fetch the General Staff series from a public upstream (or a mirror) into the store.
    Sync(SyncArgs),
    /// Read local copies of the upstream files (files or directories) into the store.
    Import(ImportArgs),
    /// What is stored: sources, date range, data version, provenance and a validation report.
    Status(SourceArg),
    /// Period totals, daily averages and cumulative counts.
    Total(TotalArgs),
    /// The daily series as published and net of corrections, with flags.
    Daily(DailyArgs),
    /// The categories and their names in every upstream.
    Categories,
}

/// Which upstream to fetch.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UpstreamArg {
    /// The PetroIvaniuk dataset's raw JSON files on GitHub.
    Petroivaniuk,
    /// The russianwarship.rip API v2, paged.
    Russianwarship,
}

/// `sync` flags.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Which upstream.
    #[arg(long, value_enum, default_value = "petroivaniuk")]
    pub source: UpstreamArg,
    /// A mirror's base URL instead of the public upstream.
    #[arg(long, env = "ATTRITION_UPSTREAM", value_name = "URL")]
    pub base_url: Option<String>,
    /// Seconds allowed for each request.
    #[arg(long, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Retries of a failed request (with a doubling pause from one second).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories (every .json file directly inside is read).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Choice of stored source for figures.
#[derive(Debug, Args)]
pub struct SourceArg {
    /// Which stored copy of the series to use (default: the one with the latest report).
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
}

/// Convention flags shared by figure commands.
#[derive(Debug, Args)]
pub struct ConventionArgs {
    /// loss-day (the report dated D counts as losses of D-1; default) or report-day (as dated).
    #[arg(long, default_value = "loss-day", value_name = "CONVENTION")]
    pub convention: String,
}

/// `total` flags.
#[derive(Debug, Args)]
pub struct TotalArgs {
    /// The category (e.g. personnel, tanks, afv, artillery, uav).
    #[arg(value_name = "CATEGORY")]
    pub category: Option<String>,
    /// Several categories, comma-separated.
    #[arg(long = "category", value_delimiter = ',', value_name = "CATEGORIES")]
    pub categories: Vec<String>,
    /// Every stored category.
    #[arg(long)]
    pub all_categories: bool,
    /// A day (2024-09-26), ISO week (2024-W39), month (2024-09), quarter (2024-Q3), year (2024) or all.
    #[arg(long, conflicts_with_all = ["from", "to"], value_name = "PERIOD")]
    pub period: Option<String>,
    /// First day of a range (with --to).
    #[arg(long, requires = "to", value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of a range (with --from).
    #[arg(long, requires = "from", value_name = "DATE")]
    pub to: Option<String>,
    /// Subtract the corrections the General Staff applied in the period.
    #[arg(long)]
    pub net_of_corrections: bool,
    #[command(flatten)]
    pub convention: ConventionArgs,
    #[command(flatten)]
    pub source: SourceArg,
}

/// `daily` flags.
#[derive(Debug, Args)]
pub struct DailyArgs {
    /// The category.
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    /// First day.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day (default: the last day with data).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub convention: ConventionArgs,
    #[command(flatten)]
    pub source: SourceArg,
}
