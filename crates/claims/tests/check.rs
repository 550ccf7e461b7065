//! The checker on the shared development set's gold claims (../shared/claims-dev/gold.jsonl),
//! taken as extracted perfectly: each verdict and figure must match the labels, which were computed
//! independently from the same data.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use attrition_analysis::Record;
use attrition_claims::check::{CheckData, Forecasts, check};
use attrition_claims::eval::{GoldClaim, gold_claim, read_jsonl};
use attrition_model::SourceId;
use std::path::PathBuf;

fn shared(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(path)
}

fn record() -> Record {
    let mut observations = Vec::new();
    let mut corrections = Vec::new();
    for item in attrition_sources::read_path(&shared("data/general-staff")).unwrap() {
        if let attrition_sources::Detected::Parsed(file) = item {
            observations.extend(file.observations);
            corrections.extend(file.corrections);
        }
    }
    Record::build(SourceId::Petroivaniuk, observations, corrections, []).unwrap()
}

/// Every claim of a labelled set, checked as if extracted perfectly: `(verdict counts, mismatches)`.
fn replay(gold: &[GoldClaim]) -> (std::collections::BTreeMap<&'static str, i32>, Vec<String>) {
    let now = record();
    let mut wrong = Vec::new();
    let mut counts = std::collections::BTreeMap::new();
    // one for the whole set, as an archive run keeps one per worker
    let forecasts = Forecasts::default();
    for g in gold {
        let claim = gold_claim(g).unwrap();
        let as_of = now.as_of(g.date).unwrap();
        let checked = check(
            &claim,
            &CheckData { as_of: &as_of, now: &now, date: g.date, assessments: &[], forecasts: &forecasts },
        );
        *counts.entry(checked.verdict.id()).or_insert(0) += 1;
        let verdict_ok = checked.verdict.id() == g.expect;
        let truth_ok = match (g.truth, checked.truth) {
            (Some(t), Some(c)) => (t - c).abs() < 0.006,
            (None, _) => true,
            (Some(_), None) => false,
        };
        if !verdict_ok || !truth_ok {
            wrong.push(format!(
                "{} {:?}: expected {} {:?}, got {} {:?} ({})",
                g.doc,
                g.quote,
                g.expect,
                g.truth,
                checked.verdict.id(),
                checked.truth,
                checked.evidence
            ));
        }
    }
    (counts, wrong)
}

#[test]
fn every_gold_verdict_and_figure_is_reproduced() {
    let text = std::fs::read_to_string(shared("claims-dev/gold.jsonl")).unwrap();
    let gold: Vec<GoldClaim> = read_jsonl("gold.jsonl", &text).unwrap();
    assert_eq!(gold.len(), 171);
    let (counts, wrong) = replay(&gold);
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), gold.len(), wrong.join("\n"));
    // The set's README: supported 122, contradicted 27, not_checkable 18, metric_mismatch 4.
    let expected: std::collections::BTreeMap<&str, i32> =
        [("contradicted", 27), ("metric_mismatch", 4), ("not_checkable", 18), ("supported", 122)].into();
    assert_eq!(counts, expected);
}

#[test]
fn attributed_claims_are_matched_to_the_registry() {
    use attrition_model::{Claim, ClaimKind, Hedge, Metric, Side};
    use jiff::civil::date;
    let now = record();
    let registry = attrition_sources::curated(date(2026, 11, 22)).unwrap();
    let claim = Claim {
        span: [0, 10],
        quote: "more than 1.1 million".into(),
        side: Some(Side::Russia),
        metric: Some(Metric::Casualties),
        low: Some(1_100_000.0),
        high: None,
        qualifier: Hedge::MoreThan,
        rate: None,
        period: None,
        cumulative: true,
        kind: ClaimKind::Value,
        rank: None,
        convention: None,
        net_of_corrections: false,
        attribution: Some("UK Defence Intelligence".into()),
        vague: false,
        unit: Some(100_000.0),
        subset: None,
        peak_days: None,
    };
    let day = date(2025, 12, 10);
    let as_of = now.as_of(day).unwrap();
    let checked = check(
        &claim,
        &CheckData { as_of: &as_of, now: &now, date: day, assessments: &registry, forecasts: &Forecasts::default() },
    );
    assert!(
        checked.registry.as_deref().is_some_and(|r| r.starts_with("ukmod-2025-11: UK Defence Intelligence")),
        "{checked:?}"
    );
    // Not attributed: no match is claimed.
    let anonymous = Claim { attribution: None, ..claim };
    let checked = check(
        &anonymous,
        &CheckData { as_of: &as_of, now: &now, date: day, assessments: &registry, forecasts: &Forecasts::default() },
    );
    assert_eq!(checked.registry, None);
}

#[test]
fn the_team_set_verdicts_are_reproduced_too() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/team/gold.jsonl");
    let gold: Vec<GoldClaim> = read_jsonl("team gold.jsonl", &std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(gold.len(), 289);
    let (counts, wrong) = replay(&gold);
    assert!(wrong.is_empty(), "{} of {} differ:\n{}", wrong.len(), gold.len(), wrong.join("\n"));
    let expected: std::collections::BTreeMap<&str, i32> =
        [("contradicted", 35), ("metric_mismatch", 5), ("not_checkable", 23), ("supported", 226)].into();
    assert_eq!(counts, expected);
}

