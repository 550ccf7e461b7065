//! Log-linear Poisson models of the capture table, as Rcapture fits them (`closedp.t`,
//! `closedpCI.t`; Rivest & Baillargeon, Rcapture 1.4-4; Fienberg 1972; Cormack 1989).
//!
//! # Model
//! The `2^J − 1` observed cells are independent Poisson counts with `ln μ_ω = x_ωᵀβ`, where the
//! design holds an intercept and, by model:
//!
//! | model | columns besides the intercept |
//! |---|---|
//! | M0 | the number of captures `f_ω = Σ_j ω_j` |
//! | Mt | one 0/1 column per list, `ω_j` |
//! | Mt + interactions | `ω_j`, and `Π_{j∈S} ω_j` for each interaction `S` and (hierarchy) its subsets |
//! | Mh (heterogeneity) | `f_ω` and τ(f_ω): Chao (LB) `max(f − k + 1, 0)` for `k = 3..J`; Poisson2 `2^f − 1`; Darroch `f²/2`; Gamma3.5 `−ln(3.5 + f) + ln 3.5` |
//! | Mth | Mt's columns and τ(f_ω) |
//! | Mb | occasions before the first capture, captures after it (lists taken as ordered in time) |
//! | Mbh | Mb's columns and `1 − ω_1` |
//!
//! The unobserved cell has every covariate 0, so its expected count is `e^{β0}` and
//!
//! ```text
//! N̂ = n + e^{β0},    SE(N̂) = √(e^{β0} + e^{2β0}·Var(β0))          (Rcapture internal.DRY.R::getN)
//! Mb:   N̂ = e^{β0}(1 + e^{β2})^J / (1 + e^{β2} − e^{β1})            (closedp.R, with its delta-method SE)
//! Mbh:  N̂ = e^{β0}(1 + e^{β3})^{J−1}(1 + e^{β1+β2}/(1 + e^{β3} − e^{β2}))
//! deviance = 2 Σ [y ln(y/μ) − (y − μ)],  df = 2^J − 1 − p
//! AIC = −2ℓ + 2p,  BIC = −2ℓ + p ln n                                (ℓ the Poisson log-likelihood)
//! ```
//!
//! For the Chao lower-bound models a negative `η` coefficient is dropped and the model refitted,
//! first negative first, until none is negative (Rcapture `Chao.neg`, its default `neg = TRUE`).
//!
//! # Profile-likelihood interval (`closedpCI.t`)
//! For a candidate `N`, the unobserved cell is added with count `n0 = N − n` and covariates 0,
//! the model is refitted and, with Cormack's (1992) correction `ct`,
//!
//! ```text
//! ℓ(N) = −(D(N) − 2·ct)/2
//! ct   = n0 − N − ½ ln(n0/N)                    N > 100, n0 > 1
//!      = −N + ½ ln(2πN)                         N > 100, n0 ∈ {0, 1}
//!      = ln(n0^n0 · N! / (N^N · n0!))           N ≤ 100
//! ```
//!
//! For `N > 100` and `0 < n0 < 1` Rcapture's first form diverges (its Stirling approximation of
//! `ln n0!` fails there), which would put the maximum at `n0 → 0` whenever `N̂` is within one of
//! `n`; we take `n0 ln n0 − ln n0! − N + ½ ln(2πN)` instead, which equals Rcapture's value at
//! `n0 = 0` and `n0 = 1`.
//!
//! The point estimate is the maximiser of ℓ (Brent's method), and the 95% bounds are where
//! `ℓ = ℓ_max − χ²₁(0.95)/2`, found by bisection; the lower bound is `n` when ℓ(n) is above the
//! cut-off, and the upper bound is reported missing when ℓ stays above it up to 10·N̂ (the
//! likelihood does not bound N). Rcapture finds the same points with `optimize`/`uniroot` at
//! tolerance 1e-4, so the two agree to about that.
//!
//! # When there is no estimate
//! A model with an interaction whose records are all missing (no record on both lists of `A:B`)
//! has no MLE: its coefficient runs to −∞. Such models are refused. A fit whose `N̂` exceeds
//! `max(10⁶, 1000·n)` is flagged as unbounded (Rcapture's tests take `N̂ > 10⁶` as the sign of
//! this on Cormack's 4-list data), as is one that did not converge.
//!
//! # Model choice
//! For 3 to 5 lists every subset of the two-way interactions is fitted (8, 64 and 1,024 models)
//! and ranked by AIC; BIC is given beside it. METHODS.md §1.3 asks for the spread across good
//! models rather than only the winner: see [`ModelSearch::spread`].

use super::glm::{Design, FitFailure, PoissonFit, fit_poisson};
use super::normal::fit_normal;
use super::special::{CHI2_1_95, ln_factorial};
use super::{CaptureTable, Interval, IntervalKind, MseError};
use serde::Serialize;

/// `N̂` above `max(UNBOUNDED, 1000·n)` is taken as running off to infinity.
pub const UNBOUNDED: f64 = 1e6;

/// The most lists for which every subset of two-way interactions is fitted.
pub const MAX_SEARCH_LISTS: usize = 5;

