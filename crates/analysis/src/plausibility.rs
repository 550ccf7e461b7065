//! Plausibility at the door: the checks a batch of the daily series must pass beyond being
//! well-formed, because a well-formed file can still hold a typo that would become the record.
//!
//! - No report may be dated after today (one day's grace, for time zones and a report published
//!   early in Kyiv while it is still yesterday elsewhere).
//! - No count may exceed [`MAX_COUNT`]: every count the General Staff publishes is far below it,
//!   and the bound keeps every sum the analysis takes of a few thousand counts far from `i64`'s
//!   limit.
//! - A day's rise far outside what the category has done is refused unless the user accepts it.
//!   The bound is learnt from the series itself: [`OUTLIER_MULTIPLE`] times the 99th percentile
//!   of the category's other daily rises, and never below [`OUTLIER_FLOOR`]. A percentile rather
//!   than the maximum, so that one accepted outlier does not widen the bound for every later day;
//!   the other rises, so that the day under test does not vouch for itself. On the real record
//!   the largest rise of any category is 5.1 times that percentile (aircraft: 41 against 8),
//!   so a multiple of 10 refuses nothing real. A category with fewer than [`OUTLIER_MIN_RISES`]
//!   other rises has too little history to learn from and is held to [`MAX_COUNT`] only.

use crate::{ImportProblem, Record};
use attrition_model::{Category, ParsedFile};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// The largest count any category may hold (10⁹; the personnel count is about 1.5 × 10⁶).
pub const MAX_COUNT: i64 = 1_000_000_000;

/// How many times the 99th-percentile daily rise a day may rise before it is an outlier.
pub const OUTLIER_MULTIPLE: i64 = 10;

/// The smallest outlier bound, whatever the category's history: a category that rises by one
/// or two a month may still rise by a few dozen on one day.
pub const OUTLIER_FLOOR: i64 = 100;

/// How many other daily rises a category needs before a bound is learnt from them.
pub const OUTLIER_MIN_RISES: usize = 10;

/// Days after today (by the clock) a report may be dated.
pub const FUTURE_GRACE_DAYS: i32 = 1;

/// A day's change the user has accepted although it is outside the bound
/// (`--accept-outlier DATE:CATEGORY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Acceptance {
    /// The report date.
    pub report_date: Date,
    /// The category.
    pub category: Category,
}

/// Why an `--accept-outlier` value does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--accept-outlier {given:?}: {problem}; write it as DATE:CATEGORY, e.g. 2026-08-09:personnel")]
pub struct BadAcceptance {
    /// What was given.
    pub given: String,
    /// What is wrong.
    pub problem: String,
}

impl std::str::FromStr for Acceptance {
    type Err = BadAcceptance;

    fn from_str(text: &str) -> Result<Acceptance, BadAcceptance> {
        let bad = |problem: String| BadAcceptance { given: text.to_owned(), problem };
        let (date, category) = text.split_once(':').ok_or_else(|| bad("no ':' between date and category".into()))?;
        let report_date: Date = date.trim().parse().map_err(|e| bad(format!("{date:?} is not a date ({e})")))?;
        let category: Category = category.trim().parse().map_err(|e| bad(format!("{e}")))?;
        Ok(Acceptance { report_date, category })
    }
}

/// An outlier let in because the user accepted it, recorded with the fetch that brought it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcceptedOutlier {
    /// Which day and category.
    pub acceptance: Acceptance,
    /// The day's change.
    pub change: i64,
    /// The bound it exceeds.
    pub bound: i64,
    /// The file or URL it came from.
    pub location: String,
}

impl AcceptedOutlier {
    /// The note stored with the fetch.
    #[must_use]
    pub fn note(&self) -> String {
        format!(
            "outlier accepted with --accept-outlier {}:{}: {} rises by {} on {}, above the bound of {}",
            self.acceptance.report_date,
            self.acceptance.category.id(),
            self.acceptance.category.id(),
            count(self.change),
            self.acceptance.report_date,
            count(self.bound)
        )
    }
}

