//! dga: Bayesian model averaging over decomposable graphical models (Madigan & York 1997,
//! *Biometrika* 84; the R package dga 2.0.2 by Johndrow, Lum and Ball, `R/BMAfunctions.R`),
//! deterministic, as METHODS.md §1.4 specifies.
//!
//! # Model
//! The `2^p` cells (the unobserved one holding the unknown `m`) are multinomial with a
//! hyper-Dirichlet prior (Dawid & Lauritzen 1993) that puts `δ` on every cell of the full table,
//! so a marginal table over `|S|` lists has `α_S = δ·2^(p−|S|)` per cell. Dependence between
//! lists is a decomposable graph `G`; the lists in no common clique are independent given their
//! separators. For each candidate count of missed records `m` on a grid and `N = n + m`:
//!
//! ```text
//! D_S(s) = Σ_{c≠0, c_S = s} Y_c  (+ m when s = 0)
//! comp(S, m) = Σ_s lnΓ(D_S(s) + α_S) − 2^|S|·lnΓ(α_S)
//! ln ML(G, m) = Σ_C comp(C, m) − Σ_S comp(S, m) + (|𝒞| − |𝒮|)·[lnΓ(2^p δ) − lnΓ(N + 2^p δ)]
//! ln w(G, m) = ln ML + lnΓ(N + 1) − lnΓ(m + 1) − Σ_{c≠0} lnΓ(Y_c + 1) + ln p(N) + ln p(G)
//! ```
//!
//! normalised over every `(G, m)`. `p(G)` is uniform; `p(N)` is `1/N` by default (dga's), or
//! the negative binomial Madigan & York used for their 3-list example,
//! `ln p(N) = N ln b − (N + a) ln(1 + b) + lnΓ(N + a) − lnΓ(N + 1) − lnΓ(a)`. The default `δ`
//! is dga's suggestion `2^−p`.
//!
//! # Output
//! The posterior of `N` (summed over graphs) with its mode, mean, quantiles (the smallest `N`
//! whose cumulative probability reaches the level), and the Bayes estimate under relative
//! squared loss `Σ(w/N) / Σ(w/N²)` that dga's tests use; each graph's posterior probability; and
//! for the most probable graphs, the same summaries conditional on the graph.
//!
//! # Grid
//! dga takes a fixed grid of `m`; the posterior is truncated at its end. With
//! [`MissingGrid::Auto`] the grid starts at `0..max(1000, 4n)` and doubles until the mass in its
//! upper half is below 1e-6 (METHODS.md §1.4), up to `max(10⁵, 100n)` (and at most
//! [`MAX_GRID`] values); beyond that the result is flagged: the data and prior do not bound `N`
//! (a heavy tail, typical when the saturated graph has weight: its posterior in `m` falls off
//! only like a power of `m`).
//!
//! # Cost
//! Only the zero cell of each margin depends on `m`, so each `(S, m)` costs one `lnΓ`; each
//! graph adds a few numbers per grid point. Memory is O(grid + graphs): the normalisation runs
//! with a per-graph running log-sum-exp.

use super::graphs::{Graph, decomposable_graphs};
use super::special::ln_gamma;
use super::{CaptureTable, MAX_TOTAL, MseError};
use serde::Serialize;

/// The most values a grid of `m` may have.
pub const MAX_GRID: u64 = 10_000_000;

/// Lists dga can average over.
pub const DGA_LISTS: std::ops::RangeInclusive<usize> = 3..=5;

/// The grid of missed counts `m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingGrid {
    /// `m = from..=to`.
    Range {
        /// The first `m`.
        from: u64,
        /// The last `m`.
        to: u64,
    },
    /// `0..K`, `K` doubled until the upper half holds less than 1e-6.
    Auto,
}

/// The prior on `N`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NPrior {
    /// `p(N) ∝ 1/N` (dga's default).
    InverseN,
    /// Negative binomial with size `a` and scale `b` (mean `a·b`), Madigan & York's prior.
    NegativeBinomial {
        /// `a`.
        size: f64,
        /// `b`.
        scale: f64,
    },
}