/// "Passed 980,000 this week" speaks of the running total; "surpassed 40,000 in May" of May's own.
/// Figures read by hand from russia_losses_personnel.json: reports of 2025-05-01 953,190,
/// 2025-05-23 978,700, 2025-05-30 986,080; so May 1–29 (loss-day) is 32,890, May 23–29 is 7,380.
#[test]
fn milestones_are_read_only_where_the_period_total_cannot_be() {
    let now = record();
    let date = jiff::civil::date(2025, 5, 30);
    let as_of = now.as_of(date).unwrap();
    let forecasts = Forecasts::default();
    let data = CheckData { as_of: &as_of, now: &now, date, assessments: &[], forecasts: &forecasts };
    let text = "Russian troop losses passed 980,000 this week, the General Staff said. \
        In May, Russian losses surpassed 970,000. Russian losses surpassed 40,000 in May. \
        In May Russia lost more than 900,000 soldiers. Losses passed 990,000 this week.";
    let claims = attrition_claims::extract::extract(text, date);
    let checked: Vec<_> = claims.iter().map(|c| check(c, &data)).collect();
    let summary: Vec<(&str, &str, Option<f64>, bool)> =
        checked.iter().map(|c| (c.claim.quote.as_ref(), c.verdict.id(), c.truth, c.milestone)).collect();
    assert_eq!(
        summary,
        [
            ("passed 980,000 this week", "supported", Some(986_080.0), true),
            ("surpassed 970,000", "supported", Some(986_080.0), true),
            ("surpassed 40,000 in May", "contradicted", Some(32_890.0), false),
            // the running total was past 900,000 before May began: no milestone in May
            ("more than 900,000 soldiers", "contradicted", Some(32_890.0), false),
            // the running total had not reached 990,000 by the week's end
            ("passed 990,000 this week", "contradicted", Some(7_380.0), false),
        ]
    );
    assert!(
        checked[0].evidence.contains("978,700 (report 2025-05-23) → 986,080 (report 2025-05-30)"),
        "{}",
        checked[0].evidence
    );
    assert!(checked[0].evidence.contains("period's own total the figure would be 7,380"), "{}", checked[0].evidence);
    assert_eq!(checked[0].convention, Some(attrition_model::Convention::LossDay));
}

#[test]
fn a_subset_of_the_losses_is_not_checked_against_the_whole_count() {
    use attrition_model::{Claim, ClaimKind, Hedge, Metric, Side, Subset, VerdictKind};
    use jiff::civil::date;
    let now = record();
    let day = date(2023, 2, 9);
    let as_of = now.as_of(day).unwrap();
    // 3,255 tanks in the report of the day: 544 captured is a part of them, not a misstatement
    let captured = Claim {
        span: [0, 9],
        quote: "544 tanks".into(),
        side: Some(Side::Russia),
        metric: Some(Metric::Equipment(attrition_model::Category::Tanks)),
        low: Some(544.0),
        high: Some(544.0),
        qualifier: Hedge::Exact,
        rate: None,
        period: None,
        cumulative: true,
        kind: ClaimKind::Value,
        rank: None,
        convention: None,
        net_of_corrections: false,
        attribution: None,
        vague: false,
        unit: Some(1.0),
        subset: Some(Subset::Status),
        peak_days: None,
    };
    let data = CheckData { as_of: &as_of, now: &now, date: day, assessments: &[], forecasts: &Forecasts::default() };
    let checked = check(&captured, &data);
    assert_eq!(checked.verdict, VerdictKind::NotCheckable);
    assert!(checked.evidence.contains("captured, abandoned or damaged"), "{}", checked.evidence);
    // the same figure as the whole count is checked, and contradicted
    let whole = Claim { subset: None, ..captured };
    assert_eq!(check(&whole, &data).verdict, VerdictKind::Contradicted);
}

#[test]
fn a_peak_is_the_best_stretch_within_its_period() {
    use attrition_model::{Claim, ClaimKind, Hedge, Metric, Side, VerdictKind};
    use jiff::civil::date;
    let now = record();
    let day = date(2025, 1, 20);
    let as_of = now.as_of(day).unwrap();
    // November 2024's highest loss day: 738,660 (report of 29 November) − 736,630 (28 November)
    let peak = Claim {
        span: [0, 5],
        quote: "2,030".into(),
        side: Some(Side::Russia),
        metric: Some(Metric::PersonnelLosses),
        low: Some(2030.0),
        high: Some(2030.0),
        qualifier: Hedge::Exact,
        rate: None,
        period: Some([date(2024, 11, 1), date(2024, 11, 30)]),
        cumulative: false,
        kind: ClaimKind::Value,
        rank: None,
        convention: None,
        net_of_corrections: false,
        attribution: None,
        vague: false,
        unit: Some(10.0),
        subset: None,
        peak_days: Some(1),
    };
    let data = CheckData { as_of: &as_of, now: &now, date: day, assessments: &[], forecasts: &Forecasts::default() };
    let checked = check(&peak, &data);
    assert_eq!(checked.verdict, VerdictKind::Supported, "{}", checked.evidence);
    assert_eq!(checked.truth, Some(2030.0));
    assert!(checked.evidence.contains("2024-11-28"), "{}", checked.evidence);
    // as the month's own total it is far off
    let month = Claim { peak_days: None, ..peak };
    assert_eq!(check(&month, &data).verdict, VerdictKind::Contradicted);
}
