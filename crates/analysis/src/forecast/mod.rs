//! Forecasts of a cumulative count: its path with 80% and 95% prediction intervals, when it
//! crosses a threshold, and how well each method would have done over the whole history.
//!
//! # The key simplification
//! Apart from rare corrections the cumulative count `C_t` never falls, so "it passes `K` by day
//! `D`" is the event `C_D ≥ K` (../shared/METHODS.md §4.1):
//!
//! ```text
//! P(cross by D)              = P(C_D ≥ K)
//! q-quantile of the crossing = the first D with P(C_D ≥ K) ≥ q
//! ```
//!
//! Every model therefore only has to give the predictive distribution of the growth
//! `S_h = C_{T+h} − C_T` at each horizon `h`. The models are in their own modules, each
//! documented like a methods section:
//!
//! * [`ForecastModel::RecentRate`]: the last 30 days' mean rate with a block bootstrap
//!   (`bootstrap`);
//! * [`ForecastModel::LocalLevel`] and [`ForecastModel::LocalTrend`]: structural models of the
//!   daily increments fitted by a Kalman filter (`kalman`);
//! * [`ForecastModel::NegativeBinomial`]: a count regression with a log-linear trend (`count`);
//! * [`ForecastModel::Calibrated`]: the local level with conformally rescaled intervals
//!   (`calibrated`), the default because the backtest supports it.
//!
//! # The series forecast
//! The end-of-day counts of one category under one convention ([`History`]). A missing report
//! inside the series is filled by spreading the change across the gap evenly; corrections are kept
//! as published (METHODS.md §4.3: do not clip them). Days are those of the convention: under
//! loss-day the report dated `D + 1` gives the count of day `D`.

mod backtest;
mod bootstrap;
mod calibrated;
mod count;
mod kalman;
mod spread;

pub use backtest::{Backtest, BacktestRow, MilestoneRow, MilestoneTest, backtest};

use crate::{AnalysisError, DayTable};
use attrition_model::{Category, Convention};
use calibrated::FitCache;
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;
use spread::Spread;
use std::fmt;
use std::str::FromStr;

/// The fewest days of history any model is fitted to.
pub(crate) const MIN_HISTORY: usize = 28;

/// The furthest a crossing date is searched for, in days after the last day.
pub const SEARCH_LIMIT_DAYS: usize = 1461;

/// The quantile levels of every interval printed: 95% and 80% central intervals and the median.
pub const LEVELS: [f64; 5] = [0.025, 0.1, 0.5, 0.9, 0.975];

/// Why a forecast cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForecastError {
    /// The figures underneath cannot be computed.
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
    /// Too little history before the origin.
    #[error("{category} has {days} days of data up to {last_day}; the {model} model needs at least {needed}")]
    TooShort {
        /// The category.
        category: Category,
        /// Days available.
        days: usize,
        /// The origin.
        last_day: Date,
        /// The model.
        model: &'static str,
        /// Days needed.
        needed: usize,
    },
    /// Too little history for a rolling-origin evaluation.
    #[error(
        "{category} has {days} days of data up to {last_day}; a backtest needs a year before its first origin and the shortest horizon after it ({needed} days)"
    )]
    BacktestTooShort {
        /// The category.
        category: Category,
        /// Days available.
        days: usize,
        /// The last day.
        last_day: Date,
        /// Days needed.
        needed: usize,
    },
    /// The category is no longer reported.
    #[error(
        "{category} stopped being reported after the report of {last_report}: there is nothing to forecast (use --as-of for a date while it was reported)"
    )]
    Stopped {
        /// The category.
        category: Category,
        /// Its last report.
        last_report: Date,
    },
    /// A horizon of zero days.
    #[error("the horizon must be at least 1 day")]
    NoHorizon,
    /// The model could not be fitted (e.g. no positive count in the window).
    #[error("the {model} model cannot be fitted to {category} up to {last_day}: {reason}")]
    Unfit {
        /// The model.
        model: &'static str,
        /// The category.
        category: Category,
        /// The origin.
        last_day: Date,
        /// Why.
        reason: &'static str,
    },
    /// `--by` on or before the last day of the data.
    #[error("{by} is not after the last day of the data used ({last_day}); ask for a later date")]
    ByNotAfter {
        /// The date asked for.
        by: Date,
        /// The last day with data.
        last_day: Date,
    },
    /// `--by` further ahead than the search limit.
    #[error("{by} is more than {limit} days after the last day of the data used ({last_day})")]
    ByTooFar {
        /// The date asked for.
        by: Date,
        /// The last day with data.
        last_day: Date,
        /// The limit.
        limit: usize,
    },
    /// The threshold is not positive.
    #[error("the threshold must be a positive count, not {0}")]
    BadThreshold(i64),
    /// No such model.
    #[error("unknown model {0:?}: use recent-rate, local-level, local-trend, negative-binomial or calibrated")]
    UnknownModel(String),
}