impl NPrior {
    fn ln_density(self, total: f64) -> f64 {
        match self {
            NPrior::InverseN => -total.ln(),
            NPrior::NegativeBinomial { size: a, scale: b } => {
                total * b.ln() - (total + a) * (1.0 + b).ln() + ln_gamma(total + a)
                    - ln_gamma(total + 1.0)
                    - ln_gamma(a)
            }
        }
    }

    /// In words.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            NPrior::InverseN => "p(N) ∝ 1/N".to_owned(),
            NPrior::NegativeBinomial { size, scale } => format!("negative binomial, a = {size}, b = {scale}"),
        }
    }
}

/// dga's settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DgaOptions {
    /// Prior weight per cell; `None` for `2^−p`.
    pub delta: Option<f64>,
    /// The grid of `m`.
    pub grid: MissingGrid,
    /// The prior on `N`.
    pub prior: NPrior,
    /// How many of the most probable graphs get their own summaries.
    pub top: usize,
}

impl Default for DgaOptions {
    fn default() -> DgaOptions {
        DgaOptions { delta: None, grid: MissingGrid::Auto, prior: NPrior::InverseN, top: 3 }
    }
}

/// Summaries of a posterior over `N`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PosteriorSummary {
    /// The most probable `N` (the first, if tied).
    pub mode: u64,
    /// `E[N]`.
    pub mean: f64,
    /// The 2.5% quantile.
    pub lower: u64,
    /// The median.
    pub median: u64,
    /// The 97.5% quantile.
    pub upper: u64,
    /// `Σ(w/N) / Σ(w/N²)`, the Bayes estimate under relative squared loss.
    pub bayes_relative: f64,
}

/// One graph's posterior probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphWeight {
    /// The graph.
    pub graph: Graph,
    /// Its cliques with list names, e.g. `[EXH·ABA·OSCE][EXH·OSCE·HRW]`.
    pub label: String,
    /// Posterior probability.
    pub weight: f64,
    /// Summaries of `N` given this graph (for the most probable graphs only).
    pub summary: Option<PosteriorSummary>,
}

/// The result of dga's model averaging.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dga {
    /// Records observed, `n`.
    pub observed: u64,
    /// `δ` used.
    pub delta: f64,
    /// The prior on `N`.
    pub prior: NPrior,
    /// The grid of `m` used (first, last).
    pub grid: (u64, u64),
    /// Decomposable graphs averaged over.
    pub graphs: usize,
    /// The model-averaged posterior of `N`.
    pub summary: PosteriorSummary,
    /// Graphs by posterior probability, most probable first.
    pub models: Vec<GraphWeight>,
    /// Posterior probability in the upper half of the grid (truncation check).
    pub upper_half_mass: f64,
    /// What weakens the result.
    pub flags: Vec<String>,
    /// `P(N = n + m)` for each `m` of the grid.
    #[serde(skip)]
    pub posterior: Vec<f64>,
}

impl Dga {
    /// How many graphs have no summary of their own, and their total posterior probability.
    #[must_use]
    pub fn rest_weight(&self) -> Option<(usize, f64)> {
        let rest: Vec<f64> = self.models.iter().filter(|m| m.summary.is_none()).map(|m| m.weight).collect();
        (!rest.is_empty()).then(|| (rest.len(), rest.iter().sum()))
    }

    /// The posterior probability of `N` for every `N` of the grid, as `(N, p)`.
    pub fn posterior_of_n(&self) -> impl Iterator<Item = (u64, f64)> + '_ {
        (self.grid.0..).map(|m| self.observed + m).zip(self.posterior.iter().copied())
    }
}

/// The assumption dga's estimate rests on.
pub const DGA_ASSUMPTION: &str = "closed population; dependence between lists as in a decomposable graphical model, averaged over all of them by posterior probability (no interaction of all lists)";

