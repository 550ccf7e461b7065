//! Multiple systems estimation (capture–recapture): how many records were missed by every list,
//! from how the lists overlap (METHODS.md §1).
//!
//! # What is assumed
//! Every method here assumes a **closed population** (the same people could have been on every
//! list) and perfect record linkage (a person on two lists is recognised as one). They differ in
//! what they assume about **dependence between lists**:
//!
//! * two lists ([`twolist`]: Lincoln–Petersen, Chapman): the lists are independent. Two lists
//!   cannot test this, and positive dependence (the usual case) makes the estimate too low;
//! * log-linear models ([`loglinear`]: Rcapture's `closedp.t`/`closedpCI.t`): dependence through
//!   the interactions or heterogeneity the model names, none beyond them;
//! * dga ([`mod@dga`]: Madigan & York 1997): any decomposable graphical model, averaged by posterior
//!   probability.
//!
//! # Input
//! A [`CaptureTable`]: counts by capture pattern, read from an aggregated or a per-record CSV
//! by [`read_rows`], with strict checks (METHODS.md §1.1, dga `check.strata`): at least two and at
//! most 15 lists, no empty list, no record on no list, warnings for small lists and lists that
//! overlap no other, and a refusal when no record is on two lists ([`CaptureTable::require_overlap`]).
//!
//! # Entry point
//! [`analyse`] runs the chosen methods and returns an [`Analysis`]: one uniform row per estimate
//! (method, model, N̂, SE or interval, the assumption it rests on, flags) and each method's
//! details. Reference outputs measured with the original R packages are reproduced in
//! `tests/mse.rs`.
//!
//! ```
//! use attrition_analysis::mse::{two_list};
//! let estimate = two_list(1000, 800, 600).unwrap();
//! assert!((estimate.chapman - 1333.1114808652246).abs() < 1e-9);
//! ```

pub mod dga;
mod glm;
pub mod graphs;
mod linalg;
pub mod loglinear;
mod normal;
pub mod special;
mod table;
pub mod twolist;

