//! Structural time-series models of the daily increments, fitted with a Kalman filter: the local
//! level and the local linear trend.
//!
//! # Method
//! The daily increments `d_t = C_t − C_{t−1}` of the last `W` days are modelled as a noisy
//! observation of a daily rate that drifts (Harvey 1989, *Forecasting, Structural Time Series
//! Models and the Kalman Filter*, ch. 2; Durbin & Koopman 2012, *Time Series Analysis by State
//! Space Methods*, §2–3):
//!
//! ```text
//! d_t = ℓ_t + ε_t                ε_t ~ N(0, σ²)
//! ℓ_{t+1} = ℓ_t + b_t + η_t      η_t ~ N(0, q_ℓ σ²)
//! b_{t+1} = b_t + ζ_t            ζ_t ~ N(0, q_b σ²)
//! ```
//!
//! The **local level** fixes the slope `b` at zero: the rate is a random walk. The **local linear
//! trend** lets the rate itself drift with a slowly changing slope.
//!
//! * The filter runs in units of σ², from a diffuse start (state variance 10⁶), and the first
//!   one (level) or two (trend) one-step errors are left out of the likelihood.
//! * σ² is concentrated out: `σ̂² = Σ v_t²/F_t / m` over the `m` errors kept, and the profile
//!   log-likelihood is `−½ [m ln σ̂² + Σ ln F_t]`.
//! * The variance ratios are chosen by maximising it over a log grid: `ln q_ℓ` from −12 to 1 in
//!   steps of ½ (and steps of 1 for the trend), `ln q_b` from −22 to −6 in steps of 2, or 0.
//! * The forecast of the cumulative growth `S_h = Σ_{j=1..h} d_{T+j}` is exact for the model: the
//!   state is augmented with the running sum and its mean and variance are propagated `h` steps,
//!   so `S_h ~ N(m_h, σ̂² V_h)`. For the local level this reduces to
//!   `V_h = h² P + q Σ_{k<h} k² + h`, with `P` the rate's predicted variance (METHODS.md §4.2 E).
//!
//! ../shared/METHODS.md §4.3 measured the local level, with `W = 365`, as the only calibrated
//! method among five on the General Staff personnel series.

use super::spread::Spread;

/// Which structural model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Structure {
    /// Random-walk rate.
    LocalLevel,
    /// Random-walk rate with a random-walk slope.
    LocalTrend,
}

/// A fitted model: the state predicted for the first day after the data, in units of σ².
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KalmanFit {
    /// The predicted rate of the next day.
    pub level: f64,
    /// The predicted slope (zero for the local level).
    pub slope: f64,
    /// The predicted state covariance `[[ℓℓ, ℓb], [ℓb, bb]]`, in units of σ².
    pub covariance: [[f64; 2]; 2],
    /// σ̂².
    pub sigma2: f64,
    /// q_ℓ.
    pub q_level: f64,
    /// q_b.
    pub q_slope: f64,
    /// The profile log-likelihood.
    pub log_likelihood: f64,
}

const DIFFUSE: f64 = 1e6;

/// Runs the filter over `increments` with the given ratios; `None` when too few observations.
fn filter(increments: &[f64], structure: Structure, q_level: f64, q_slope: f64) -> Option<KalmanFit> {
    let skip = match structure {
        Structure::LocalLevel => 1,
        Structure::LocalTrend => 2,
    };
    if increments.len() <= skip + 1 {
        return None;
    }
    let with_slope = structure == Structure::LocalTrend;
    let (mut level, mut slope) = (0.0_f64, 0.0_f64);
    let mut p = [[DIFFUSE, 0.0], [0.0, if with_slope { DIFFUSE } else { 0.0 }]];
    let (mut sum_v2f, mut sum_log_f, mut kept) = (0.0_f64, 0.0_f64, 0_u32);
    for (t, &d) in increments.iter().enumerate() {
        let v = d - level;
        let f = p[0][0] + 1.0;
        if t >= skip {
            sum_v2f += v * v / f;
            sum_log_f += f.ln();
            kept += 1;
        }
        let (k0, k1) = (p[0][0] / f, p[1][0] / f);
        level += k0 * v;
        slope += k1 * v;
        // Filtered covariance: P − P z zᵀ P / F with z = (1, 0).
        let filtered =
            [[p[0][0] - k0 * p[0][0], p[0][1] - k0 * p[0][1]], [p[1][0] - k1 * p[0][0], p[1][1] - k1 * p[0][1]]];
        // Prediction: x ← T x with T = [[1, 1], [0, 1]] (or the identity on the level alone).
        if with_slope {
            level += slope;
            let a = filtered;
            p = [
                [a[0][0] + a[0][1] + a[1][0] + a[1][1] + q_level, a[0][1] + a[1][1]],
                [a[1][0] + a[1][1], a[1][1] + q_slope],
            ];
        } else {
            p = [[filtered[0][0] + q_level, 0.0], [0.0, 0.0]];
        }
    }
    let m = f64::from(kept);
    let sigma2 = (sum_v2f / m).max(f64::MIN_POSITIVE);
    Some(KalmanFit {
        level,
        slope,
        covariance: p,
        sigma2,
        q_level,
        q_slope,
        log_likelihood: -0.5 * (m * sigma2.ln() + sum_log_f),
    })
}

