//! The log-normal heterogeneity model of Rcapture's `closedpCI.t(h = "Normal")` (Rivest 2011,
//! after Coull & Agresti 1999): catchability varies between people as a normal random effect on
//! the log scale, integrated out by 20-point Gauss–Hermite quadrature.
//!
//! # Model
//! With `x_ω` the log-linear covariates of cell ω (intercept first), `f_ω` its number of
//! captures, quadrature nodes `z_i` and weights `w_i` (physicists' Hermite, Abramowitz & Stegun
//! 25.4.46), and parameters `(β, σ)`:
//!
//! ```text
//! C_i  = e^{β0} / (e^{β0} + Σ_ω exp(x_ωᵀβ + √2·σ·z_i·f_ω))       P(unseen | effect √2σz_i)
//! φ(k) = ln( Σ_i w_i e^{k√2σz_i} C_i / Σ_i w_i C_i ),  k = 1..J
//! μ_ω  = exp(x_ωᵀβ + φ(f_ω))
//! ```
//!
//! `(β, σ)` minimise the Poisson deviance, from the coefficients of the same model with
//! Darroch's column and `σ = 0.2` (Rcapture's start); we use Newton's method on numerical
//! derivatives where Rcapture uses `optim(method = "BFGS")`. Then `N̂ = n + e^{β0}` and, as
//! Rcapture computes it, `SE = √(e^{β0} + e^{2β0}·[H⁻¹]₀₀)` with `H` the Hessian of the
//! *deviance*; that is half the inverse information, so this SE is smaller than a likelihood
//! SE by up to a factor √2 on the second term. It is kept for agreement with Rcapture and
//! flagged. Its interval is Chao's log-normal one (`closedpCI.t` does the same for this model).

use super::glm::{Design, fit_poisson};
use super::linalg::Cholesky;
use super::special::ln_factorial;

/// The number of quadrature points (Rcapture's).
const NODES: usize = 20;

/// Gauss–Hermite nodes and weights for `∫ e^{−z²} g(z) dz`, found as the roots of the
/// orthonormal Hermite polynomial by bracketing and bisection.
fn gauss_hermite() -> ([f64; NODES], [f64; NODES]) {
    // Orthonormal recurrence: p0 = π^{-1/4}, p_j = z√(2/j) p_{j−1} − √((j−1)/j) p_{j−2}.
    let evaluate = |z: f64| -> (f64, f64) {
        let mut previous = 0.0;
        let mut current = std::f64::consts::PI.powf(-0.25);
        for j in 1..=NODES {
            let jf = j as f64;
            let next = z * (2.0 / jf).sqrt() * current - ((jf - 1.0) / jf).sqrt() * previous;
            previous = current;
            current = next;
        }
        (current, previous)
    };
    let mut nodes = [0.0; NODES];
    let mut weights = [0.0; NODES];
    let mut found = 0;
    let step = 1e-3;
    let mut a = -7.0;
    let mut fa = evaluate(a).0;
    while a < 7.0 && found < NODES {
        let b = a + step;
        let fb = evaluate(b).0;
        if (fa < 0.0) != (fb < 0.0) {
            let (mut lo, mut hi, mut flo) = (a, b, fa);
            for _ in 0..100 {
                let mid = 0.5 * (lo + hi);
                let fm = evaluate(mid).0;
                if (fm < 0.0) == (flo < 0.0) {
                    lo = mid;
                    flo = fm;
                } else {
                    hi = mid;
                }
            }
            let root = 0.5 * (lo + hi);
            let (_, below) = evaluate(root);
            // p_n'(z) = √(2n)·p_{n−1}(z); w = 2 / p_n'(z)².
            let derivative = (2.0 * NODES as f64).sqrt() * below;
            nodes[found] = root;
            weights[found] = 2.0 / (derivative * derivative);
            found += 1;
        }
        a = b;
        fa = fb;
    }
    (nodes, weights)
}

/// A fitted normal-heterogeneity model.
pub(crate) struct NormalFit {
    pub beta: Vec<f64>,
    pub sigma: f64,
    /// `[H⁻¹]₀₀` of the deviance's Hessian.
    pub var_intercept: f64,
    pub deviance: f64,
    pub log_likelihood: f64,
    pub converged: bool,
}

struct Problem<'a> {
    design: &'a Design,
    captures: Vec<f64>,
    y: &'a [f64],
    lists: usize,
    nodes: [f64; NODES],
    weights: [f64; NODES],
}

