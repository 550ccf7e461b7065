//! Checking claims against the daily record as of the text's date.
//!
//! # Rules
//! * **Tolerance** from the qualifier and the claim's own rounding: `exact` → within half a unit of
//!   the last significant digit (38,130 → ±5; 35,000 → ±500; "1.22 million" → ±5,000); `about` →
//!   ± max(that, 2% of the claim); `nearly` → 0.95·claim ≤ truth ≤ claim; `more_than` → truth >
//!   claim; `at_least` → ≥; `up_to` → ≤; `less_than` → <; a range → low ≤ truth ≤ high. A value
//!   that cannot be rounded to the claim is contradicted.
//! * **Figures**: a cumulative total as of the text's date is the report of that date; one as of
//!   an earlier day L is the count at the end of L; a period's losses are computed under loss-day
//!   and report-day (and net of corrections when the text removes them), and the verdict says
//!   which convention matches; a rate divides by the days (`per_week` × 7) or by whole months.
//! * **Ranks** compare complete months (from March 2022, the first complete one) as of the text's
//!   date, by total or by daily average, over the months the claim names ("since last May").
//! * **Projections** are checked with hindsight where the data now reach the target, and carry the
//!   probability the calibrated forecast gave as of the text's date.
//! * **Not checkable**: another side's losses, a metric the series does not measure (named deaths,
//!   wounded, recruits, call-ups), a period the data do not cover. A `killed` figure that matches
//!   the General Staff's personnel losses is a **metric mismatch**, with both figures.

use crate::readings::{Cues, Outcome, Reading, ReadingKind, SUPPORT_POSTERIOR, readings, support_share, weight};
use attrition_analysis::forecast::{Fits, ForecastModel, ForecastRequest, ForecastSettings, History, forecast_reusing};
use attrition_analysis::{DayTable, Record, grouped};
use attrition_model::{
    Assessment, Category, Claim, ClaimKind, Convention, DataVersion, Hedge, Metric, RankBy, RankOrder, RateUnit, Side,
    VerdictKind, WAR_START,
};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// A claim with its verdict and the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checked<'t> {
    /// The claim.
    pub claim: Claim<'t>,
    /// The verdict.
    pub verdict: VerdictKind,
    /// The figure computed from the data (a rank for rank claims, the outcome for projections).
    pub truth: Option<f64>,
    /// The interval of figures the claim allows, `[low, high]` (open ends as `None`).
    pub accepted: Option<[Option<f64>; 2]>,
    /// The convention of `truth`.
    pub convention: Option<Convention>,
    /// Every convention under which the claim holds.
    pub matches: Vec<Convention>,
    /// How the figure was computed, or why there is none.
    pub evidence: String,
    /// For a projection: the probability the forecast gave as of the text's date.
    pub probability: Option<f64>,
    /// A registry entry the claim reproduces (same organisation, metric and figure, published
    /// within 60 days before the text), as `id: organisation, figure, date, citation`.
    pub registry: Option<String>,
    /// Whether the claim was read as a milestone of the running total ("passed 998,000 this
    /// week") rather than as the period's own total, which the data contradict.
    pub milestone: bool,
    /// The reading the verdict rests on ("the day's change in the report of 2024-10-01"), when
    /// the claim was weighed against other readings.
    pub reading: Option<String>,
    /// The posterior weight of the verdict: the share of the readings' weight under which the
    /// claim holds (supported) or fails (contradicted, ambiguous: the larger).
    pub posterior: Option<f64>,
    /// The other readings with their figures and posterior weights, most likely first.
    pub alternatives: Vec<Alternative>,
    /// The data version.
    pub data_version: String,
}

/// A reading the verdict does not rest on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// What it takes the claim to count.
    pub reading: String,
    /// Its figure.
    pub truth: Option<f64>,
    /// Whether the claim holds under it.
    pub holds: bool,
    /// Its prior from the text.
    pub prior: f64,
    /// Its posterior weight.
    pub posterior: f64,
}