pub use dga::{DGA_ASSUMPTION, Dga, DgaOptions, GraphWeight, MissingGrid, NPrior, PosteriorSummary, dga};
pub use graphs::{Graph, decomposable_graphs};
pub use loglinear::{
    Base, Coefficient, FitStatus, Heterogeneity, LogLinearFit, Model, ModelSearch, ProfileInterval, fit,
    profile_interval, search_two_way, standard_models,
};
pub use table::{CaptureTable, InputRow, Layout, MAX_LISTS, MAX_TOTAL, ParsedInput, SMALL_LIST, read_rows};
pub use twolist::{TWO_LIST_ASSUMPTION, TwoList, log_normal_interval, pairwise, two_list, two_list_named};

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Why a capture–recapture estimate cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MseError {
    /// Fewer than two lists.
    #[error("{lists} list column(s): capture–recapture needs at least 2 lists (one 0/1 column per list)")]
    TooFewLists {
        /// Lists found.
        lists: usize,
    },
    /// More lists than supported.
    #[error("{lists} lists: at most {max} are supported")]
    TooManyLists {
        /// Lists found.
        lists: usize,
        /// The limit.
        max: usize,
    },
    /// A list column without a name.
    #[error("column {position} has no name: every list needs one")]
    EmptyListName {
        /// 1-based column.
        position: usize,
    },
    /// Two lists with one name.
    #[error("list {name} is named twice")]
    DuplicateList {
        /// The name.
        name: String,
    },
    /// A list nobody is on.
    #[error("list {name} has no records: an empty list says nothing about the others (drop it with --lists)")]
    EmptyList {
        /// The list.
        name: String,
    },
    /// No records at all.
    #[error("no records: the table is empty")]
    NoRecords,
    /// More records than supported.
    #[error("the counts add up to more than {max} records")]
    TooLarge {
        /// The limit.
        max: u64,
    },
    /// Counts of the wrong length.
    #[error("{found} cell counts for {lists} lists: expected {expected}")]
    CellCount {
        /// Lists.
        lists: usize,
        /// Expected cells.
        expected: usize,
        /// Cells given.
        found: usize,
    },
    /// A non-zero count for the unobservable pattern.
    #[error("{count} records counted on no list: the all-zero pattern is what is estimated and must be 0 or absent")]
    UnobservedCell {
        /// The count.
        count: u64,
    },
    /// The same, in a file.
    #[error(
        "line {line}: {count} records with the all-zero pattern (on no list); that cell is what is estimated, so it must be 0 or absent"
    )]
    UnobservedPattern {
        /// Line.
        line: u64,
        /// Count given.
        count: u64,
    },
    /// A record on no list.
    #[error("line {line}: the record is on no list (every flag is 0); a record must be on at least one list")]
    RecordOnNoList {
        /// Line.
        line: u64,
    },
    /// A flag other than 0 or 1.
    #[error(
        "line {line}, column {column}: {value:?} is not a list flag (use 0 or 1; every column but id and count is read as a list)"
    )]
    BadFlag {
        /// Line.
        line: u64,
        /// Column name.
        column: String,
        /// The value.
        value: String,
    },
    /// A bad count.
    #[error("line {line}, column {column}: {value:?} is not a valid count: {reason}")]
    BadCount {
        /// Line.
        line: u64,
        /// Column name.
        column: String,
        /// The value.
        value: String,
        /// Why.
        reason: &'static str,
    },
    /// A row with the wrong number of fields.
    #[error("line {line}: {found} fields, but the header has {expected}")]
    FieldCount {
        /// Line.
        line: u64,
        /// Header width.
        expected: usize,
        /// Fields found.
        found: usize,
    },
    /// A capture pattern given twice in an aggregated table.
    #[error("line {line}: the pattern {pattern} is given twice (first on line {first_line}); give each pattern once")]
    DuplicatePattern {
        /// Line.
        line: u64,
        /// The earlier line.
        first_line: u64,
        /// The pattern.
        pattern: String,
    },
    /// A record id given twice.
    #[error("line {line}: record id {id:?} appears again (first on line {first_line}); deduplicate the records first")]
    DuplicateId {
        /// Line.
        line: u64,
        /// The earlier line.
        first_line: u64,
        /// The id.
        id: String,
    },
    /// `--lists` named a list that is not in the file.
    #[error("no list named {name:?}; the lists are {available}")]
    UnknownList {
        /// The name.
        name: String,
        /// The lists in the table.
        available: String,
    },
    /// An overlap larger than a list.
    #[error("an overlap of {m} is larger than a list ({n1} and {n2} records)")]
    OverlapTooLarge {
        /// List 1.
        n1: u64,
        /// List 2.
        n2: u64,
        /// Overlap.
        m: u64,
    },
    /// No record is on two lists.
    #[error(
        "no record is on more than one list ({lists}): with no recaptures nothing links the lists, so the number missed cannot be estimated (Lincoln–Petersen n1·n2/m is infinite; Chapman's (n1+1)(n2+1)/(m+1) − 1 is finite only by its correction)"
    )]
    NoOverlap {
        /// The lists.
        lists: String,
    },
    /// A model the table cannot identify.
    #[error("{model}: {reason}")]
    NotIdentifiable {
        /// The model.
        model: String,
        /// Why.
        reason: String,
    },
    /// A method that does not take this many lists.
    #[error("{method} needs {range} lists; the table has {lists}")]
    ListsForMethod {
        /// The method.
        method: &'static str,
        /// Lists in the table.
        lists: usize,
        /// Lists it takes.
        range: String,
    },
    /// A bad option.
    #[error("--{option}: {reason}")]
    BadOption {
        /// The option.
        option: &'static str,
        /// Why.
        reason: String,
    },
}

/// What kind of interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalKind {
    /// Chao's log-normal 95% confidence interval.
    LogNormal,
    /// Profile-likelihood 95% confidence interval.
    Profile,
    /// Central 95% posterior (credible) interval.
    Credible,
}