/// `n` with thousands separators (exact for every `i64`, unlike a float).
#[must_use]
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Refuses reports dated after `today` (plus the grace) and counts outside `0..=MAX_COUNT`
/// (corrections: `-MAX_COUNT..=MAX_COUNT`). Needs no stored data.
///
/// # Errors
/// [`ImportProblem::FutureReport`] or [`ImportProblem::OutOfRange`] for the first offender.
pub fn check_values(files: &[ParsedFile], today: Date) -> Result<(), ImportProblem> {
    let latest = today.checked_add(jiff::Span::new().days(FUTURE_GRACE_DAYS)).unwrap_or(today);
    for file in files {
        let location = &file.provenance.location;
        let dates = file
            .observations
            .iter()
            .map(|o| o.report_date)
            .chain(file.corrections.iter().map(|c| c.report_date))
            .chain(file.notes.iter().map(|n| n.report_date));
        if let Some(report_date) = dates.filter(|d| *d > latest).min() {
            return Err(ImportProblem::FutureReport { location: location.clone(), report_date, today });
        }
        for o in &file.observations {
            if !(0..=MAX_COUNT).contains(&o.value) {
                return Err(ImportProblem::OutOfRange {
                    location: location.clone(),
                    what: "value",
                    category: o.category,
                    report_date: o.report_date,
                    value: o.value,
                });
            }
        }
        for c in &file.corrections {
            if !(-MAX_COUNT..=MAX_COUNT).contains(&c.value) {
                return Err(ImportProblem::OutOfRange {
                    location: location.clone(),
                    what: "correction",
                    category: c.category,
                    report_date: c.report_date,
                    value: c.value,
                });
            }
        }
    }
    Ok(())
}

/// The outlier bound of one category, learnt from its daily rises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OutlierBound {
    /// The largest of the other rises.
    pub largest: i64,
    /// Their 99th percentile.
    pub p99: i64,
    /// How many there are.
    pub rises: usize,
    /// The bound: `max(OUTLIER_FLOOR, OUTLIER_MULTIPLE × p99)`.
    pub bound: i64,
}

/// The bound for a rise of `change`, from all the category's rises (`sorted`, ascending, which
/// include `change` once): learnt from the others. `None` when there are too few others.
fn bound_without(sorted: &[i64], change: i64) -> Option<OutlierBound> {
    let others = sorted.len().checked_sub(1)?;
    if others < OUTLIER_MIN_RISES {
        return None;
    }
    // Removing one element equal to `change` (the first of its equals) shifts every later one
    // down by one place.
    let at = sorted.partition_point(|x| *x < change);
    let other = |i: usize| if i < at { sorted.get(i) } else { sorted.get(i + 1) };
    let p99 = *other((others - 1) * 99 / 100)?;
    let largest = *other(others - 1)?;
    let bound = OUTLIER_MULTIPLE.saturating_mul(p99).max(OUTLIER_FLOOR);
    Some(OutlierBound { largest, p99, rises: others, bound })
}