impl Problem<'_> {
    fn means(&self, theta: &[f64]) -> Option<Vec<f64>> {
        let q = self.design.cols;
        let (beta, sigma) = (&theta[..q], theta[q]);
        let linear: Vec<f64> =
            (0..self.design.rows).map(|r| (0..q).map(|k| self.design.x[r * q + k] * beta[k]).sum::<f64>()).collect();
        let scale = std::f64::consts::SQRT_2 * sigma;
        let mut unseen = [0.0; NODES];
        for (slot, node) in unseen.iter_mut().zip(&self.nodes) {
            let s: f64 = linear.iter().zip(&self.captures).map(|(l, f)| (l - beta[0] + scale * node * f).exp()).sum();
            *slot = 1.0 / (1.0 + s);
        }
        let denominator: f64 = (0..NODES).map(|i| self.weights[i] * unseen[i]).sum();
        let phi: Vec<f64> = (0..=self.lists)
            .map(|k| {
                let numerator: f64 =
                    (0..NODES).map(|i| self.weights[i] * (k as f64 * scale * self.nodes[i]).exp() * unseen[i]).sum();
                (numerator / denominator).ln()
            })
            .collect();
        let mu: Vec<f64> = linear.iter().zip(&self.captures).map(|(l, &f)| (l + phi[f as usize]).exp()).collect();
        mu.iter().all(|m| m.is_finite() && *m > 0.0).then_some(mu)
    }

    fn deviance(&self, theta: &[f64]) -> f64 {
        match self.means(theta) {
            Some(mu) => {
                2.0 * self
                    .y
                    .iter()
                    .zip(&mu)
                    .map(|(&y, &m)| if y > 0.0 { y * (y / m).ln() - (y - m) } else { m })
                    .sum::<f64>()
            }
            None => f64::INFINITY,
        }
    }

    /// Central-difference gradient and Hessian of the deviance.
    fn derivatives(&self, theta: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let p = theta.len();
        let h: Vec<f64> = theta.iter().map(|t| 1e-4 * t.abs().max(1.0)).collect();
        let at = |moves: &[(usize, f64)]| {
            let mut t = theta.to_vec();
            for &(i, d) in moves {
                t[i] += d;
            }
            self.deviance(&t)
        };
        let centre = self.deviance(theta);
        let mut gradient = vec![0.0; p];
        let mut hessian = vec![0.0; p * p];
        for i in 0..p {
            let plus = at(&[(i, h[i])]);
            let minus = at(&[(i, -h[i])]);
            gradient[i] = (plus - minus) / (2.0 * h[i]);
            hessian[i * p + i] = (plus - 2.0 * centre + minus) / (h[i] * h[i]);
            for j in 0..i {
                let value = (at(&[(i, h[i]), (j, h[j])]) - at(&[(i, h[i]), (j, -h[j])]) - at(&[(i, -h[i]), (j, h[j])])
                    + at(&[(i, -h[i]), (j, -h[j])]))
                    / (4.0 * h[i] * h[j]);
                hessian[i * p + j] = value;
                hessian[j * p + i] = value;
            }
        }
        (gradient, hessian)
    }
}

/// Fits the normal-heterogeneity model on `design` (intercept first, no heterogeneity column),
/// `captures` holding each row's number of captures.
pub(crate) fn fit_normal(design: &Design, captures: Vec<f64>, y: &[f64], lists: usize) -> Option<NormalFit> {
    let q = design.cols;
    // Start: the same covariates with Darroch's column, its coefficients without τ; σ = 0.2.
    let mut with_darroch = Vec::with_capacity(design.rows * (q + 1));
    for (r, f) in captures.iter().enumerate() {
        with_darroch.extend_from_slice(&design.x[r * q..(r + 1) * q]);
        with_darroch.push(f * f / 2.0);
    }
    let darroch = Design { rows: design.rows, cols: q + 1, x: with_darroch };
    let start = fit_poisson(&darroch, y, None).ok()?;
    let (nodes, weights) = gauss_hermite();
    let problem = Problem { design, captures, y, lists, nodes, weights };
    let mut theta: Vec<f64> = start.beta[..q].to_vec();
    theta.push(0.2);
    let mut value = problem.deviance(&theta);
    let mut converged = false;
    for _ in 0..200 {
        let (gradient, hessian) = problem.derivatives(&theta);
        let p = theta.len();
        // Newton step, damped towards gradient descent until the Hessian is positive definite.
        let mut damping = 0.0;
        let step = loop {
            let mut h = hessian.clone();
            for i in 0..p {
                h[i * p + i] += damping;
            }
            if let Ok(c) = Cholesky::new(&h, p) {
                break c.solve(&gradient);
            }
            damping = if damping == 0.0 { 1e-6 } else { damping * 10.0 };
            if damping > 1e12 {
                return None;
            }
        };
        let mut length = 1.0;
        let mut improved = None;
        for _ in 0..40 {
            let candidate: Vec<f64> = theta.iter().zip(&step).map(|(t, s)| t - length * s).collect();
            let candidate_value = problem.deviance(&candidate);
            if candidate_value <= value {
                improved = Some((candidate, candidate_value));
                break;
            }
            length /= 2.0;
        }
        let Some((candidate, candidate_value)) = improved else {
            converged = true;
            break;
        };
        let moved = theta.iter().zip(&candidate).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        let gain = value - candidate_value;
        theta = candidate;
        value = candidate_value;
        if moved < 1e-9 || gain < 1e-12 * (value.abs() + 0.1) {
            converged = true;
            break;
        }
    }
    let (_, hessian) = problem.derivatives(&theta);
    let inverse = Cholesky::new(&hessian, theta.len()).ok()?.inverse();
    let mu = problem.means(&theta)?;
    let log_likelihood =
        y.iter().zip(&mu).map(|(&y, &m)| if y > 0.0 { y * m.ln() } else { 0.0 } - m - ln_factorial(y)).sum();
    Some(NormalFit {
        sigma: theta[q],
        beta: theta[..q].to_vec(),
        var_intercept: inverse[0],
        deviance: value,
        log_likelihood,
        converged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrature_matches_abramowitz_and_stegun() {
        let (nodes, weights) = gauss_hermite();
        // A&S Table 25.10, n = 20: largest node and its weight, smallest positive node.
        assert!((nodes[19] - 5.387_480_890_01).abs() < 1e-10);
        assert!((weights[19] - 2.229_393_645_54e-13).abs() < 1e-22);
        assert!((nodes[10] - 0.245_340_708_301).abs() < 1e-11);
        assert!((weights.iter().sum::<f64>() - std::f64::consts::PI.sqrt()).abs() < 1e-13);
    }
}
