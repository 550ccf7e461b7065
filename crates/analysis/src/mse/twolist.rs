//! Two lists: Lincoln–Petersen and Chapman, with Chao's log-normal interval.
//!
//! # Method
//! With `n1`, `n2` records on the two lists, `m` on both and `n = n1 + n2 − m` seen at all:
//!
//! ```text
//! Lincoln–Petersen  N_LP = n1·n2 / m                      (the MLE of log-linear Mt on 2 lists)
//! Chapman (1951)    N_C  = (n1+1)(n2+1)/(m+1) − 1
//! Var(N_C)          = (n1+1)(n2+1)(n1−m)(n2−m) / ((m+1)²(m+2))      (Seber 1970)
//! log-normal 95%    f0 = N_C − n;  C = exp(z·√ln(1 + Var/f0²));  [n + f0/C, n + f0·C]
//! ```
//!
//! The interval is Chao's (1987, *Biometrics* 43) device, also used by Rcapture's `closedpCI`
//! for its normal models: the unseen count `f0` is taken as log-normal, so the interval never
//! reaches below `n`. `z = Φ⁻¹(0.975)`.
//!
//! # Assumptions
//! A closed population, the two lists independent of each other, and every individual equally
//! likely to be on a list. Positive dependence between the lists (the usual case with casualty
//! lists, which draw on shared sources) makes the estimate too low, and two lists cannot detect
//! it. With `m = 0` Lincoln–Petersen is infinite; Chapman stays finite only by its correction.
//!
//! Reference values (METHODS.md §1.2): `(1000, 800, 600)` gives `N_C = 1333.1114808652246`;
//! Kosovo EXH×ABA `(1910, 1528, 403)` gives LP 7241.886, Chapman 7231.473, se 273.75 and the
//! log-normal interval 6728.3–7803.2.

use super::special::Z_95;
use super::{CaptureTable, Interval, IntervalKind, MseError};
use serde::Serialize;

/// The assumption every two-list estimate rests on.
pub const TWO_LIST_ASSUMPTION: &str = "closed population; the two lists independent and every individual equally catchable (positive dependence makes it too low)";

/// Two-list estimates for one pair of lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TwoList {
    /// The two lists' names.
    pub lists: [String; 2],
    /// Records on the first list.
    pub n1: u64,
    /// Records on the second list.
    pub n2: u64,
    /// Records on both.
    pub m: u64,
    /// Records on either, `n1 + n2 − m`.
    pub observed: u64,
    /// `n1·n2/m`; `None` when `m = 0` (infinite).
    pub lincoln_petersen: Option<f64>,
    /// `(n1+1)(n2+1)/(m+1) − 1`.
    pub chapman: f64,
    /// The standard error of Chapman's estimate.
    pub chapman_se: f64,
    /// Chao's log-normal 95% interval around Chapman's estimate.
    pub interval: Interval,
    /// What weakens the estimate (no overlap, one list inside the other).
    pub flags: Vec<String>,
}

/// Lincoln–Petersen and Chapman for list sizes `n1`, `n2` and overlap `m`.
pub fn two_list(n1: u64, n2: u64, m: u64) -> Result<TwoList, MseError> {
    two_list_named(["list 1".to_owned(), "list 2".to_owned()], n1, n2, m)
}

/// [`two_list`] with the lists' names.
pub fn two_list_named(lists: [String; 2], n1: u64, n2: u64, m: u64) -> Result<TwoList, MseError> {
    if m > n1.min(n2) {
        return Err(MseError::OverlapTooLarge { n1, n2, m });
    }
    if n1 == 0 || n2 == 0 {
        return Err(MseError::EmptyList { name: if n1 == 0 { lists[0].clone() } else { lists[1].clone() } });
    }
    let (a, b, c) = (n1 as f64, n2 as f64, m as f64);
    let observed = n1 + n2 - m;
    let chapman = (a + 1.0) * (b + 1.0) / (c + 1.0) - 1.0;
    let variance = (a + 1.0) * (b + 1.0) * (a - c) * (b - c) / ((c + 1.0) * (c + 1.0) * (c + 2.0));
    let mut flags = Vec::new();
    let lincoln_petersen = if m == 0 {
        flags.push(format!(
            "{} and {} share no record: Lincoln–Petersen is infinite and Chapman's figure is an artefact of its +1 correction",
            lists[0], lists[1]
        ));
        None
    } else {
        Some(a * b / c)
    };
    if m == n1 || m == n2 {
        flags.push(
            "one list holds every record of the other: the estimate is the number observed, with no uncertainty shown"
                .to_owned(),
        );
    }
    Ok(TwoList {
        lists,
        n1,
        n2,
        m,
        observed,
        lincoln_petersen,
        chapman,
        chapman_se: variance.sqrt(),
        interval: log_normal_interval(observed as f64, chapman, variance),
        flags,
    })
}

/// Chao's (1987) log-normal 95% interval: `[n + f0/C, n + f0·C]` with `f0 = N̂ − n` and
/// `C = exp(z·√ln(1 + Var/f0²))`. With `f0 ≤ 0` the interval is the single point `n`.
#[must_use]
pub fn log_normal_interval(observed: f64, estimate: f64, variance: f64) -> Interval {
    let unseen = estimate - observed;
    if unseen <= 0.0 || !unseen.is_finite() {
        return Interval { lower: observed, upper: Some(observed), kind: IntervalKind::LogNormal };
    }
    let spread = (Z_95 * (1.0 + variance / (unseen * unseen)).ln().sqrt()).exp();
    Interval {
        lower: observed + unseen / spread,
        upper: Some(observed + unseen * spread),
        kind: IntervalKind::LogNormal,
    }
}

/// Two-list estimates for every pair of lists of a table (list 1 × list 2, list 1 × list 3, …).
#[must_use]
pub fn pairwise(table: &CaptureTable) -> Vec<TwoList> {
    let names = table.names();
    let mut out = Vec::new();
    for i in 0..table.lists() {
        for j in (i + 1)..table.lists() {
            if let Ok(pair) = two_list_named(
                [names[i].clone(), names[j].clone()],
                table.list_size(i),
                table.list_size(j),
                table.overlap(i, j),
            ) {
                out.push(pair);
            }
        }
    }
    out
}