/// The marginal-likelihood pieces that do not depend on the graph.
struct Pieces {
    lists: usize,
    /// For each subset S (mask 1..2^p−1): the constant part of comp(S, ·), D_S(0) without m, α_S.
    constant: Vec<f64>,
    zero_margin: Vec<f64>,
    alpha: Vec<f64>,
    observed: f64,
    total_alpha: f64,
    ln_y_factorials: f64,
    prior: NPrior,
}

impl Pieces {
    fn new(table: &CaptureTable, delta: f64, prior: NPrior) -> Pieces {
        let lists = table.lists();
        let cells = 1usize << lists;
        let counts = table.counts();
        let mut constant = vec![0.0; cells];
        let mut zero_margin = vec![0.0; cells];
        let mut alpha = vec![0.0; cells];
        for subset in 1..cells {
            let size = subset.count_ones() as i32;
            let a = delta * 2f64.powi(lists as i32 - size);
            let mut margin = vec![0u64; cells];
            for (cell, &count) in counts.iter().enumerate().skip(1) {
                margin[cell & subset] += count;
            }
            let mut c = -(2f64.powi(size)) * ln_gamma(a);
            // Every s ⊆ subset except 0 (which carries m).
            let mut s = subset;
            while s > 0 {
                c += ln_gamma(margin[s] as f64 + a);
                s = (s - 1) & subset;
            }
            constant[subset] = c;
            zero_margin[subset] = margin[0] as f64;
            alpha[subset] = a;
        }
        Pieces {
            lists,
            constant,
            zero_margin,
            alpha,
            observed: table.observed() as f64,
            total_alpha: delta * 2f64.powi(lists as i32),
            ln_y_factorials: counts.iter().skip(1).map(|&y| ln_gamma(y as f64 + 1.0)).sum(),
            prior,
        }
    }

    /// comp(S, m) for the subsets `needed`, and the graph-independent terms, at one `m`.
    fn at(&self, m: f64, needed: &[usize], comp: &mut [f64]) -> (f64, f64) {
        for &subset in needed {
            comp[subset] = self.constant[subset] + ln_gamma(self.zero_margin[subset] + m + self.alpha[subset]);
        }
        let total = self.observed + m;
        let per_component = ln_gamma(self.total_alpha) - ln_gamma(total + self.total_alpha);
        let common = ln_gamma(total + 1.0) - ln_gamma(m + 1.0) - self.ln_y_factorials + self.prior.ln_density(total);
        (per_component, common)
    }
}

fn ln_weight(graph: &Graph, comp: &[f64], per_component: f64, common: f64) -> f64 {
    let cliques: f64 = graph.cliques.iter().map(|&c| comp[c]).sum();
    let separators: f64 = graph.separators.iter().map(|&s| comp[s]).sum();
    let components = graph.cliques.len() as f64 - graph.separators.len() as f64;
    cliques - separators + components * per_component + common
}

/// A running `ln Σ exp(x)`.
#[derive(Clone, Copy)]
struct LogSum {
    max: f64,
    sum: f64,
}

impl LogSum {
    const EMPTY: LogSum = LogSum { max: f64::NEG_INFINITY, sum: 0.0 };
    fn add(&mut self, x: f64) {
        if x == f64::NEG_INFINITY {
            return;
        }
        if x > self.max {
            self.sum = self.sum * (self.max - x).exp() + 1.0;
            self.max = x;
        } else {
            self.sum += (x - self.max).exp();
        }
    }
    fn value(self) -> f64 {
        self.max + self.sum.ln()
    }
    fn merge(self, other: LogSum) -> LogSum {
        if other.max > self.max {
            LogSum { max: other.max, sum: other.sum + self.sum * (self.max - other.max).exp() }
        } else if other.max == f64::NEG_INFINITY {
            self
        } else {
            LogSum { max: self.max, sum: self.sum + other.sum * (other.max - self.max).exp() }
        }
    }
}

