//! Reconciling figures that count different things: each assessment set beside what the General
//! Staff series said at the same date, with the difference in definitions stated; and an
//! estimate of the killed from every route the registry supports, pooled.
//!
//! # Method (../shared/METHODS.md §3)
//! * **Comparison.** A cumulative figure is set against the General Staff's cumulative count at
//!   the end of its date; a period figure against the series' total over the period; a rate
//!   against the series' daily average over the stated period (or the 30 days before the
//!   figure's date) times the rate's days. Only like is compared with like: a people metric with
//!   `personnel_losses`, an equipment metric with its category; inflows (recruited, conscripted,
//!   mobilised) have no counterpart.
//! * **Conversions** are explicit and ranged, each printed with its source:
//!   - named deaths ÷ coverage, coverage 0.45–0.65 (military experts to the BBC, 2025; best 0.55);
//!   - casualties × killed share, `killed = casualties·(1 − x)/(1 + r)` with `r` wounded per
//!     killed in 1–4 (best 3, "the standard calculation", NATO 2022; Kofman 2025 puts Russia
//!     closer to 1:1, the Dupuy Institute's wars 2.5–5) and `x`, captured and missing, at 0;
//!   - the same applied to the General Staff's personnel losses, read as casualties (the press
//!     reading; labelled as such).
//! * **Alignment in time.** A figure dated `D` is carried to the estimate's date `T` along the
//!   General Staff's cumulative shape `S`: `est(T) = est(D)·S(T)/S(D)`, only within 90 days;
//!   older figures are listed but left out of the pool.
//! * **Inputs.** For each organisation, its latest figure of the route's metric in the year
//!   before the date (Russian side, cumulative; belligerents' casualty claims left out).
//! * **Pooling** (METHODS.md §3.4): the envelope `[min low, max high]` over the routes, and the
//!   median of their best values with the range of the bests.

use crate::{AnalysisError, DayTable, Record};
use attrition_model::{Assessment, Category, Convention, MethodClass, Metric, Origin, Scope, Side, WAR_START};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// What the General Staff series said for an assessment's metric and scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesFigure {
    /// The General Staff figure in the assessment's terms (a count, or a rate in its unit).
    pub value: f64,
    /// Which metric of the series.
    pub metric: Metric,
    /// What was computed, e.g. "cumulative to the end of 2025-11-30".
    pub computed: String,
    /// The assessment's best (or midpoint) over the series figure.
    pub ratio: Option<f64>,
}

/// An assessment beside the series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentBeside {
    /// The assessment.
    pub assessment: Assessment,
    /// The series figure, when there is a comparable one.
    pub series: Option<SeriesFigure>,
    /// How the definitions differ (or why there is nothing to compare).
    pub definitions: String,
}

impl AssessmentBeside {
    /// The columns of [`AssessmentBeside::csv_row`].
    pub const CSV_HEADER: [&'static str; 17] = [
        "id",
        "origin",
        "organisation",
        "date",
        "side",
        "metric",
        "scope",
        "low",
        "best",
        "high",
        "qualifier",
        "method_class",
        "general_staff",
        "general_staff_computed",
        "ratio",
        "definitions",
        "cited_in",
    ];

    /// The assessment and its series figure as one flat row (for CSV).
    #[must_use]
    pub fn csv_row(&self) -> Vec<String> {
        let a = &self.assessment;
        let number = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
        vec![
            a.id.clone(),
            a.origin.id().to_owned(),
            a.organisation.clone(),
            a.published.to_string(),
            a.side.id().to_owned(),
            a.metric.id(),
            a.scope.describe(),
            number(a.low),
            number(a.best),
            number(a.high),
            format!("{:?}", a.qualifier).to_lowercase(),
            a.method_class.id().to_owned(),
            self.series.as_ref().map(|s| format!("{}", s.value)).unwrap_or_default(),
            self.series.as_ref().map(|s| s.computed.clone()).unwrap_or_default(),
            self.series.as_ref().and_then(|s| s.ratio).map(|r| format!("{r:.4}")).unwrap_or_default(),
            self.definitions.clone(),
            a.cited_in.clone(),
        ]
    }
}

/// The series counterpart of a metric, if any.
fn counterpart(metric: Metric) -> Option<Category> {
    match metric {
        Metric::PersonnelLosses
        | Metric::Killed
        | Metric::NamedKilled
        | Metric::Wounded
        | Metric::Captured
        | Metric::Missing
        | Metric::Casualties => Some(Category::Personnel),
        Metric::Equipment(category) => Some(category),
        Metric::Recruited | Metric::Conscripted | Metric::Mobilized => None,
    }
}

