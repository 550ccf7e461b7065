//! `attrition forecast`: the cumulative count ahead with its intervals, a threshold's crossing
//! date and probability, and, for a past as-of date, what then happened.

use crate::Context;
use crate::cli::{FanArgs, ForecastArgs, SeriesArgs};
use crate::output::{Render, Table, emit, group, provenance};
use anyhow::{Context as _, Result, anyhow};
use attrition_analysis::forecast::{
    self, DayReport, Forecast, ForecastModel, ForecastRequest, ForecastSettings, History, LEVELS,
};
use attrition_model::{Category, DataVersion, Period};
use attrition_server::derived::kept_fits;
use attrition_store::Store;
use serde::Serialize;

/// A series loaded for a model: as of the date asked, and as the data stand now.
pub(crate) struct LoadedSeries {
    /// The series as known on `--as-of`.
    pub history: History,
    /// The series as it stands now, when `--as-of` cut it.
    pub outcome: Option<History>,
    /// The source's description.
    pub source: &'static str,
    /// The data version of the full record.
    pub data_version: DataVersion,
    /// The store it was read from, where the calibrations of its data are kept.
    pub store: Store,
}

/// Loads `category` as `series` asks.
pub(crate) fn load_series(context: &Context, category: &str, series: &SeriesArgs) -> Result<LoadedSeries> {
    load_series_from(
        context,
        category,
        series.as_of.as_of.as_deref(),
        &series.convention.convention,
        series.source.source.as_deref(),
    )
}

/// Loads `category` as of `as_of`, under `convention`, from `source`.
pub(crate) fn load_series_from(
    context: &Context,
    category: &str,
    as_of: Option<&str>,
    convention: &str,
    source: Option<&str>,
) -> Result<LoadedSeries> {
    let category: Category = category.parse()?;
    let convention = convention.parse()?;
    let as_of = as_of.map(Period::parse_date).transpose()?;
    let (store, record, _) = context.record(source)?;
    let data_version = record.data_version();
    let source = record.source.description();
    let full = History::new(&record.day_table(category, convention)?)?;
    let cut = crate::record_as_of(record, as_of)?;
    let history = History::new(&cut.day_table(category, convention)?)?;
    let outcome = (full.last_day() > history.last_day()).then_some(full);
    Ok(LoadedSeries { history, outcome, source, data_version, store })
}

/// Reads a count written `750000`, `750,000`, `750k` or `1.5M`.
pub(crate) fn parse_count(text: &str) -> Result<i64> {
    forecast::parse_count(text).map_err(|e| anyhow!(e))
}

/// The request and settings `fan` asks for.
pub(crate) fn request(fan: &FanArgs, by: Option<jiff::civil::Date>) -> Result<(ForecastRequest, ForecastSettings)> {
    let model: ForecastModel = fan.model.parse()?;
    let threshold = fan.reach.as_deref().map(parse_count).transpose().context("reading --reach")?;
    let request = ForecastRequest { model, horizon: usize::try_from(fan.horizon)?, threshold, by };
    Ok((request, ForecastSettings { seed: fan.seed, ..ForecastSettings::default() }))
}

#[derive(Serialize)]
struct ForecastReport {
    #[serde(flatten)]
    forecast: Forecast,
    convention_meaning: &'static str,
    source: &'static str,
    data_version: DataVersion,
}

/// `attrition forecast`.
pub(crate) fn run(context: &Context, args: &ForecastArgs) -> Result<()> {
    let by = args.by.as_deref().map(Period::parse_date).transpose().context("reading --by")?;
    let (request, settings) = request(&args.fan, by)?;
    let series = load_series(context, &args.category, &args.series)?;
    let mut fits = kept_fits(&series.store, series.data_version.source);
    let forecast =
        forecast::forecast_reusing(&series.history, &request, &settings, series.outcome.as_ref(), &mut fits)?;
    let report = ForecastReport {
        convention_meaning: forecast.convention.explanation(),
        forecast,
        source: series.source,
        data_version: series.data_version,
    };
    if context.format == crate::output::Format::Table {
        return crate::output::print(&report.table_every(usize::try_from(args.every)?));
    }
    emit(context.format, &report)
}

fn day_report(at: &DayReport) -> String {
    format!("{} (report {})", at.day, at.report)
}

fn count(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)]
    group(x.round() as i64)
}

