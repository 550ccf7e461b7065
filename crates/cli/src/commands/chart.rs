//! `attrition chart`: turns the analysis crate's series into a chart description and has the
//! charts crate draw it to PNG or SVG. Every chart carries its source, convention and data
//! version in the footer.

use crate::Context;
use crate::cli::{ChartArgs, ChartKind};
use crate::output::{Render, decimal1, emit, group, ordinal};
use anyhow::{Context as _, Result, bail};
use attrition_analysis::forecast;
use attrition_analysis::{DayTable, Record, milestones};
use attrition_charts::{
    BandShade, CategoryBar, CategoryChart, Chart, DateMarker, Frame, LineEmphasis, OutputFormat, RangeGroup, Threshold,
    TimeBand, TimeBar, TimeChart, TimeLine, TimeRange,
};
use attrition_model::{Category, Convention, MethodClass, Metric, Period, PeriodKind, Scope, Side, WAR_START};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

#[derive(Serialize)]
struct Written {
    path: String,
    format: &'static str,
    width: u32,
    height: u32,
    bytes: u64,
    title: String,
    data_version: String,
}

impl Render for Written {
    fn csv(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        (
            vec!["path", "format", "width", "height", "bytes", "title", "data_version"],
            vec![vec![
                self.path.clone(),
                self.format.to_owned(),
                self.width.to_string(),
                self.height.to_string(),
                self.bytes.to_string(),
                self.title.clone(),
                self.data_version.clone(),
            ]],
        )
    }

    fn table(&self) -> String {
        format!(
            "wrote {} ({}, {}x{}, {} bytes): {}\ndata version: {}\n",
            self.path,
            self.format,
            self.width,
            self.height,
            group(i64::try_from(self.bytes).unwrap_or(i64::MAX)),
            self.title,
            self.data_version
        )
    }
}

/// `attrition chart`.
pub(crate) fn run(context: &Context, args: &ChartArgs) -> Result<()> {
    let format = OutputFormat::from_path(&args.out)?;
    let figures = context.figures(&args.figures)?;
    let record = &figures.record;
    let convention = figures.convention;
    let last_day = record.last_day(convention);
    let to = args.to.as_deref().map(Period::parse_date).transpose()?.unwrap_or(last_day).min(last_day);
    let from = match args.from.as_deref() {
        Some(text) => Period::parse_date(text)?,
        None if args.kind == ChartKind::Daily => to.checked_sub(89.days())?,
        None => WAR_START,
    };
    if to < from {
        bail!("--to ({to}) is before --from ({from})");
    }
    let footer = vec![
        format!("Source: {}", record.source.description()),
        format!("Convention: {}", convention.explanation()),
        format!(
            "Data version: {}{}. Drawn by attrition.",
            record.data_version(),
            if figures.net { "; net of corrections" } else { "" }
        ),
    ];
    let mut data_version = record.data_version().to_string();
    let chart = match args.kind {
        ChartKind::Categories => categories(record, convention, figures.net, from, to, footer)?,
        ChartKind::Assessments => assessments_chart(context, record, convention, from, to, footer)?,
        ChartKind::Forecast => {
            let (chart, version) = forecast_fan(context, args, footer)?;
            data_version = version;
            chart
        }
        kind => {
            let category: Category = args.category.parse()?;
            let table = record.day_table(category, convention)?;
            match kind {
                ChartKind::Daily => daily(record, &table, figures.net, from, to, footer)?,
                ChartKind::Monthly => monthly(record, category, convention, figures.net, from, to, args, footer)?,
                _ => cumulative(record, &table, from, to, &args.thresholds, footer)?,
            }
        }
    };
    let title = match &chart {
        Chart::Time(t) => t.frame.title.clone(),
        Chart::Categories(c) => c.frame.title.clone(),
    };
    attrition_charts::write(&chart, &args.out, args.width, args.height)?;
    let bytes = std::fs::metadata(&args.out).with_context(|| format!("reading {}", args.out.display()))?.len();
    emit(
        context.format,
        &Written {
            path: args.out.display().to_string(),
            format: match format {
                OutputFormat::Png => "png",
                OutputFormat::Svg => "svg",
            },
            width: args.width,
            height: args.height,
            bytes,
            title,
            data_version,
        },
    )
}