impl IntervalKind {
    /// In words.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            IntervalKind::LogNormal => "95% log-normal",
            IntervalKind::Profile => "95% profile likelihood",
            IntervalKind::Credible => "95% credible",
        }
    }
}

/// A 95% interval for `N`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound; `None` when the data do not bound `N` above.
    pub upper: Option<f64>,
    /// Its kind.
    pub kind: IntervalKind,
}

/// Which estimators to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Lincoln–Petersen and Chapman on each pair of lists.
    Chapman,
    /// Log-linear Poisson models.
    Loglinear,
    /// dga model averaging.
    Dga,
    /// All of them.
    All,
}

impl Method {
    fn includes(self, other: Method) -> bool {
        self == Method::All || self == other
    }
}

impl FromStr for Method {
    type Err = MseError;
    fn from_str(s: &str) -> Result<Method, MseError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "chapman" | "lincoln-petersen" | "petersen" | "two-list" => Ok(Method::Chapman),
            "loglinear" | "log-linear" | "rcapture" => Ok(Method::Loglinear),
            "dga" => Ok(Method::Dga),
            "all" => Ok(Method::All),
            other => Err(MseError::BadOption {
                option: "method",
                reason: format!("{other:?} is not a method: use chapman, loglinear, dga or all"),
            }),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Chapman => "chapman",
            Method::Loglinear => "loglinear",
            Method::Dga => "dga",
            Method::All => "all",
        })
    }
}

/// Settings of [`analyse`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MseOptions {
    /// Which estimators.
    pub method: Method,
    /// dga's settings.
    pub dga: DgaOptions,
    /// How many models of the two-way search to list (besides the best by BIC).
    pub top: usize,
}

impl Default for MseOptions {
    fn default() -> MseOptions {
        MseOptions { method: Method::All, dga: DgaOptions::default(), top: 5 }
    }
}

/// One estimate of `N`, in the same shape for every method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// `lincoln-petersen`, `chapman`, `loglinear` or `dga`.
    pub method: &'static str,
    /// The model (a pair of lists, a log-linear model, a graph or `model average`).
    pub model: String,
    /// The lists used.
    pub lists: Vec<String>,
    /// Records on at least one of them.
    pub observed: u64,
    /// `N̂` (for dga the posterior median); `None` when infinite or undefined.
    pub estimate: Option<f64>,
    /// Standard error (dga: none; the posterior summary is in the interval).
    pub se: Option<f64>,
    /// A 95% interval.
    pub interval: Option<Interval>,
    /// Residual deviance (log-linear).
    pub deviance: Option<f64>,
    /// Residual degrees of freedom (log-linear).
    pub df: Option<i64>,
    /// AIC (log-linear).
    pub aic: Option<f64>,
    /// BIC (log-linear).
    pub bic: Option<f64>,
    /// Posterior probability of the model (dga).
    pub weight: Option<f64>,
    /// The dependence the estimate allows for, briefly.
    pub dependence: String,
    /// The assumption it rests on, in full.
    pub assumption: String,
    /// What weakens it.
    pub flags: Vec<String>,
}

/// A list's size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListSummary {
    /// Its name.
    pub name: String,
    /// Records on it.
    pub records: u64,
    /// Records on it and no other list.
    pub only_here: u64,
}

/// Records on both lists of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    /// The two lists.
    pub lists: [String; 2],
    /// Records on both.
    pub both: u64,
}

/// The range of `N̂` over the good models of a search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    /// The lowest `N̂`.
    pub low: f64,
    /// The highest `N̂`.
    pub high: f64,
    /// How many models are within 2 AIC of the best.
    pub models: usize,
}