/// A forecasting method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForecastModel {
    /// Mean of the last 30 days with a block bootstrap.
    RecentRate,
    /// Local level (random-walk rate) Kalman filter on the increments.
    LocalLevel,
    /// Local linear trend Kalman filter on the increments.
    LocalTrend,
    /// Negative-binomial regression with a log-linear trend.
    NegativeBinomial,
    /// Local level with intervals rescaled by its own recent errors.
    Calibrated,
}

impl ForecastModel {
    /// Every model, in the order tables list them.
    pub const ALL: [ForecastModel; 5] = [
        ForecastModel::RecentRate,
        ForecastModel::LocalLevel,
        ForecastModel::LocalTrend,
        ForecastModel::NegativeBinomial,
        ForecastModel::Calibrated,
    ];

    /// The model the backtest supports, used unless another is asked for.
    pub const DEFAULT: ForecastModel = ForecastModel::Calibrated;

    /// The identifier used on the command line and in JSON.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ForecastModel::RecentRate => "recent-rate",
            ForecastModel::LocalLevel => "local-level",
            ForecastModel::LocalTrend => "local-trend",
            ForecastModel::NegativeBinomial => "negative-binomial",
            ForecastModel::Calibrated => "calibrated",
        }
    }

    /// One line saying what the model does.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            ForecastModel::RecentRate => {
                "mean of the last 30 days carried forward; spread from a circular block bootstrap (blocks of 14 days) of the last 90 days' increments and of the 30-day rate"
            }
            ForecastModel::LocalLevel => {
                "local-level Kalman filter on the daily increments (random-walk rate), fitted by maximum likelihood to the last 365 days"
            }
            ForecastModel::LocalTrend => {
                "local-linear-trend Kalman filter on the daily increments (random-walk rate and slope), fitted to the last 365 days"
            }
            ForecastModel::NegativeBinomial => {
                "negative-binomial regression of the daily increments on a log-linear trend over the last 90 days, simulated with coefficient uncertainty"
            }
            ForecastModel::Calibrated => {
                "local-level Kalman filter (last 365 days) with interval widths rescaled by its errors at the same horizon over the previous year (split-conformal)"
            }
        }
    }

    /// Days of history the model is fitted to.
    #[must_use]
    pub fn window(self) -> usize {
        match self {
            ForecastModel::RecentRate | ForecastModel::NegativeBinomial => 90,
            ForecastModel::LocalLevel | ForecastModel::LocalTrend | ForecastModel::Calibrated => 365,
        }
    }
}

impl fmt::Display for ForecastModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for ForecastModel {
    type Err = ForecastError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        ForecastModel::ALL
            .into_iter()
            .find(|model| model.id() == wanted || (wanted == "negbin" && *model == ForecastModel::NegativeBinomial))
            .ok_or_else(|| ForecastError::UnknownModel(text.to_owned()))
    }
}

/// The knobs every forecast shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForecastSettings {
    /// Days whose mean is "the recent rate" (recent-rate model; also printed as context).
    pub rate_window: usize,
    /// Simulated paths of the sampling models.
    pub paths: usize,
    /// The generator's seed.
    pub seed: u64,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        ForecastSettings { rate_window: 30, paths: 2000, seed: 20_240_928 }
    }
}

/// The end-of-day counts of one category under one convention, gaps filled, as the models read
/// them.
#[derive(Debug, Clone)]
pub struct History {
    category: Category,
    convention: Convention,
    /// The day of `cumulative[0]`.
    base_day: Date,
    cumulative: Vec<f64>,
    increments: Vec<f64>,
    filled_days: usize,
    /// The last report, when the category stopped being reported before the record's end.
    stopped: Option<Date>,
}

