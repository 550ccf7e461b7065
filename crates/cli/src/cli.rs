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
    /// Take back what one stored fetch brought (default: the latest), restoring what it
    /// replaced, in one transaction; `status` lists the fetches with their ids.
    Undo(UndoArgs),
    /// Period totals, daily averages and cumulative counts.
    Total(TotalArgs),
    /// The daily series as published and net of corrections, with flags.
    Daily(DailyArgs),
    /// The categories and their names in every upstream.
    Categories,
    /// Periods ranked by total, as the data stood on any date ("the second-highest month").
    Rank(RankArgs),
    /// The highest day, week, month, quarter and year of each category.
    Records(RecordsArgs),
    /// A period against the previous one and the same span a year earlier.
    Trend(TrendArgs),
    /// Daily totals with rolling 7- and 30-day averages (or other windows).
    Rolling(RollingArgs),
    /// Each equipment category's share of a period's equipment losses.
    Shares(SharesArgs),
    /// One category per another (e.g. personnel per tank), or per km² gained (--area), period by
    /// period.
    Ratio(RatioArgs),
    /// Force balance: recruits a month against irrecoverable losses (stock-flow identity, with a
    /// seeded Monte Carlo over the assumed ranges), and what an intake replaces.
    Balance(BalanceArgs),
    /// The one-page briefing: latest report, recent days, months and year with ranks, records,
    /// cumulative totals. Syncs first when the store is empty or more than a day old.
    Report(ReportArgs),
    /// Draw a chart as PNG or SVG: daily bars with averages, ranked months, cumulative line,
    /// or equipment categories.
    Chart(ChartArgs),
    /// The cumulative count ahead with 80% and 95% intervals, and when it reaches a threshold
    /// ("750,000 before the end of the year?"), as of any date.
    Forecast(ForecastArgs),
    /// Every forecasting model refitted at weekly origins over the whole history and scored:
    /// error, and how often its 80% and 95% intervals held the outcome.
    Backtest(BacktestArgs),
    /// Capture–recapture: how many were missed by every list, from a CSV of list memberships
    /// (Chapman and Lincoln–Petersen, Rcapture's log-linear models, dga model averaging).
    Mse(MseArgs),
    /// Published estimates from other organisations (UK Defence Intelligence, CSIS, BBC with
    /// Mediazona, The Economist's table…), each beside the General Staff series at the same date
    /// with the difference in definitions stated; `sources add FILE` adds your own.
    Sources(SourcesArgs),
    /// Every numeric loss claim in a text (extract), checked against the data as of its date
    /// (check), over JSON Lines archives too (--jsonl), and scored against labelled articles (eval).
    Claims(ClaimsArgs),
    /// The killed, from every route the assessments support (named deaths ÷ coverage, casualties ×
    /// killed share…), each assumption printed, pooled, and set beside The Economist's model.
    Estimate(EstimateArgs),
    /// The General Staff's claims against Oryx's visually confirmed equipment losses, category by
    /// category, at period ends: both cumulative counts, the ratio and the gap, with the caveats.
    Oryx(OryxArgs),
    /// Serve the JSON/CSV API (`/api/v1/`) and the dashboard (`/`) over HTTP; read-only unless
    /// started with a token.
    Serve(ServeArgs),
}

/// `attrition serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one; the chosen address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// The token that writes (POST /api/v1/assessments, POST /api/v1/sync) need as
    /// `Authorization: Bearer TOKEN`; without one the server is read-only.
    #[arg(long, env = "ATTRITION_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Allow browser pages from this origin to call the API (repeatable; CORS is off otherwise).
    #[arg(long = "cors", value_name = "ORIGIN")]
    pub cors: Vec<String>,
    /// Where POST /api/v1/sync fetches the daily series from (default: the PetroIvaniuk dataset).
    #[arg(long, env = "ATTRITION_UPSTREAM")]
    pub upstream: Option<String>,
    /// Time limit of one request, in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Seconds a request's headers may take to arrive, from their first byte (slow clients are
    /// cut off).
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub header_timeout: f64,
    /// Seconds a connection may stay open with no request in flight and nothing moving.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub idle_timeout: f64,
    /// How many connections may be open at once; past it a new one gets 503 and is closed.
    #[arg(long, default_value_t = 1024, value_name = "N")]
    pub max_connections: usize,
    /// Seconds SIGTERM or Ctrl-C waits for open requests before the server exits anyway.
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS")]
    pub shutdown_timeout: f64,
    /// The longest text POST /api/v1/claims/check takes, in bytes (longer: 413).
    #[arg(long, default_value_t = attrition_server::MAX_CLAIM_TEXT, value_name = "BYTES")]
    pub max_claim_text: usize,
}