/// The data a text is checked against.
pub struct CheckData<'a> {
    /// The record as known on the text's date.
    pub as_of: &'a Record,
    /// The record as it stands now (for hindsight on projections).
    pub now: &'a Record,
    /// The text's date.
    pub date: Date,
    /// Published assessments to match attributed claims against (may be empty).
    pub assessments: &'a [Assessment],
    /// Forecasting work kept between checks (`&Forecasts::default()` when checking one text).
    pub forecasts: &'a Forecasts,
}

/// What checking projection claims keeps from one claim to the next: each category's history as
/// of the texts' date, with its model fits. A calibrated forecast fits the model at hundreds of
/// past origins; the projection claims of an archive's texts of one date share those fits
/// instead of refitting them for every claim.
#[derive(Debug, Default)]
pub struct Forecasts {
    /// The data version the histories are of, and each category's history (`None` when it has
    /// none to forecast from).
    kept: std::cell::RefCell<Option<(DataVersion, Vec<CategoryForecasts>)>>,
}

/// A category's history with its fits, `None` when it has none to forecast from.
type CategoryForecasts = (Category, Option<(History, Fits)>);

impl Forecasts {
    /// The probability the calibrated forecast as of `record` gives `category`'s count of
    /// reaching `threshold` by `target`.
    fn probability(&self, record: &Record, category: Category, threshold: f64, target: Date) -> Option<f64> {
        let mut kept = self.kept.borrow_mut();
        let version = record.data_version();
        if kept.as_ref().is_none_or(|(v, _)| *v != version) {
            *kept = Some((version, Vec::new()));
        }
        let (_, histories) = kept.as_mut()?;
        let at = match histories.iter().position(|(c, _)| *c == category) {
            Some(at) => at,
            None => {
                let history = record
                    .day_table(category, Convention::LossDay)
                    .ok()
                    .and_then(|table| History::new(&table).ok())
                    .map(|history| (history, Fits::default()));
                histories.push((category, history));
                histories.len() - 1
            }
        };
        let (history, fits) = histories[at].1.as_mut()?;
        #[allow(clippy::cast_possible_truncation)]
        let request = ForecastRequest {
            model: ForecastModel::DEFAULT,
            horizon: 1,
            threshold: Some(threshold.round() as i64),
            by: Some(target),
        };
        let forecast = forecast_reusing(history, &request, &ForecastSettings::default(), None, fits).ok()?;
        forecast.crossing.and_then(|c| if c.already.is_some() { Some(1.0) } else { c.by.map(|(_, p)| p) })
    }
}

/// The interval a claim allows.
#[must_use]
pub fn accepted(claim: &Claim<'_>) -> Option<[Option<f64>; 2]> {
    let value = claim.low.or(claim.high)?;
    let half_unit = claim.unit.unwrap_or_else(|| significant_unit(value)) / 2.0;
    Some(match claim.qualifier {
        Hedge::Exact => [Some(value - half_unit), Some(value + half_unit)],
        Hedge::About => {
            let spread = half_unit.max(0.02 * value);
            [Some(value - spread), Some(value + spread)]
        }
        Hedge::Nearly => [Some(0.95 * value), Some(value)],
        Hedge::MoreThan | Hedge::AtLeast => [claim.low, None],
        Hedge::UpTo | Hedge::LessThan => [None, claim.high.or(claim.low)],
        Hedge::Range => [claim.low, claim.high],
    })
}

/// The unit of the last significant digit of a whole number (trailing zeros are not significant):
/// 38,130 → 10; 35,000 → 1,000; 767 → 1. Fractions: 0.1 per decimal.
fn significant_unit(value: f64) -> f64 {
    if value.fract().abs() > 1e-9 {
        let mut unit = 1.0;
        let mut scaled = value;
        for _ in 0..6 {
            if (scaled - scaled.round()).abs() < 1e-6 {
                break;
            }
            scaled *= 10.0;
            unit /= 10.0;
        }
        return unit;
    }
    let mut unit = 1.0;
    #[allow(clippy::cast_possible_truncation)]
    let mut n = value.abs().round() as i64;
    while n != 0 && n % 10 == 0 {
        n /= 10;
        unit *= 10.0;
    }
    unit
}