impl History {
    /// The history of a day table.
    ///
    /// # Errors
    /// [`AnalysisError::Empty`] when it holds no counts.
    pub fn new(table: &DayTable) -> Result<History, AnalysisError> {
        let (base_day, counts) = table.tracked_counts();
        let mut history = History::from_counts(table.category(), table.convention(), base_day, &counts)?;
        history.stopped = table.stopped();
        Ok(history)
    }

    /// The history of end-of-day counts from `base_day` on, `None` where a report is missing
    /// (leading missing days are dropped; inner ones are filled evenly).
    ///
    /// # Errors
    /// [`AnalysisError::Empty`] when no count is known.
    pub fn from_counts(
        category: Category,
        convention: Convention,
        base_day: Date,
        counts: &[Option<i64>],
    ) -> Result<History, AnalysisError> {
        let leading = counts.iter().take_while(|c| c.is_none()).count();
        let base_day = base_day.checked_add(i64::try_from(leading).unwrap_or(0).days()).unwrap_or(base_day);
        let counts = &counts[leading..];
        let mut cumulative = Vec::with_capacity(counts.len());
        let mut filled_days = 0;
        let mut last_known: Option<(usize, f64)> = None;
        for (index, count) in counts.iter().enumerate() {
            let Some(value) = count else { continue };
            #[allow(clippy::cast_precision_loss)]
            let value = *value as f64;
            if let Some((known_index, known_value)) = last_known {
                let gap = index - known_index;
                for step in 1..gap {
                    #[allow(clippy::cast_precision_loss)]
                    cumulative.push(known_value + (value - known_value) * step as f64 / gap as f64);
                    filled_days += 1;
                }
            }
            cumulative.push(value);
            last_known = Some((index, value));
        }
        if cumulative.is_empty() {
            return Err(AnalysisError::Empty);
        }
        let increments = cumulative.windows(2).map(|pair| pair[1] - pair[0]).collect();
        Ok(History { category, convention, base_day, cumulative, increments, filled_days, stopped: None })
    }

    /// The category.
    #[must_use]
    pub fn category(&self) -> Category {
        self.category
    }

    /// The convention.
    #[must_use]
    pub fn convention(&self) -> Convention {
        self.convention
    }

    /// The last day with a count.
    #[must_use]
    pub fn last_day(&self) -> Date {
        self.day(self.cumulative.len().saturating_sub(1))
    }

    /// The counts of the days from `from` to `to` that lie in the history, as `(day, count)`.
    #[must_use]
    pub fn counts_between(&self, from: Date, to: Date) -> Vec<(Date, f64)> {
        let first = crate::day_table::days_between(self.base_day, from).max(0);
        let last = crate::day_table::days_between(self.base_day, to);
        (first..=last)
            .filter_map(|i| usize::try_from(i).ok())
            .filter_map(|i| self.cumulative.get(i).map(|&c| (self.day(i), c)))
            .collect()
    }

    /// Days whose count was filled across a missing report.
    #[must_use]
    pub fn filled_days(&self) -> usize {
        self.filled_days
    }

    fn day(&self, index: usize) -> Date {
        self.base_day.checked_add(i64::try_from(index).unwrap_or(0).days()).unwrap_or(self.base_day)
    }

    /// The index of `day`, if inside the history.
    fn index(&self, day: Date) -> Option<usize> {
        let offset = crate::day_table::days_between(self.base_day, day);
        usize::try_from(offset).ok().filter(|&i| i < self.cumulative.len())
    }

    /// The last `window` increments up to cumulative index `origin` (fewer near the start).
    pub(crate) fn window(&self, origin: usize, window: usize) -> &[f64] {
        let end = origin.min(self.increments.len());
        &self.increments[end.saturating_sub(window)..end]
    }

    /// `C[origin + h] − C[origin]`.
    pub(crate) fn growth(&self, origin: usize, h: usize) -> f64 {
        self.cumulative.get(origin + h).copied().unwrap_or(f64::NAN) - self.cumulative[origin]
    }