/// A log-linear model's fit and profile interval, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelResult {
    /// The model's name.
    pub label: String,
    /// The fit.
    pub fit: Option<LogLinearFit>,
    /// Its profile-likelihood interval.
    pub profile: Option<ProfileInterval>,
    /// The 95% interval shown: the profile one, or Chao's log-normal one for the normal model.
    pub interval: Option<Interval>,
    /// The dependence the model allows between lists, briefly.
    pub dependence: String,
    /// Why there is no fit or interval.
    pub error: Option<String>,
}

/// The search over two-way interactions, summarised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchSummary {
    /// Models tried.
    pub tried: usize,
    /// Models without a bounded estimate.
    pub refused: usize,
    /// The best models by AIC (and the best by BIC, if not among them), with profile intervals.
    pub best: Vec<ModelResult>,
    /// The label of the best model by BIC.
    pub best_bic: Option<String>,
    /// Lowest and highest `N̂` among models within 2 AIC of the best, and how many they are.
    pub spread: Option<Spread>,
}

/// The log-linear results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogLinearSection {
    /// `closedp.t`'s models.
    pub standard: Vec<ModelResult>,
    /// Every two-way interaction set (3 to 5 lists).
    pub search: Option<SearchSummary>,
}

/// A method that was not run, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The method.
    pub method: String,
    /// Why.
    pub reason: String,
}

/// Everything [`analyse`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The lists.
    pub lists: Vec<ListSummary>,
    /// Records on both lists of each pair.
    pub overlaps: Vec<Overlap>,
    /// Records on at least one list, `n`.
    pub observed: u64,
    /// Problems with the table.
    pub warnings: Vec<String>,
    /// Every estimate, in the same shape.
    pub estimates: Vec<Estimate>,
    /// Two-list estimates by pair.
    pub two_list: Vec<TwoList>,
    /// Log-linear models.
    pub loglinear: Option<LogLinearSection>,
    /// dga.
    pub dga: Option<Dga>,
    /// Methods not run.
    pub skipped: Vec<Skipped>,
}

/// Above this many lists, profile intervals are computed for M0 and Mt only: every profile point
/// refits the model on `2^J` cells, and the heterogeneity models' designs grow with `J`.
pub const PROFILE_MAX_LISTS: usize = 10;

fn model_result(table: &CaptureTable, model: &Model) -> ModelResult {
    let label = model.label(table.names());
    let dependence = dependence(model, table.names());
    let f = match fit(table, model) {
        Ok(f) => f,
        Err(e) => {
            return ModelResult {
                label,
                fit: None,
                profile: None,
                interval: None,
                dependence,
                error: Some(e.to_string()),
            };
        }
    };
    let n_plus_unseen = matches!(model.base, Base::M0 | Base::Mt);
    let simple = model.heterogeneity.is_none() && model.interactions.is_empty();
    let (profile, interval, error) = if !f.bounded || !n_plus_unseen {
        (None, None, None)
    } else if model.heterogeneity == Some(Heterogeneity::Normal) {
        (None, Some(log_normal_interval(f.observed as f64, f.estimate, f.se * f.se)), None)
    } else if table.lists() > PROFILE_MAX_LISTS && !simple {
        let note = format!(
            "log-normal interval: profile intervals are computed for M0 and Mt only above {PROFILE_MAX_LISTS} lists"
        );
        (None, Some(log_normal_interval(f.observed as f64, f.estimate, f.se * f.se)), Some(note))
    } else {
        match profile_interval(table, model) {
            Ok(p) => {
                let interval = p.interval;
                (Some(p), Some(interval), None)
            }
            Err(e) => (None, None, Some(format!("no profile interval: {e}"))),
        }
    };
    ModelResult { label, fit: Some(f), profile, interval, dependence, error }
}