#[allow(clippy::cast_precision_loss)]
fn float(value: i64) -> f64 {
    value as f64
}

fn frame(title: String, y_label: &str, footer: Vec<String>) -> Frame {
    Frame { title, x_label: "day".to_owned(), y_label: y_label.to_owned(), footer }
}

fn daily(record: &Record, table: &DayTable, net: bool, from: Date, to: Date, footer: Vec<String>) -> Result<Chart> {
    let category = table.category();
    let rows = record.rolling(category, table.convention(), net, from, to, &[7, 30])?;
    let bars = rows
        .iter()
        .map(|r| TimeBar { start: r.day, end: r.day, value: float(r.total), highlight: false, label: None })
        .collect();
    let line = |index: usize, name: &str, emphasis| TimeLine {
        name: name.to_owned(),
        points: rows.iter().filter_map(|r| r.averages.get(index).copied().flatten().map(|a| (r.day, a))).collect(),
        emphasis,
    };
    let lines =
        vec![line(0, "7-day average", LineEmphasis::Primary), line(1, "30-day average", LineEmphasis::Secondary)];
    let (first, last) = (rows.first().map_or(from, |r| r.day), rows.last().map_or(to, |r| r.day));
    Ok(Chart::Time(TimeChart {
        frame: frame(
            format!("{}: daily losses, {first} to {last}", category.label()),
            &format!("{} per day", category.label()),
            footer,
        ),
        bars,
        lines,
        thresholds: Vec::new(),
        bands: Vec::new(),
        markers: Vec::new(),
        ranges: Vec::new(),
        range_groups: Vec::new(),
    }))
}

#[allow(clippy::too_many_arguments)]
fn monthly(
    record: &Record,
    category: Category,
    convention: Convention,
    net: bool,
    from: Date,
    to: Date,
    args: &ChartArgs,
    footer: Vec<String>,
) -> Result<Chart> {
    let ranking = record.ranking(category, PeriodKind::Month, convention, net, false)?;
    let highlight = match args.highlight.as_deref() {
        Some(text) => {
            let month = Period::parse(text)?;
            if month.kind != PeriodKind::Month {
                bail!("--highlight takes a month (2024-09), not {text:?}");
            }
            Some(month.start)
        }
        None => ranking.ranked_periods().next().map(|p| p.period_start),
    };
    let mut periods: Vec<_> = ranking.periods.iter().filter(|p| p.period_end >= from && p.period_start <= to).collect();
    periods.sort_by_key(|p| p.period_start);
    if periods.is_empty() {
        bail!("no months of {category} between {from} and {to}");
    }
    let bars = periods
        .iter()
        .map(|p| {
            let is_highlight = Some(p.period_start) == highlight;
            let label = is_highlight.then(|| match p.rank {
                Some(rank) => format!("{}: {} of {}", p.figure.label, ordinal(rank), ranking.ranked),
                None => format!("{}: {}", p.figure.label, p.incomplete.map_or("", |i| i.describe())),
            });
            TimeBar {
                start: p.period_start,
                end: p.period_end,
                value: float(p.figure.total),
                highlight: is_highlight,
                label,
            }
        })
        .collect();
    Ok(Chart::Time(TimeChart {
        frame: Frame {
            title: format!(
                "{}: monthly losses (ranked among {} complete months as of {})",
                category.label(),
                ranking.ranked,
                ranking.as_of
            ),
            x_label: "month".to_owned(),
            y_label: format!("{} per month", category.label()),
            footer,
        },
        bars,
        lines: Vec::new(),
        thresholds: Vec::new(),
        bands: Vec::new(),
        markers: Vec::new(),
        ranges: Vec::new(),
        range_groups: Vec::new(),
    }))
}