/// Models within this many AIC units of the best are "good" in [`ModelSearch::spread`].
pub const AIC_SPREAD: f64 = 2.0;

/// A heterogeneity form τ(f) in the number of captures `f` (Rivest & Baillargeon).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Heterogeneity {
    /// Chao's lower bound: `max(f − k + 1, 0)` for `k = 3..J`, negative η dropped.
    Chao,
    /// Poisson with θ: `θ^f − 1` (Rcapture's default θ = 2, "Poisson2").
    Poisson(f64),
    /// Darroch: `f²/2`.
    Darroch,
    /// Gamma with θ: `−ln(θ + f) + ln θ` (default θ = 3.5, "Gamma3.5").
    Gamma(f64),
    /// A normal random effect on the log scale, integrated by Gauss–Hermite quadrature
    /// (`closedpCI.t(h = "Normal")`; see the `normal` module).
    Normal,
}

impl Heterogeneity {
    /// Rcapture's name: `Chao (LB)`, `Poisson2`, `Darroch`, `Gamma3.5`.
    #[must_use]
    pub fn name(self) -> String {
        match self {
            Heterogeneity::Chao => "Chao (LB)".to_owned(),
            Heterogeneity::Poisson(theta) => format!("Poisson{theta}"),
            Heterogeneity::Darroch => "Darroch".to_owned(),
            Heterogeneity::Gamma(theta) => format!("Gamma{theta}"),
            Heterogeneity::Normal => "Normal".to_owned(),
        }
    }

    fn columns(self, lists: usize, captures: f64) -> Vec<f64> {
        match self {
            Heterogeneity::Chao => (3..=lists).map(|k| (captures - k as f64 + 1.0).max(0.0)).collect(),
            Heterogeneity::Poisson(theta) => vec![theta.powf(captures) - 1.0],
            Heterogeneity::Darroch => vec![captures * captures / 2.0],
            Heterogeneity::Gamma(theta) => vec![-(theta + captures).ln() + theta.ln()],
            Heterogeneity::Normal => Vec::new(),
        }
    }

    fn column_names(self, lists: usize) -> Vec<String> {
        match self {
            Heterogeneity::Chao => (3..=lists).map(|k| format!("eta{k}")).collect(),
            Heterogeneity::Normal => Vec::new(),
            _ => vec!["tau".to_owned()],
        }
    }

    /// The four forms `closedp.t` fits: Chao (LB), Poisson2, Darroch, Gamma3.5.
    pub const STANDARD: [Heterogeneity; 4] =
        [Heterogeneity::Chao, Heterogeneity::Poisson(2.0), Heterogeneity::Darroch, Heterogeneity::Gamma(3.5)];
}

/// The part of a model that is not heterogeneity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Base {
    /// One capture probability for every list.
    M0,
    /// One capture probability per list (independent lists).
    Mt,
    /// Behavioural response: a first capture changes later ones.
    Mb,
    /// Behavioural response with heterogeneity.
    Mbh,
}

/// A log-linear model: a base, interactions between lists (with Mt only) and a heterogeneity
/// form (with M0 or Mt only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// The base.
    pub base: Base,
    /// Interactions as bitmasks of lists (bit `j` = list `j + 1`), each of 2 or more lists;
    /// their subsets are included by hierarchy.
    pub interactions: Vec<usize>,
    /// The heterogeneity form, if any.
    pub heterogeneity: Option<Heterogeneity>,
}

impl Model {
    /// M0.
    #[must_use]
    pub fn m0() -> Model {
        Model { base: Base::M0, interactions: Vec::new(), heterogeneity: None }
    }
    /// Mt: independent lists.
    #[must_use]
    pub fn mt() -> Model {
        Model { base: Base::Mt, interactions: Vec::new(), heterogeneity: None }
    }
    /// Mh with a heterogeneity form.
    #[must_use]
    pub fn mh(h: Heterogeneity) -> Model {
        Model { base: Base::M0, interactions: Vec::new(), heterogeneity: Some(h) }
    }
    /// Mth with a heterogeneity form.
    #[must_use]
    pub fn mth(h: Heterogeneity) -> Model {
        Model { base: Base::Mt, interactions: Vec::new(), heterogeneity: Some(h) }
    }
    /// Mb.
    #[must_use]
    pub fn mb() -> Model {
        Model { base: Base::Mb, interactions: Vec::new(), heterogeneity: None }
    }
    /// Mbh.
    #[must_use]
    pub fn mbh() -> Model {
        Model { base: Base::Mbh, interactions: Vec::new(), heterogeneity: None }
    }
    /// Mt plus interactions, each given as the 0-based lists it joins (`&[&[0, 1], &[1, 2]]` is
    /// Rcapture's `~ . + c1:c2 + c2:c3`).
    #[must_use]
    pub fn with_interactions(terms: &[&[usize]]) -> Model {
        let interactions = terms.iter().map(|t| t.iter().fold(0usize, |m, &j| m | (1 << j))).collect();
        Model { base: Base::Mt, interactions, heterogeneity: None }
    }
    /// Mt plus every two-way interaction (`~ (c1 + … + cJ)^2`).
    #[must_use]
    pub fn all_two_way(lists: usize) -> Model {
        let mut interactions = Vec::new();
        for i in 0..lists {
            for j in (i + 1)..lists {
                interactions.push((1 << i) | (1 << j));
            }
        }
        Model { base: Base::Mt, interactions, heterogeneity: None }
    }
    /// The same model with a heterogeneity form added.
    #[must_use]
    pub fn with_heterogeneity(mut self, h: Heterogeneity) -> Model {
        self.heterogeneity = Some(h);
        self
    }