/// The statement of how `metric` differs from the series' `personnel_losses` or category.
fn definitions(metric: Metric, side: Side, ratio: Option<f64>) -> String {
    let share = ratio.map(|r| format!(" ({:.0}% of the General Staff figure)", 100.0 * r)).unwrap_or_default();
    if side != Side::Russia {
        return format!(
            "about {} losses: the General Staff series counts Russia's; not comparable",
            match side {
                Side::Ukraine => "Ukraine's",
                _ => "another side's",
            }
        );
    }
    match metric {
        Metric::PersonnelLosses => "the same metric".to_owned(),
        Metric::Casualties => format!(
            "casualties (killed, wounded, captured, missing) against personnel losses (\"liquidated\": killed and wounded unable to fight, as the press reads it): close but not the same; the ratio shows how far apart{share}"
        ),
        Metric::Killed => format!(
            "killed only: the General Staff count includes the wounded, so it should be several times larger; at 1 killed to 1–4 wounded, killed would be 20–50% of it{share}"
        ),
        Metric::NamedKilled => format!(
            "deaths confirmed one by one by name: a floor of the killed, far below the General Staff count{share}"
        ),
        Metric::Wounded | Metric::Captured | Metric::Missing => {
            format!("one part of casualties, against the General Staff's whole personnel count{share}")
        }
        Metric::Equipment(category) => format!("the same category ({}){share}", category.label()),
        Metric::Recruited | Metric::Conscripted | Metric::Mobilized => {
            "an inflow to the force: the General Staff counts losses, so there is nothing to compare".to_owned()
        }
    }
}

/// The series figure for an assessment.
fn series_figure(assessment: &Assessment, table: &DayTable) -> Result<Option<SeriesFigure>, AnalysisError> {
    let Some(category) = counterpart(assessment.metric) else { return Ok(None) };
    if assessment.side != Side::Russia || category != table.category() {
        return Ok(None);
    }
    let last = table.last_day();
    let metric = if category == Category::Personnel { Metric::PersonnelLosses } else { Metric::Equipment(category) };
    let (value, computed) = match assessment.scope {
        Scope::Cumulative { since } => {
            let day = assessment.published.min(last);
            if day < since.max(WAR_START) {
                return Ok(None);
            }
            let window = table.window(since.max(WAR_START), day)?;
            #[allow(clippy::cast_precision_loss)]
            let value = window.published as f64;
            (value, format!("cumulative {} to the end of {day} (report of {})", window.start, window.end_report))
        }
        Scope::Period { start, end } => {
            let (start, end) = (start.max(WAR_START), end.min(last));
            if end < start {
                return Ok(None);
            }
            let window = table.window(start, end)?;
            #[allow(clippy::cast_precision_loss)]
            let value = window.published as f64;
            (value, format!("total {start} .. {end}"))
        }
        Scope::Rate { per, start, end } => {
            let end = end.unwrap_or(assessment.published).min(last);
            let start = start.unwrap_or_else(|| end.checked_sub(29.days()).unwrap_or(end)).max(WAR_START);
            if end < start {
                return Ok(None);
            }
            let window = table.window(start, end)?;
            (
                window.daily_average(false) * per.days(),
                format!("daily average {start} .. {end} × {:.2} days", per.days()),
            )
        }
    };
    let ratio = assessment.range().map(|(_, best, _)| best / value).filter(|r| r.is_finite());
    Ok(Some(SeriesFigure { value, metric, computed, ratio }))
}

/// Which assessments to set beside the series; `None` keeps every value of a field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssessmentFilter {
    /// Only this metric.
    pub metric: Option<Metric>,
    /// Only this side.
    pub side: Option<Side>,
    /// Only this origin.
    pub origin: Option<Origin>,
    /// Only figures published on or before this day.
    pub published_by: Option<Date>,
    /// Only organisations whose name contains this text (case-insensitive).
    pub search: Option<String>,
}

impl AssessmentFilter {
    /// Whether `a` passes.
    #[must_use]
    pub fn keeps(&self, a: &Assessment) -> bool {
        let search = self.search.as_deref().map(str::to_lowercase);
        self.metric.is_none_or(|m| a.metric == m)
            && self.side.is_none_or(|s| a.side == s)
            && self.origin.is_none_or(|o| a.origin == o)
            && self.published_by.is_none_or(|d| a.published <= d)
            && search.is_none_or(|s| a.organisation.to_lowercase().contains(&s))
    }
}