/// The dependence a log-linear model allows between lists, briefly (`none (independent
/// lists)`, `heterogeneity (Darroch)`, `A:B + B:C`, …).
#[must_use]
pub fn dependence(model: &Model, names: &[String]) -> String {
    match (model.base, model.heterogeneity) {
        (Base::M0, None) => "none (lists alike)".to_owned(),
        (Base::Mt, None) if model.interactions.is_empty() => "none (independent lists)".to_owned(),
        (Base::Mt, None) => model.label(names).trim_start_matches("Mt + ").to_owned(),
        (Base::M0 | Base::Mt, Some(h)) => {
            let name = if h == Heterogeneity::Chao { "Chao LB".to_owned() } else { h.name() };
            let mut text = format!("heterogeneity ({name})");
            if !model.interactions.is_empty() {
                text.push_str(" + interactions");
            }
            text
        }
        (Base::Mb, _) => "behavioural response".to_owned(),
        (Base::Mbh, _) => "behavioural response + heterogeneity".to_owned(),
    }
}

fn loglinear_estimate(table: &CaptureTable, result: &ModelResult) -> Estimate {
    let names = table.names().to_vec();
    match &result.fit {
        Some(f) => {
            let mut flags = f.flags.clone();
            if let Some(e) = &result.error {
                flags.push(e.clone());
            }
            if let Some(p) = &result.profile
                && p.interval.upper.is_none()
            {
                flags.push("the profile likelihood does not bound N above within 10 × N̂".to_owned());
            }
            Estimate {
                method: "loglinear",
                model: f.label.clone(),
                lists: names.clone(),
                observed: f.observed,
                estimate: f.bounded.then_some(f.estimate),
                se: (f.bounded && f.se.is_finite()).then_some(f.se),
                interval: result.interval,
                deviance: Some(f.deviance),
                df: Some(f.df),
                aic: Some(f.aic),
                bic: Some(f.bic),
                weight: None,
                dependence: result.dependence.clone(),
                assumption: f.assumption.clone(),
                flags,
            }
        }
        None => Estimate {
            method: "loglinear",
            model: result.label.clone(),
            lists: names,
            observed: table.observed(),
            estimate: None,
            se: None,
            interval: None,
            deviance: None,
            df: None,
            aic: None,
            bic: None,
            weight: None,
            dependence: result.dependence.clone(),
            assumption: "no estimate: see the flags".to_owned(),
            flags: result.error.iter().cloned().collect(),
        },
    }
}