/// Whether `truth` lies in the accepted interval, with the strictness of the qualifier.
fn holds(claim: &Claim<'_>, truth: f64) -> bool {
    let Some([low, high]) = accepted(claim) else { return false };
    let tiny = 1e-9;
    match claim.qualifier {
        Hedge::MoreThan => low.is_some_and(|l| truth > l + tiny),
        Hedge::LessThan => high.is_some_and(|h| truth < h - tiny),
        _ => low.is_none_or(|l| truth >= l - tiny) && high.is_none_or(|h| truth <= h + tiny),
    }
}

/// The series counterpart of a metric the data measure.
fn category_of(metric: Metric) -> Option<Category> {
    match metric {
        Metric::PersonnelLosses | Metric::Casualties | Metric::Killed => Some(Category::Personnel),
        Metric::Equipment(category) => Some(category),
        _ => None,
    }
}

fn not_checkable<'t>(claim: &Claim<'t>, data_version: &str, why: String) -> Checked<'t> {
    Checked {
        claim: claim.clone(),
        verdict: VerdictKind::NotCheckable,
        truth: None,
        accepted: accepted(claim),
        convention: None,
        matches: Vec::new(),
        evidence: why,
        probability: None,
        registry: None,
        milestone: false,
        reading: None,
        posterior: None,
        alternatives: Vec::new(),
        data_version: data_version.to_owned(),
    }
}

/// Checks one claim, and matches it to the registry; the readings' cues come from its quote
/// alone (see [`check_in`]).
#[must_use]
pub fn check<'t>(claim: &Claim<'t>, data: &CheckData<'_>) -> Checked<'t> {
    check_with(claim, data, Cues::around(&claim.quote, [0, claim.quote.len()]))
}

/// Checks one claim found in `text`, with the readings' cues from its sentence.
#[must_use]
pub fn check_in<'t>(text: &str, claim: &Claim<'t>, data: &CheckData<'_>) -> Checked<'t> {
    check_with(claim, data, Cues::around(text, claim.span))
}

fn check_with<'t>(claim: &Claim<'t>, data: &CheckData<'_>, cues: Cues) -> Checked<'t> {
    let mut checked = check_against_series(claim, data, cues);
    checked.registry = registry_match(claim, data);
    checked
}

/// The registry entry an attributed claim reproduces.
fn registry_match(claim: &Claim<'_>, data: &CheckData<'_>) -> Option<String> {
    let attribution = claim.attribution.as_deref()?.to_lowercase();
    let words: Vec<&str> =
        attribution.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3 || *w == "uk").collect();
    let [low, high] = accepted(claim)?;
    let entry = data.assessments.iter().filter(|a| {
        let organisation = a.organisation.to_lowercase();
        Some(a.metric) == claim.metric
            && claim.side.is_none_or(|s| s == a.side)
            && a.published <= data.date
            && i64::from((data.date - a.published).get_days()) <= 60
            && words
                .iter()
                .filter(|w| !matches!(**w, "the" | "and" | "said" | "says"))
                .any(|w| organisation.contains(w))
            && a.range().is_some_and(|(l, _, h)| low.is_none_or(|x| h >= x) && high.is_none_or(|x| l <= x))
    });
    entry.max_by_key(|a| a.published).map(|a| {
        let (l, b, h) = a.range().unwrap_or_default();
        let figure = if (l - h).abs() < 1e-9 { format!("{b}") } else { format!("{l}–{h}") };
        format!("{}: {}, {} {} on {} (cited in {})", a.id, a.organisation, a.metric, figure, a.published, a.cited_in)
    })
}