/// The assessments `filter` keeps, by date and organisation, each beside the series of `record`
/// (the General Staff's personnel, or the equipment category it names) under `convention`.
///
/// # Errors
/// [`AnalysisError`] when a window of the series cannot be computed (a gap in the record).
pub fn compare_selected(
    record: &Record,
    assessments: &[Assessment],
    filter: &AssessmentFilter,
    convention: Convention,
) -> Result<Vec<AssessmentBeside>, AnalysisError> {
    let mut selected: Vec<Assessment> = assessments.iter().filter(|a| filter.keeps(a)).cloned().collect();
    selected.sort_by(|a, b| (a.published, &a.organisation).cmp(&(b.published, &b.organisation)));
    let mut categories = vec![Category::Personnel];
    for a in &selected {
        if let Metric::Equipment(category) = a.metric
            && !categories.contains(&category)
        {
            categories.push(category);
        }
    }
    let tables: Vec<DayTable> = categories.into_iter().filter_map(|c| record.day_table(c, convention).ok()).collect();
    compare_all(&selected, &tables)
}

/// Every assessment beside the series (the General Staff's personnel or an equipment table,
/// chosen per assessment from `tables`).
///
/// # Errors
/// [`AnalysisError`] when a window of the series cannot be computed (a gap in the record).
pub fn compare_all(assessments: &[Assessment], tables: &[DayTable]) -> Result<Vec<AssessmentBeside>, AnalysisError> {
    assessments
        .iter()
        .map(|assessment| {
            let table = counterpart(assessment.metric).and_then(|c| tables.iter().find(|t| t.category() == c));
            let series = match table {
                Some(table) => series_figure(assessment, table)?,
                None => None,
            };
            let definitions = definitions(assessment.metric, assessment.side, series.as_ref().and_then(|s| s.ratio));
            Ok(AssessmentBeside { assessment: assessment.clone(), series, definitions })
        })
        .collect()
}

/// A ranged assumption of a conversion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    /// Its name.
    pub name: &'static str,
    /// Low, best, high.
    pub low: f64,
    /// See `low`.
    pub best: f64,
    /// See `low`.
    pub high: f64,
    /// Where the range comes from.
    pub source: &'static str,
}

/// Coverage of deaths by named lists.
pub const COVERAGE: Assumption = Assumption {
    name: "coverage of deaths by named records",
    low: 0.45,
    best: 0.55,
    high: 0.65,
    source: "military experts to the BBC: obituaries, cemeteries and memorials capture 45–65% of deaths (babel.ua, 2025-08-08)",
};

/// Wounded per killed.
pub const WOUNDED_PER_KILLED: Assumption = Assumption {
    name: "wounded per killed",
    low: 1.0,
    best: 3.0,
    high: 4.0,
    source: "3:1, the standard calculation (NATO officer, 2022; Dupuy Institute, WWII); Russia 3–4:1 (Pentagon leak, The Economist); Kofman (2025): closer to 1:1",
};

/// One route to the number killed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// What the route does.
    pub name: String,
    /// The input figure.
    pub input: Option<Assessment>,
    /// The General Staff figure used as input, when the route starts from the series.
    pub series_input: Option<(Date, f64)>,
    /// The assumptions.
    pub assumptions: Vec<Assumption>,
    /// The arithmetic, written out.
    pub arithmetic: String,
    /// The factor carrying the input's date to the estimate's date, `S(T)/S(D)`.
    pub alignment: f64,
    /// Implied killed: low, best, high, at the estimate's date.
    pub low: f64,
    /// See `low`.
    pub best: f64,
    /// See `low`.
    pub high: f64,
    /// Whether it is in the pool (left out when the input is more than 90 days from the date).
    pub pooled: bool,
}

/// The estimate of the killed at a date from every route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KilledEstimate {
    /// The date.
    pub as_of: Date,
    /// The General Staff's personnel count at the date (the alignment's reference).
    pub series_at: f64,
    /// The routes.
    pub routes: Vec<Route>,
    /// Envelope of the pooled routes: lowest low, highest high.
    pub envelope: Option<(f64, f64)>,
    /// Median of the pooled routes' best values, with the lowest and highest best.
    pub median_best: Option<(f64, f64, f64)>,
}

/// Days within which a figure is carried to another date.
pub const ALIGNMENT_DAYS: i64 = 90;