    /// A readable name with the list names, e.g. `Mt + EXH:ABA + ABA:OSCE`, `Mh Darroch`.
    #[must_use]
    pub fn label(&self, names: &[String]) -> String {
        let base = match (self.base, self.heterogeneity) {
            (Base::M0, None) => "M0".to_owned(),
            (Base::Mt, None) => "Mt".to_owned(),
            (Base::M0, Some(h)) => format!("Mh {}", h.name()),
            (Base::Mt, Some(h)) => format!("Mth {}", h.name()),
            (Base::Mb, _) => "Mb".to_owned(),
            (Base::Mbh, _) => "Mbh".to_owned(),
        };
        let lists = names.len();
        if self.base == Base::Mt && self.heterogeneity.is_none() && lists >= 3 {
            let two_way = lists * (lists - 1) / 2;
            let mut pairs = self.interactions.clone();
            pairs.sort_unstable();
            pairs.dedup();
            if pairs.len() == two_way && pairs.iter().all(|m| m.count_ones() == 2) {
                return "all two-way".to_owned();
            }
        }
        let mut label = base;
        for &mask in &self.interactions {
            label.push_str(" + ");
            label.push_str(&term_name(mask, names));
        }
        label
    }

    /// The assumption the estimate rests on, in words.
    #[must_use]
    pub fn assumption(&self, names: &[String]) -> String {
        let closed = "closed population";
        match (self.base, self.heterogeneity) {
            (Base::M0, None) => format!("{closed}; lists independent and equally likely to catch anyone"),
            (Base::Mt, None) if self.interactions.is_empty() => {
                format!(
                    "{closed}; lists independent (each with its own capture probability), everyone equally catchable"
                )
            }
            (Base::Mt, None) => format!(
                "{closed}; dependence only through {} (no higher-order interaction), lists otherwise independent",
                self.interactions.iter().map(|&m| term_name(m, names)).collect::<Vec<_>>().join(", ")
            ),
            (Base::M0, Some(h)) => format!(
                "{closed}; lists independent given each person's catchability, which varies ({} form), the same for every list",
                h.name()
            ),
            (Base::Mt, Some(h)) => {
                let extra = if self.interactions.is_empty() {
                    String::new()
                } else {
                    format!(
                        " and through {}",
                        self.interactions.iter().map(|&m| term_name(m, names)).collect::<Vec<_>>().join(", ")
                    )
                };
                format!("{closed}; dependence only through varying catchability ({} form){extra}", h.name())
            }
            (Base::Mb | Base::Mbh, _) => format!(
                "{closed}; the lists are occasions in time and a first capture changes the chance of later ones{} (an ecological model, rarely apt for lists)",
                if self.base == Base::Mbh { ", with varying catchability" } else { "" }
            ),
        }
    }
}

fn term_name(mask: usize, names: &[String]) -> String {
    names.iter().enumerate().filter(|(j, _)| mask >> j & 1 == 1).map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(":")
}

/// Whether a fit has a usable `N̂`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FitStatus {
    /// Finite and at least the number observed.
    Bounded,
    /// Runs off to infinity (or above `max(10⁶, 1000·n)`).
    Unbounded,
    /// Below the number observed: the model does not fit.
    BelowObserved,
}

impl FitStatus {
    fn of(estimate: f64, observed: f64) -> FitStatus {
        if !estimate.is_finite() || estimate > UNBOUNDED.max(1000.0 * observed) {
            FitStatus::Unbounded
        } else if estimate < observed * (1.0 - 1e-9) {
            FitStatus::BelowObserved
        } else {
            FitStatus::Bounded
        }
    }
}

/// A fitted coefficient.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coefficient {
    /// Its name (`intercept`, a list name, `A:B`, `captures`, `eta3`, `tau`, …).
    pub name: String,
    /// The estimate.
    pub value: f64,
    /// Its standard error.
    pub se: f64,
}

/// One fitted log-linear model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogLinearFit {
    /// The model as specified.
    pub model: Model,
    /// Its name with the list names.
    pub label: String,
    /// Records observed, `n`.
    pub observed: u64,
    /// `N̂`.
    pub estimate: f64,
    /// Its standard error.
    pub se: f64,
    /// Residual deviance.
    pub deviance: f64,
    /// Residual degrees of freedom.
    pub df: i64,
    /// Parameters fitted (after any η dropped).
    pub parameters: usize,
    /// `−2ℓ + 2p`.
    pub aic: f64,
    /// `−2ℓ + p ln n`.
    pub bic: f64,
    /// Whether IRLS met its stopping rule.
    pub converged: bool,
    /// Whether the estimate is usable ([`FitStatus::Bounded`]).
    pub bounded: bool,
    /// Usable, unbounded, or below the number observed.
    pub status: FitStatus,
    /// η columns dropped for being negative (Chao models).
    pub dropped: Vec<String>,
    /// Coefficients of the final fit.
    pub coefficients: Vec<Coefficient>,
    /// What weakens the estimate.
    pub flags: Vec<String>,
    /// The assumption it rests on.
    pub assumption: String,
}

