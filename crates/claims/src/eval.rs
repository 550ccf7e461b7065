//! Evaluation against labelled articles: claims found against the gold claims, field by field,
//! and verdicts against the labels.
//!
//! A found claim matches a gold claim when their spans overlap (each gold claim is matched at most
//! once, to the found claim overlapping it most). Claim precision is matched found claims over
//! all found claims, recall matched gold claims over all gold claims. For each field (value,
//! qualifier, metric, period, side, rate, cumulative, kind), a true positive is a matched pair
//! that agrees on it: precision divides by all found claims, recall by all gold claims. Verdict
//! accuracy is over matched claims: the verdict of the found claim against the label.

use attrition_model::{Claim, ClaimKind, Convention, Hedge, Metric, RankSpec, RateUnit, Side};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One labelled claim (the shared development set's `gold.jsonl` format).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct GoldClaim {
    /// The article.
    pub doc: String,
    /// Its date.
    pub date: Date,
    /// The exact text.
    pub quote: String,
    /// Byte offsets in the article.
    pub span: [usize; 2],
    /// `russia` or `ukraine`.
    pub side: Option<String>,
    /// The metric.
    pub metric: Option<String>,
    /// The low end.
    pub low: Option<f64>,
    /// The high end.
    pub high: Option<f64>,
    /// The qualifier.
    pub qualifier: String,
    /// The rate.
    pub rate: Option<String>,
    /// Loss days covered.
    pub period: Option<[Date; 2]>,
    /// A total since the invasion.
    pub cumulative: bool,
    /// The expected verdict.
    pub expect: String,
    /// The figure from the data.
    pub truth: Option<f64>,
    /// `value`, `rank` or `projection`.
    pub kind: String,
    /// The convention of the label.
    pub convention: Option<String>,
    /// Rank terms.
    pub rank: Option<RankSpec>,
}

/// A number in the text that is not a loss claim.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Distractor {
    /// The article.
    pub doc: String,
    /// Its text.
    pub quote: String,
    /// Byte offsets.
    pub span: [usize; 2],
}

/// Why a label does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}: {problem}")]
pub struct LabelError {
    /// The file.
    pub file: String,
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

/// Reads JSON Lines of `T`, naming the line of any error.
///
/// # Errors
/// [`LabelError`] for the first line that does not parse.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<Vec<T>, LabelError> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| LabelError {
                file: file.to_owned(),
                line: i + 1,
                problem: e.to_string(),
            })
        })
        .collect()
}

/// The gold claim as a [`Claim`], as a perfect extractor would find it.
///
/// # Errors
/// A message naming the field that does not read.
pub fn gold_claim(gold: &GoldClaim) -> Result<Claim<'static>, String> {
    let hedge: Hedge = gold.qualifier.parse()?;
    let kind = match gold.kind.as_str() {
        "value" => ClaimKind::Value,
        "rank" => ClaimKind::Rank,
        "projection" => ClaimKind::Projection,
        other => return Err(format!("kind {other:?}")),
    };
    let convention = match gold.convention.as_deref() {
        Some("report-day") => Some(Convention::ReportDay),
        _ => None,
    };
    Ok(Claim {
        span: gold.span,
        quote: gold.quote.clone().into(),
        side: gold.side.as_deref().map(str::parse::<Side>).transpose()?,
        metric: gold.metric.as_deref().map(str::parse::<Metric>).transpose().map_err(|e| e.to_string())?,
        low: gold.low,
        high: gold.high,
        qualifier: hedge,
        rate: gold.rate.as_deref().map(str::parse::<RateUnit>).transpose()?,
        period: gold.period,
        cumulative: gold.cumulative,
        kind,
        rank: gold.rank.clone().map(Box::new),
        convention,
        net_of_corrections: gold.convention.as_deref() == Some("loss-day-net"),
        attribution: None,
        vague: false,
        unit: None,
    })
}

/// Precision, recall and F1 of one field.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Found claims right on this field, over all found claims.
    pub precision: f64,
    /// Gold claims found and right on this field, over all gold claims.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
}

impl Score {
    fn new(right: usize, found: usize, gold: usize) -> Score {
        #[allow(clippy::cast_precision_loss)]
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(right, found), ratio(right, gold));
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Score { precision, recall, f1 }
    }
}