/// Refuses a record (the store's content with a batch laid over it) in which a day's rise that
/// the batch brings or changes (`changed`: the (category, report) pairs new or different in the
/// batch; the rise into a report and out of it both count) is above its category's bound,
/// unless `accepted` names it. `locations` names where each report came from. Returns the
/// accepted outliers found, to be recorded with the fetch.
///
/// # Errors
/// [`ImportProblem::Outlier`] for the first refused rise.
pub fn check_outliers(
    record: &Record,
    changed: &BTreeSet<(Category, Date)>,
    accepted: &[Acceptance],
    locations: &HashMap<(Category, Date), String>,
) -> Result<Vec<AcceptedOutlier>, ImportProblem> {
    let mut out = Vec::new();
    for series in record.series.values() {
        let category = series.category;
        if !changed.iter().any(|(c, _)| *c == category) {
            continue;
        }
        let steps: Vec<(Date, Date, i64)> = series
            .reports
            .iter()
            .zip(series.reports.iter().skip(1))
            .map(|((&d0, &(v0, _)), (&d1, &(v1, _)))| (d0, d1, v1.saturating_sub(v0)))
            .collect();
        let mut rises: Vec<i64> = steps.iter().map(|s| s.2).filter(|c| *c > 0).collect();
        rises.sort_unstable();
        for &(before, report_date, change) in &steps {
            if change <= 0 || !(changed.contains(&(category, report_date)) || changed.contains(&(category, before))) {
                continue;
            }
            let Some(bound) = bound_without(&rises, change) else { continue };
            if change <= bound.bound {
                continue;
            }
            let acceptance = Acceptance { report_date, category };
            let location = locations
                .get(&(category, report_date))
                .or_else(|| locations.get(&(category, before)))
                .cloned()
                .unwrap_or_else(|| "stored record".into());
            if accepted.contains(&acceptance) {
                out.push(AcceptedOutlier { acceptance, change, bound: bound.bound, location });
                continue;
            }
            return Err(ImportProblem::Outlier {
                location,
                category,
                report_date,
                change,
                largest: bound.largest,
                rises: bound.rises,
                p99: bound.p99,
                bound: bound.bound,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_leaves_the_day_under_test_out() {
        let mut rises: Vec<i64> = (1..=200).collect();
        rises.push(10_000_000);
        rises.sort_unstable();
        let bound = bound_without(&rises, 10_000_000).unwrap();
        assert_eq!((bound.largest, bound.p99, bound.rises), (200, 198, 200));
        assert_eq!(bound.bound, 1_980);
        // A day inside the range: the outlier is among the others, but above the percentile.
        let bound = bound_without(&rises, 50).unwrap();
        assert_eq!((bound.largest, bound.p99), (10_000_000, 199));
    }

    #[test]
    fn too_few_rises_learn_nothing() {
        assert_eq!(bound_without(&[1, 2, 3], 3), None);
        assert!(bound_without(&[1; 11], 1).is_some_and(|b| b.bound == OUTLIER_FLOOR));
    }

    #[test]
    fn counts_are_grouped_exactly() {
        assert_eq!(count(i64::MAX), "9,223,372,036,854,775,807");
        assert_eq!(count(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(count(3_160), "3,160");
        assert_eq!(count(0), "0");
    }

    #[test]
    fn acceptance_parses_and_names_what_is_wrong() {
        let a: Acceptance = "2026-08-09:personnel".parse().unwrap();
        assert_eq!((a.report_date.to_string(), a.category), ("2026-08-09".to_owned(), Category::Personnel));
        let err = "2026-08-09".parse::<Acceptance>().unwrap_err().to_string();
        assert!(err.contains("no ':'"), "{err}");
        let err = "2026-13-09:tanks".parse::<Acceptance>().unwrap_err().to_string();
        assert!(err.contains("not a date"), "{err}");
    }
}

#[cfg(test)]
mod overflow_tests {
    use crate::{AnalysisError, Record};
    use attrition_model::{Category, Convention, Observation, Period, SourceId};
    use jiff::civil::date;

    /// A store written before the door refused such counts: the figures say so, never wrap.
    #[test]
    fn sums_of_huge_counts_are_errors_not_wrapped_figures() {
        let obs = |category, d, value| Observation { report_date: d, category, value, qualifier: None };
        let record = Record::build(
            SourceId::Petroivaniuk,
            [
                obs(Category::Tanks, date(2024, 9, 1), 0),
                obs(Category::Tanks, date(2024, 9, 2), i64::MAX),
                obs(Category::Afv, date(2024, 9, 1), 0),
                obs(Category::Afv, date(2024, 9, 2), i64::MAX),
            ],
            [],
            [],
        )
        .unwrap();
        let period = Period::range(date(2024, 9, 1), date(2024, 9, 1)).unwrap();
        let err = record.shares(&period, Convention::LossDay, false).unwrap_err();
        assert!(matches!(err, AnalysisError::Overflow { what: "sum of equipment losses", .. }), "{err}");
        assert!(err.to_string().contains("overflows"), "{err}");
        let record = Record::build(
            SourceId::Petroivaniuk,
            [obs(Category::Tanks, date(2024, 9, 1), i64::MIN), obs(Category::Tanks, date(2024, 9, 2), i64::MAX)],
            [],
            [],
        )
        .unwrap();
        let err = record.period_total(Category::Tanks, &period, Convention::LossDay, false).unwrap_err();
        assert!(matches!(err, AnalysisError::Overflow { what: "period total", .. }), "{err}");
    }
}