/// The profile-likelihood 95% interval of a model (`closedpCI.t`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileInterval {
    /// The maximiser of the profile likelihood (Rcapture's `CI[, "abundance"]`).
    pub estimate: f64,
    /// The interval; `upper` missing when the likelihood does not fall enough within 10·N̂.
    pub interval: Interval,
    /// Whether the lower bound is `n` because the likelihood is above the cut-off there.
    pub lower_at_observed: bool,
}

/// The design of a model: covariate rows for the observed cells, column names, and how many
/// leading columns (intercept included) are not Chao's η.
struct Built {
    design: Design,
    names: Vec<String>,
    fixed: usize,
}

fn build(table: &CaptureTable, model: &Model) -> Result<Built, MseError> {
    let lists = table.lists();
    let names = table.names();
    let label = model.label(names);
    let refuse = |reason: String| MseError::NotIdentifiable { model: label.clone(), reason };
    let all = (1usize << lists) - 1;
    let mut terms: Vec<usize> = Vec::new();
    if !model.interactions.is_empty() {
        if model.base != Base::Mt {
            return Err(refuse("interactions go with Mt (one effect per list) only".to_owned()));
        }
        for &mask in &model.interactions {
            if mask & !all != 0 || mask.count_ones() < 2 {
                return Err(refuse(format!("{mask:#b} is not an interaction of two or more of the {lists} lists")));
            }
            if mask == all {
                return Err(refuse(format!(
                    "the {lists}-way interaction of every list cannot be estimated: it needs the unobserved cell"
                )));
            }
            // Hierarchy: every sub-interaction of two or more lists.
            let mut sub = mask;
            while sub > 0 {
                if sub.count_ones() >= 2 && !terms.contains(&sub) {
                    terms.push(sub);
                }
                sub = (sub - 1) & mask;
            }
        }
        terms.sort_by_key(|m| (m.count_ones(), *m));
        for &mask in &terms {
            if table.sum_where(mask) == 0 {
                return Err(refuse(format!(
                    "no record is on all of {}: the {} interaction runs to −∞ and N̂ is not identified",
                    term_name(mask, names).replace(':', ", "),
                    term_name(mask, names)
                )));
            }
        }
    }
    if model.heterogeneity.is_some() && lists < 3 {
        return Err(refuse("heterogeneity models need at least 3 lists".to_owned()));
    }
    if model.heterogeneity.is_some() && !matches!(model.base, Base::M0 | Base::Mt) {
        return Err(refuse("heterogeneity goes with M0 (Mh) or Mt (Mth)".to_owned()));
    }
    let mut column_names = vec!["intercept".to_owned()];
    match model.base {
        Base::M0 => column_names.push("captures".to_owned()),
        Base::Mt => column_names.extend(names.iter().cloned()),
        Base::Mb => column_names.extend(["before first capture".to_owned(), "after first capture".to_owned()]),
        Base::Mbh => column_names.extend([
            format!("not on {}", names[0]),
            "before first capture".to_owned(),
            "after first capture".to_owned(),
        ]),
    }
    column_names.extend(terms.iter().map(|&m| term_name(m, names)));
    let fixed = column_names.len();
    if let Some(h) = model.heterogeneity {
        column_names.extend(h.column_names(lists));
    }
    let mut rows = Vec::with_capacity(all);
    for mask in 1..=all {
        let captures = f64::from(mask.count_ones());
        let bit = |j: usize| f64::from(u8::from(mask >> j & 1 == 1));
        let mut row = Vec::with_capacity(column_names.len() - 1);
        match model.base {
            Base::M0 => row.push(captures),
            Base::Mt => row.extend((0..lists).map(bit)),
            Base::Mb | Base::Mbh => {
                if model.base == Base::Mbh {
                    row.push(1.0 - bit(0));
                }
                row.push(f64::from(mask.trailing_zeros()));
                row.push(captures - 1.0);
            }
        }
        row.extend(terms.iter().map(|&t| f64::from(u8::from(mask & t == t))));
        if let Some(h) = model.heterogeneity {
            row.extend(h.columns(lists, captures));
        }
        rows.push(row);
    }
    if column_names.len() > all {
        return Err(refuse(format!(
            "{} parameters for {all} observed cells: more than the table can identify",
            column_names.len()
        )));
    }
    Ok(Built { design: Design::with_intercept(&rows), names: column_names, fixed })
}

fn observed_counts(table: &CaptureTable) -> Vec<f64> {
    table.counts()[1..].iter().map(|&c| c as f64).collect()
}