    fn report_of(&self, day: Date) -> Date {
        day.checked_add(self.convention.report_offset_days().days()).unwrap_or(day)
    }
}

/// The predictive distributions at `origin` (a cumulative index) for each horizon.
pub(crate) fn predict(
    history: &History,
    origin: usize,
    model: ForecastModel,
    settings: &ForecastSettings,
    horizons: &[usize],
    cache: &mut FitCache,
) -> Result<Vec<Spread>, ForecastError> {
    let window = history.window(origin, model.window());
    let unfit = |reason| ForecastError::Unfit {
        model: model.id(),
        category: history.category,
        last_day: history.day(origin),
        reason,
    };
    if window.len() < MIN_HISTORY {
        return Err(ForecastError::TooShort {
            category: history.category,
            days: window.len(),
            last_day: history.day(origin),
            model: model.id(),
            needed: MIN_HISTORY,
        });
    }
    // Each origin draws its own stream, reproducibly, so that rolling evaluations do not reuse
    // one sample's luck at every origin.
    let seed = settings.seed ^ (u64::try_from(origin).unwrap_or(0).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    match model {
        ForecastModel::RecentRate => {
            Ok(bootstrap::forecast(window, settings.rate_window, settings.paths, seed, horizons))
        }
        ForecastModel::LocalLevel | ForecastModel::LocalTrend => {
            let structure = if model == ForecastModel::LocalLevel {
                kalman::Structure::LocalLevel
            } else {
                kalman::Structure::LocalTrend
            };
            let fit = if structure == kalman::Structure::LocalLevel {
                kalman::fit_level(window, &mut cache.gains)
            } else {
                kalman::fit(window, structure)
            };
            let fit = fit.ok_or_else(|| unfit("too few days"))?;
            Ok(kalman::forecast(&fit, horizons))
        }
        ForecastModel::NegativeBinomial => {
            let fit = count::fit(window).ok_or_else(|| unfit("no positive daily count in the window"))?;
            Ok(count::forecast(&fit, settings.paths, seed, horizons))
        }
        ForecastModel::Calibrated => {
            calibrated::forecast(history, origin, model.window(), horizons, cache).ok_or_else(|| unfit("too few days"))
        }
    }
}

/// One day of a forecast path: the cumulative count's quantiles at [`LEVELS`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathPoint {
    /// The day (under the convention).
    pub day: Date,
    /// The report that will give its count.
    pub report: Date,
    /// Days after the last day of the data.
    pub horizon: usize,
    /// The predictive mean.
    pub mean: f64,
    /// Quantiles at 2.5%, 10%, 50%, 90%, 97.5%.
    pub quantiles: [f64; 5],
    /// What the data, as it stands now, says the count was (hindsight), when known.
    pub actual: Option<i64>,
}

/// A day and the report that shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayReport {
    /// The day (under the convention).
    pub day: Date,
    /// The report that gives its count.
    pub report: Date,
}

/// When a threshold is crossed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crossing {
    /// The threshold.
    pub threshold: i64,
    /// When the data already show it passed: the first day it was reached.
    pub already: Option<DayReport>,
    /// The crossing date at each of [`LEVELS`]; `None` when later than the search limit.
    pub quantiles: [Option<DayReport>; 5],
    /// The last day searched.
    pub searched_to: Date,
    /// `P(crossed by day D)`, when a day was given.
    pub by: Option<(DayReport, f64)>,
    /// What happened, from the data as they stand now (hindsight): the first day the threshold
    /// was reached, if it is in the data.
    pub actual: Option<DayReport>,
}

/// A forecast of one category's cumulative count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// The category.
    pub category: Category,
    /// The convention.
    pub convention: Convention,
    /// The model.
    pub model: ForecastModel,
    /// What the model does.
    pub method: &'static str,
    /// Days of history fitted.
    pub window: usize,
    /// The last day of the data used.
    pub last_day: DayReport,
    /// Its count.
    pub last_value: i64,
    /// The mean increment of the last `rate_window` days.
    pub recent_rate: f64,
    /// Days in that mean.
    pub rate_window: usize,
    /// The seed of the random parts.
    pub seed: u64,
    /// Days of the history filled across missing reports.
    pub filled_days: usize,
    /// The path, one point per day of the horizon.
    pub path: Vec<PathPoint>,
    /// The threshold crossing, when asked for.
    pub crossing: Option<Crossing>,
}