/// The General Staff's personnel line against every published Russian estimate of casualties,
/// killed and named deaths (cumulative figures; belligerents' own claims left out), as error bars.
fn assessments_chart(
    context: &Context,
    record: &Record,
    convention: Convention,
    from: Date,
    to: Date,
    footer: Vec<String>,
) -> Result<Chart> {
    let store = context.store()?;
    let groups = [
        (Metric::Casualties, "casualties (published estimates)"),
        (Metric::Killed, "killed (published estimates)"),
        (Metric::NamedKilled, "deaths confirmed by name"),
    ];
    let ranges: Vec<TimeRange> = super::assessments::all_assessments(&store)?
        .iter()
        .filter(|a| {
            a.side == Side::Russia
                && matches!(a.scope, Scope::Cumulative { .. })
                && a.method_class != MethodClass::BelligerentClaim
                && (from..=to).contains(&a.published)
        })
        .filter_map(|a| {
            let group = groups.iter().position(|(m, _)| *m == a.metric)?;
            let (low, best, high) = a.range()?;
            Some(TimeRange { date: a.published, low, best: a.best.or(Some(best)), high, group })
        })
        .collect();
    let rows = record.rolling(Category::Personnel, convention, false, from, to, &[])?;
    let points = rows.iter().map(|r| (r.day, float(r.cumulative))).collect();
    let count = ranges.len();
    Ok(Chart::Time(TimeChart {
        frame: frame(
            format!("Russian personnel losses: the General Staff's count against {count} published estimates"),
            "people since 2022-02-24",
            footer,
        ),
        bars: Vec::new(),
        lines: vec![TimeLine {
            name: "General Staff personnel losses (cumulative)".to_owned(),
            points,
            emphasis: LineEmphasis::Primary,
        }],
        thresholds: Vec::new(),
        bands: Vec::new(),
        markers: Vec::new(),
        ranges,
        range_groups: groups.iter().map(|(_, name)| RangeGroup { name: (*name).to_owned() }).collect(),
    }))
}

/// The cumulative count before the as-of date, the forecast fan after it, and what the data
/// later showed.
/// Also returns the data version drawn (the whole record's, as what happened later is drawn).
fn forecast_fan(context: &Context, args: &ChartArgs, mut footer: Vec<String>) -> Result<(Chart, String)> {
    let figures = &args.figures;
    let series = super::forecast::load_series_from(
        context,
        &args.category,
        figures.as_of.as_of.as_deref(),
        &figures.convention.convention,
        figures.source.source.as_deref(),
    )?;
    let (request, settings) = super::forecast::request(&args.fan, None)?;
    let forecast = forecast::forecast(&series.history, &request, &settings, series.outcome.as_ref())?;
    let last = forecast.last_day.day;
    let from = match args.from.as_deref() {
        Some(text) => Period::parse_date(text)?,
        None => last.checked_sub(i64::try_from(forecast.path.len().max(90))?.days())?,
    };
    let table = &series.history;
    let recorded: Vec<(Date, f64)> = table.counts_between(from, last);
    let end = forecast.path.last().map_or(last, |p| p.day);
    let mut lines = vec![TimeLine {
        name: format!("recorded (reports to {})", forecast.last_day.report),
        points: recorded,
        emphasis: LineEmphasis::Primary,
    }];
    if let Some(later) = &series.outcome {
        let since = later.counts_between(last, end);
        if since.len() > 1 {
            lines.push(TimeLine {
                name: "what happened since".to_owned(),
                points: since,
                emphasis: LineEmphasis::Secondary,
            });
        }
    }
    let start = (last, float(forecast.last_value));
    let median = std::iter::once(start).chain(forecast.path.iter().map(|p| (p.day, p.quantiles[2]))).collect();
    lines.push(TimeLine { name: "forecast (median)".to_owned(), points: median, emphasis: LineEmphasis::Forecast });
    let band = |name: &str, low: usize, high: usize, shade| TimeBand {
        name: name.to_owned(),
        points: std::iter::once((last, start.1, start.1))
            .chain(forecast.path.iter().map(|p| (p.day, p.quantiles[low], p.quantiles[high])))
            .collect(),
        shade,
    };
    let bands = vec![band("95% interval", 0, 4, BandShade::Outer), band("80% interval", 1, 3, BandShade::Inner)];
    let mut markers =
        vec![DateMarker { date: last, label: format!("as of the report of {}", forecast.last_day.report) }];
    let mut thresholds: Vec<Threshold> =
        args.thresholds.iter().map(|&value| Threshold { value: float(value), label: group(value) }).collect();
    if let Some(crossing) = &forecast.crossing {
        let label = match (&crossing.already, &crossing.quantiles[2]) {
            (Some(already), _) => format!("{}: reached {}", group(crossing.threshold), already.day),
            (None, Some(median)) => format!("{}: median crossing {}", group(crossing.threshold), median.day),
            (None, None) => format!("{}: not before {}", group(crossing.threshold), crossing.searched_to),
        };
        thresholds.push(Threshold { value: float(crossing.threshold), label });
        if let (None, Some(median)) = (&crossing.already, &crossing.quantiles[2]) {
            markers.push(DateMarker { date: median.day, label: format!("median crossing {}", median.day) });
        }
        if let (None, Some(actual)) = (&crossing.already, &crossing.actual) {
            markers.push(DateMarker { date: actual.day, label: format!("reached {}", actual.day) });
        }
    }
    footer.insert(1, format!("Model: {}: {}; seed {}.", forecast.model, forecast.method, forecast.seed));
    if let Some(last_line) = footer.last_mut() {
        // The chart draws the data as they stand now beside the forecast made from the cut.
        *last_line = format!("Data version: {}. Drawn by attrition.", series.data_version);
    }
    let chart = Chart::Time(TimeChart {
        frame: frame(
            format!(
                "{}: forecast from {} ({}), {}-day horizon",
                forecast.category.label(),
                last,
                group(forecast.last_value),
                forecast.path.len()
            ),
            &format!("{} since 2022-02-24", forecast.category.label()),
            footer,
        ),
        bars: Vec::new(),
        lines,
        thresholds,
        bands,
        markers,
        ranges: Vec::new(),
        range_groups: Vec::new(),
    });
    Ok((chart, series.data_version.to_string()))
}