impl ForecastReport {
    fn table_every(&self, every: usize) -> String {
        let f = &self.forecast;
        let mut out = format!(
            "{} forecast from {} = {} (the data as of the report of {})\n",
            f.category.label(),
            f.last_day.day,
            group(f.last_value),
            f.last_day.report
        );
        out.push_str(&format!("model: {} — {}\n", f.model, f.method));
        out.push_str(&format!(
            "recent rate: {}/day over the last {} days; fitted to the last {} days{}\n\n",
            group_1(f.recent_rate),
            f.rate_window,
            f.window,
            if f.filled_days > 0 {
                format!(" ({} days filled across missing reports)", f.filled_days)
            } else {
                String::new()
            }
        ));
        let with_actual = f.path.iter().any(|p| p.actual.is_some());
        let mut header = vec!["day", "report", "median", "80% interval", "95% interval"];
        if with_actual {
            header.push("actual");
        }
        let mut table = Table::new(&header);
        let last = f.path.len();
        for point in f.path.iter().filter(|p| p.horizon % every == 0 || p.horizon == last) {
            let [q025, q10, q50, q90, q975] = point.quantiles;
            let mut row = vec![
                point.day.to_string(),
                point.report.to_string(),
                count(q50),
                format!("{} – {}", count(q10), count(q90)),
                format!("{} – {}", count(q025), count(q975)),
            ];
            if with_actual {
                let inside = |x: i64| {
                    #[allow(clippy::cast_precision_loss)]
                    let x = x as f64;
                    if q10 <= x && x <= q90 {
                        "in 80%"
                    } else if q025 <= x && x <= q975 {
                        "in 95%"
                    } else {
                        "outside"
                    }
                };
                row.push(point.actual.map_or_else(|| "—".to_owned(), |a| format!("{} ({})", group(a), inside(a))));
            }
            table.row(row);
        }
        out.push_str(&table.render());
        if let Some(crossing) = &f.crossing {
            out.push_str(&format!("\nreaching {}:\n", group(crossing.threshold)));
            if let Some(already) = &crossing.already {
                out.push_str(&format!("  already reached on {}\n", day_report(already)));
            } else {
                let [q025, q10, q50, q90, q975] = &crossing.quantiles;
                let show = |q: &Option<DayReport>| {
                    q.as_ref().map_or_else(|| format!("after {}", crossing.searched_to), |d| d.day.to_string())
                };
                out.push_str(&format!(
                    "  median date {}\n  80% interval {} .. {}\n  95% interval {} .. {}\n",
                    q50.as_ref().map_or_else(|| format!("after {}", crossing.searched_to), day_report),
                    show(q10),
                    show(q90),
                    show(q025),
                    show(q975)
                ));
            }
            if let Some((by, probability)) = &crossing.by {
                out.push_str(&format!(
                    "  probability of reaching it by the end of {} (report {}): {:.0}%\n",
                    by.day,
                    by.report,
                    100.0 * probability
                ));
            }
            if crossing.already.is_none() {
                match &crossing.actual {
                    Some(actual) => out.push_str(&format!("  what happened: reached on {}\n", day_report(actual))),
                    None if with_actual => out.push_str("  what happened: not reached in the data so far\n"),
                    None => {}
                }
            }
        }
        out.push_str(&format!(
            "\nintervals: central 80% ({:.0}–{:.0}th percentiles) and 95%; seed {} for the random parts\n",
            100.0 * LEVELS[1],
            100.0 * LEVELS[3],
            f.seed
        ));
        out.push_str(&provenance(Some(f.convention), self.source, &self.data_version));
        out
    }
}

fn group_1(x: f64) -> String {
    crate::output::decimal1(x)
}

impl Render for ForecastReport {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let f = &self.forecast;
        let rows = f
            .path
            .iter()
            .map(|p| {
                let mut row = vec![
                    f.category.id().to_owned(),
                    f.model.id().to_owned(),
                    f.last_day.day.to_string(),
                    p.day.to_string(),
                    p.report.to_string(),
                    p.horizon.to_string(),
                    format!("{:.1}", p.mean),
                ];
                row.extend(p.quantiles.iter().map(|q| format!("{q:.1}")));
                row.push(p.actual.map(|a| a.to_string()).unwrap_or_default());
                row.push(f.convention.name().to_owned());
                row.push(self.data_version.to_string());
                row
            })
            .collect();
        (
            vec![
                "category",
                "model",
                "origin_day",
                "day",
                "report",
                "horizon",
                "mean",
                "q025",
                "q10",
                "q50",
                "q90",
                "q975",
                "actual",
                "convention",
                "data_version",
            ],
            rows,
        )
    }

    fn table(&self) -> String {
        self.table_every(7)
    }
}