/// Checks one claim against the series.
fn check_against_series<'t>(claim: &Claim<'t>, data: &CheckData<'_>, cues: Cues) -> Checked<'t> {
    let version = data.as_of.data_version().to_string();
    if matches!(claim.side, Some(Side::Ukraine | Side::Ussr)) {
        return not_checkable(
            claim,
            &version,
            "about Ukraine's own losses: the General Staff reports Russia's only".to_owned(),
        );
    }
    if let Some(subset) = claim.subset {
        return not_checkable(claim, &version, subset.meaning().to_owned());
    }
    let Some(metric) = claim.metric else {
        return not_checkable(claim, &version, "the text does not say what the figure counts".to_owned());
    };
    let Some(category) = category_of(metric) else {
        return not_checkable(claim, &version, format!("{}: the data do not measure it", metric.meaning()));
    };
    let outcome = match claim.kind {
        ClaimKind::Rank => check_rank(claim, category, data),
        ClaimKind::Projection => check_projection(claim, category, data),
        // An open bound on the killed is read only as written: another reading would satisfy it
        // trivially and say nothing of what the figure counts.
        ClaimKind::Value if metric == Metric::Killed && open_bound(claim) => check_value(claim, category, data),
        // a peak within a period is read only as written: the other readings are no peaks
        ClaimKind::Value if peak_len(claim).is_some() => check_value(claim, category, data),
        ClaimKind::Value => weigh_readings(claim, category, data, cues),
    };
    let mut checked = match outcome {
        Ok(checked) => checked,
        Err(why) => return not_checkable(claim, &version, why),
    };
    if metric == Metric::Killed {
        // A "killed" figure can only be compared with personnel losses to say it is not one, and
        // an open bound ("at least 150,000 killed") only when it is the General Staff's figure
        // rounded to the bound, not one it passes by far.
        let is_the_figure = !open_bound(claim)
            || checked
                .truth
                .zip(claim.low.or(claim.high))
                .is_some_and(|(truth, bound)| (truth - bound).abs() <= claim.unit.unwrap_or(1.0).max(bound * 0.05));
        checked.verdict = if checked.verdict == VerdictKind::Supported && is_the_figure {
            checked.evidence = format!(
                "metric mismatch: the figure equals the General Staff's personnel losses (killed and wounded), not the killed; {}",
                checked.evidence
            );
            VerdictKind::MetricMismatch
        } else {
            checked.truth = None;
            checked.evidence =
                "killed only: the data do not measure deaths (the General Staff counts killed and wounded together)"
                    .to_owned();
            VerdictKind::NotCheckable
        };
    }
    checked
}

/// Whether the claim bounds its figure on one side only ("at least", "more than", "up to").
fn open_bound(claim: &Claim<'_>) -> bool {
    matches!(claim.qualifier, Hedge::AtLeast | Hedge::MoreThan | Hedge::UpTo | Hedge::LessThan)
}