/// Days before the estimate's date within which an input is still listed (it is pooled only
/// within [`ALIGNMENT_DAYS`]).
pub const LISTING_DAYS: i64 = 365;

/// For each organisation, its latest Russian cumulative assessment of `metric` dated on or before
/// `as_of` (and not more than [`LISTING_DAYS`] before it) that `keep` accepts, newest first.
fn latest_by_organisation(
    assessments: &[Assessment],
    metric: Metric,
    as_of: Date,
    keep: impl Fn(&Assessment) -> bool,
) -> Vec<&Assessment> {
    let mut chosen: Vec<&Assessment> = Vec::new();
    let mut candidates: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| {
            a.metric == metric
                && a.side == Side::Russia
                && matches!(a.scope, Scope::Cumulative { .. })
                && a.published <= as_of
                && i64::from((as_of - a.published).get_days()) <= LISTING_DAYS
                && a.range().is_some()
                && keep(a)
        })
        .collect();
    // Newest first; on the same day the curated row wins over an imported copy.
    candidates.sort_by_key(|a| std::cmp::Reverse((a.published, a.origin == attrition_model::Origin::Curated)));
    for candidate in candidates {
        let key = organisation_key(&candidate.organisation);
        // One figure reported under two spellings of a name (the registry's and The
        // Economist's) is one input.
        let same_figure = |c: &&Assessment| c.published == candidate.published && c.range() == candidate.range();
        if !chosen.iter().any(|c| organisation_key(&c.organisation) == key || same_figure(c)) {
            chosen.push(candidate);
        }
    }
    chosen
}

/// An organisation's name reduced to compare spellings ("UK MoD", "UK Ministry of Defence").
fn organisation_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let lower = lower.replace("ministry of defence", "mod").replace("defence intelligence", "mod");
    lower.chars().filter(char::is_ascii_alphanumeric).take(12).collect()
}