/// The scores of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Articles read.
    pub documents: usize,
    /// Gold claims.
    pub gold: usize,
    /// Claims found.
    pub found: usize,
    /// Pairs matched.
    pub matched: usize,
    /// Claims found: precision, recall, F1.
    pub claims: Score,
    /// Per field.
    pub fields: Vec<(String, Score)>,
    /// Verdicts equal to the label, over matched claims.
    pub verdict_accuracy: Option<f64>,
    /// Found claims overlapping a distractor.
    pub distractors_hit: usize,
    /// Distractors listed.
    pub distractors: usize,
    /// Gold claims not found, and found claims matching no gold one (for reading).
    pub misses: Vec<String>,
}

/// One article's found claims with their verdicts (`None` when not checked).
pub struct Found {
    /// The article id.
    pub doc: String,
    /// Claims found, with a verdict each.
    pub claims: Vec<(Claim<'static>, Option<String>)>,
}

/// Scores `found` against `gold` (and `distractors`).
#[must_use]
pub fn evaluate(gold: &[GoldClaim], distractors: &[Distractor], found: &[Found]) -> Evaluation {
    let overlap = |a: [usize; 2], b: [usize; 2]| a[0].max(b[0]) < a[1].min(b[1]);
    let overlap_len = |a: [usize; 2], b: [usize; 2]| a[1].min(b[1]).saturating_sub(a[0].max(b[0]));
    let fields = ["value", "qualifier", "metric", "period", "side", "rate", "cumulative", "kind"];
    let mut right = vec![0_usize; fields.len()];
    let (mut matched, mut verdicts_right, mut verdicts_seen, mut distractors_hit) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut found_total = 0;
    for doc in found {
        found_total += doc.claims.len();
        let golds: Vec<&GoldClaim> = gold.iter().filter(|g| g.doc == doc.doc).collect();
        let mut used = vec![false; doc.claims.len()];
        for g in &golds {
            let best = doc
                .claims
                .iter()
                .enumerate()
                .filter(|(i, (c, _))| !used[*i] && overlap(c.span, g.span))
                .max_by_key(|(_, (c, _))| overlap_len(c.span, g.span));
            let Some((index, (claim, verdict))) = best else {
                misses.push(format!("{}: not found: {:?}", g.doc, g.quote));
                continue;
            };
            used[index] = true;
            matched += 1;
            let agrees = [
                claim.low == g.low && claim.high == g.high,
                g.qualifier.parse::<Hedge>().is_ok_and(|q| q == claim.qualifier),
                g.metric.as_deref().map(str::parse::<Metric>).and_then(Result::ok) == claim.metric,
                claim.period == g.period,
                g.side.as_deref().map(str::parse::<Side>).and_then(Result::ok) == claim.side,
                g.rate.as_deref().map(str::parse::<RateUnit>).and_then(Result::ok) == claim.rate,
                claim.cumulative == g.cumulative,
                format!("{:?}", claim.kind).to_lowercase() == g.kind,
            ];
            for (slot, ok) in right.iter_mut().zip(agrees) {
                *slot += usize::from(ok);
            }
            if let Some(verdict) = verdict {
                verdicts_seen += 1;
                verdicts_right += usize::from(*verdict == g.expect);
            }
        }
        for (i, (claim, _)) in doc.claims.iter().enumerate() {
            if used[i] {
                continue;
            }
            let is_distractor = distractors.iter().any(|d| d.doc == doc.doc && overlap(d.span, claim.span));
            distractors_hit += usize::from(is_distractor);
            misses.push(format!(
                "{}: found but not labelled{}: {:?}",
                doc.doc,
                if is_distractor { " (a distractor)" } else { "" },
                claim.quote
            ));
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let verdict_accuracy = (verdicts_seen > 0).then(|| verdicts_right as f64 / verdicts_seen as f64);
    Evaluation {
        documents: found.len(),
        gold: gold.len(),
        found: found_total,
        matched,
        claims: Score::new(matched, found_total, gold.len()),
        fields: fields
            .iter()
            .zip(&right)
            .map(|(f, r)| ((*f).to_owned(), Score::new(*r, found_total, gold.len())))
            .collect(),
        verdict_accuracy,
        distractors_hit,
        distractors: distractors.len(),
        misses,
    }
}
