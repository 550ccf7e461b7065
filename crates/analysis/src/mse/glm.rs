//! A Poisson log-linear GLM fitted by iteratively reweighted least squares, as R's `glm.fit`
//! does it for `family = poisson` (the engine under Rcapture's `closedp.t` and `closedpCI.t`).
//!
//! # Method
//! For counts `y` and a design `X` (first column the intercept), with `μ = exp(Xβ)`:
//!
//! ```text
//! start      μ = y + 0.1,  η = ln μ                          (R's poisson()$initialize)
//! iterate    z = η + (y − μ)/μ,  W = diag(μ),  β = (XᵀWX)⁻¹XᵀWz,  η = Xβ
//! deviance   D = 2 Σ [y ln(y/μ) − (y − μ)]                   (y ln y = 0 at y = 0)
//! stop       |D − D_prev| / (|D| + 0.1) < 1e-8, at most 25 iterations  (glm.control())
//! ```
//!
//! Everything follows `glm.fit` so that the results agree with R's to the digits Rcapture
//! prints: the start, the stopping rule, halving a step whose deviance is not finite, and the
//! covariance `(XᵀWX)⁻¹` taken from the last iteration's weighted least squares, whose weights are
//! the means *before* its update (that is what `summary.glm`'s `cov.unscaled` is). Solving with
//! a Cholesky factor instead of R's QR changes results only in the last few bits. The
//! log-likelihood is `Σ y ln μ − μ − ln y!`, so `AIC = −2ℓ + 2p` as R reports it.

use super::linalg::{Cholesky, Singular};
use super::special::ln_factorial;

/// Relative change of the deviance below which the iteration stops (`glm.control()$epsilon`).
const TOLERANCE: f64 = 1e-8;
/// The most IRLS iterations (`glm.control()$maxit`).
const MAX_ITERATIONS: usize = 25;
/// The most step halvings after a non-finite deviance.
const MAX_HALVINGS: usize = 30;

/// A row-major design matrix whose first column is the intercept.
#[derive(Debug, Clone)]
pub(crate) struct Design {
    pub rows: usize,
    pub cols: usize,
    pub x: Vec<f64>,
}

impl Design {
    /// A design from rows of covariates (the intercept is prepended).
    pub(crate) fn with_intercept(covariates: &[Vec<f64>]) -> Design {
        let cols = covariates.first().map_or(0, Vec::len) + 1;
        let mut x = Vec::with_capacity(covariates.len() * cols);
        for row in covariates {
            x.push(1.0);
            x.extend_from_slice(row);
        }
        Design { rows: covariates.len(), cols, x }
    }

    /// The same design with one more row: the unobserved cell, all covariates zero.
    pub(crate) fn with_zero_row(&self) -> Design {
        let mut x = self.x.clone();
        x.push(1.0);
        x.extend(std::iter::repeat_n(0.0, self.cols - 1));
        Design { rows: self.rows + 1, cols: self.cols, x }
    }

    /// The design without column `c` (never the intercept).
    pub(crate) fn without_column(&self, c: usize) -> Design {
        let cols = self.cols - 1;
        let mut x = Vec::with_capacity(self.rows * cols);
        for r in 0..self.rows {
            for k in 0..self.cols {
                if k != c {
                    x.push(self.x[r * self.cols + k]);
                }
            }
        }
        Design { rows: self.rows, cols, x }
    }

    fn row(&self, r: usize) -> &[f64] {
        &self.x[r * self.cols..(r + 1) * self.cols]
    }

    fn eta(&self, beta: &[f64]) -> Vec<f64> {
        (0..self.rows).map(|r| self.row(r).iter().zip(beta).map(|(x, b)| x * b).sum()).collect()
    }
}

/// A fitted Poisson GLM.
#[derive(Debug, Clone)]
pub(crate) struct PoissonFit {
    /// Coefficients, intercept first.
    pub beta: Vec<f64>,
    /// `(XᵀWX)⁻¹`, row-major.
    pub covariance: Vec<f64>,
    /// Residual deviance.
    pub deviance: f64,
    /// Poisson log-likelihood.
    pub log_likelihood: f64,
    /// Whether the stopping rule was met within the iteration limit.
    pub converged: bool,
}

