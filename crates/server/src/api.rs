//! The `/api/v1` endpoints: each reads its parameters strictly, asks the analysis crate, and
//! answers JSON (with the `meta` block naming source, data version and convention) or CSV.
//! No arithmetic lives here beyond choosing rows.

use crate::error::ApiError;
use crate::params::{Format, Params, category, truncate};
use crate::state::{Budget, Meta, Reply, Snapshot};
use attrition_analysis::forecast::{self, ForecastModel, ForecastRequest, ForecastSettings, History};
use attrition_analysis::{AnalysisError, AssessmentFilter, DailyRow, RankedPeriod, Ranking, Record, compare_selected};
use attrition_claims::check::{CheckData, Forecasts, check_in};
use attrition_claims::extract::{check_input, extract};
use attrition_model::{Category, Convention, Metric, Origin, Period, PeriodKind, Side, WAR_START};
use axum::body::Bytes;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The longest forecast horizon, in days (four years).
pub const MAX_HORIZON: u64 = 1461;

/// Parameters of the endpoints that read the record as of a date under a convention.
const FIGURE_PARAMS: [&str; 3] = ["convention", "net", "as_of"];

/// `FIGURE_PARAMS` and more.
fn with_figures<'a>(more: &[&'a str]) -> Vec<&'a str> {
    FIGURE_PARAMS.iter().copied().chain(more.iter().copied()).collect()
}

/// A JSON body: `meta` and the endpoint's own fields.
#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    meta: &'a Meta,
    #[serde(flatten)]
    body: T,
}

/// The JSON reply of `body` under `meta`.
fn json<T: Serialize>(meta: &Meta, body: T) -> Result<Reply, ApiError> {
    let bytes =
        serde_json::to_vec(&Envelope { meta, body }).map_err(|e| ApiError::internal(format!("encoding JSON: {e}")))?;
    Ok(Reply {
        body: Bytes::from(bytes),
        content_type: "application/json",
        data_version: Some(meta.data_version.clone()),
        generation: Some(meta.generation),
        convention: Some(meta.convention),
        filename: None,
    })
}

/// The CSV reply of `rows` under `meta`, downloaded as `name`-convention-version.csv.
fn csv_reply(meta: &Meta, name: &str, header: &[&str], rows: &[Vec<String>]) -> Result<Reply, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: &dyn std::fmt::Display| ApiError::internal(format!("encoding CSV: {e}"));
    writer.write_record(header).map_err(|e| fail(&e))?;
    // No cell may run as a spreadsheet formula (text from users and upstreams is in them).
    for row in rows {
        let cells: Vec<_> = row.iter().map(|cell| attrition_model::csv_cell(cell)).collect();
        writer.write_record(cells.iter().map(|cell| cell.as_bytes())).map_err(|e| fail(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| fail(&e))?;
    Ok(Reply {
        body: Bytes::from(bytes),
        content_type: "text/csv; charset=utf-8",
        data_version: Some(meta.data_version.clone()),
        generation: Some(meta.generation),
        convention: Some(meta.convention),
        filename: Some(format!("attrition-{name}-{}-{}.csv", meta.convention.name(), meta.last_report)),
    })
}

fn cell<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// An analysis error as an answer: 404 (no data for what was asked), naming `parameter`.
fn no_figure(parameter: Option<&str>) -> impl Fn(AnalysisError) -> ApiError + '_ {
    move |error| ApiError::not_found(parameter, error.to_string())
}

/// The parameters shared by figure endpoints, read.
struct Figures {
    convention: Convention,
    net: bool,
    as_of: Option<Date>,
}

fn figures(params: &Params) -> Result<Figures, ApiError> {
    Ok(Figures { convention: params.convention()?, net: params.flag("net")?, as_of: params.date("as_of")? })
}

/// `GET /api/v1/categories`.
pub fn categories(snapshot: &Snapshot, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &["as_of"])?;
    let as_of = params.date("as_of")?;
    let record = snapshot.record_as_of(as_of)?;
    #[derive(Serialize)]
    struct Line {
        id: &'static str,
        label: &'static str,
        first_report: Option<Date>,
        last_report: Option<Date>,
        cumulative: Option<i64>,
        stopped: bool,
        notes: Vec<String>,
    }
    let mut lines = Vec::new();
    for c in record.categories() {
        let series = record.category(c).map_err(no_figure(Some("category")))?;
        let last = series.last_report();
        let cumulative = last.and_then(|d| record.cumulative(c, d).ok()).map(|v| v.value);
        let mut notes = Vec::new();
        if let Ok(table) = record.day_table(c, Convention::LossDay) {
            if let Some((first, value)) = table.backlog_start() {
                notes.push(format!("reported since {first}, opening with a backlog of {value}"));
            }
            if let Some(stop) = table.stopped() {
                notes.push(format!("last reported on {stop}; the count holds since"));
            }
        }
        lines.push(Line {
            id: c.id(),
            label: c.label(),
            first_report: series.first_report(),
            last_report: last,
            cumulative,
            stopped: last.is_some_and(|d| d < record.last_report),
            notes,
        });
    }
    #[derive(Serialize)]
    struct Body {
        categories: Vec<Line>,
    }
    json(&Meta::of(snapshot.generation, &record, Convention::LossDay, false, as_of), Body { categories: lines })
}