/// A fit with Chao's negative η dropped one at a time (when the model has η columns).
fn fit_dropping_eta(
    mut design: Design,
    mut names: Vec<String>,
    fixed: usize,
    chao: bool,
    y: &[f64],
    start: Option<&[f64]>,
) -> Result<(PoissonFit, Vec<String>, Vec<String>), FitFailure> {
    let mut fit = fit_poisson(&design, y, start)?;
    let mut dropped = Vec::new();
    if chao {
        while let Some(position) = (fixed..design.cols).find(|&c| fit.beta[c] < 0.0) {
            let smaller = design.without_column(position);
            match fit_poisson(&smaller, y, None) {
                Ok(refit) => {
                    dropped.push(names.remove(position));
                    design = smaller;
                    fit = refit;
                }
                // Rcapture keeps the fit with the negative η when the refit fails.
                Err(_) => break,
            }
        }
    }
    Ok((fit, names, dropped))
}

fn failure(model: &str, failure: FitFailure) -> MseError {
    let reason = match failure {
        FitFailure::Singular(_) => "the design is not of full rank for these data (a parameter is not identified)",
        FitFailure::NonFinite => "the fitted counts overflowed",
    };
    MseError::NotIdentifiable { model: model.to_owned(), reason: reason.to_owned() }
}

/// Fits one model to the table.
pub fn fit(table: &CaptureTable, model: &Model) -> Result<LogLinearFit, MseError> {
    let names = table.names();
    let label = model.label(names);
    let built = build(table, model)?;
    let y = observed_counts(table);
    if model.heterogeneity == Some(Heterogeneity::Normal) {
        return fit_normal_model(table, model, built, &y);
    }
    let chao = model.heterogeneity == Some(Heterogeneity::Chao);
    let (fit, columns, dropped) =
        fit_dropping_eta(built.design, built.names, built.fixed, chao, &y, None).map_err(|f| failure(&label, f))?;
    let n = table.observed() as f64;
    let lists = table.lists() as i32;
    let p = fit.beta.len();
    let b = &fit.beta;
    let cov = |i: usize, j: usize| fit.covariance[i * p + j];
    let quadratic = |v: &[f64]| -> f64 {
        let mut s = 0.0;
        for i in 0..v.len() {
            for j in 0..v.len() {
                s += v[i] * cov(i, j) * v[j];
            }
        }
        s
    };
    let (estimate, se) = match model.base {
        Base::Mb => {
            let (e1, e2) = (b[1].exp(), b[2].exp());
            let denominator = 1.0 + e2 - e1;
            let estimate = b[0].exp() * (1.0 + e2).powi(lists) / denominator;
            let v = [
                estimate,
                estimate * e1 / denominator,
                estimate * (f64::from(lists) * e2 / (1.0 + e2) - e2 / denominator),
            ];
            (estimate, (quadratic(&v) - estimate).sqrt())
        }
        Base::Mbh => {
            let (e3, e4, e23) = (b[2].exp(), b[3].exp(), (b[1] + b[2]).exp());
            let denominator = 1.0 + e4 - e3;
            let scale = b[0].exp() * (1.0 + e4).powi(lists - 1);
            let estimate = scale * (1.0 + e23 / denominator);
            let v = [
                scale * (1.0 + e23 / denominator),
                scale * e23 / denominator,
                scale * (e23 / denominator + (b[1] + 2.0 * b[2]).exp() / (denominator * denominator)),
                scale
                    * (f64::from(lists - 1) * e4 / (1.0 + e4)
                        - (b[1] + b[2] + b[3]).exp() / (denominator * denominator)),
            ];
            (estimate, (quadratic(&v) - estimate).sqrt())
        }
        Base::M0 | Base::Mt => {
            let unseen = b[0].exp();
            (n + unseen, (unseen + unseen * unseen * cov(0, 0)).sqrt())
        }
    };
    let aic = -2.0 * fit.log_likelihood + 2.0 * p as f64;
    let bic = -2.0 * fit.log_likelihood + p as f64 * n.ln();
    let status = FitStatus::of(estimate, n);
    let bounded = status == FitStatus::Bounded;
    let mut flags = Vec::new();
    if !fit.converged {
        flags.push("the fit did not converge".to_owned());
    }
    match status {
        FitStatus::BelowObserved => {
            flags.push("the estimate falls below the number observed: the model does not fit these data".to_owned());
        }
        FitStatus::Unbounded => flags.push(
            "N̂ runs off to infinity: the table does not identify this model (sparse or non-overlapping cells)"
                .to_owned(),
        ),
        FitStatus::Bounded if !se.is_finite() => flags.push("the standard error is undefined".to_owned()),
        FitStatus::Bounded => {}
    }
    match dropped.len() {
        0 => {}
        1 => flags.push(format!("{} was negative and dropped (Chao's lower bound)", dropped[0])),
        _ => flags.push(format!("{} were negative and dropped (Chao's lower bound)", dropped.join(", "))),
    }
    let coefficients = columns
        .iter()
        .enumerate()
        .map(|(i, name)| Coefficient { name: name.clone(), value: b[i], se: cov(i, i).sqrt() })
        .collect();
    let cells = (1i64 << table.lists()) - 1;
    Ok(LogLinearFit {
        model: model.clone(),
        label,
        observed: table.observed(),
        estimate,
        se,
        // Rounding can leave a saturated model's deviance a hair below 0.
        deviance: fit.deviance.max(0.0),
        df: cells - p as i64,
        parameters: p,
        aic,
        bic,
        converged: fit.converged,
        bounded,
        status,
        dropped,
        coefficients,
        flags,
        assumption: model.assumption(names),
    })
}