impl Forecast {
    /// The point of the path on `day`, if inside it.
    #[must_use]
    pub fn at(&self, day: Date) -> Option<&PathPoint> {
        self.path.iter().find(|point| point.day == day)
    }
}

/// What to forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForecastRequest {
    /// The model.
    pub model: ForecastModel,
    /// Days ahead to draw the path.
    pub horizon: usize,
    /// A threshold whose crossing date is wanted.
    pub threshold: Option<i64>,
    /// A day by which the probability of crossing is wanted.
    pub by: Option<Date>,
}

/// The forecast from the end of `history`; `outcome`, the same series as the data stand now,
/// adds what actually happened where it reaches past the history's end.
///
/// # Errors
/// [`ForecastError`] when the request is invalid or the model cannot be fitted.
pub fn forecast(
    history: &History,
    request: &ForecastRequest,
    settings: &ForecastSettings,
    outcome: Option<&History>,
) -> Result<Forecast, ForecastError> {
    forecast_reusing(history, request, settings, outcome, &mut Fits::default())
}

/// The model fits of past origins, kept between forecasts from one history: a calibrated
/// forecast fits the model at every past origin to scale its spread, and many forecasts from
/// the same history (checking an archive of texts of one date) need the same fits. Fits kept for
/// another history are dropped the first time it is used with a different one.
///
/// Made with [`Fits::keeping`], it also takes [`Calibration`]s measured by an earlier process
/// and hands back those it measured ([`Fits::measured`]), so that a front end can keep them
/// beside the data (the calibration is most of a forecast's cost, and depends only on the data).
#[derive(Debug, Default)]
pub struct Fits {
    /// What the fits were made from: category, convention, first day, a hash of the counts, and
    /// the model's window.
    made_from: Option<FitsKey>,
    cache: FitCache,
    /// Calibrations kept from earlier runs, and whether to measure whole ones to keep.
    kept: Option<Vec<Calibration>>,
    /// Calibrations measured here that were not among those kept.
    measured: Vec<Calibration>,
    /// Whether a forecast whose calibration is not kept measures every horizon's scale, to be
    /// kept in turn, or only those it needs.
    measure_all: bool,
}

/// Category, convention, first day, a hash of the counts, and the model's window.
type FitsKey = (Category, Convention, Date, u64, usize);

impl Fits {
    /// Fits that start from `kept` calibrations (those of other histories or origins are
    /// ignored) and measure every horizon's scale when a forecast needs one not among them, so
    /// that it can be kept in turn ([`Fits::measured`]).
    #[must_use]
    pub fn keeping(kept: Vec<Calibration>) -> Fits {
        Fits { kept: Some(kept), measure_all: true, ..Fits::default() }
    }

    /// Fits that start from `kept` calibrations and, for a forecast whose calibration is not
    /// among them, measure only what it needs (nothing is handed back to keep): for readers,
    /// which never write.
    #[must_use]
    pub fn reading(kept: Vec<Calibration>) -> Fits {
        Fits { kept: Some(kept), measure_all: false, ..Fits::default() }
    }

    /// The calibrations measured since these fits were made, not among those they were given.
    #[must_use]
    pub fn measured(&self) -> &[Calibration] {
        &self.measured
    }

