//! Evaluation against labelled articles: claims found against the gold claims, field by field,
//! and verdicts against the labels.
//!
//! A found claim matches a gold claim when their spans overlap (each gold claim is matched at most
//! once, to the found claim overlapping it most). Claim precision is matched found claims over
//! all found claims, recall matched gold claims over all gold claims. For each field (value,
//! qualifier, metric, period, side, rate, cumulative, kind), a true positive is a matched pair
//! that agrees on it: precision divides by all found claims, recall by all gold claims. Verdict
//! accuracy is over matched claims: the verdict of the found claim against the label.
//!
//! The verdict errors are not all alike: calling a claim the data refute "supported" is the worst
//! a fact-checker can do, so the confusion matrix of verdicts is kept whole and two rates are read
//! off it: false support (labelled contradicted or metric mismatch, called supported) and false
//! contradiction (labelled supported, called contradicted).

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
        subset: None,
        peak_days: None,
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
    /// Matched claims that differ from their label on a field or the verdict, one line each
    /// (for reading): the quote, then `field: found ≠ labelled` for each difference.
    pub disagreements: Vec<String>,
    /// Verdicts of matched claims: how many of each label were given each verdict.
    pub confusion: Vec<Confusion>,
    /// Of the matched claims labelled contradicted or metric mismatch, the share called supported.
    pub false_support_rate: Option<f64>,
    /// Of the matched claims labelled supported, the share called contradicted.
    pub false_contradiction_rate: Option<f64>,
}

/// One cell of the verdict confusion matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// The label's verdict.
    pub expected: String,
    /// The verdict given.
    pub found: String,
    /// Matched claims with this pair.
    pub count: usize,
}

/// The verdicts in the order the confusion matrix lists them.
pub const VERDICTS: [&str; 5] = ["supported", "contradicted", "not_checkable", "metric_mismatch", "ambiguous"];

impl Evaluation {
    /// Matched claims labelled `expected` that were given `found`.
    #[must_use]
    pub fn confused(&self, expected: &str, found: &str) -> usize {
        self.confusion.iter().find(|c| c.expected == expected && c.found == found).map_or(0, |c| c.count)
    }
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
    let mut disagreements = Vec::new();
    let mut pairs: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
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
            let mut differences: Vec<String> = fields
                .iter()
                .zip(agrees)
                .filter(|(_, ok)| !ok)
                .map(|(field, _)| format!("{field}: {} ≠ {}", found_field(claim, field), gold_field(g, field)))
                .collect();
            if let Some(verdict) = verdict {
                verdicts_seen += 1;
                verdicts_right += usize::from(*verdict == g.expect);
                *pairs.entry((g.expect.clone(), verdict.clone())).or_insert(0) += 1;
                if *verdict != g.expect {
                    differences.insert(0, format!("verdict: {verdict} ≠ {}", g.expect));
                }
            }
            if !differences.is_empty() {
                disagreements.push(format!("{}: {:?}: {}", g.doc, g.quote, differences.join("; ")));
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
    let rank = |v: &str| VERDICTS.iter().position(|x| *x == v).unwrap_or(VERDICTS.len());
    let mut confusion: Vec<Confusion> =
        pairs.into_iter().map(|((expected, found), count)| Confusion { expected, found, count }).collect();
    confusion.sort_by_key(|c| (rank(&c.expected), rank(&c.found)));
    let share = |labels: &[&str], called: &str| {
        let of = |c: &&Confusion| labels.contains(&c.expected.as_str());
        let all: usize = confusion.iter().filter(of).map(|c| c.count).sum();
        let wrong: usize = confusion.iter().filter(of).filter(|c| c.found == called).map(|c| c.count).sum();
        #[allow(clippy::cast_precision_loss)]
        (all > 0).then(|| wrong as f64 / all as f64)
    };
    let false_support_rate = share(&["contradicted", "metric_mismatch"], "supported");
    let false_contradiction_rate = share(&["supported"], "contradicted");
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
        disagreements,
        confusion,
        false_support_rate,
        false_contradiction_rate,
    }
}

/// A found claim's field, as the labels write it.
fn found_field(claim: &Claim<'_>, field: &str) -> String {
    match field {
        "value" => bounds(claim.low, claim.high),
        "qualifier" => label(&claim.qualifier),
        "metric" => claim.metric.map_or_else(|| "null".to_owned(), |m| m.to_string()),
        "period" => claim.period.map_or_else(|| "null".to_owned(), |[a, b]| format!("{a}..{b}")),
        "side" => claim.side.map_or_else(|| "null".to_owned(), |s| s.id().to_owned()),
        "rate" => claim.rate.map_or_else(|| "null".to_owned(), |r| label(&r)),
        "cumulative" => claim.cumulative.to_string(),
        _ => format!("{:?}", claim.kind).to_lowercase(),
    }
}

/// A gold claim's field, as the labels write it.
fn gold_field(gold: &GoldClaim, field: &str) -> String {
    let or_null = |v: &Option<String>| v.clone().unwrap_or_else(|| "null".to_owned());
    match field {
        "value" => bounds(gold.low, gold.high),
        "qualifier" => gold.qualifier.clone(),
        "metric" => or_null(&gold.metric),
        "period" => gold.period.map_or_else(|| "null".to_owned(), |[a, b]| format!("{a}..{b}")),
        "side" => or_null(&gold.side),
        "rate" => or_null(&gold.rate),
        "cumulative" => gold.cumulative.to_string(),
        _ => gold.kind.clone(),
    }
}

/// A value as its JSON label (`"about"`, `"per_day"`).
fn label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

fn bounds(low: Option<f64>, high: Option<f64>) -> String {
    let one = |v: Option<f64>| v.map_or_else(|| "null".to_owned(), |x| x.to_string());
    if low == high { one(low) } else { format!("{}..{}", one(low), one(high)) }
}