/// Why a fit failed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum FitFailure {
    /// `XᵀWX` is singular: the design is not of full rank (or the weights collapsed).
    Singular(usize),
    /// The fitted means overflowed.
    NonFinite,
}

impl From<Singular> for FitFailure {
    fn from(s: Singular) -> FitFailure {
        FitFailure::Singular(s.column)
    }
}

fn deviance(y: &[f64], mu: &[f64]) -> f64 {
    2.0 * y.iter().zip(mu).map(|(&y, &m)| if y > 0.0 { y * (y / m).ln() - (y - m) } else { m }).sum::<f64>()
}

/// Fits `y ~ Poisson(exp(Xβ))`, starting from `start` when given (else from `μ = y + 0.1`).
pub(crate) fn fit_poisson(design: &Design, y: &[f64], start: Option<&[f64]>) -> Result<PoissonFit, FitFailure> {
    let (rows, p) = (design.rows, design.cols);
    let (mut eta, mut mu) = match start {
        Some(beta) if beta.len() == p => {
            let eta = design.eta(beta);
            let mu: Vec<f64> = eta.iter().map(|e| e.exp()).collect();
            if mu.iter().all(|m| m.is_finite() && *m > 0.0) { (eta, mu) } else { initial(y) }
        }
        _ => initial(y),
    };
    let mut beta: Option<Vec<f64>> = None;
    let mut old_deviance = deviance(y, &mu);
    let mut converged = false;
    let mut xtwx = vec![0.0; p * p];
    let mut xtwz = vec![0.0; p];
    let mut covariance = Vec::new();
    for _ in 0..MAX_ITERATIONS {
        xtwx.iter_mut().for_each(|v| *v = 0.0);
        xtwz.iter_mut().for_each(|v| *v = 0.0);
        for r in 0..rows {
            let w = mu[r];
            let z = eta[r] + (y[r] - mu[r]) / mu[r];
            let x = design.row(r);
            for i in 0..p {
                let wx = w * x[i];
                if wx == 0.0 {
                    continue;
                }
                xtwz[i] += wx * z;
                for j in 0..=i {
                    xtwx[i * p + j] += wx * x[j];
                }
            }
        }
        for i in 0..p {
            for j in 0..i {
                xtwx[j * p + i] = xtwx[i * p + j];
            }
        }
        let factor = Cholesky::new(&xtwx, p)?;
        let mut candidate = factor.solve(&xtwz);
        // R's `glm.fit` keeps the weighted least-squares factor of the last iteration, whose
        // weights are the means before that iteration's update: its covariance is this one.
        covariance = factor.inverse();
        let mut halvings = 0;
        let (new_eta, new_mu, new_deviance) = loop {
            let new_eta = design.eta(&candidate);
            let new_mu: Vec<f64> = new_eta.iter().map(|e| e.exp()).collect();
            let new_deviance = deviance(y, &new_mu);
            if new_deviance.is_finite() && new_mu.iter().all(|m| m.is_finite() && *m > 0.0) {
                break (new_eta, new_mu, new_deviance);
            }
            // As glm.fit: halve the step towards the previous coefficients while non-finite.
            let Some(previous) = beta.as_ref() else { return Err(FitFailure::NonFinite) };
            halvings += 1;
            if halvings > MAX_HALVINGS {
                return Err(FitFailure::NonFinite);
            }
            candidate = previous.iter().zip(&candidate).map(|(o, n)| (o + n) / 2.0).collect();
        };
        beta = Some(candidate);
        eta = new_eta;
        mu = new_mu;
        let change = (new_deviance - old_deviance).abs() / (new_deviance.abs() + 0.1);
        old_deviance = new_deviance;
        if change < TOLERANCE {
            converged = true;
            break;
        }
    }
    let beta = beta.ok_or(FitFailure::NonFinite)?;
    let log_likelihood =
        y.iter().zip(&mu).map(|(&y, &m)| if y > 0.0 { y * m.ln() } else { 0.0 } - m - ln_factorial(y)).sum();
    Ok(PoissonFit { beta, covariance, deviance: old_deviance, log_likelihood, converged })
}

fn initial(y: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let mu: Vec<f64> = y.iter().map(|y| y + 0.1).collect();
    (mu.iter().map(|m| m.ln()).collect(), mu)
}