    /// What identifies `history` with `window`.
    fn key(history: &History, window: usize) -> FitsKey {
        // FNV-1a over the counts' bits: cheap next to one model fit, and exact enough that two
        // different histories never share fits by accident
        let hash = history
            .cumulative
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, v| (h ^ v.to_bits()).wrapping_mul(0x0100_0000_01b3));
        (history.category, history.convention, history.base_day, hash, window)
    }

    /// The cache for `history`, emptied if it was filled from another one.
    fn of(&mut self, history: &History, window: usize) -> &mut FitCache {
        let key = Fits::key(history, window);
        if self.made_from != Some(key) {
            self.made_from = Some(key);
            self.cache = FitCache::default();
        }
        &mut self.cache
    }

    /// Before a calibrated forecast at `origin`: puts the kept calibration of this history and
    /// origin, if any, where the model reads it.
    fn prepare(&mut self, history: &History, window: usize, origin: usize) {
        let key = Calibration::key_of(Fits::key(history, window), origin);
        let Some(kept) = &self.kept else { return };
        let found = kept.iter().chain(&self.measured).find(|c| c.key == key).map(|c| c.scales);
        let measure_all = self.measure_all;
        let cache = self.of(history, window);
        cache.measure_all = measure_all;
        if let Some(scales) = found {
            cache.known = Some((origin, scales));
        }
    }

    /// After a calibrated forecast at `origin`: keeps what it measured, if it was new.
    fn collect(&mut self, history: &History, window: usize, origin: usize) {
        if self.kept.is_none() {
            return;
        }
        let key = Calibration::key_of(Fits::key(history, window), origin);
        let known = self.cache.known.filter(|(at, _)| *at == origin);
        let is_new = |c: &Calibration| c.key == key;
        let already =
            self.kept.as_ref().is_some_and(|kept| kept.iter().any(is_new)) || self.measured.iter().any(is_new);
        if let Some((_, scales)) = known
            && !already
        {
            self.measured.push(Calibration { key, scales });
        }
    }
}

/// The calibrated model's interval scales at one origin of one history: the errors it would
/// have made at each horizon over the year before, which cost hundreds of model fits to measure
/// and depend on nothing but the counts. A front end keeps them with the data they were
/// measured on ([`Calibration::key`] names those data exactly) and gives them back through
/// [`Fits::keeping`]; the forecast is then the same, to the bit, as one that measured them.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    key: String,
    scales: calibrated::Scales,
}

/// The first byte of an encoded calibration: bumped whenever the method or the layout changes,
/// so that calibrations kept by an older build are measured again rather than misread.
const CALIBRATION_FORMAT: u8 = 1;

impl Calibration {
    /// What the scales were measured on: category, convention, first day, a hash of every count,
    /// the window and the origin, and the method's version.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    fn key_of((category, convention, base_day, hash, window): FitsKey, origin: usize) -> String {
        format!("calibrated/v{CALIBRATION_FORMAT}/{category}/{convention}/{base_day}/{hash:016x}/{window}/{origin}")
    }

    /// The scales as bytes: the format, then per horizon a flag (0 unmeasured, 1 measured) and
    /// the two scales as little-endian `f64`s, so that they come back to the bit.
    #[must_use]
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(1 + self.scales.len() * 17);
        bytes.push(CALIBRATION_FORMAT);
        for scale in &self.scales {
            let (flag, (inner, outer)) = scale.map_or((0, (0.0, 0.0)), |s| (1, s));
            bytes.push(flag);
            bytes.extend_from_slice(&inner.to_le_bytes());
            bytes.extend_from_slice(&outer.to_le_bytes());
        }
        bytes
    }

    /// The calibration encoded by [`Calibration::encode`] under `key`; `None` when the bytes are
    /// not one (another format, damaged), which only means measuring it again.
    #[must_use]
    pub fn decode(key: &str, bytes: &[u8]) -> Option<Calibration> {
        let (&format, rest) = bytes.split_first()?;
        if format != CALIBRATION_FORMAT || rest.len() != calibrated::ANCHOR_COUNT * 17 {
            return None;
        }
        let mut scales: calibrated::Scales = [None; calibrated::ANCHOR_COUNT];
        for (slot, chunk) in scales.iter_mut().zip(rest.chunks_exact(17)) {
            let number = |from: usize| {
                let mut raw = [0_u8; 8];
                raw.copy_from_slice(&chunk[from..from + 8]);
                f64::from_le_bytes(raw)
            };
            *slot = match chunk[0] {
                0 => None,
                1 => Some((number(1), number(9))),
                _ => return None,
            };
        }
        Some(Calibration { key: key.to_owned(), scales })
    }
}