/// The maximum-likelihood fit over the grid of variance ratios; `None` with fewer than three
/// increments.
pub(crate) fn fit(increments: &[f64], structure: Structure) -> Option<KalmanFit> {
    let level_grid = level_grid(structure);
    let slope_grid: Vec<f64> = match structure {
        Structure::LocalLevel => vec![0.0],
        Structure::LocalTrend => {
            std::iter::once(0.0).chain((0..=8).map(|i| (-22.0 + 2.0 * f64::from(i)).exp())).collect()
        }
    };
    let mut best: Option<KalmanFit> = None;
    for &q_level in &level_grid {
        for &q_slope in &slope_grid {
            if let Some(candidate) = filter(increments, structure, q_level, q_slope)
                && best.is_none_or(|b| candidate.log_likelihood > b.log_likelihood)
            {
                best = Some(candidate);
            }
        }
    }
    best
}

/// The local level's filter quantities that do not depend on the data, for every ratio of the
/// grid: from the diffuse start, the state variance, the one-step error variance `F_t`, the gain
/// and the running sum of `ln F_t` evolve the same whatever the increments are. A rolling
/// evaluation fits the local level to hundreds of windows; computing these once makes each fit
/// two multiplications, a division and two additions per day and ratio instead of that plus a
/// logarithm, a second division and the variance update. Every value is computed by the same
/// operations in the same order as [`filter`] would, so the fits are identical to the bit.
#[derive(Debug, Clone, Default)]
pub(crate) struct LevelGains {
    /// One entry per ratio of the grid, in the grid's order.
    per_ratio: Vec<RatioGains>,
}

/// The data-free quantities of one ratio `q`, for days `t` from 0.
#[derive(Debug, Clone)]
struct RatioGains {
    /// `q_ℓ`.
    q: f64,
    /// `F_t`.
    f: Vec<f64>,
    /// The gain `P_t / F_t`.
    gain: Vec<f64>,
    /// `Σ_{1≤s≤t} ln F_s` (the first error is left out of the likelihood).
    log_sum: Vec<f64>,
    /// `P_{t+1}`, the state variance predicted after day `t`.
    next: Vec<f64>,
}

impl LevelGains {
    /// Makes sure windows of up to `days` increments are covered.
    fn cover(&mut self, days: usize) {
        if self.per_ratio.first().is_some_and(|r| r.f.len() >= days) {
            return;
        }
        self.per_ratio = level_grid(Structure::LocalLevel)
            .into_iter()
            .map(|q| {
                let (mut fs, mut gains, mut log_sums, mut next) = (
                    Vec::with_capacity(days),
                    Vec::with_capacity(days),
                    Vec::with_capacity(days),
                    Vec::with_capacity(days),
                );
                let mut p = DIFFUSE;
                let mut sum_log_f = 0.0_f64;
                for t in 0..days {
                    let f = p + 1.0;
                    if t >= 1 {
                        sum_log_f += f.ln();
                    }
                    let k0 = p / f;
                    let filtered = p - k0 * p;
                    p = filtered + q;
                    fs.push(f);
                    gains.push(k0);
                    log_sums.push(sum_log_f);
                    next.push(p);
                }
                RatioGains { q, f: fs, gain: gains, log_sum: log_sums, next }
            })
            .collect();
    }
}

/// The local level's maximum-likelihood fit, as [`fit`] gives it, using `gains` (extended as
/// needed) for the quantities that do not depend on the data.
pub(crate) fn fit_level(increments: &[f64], gains: &mut LevelGains) -> Option<KalmanFit> {
    let n = increments.len();
    // As `filter`: the first error is left out, and at least two must remain.
    if n <= 2 {
        return None;
    }
    gains.cover(n);
    let mut best: Option<KalmanFit> = None;
    for RatioGains { q, f: fs, gain: k0s, log_sum: log_sums, next } in &gains.per_ratio {
        let mut level = 0.0_f64;
        let mut sum_v2f = 0.0_f64;
        for (t, ((&d, &f), &k0)) in increments.iter().zip(fs).zip(k0s).enumerate() {
            let v = d - level;
            if t >= 1 {
                sum_v2f += v * v / f;
            }
            level += k0 * v;
        }
        #[allow(clippy::cast_precision_loss)]
        let m = (n - 1) as f64;
        let sigma2 = (sum_v2f / m).max(f64::MIN_POSITIVE);
        let candidate = KalmanFit {
            level,
            slope: 0.0,
            covariance: [[next[n - 1], 0.0], [0.0, 0.0]],
            sigma2,
            q_level: *q,
            q_slope: 0.0,
            log_likelihood: -0.5 * (m * sigma2.ln() + log_sums[n - 1]),
        };
        if best.is_none_or(|b| candidate.log_likelihood > b.log_likelihood) {
            best = Some(candidate);
        }
    }
    best
}