/// Which upstream to fetch.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UpstreamArg {
    /// The PetroIvaniuk dataset's raw JSON files on GitHub.
    Petroivaniuk,
    /// The russianwarship.rip API v2, paged.
    Russianwarship,
    /// The Economist's table of published estimates, the UK MoD and Meduza series, and its pooled
    /// meta-estimates (assessments, not the daily series).
    Economist,
    /// Oryx's visually confirmed equipment losses (scarnecchia/oryx_data daily_count.csv); kept
    /// apart from the General Staff series.
    Oryx,
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
    /// Let in one day's rise above the category's outlier bound (DATE:CATEGORY, e.g.
    /// 2026-08-09:personnel); repeatable. The acceptance is recorded with the fetch.
    #[arg(long = "accept-outlier", value_name = "DATE:CATEGORY")]
    pub accept_outlier: Vec<attrition_analysis::Acceptance>,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories (every .json file directly inside is read).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Let in one day's rise above the category's outlier bound (DATE:CATEGORY, e.g.
    /// 2026-08-09:personnel); repeatable. The acceptance is recorded with the fetch.
    #[arg(long = "accept-outlier", value_name = "DATE:CATEGORY")]
    pub accept_outlier: Vec<attrition_analysis::Acceptance>,
}

/// `undo` arguments.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The fetch to take back (its id in `attrition status`); default: the latest not undone.
    #[arg(value_name = "FETCH")]
    pub fetch: Option<i64>,
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

/// The date the figures are computed as of.
#[derive(Debug, Args)]
pub struct AsOfArgs {
    /// Use only the reports dated on or before this day: what was known then.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// Flags every figure command shares.
#[derive(Debug, Args)]
pub struct FigureArgs {
    /// Subtract the corrections the General Staff applied.
    #[arg(long)]
    pub net_of_corrections: bool,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    #[command(flatten)]
    pub convention: ConventionArgs,
    #[command(flatten)]
    pub source: SourceArg,
}

/// A period given as `--period` or `--from/--to`.
#[derive(Debug, Args)]
pub struct PeriodArgs {
    /// A day (2024-09-26), ISO week (2024-W39), month (2024-09), quarter (2024-Q3), year (2024) or all.
    #[arg(long, conflicts_with_all = ["from", "to"], value_name = "PERIOD")]
    pub period: Option<String>,
    /// First day of a range (with --to).
    #[arg(long, requires = "to", value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of a range (with --from).
    #[arg(long, requires = "from", value_name = "DATE")]
    pub to: Option<String>,
}

/// `rank` flags.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// The category.
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    /// The kind of period: day, week, month, quarter or year.
    #[arg(long, default_value = "month", value_name = "KIND")]
    pub by: String,
    /// Show only the first N ranked periods.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: Option<u32>,
    /// List only complete periods (leave out the first and the current one).
    #[arg(long, conflicts_with = "include_partial")]
    pub complete_only: bool,
    /// Rank incomplete periods too (the first, partial one and the one in progress).
    #[arg(long)]
    pub include_partial: bool,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `records` flags.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    /// Categories (default: every stored category).
    #[arg(value_name = "CATEGORY")]
    pub categories: Vec<String>,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `trend` flags.
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The category.
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    /// The period (default: the month of the last day with data).
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `rolling` flags.
#[derive(Debug, Args)]
pub struct RollingArgs {
    /// The category.
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    /// First day (default: 60 days before the last).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day (default: the last day with data).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Window lengths in days, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "7,30", value_name = "DAYS",
          value_parser = clap::value_parser!(u16).range(1..=3660))]
    pub windows: Vec<u16>,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `shares` flags.