/// The normal-heterogeneity model (`closedpCI.t(h = "Normal")`).
fn fit_normal_model(table: &CaptureTable, model: &Model, built: Built, y: &[f64]) -> Result<LogLinearFit, MseError> {
    let names = table.names();
    let label = model.label(names);
    let captures: Vec<f64> = (1..(1usize << table.lists())).map(|mask| f64::from(mask.count_ones())).collect();
    let fitted = fit_normal(&built.design, captures, y, table.lists()).ok_or_else(|| MseError::NotIdentifiable {
        model: label.clone(),
        reason: "the normal heterogeneity model could not be fitted to these data".to_owned(),
    })?;
    let n = table.observed() as f64;
    let p = fitted.beta.len() + 1;
    let unseen = fitted.beta[0].exp();
    let estimate = n + unseen;
    let se = (unseen + unseen * unseen * fitted.var_intercept).sqrt();
    let status = FitStatus::of(estimate, n);
    let bounded = status == FitStatus::Bounded;
    let mut flags = vec![
        "SE as Rcapture computes it for this model, from the Hessian of the deviance (half the inverse information): too small"
            .to_owned(),
    ];
    if !fitted.converged {
        flags.push("the fit did not converge".to_owned());
    }
    if !bounded {
        flags.push("N̂ runs off to infinity: the table does not identify this model".to_owned());
    }
    if fitted.sigma.abs() < 1e-6 {
        flags.push("σ is 0: no heterogeneity is seen in the data".to_owned());
    }
    let mut coefficients: Vec<Coefficient> = built
        .names
        .iter()
        .zip(&fitted.beta)
        .map(|(name, &value)| Coefficient { name: name.clone(), value, se: f64::NAN })
        .collect();
    coefficients.push(Coefficient { name: "sigma".to_owned(), value: fitted.sigma.abs(), se: f64::NAN });
    let cells = (1i64 << table.lists()) - 1;
    Ok(LogLinearFit {
        model: model.clone(),
        label,
        observed: table.observed(),
        estimate,
        se,
        deviance: fitted.deviance,
        df: cells - p as i64,
        parameters: p,
        aic: -2.0 * fitted.log_likelihood + 2.0 * p as f64,
        bic: -2.0 * fitted.log_likelihood + p as f64 * n.ln(),
        converged: fitted.converged,
        bounded,
        status,
        dropped: Vec::new(),
        coefficients,
        flags,
        assumption: model.assumption(names),
    })
}

/// The models `closedp.t` fits, in its order: M0, Mt, Mh ×4, Mth ×4, Mb, Mbh (M0, Mt, Mb for
/// two lists). Each entry is the model and its fit or why it has none.
#[must_use]
pub fn standard_models(table: &CaptureTable) -> Vec<(Model, Result<LogLinearFit, MseError>)> {
    let mut models = vec![Model::m0(), Model::mt()];
    if table.lists() >= 3 {
        models.extend(Heterogeneity::STANDARD.iter().map(|&h| Model::mh(h)));
        models.extend(Heterogeneity::STANDARD.iter().map(|&h| Model::mth(h)));
        models.extend([Model::mb(), Model::mbh()]);
    } else {
        models.push(Model::mb());
    }
    models.into_iter().map(|m| (m.clone(), fit(table, &m))).collect()
}

/// Cormack's (1992) correction of the Poisson to the multinomial likelihood, as `closedpCI.t`
/// computes it.
fn cormack(total: f64, unseen: f64) -> f64 {
    if total > 100.0 {
        if unseen > 1.0 {
            unseen - total - 0.5 * (unseen / total).ln()
        } else {
            // Rcapture's value at n0 ∈ {0, 1}; between them its Stirling form for ln n0!
            // diverges, so ln n0! is taken exactly there (equal to Rcapture's at both ends).
            let xlogx = if unseen > 0.0 { unseen * unseen.ln() } else { 0.0 };
            xlogx - ln_factorial(unseen) - total + 0.5 * (2.0 * std::f64::consts::PI * total).ln()
        }
    } else {
        let xlogx = if unseen > 0.0 { unseen * unseen.ln() } else { 0.0 };
        xlogx + ln_factorial(total) - total * total.ln() - ln_factorial(unseen)
    }
}

/// The profile log-likelihood of `N` for one model, warm-starting each refit from the last.
struct Profile {
    design: Design,
    names: Vec<String>,
    fixed: usize,
    chao: bool,
    y: Vec<f64>,
    observed: f64,
    last: Option<Vec<f64>>,
    label: String,
}