/// The verdict on a value claim from every reading its words allow, weighed (see
/// [`crate::readings`]).
fn weigh_readings<'t>(
    claim: &Claim<'t>,
    category: Category,
    data: &CheckData<'_>,
    cues: Cues,
) -> Result<Checked<'t>, String> {
    let mut weighed: Vec<(Reading<'t>, Checked<'t>, f64, bool)> = Vec::new();
    let mut as_written_error = None;
    for reading in readings(claim, data.date, cues) {
        match check_value(&reading.claim, category, data) {
            Ok(checked) => {
                let Some(figure) = checked.truth else { continue };
                let Some(interval) = checked.accepted else { continue };
                let holds = checked.verdict == VerdictKind::Supported;
                let outcome = if holds { Outcome::Holds { figure } } else { Outcome::Fails { figure } };
                let w = weight(reading.prior, &reading.claim, interval, outcome);
                weighed.push((reading, checked, w, holds));
            }
            Err(why) if reading.kind == ReadingKind::AsWritten => as_written_error = Some(why),
            Err(_) => {}
        }
    }
    let weights: Vec<(f64, bool)> = weighed.iter().map(|(_, _, w, holds)| (*w, *holds)).collect();
    let Some(share) = support_share(&weights) else {
        return Err(as_written_error.unwrap_or_else(|| "no figure could be computed".to_owned()));
    };
    let total: f64 = weights.iter().map(|(w, _)| w).sum();
    let (verdict, posterior, pick_holding) = if share >= SUPPORT_POSTERIOR {
        (VerdictKind::Supported, share, Some(true))
    } else if share <= 1.0 - SUPPORT_POSTERIOR {
        (VerdictKind::Contradicted, 1.0 - share, Some(false))
    } else {
        (VerdictKind::Ambiguous, share.max(1.0 - share), None)
    };
    // The sentence's own reading speaks for the verdict whenever it agrees with it.
    let as_written_agrees = weighed
        .first()
        .is_some_and(|(reading, _, _, holds)| reading.kind == ReadingKind::AsWritten && pick_holding == Some(*holds));
    let chosen = if as_written_agrees {
        0
    } else {
        weighed
            .iter()
            .enumerate()
            .filter(|(_, (_, _, _, holds))| pick_holding.is_none_or(|h| h == *holds))
            .max_by(|a, b| a.1.2.total_cmp(&b.1.2))
            .map_or(0, |(i, _)| i)
    };
    let alternatives = {
        let mut others: Vec<Alternative> = weighed
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != chosen)
            .map(|(_, (reading, checked, w, holds))| Alternative {
                reading: reading.kind.describe(),
                truth: checked.truth,
                holds: *holds,
                prior: reading.prior,
                posterior: w / total,
            })
            .collect();
        others.sort_by(|a, b| b.posterior.total_cmp(&a.posterior));
        others
    };
    let (reading, mut checked, _, _) = weighed.swap_remove(chosen);
    checked.verdict = verdict;
    checked.claim = reading.claim;
    if verdict == VerdictKind::Ambiguous {
        checked.matches.clear();
        checked.evidence = format!(
            "ambiguous: the readings disagree and none dominates ({:.0}% of the weight on those under which it holds); most likely {}: {}",
            100.0 * share,
            reading.kind.describe(),
            checked.evidence
        );
    } else if reading.kind != ReadingKind::AsWritten {
        checked.evidence = format!("read as {}: {}", reading.kind.describe(), checked.evidence);
    }
    checked.reading = Some(reading.kind.describe());
    checked.posterior = Some(posterior);
    checked.alternatives = alternatives;
    Ok(checked)
}

/// One computed figure under a convention.
struct Computed {
    convention: Convention,
    value: f64,
    how: String,
    /// For a total over a period: the running total before the period and at its end, and how
    /// they were read, for the milestone reading.
    running: Option<Running>,
}

/// The running total around a period: what a milestone ("passed 998,000 in May") speaks of.
struct Running {
    before: f64,
    end: f64,
    how: String,
}

fn tables(record: &Record, category: Category) -> Result<[(Convention, DayTable); 2], String> {
    let table = |c| record.day_table(category, c).map_err(|e| e.to_string());
    Ok([(Convention::LossDay, table(Convention::LossDay)?), (Convention::ReportDay, table(Convention::ReportDay)?)])
}

fn check_value<'t>(claim: &Claim<'t>, category: Category, data: &CheckData<'_>) -> Result<Checked<'t>, String> {
    let conventions: Vec<Convention> = match claim.convention {
        Some(c) => vec![c],
        None => vec![Convention::LossDay, Convention::ReportDay],
    };
    let mut computed = Vec::new();
    for (convention, table) in tables(data.as_of, category)? {
        if !conventions.contains(&convention) {
            continue;
        }
        if let Some(figure) = figure(claim, &table, data.date)? {
            computed.push(figure);
        }
    }
    let period_total = verdict_from(claim, data, &computed)?;
    if period_total.verdict == VerdictKind::Contradicted
        && let Some(milestone) = milestone(claim, &computed, &period_total)
    {
        return Ok(milestone);
    }
    Ok(period_total)
}