#[derive(Debug, Args)]
pub struct SharesArgs {
    /// The period (default: all).
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `ratio` flags.
#[derive(Debug, Args)]
pub struct RatioArgs {
    /// The numerator (e.g. personnel).
    #[arg(value_name = "NUMERATOR")]
    pub numerator: String,
    /// The denominator (e.g. tanks); leave it out with --area.
    #[arg(value_name = "DENOMINATOR", required_unless_present = "area", conflicts_with = "area")]
    pub denominator: Option<String>,
    /// Per km² gained instead: The Economist's area_assessed_as_controlled_by_russia.csv (daily
    /// area, m²) or a CSV with columns period,km2 (km² gained per period).
    #[arg(long, value_name = "FILE")]
    pub area: Option<PathBuf>,
    /// The kind of period: week, month, quarter or year (default: month; with a period,km2 file,
    /// only its rows of this kind).
    #[arg(long, value_name = "KIND")]
    pub by: Option<String>,
    /// With --area: only this period (2024, 2025-05, 2024-Q3, 2024-W05, 2025-05-01..2025-08-31), or
    /// with --by the periods inside it.
    #[arg(long, conflicts_with = "denominator", value_name = "PERIOD")]
    pub period: Option<String>,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `balance` flags.
#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Recruits a month, a range LOW..HIGH (30000..36000, 30000..36000/month) or one number.
    #[arg(long, value_name = "LOW..HIGH", allow_hyphen_values = true)]
    pub recruits: String,
    /// Share of personnel losses lost for good (killed, seriously wounded, captured, missing), a
    /// range in [0, 1] (default: 0.4..0.6, METHODS.md 5.1).
    #[arg(long, value_name = "LOW..HIGH", allow_hyphen_values = true)]
    pub irrecoverable_share: Option<String>,
    /// Days of losses, ending on the last day with data, that give the loss rate.
    #[arg(long, default_value_t = 30, value_name = "DAYS", allow_negative_numbers = true,
          value_parser = clap::value_parser!(i64).range(1..=100_000))]
    pub window: i64,
    /// A number of new people (e.g. a year's conscripts or a call-up): how many days and weeks of
    /// losses they replace at the current rate.
    #[arg(long, value_name = "N", allow_negative_numbers = true,
          value_parser = clap::value_parser!(i64).range(1..=1_000_000_000))]
    pub intake: Option<i64>,
    /// Monte Carlo draws.
    #[arg(long, default_value_t = attrition_analysis::DEFAULT_DRAWS, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(attrition_analysis::MAX_DRAWS)))]
    pub draws: u32,
    /// Seed of the Monte Carlo generator (the same seed gives the same output).
    #[arg(long, default_value_t = attrition_analysis::DEFAULT_SEED, value_name = "N")]
    pub seed: u64,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// `report` flags.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Never sync first; use what the store holds.
    #[arg(long)]
    pub offline: bool,
    /// Sync first when the stored data were last refreshed more than this many hours ago.
    #[arg(long, default_value_t = 24, value_name = "HOURS", value_parser = clap::value_parser!(u32).range(0..=100_000))]
    pub max_age: u32,
    /// A mirror's base URL for the automatic sync instead of the public upstream.
    #[arg(long, env = "ATTRITION_UPSTREAM", value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub figures: FigureArgs,
}

/// What a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Daily bars with the 7- and 30-day averages.
    Daily,
    /// Monthly bars, the ranked month highlighted.
    Monthly,
    /// The cumulative count with threshold lines.
    Cumulative,
    /// Each equipment category's total over the span.
    Categories,
    /// The cumulative count with the forecast fan (median, 80% and 95% intervals) from the
    /// as-of date, what happened since where the data show it, and the --reach crossing.
    Forecast,
    /// The General Staff's cumulative personnel count against the published estimates of
    /// casualties, killed and named deaths (Russian side), ranges as error bars.
    Assessments,
}