/// `GET /api/v1/summary`.
pub fn summary(snapshot: &Snapshot, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &FIGURE_PARAMS)?;
    let f = figures(&params)?;
    let record = snapshot.record_as_of(f.as_of)?;
    let briefing = record.briefing(f.convention, f.net).map_err(no_figure(None))?;
    let outlook = forecast::next_round_figure(&record, Category::Personnel, f.convention, 100_000);
    #[derive(Serialize)]
    struct Body {
        briefing: attrition_analysis::Briefing,
        outlook: Option<forecast::Outlook>,
    }
    json(&Meta::of(snapshot.generation, &record, f.convention, f.net, f.as_of), Body { briefing, outlook })
}

/// The `windows` parameter: up to four window lengths in days, 7 and 30 by default.
fn windows(params: &Params) -> Result<Vec<i64>, ApiError> {
    let Some(text) = params.get("windows") else { return Ok(vec![7, 30]) };
    let windows: Vec<i64> = text
        .split(',')
        .map(|w| match w.trim().parse::<i64>() {
            Ok(days) if (1..=365).contains(&days) => Ok(days),
            _ => Err(ApiError::bad("windows", format!("{:?} is not a window of 1 to 365 days", truncate(w, 20)))),
        })
        .collect::<Result<_, _>>()?;
    if windows.len() > 4 {
        return Err(ApiError::bad("windows", "at most four windows"));
    }
    Ok(windows)
}

/// One day of `GET /api/v1/series/{category}`.
#[derive(Serialize)]
struct SeriesRow {
    #[serde(flatten)]
    daily: DailyRow,
    /// `published` or `net`, as asked.
    total: Option<i64>,
    /// The rolling averages, one per window.
    averages: Vec<Option<f64>>,
}

/// `GET /api/v1/series/{category}`.
pub fn series(snapshot: &Snapshot, segment: &str, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &with_figures(&["from", "to", "windows", "format"]))?;
    let category = category(segment)?;
    let f = figures(&params)?;
    let windows = windows(&params)?;
    let format = params.format()?;
    let record = snapshot.record_as_of(f.as_of)?;
    let last = record.last_day(f.convention);
    let from = params.date("from")?.unwrap_or(WAR_START).max(WAR_START);
    let to = params.date("to")?.unwrap_or(last).min(last);
    if from > to {
        return Err(ApiError::bad(
            "from",
            format!("{from} is after the end of the range ({to}; the data end on {last} under {})", f.convention),
        ));
    }
    let daily = record.daily(category, from, to, f.convention).map_err(no_figure(Some("category")))?;
    let rolling = record.rolling(category, f.convention, f.net, from, to, &windows).unwrap_or_default();
    // Both lists run by day; the rolling one may skip days (a missing report), so walk it along.
    let mut rolling = rolling.into_iter().peekable();
    let rows: Vec<SeriesRow> = daily
        .into_iter()
        .map(|d| {
            while rolling.next_if(|r| r.day < d.day).is_some() {}
            let averages =
                rolling.next_if(|r| r.day == d.day).map_or_else(|| vec![None; windows.len()], |r| r.averages);
            let total = if f.net { d.net } else { d.published };
            SeriesRow { daily: d, total, averages }
        })
        .collect();
    let meta = Meta::of(snapshot.generation, &record, f.convention, f.net, f.as_of);
    if format == Format::Csv {
        let mut header = vec!["day", "report_date", "cumulative", "published", "correction", "net", "total"];
        let names: Vec<String> = windows.iter().map(|w| format!("average_{w}_days")).collect();
        header.extend(names.iter().map(String::as_str));
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut line = vec![
                    r.daily.day.to_string(),
                    r.daily.report_date.to_string(),
                    cell(r.daily.cumulative),
                    cell(r.daily.published),
                    r.daily.correction.to_string(),
                    cell(r.daily.net),
                    cell(r.total),
                ];
                line.extend(r.averages.iter().map(|a| a.map(|x| format!("{x:.2}")).unwrap_or_default()));
                line
            })
            .collect();
        return csv_reply(&meta, &format!("{}-daily", category.id()), &header, &lines);
    }
    #[derive(Serialize)]
    struct Body {
        category: Category,
        label: &'static str,
        from: Date,
        to: Date,
        windows: Vec<i64>,
        rows: Vec<SeriesRow>,
    }
    json(&meta, Body { category, label: category.label(), from, to, windows, rows })
}

