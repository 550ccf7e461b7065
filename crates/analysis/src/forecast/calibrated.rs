//! The calibrated local level: the local-level Kalman forecast with its interval widths scaled
//! by how wide they needed to be in the recent past, learnt without looking ahead.
//!
//! # Method
//! A split-conformal adjustment (Vovk, Gammerman & Shafer 2005, *Algorithmic Learning in a
//! Random World*; for time series, Stankevičiūtė et al. 2021 and Gibbs & Candès 2021, *NeurIPS*)
//! of the local level ([`super::kalman`]):
//!
//! * At origin `T` and horizon `h`, the local level is refitted at the earlier origins
//!   `s = T − h − 7k` (k = 0 … 51: weekly, one year back) whose outcome `C_{s+h}` was already
//!   known at `T`, and each gives a standardised error `z_s = (S_h − m_s) / s_s`.
//! * The scale `c_h(p) = |z|_(⌈(n+1)p⌉) / Φ⁻¹((1 + p)/2)`, with `|z|_(k)` the k-th smallest of
//!   the `n` errors (the split-conformal rank), is the factor by which the model's central
//!   `p` interval would have had to be widened (c > 1) or narrowed (c < 1) to cover a share `p`
//!   of those outcomes. It is measured at p = 80% and p = 95%, because the errors' tails are
//!   heavier than a normal's: one factor cannot fit both.
//! * The forecast keeps the centre `m_T` and rescales the spread `s_T` by `c_h(80%)` for the
//!   central 80% and narrower intervals, `c_h(95%)` for 95% and wider, blending linearly between
//!   (kept monotone). Scales are computed
//!   at horizons 1, 2, 4, 7, 14, 30, 60, 90, 180 and 365 days and interpolated linearly in `ln h`
//!   (held beyond the last). With fewer than 20 past errors at a horizon the scale is 1. The
//!   scaled widths are then made non-decreasing in `h`: measured on a year of origins, the
//!   scales of neighbouring horizons can disagree enough to make a 90-day interval narrower than
//!   a 60-day one, which no forecast should say.
//!
//! What it assumes: that the local level's misjudgement of its own uncertainty over the last year
//! carries over to the next forecast. (A year adapts faster than two: on the General Staff series
//! a two-year look-back left the 30-day 80% interval at 76%, one year gives 80%.) ../shared/METHODS.md §4.3 found the plain local level
//! conservative at 30–180 days (80% intervals covering 88–98%); this corrects that, and the
//! backtest shows by how much.

use super::History;
use super::kalman::{self, KalmanFit};
use super::spread::{INNER_LEVEL, OUTER_LEVEL, Spread, normal_quantile, sample_quantile};

/// Horizons at which the scale is measured.
const ANCHORS: [usize; 10] = [1, 2, 4, 7, 14, 30, 60, 90, 180, 365];
/// Past origins used per horizon.
const PAST_ORIGINS: usize = 52;
/// Spacing of past origins, days.
const SPACING: usize = 7;
/// Fewest past errors for a scale to be used.
const MIN_ERRORS: usize = 20;

/// How many horizons the scale is measured at.
pub(crate) const ANCHOR_COUNT: usize = ANCHORS.len();

/// The scales `(c_h(80%), c_h(95%))` at every anchor, for one origin; `None` where too few past
/// errors were known.
pub(crate) type Scales = [Option<(f64, f64)>; ANCHOR_COUNT];

/// Local-level fits by origin index, so that rolling evaluations refit each origin once, and the
/// scales of one origin when they are known (kept from an earlier run) or wanted whole.
#[derive(Debug, Default)]
pub(crate) struct FitCache {
    fits: Vec<Option<Option<KalmanFit>>>,
    /// The local level's data-free filter quantities, shared by every fit.
    pub(crate) gains: kalman::LevelGains,
    /// Scales measured at every anchor for this origin: read instead of measuring them again.
    pub(crate) known: Option<(usize, Scales)>,
    /// Measure every anchor (not only those the horizons need) when the origin's scales are not
    /// known, and keep them in `known`, so that they can be kept for any later request.
    pub(crate) measure_all: bool,
}

impl FitCache {
    /// The local level fitted to the `window` increments ending at cumulative index `origin`.
    pub(crate) fn fit(&mut self, history: &History, origin: usize, window: usize) -> Option<KalmanFit> {
        if self.fits.len() <= origin {
            self.fits.resize(origin + 1, None);
        }
        if let Some(known) = self.fits[origin] {
            return known;
        }
        let fitted = kalman::fit_level(history.window(origin, window), &mut self.gains);
        self.fits[origin] = Some(fitted);
        fitted
    }
}