/// Runs the chosen estimators on a table.
pub fn analyse(table: &CaptureTable, options: &MseOptions) -> Result<Analysis, MseError> {
    table.require_overlap()?;
    let names = table.names().to_vec();
    let lists = table.lists();
    let mut warnings = table.warnings();
    let mut estimates = Vec::new();
    let mut skipped = Vec::new();
    let mut overlaps = Vec::new();
    for i in 0..lists {
        for j in (i + 1)..lists {
            overlaps.push(Overlap { lists: [names[i].clone(), names[j].clone()], both: table.overlap(i, j) });
        }
    }
    let summaries = (0..lists)
        .map(|j| ListSummary { name: names[j].clone(), records: table.list_size(j), only_here: table.count(1 << j) })
        .collect();

    let mut two_list = Vec::new();
    if options.method.includes(Method::Chapman) {
        two_list = pairwise(table);
        if lists > 2 {
            warnings.push(
                "the two-list estimates use one pair at a time, ignore the other lists and assume the pair independent; they are shown for comparison with the multi-list models"
                    .to_owned(),
            );
        }
        for pair in &two_list {
            let used = pair.lists.to_vec();
            let model = format!("{} × {}", pair.lists[0], pair.lists[1]);
            let mut flags = pair.flags.clone();
            flags.push("relies on the two lists being independent".to_owned());
            estimates.push(Estimate {
                method: "lincoln-petersen",
                model: model.clone(),
                lists: used.clone(),
                observed: pair.observed,
                estimate: pair.lincoln_petersen,
                se: None,
                interval: None,
                deviance: None,
                df: None,
                aic: None,
                bic: None,
                weight: None,
                dependence: "none (independent lists)".to_owned(),
                assumption: TWO_LIST_ASSUMPTION.to_owned(),
                flags: flags.clone(),
            });
            estimates.push(Estimate {
                method: "chapman",
                model,
                lists: used,
                observed: pair.observed,
                estimate: Some(pair.chapman),
                se: Some(pair.chapman_se),
                interval: Some(pair.interval),
                deviance: None,
                df: None,
                aic: None,
                bic: None,
                weight: None,
                dependence: "none (independent lists)".to_owned(),
                assumption: TWO_LIST_ASSUMPTION.to_owned(),
                flags,
            });
        }
    }

    let mut loglinear = None;
    if options.method.includes(Method::Loglinear) {
        let standard: Vec<ModelResult> =
            standard_models(table).iter().map(|(model, _)| model_result(table, model)).collect();
        for result in &standard {
            estimates.push(loglinear_estimate(table, result));
        }
        let search = match search_two_way(table) {
            Ok(found) => {
                let mut chosen: Vec<&LogLinearFit> = found.fits.iter().take(options.top).collect();
                let best_bic = found.best_bic();
                if let Some(b) = best_bic
                    && !chosen.iter().any(|f| f.label == b.label)
                {
                    chosen.push(b);
                }
                let all = Model::all_two_way(lists);
                let mut best: Vec<ModelResult> = chosen.iter().map(|f| model_result(table, &f.model)).collect();
                if !best.iter().any(|r| r.label == all.label(&names)) {
                    best.push(model_result(table, &all));
                }
                for result in &best {
                    estimates.push(loglinear_estimate(table, result));
                }
                Some(SearchSummary {
                    tried: found.tried,
                    refused: found.refused.len(),
                    best,
                    best_bic: best_bic.map(|f| f.label.clone()),
                    spread: found.spread().map(|(low, high, models)| Spread { low, high, models }),
                })
            }
            Err(e) => {
                skipped.push(Skipped { method: "loglinear model search".to_owned(), reason: e.to_string() });
                None
            }
        };
        loglinear = Some(LogLinearSection { standard, search });
    }

    let mut dga_result = None;
    if options.method.includes(Method::Dga) {
        match dga(table, &options.dga) {
            Ok(result) => {
                let s = result.summary;
                estimates.push(Estimate {
                    method: "dga",
                    model: format!("average of {} decomposable graphs", result.graphs),
                    lists: names.clone(),
                    observed: result.observed,
                    estimate: Some(s.median as f64),
                    se: None,
                    interval: Some(Interval {
                        lower: s.lower as f64,
                        upper: Some(s.upper as f64),
                        kind: IntervalKind::Credible,
                    }),
                    deviance: None,
                    df: None,
                    aic: None,
                    bic: None,
                    weight: Some(1.0),
                    dependence: "any decomposable graph (averaged)".to_owned(),
                    assumption: DGA_ASSUMPTION.to_owned(),
                    flags: result.flags.clone(),
                });
                for model in result.models.iter().filter(|m| m.summary.is_some()) {
                    let Some(s) = model.summary else { continue };
                    estimates.push(Estimate {
                        method: "dga",
                        model: model.label.clone(),
                        lists: names.clone(),
                        observed: result.observed,
                        estimate: Some(s.median as f64),
                        se: None,
                        interval: Some(Interval {
                            lower: s.lower as f64,
                            upper: Some(s.upper as f64),
                            kind: IntervalKind::Credible,
                        }),
                        deviance: None,
                        df: None,
                        aic: None,
                        bic: None,
                        weight: Some(model.weight),
                        dependence: format!("the graph {}", model.label),
                        assumption: "closed population; dependence as in this decomposable graph (lists in no common clique independent given the separators)".to_owned(),
                        flags: Vec::new(),
                    });
                }
                dga_result = Some(result);
            }
            Err(e @ MseError::ListsForMethod { .. }) => {
                skipped.push(Skipped { method: "dga".to_owned(), reason: e.to_string() });
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Analysis {
        lists: summaries,
        overlaps,
        observed: table.observed(),
        warnings,
        estimates,
        two_list,
        loglinear,
        dga: dga_result,
        skipped,
    })
}
