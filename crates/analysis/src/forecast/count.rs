//! The count model: a negative-binomial regression of the daily increments on a log-linear
//! trend, simulated forward with the uncertainty of its coefficients.
//!
//! # Method
//! * Model (NB2; Cameron & Trivedi 2013, *Regression Analysis of Count Data*, §3.3): the increment
//!   of day `t` of the window is `y_t ~ NB(μ_t, α)` with `log μ_t = β₀ + β₁ t/W`, mean `μ_t` and
//!   variance `μ_t + α μ_t²`. Negative increments (downward corrections) count as zero.
//! * Fit: iteratively reweighted least squares for β with weights `μ/(1 + αμ)`, alternating
//!   with the Pearson moment estimate `α = max(0, Σ[(y − μ)² − μ]/μ² / (n − 2))`; the coefficients'
//!   covariance is `(XᵀWX)⁻¹` at convergence.
//! * Forecast: 2,000 draws of β from its asymptotic normal distribution (seeded generator). For
//!   each, the growth over `h` days is a sum of independent NB days with mean `M_h = Σ μ_j` and
//!   variance `V_h = Σ (μ_j + α μ_j²)`, drawn as `N(M_h, V_h)` (a moment-matched normal for the
//!   sum; at a few hundred a day it is indistinguishable from the exact sum) and floored at 0.
//!
//! What it assumes: the log rate moves on a straight line over the window and keeps doing so;
//! the coefficient uncertainty is what widens the long-horizon intervals. It is the natural model
//! for small daily counts (equipment categories, one or two a day); on large ones its trend
//! extrapolation can run away, which the backtest shows.

use super::spread::Spread;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;

/// The fitted regression.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CountFit {
    /// β₀, β₁ (time in units of the window, 0 at its first day).
    pub beta: [f64; 2],
    /// `(XᵀWX)⁻¹`.
    pub covariance: [[f64; 2]; 2],
    /// α, the overdispersion.
    pub alpha: f64,
    /// The window length.
    pub window: usize,
}

/// Fits the regression to the increments; `None` with fewer than ten days or no positive count.
pub(crate) fn fit(increments: &[f64]) -> Option<CountFit> {
    let n = increments.len();
    if n < 10 {
        return None;
    }
    let y: Vec<f64> = increments.iter().map(|d| d.max(0.0)).collect();
    #[allow(clippy::cast_precision_loss)]
    let mean = y.iter().sum::<f64>() / n as f64;
    if mean <= 0.0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let t: Vec<f64> = (0..n).map(|i| i as f64 / n as f64).collect();
    let mut beta = [mean.ln(), 0.0];
    let mut alpha = 0.0_f64;
    let mut covariance = [[0.0; 2]; 2];
    for _ in 0..50 {
        // One IRLS step for β at the current α.
        let (mut xwx, mut xwz) = ([[0.0_f64; 2]; 2], [0.0_f64; 2]);
        for (yi, ti) in y.iter().zip(&t) {
            let eta = beta[0] + beta[1] * ti;
            let mu = eta.exp().max(1e-9);
            let w = mu / (1.0 + alpha * mu);
            let z = eta + (yi - mu) / mu;
            let x = [1.0, *ti];
            for a in 0..2 {
                xwz[a] += w * x[a] * z;
                for b in 0..2 {
                    xwx[a][b] += w * x[a] * x[b];
                }
            }
        }
        let det = xwx[0][0] * xwx[1][1] - xwx[0][1] * xwx[1][0];
        if det.abs() < 1e-12 {
            return None;
        }
        covariance = [[xwx[1][1] / det, -xwx[0][1] / det], [-xwx[1][0] / det, xwx[0][0] / det]];
        let next = [
            covariance[0][0] * xwz[0] + covariance[0][1] * xwz[1],
            covariance[1][0] * xwz[0] + covariance[1][1] * xwz[1],
        ];
        let moved = (next[0] - beta[0]).abs() + (next[1] - beta[1]).abs();
        beta = next;
        let pearson: f64 = y
            .iter()
            .zip(&t)
            .map(|(yi, ti)| {
                let mu = (beta[0] + beta[1] * ti).exp().max(1e-9);
                ((yi - mu).powi(2) - mu) / (mu * mu)
            })
            .sum();
        #[allow(clippy::cast_precision_loss)]
        let next_alpha = (pearson / (n - 2) as f64).max(0.0);
        let alpha_moved = (next_alpha - alpha).abs();
        alpha = next_alpha;
        if moved < 1e-10 && alpha_moved < 1e-10 {
            break;
        }
    }
    beta.iter().all(|b| b.is_finite()).then_some(CountFit { beta, covariance, alpha, window: n })
}

/// The predictive distribution of the growth over each horizon.
pub(crate) fn forecast(fit: &CountFit, paths: usize, seed: u64, horizons: &[usize]) -> Vec<Spread> {
    let longest = horizons.iter().copied().max().unwrap_or(0);
    let mut rng = StdRng::seed_from_u64(seed);
    // Cholesky factor of the 2×2 covariance.
    let l00 = fit.covariance[0][0].max(0.0).sqrt();
    let l10 = if l00 > 0.0 { fit.covariance[1][0] / l00 } else { 0.0 };
    let l11 = (fit.covariance[1][1] - l10 * l10).max(0.0).sqrt();
    #[allow(clippy::cast_precision_loss)]
    let w = fit.window as f64;
    let mut samples: Vec<Vec<f64>> = horizons.iter().map(|_| Vec::with_capacity(paths)).collect();
    let mut moments = vec![(0.0_f64, 0.0_f64); longest + 1];
    for _ in 0..paths {
        let (z0, z1): (f64, f64) = (rng.sample(StandardNormal), rng.sample(StandardNormal));
        let b0 = fit.beta[0] + l00 * z0;
        let b1 = fit.beta[1] + l10 * z0 + l11 * z1;
        let (mut m, mut v) = (0.0, 0.0);
        for (j, slot) in moments.iter_mut().enumerate().skip(1) {
            #[allow(clippy::cast_precision_loss)]
            let t = (fit.window - 1 + j) as f64 / w;
            // The rate is capped at a thousand times the fitted current rate: an exponential trend
            // extrapolated over years otherwise overflows.
            let mu = (b0 + b1 * t).min(fit.beta[0] + fit.beta[1] + 6.9).exp();
            m += mu;
            v += mu + fit.alpha * mu * mu;
            *slot = (m, v);
        }
        for (k, &h) in horizons.iter().enumerate() {
            let (m, v) = moments[h];
            let z: f64 = rng.sample(StandardNormal);
            samples[k].push((m + v.sqrt() * z).max(0.0));
        }
    }
    samples.into_iter().map(Spread::from_sample).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_counts_fit_a_flat_rate() {
        let increments: Vec<f64> = (0..90).map(|i| if i % 2 == 0 { 8.0 } else { 12.0 }).collect();
        let fit = fit(&increments).unwrap();
        assert!((fit.beta[0].exp() - 10.0).abs() < 0.5, "{fit:?}");
        assert!(fit.beta[1].abs() < 0.1);
    }

    #[test]
    fn a_doubling_trend_is_found() {
        let increments: Vec<f64> = (0..100).map(|i| (20.0 * 2f64.powf(f64::from(i) / 100.0)).round()).collect();
        let fit = fit(&increments).unwrap();
        assert!((fit.beta[1] - 2f64.ln()).abs() < 0.05, "{fit:?}");
    }
}