/// The scales `c_h(80%)` and `c_h(95%)` at origin `origin` for horizon `h`, or `None` with too
/// few past errors.
fn scale_at(history: &History, origin: usize, h: usize, window: usize, cache: &mut FitCache) -> Option<(f64, f64)> {
    let mut errors = Vec::with_capacity(PAST_ORIGINS);
    for k in 0..PAST_ORIGINS {
        let Some(past) = origin.checked_sub(h + k * SPACING) else { break };
        if past < window.min(super::MIN_HISTORY) {
            break;
        }
        let Some(fit) = cache.fit(history, past, window) else { continue };
        if let Some(Spread::Normal { mean, sd }) = kalman::forecast(&fit, &[h]).first()
            && *sd > 0.0
        {
            let outcome = history.growth(past, h);
            errors.push(((outcome - mean) / sd).abs());
        }
    }
    if errors.len() < MIN_ERRORS {
        return None;
    }
    errors.sort_unstable_by(f64::total_cmp);
    // The split-conformal rank: the ⌈(n + 1) p⌉-th smallest of n errors, not the p-quantile,
    // is what guarantees coverage p for an exchangeable next error.
    #[allow(clippy::cast_precision_loss)]
    let n = errors.len() as f64;
    let conformal = |level: f64| ((n + 1.0) * level).ceil().min(n) / n;
    let scale = |level: f64| sample_quantile(&errors, conformal(level)) / normal_quantile(0.5 + level / 2.0);
    let inner = scale(INNER_LEVEL);
    // The outer scale may not shrink the 95% interval inside the 80% one.
    let outer = scale(OUTER_LEVEL).max(inner * normal_quantile(0.9) / normal_quantile(0.975));
    Some((inner, outer))
}

/// The calibrated forecast at `origin` for each horizon.
pub(crate) fn forecast(
    history: &History,
    origin: usize,
    window: usize,
    horizons: &[usize],
    cache: &mut FitCache,
) -> Option<Vec<Spread>> {
    let fit = cache.fit(history, origin, window)?;
    let longest = horizons.iter().copied().max().unwrap_or(1);
    // The anchors needed: those up to the longest horizon, and the next one to interpolate to.
    let anchors: Vec<usize> = ANCHORS
        .iter()
        .copied()
        .scan(false, |done, anchor| {
            let take = !*done;
            *done = anchor >= longest;
            take.then_some(anchor)
        })
        .collect();
    let anchor_sds: Vec<f64> = kalman::forecast(&fit, &anchors).iter().map(Spread::spread_scale).collect();
    // Every anchor's scale depends only on the history, the origin and the window, never on
    // which anchors this request needs: kept scales give the same figures as measured ones.
    if cache.measure_all && cache.known.is_none_or(|(at, _)| at != origin) {
        let mut scales: Scales = [None; ANCHOR_COUNT];
        for (slot, &anchor) in scales.iter_mut().zip(&ANCHORS) {
            *slot = scale_at(history, origin, anchor, window, cache);
        }
        cache.known = Some((origin, scales));
    }
    let known = cache.known.filter(|(at, _)| *at == origin).map(|(_, scales)| scales);
    // Scales as measured, then widened where needed so that the intervals' widths never shrink
    // as the horizon grows: a year's uncertainty cannot be less than a month's, though the
    // errors of two neighbouring horizons, measured on few origins, can say so.
    let mut inner_anchors: Vec<(f64, f64)> = Vec::new();
    let mut outer_anchors: Vec<(f64, f64)> = Vec::new();
    let (mut inner_width, mut outer_width) = (0.0_f64, 0.0_f64);
    for (index, (&anchor, &sd)) in anchors.iter().zip(&anchor_sds).enumerate() {
        let measured = match known {
            Some(scales) => scales[index],
            None => scale_at(history, origin, anchor, window, cache),
        };
        let (inner, outer) = measured.unwrap_or((1.0, 1.0));
        let sd = sd.max(f64::MIN_POSITIVE);
        inner_width = inner_width.max(inner * sd);
        outer_width = outer_width.max(outer * sd);
        #[allow(clippy::cast_precision_loss)]
        let x = (anchor as f64).ln();
        inner_anchors.push((x, inner_width / sd));
        outer_anchors.push((x, outer_width / sd));
    }
    let (mut inner_width, mut outer_width) = (0.0_f64, 0.0_f64);
    let mut previous_horizon = 0;
    let spreads = kalman::forecast(&fit, horizons)
        .into_iter()
        .zip(horizons)
        .map(|(spread, &h)| match spread {
            #[allow(clippy::cast_precision_loss)]
            Spread::Normal { mean, sd } => {
                let x = (h as f64).ln();
                if h < previous_horizon {
                    (inner_width, outer_width) = (0.0, 0.0);
                }
                previous_horizon = h;
                let sd = sd.max(f64::MIN_POSITIVE);
                inner_width = inner_width.max(interpolate(&inner_anchors, x) * sd);
                outer_width = outer_width
                    .max(interpolate(&outer_anchors, x) * sd)
                    .max(inner_width * normal_quantile(0.9) / normal_quantile(0.975));
                Spread::Scaled { mean, sd, inner: inner_width / sd, outer: outer_width / sd }
            }
            other => other,
        })
        .collect();
    Some(spreads)
}

/// Piecewise-linear interpolation through `(x, y)` points in increasing `x`, held at both ends.
fn interpolate(points: &[(f64, f64)], x: f64) -> f64 {
    let Some(&(first_x, first_y)) = points.first() else { return 1.0 };
    if x <= first_x {
        return first_y;
    }
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    points.last().map_or(1.0, |&(_, y)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_is_linear_and_held() {
        let points = [(0.0, 1.0), (1.0, 3.0)];
        assert_eq!(interpolate(&points, -1.0), 1.0);
        assert_eq!(interpolate(&points, 0.5), 2.0);
        assert_eq!(interpolate(&points, 5.0), 3.0);
    }
}