/// `GET /api/v1/totals/{category}`.
pub fn totals(snapshot: &Snapshot, segment: &str, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &with_figures(&["period", "from", "to"]))?;
    let category = category(segment)?;
    let f = figures(&params)?;
    let period = match (params.get("period"), params.date("from")?, params.date("to")?) {
        (Some(text), None, None) => Period::parse(text).map_err(|e| ApiError::bad("period", e.to_string()))?,
        (None, Some(from), Some(to)) => Period::range(from, to).map_err(|e| ApiError::bad("to", e.to_string()))?,
        (Some(_), _, _) => return Err(ApiError::bad("period", "give period or from and to, not both")),
        (None, None, _) => {
            return Err(ApiError::bad(
                "period",
                "give period (2024-09, 2024-W39, 2024-Q3, 2024, 2024-09-26, all) or from and to",
            ));
        }
        (None, Some(_), None) => return Err(ApiError::bad("to", "from needs to")),
    };
    let record = snapshot.record_as_of(f.as_of)?;
    let figure = record.period_total(category, &period, f.convention, f.net).map_err(no_figure(Some("period")))?;
    let rank = if figure.kind.is_calendar() {
        let key = (category, figure.kind, f.convention, f.net, false);
        snapshot.ranking(&record, key).map_err(no_figure(Some("period")))?.rank_of(&figure)
    } else {
        None
    };
    #[derive(Serialize)]
    struct Body {
        figure: attrition_analysis::PeriodFigure,
        rank: Option<attrition_analysis::PeriodRank>,
    }
    json(&Meta::of(snapshot.generation, &record, f.convention, f.net, f.as_of), Body { figure, rank })
}

/// `GET /api/v1/rankings/{category}`.
pub fn rankings(snapshot: &Snapshot, segment: &str, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &with_figures(&["by", "top", "order", "include_partial", "format"]))?;
    let category = category(segment)?;
    let f = figures(&params)?;
    let kind = params.parsed::<PeriodKind>("by")?.unwrap_or(PeriodKind::Month);
    if !kind.is_calendar() {
        return Err(ApiError::bad("by", "rank by day, week, month, quarter or year"));
    }
    let top = params.number("top", 1, 100_000)?;
    let by_time = match params.get("order") {
        None | Some("rank") => false,
        Some("time") => true,
        Some(other) => return Err(ApiError::bad("order", format!("{:?} is not rank or time", truncate(other, 20)))),
    };
    let include_partial = params.flag("include_partial")?;
    let format = params.format()?;
    let record = snapshot.record_as_of(f.as_of)?;
    let shared = snapshot
        .ranking(&record, (category, kind, f.convention, f.net, include_partial))
        .map_err(no_figure(Some("category")))?;
    let mut ranking = Ranking::clone(&shared);
    if let Some(top) = top {
        ranking.periods.truncate(usize::try_from(top).unwrap_or(usize::MAX));
    }
    if by_time {
        ranking.periods.sort_by_key(|p| p.period_start);
    }
    let meta = Meta::of(snapshot.generation, &record, f.convention, f.net, f.as_of);
    if format == Format::Csv {
        let lines: Vec<Vec<String>> = ranking.periods.iter().map(ranked_line).collect();
        return csv_reply(&meta, &format!("{}-{}", category.id(), kind.plural()), &RANKED_HEADER, &lines);
    }
    #[derive(Serialize)]
    struct Body {
        ranking: attrition_analysis::Ranking,
    }
    json(&meta, Body { ranking })
}

const RANKED_HEADER: [&str; 11] = [
    "rank",
    "pace_rank",
    "label",
    "start",
    "end",
    "days",
    "total",
    "daily_average",
    "corrections",
    "cumulative_end",
    "incomplete",
];

fn ranked_line(p: &RankedPeriod) -> Vec<String> {
    vec![
        cell(p.rank),
        cell(p.pace_rank),
        p.figure.label.clone(),
        p.figure.start.to_string(),
        p.figure.end.to_string(),
        p.figure.days.to_string(),
        p.figure.total.to_string(),
        format!("{:.2}", p.figure.daily_average),
        p.figure.corrections.to_string(),
        p.figure.cumulative_end.to_string(),
        p.incomplete.map(|i| i.describe().to_owned()).unwrap_or_default(),
    ]
}