/// The claim read as a milestone of the running total, when it holds that way.
///
/// "Losses passed 998,000 this week" names the running total crossing a mark, not the week's
/// losses; English does not tell the two apart ("losses surpassed 40,000 in May" is a month's
/// total). A period's total is read first; when the data contradict it, the milestone reading is
/// tried, and taken only when the running total was short of the figure before the period began
/// and satisfies the claim at its end, so the mark was crossed within the period. A wrong
/// period total would have to equal the running total by chance to pass.
fn milestone<'t>(claim: &Claim<'t>, computed: &[Computed], period_total: &Checked<'t>) -> Option<Checked<'t>> {
    if !matches!(claim.qualifier, Hedge::Exact | Hedge::About | Hedge::Nearly | Hedge::MoreThan | Hedge::AtLeast) {
        return None;
    }
    let mark = claim.low.or(claim.high)?;
    let crossed = |c: &&Computed| c.running.as_ref().is_some_and(|r| r.before < mark && holds(claim, r.end));
    let matches: Vec<Convention> = computed.iter().filter(crossed).map(|c| c.convention).collect();
    let chosen = computed.iter().find(crossed)?;
    let running = chosen.running.as_ref()?;
    let as_total = period_total.truth.map_or_else(|| "—".to_owned(), grouped);
    Some(Checked {
        verdict: VerdictKind::Supported,
        truth: Some(running.end),
        convention: Some(chosen.convention),
        matches,
        evidence: format!(
            "read as a milestone: the running total crossed {} within the period, {}; as the period's own total the figure would be {as_total}, which contradicts it",
            grouped(mark),
            running.how
        ),
        milestone: true,
        ..period_total.clone()
    })
}

/// The claim's figure from one table (its convention is the table's).
fn figure(claim: &Claim<'_>, table: &DayTable, date: Date) -> Result<Option<Computed>, String> {
    let net = claim.net_of_corrections;
    let convention = table.convention();
    let (start, end) = match claim.period {
        Some([start, end]) => (start, end),
        None if claim.cumulative => {
            // A total as of the text's date: the report of that date.
            let report = date.min(table.last_report());
            let day =
                report.checked_sub(i64::from(convention.report_offset_days()).days()).map_err(|e| e.to_string())?;
            (WAR_START, day)
        }
        None => return Err("no period: the text does not say when".to_owned()),
    };
    let start = if claim.cumulative { WAR_START } else { start.max(WAR_START) };
    if end > table.last_day() {
        return Err(format!(
            "the period ends on {end}, after the last day of the data as of {date} ({})",
            table.last_day()
        ));
    }
    // a peak within the period: the stretch of that many days with the highest total
    let peak = peak_len(claim);
    let (start, end) = match peak {
        Some(len) => {
            let mut best: Option<(i64, Date, Date)> = None;
            let mut first = start;
            loop {
                let last = first.checked_add(i64::from(len - 1).days()).map_err(|e| e.to_string())?;
                if last > end {
                    break;
                }
                let total = table.window(first, last).map_err(|e| e.to_string())?.total(net);
                if best.is_none_or(|(b, _, _)| total > b) {
                    best = Some((total, first, last));
                }
                first = first.tomorrow().map_err(|e| e.to_string())?;
            }
            best.map_or((start, end), |(_, a, b)| (a, b))
        }
        None => (start, end),
    };
    let window = table.window(start, end).map_err(|e| e.to_string())?;
    #[allow(clippy::cast_precision_loss)]
    let total = window.total(net) as f64;
    let days = window.days;
    let value = match claim.rate {
        None => total,
        #[allow(clippy::cast_precision_loss)]
        Some(RateUnit::PerDay) => total / days as f64,
        #[allow(clippy::cast_precision_loss)]
        Some(RateUnit::PerWeek) => total / days as f64 * 7.0,
        Some(RateUnit::PerMonth) => total / whole_months(start, end).unwrap_or(days as f64 / (365.25 / 12.0)),
        #[allow(clippy::cast_precision_loss)]
        Some(RateUnit::PerYear) => total / days as f64 * 365.25,
    };
    let peak_words = match (peak, claim.period) {
        (Some(1), Some([a, b])) => format!("the highest day in {a}..{b}: "),
        (Some(len), Some([a, b])) => format!("the highest {len} days in a row in {a}..{b}: "),
        _ => String::new(),
    };
    let how = format!(
        "{peak_words}{} {}: cumulative {} (report {}) − {} (report {}) = {}{}{}",
        table.category().id(),
        if window.start == window.end { window.start.to_string() } else { format!("{}..{}", window.start, window.end) },
        grouped(count(window.cumulative_end)),
        window.end_report,
        grouped(count(window.cumulative_start)),
        window.start_report,
        grouped(count(window.total(net))),
        if net { " net of corrections" } else { "" },
        match claim.rate {
            Some(unit) => format!("; {:.2} {}", value, unit.words()),
            None => String::new(),
        }
    );
    let running =
        (claim.period.is_some() && !claim.cumulative && claim.rate.is_none() && peak.is_none()).then(|| Running {
            before: count(window.cumulative_start),
            end: count(window.cumulative_end),
            how: format!(
                "{} cumulative {} (report {}) → {} (report {})",
                table.category().id(),
                grouped(count(window.cumulative_start)),
                window.start_report,
                grouped(count(window.cumulative_end)),
                window.end_report
            ),
        });
    Ok(Some(Computed { convention, value, how, running }))
}