/// [`forecast`], reusing (and adding to) the fits kept in `fits`.
///
/// # Errors
/// As [`forecast`].
pub fn forecast_reusing(
    history: &History,
    request: &ForecastRequest,
    settings: &ForecastSettings,
    outcome: Option<&History>,
    fits: &mut Fits,
) -> Result<Forecast, ForecastError> {
    if request.horizon == 0 {
        return Err(ForecastError::NoHorizon);
    }
    if let Some(last_report) = history.stopped {
        return Err(ForecastError::Stopped { category: history.category, last_report });
    }
    let origin = history.cumulative.len() - 1;
    let last_day = history.last_day();
    let last_value = history.cumulative[origin];
    if let Some(threshold) = request.threshold
        && threshold <= 0
    {
        return Err(ForecastError::BadThreshold(threshold));
    }
    let by_horizon = match request.by {
        Some(by) => {
            let days = crate::day_table::days_between(last_day, by);
            let days =
                usize::try_from(days).ok().filter(|&d| d > 0).ok_or(ForecastError::ByNotAfter { by, last_day })?;
            if days > SEARCH_LIMIT_DAYS {
                return Err(ForecastError::ByTooFar { by, last_day, limit: SEARCH_LIMIT_DAYS });
            }
            Some(days)
        }
        None => None,
    };
    let recent = history.window(origin, 30);
    #[allow(clippy::cast_precision_loss)]
    let recent_rate = recent.iter().sum::<f64>() / recent.len().max(1) as f64;
    let already = request.threshold.and_then(|threshold| first_reaching(history, threshold));
    // The days to compute: the path, and far enough to find the crossing.
    let mut longest = request.horizon.max(by_horizon.unwrap_or(0));
    if let Some(threshold) = request.threshold
        && already.is_none()
    {
        #[allow(clippy::cast_precision_loss)]
        let needed = (threshold as f64 - last_value) / recent_rate.max(1e-9);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let generous = (needed * 3.0 + 60.0).min(SEARCH_LIMIT_DAYS as f64) as usize;
        longest = longest.max(generous);
    }
    let longest = longest.min(SEARCH_LIMIT_DAYS.max(request.horizon));
    let horizons: Vec<usize> = (1..=longest).collect();
    let window = request.model.window();
    let calibrated = request.model == ForecastModel::Calibrated;
    if calibrated {
        fits.prepare(history, window, origin);
    }
    let spreads = predict(history, origin, request.model, settings, &horizons, fits.of(history, window))?;
    if calibrated {
        fits.collect(history, window, origin);
    }
    let day_at = |h: usize| history.day(origin + h);
    // The count never falls (corrections aside), so none of its quantiles may fall along the
    // path, whatever the model's marginals say: each is held at its running maximum.
    let mut floor = [0.0_f64; 5];
    let mut path: Vec<PathPoint> = spreads
        .iter()
        .take(request.horizon)
        .enumerate()
        .map(|(i, spread)| {
            let day = day_at(i + 1);
            let quantiles = LEVELS.map(|p| last_value + spread.quantile(p).max(0.0));
            for (held, q) in floor.iter_mut().zip(quantiles) {
                *held = held.max(q);
            }
            PathPoint {
                day,
                report: history.report_of(day),
                horizon: i + 1,
                mean: last_value + spread.mean(),
                quantiles: floor,
                actual: None,
            }
        })
        .collect();
    let crossing = request.threshold.map(|threshold| {
        #[allow(clippy::cast_precision_loss)]
        let needed = threshold as f64 - last_value;
        let probabilities = crossing_probabilities(&spreads, needed);
        let at = |h: usize| DayReport { day: day_at(h), report: history.report_of(day_at(h)) };
        let quantiles = crossing_quantiles(&probabilities).map(|h| h.filter(|_| already.is_none()).map(at));
        let by = by_horizon.map(|h| {
            let probability = if already.is_some() { 1.0 } else { probabilities.get(h - 1).copied().unwrap_or(0.0) };
            (at(h), probability)
        });
        Crossing {
            threshold,
            already,
            quantiles,
            searched_to: day_at(longest),
            by,
            actual: outcome.and_then(|later| first_reaching(later, threshold)),
        }
    });
    if let Some(later) = outcome {
        for point in &mut path {
            #[allow(clippy::cast_possible_truncation)]
            let known = later.index(point.day).map(|i| later.cumulative[i].round() as i64);
            point.actual = known;
        }
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok(Forecast {
        category: history.category,
        convention: history.convention,
        model: request.model,
        method: request.model.description(),
        window: history.window(origin, request.model.window()).len(),
        last_day: DayReport { day: last_day, report: history.report_of(last_day) },
        last_value: last_value.round() as i64,
        recent_rate,
        rate_window: recent.len(),
        seed: settings.seed,
        filled_days: history.filled_days,
        path,
        crossing,
    })
}

/// `P(S_h ≥ needed)` for the horizons 1, 2, … of `spreads`, held at its running maximum: the
/// count never falls, so neither may the chance of having passed a value.
pub(crate) fn crossing_probabilities(spreads: &[Spread], needed: f64) -> Vec<f64> {
    spreads
        .iter()
        .scan(0.0_f64, |held, spread| {
            *held = held.max(spread.prob_at_least(needed));
            Some(*held)
        })
        .collect()
}

/// The crossing horizon at each of [`LEVELS`]: the first `h` with `P(S_h ≥ needed) ≥ level`.
pub(crate) fn crossing_quantiles(probabilities: &[f64]) -> [Option<usize>; 5] {
    LEVELS.map(|level| probabilities.iter().position(|&p| p >= level).map(|i| i + 1))
}

/// The first day the history's count reaches `threshold`.
fn first_reaching(history: &History, threshold: i64) -> Option<DayReport> {
    #[allow(clippy::cast_precision_loss)]
    let index = history.cumulative.iter().position(|&c| c >= threshold as f64)?;
    let day = history.day(index);
    Some(DayReport { day, report: history.report_of(day) })
}

/// When a count should reach its next round figure, by the default model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    /// The category.
    pub category: Category,
    /// The next multiple of the step above the last count.
    pub threshold: i64,
    /// The model.
    pub model: ForecastModel,
    /// The median crossing day.
    pub median: Option<DayReport>,
    /// The 10% quantile of the crossing day.
    pub q10: Option<DayReport>,
    /// The 90% quantile of the crossing day.
    pub q90: Option<DayReport>,
}