/// The killed from every route the assessments published up to `known` support, carried along
/// `table` (the General Staff's personnel under a convention) to its last day on or before
/// `known`, and pooled.
///
/// # Errors
/// [`AnalysisError`] when the series has no count at `as_of` or at an input's date.
pub fn estimate_killed(
    assessments: &[Assessment],
    table: &DayTable,
    known: Date,
) -> Result<KilledEstimate, AnalysisError> {
    // Inputs published up to `known` count; the series is read up to its last day before it.
    let as_of = known.min(table.last_day());
    let at = |day: Date| -> Result<f64, AnalysisError> {
        let day = day.min(table.last_day());
        #[allow(clippy::cast_precision_loss)]
        let value = table.window(WAR_START, day)?.published as f64;
        Ok(value)
    };
    let series_at = at(as_of)?;
    let mut routes = Vec::new();
    let carried = |assessment: &Assessment| -> Result<(f64, bool), AnalysisError> {
        let days = (as_of - assessment.published).get_days();
        let reference = at(assessment.published)?;
        let factor = if reference > 0.0 { series_at / reference } else { 1.0 };
        Ok((factor, i64::from(days).abs() <= ALIGNMENT_DAYS))
    };
    let group = crate::stats::grouped;
    for named in latest_by_organisation(assessments, Metric::NamedKilled, known, |_| true) {
        let Some((_, n, _)) = named.range() else { continue };
        let (factor, pooled) = carried(named)?;
        let (low, best, high) = (n / COVERAGE.high, n / COVERAGE.best, n / COVERAGE.low);
        routes.push(Route {
            name: format!("named deaths ÷ coverage ({})", named.organisation),
            input: Some(named.clone()),
            series_input: None,
            assumptions: vec![COVERAGE],
            arithmetic: format!(
                "{} ÷ {:.2} = {}; ÷ {:.2} = {}; ÷ {:.2} = {}",
                group(n),
                COVERAGE.high,
                group(low),
                COVERAGE.best,
                group(best),
                COVERAGE.low,
                group(high)
            ),
            alignment: factor,
            low: low * factor,
            best: best * factor,
            high: high * factor,
            pooled,
        });
    }
    let killed_share = |r: f64| 1.0 / (1.0 + r);
    for casualties in latest_by_organisation(assessments, Metric::Casualties, known, |a| {
        a.method_class != MethodClass::BelligerentClaim
    }) {
        let Some((c_low, c_best, c_high)) = casualties.range() else { continue };
        let (factor, pooled) = carried(casualties)?;
        let r = WOUNDED_PER_KILLED;
        routes.push(Route {
            name: format!("casualties × killed share ({})", casualties.organisation),
            input: Some(casualties.clone()),
            series_input: None,
            assumptions: vec![r.clone()],
            arithmetic: format!(
                "killed = casualties / (1 + r), captured and missing taken as 0: {} / {} .. {} / {}; best {} / {}",
                group(c_low),
                1.0 + r.high,
                group(c_high),
                1.0 + r.low,
                group(c_best),
                1.0 + r.best
            ),
            alignment: factor,
            low: c_low * killed_share(r.high) * factor,
            best: c_best * killed_share(r.best) * factor,
            high: c_high * killed_share(r.low) * factor,
            pooled,
        });
    }
    let r = WOUNDED_PER_KILLED;
    routes.push(Route {
        name: "General Staff personnel losses read as casualties × killed share".to_owned(),
        input: None,
        series_input: Some((as_of, series_at)),
        assumptions: vec![r.clone()],
        arithmetic: format!(
            "{} / {} .. {} / {}; best {} / {} (the press reads the count as killed and wounded)",
            group(series_at),
            1.0 + r.high,
            group(series_at),
            1.0 + r.low,
            group(series_at),
            1.0 + r.best
        ),
        alignment: 1.0,
        low: series_at * killed_share(r.high),
        best: series_at * killed_share(r.best),
        high: series_at * killed_share(r.low),
        pooled: true,
    });
    for direct in
        latest_by_organisation(assessments, Metric::Killed, known, |a| a.method_class == MethodClass::Statistical)
    {
        let Some((low, best, high)) = direct.range() else { continue };
        let (factor, pooled) = carried(direct)?;
        routes.push(Route {
            name: format!("a direct estimate of the killed ({})", direct.organisation),
            input: Some(direct.clone()),
            series_input: None,
            assumptions: Vec::new(),
            arithmetic: format!(
                "{} – {} (best {}) as published: {}",
                group(low),
                group(high),
                group(best),
                direct.method
            ),
            alignment: factor,
            low: low * factor,
            best: best * factor,
            high: high * factor,
            pooled,
        });
    }
    let pooled: Vec<&Route> = routes.iter().filter(|r| r.pooled).collect();
    let envelope = (!pooled.is_empty()).then(|| {
        (
            pooled.iter().map(|r| r.low).fold(f64::INFINITY, f64::min),
            pooled.iter().map(|r| r.high).fold(f64::NEG_INFINITY, f64::max),
        )
    });
    let mut bests: Vec<f64> = pooled.iter().map(|r| r.best).collect();
    bests.sort_unstable_by(f64::total_cmp);
    let median_best =
        (!bests.is_empty()).then(|| (crate::stats::sample_quantile(&bests, 0.5), bests[0], bests[bests.len() - 1]));
    Ok(KilledEstimate { as_of, series_at, routes, envelope, median_best })
}

/// One date of the pooled path beside a published meta-estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PooledDay {
    /// The date.
    pub date: Date,
    /// Routes in the pool.
    pub routes: usize,
    /// Median of the pooled routes' best values.
    pub median: Option<f64>,
    /// Envelope of the pooled routes.
    pub envelope: Option<(f64, f64)>,
    /// The published meta-estimate on that date, if any.
    pub published: Option<attrition_model::MetaEstimate>,
    /// `median / published − 1`.
    pub difference: Option<f64>,
}

/// The pooled estimate of the killed at each of `dates` (month ends, say), each from the
/// assessments known by then, beside `meta` (The Economist's pooled model) on the same day.
///
/// # Errors
/// [`AnalysisError`] when the series has no count at a date.
pub fn pooled_path(
    assessments: &[Assessment],
    table: &DayTable,
    dates: &[Date],
    meta: &[attrition_model::MetaEstimate],
) -> Result<Vec<PooledDay>, AnalysisError> {
    dates
        .iter()
        .map(|&date| {
            let known: Vec<Assessment> = assessments.iter().filter(|a| a.published <= date).cloned().collect();
            let estimate = estimate_killed(&known, table, date)?;
            let published = meta.iter().rfind(|m| m.date <= estimate.as_of).copied();
            let median = estimate.median_best.map(|(m, _, _)| m);
            let difference = match (median, published) {
                (Some(m), Some(p)) if p.estimate > 0.0 => Some(m / p.estimate - 1.0),
                _ => None,
            };
            Ok(PooledDay {
                date: estimate.as_of,
                routes: estimate.routes.iter().filter(|r| r.pooled).count(),
                median,
                envelope: estimate.envelope,
                published,
                difference,
            })
        })
        .collect()
}