/// The length of the peak a claim names, when its period is longer than that.
fn peak_len(claim: &Claim<'_>) -> Option<u16> {
    let len = claim.peak_days?;
    let [start, end] = claim.period?;
    let days = start.until(end).ok()?.get_days() + 1;
    (len >= 1 && days > i32::from(len) && !claim.cumulative && claim.rate.is_none()).then_some(len)
}

/// A count as a float, for [`grouped`].
#[allow(clippy::cast_precision_loss)]
fn count(n: i64) -> f64 {
    n as f64
}

/// Whole calendar months from `start` to `end` when they are exactly that.
fn whole_months(start: Date, end: Date) -> Option<f64> {
    if start.day() != 1 || end.tomorrow().ok()?.day() != 1 {
        return None;
    }
    let months =
        (i32::from(end.year()) - i32::from(start.year())) * 12 + i32::from(end.month()) - i32::from(start.month()) + 1;
    Some(f64::from(months))
}

fn verdict_from<'t>(claim: &Claim<'t>, data: &CheckData<'_>, computed: &[Computed]) -> Result<Checked<'t>, String> {
    let Some(first) = computed.first() else { return Err("no figure could be computed".to_owned()) };
    let matches: Vec<Convention> = computed.iter().filter(|c| holds(claim, c.value)).map(|c| c.convention).collect();
    let chosen = computed.iter().find(|c| matches.first() == Some(&c.convention)).unwrap_or(first);
    Ok(Checked {
        claim: claim.clone(),
        verdict: if matches.is_empty() { VerdictKind::Contradicted } else { VerdictKind::Supported },
        truth: Some(chosen.value),
        accepted: accepted(claim),
        convention: Some(chosen.convention),
        matches,
        evidence: chosen.how.clone(),
        probability: None,
        registry: None,
        milestone: false,
        reading: None,
        posterior: None,
        alternatives: Vec::new(),
        data_version: data.as_of.data_version().to_string(),
    })
}

fn month_label(day: Date) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