impl Profile {
    fn log_likelihood(&mut self, total: f64) -> Result<f64, MseError> {
        let unseen = (total - self.observed).max(0.0);
        let last = self.y.len() - 1;
        self.y[last] = unseen;
        let attempt = |start: Option<&[f64]>| {
            fit_dropping_eta(self.design.clone(), self.names.clone(), self.fixed, self.chao, &self.y, start)
        };
        // A warm start from a far-away N can fail where R's cold start does not: retry cold.
        let (fit, _, dropped) = match attempt(self.last.as_deref()) {
            Ok(done) => done,
            Err(_) if self.last.is_some() => attempt(None).map_err(|f| failure(&self.label, f))?,
            Err(f) => return Err(failure(&self.label, f)),
        };
        // An empty unobserved cell drives the intercept towards −∞: no start to keep.
        self.last = if dropped.is_empty() && unseen > 0.0 { Some(fit.beta.clone()) } else { None };
        Ok(-(fit.deviance - 2.0 * cormack(total, unseen)) / 2.0)
    }
}

/// The profile-likelihood 95% interval of `N` under `model` (not for Mb or Mbh).
pub fn profile_interval(table: &CaptureTable, model: &Model) -> Result<ProfileInterval, MseError> {
    let label = model.label(table.names());
    if matches!(model.base, Base::Mb | Base::Mbh) {
        return Err(MseError::NotIdentifiable {
            model: label,
            reason: "no profile interval for behavioural models (their N is not n + e^β0)".to_owned(),
        });
    }
    if model.heterogeneity == Some(Heterogeneity::Normal) {
        return Err(MseError::NotIdentifiable {
            model: label,
            reason: "no profile interval for the normal model (use the log-normal interval, as Rcapture does)"
                .to_owned(),
        });
    }
    let point = fit(table, model)?;
    if !point.bounded {
        return Err(MseError::NotIdentifiable { model: label, reason: "N̂ is unbounded".to_owned() });
    }
    let built = build(table, model)?;
    let mut y = observed_counts(table);
    y.push(0.0);
    let n = table.observed() as f64;
    let mut profile = Profile {
        design: built.design.with_zero_row(),
        names: built.names,
        fixed: built.fixed,
        chao: model.heterogeneity == Some(Heterogeneity::Chao),
        y,
        observed: n,
        last: None,
        label,
    };
    let hi = 3.0 * point.estimate.max(n + 1.0);
    let (best, best_ll) = maximise(|x| profile.log_likelihood(x), n, hi)?;
    let cut = best_ll - CHI2_1_95 / 2.0;
    let ll_at_n = profile.log_likelihood(n)?;
    let (lower, lower_at_observed) =
        if ll_at_n >= cut { (n, true) } else { (bisect(|x| Ok(profile.log_likelihood(x)? - cut), n, best)?, false) };
    let cap = 10.0 * point.estimate.max(n + 1.0);
    let mut step = (point.se.max(1.0)).min(cap);
    let mut inside = best;
    let mut upper = None;
    loop {
        let probe = (inside + step).min(cap);
        if profile.log_likelihood(probe)? < cut {
            upper = Some(bisect(|x| Ok(profile.log_likelihood(x)? - cut), inside, probe)?);
            break;
        }
        if probe >= cap {
            break;
        }
        inside = probe;
        step *= 2.0;
    }
    Ok(ProfileInterval {
        estimate: best,
        interval: Interval { lower, upper, kind: IntervalKind::Profile },
        lower_at_observed,
    })
}

/// Brent's (1973) maximisation on `[a, b]` (golden section with parabolic steps).
fn maximise(mut f: impl FnMut(f64) -> Result<f64, MseError>, a: f64, b: f64) -> Result<(f64, f64), MseError> {
    const GOLDEN: f64 = 0.381_966_011_250_105_1;
    let (mut a, mut b) = (a, b);
    let mut x = a + GOLDEN * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = -f(x)?;
    let (mut fw, mut fv) = (fx, fx);
    let (mut d, mut e) = (0.0_f64, 0.0_f64);
    for _ in 0..200 {
        let middle = 0.5 * (a + b);
        let tol1 = 1e-10 * x.abs() + 1e-9;
        let tol2 = 2.0 * tol1;
        if (x - middle).abs() <= tol2 - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol1 {
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            if p.abs() < (0.5 * q * e).abs() && p > q * (a - x) && p < q * (b - x) {
                e = d;
                d = p / q;
                let u = x + d;
                if u - a < tol2 || b - u < tol2 {
                    d = if x < middle { tol1 } else { -tol1 };
                }
                golden = false;
            }
        }
        if golden {
            e = if x < middle { b - x } else { a - x };
            d = GOLDEN * e;
        }
        let u = if d.abs() >= tol1 {
            x + d
        } else if d > 0.0 {
            x + tol1
        } else {
            x - tol1
        };
        let fu = -f(u)?;
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            v = w;
            fv = fw;
            w = x;
            fw = fx;
            x = u;
            fx = fu;
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                v = w;
                fv = fw;
                w = u;
                fw = fu;
            } else if fu <= fv || v == x || v == w {
                v = u;
                fv = fu;
            }
        }
    }
    Ok((x, -fx))
}