/// One pass over a grid: each graph's total weight (as a log-sum) and the unnormalised log
/// posterior of each m.
///
/// Each column is summed relative to its largest graph (one `exp` per graph and m); the graphs'
/// totals share one running reference, rescaled whenever a column beats it.
fn pass(pieces: &Pieces, graphs: &[Graph], from: u64, to: u64) -> (Vec<LogSum>, Vec<f64>) {
    let mut needed: Vec<usize> = graphs.iter().flat_map(|g| g.cliques.iter().chain(&g.separators).copied()).collect();
    needed.sort_unstable();
    needed.dedup();
    let mut comp = vec![0.0; 1 << pieces.lists];
    let mut totals = vec![0.0; graphs.len()];
    let mut reference = f64::NEG_INFINITY;
    let mut column = Vec::with_capacity((to - from + 1) as usize);
    let mut values = vec![0.0; graphs.len()];
    for m in from..=to {
        let (per_component, common) = pieces.at(m as f64, &needed, &mut comp);
        let mut top = f64::NEG_INFINITY;
        for (value, graph) in values.iter_mut().zip(graphs) {
            *value = ln_weight(graph, &comp, per_component, common);
            top = top.max(*value);
        }
        let mut sum = 0.0;
        for value in &mut values {
            *value = (*value - top).exp();
            sum += *value;
        }
        column.push(top + sum.ln());
        if top > reference {
            let rescale = (reference - top).exp();
            totals.iter_mut().for_each(|t| *t *= rescale);
            reference = top;
        }
        let scale = (top - reference).exp();
        for (total, value) in totals.iter_mut().zip(&values) {
            *total += value * scale;
        }
    }
    (totals.into_iter().map(|sum| LogSum { max: reference, sum }).collect(), column)
}

fn log_values(sums: &[LogSum]) -> Vec<f64> {
    sums.iter().map(|s| s.value()).collect()
}

fn normalise(log_values: &[f64]) -> Vec<f64> {
    let mut total = LogSum::EMPTY;
    log_values.iter().for_each(|&x| total.add(x));
    let norm = total.value();
    log_values.iter().map(|&x| (x - norm).exp()).collect()
}

fn summarise(observed: u64, from: u64, posterior: &[f64]) -> PosteriorSummary {
    let n_at = |k: usize| observed + from + k as u64;
    let mut mode = 0;
    for (k, &p) in posterior.iter().enumerate() {
        if p > posterior[mode] {
            mode = k;
        }
    }
    let mean = posterior.iter().enumerate().map(|(k, &p)| p * n_at(k) as f64).sum();
    let quantile = |level: f64| {
        let mut cumulative = 0.0;
        for (k, &p) in posterior.iter().enumerate() {
            cumulative += p;
            if cumulative >= level {
                return n_at(k);
            }
        }
        n_at(posterior.len().saturating_sub(1))
    };
    let (mut inverse, mut inverse_square) = (0.0, 0.0);
    for (k, &p) in posterior.iter().enumerate() {
        let n = n_at(k) as f64;
        inverse += p / n;
        inverse_square += p / (n * n);
    }
    PosteriorSummary {
        mode: n_at(mode),
        mean,
        lower: quantile(0.025),
        median: quantile(0.5),
        upper: quantile(0.975),
        bayes_relative: inverse / inverse_square,
    }
}

/// The label of a graph with list names: `[A·B][B·C]`.
#[must_use]
pub fn graph_label(graph: &Graph, names: &[String]) -> String {
    let mut cliques: Vec<usize> = graph.cliques.clone();
    cliques.sort_by_key(|&c| (std::cmp::Reverse(c.count_ones()), c.trailing_zeros(), c));
    cliques
        .iter()
        .map(|&c| {
            let members: Vec<&str> =
                names.iter().enumerate().filter(|(j, _)| c >> j & 1 == 1).map(|(_, n)| n.as_str()).collect();
            format!("[{}]", members.join("·"))
        })
        .collect()
}