/// `chart` flags.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// The category (ignored by --kind categories).
    #[arg(value_name = "CATEGORY", default_value = "personnel")]
    pub category: String,
    /// What to draw.
    #[arg(long, value_enum, default_value = "daily")]
    pub kind: ChartKind,
    /// The file to write; .png or .svg.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// First day (default: 90 days before the last for daily, the invasion otherwise).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day (default: the last day with data).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// The month to highlight on a monthly chart (default: the highest complete month).
    #[arg(long, value_name = "MONTH")]
    pub highlight: Option<String>,
    /// Threshold lines on a cumulative chart, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "N")]
    pub thresholds: Vec<i64>,
    /// The forecast (with --kind forecast).
    #[command(flatten)]
    pub fan: FanArgs,
    /// Width in pixels.
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(320..=8000))]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 675, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub height: u32,
    #[command(flatten)]
    pub figures: FigureArgs,
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
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
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

/// The series a model reads: as of a date, under a convention, from a source.
#[derive(Debug, Args)]
pub struct SeriesArgs {
    #[command(flatten)]
    pub as_of: AsOfArgs,
    #[command(flatten)]
    pub convention: ConventionArgs,
    #[command(flatten)]
    pub source: SourceArg,
}

/// What a forecast is asked for, in `forecast` and `chart --kind forecast`.
#[derive(Debug, Args)]
pub struct FanArgs {
    /// Days ahead to forecast the path.
    #[arg(long, default_value_t = 90, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=1461))]
    pub horizon: u32,
    /// A threshold: when does the cumulative count reach it (median date, 80% and 95% intervals)?
    #[arg(long, value_name = "N")]
    pub reach: Option<String>,
    /// recent-rate, local-level, local-trend, negative-binomial or calibrated (default: calibrated,
    /// the one the backtest supports).
    #[arg(long, default_value = "calibrated", value_name = "MODEL")]
    pub model: String,
    /// Seed of the random parts (the bootstrap and negative-binomial simulations).
    #[arg(long, default_value_t = 20_240_928, value_name = "N")]
    pub seed: u64,
}

/// `forecast` flags.
#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// The category (e.g. personnel, tanks).
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    #[command(flatten)]
    pub fan: FanArgs,
    /// With --reach: the probability of reaching it by the end of this day.
    #[arg(long, requires = "reach", value_name = "DATE")]
    pub by: Option<String>,
    /// Print every Nth day of the path (the last day is always printed).
    #[arg(long, default_value_t = 7, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=1461))]
    pub every: u32,
    #[command(flatten)]
    pub series: SeriesArgs,
}

/// `backtest` flags.
#[derive(Debug, Args)]
pub struct BacktestArgs {
    /// The category (e.g. personnel, tanks).
    #[arg(value_name = "CATEGORY")]
    pub category: String,
    /// Models to score, comma-separated (default: all).
    #[arg(long, value_delimiter = ',', value_name = "MODELS")]
    pub models: Vec<String>,
    /// Horizons in days, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "7,30,90", value_name = "DAYS",
          value_parser = clap::value_parser!(u32).range(1..=1461))]
    pub horizons: Vec<u32>,
    /// Days between origins.
    #[arg(long, default_value_t = 7, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=365))]
    pub step: u32,
    /// Also test crossing dates: the next multiple of N (e.g. 100k) seen from each origin.
    #[arg(long, value_name = "N")]
    pub milestones: Option<String>,
    /// Seed of the random parts.
    #[arg(long, default_value_t = 20_240_928, value_name = "N")]
    pub seed: u64,
    #[command(flatten)]
    pub series: SeriesArgs,
}

/// `sources` flags.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SourcesArgs {
    /// `add FILE`: add your own assessments.
    #[command(subcommand)]
    pub action: Option<SourcesAction>,
    /// Only this metric (killed, named_killed, casualties, personnel_losses, recruited, …).
    #[arg(long, value_name = "METRIC")]
    pub metric: Option<String>,
    /// Only this side (russia, ukraine).
    #[arg(long, value_name = "SIDE")]
    pub side: Option<String>,
    /// Only curated, user or economist rows.
    #[arg(long, value_name = "ORIGIN")]
    pub origin: Option<String>,
    /// Only organisations whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    #[command(flatten)]
    pub convention: ConventionArgs,
}

