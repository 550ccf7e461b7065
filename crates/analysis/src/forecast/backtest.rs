//! Rolling-origin evaluation: every model refitted at many past origins, with no look-ahead, and
//! its forecasts scored against what the data later showed.
//!
//! # Protocol (../shared/METHODS.md §4.3)
//! * Origins every `step` days (default 7) from the first day with a full year of history to the
//!   last day that leaves each horizon inside the data. Each origin sees only the days up to it.
//! * Truth: the growth actually realised, `y = C_{T+h} − C_T`.
//! * Scores per model and horizon: the mean absolute error (MAE) of the median forecast; its mean
//!   absolute percentage error relative to the realised growth (MAPE, so that the figure is not
//!   flattered by the size of the cumulative count); the empirical coverage of the central 80% and
//!   95% intervals; the mean bias of the median; and the 80% interval score
//!   `IS₈₀ = (u − l) + (2/α)(l − y)₊ + (2/α)(y − u)₊`, α = 0.2 (Gneiting & Raftery 2007, *JASA*
//!   102:359), which rewards narrow intervals only when they hold the truth.
//!
//! * Milestones (optional, METHODS.md §4.3's crossing-date test): at each origin, the next
//!   multiple of `N` above the count, when the data show it was reached 30 to 180 days later;
//!   scored by the error of the median crossing day and how often the 80% and 95% crossing-date
//!   intervals held the true day. Crossings are searched a year ahead.
//!
//! With a hundred or so origins per horizon, a coverage has a sampling error of about ±4
//! percentage points at 80%, and consecutive 90-day windows overlap, so neighbouring origins are
//! not independent: read differences of a few points as noise.

use super::calibrated::FitCache;
use super::{ForecastError, ForecastModel, ForecastSettings, History, predict};
use attrition_model::{Category, Convention};
use jiff::civil::Date;
use serde::Serialize;

/// The scores of one model at one horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestRow {
    /// The model.
    pub model: ForecastModel,
    /// Days ahead.
    pub horizon: usize,
    /// Origins scored.
    pub origins: usize,
    /// Mean absolute error of the median.
    pub mae: f64,
    /// Mean absolute error as a percentage of the realised growth.
    pub mape: f64,
    /// Mean of median − truth.
    pub bias: f64,
    /// Share of outcomes inside the 80% interval.
    pub coverage80: f64,
    /// Share of outcomes inside the 95% interval.
    pub coverage95: f64,
    /// Mean 80% interval score.
    pub interval_score80: f64,
    /// Mean width of the 80% interval.
    pub width80: f64,
}

/// A whole backtest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// The category.
    pub category: Category,
    /// The convention.
    pub convention: Convention,
    /// The first origin.
    pub first_origin: Date,
    /// The last origin (of the shortest horizon).
    pub last_origin: Date,
    /// Days between origins.
    pub step: usize,
    /// One row per model and horizon.
    pub rows: Vec<BacktestRow>,
    /// The crossing-date test, when a milestone step was given.
    pub milestones: Option<MilestoneTest>,
}

/// The crossing-date scores of every model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneTest {
    /// The milestones: every multiple of this.
    pub every: i64,
    /// One row per model.
    pub rows: Vec<MilestoneRow>,
}

/// The crossing-date scores of one model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneRow {
    /// The model.
    pub model: ForecastModel,
    /// Crossings scored (origins 30–180 days before the next milestone was reached).
    pub events: usize,
    /// Median of |median crossing day − true day|, in days.
    pub median_abs_error_days: f64,
    /// Mean of (median crossing day − true day), in days.
    pub mean_error_days: f64,
    /// Share of true days inside the 80% crossing-date interval.
    pub coverage80: f64,
    /// Share of true days inside the 95% crossing-date interval.
    pub coverage95: f64,
}

/// Crossing-date errors of one model.
#[derive(Debug, Default, Clone)]
struct MilestoneTally {
    errors: Vec<f64>,
    in80: usize,
    in95: usize,
}

/// Days ahead the crossing test searches.
const MILESTONE_SEARCH: usize = 365;

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    n: usize,
    abs_error: f64,
    abs_pct: f64,
    pct_n: usize,
    bias: f64,
    in80: usize,
    in95: usize,
    score: f64,
    width: f64,
}

/// Days of history before the first origin.
const WARM_UP: usize = 365;