fn check_rank<'t>(claim: &Claim<'t>, category: Category, data: &CheckData<'_>) -> Result<Checked<'t>, String> {
    let spec = claim.rank.as_ref().ok_or("a rank claim without its terms")?;
    let Some([start, _]) = claim.period else { return Err("a rank claim without its month".to_owned()) };
    let claimed = claim.low.or(claim.high).ok_or("a rank claim without its rank")?;
    let convention = claim.convention.unwrap_or(Convention::LossDay);
    let ranking = data
        .as_of
        .ranking(category, attrition_model::PeriodKind::Month, convention, claim.net_of_corrections, false)
        .map_err(|e| e.to_string())?;
    let target = month_label(start);
    let mut months: Vec<(String, f64)> = ranking
        .periods
        .iter()
        .filter(|p| p.incomplete.is_none() && p.rank.is_some())
        .map(|p| {
            #[allow(clippy::cast_precision_loss)]
            let total = p.figure.total as f64;
            let value = match spec.by {
                RankBy::Total => total,
                RankBy::DailyAverage => p.figure.daily_average,
            };
            (month_label(p.period_start), value)
        })
        .filter(|(label, _)| match &spec.among {
            Some([first, last]) => label >= first && label <= last,
            None => true,
        })
        .collect();
    if !months.iter().any(|(label, _)| *label == target) {
        return Err(format!("{target} is not a complete month in the data as of {}", data.date));
    }
    months.sort_by(|a, b| match spec.order {
        RankOrder::Highest => b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)),
        RankOrder::Lowest => a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)),
    });
    let position = months.iter().position(|(label, _)| *label == target).map_or(0, |i| i + 1);
    #[allow(clippy::cast_precision_loss)]
    let truth = position as f64;
    let supported = (truth - claimed).abs() < 0.5;
    Ok(Checked {
        claim: claim.clone(),
        verdict: if supported { VerdictKind::Supported } else { VerdictKind::Contradicted },
        truth: Some(truth),
        accepted: Some([Some(claimed), Some(claimed)]),
        convention: Some(convention),
        matches: if supported { vec![convention] } else { Vec::new() },
        evidence: format!(
            "{target} ranks {position} of {} months by {} ({}, {} first; complete months as of {}{})",
            months.len(),
            match spec.by {
                RankBy::Total => "total",
                RankBy::DailyAverage => "daily average",
            },
            convention.name(),
            match spec.order {
                RankOrder::Highest => "highest",
                RankOrder::Lowest => "lowest",
            },
            data.date,
            spec.among.as_ref().map(|[a, b]| format!(", among {a}..{b}")).unwrap_or_default()
        ),
        probability: None,
        registry: None,
        milestone: false,
        reading: None,
        posterior: None,
        alternatives: Vec::new(),
        data_version: data.as_of.data_version().to_string(),
    })
}

fn check_projection<'t>(claim: &Claim<'t>, category: Category, data: &CheckData<'_>) -> Result<Checked<'t>, String> {
    let Some([_, target]) = claim.period else { return Err("a projection without its target date".to_owned()) };
    let threshold = claim.low.or(claim.high).ok_or("a projection without its figure")?;
    // What the forecast said on the text's date (cumulative thresholds only).
    let probability =
        if claim.cumulative { data.forecasts.probability(data.as_of, category, threshold, target) } else { None };
    // What happened, where the data now reach the target.
    let hindsight = CheckData {
        as_of: data.now,
        now: data.now,
        date: data.now.last_report,
        assessments: &[],
        forecasts: data.forecasts,
    };
    let mut outcome = check_value(claim, category, &hindsight);
    if let Ok(checked) = &mut outcome {
        checked.probability = probability;
        if let Some(p) = probability {
            checked.evidence = format!("{}; the forecast as of {} gave {:.0}%", checked.evidence, data.date, 100.0 * p);
        }
    }
    let _ = target;
    outcome.map_err(|why| match probability {
        Some(p) => format!("{why}; the forecast as of {} gives {:.0}%", data.date, 100.0 * p),
        None => why,
    })
}