/// What `sources` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum SourcesAction {
    /// Add assessments from a CSV in the registry's format (see registry/README.md); validated,
    /// stored, and listed as `user` rows.
    Add {
        /// The CSV file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// `estimate` flags.
#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// What to estimate: killed.
    #[arg(value_name = "METRIC")]
    pub metric: String,
    /// Instead of one date: the pooled estimate at every month end from --from (default
    /// 2023-01-31) to the as-of date, beside The Economist's pooled model on the same days.
    #[arg(long)]
    pub path: bool,
    /// With --path: the first month end.
    #[arg(long, requires = "path", value_name = "DATE")]
    pub from: Option<String>,
    #[command(flatten)]
    pub as_of: AsOfArgs,
    #[command(flatten)]
    pub convention: ConventionArgs,
}

/// `oryx` flags.
#[derive(Debug, Args)]
pub struct OryxArgs {
    /// Categories (default: every category with an Oryx counterpart; see --mapping).
    #[arg(value_name = "CATEGORY")]
    pub categories: Vec<String>,
    /// Compare at the end of every month, quarter or year both cover, as well as on the latest
    /// day (default: the latest day only).
    #[arg(long, value_name = "KIND")]
    pub by: Option<String>,
    /// Print how Oryx's equipment types map onto the categories, what does not map and why.
    #[arg(long, conflicts_with_all = ["categories", "by"])]
    pub mapping: bool,
    #[command(flatten)]
    pub series: SeriesArgs,
}

/// `mse` flags.
#[derive(Debug, Args)]
pub struct MseArgs {
    /// A CSV with one 0/1 column per list and a `count` column (records per capture pattern), or
    /// one row per record with one 0/1 column per list (an `id` column is ignored).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// chapman (two lists at a time, with Lincoln–Petersen), loglinear (Rcapture's models), dga
    /// (Bayesian model averaging over decomposable graphs) or all.
    #[arg(long, default_value = "all", value_name = "METHOD",
          value_parser = ["chapman", "loglinear", "dga", "all"])]
    pub method: String,
    /// Only these lists, in this order (comma-separated column names); records on none of them
    /// drop out.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub lists: Vec<String>,
    /// dga: the prior weight per cell (default 2^-J for J lists).
    #[arg(long, value_name = "DELTA")]
    pub delta: Option<f64>,
    /// dga: the grid of missed records FROM..TO (default: from 0, extended until the posterior's
    /// tail is below 1e-6).
    #[arg(long, value_name = "FROM..TO")]
    pub missing: Option<String>,
    /// Log-linear: how many of the best two-way interaction models (by AIC) to show.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub top: usize,
}

/// `claims` flags.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: ClaimsAction,
}

/// The text to read.
#[derive(Debug, Args)]
pub struct ClaimsInput {
    /// The text file, or - for standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
    /// The day the text was published (periods are resolved against it; checking uses the data
    /// as of it).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// FILE holds JSON Lines, one {"id", "date", "text"} document per line; one JSON result per
    /// line is printed, in input order, as the archive is read (it is never held in memory whole).
    #[arg(long)]
    pub jsonl: bool,
    /// Documents of a --jsonl archive worked on at once (default: one per core).
    #[arg(long, value_name = "N", requires = "jsonl")]
    pub jobs: Option<std::num::NonZeroUsize>,
}

/// What `claims` can do.
#[derive(Debug, Subcommand)]
pub enum ClaimsAction {
    /// The claims a text makes, as structured records.
    Extract(ClaimsInput),
    /// The claims with verdicts: supported, contradicted, not checkable or metric mismatch, each
    /// with the figure, the tolerance and the convention.
    Check(ClaimsInput),
    /// Precision, recall and F1 per field, verdict accuracy, the verdict confusion matrix and the
    /// false-support and false-contradiction rates against labelled articles, for one or more
    /// sets (GOLD ARTICLES_DIR pairs), each scored apart and all together.
    Eval {
        /// GOLD ARTICLES_DIR pairs: the labels (gold.jsonl) and the directory of their articles
        /// (NN.txt); give several pairs to score several sets at once.
        #[arg(value_name = "GOLD ARTICLES_DIR", num_args = 2.., required = true)]
        sets: Vec<PathBuf>,
        /// The distractors of a single set (default: distractors.jsonl beside each GOLD).
        #[arg(long, value_name = "FILE")]
        distractors: Option<PathBuf>,
        /// Also list every matched claim that differs from its label (fields and verdict).
        #[arg(long)]
        details: bool,
    },
}