/// `GET /api/v1/records/{category}`.
pub fn records(snapshot: &Snapshot, segment: &str, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &FIGURE_PARAMS)?;
    let category = category(segment)?;
    let f = figures(&params)?;
    let record = snapshot.record_as_of(f.as_of)?;
    let records = record.records(category, f.convention, f.net).map_err(no_figure(Some("category")))?;
    #[derive(Serialize)]
    struct Body {
        records: attrition_analysis::Records,
    }
    json(&Meta::of(snapshot.generation, &record, f.convention, f.net, f.as_of), Body { records })
}

/// `GET /api/v1/forecast/{category}`.
pub fn forecast(snapshot: &Snapshot, segment: &str, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &["convention", "as_of", "model", "horizon", "reach", "by", "seed", "format"])?;
    let category = category(segment)?;
    let convention = params.convention()?;
    let as_of = params.date("as_of")?;
    let model = params.parsed::<ForecastModel>("model")?.unwrap_or(ForecastModel::DEFAULT);
    let horizon = params.number("horizon", 1, MAX_HORIZON)?.unwrap_or(90);
    let threshold =
        params.get("reach").map(|t| forecast::parse_count(t).map_err(|e| ApiError::bad("reach", e))).transpose()?;
    let by = params.date("by")?;
    let seed = params.number("seed", 0, u64::MAX)?.unwrap_or(ForecastSettings::default().seed);
    let format = params.format()?;
    let full = snapshot.record()?;
    let record = snapshot.record_as_of(as_of)?;
    let history = |r: &Record| -> Result<History, ApiError> {
        let table = r.day_table(category, convention).map_err(no_figure(Some("category")))?;
        History::new(&table).map_err(no_figure(Some("category")))
    };
    let cut = history(&record)?;
    let outcome = if record.last_report < full.last_report { Some(history(full)?) } else { None };
    let request = ForecastRequest { model, horizon: usize::try_from(horizon).unwrap_or(90), threshold, by };
    let settings = ForecastSettings { seed, ..ForecastSettings::default() };
    let forecast = forecast::forecast(&cut, &request, &settings, outcome.as_ref()).map_err(|e| {
        let parameter = match &e {
            forecast::ForecastError::BadThreshold(_) => "reach",
            forecast::ForecastError::ByNotAfter { .. } | forecast::ForecastError::ByTooFar { .. } => "by",
            forecast::ForecastError::NoHorizon => "horizon",
            _ => "category",
        };
        ApiError::bad(parameter, e.to_string())
    })?;
    let meta = Meta::of(snapshot.generation, &record, convention, false, as_of);
    if format == Format::Csv {
        let lines: Vec<Vec<String>> = forecast
            .path
            .iter()
            .map(|p| {
                let mut line =
                    vec![p.day.to_string(), p.report.to_string(), p.horizon.to_string(), format!("{:.0}", p.mean)];
                line.extend(p.quantiles.iter().map(|q| format!("{q:.0}")));
                line.push(cell(p.actual));
                line
            })
            .collect();
        let header = ["day", "report", "horizon", "mean", "q2_5", "q10", "q50", "q90", "q97_5", "actual"];
        return csv_reply(&meta, &format!("{}-forecast-{}", category.id(), model.id()), &header, &lines);
    }
    #[derive(Serialize)]
    struct Body {
        forecast: forecast::Forecast,
    }
    json(&meta, Body { forecast })
}

/// `GET /api/v1/assessments`.
pub fn assessments(snapshot: &Snapshot, query: Option<&str>) -> Result<Reply, ApiError> {
    let params = Params::parse(query, &["metric", "side", "origin", "search", "convention", "as_of", "format"])?;
    let convention = params.convention()?;
    let as_of = params.date("as_of")?;
    let filter = AssessmentFilter {
        metric: params.parsed::<Metric>("metric")?,
        side: params.parsed::<Side>("side")?,
        origin: params.parsed::<Origin>("origin")?,
        published_by: as_of,
        search: params.get("search").map(|s| truncate(s, 200)),
    };
    let format = params.format()?;
    let record = snapshot.record_as_of(as_of)?;
    let rows = compare_selected(&record, &snapshot.assessments, &filter, convention).map_err(no_figure(None))?;
    let meta = Meta::of(snapshot.generation, &record, convention, false, as_of);
    if format == Format::Csv {
        let lines: Vec<Vec<String>> = rows.iter().map(attrition_analysis::AssessmentBeside::csv_row).collect();
        return csv_reply(&meta, "assessments", &attrition_analysis::AssessmentBeside::CSV_HEADER, &lines);
    }
    #[derive(Serialize)]
    struct Body {
        assessments: Vec<attrition_analysis::AssessmentBeside>,
    }
    json(&meta, Body { assessments: rows })
}