/// The grid of `q_ℓ` for `structure`.
fn level_grid(structure: Structure) -> Vec<f64> {
    match structure {
        Structure::LocalLevel => (0..=26).map(|i| (-12.0 + 0.5 * f64::from(i)).exp()).collect(),
        Structure::LocalTrend => (0..=13).map(|i| (-12.0 + f64::from(i)).exp()).collect(),
    }
}

/// The predictive distribution of the growth over each horizon (days after the last one, each
/// ≥ 1), in increasing order of the horizons given.
pub(crate) fn forecast(fit: &KalmanFit, horizons: &[usize]) -> Vec<Spread> {
    let mut spreads = Vec::with_capacity(horizons.len());
    let Some(&longest) = horizons.iter().max() else { return spreads };
    // Augmented state (S, ℓ, b); S starts at zero, known.
    let mut mean = [0.0, fit.level, fit.slope];
    let c = fit.covariance;
    let mut cov = [[0.0, 0.0, 0.0], [0.0, c[0][0], c[0][1]], [0.0, c[1][0], c[1][1]]];
    let noise = [1.0, fit.q_level, fit.q_slope];
    let mut by_horizon = vec![(0.0, 0.0); longest + 1];
    for slot in by_horizon.iter_mut().skip(1) {
        // (S, ℓ, b) ← (S + ℓ + ε, ℓ + b + η, b + ζ), i.e. A = [[1,1,0],[0,1,1],[0,0,1]].
        mean = [mean[0] + mean[1], mean[1] + mean[2], mean[2]];
        let apply = |row: [f64; 3]| [row[0] + row[1], row[1] + row[2], row[2]];
        // A Σ Aᵀ: rows first, then columns.
        let rows = [apply_row(&cov, 0, 1), apply_row(&cov, 1, 2), cov[2]];
        let mut next = rows.map(apply);
        for (i, row) in next.iter_mut().enumerate() {
            row[i] += noise[i];
        }
        cov = next;
        *slot = (mean[0], cov[0][0]);
    }
    for &h in horizons {
        let (m, v) = by_horizon[h.min(longest)];
        spreads.push(Spread::Normal { mean: m, sd: (v * fit.sigma2).max(0.0).sqrt() });
    }
    spreads
}

/// Row `a` plus row `b` of a 3×3 matrix.
fn apply_row(matrix: &[[f64; 3]; 3], a: usize, b: usize) -> [f64; 3] {
    [matrix[a][0] + matrix[b][0], matrix[a][1] + matrix[b][1], matrix[a][2] + matrix[b][2]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_level_variance_matches_the_closed_form() {
        let increments: Vec<f64> = (0..200).map(|i| 100.0 + f64::from(i % 7) * 3.0 - 9.0).collect();
        let fit = fit(&increments, Structure::LocalLevel).unwrap();
        let (p, q) = (fit.covariance[0][0], fit.q_level);
        for h in [1_usize, 7, 30, 90] {
            let spread = &forecast(&fit, &[h])[0];
            let hf = h as f64;
            let closed = hf * hf * p + q * (1..h).map(|k| (k * k) as f64).sum::<f64>() + hf;
            let Spread::Normal { mean, sd } = spread else { panic!("normal expected") };
            assert!((mean - hf * fit.level).abs() < 1e-6);
            assert!((sd * sd / fit.sigma2 - closed).abs() / closed < 1e-9, "h={h}");
        }
    }

    #[test]
    fn the_level_fit_with_kept_gains_is_the_filter_s_to_the_bit() {
        let mut gains = LevelGains::default();
        // Noisy increments with a drifting rate, windows of every length from none to a year,
        // in an order that makes the gains grow and then be reused.
        let increments: Vec<f64> =
            (0..400).map(|i| 900.0 + f64::from(i) * 0.7 + f64::from((i * 37) % 101) * 4.0 - 200.0).collect();
        for n in [0_usize, 1, 2, 3, 10, 365, 29, 200, 400, 364, 50] {
            let window = &increments[increments.len() - n..];
            assert_eq!(fit_level(window, &mut gains), fit(window, Structure::LocalLevel), "n = {n}");
        }
    }

    #[test]
    fn constant_increments_give_their_rate() {
        let increments = vec![50.0; 120];
        let fit = fit(&increments, Structure::LocalTrend).unwrap();
        assert!((fit.level - 50.0).abs() < 1e-6);
        assert!(fit.slope.abs() < 1e-6);
    }
}