/// The root of `f` on `[a, b]` where `f(a)` and `f(b)` differ in sign, by bisection to a
/// relative width of 1e-11.
fn bisect(mut f: impl FnMut(f64) -> Result<f64, MseError>, a: f64, b: f64) -> Result<f64, MseError> {
    let (mut a, mut b) = (a, b);
    let mut fa = f(a)?;
    for _ in 0..200 {
        let middle = 0.5 * (a + b);
        if (b - a) <= 1e-11 * middle.abs().max(1.0) {
            break;
        }
        let fm = f(middle)?;
        if (fm < 0.0) == (fa < 0.0) {
            a = middle;
            fa = fm;
        } else {
            b = middle;
        }
    }
    Ok(0.5 * (a + b))
}

/// Every subset of the two-way interactions, fitted and ranked by AIC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSearch {
    /// Models tried (`2^(J(J−1)/2)`).
    pub tried: usize,
    /// The fitted models that are bounded, best AIC first.
    pub fits: Vec<LogLinearFit>,
    /// Models without an estimate: label and reason.
    pub refused: Vec<(String, String)>,
}

impl ModelSearch {
    /// The best model by BIC.
    #[must_use]
    pub fn best_bic(&self) -> Option<&LogLinearFit> {
        self.fits.iter().min_by(|a, b| a.bic.total_cmp(&b.bic))
    }

    /// The range of `N̂` over the models within [`AIC_SPREAD`] of the best AIC, and how many
    /// they are.
    #[must_use]
    pub fn spread(&self) -> Option<(f64, f64, usize)> {
        let best = self.fits.first()?.aic;
        let good: Vec<f64> = self.fits.iter().filter(|f| f.aic <= best + AIC_SPREAD).map(|f| f.estimate).collect();
        let low = good.iter().copied().fold(f64::INFINITY, f64::min);
        let high = good.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some((low, high, good.len()))
    }
}

/// Fits every subset of the two-way interactions (3 to [`MAX_SEARCH_LISTS`] lists).
pub fn search_two_way(table: &CaptureTable) -> Result<ModelSearch, MseError> {
    let lists = table.lists();
    if !(3..=MAX_SEARCH_LISTS).contains(&lists) {
        return Err(MseError::ListsForMethod {
            method: "the search over two-way interactions",
            lists,
            range: format!("3 to {MAX_SEARCH_LISTS}"),
        });
    }
    let mut pairs = Vec::new();
    for i in 0..lists {
        for j in (i + 1)..lists {
            pairs.push((1usize << i) | (1 << j));
        }
    }
    let tried = 1usize << pairs.len();
    let mut fits = Vec::new();
    let mut refused = Vec::new();
    for subset in 0..tried {
        let interactions: Vec<usize> =
            pairs.iter().enumerate().filter(|(k, _)| subset >> k & 1 == 1).map(|(_, &m)| m).collect();
        let model = Model { base: Base::Mt, interactions, heterogeneity: None };
        match fit(table, &model) {
            Ok(f) if f.bounded => fits.push(f),
            Ok(f) => refused.push((f.label.clone(), f.flags.join("; "))),
            Err(e) => refused.push((model.label(table.names()), e.to_string())),
        }
    }
    fits.sort_by(|a, b| a.aic.total_cmp(&b.aic));
    Ok(ModelSearch { tried, fits, refused })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cormack_correction_is_rcapture_s_at_zero_and_one_and_exact_below_100() {
        let big = 500.0;
        let at_ends = -big + 0.5 * (2.0 * std::f64::consts::PI * big).ln();
        assert!((cormack(big, 0.0) - at_ends).abs() < 1e-12);
        assert!((cormack(big, 1.0) - at_ends).abs() < 1e-12);
        // Between 0 and 1 it stays finite (Rcapture's Stirling form diverges there).
        assert!(cormack(big, 1e-9).is_finite() && (cormack(big, 1e-9) - at_ends).abs() < 1e-6);
        assert!((cormack(big, 30.0) - (30.0 - big - 0.5 * (30.0f64 / big).ln())).abs() < 1e-12);
        // N ≤ 100: ln(n0^n0 N! / (N^N n0!)) exactly; N = 10, n0 = 4.
        let exact = 4.0 * 4f64.ln() + ln_factorial(10.0) - 10.0 * 10f64.ln() - ln_factorial(4.0);
        assert!((cormack(10.0, 4.0) - exact).abs() < 1e-12);
    }

    #[test]
    fn labels_and_hierarchy() {
        let names: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(Model::with_interactions(&[&[0, 1], &[1, 2]]).label(&names), "Mt + A:B + B:C");
        assert_eq!(Model::all_two_way(4).label(&names), "all two-way");
        assert_eq!(Model::mth(Heterogeneity::Gamma(3.5)).label(&names), "Mth Gamma3.5");
        // A three-way term brings its three two-way terms: 1 + 4 + 3 + 1 = 9 columns.
        let table = CaptureTable::new(names, (0..16).map(|m| if m == 0 { 0 } else { 5 + m as u64 }).collect()).unwrap();
        let built = build(&table, &Model::with_interactions(&[&[0, 1, 2]])).unwrap();
        assert_eq!(built.design.cols, 9);
        assert_eq!(&built.names[5..], ["A:B", "A:C", "B:C", "A:B:C"]);
        // The interaction of every list needs the unobserved cell.
        assert!(build(&table, &Model::with_interactions(&[&[0, 1, 2, 3]])).is_err());
    }
}