fn cumulative(
    record: &Record,
    table: &DayTable,
    from: Date,
    to: Date,
    thresholds: &[i64],
    footer: Vec<String>,
) -> Result<Chart> {
    let category = table.category();
    let rows = record.rolling(category, table.convention(), false, from, to, &[])?;
    let last = rows.last().map_or(0, |r| r.cumulative);
    let chosen = if thresholds.is_empty() { milestones(last) } else { thresholds.to_vec() };
    let thresholds = chosen
        .iter()
        .map(|&value| {
            let crossed = table.first_reaching(value).filter(|(day, _)| *day <= to);
            Threshold {
                value: float(value),
                label: match crossed {
                    Some((day, report)) => format!("{} reached {day} (report of {report})", group(value)),
                    None => group(value),
                },
            }
        })
        .collect();
    let points = rows.iter().map(|r| (r.day, float(r.cumulative))).collect();
    let (first, end) = (rows.first().map_or(from, |r| r.day), rows.last().map_or(to, |r| r.day));
    Ok(Chart::Time(TimeChart {
        frame: frame(
            format!("{}: cumulative losses, {first} to {end} ({})", category.label(), group(last)),
            &format!("{} since 2022-02-24", category.label()),
            footer,
        ),
        bars: Vec::new(),
        lines: vec![TimeLine { name: "cumulative".to_owned(), points, emphasis: LineEmphasis::Primary }],
        thresholds,
        bands: Vec::new(),
        markers: Vec::new(),
        ranges: Vec::new(),
        range_groups: Vec::new(),
    }))
}

fn categories(
    record: &Record,
    convention: Convention,
    net: bool,
    from: Date,
    to: Date,
    footer: Vec<String>,
) -> Result<Chart> {
    let period = Period::range(from, to)?;
    let shares = record.shares(&period, convention, net)?;
    let bars = shares
        .shares
        .iter()
        .map(|s| CategoryBar {
            label: s.category.label().to_owned(),
            value: float(s.total),
            value_label: match s.percent {
                Some(p) => format!("{} ({}%)", group(s.total), decimal1(p)),
                None => group(s.total),
            },
        })
        .collect();
    Ok(Chart::Categories(CategoryChart {
        frame: Frame {
            title: format!("Equipment losses by category, {} to {}", shares.start, shares.end),
            x_label: "units".to_owned(),
            y_label: "category".to_owned(),
            footer,
        },
        bars,
    }))
}