/// Madigan & York's model averaging over every decomposable graph of the table's lists.
pub fn dga(table: &CaptureTable, options: &DgaOptions) -> Result<Dga, MseError> {
    let lists = table.lists();
    if !DGA_LISTS.contains(&lists) {
        return Err(MseError::ListsForMethod { method: "dga", lists, range: "3 to 5".to_owned() });
    }
    let delta = options.delta.unwrap_or_else(|| 2f64.powi(-(lists as i32)));
    if !(delta > 0.0 && delta.is_finite()) {
        return Err(MseError::BadOption { option: "delta", reason: format!("{delta} is not a positive number") });
    }
    if let NPrior::NegativeBinomial { size, scale } = options.prior
        && !(size > 0.0 && scale > 0.0 && size.is_finite() && scale.is_finite())
    {
        return Err(MseError::BadOption {
            option: "prior",
            reason: "the negative binomial needs a > 0 and b > 0".to_owned(),
        });
    }
    let observed = table.observed();
    let graphs = decomposable_graphs(lists);
    let pieces = Pieces::new(table, delta, options.prior);
    let mut flags = Vec::new();
    let (from, to, per_graph, column) = match options.grid {
        MissingGrid::Range { from, to } => {
            if from > to || to - from >= MAX_GRID || to > MAX_TOTAL {
                return Err(MseError::BadOption {
                    option: "missing",
                    reason: format!(
                        "{from}..{to} is not a grid of at most {MAX_GRID} values ending at most at {MAX_TOTAL}"
                    ),
                });
            }
            let (per_graph, column) = pass(&pieces, &graphs, from, to);
            (from, to, log_values(&per_graph), column)
        }
        MissingGrid::Auto => {
            let cap = (100 * observed).clamp(100_000, MAX_GRID - 1);
            let mut to = (4 * observed).clamp(1000, cap);
            let (mut per_graph, mut column) = pass(&pieces, &graphs, 0, to);
            loop {
                let posterior = normalise(&column);
                let upper: f64 = posterior[posterior.len() / 2..].iter().sum();
                if upper < 1e-6 || to >= cap {
                    if upper >= 1e-6 {
                        flags.push(format!(
                            "the posterior of N has a heavy tail: {upper:.1e} of it lies above N = {} and it has not vanished by N = {}; the mean depends on where the grid ends (the median and interval much less), and the data and prior do not bound N",
                            observed + to / 2,
                            observed + to
                        ));
                    }
                    break (0, to, log_values(&per_graph), column);
                }
                // Extend the grid: only the new values need computing.
                let next = (to * 2).min(cap);
                let (more, extra) = pass(&pieces, &graphs, to + 1, next);
                per_graph = per_graph.iter().zip(&more).map(|(a, b)| a.merge(*b)).collect();
                column.extend(extra);
                to = next;
            }
        }
    };
    let posterior = normalise(&column);
    let weights = normalise(&per_graph);
    let upper_half_mass: f64 = posterior[posterior.len() / 2..].iter().sum();
    if matches!(options.grid, MissingGrid::Range { .. }) && upper_half_mass >= 1e-6 {
        flags.push(format!(
            "{:.2e} of the posterior lies in the upper half of the grid: it may be truncated at m = {to}",
            upper_half_mass
        ));
    }
    let summary = summarise(observed, from, &posterior);
    let mut order: Vec<usize> = (0..graphs.len()).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]));
    let mut models: Vec<GraphWeight> = order
        .iter()
        .map(|&g| GraphWeight {
            graph: graphs[g].clone(),
            label: graph_label(&graphs[g], table.names()),
            weight: weights[g],
            summary: None,
        })
        .collect();
    for model in models.iter_mut().take(options.top) {
        let single = std::slice::from_ref(&model.graph);
        let (_, column) = pass(&pieces, single, from, to);
        model.summary = Some(summarise(observed, from, &normalise(&column)));
    }
    Ok(Dga {
        observed,
        delta,
        prior: options.prior,
        grid: (from, to),
        graphs: graphs.len(),
        summary,
        models,
        upper_half_mass,
        flags,
        posterior,
    })
}