/// Runs the backtest; `progress` is called with the number of origins done after each one.
///
/// # Errors
/// [`ForecastError::NoHorizon`] for a zero horizon, [`ForecastError::BacktestTooShort`] when
/// the series leaves no origin.
pub fn backtest(
    history: &History,
    models: &[ForecastModel],
    horizons: &[usize],
    step: usize,
    milestone_every: Option<i64>,
    settings: &ForecastSettings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Backtest, ForecastError> {
    if horizons.contains(&0) || horizons.is_empty() {
        return Err(ForecastError::NoHorizon);
    }
    let step = step.max(1);
    let last = history.cumulative.len() - 1;
    let shortest = horizons.iter().copied().min().unwrap_or(1);
    let too_short = || ForecastError::BacktestTooShort {
        category: history.category,
        days: last,
        last_day: history.last_day(),
        needed: WARM_UP + shortest,
    };
    if last < WARM_UP + shortest {
        return Err(too_short());
    }
    let origins: Vec<usize> = (WARM_UP..=last - shortest).step_by(step).collect();
    let (first_origin, last_origin) = match (origins.first(), origins.last()) {
        (Some(&first), Some(&last_one)) => (history.day(first), history.day(last_one)),
        _ => return Err(too_short()),
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    // Models run in parallel, one thread each, each with its own cache of fits.
    let search: Vec<usize> = (1..=MILESTONE_SEARCH).collect();
    #[allow(clippy::type_complexity)]
    let tallies: Vec<Result<(Vec<Tally>, MilestoneTally), ForecastError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = models
            .iter()
            .map(|&model| {
                let origins = &origins;
                let done = &done;
                let search = &search;
                scope.spawn(move || {
                    let mut cache = FitCache::default();
                    let mut tallies = vec![Tally::default(); horizons.len()];
                    let mut milestone = MilestoneTally::default();
                    for &origin in origins {
                        if let Some(every) = milestone_every {
                            score_milestone(
                                history,
                                origin,
                                every,
                                model,
                                settings,
                                search,
                                &mut cache,
                                &mut milestone,
                            )?;
                        }
                        let usable: Vec<usize> = horizons.iter().copied().filter(|&h| origin + h <= last).collect();
                        if !usable.is_empty() {
                            let spreads = predict(history, origin, model, settings, &usable, &mut cache)?;
                            for (h, spread) in usable.iter().zip(&spreads) {
                                let Some(k) = horizons.iter().position(|x| x == h) else { continue };
                                score(&mut tallies[k], spread, history.growth(origin, *h));
                            }
                        }
                        let count = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        progress(count, origins.len() * models.len());
                    }
                    Ok((tallies, milestone))
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap_or_else(|_| Ok(Default::default()))).collect()
    });
    let mut rows = Vec::new();
    let mut milestone_rows = Vec::new();
    for (&model, tallies) in models.iter().zip(tallies) {
        let (tallies, milestone) = tallies?;
        milestone_rows.push(milestone.row(model));
        for (&horizon, tally) in horizons.iter().zip(tallies) {
            #[allow(clippy::cast_precision_loss)]
            let n = tally.n.max(1) as f64;
            #[allow(clippy::cast_precision_loss)]
            rows.push(BacktestRow {
                model,
                horizon,
                origins: tally.n,
                mae: tally.abs_error / n,
                mape: 100.0 * tally.abs_pct / tally.pct_n.max(1) as f64,
                bias: tally.bias / n,
                coverage80: tally.in80 as f64 / n,
                coverage95: tally.in95 as f64 / n,
                interval_score80: tally.score / n,
                width80: tally.width / n,
            });
        }
    }
    Ok(Backtest {
        category: history.category,
        convention: history.convention,
        first_origin,
        last_origin,
        step,
        rows,
        milestones: milestone_every.map(|every| MilestoneTest { every, rows: milestone_rows }),
    })
}

/// Scores the crossing of the next multiple of `every` seen from `origin`, when the data show it
/// 30 to 180 days later.
#[allow(clippy::too_many_arguments)]
fn score_milestone(
    history: &History,
    origin: usize,
    every: i64,
    model: ForecastModel,
    settings: &ForecastSettings,
    search: &[usize],
    cache: &mut FitCache,
    tally: &mut MilestoneTally,
) -> Result<(), ForecastError> {
    #[allow(clippy::cast_precision_loss)]
    let step = every.max(1) as f64;
    let count = history.cumulative[origin];
    let next = ((count / step).floor() + 1.0) * step;
    let Some(reached) = history.cumulative[origin..].iter().position(|&c| c >= next) else { return Ok(()) };
    if !(30..=180).contains(&reached) {
        return Ok(());
    }
    let spreads = predict(history, origin, model, settings, search, cache)?;
    let [q025, q10, q50, q90, q975] = super::crossing_quantiles(&super::crossing_probabilities(&spreads, next - count));
    // A quantile beyond the search is "later than a year": as an interval bound it holds any
    // crossing inside the year.
    let after = search.len() + 1;
    let within =
        |low: Option<usize>, high: Option<usize>| low.unwrap_or(after) <= reached && reached <= high.unwrap_or(after);
    #[allow(clippy::cast_precision_loss)]
    tally.errors.push(q50.unwrap_or(after) as f64 - reached as f64);
    tally.in80 += usize::from(within(q10, q90));
    tally.in95 += usize::from(within(q025, q975));
    Ok(())
}

impl MilestoneTally {
    fn row(mut self, model: ForecastModel) -> MilestoneRow {
        let events = self.errors.len();
        #[allow(clippy::cast_precision_loss)]
        let n = events.max(1) as f64;
        let mean_error_days = self.errors.iter().sum::<f64>() / n;
        let mut absolute: Vec<f64> = self.errors.drain(..).map(f64::abs).collect();
        absolute.sort_unstable_by(f64::total_cmp);
        #[allow(clippy::cast_precision_loss)]
        MilestoneRow {
            model,
            events,
            median_abs_error_days: super::spread::sample_quantile(&absolute, 0.5),
            mean_error_days,
            coverage80: self.in80 as f64 / n,
            coverage95: self.in95 as f64 / n,
        }
    }
}

/// Adds one forecast's scores.
fn score(tally: &mut Tally, spread: &super::Spread, truth: f64) {
    let [q025, q10, q50, q90, q975] = super::LEVELS.map(|p| spread.quantile(p).max(0.0));
    tally.n += 1;
    tally.abs_error += (q50 - truth).abs();
    if truth > 0.0 {
        tally.abs_pct += (q50 - truth).abs() / truth;
        tally.pct_n += 1;
    }
    tally.bias += q50 - truth;
    tally.in80 += usize::from(q10 <= truth && truth <= q90);
    tally.in95 += usize::from(q025 <= truth && truth <= q975);
    let alpha = 0.2;
    tally.score += (q90 - q10) + (2.0 / alpha) * ((q10 - truth).max(0.0) + (truth - q90).max(0.0));
    tally.width += q90 - q10;
}