/// When `category` of `record` reaches the next multiple of `step` above its last count, by the
/// default model; `None` when the series cannot be forecast (too short, no longer reported) or
/// `step` is not positive.
#[must_use]
pub fn next_round_figure(
    record: &crate::Record,
    category: Category,
    convention: Convention,
    step: i64,
) -> Option<Outlook> {
    next_round_figure_reusing(record, category, convention, step, &mut Fits::default())
}

/// [`next_round_figure`], reusing (and adding to) the fits and calibrations kept in `fits`.
#[must_use]
pub fn next_round_figure_reusing(
    record: &crate::Record,
    category: Category,
    convention: Convention,
    step: i64,
    fits: &mut Fits,
) -> Option<Outlook> {
    if step <= 0 {
        return None;
    }
    let table = record.day_table(category, convention).ok()?;
    let history = History::new(&table).ok()?;
    let last = table.window(attrition_model::WAR_START, table.last_day()).ok()?.cumulative_end;
    let threshold = (last / step + 1) * step;
    let request = ForecastRequest { model: ForecastModel::DEFAULT, horizon: 1, threshold: Some(threshold), by: None };
    let crossing = forecast_reusing(&history, &request, &ForecastSettings::default(), None, fits).ok()?.crossing?;
    let [_, q10, q50, q90, _] = crossing.quantiles;
    Some(Outlook { category, threshold, model: ForecastModel::DEFAULT, median: q50, q10, q90 })
}

/// Reads a count written `750000`, `750,000`, `750 000`, `750k` or `1.5M` (a threshold to reach).
///
/// # Errors
/// A message quoting `text` when it is not a positive count up to 10¹².
pub fn parse_count(text: &str) -> Result<i64, String> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}')).collect();
    let (number, scale) = match cleaned.char_indices().last() {
        Some((i, 'k' | 'K')) => (&cleaned[..i], 1e3),
        Some((i, 'm' | 'M')) => (&cleaned[..i], 1e6),
        _ => (cleaned.as_str(), 1.0),
    };
    let value: f64 =
        number.parse().map_err(|_| format!("{text:?} is not a count (write 750000, 750,000, 750k or 1.5M)"))?;
    let scaled = (value * scale).round();
    if !scaled.is_finite() || scaled <= 0.0 || scaled > 1e12 {
        return Err(format!("{text:?} is not a positive count"));
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok(scaled as i64)
}