/// The body of `POST /api/v1/claims/check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The article.
    pub text: String,
    /// The day it was published.
    pub date: String,
}

/// How many bytes of text are extracted at a time when a text is longer: the work between two
/// looks at the request's deadline. A text this short or shorter is read whole, exactly as
/// `attrition claims check` reads it; a longer one is cut at paragraph breaks (else line
/// breaks, sentence ends, spaces) into pieces this long at most, each read as its own text.
/// Keeping each piece short also keeps extraction linear: it is superlinear in the length of a
/// line, and a one-line article of a megabyte would otherwise take seconds in one call.
pub const CLAIM_CHUNK: usize = 64 << 10;

/// `POST /api/v1/claims/check`: the text is read in pieces ([`CLAIM_CHUNK`]) and each claim
/// checked in turn, looking at `budget` between them, so that a request stopped at its time
/// limit stops burning CPU within one piece's work.
pub fn check_claims(snapshot: &Snapshot, body: &[u8], max_text: usize, budget: &Budget) -> Result<Reply, ApiError> {
    let request: CheckRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad("body", format!("expected {{\"text\": \"…\", \"date\": \"YYYY-MM-DD\"}}: {e}")))?;
    if request.text.len() > max_text {
        return Err(ApiError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            Some("text"),
            format!(
                "the text is {} bytes; this server checks at most {max_text} bytes in one request (--max-claim-text), \
                 which keeps a check within its time limit: send the article in parts",
                request.text.len()
            ),
        ));
    }
    let date = Period::parse_date(&request.date).map_err(|e| ApiError::bad("date", e.to_string()))?;
    check_input(&request.text).map_err(|e| ApiError::bad("text", e.to_string()))?;
    let now = snapshot.record()?;
    let as_of = snapshot.record_as_of(Some(date)).map_err(|e| ApiError { parameter: Some("date".to_owned()), ..e })?;
    let forecasts = Forecasts::default();
    let data = CheckData { as_of: &as_of, now, date, assessments: &snapshot.assessments, forecasts: &forecasts };
    let mut claims = Vec::new();
    for (offset, piece) in pieces(&request.text, CLAIM_CHUNK) {
        budget.check()?;
        for claim in extract(piece, date) {
            budget.check()?;
            let mut checked = check_in(piece, &claim, &data);
            checked.claim.span = checked.claim.span.map(|at| at + offset);
            claims.push(checked);
        }
    }
    #[derive(Serialize)]
    struct Body<T> {
        date: Date,
        claims: Vec<T>,
    }
    json(&Meta::of(snapshot.generation, &as_of, Convention::LossDay, false, Some(date)), Body { date, claims })
}

/// `text` cut into pieces of at most `limit` bytes (the whole text when it is no longer), each
/// with its byte offset, cut at the last paragraph break in reach, else line break, sentence
/// end or space, else at a character boundary.
#[must_use]
pub fn pieces(text: &str, limit: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > limit {
        let mut end = start + limit;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start..end];
        // Cut after the separator, so that each piece keeps its own sentence's end.
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).map(|at| at + sep.len()).filter(|&at| at > limit / 4))
            .unwrap_or(window.len());
        out.push((start, &text[start..start + cut]));
        start += cut;
    }
    out.push((start, &text[start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn pieces_cover_the_text_in_order_within_the_limit_cut_at_the_best_break() {
        let text = "One para. Two.\n\nSecond para, longer than the rest of it.\nA line. Ünïcödé words here";
        assert_eq!(pieces(text, 1000), vec![(0, text)]);
        for limit in [8, 16, 24, 40] {
            let cut = pieces(text, limit);
            assert_eq!(cut.iter().map(|(_, p)| *p).collect::<String>(), text, "limit {limit}");
            let mut at = 0;
            for (offset, piece) in &cut {
                assert_eq!(*offset, at);
                assert!(piece.len() <= limit, "{piece:?} over {limit}");
                at += piece.len();
            }
        }
        assert_eq!(pieces(text, 20)[0], (0, "One para. Two.\n\n"));
        let one_word = "x".repeat(100);
        assert_eq!(pieces(&one_word, 30).len(), 4);
    }
}
