//! Extraction against the labelled sets: the shared development set (`../shared/claims-dev`),
//! the team's set (`tests/data/team`) and the held-out set (`tests/data/heldout`, written before
//! the grammar was changed for issue 6 and never tuned to). Claims are matched to gold claims by
//! span overlap (one to one, best overlap first), then every field is compared. The floors below
//! are what the grammar reaches on each set; a change that lowers any of them fails. Run with
//! `--nocapture` to see the table and every miss.
//!
//! Also: unit tests of the grammar pieces on sentences written for them, and property tests
//! (no panic, valid spans on arbitrary UTF-8; numbers written with every grouping read back).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::float_cmp, missing_docs)]

use attrition_claims::extract::{ExtractError, check_input, extract, text_from_bytes};
use attrition_model::{Category, Claim, ClaimKind, Convention, Hedge, Metric, RankOrder, RateUnit, Side, Subset};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The shared development set, or another in the same format named by `CLAIMS_EVAL_DIR` (the
/// floors of `shared_dev_set_scores` are the shared set's).
fn dev_dir() -> PathBuf {
    match std::env::var_os("CLAIMS_EVAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/claims-dev"),
    }
}

/// A labelled set kept in this crate.
fn own_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

#[derive(Debug, Clone)]
struct Gold {
    doc: String,
    quote: String,
    span: [usize; 2],
    side: String,
    metric: String,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: String,
    rate: Option<String>,
    period: Option<[String; 2]>,
    cumulative: bool,
    kind: String,
    convention: Option<String>,
    rank: Option<Value>,
}

fn read_jsonl(dir: &std::path::Path, name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn gold(dir: &std::path::Path) -> Vec<Gold> {
    read_jsonl(dir, "gold.jsonl")
        .into_iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().map(str::to_owned);
            let span = [v["span"][0].as_u64().unwrap() as usize, v["span"][1].as_u64().unwrap() as usize];
            Gold {
                doc: s("doc").unwrap(),
                quote: s("quote").unwrap(),
                span,
                side: s("side").unwrap(),
                metric: s("metric").unwrap(),
                low: v["low"].as_f64(),
                high: v["high"].as_f64(),
                qualifier: s("qualifier").unwrap(),
                rate: s("rate"),
                period: v["period"]
                    .as_array()
                    .map(|a| [a[0].as_str().unwrap().to_owned(), a[1].as_str().unwrap().to_owned()]),
                cumulative: v["cumulative"].as_bool().unwrap(),
                kind: s("kind").unwrap(),
                convention: s("convention"),
                rank: v.get("rank").cloned().filter(|r| !r.is_null()),
            }
        })
        .collect()
}

fn hedge_id(h: Hedge) -> &'static str {
    match h {
        Hedge::Exact => "exact",
        Hedge::About => "about",
        Hedge::AtLeast => "at_least",
        Hedge::MoreThan => "more_than",
        Hedge::UpTo => "up_to",
        Hedge::Nearly => "nearly",
        Hedge::LessThan => "less_than",
        Hedge::Range => "range",
    }
}

fn rate_id(r: Option<RateUnit>) -> Option<String> {
    r.map(|r| {
        match r {
            RateUnit::PerDay => "per_day",
            RateUnit::PerWeek => "per_week",
            RateUnit::PerMonth => "per_month",
            RateUnit::PerYear => "per_year",
        }
        .to_owned()
    })
}

fn kind_id(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Value => "value",
        ClaimKind::Rank => "rank",
        ClaimKind::Projection => "projection",
    }
}

const FIELDS: [&str; 11] =
    ["low", "high", "qualifier", "metric", "period", "side", "cumulative", "kind", "rate", "convention", "rank"];

/// Whether one field of a found claim agrees with the gold claim.
fn field_ok(field: &str, c: &Claim, g: &Gold) -> bool {
    let num = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-6,
        (None, None) => true,
        _ => false,
    };
    match field {
        "low" => num(c.low, g.low),
        "high" => num(c.high, g.high),
        "qualifier" => hedge_id(c.qualifier) == g.qualifier,
        "metric" => c.metric.map(Metric::id).as_deref() == Some(g.metric.as_str()),
        "period" => c.period.map(|[a, b]| [a.to_string(), b.to_string()]) == g.period,
        "side" => c.side.map(Side::id) == Some(g.side.as_str()),
        "cumulative" => c.cumulative == g.cumulative,
        "kind" => kind_id(c.kind) == g.kind,
        "rate" => rate_id(c.rate) == g.rate,
        // the convention the text states: report-day only where the label says so
        "convention" => {
            (c.convention == Some(Convention::ReportDay)) == (g.convention.as_deref() == Some("report-day"))
        }
        "rank" => match (&c.rank, &g.rank) {
            (None, None) => true,
            (Some(r), Some(v)) => {
                let order = if r.order == RankOrder::Highest { "highest" } else { "lowest" };
                let by = match r.by {
                    attrition_model::RankBy::Total => "total",
                    attrition_model::RankBy::DailyAverage => "daily_average",
                };
                let among = r.among.as_ref().map(|[a, b]| vec![a.clone(), b.clone()]);
                let gold_among =
                    v["among"].as_array().map(|a| a.iter().map(|x| x.as_str().unwrap().to_owned()).collect::<Vec<_>>());
                v["order"] == order && v["by"] == by && v["unit"] == r.unit.as_str() && among == gold_among
            }
            _ => false,
        },
        _ => unreachable!(),
    }
}

fn overlap(a: [usize; 2], b: [usize; 2]) -> usize {
    a[1].min(b[1]).saturating_sub(a[0].max(b[0]))
}

#[derive(Default)]
struct Report {
    gold: usize,
    found: usize,
    matched: usize,
    correct: BTreeMap<&'static str, usize>,
    distractor_hits: usize,
    log: String,
}

fn evaluate(dir: &std::path::Path) -> Report {
    let gold = gold(dir);
    let distractors = read_jsonl(dir, "distractors.jsonl");
    let mut docs: Vec<(String, Date)> = Vec::new();
    for g in &gold {
        if !docs.iter().any(|(d, _)| *d == g.doc) {
            let v = read_jsonl(dir, "gold.jsonl").into_iter().find(|v| v["doc"] == g.doc.as_str()).unwrap();
            docs.push((g.doc.clone(), v["date"].as_str().unwrap().parse().unwrap()));
        }
    }
    let mut r = Report::default();
    for (doc, day) in &docs {
        let text = std::fs::read_to_string(dir.join(format!("articles/{doc}.txt"))).unwrap();
        let found = extract(&text, *day);
        for c in &found {
            assert_eq!(&text[c.span[0]..c.span[1]], c.quote, "span and quote disagree");
        }
        let golds: Vec<&Gold> = gold.iter().filter(|g| g.doc == *doc).collect();
        for g in &golds {
            assert_eq!(&text[g.span[0]..g.span[1]], g.quote, "gold span");
        }
        // one-to-one matching, best pairs first
        let mut pairs = Vec::new();
        for (i, c) in found.iter().enumerate() {
            for (j, g) in golds.iter().enumerate() {
                let o = overlap(c.span, g.span);
                if o == 0 {
                    continue;
                }
                let union = c.span[1].max(g.span[1]) - c.span[0].min(g.span[0]);
                #[allow(clippy::cast_precision_loss)]
                let mut score = o as f64 / union as f64;
                if kind_id(c.kind) == g.kind {
                    score += 1.0;
                }
                if field_ok("low", c, g) && field_ok("high", c, g) {
                    score += 0.5;
                }
                pairs.push((score, i, j));
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut used_c = vec![false; found.len()];
        let mut used_g = vec![false; golds.len()];
        let mut matches = Vec::new();
        for (_, i, j) in pairs {
            if !used_c[i] && !used_g[j] {
                used_c[i] = true;
                used_g[j] = true;
                matches.push((i, j));
            }
        }
        r.gold += golds.len();
        r.found += found.len();
        r.matched += matches.len();
        for (i, j) in &matches {
            let (c, g) = (&found[*i], golds[*j]);
            let mut wrong = Vec::new();
            for f in FIELDS {
                if field_ok(f, c, g) {
                    *r.correct.entry(f).or_default() += 1;
                } else {
                    wrong.push(f);
                }
            }
            if !wrong.is_empty() {
                let _ = writeln!(r.log, "[{doc}] FIELDS {wrong:?} in {:?}", g.quote);
                let _ = writeln!(
                    r.log,
                    "      got  low={:?} high={:?} q={} m={:?} p={:?} side={:?} cum={} kind={} rate={:?} conv={:?} rank={:?}",
                    c.low,
                    c.high,
                    hedge_id(c.qualifier),
                    c.metric.map(Metric::id),
                    c.period.map(|[a, b]| format!("{a}..{b}")),
                    c.side.map(Side::id),
                    c.cumulative,
                    kind_id(c.kind),
                    rate_id(c.rate),
                    c.convention,
                    c.rank.as_ref().map(|r| (r.order, r.by, r.among.clone())),
                );
                let _ = writeln!(
                    r.log,
                    "      want low={:?} high={:?} q={} m={} p={:?} side={} cum={} kind={} rate={:?} conv={:?} rank={:?}",
                    g.low,
                    g.high,
                    g.qualifier,
                    g.metric,
                    g.period,
                    g.side,
                    g.cumulative,
                    g.kind,
                    g.rate,
                    g.convention,
                    g.rank
                );
            }
        }
        for (j, g) in golds.iter().enumerate() {
            if !used_g[j] {
                let _ = writeln!(r.log, "[{doc}] MISSED {:?} ({} {:?})", g.quote, g.metric, g.low.or(g.high));
            }
        }
        for (i, c) in found.iter().enumerate() {
            if !used_c[i] {
                let on_distractor = distractors.iter().any(|v| {
                    v["doc"] == doc.as_str()
                        && overlap(
                            c.span,
                            [v["span"][0].as_u64().unwrap() as usize, v["span"][1].as_u64().unwrap() as usize],
                        ) > 0
                });
                if on_distractor {
                    r.distractor_hits += 1;
                }
                let _ = writeln!(
                    r.log,
                    "[{doc}] EXTRA {}{:?} ({:?} {:?} {})",
                    if on_distractor { "ON DISTRACTOR " } else { "" },
                    c.quote,
                    c.metric.map(Metric::id),
                    c.low.or(c.high),
                    kind_id(c.kind)
                );
            }
        }
    }
    r
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The scores of one set, printed, and checked against its floors.
fn check_scores(dir: &std::path::Path, floors: &Floors) {
    let r = evaluate(dir);
    let precision = ratio(r.matched, r.found);
    let recall = ratio(r.matched, r.gold);
    println!("{}", r.log);
    println!(
        "claims: gold {} found {} matched {} precision {precision:.3} recall {recall:.3}",
        r.gold, r.found, r.matched
    );
    println!("claims on distractor spans: {}", r.distractor_hits);
    println!("{:<12} {:>8} {:>9} {:>7} {:>7}", "field", "accuracy", "precision", "recall", "F1");
    let mut accuracy = BTreeMap::new();
    for f in FIELDS {
        let ok = r.correct.get(f).copied().unwrap_or(0);
        let p = ratio(ok, r.found);
        let rec = ratio(ok, r.gold);
        let f1 = if p + rec > 0.0 { 2.0 * p * rec / (p + rec) } else { 0.0 };
        let acc = ratio(ok, r.matched);
        accuracy.insert(f, acc);
        println!("{f:<12} {acc:>8.3} {p:>9.3} {rec:>7.3} {f1:>7.3}");
    }
    // floors: what the grammar reaches on this set (a regression test)
    assert!(precision >= floors.precision, "claim precision {precision:.3}");
    assert!(recall >= floors.recall, "claim recall {recall:.3}");
    assert!(r.distractor_hits <= floors.distractor_hits, "{} claims on distractors", r.distractor_hits);
    for (f, floor) in floors.fields {
        assert!(accuracy[f] >= *floor, "{f} accuracy {:.3} below {floor}", accuracy[f]);
    }
}

/// What a set must keep scoring: claim precision and recall, at most so many claims on
/// distractors, and each field's accuracy over matched claims.
struct Floors {
    precision: f64,
    recall: f64,
    distractor_hits: usize,
    fields: &'static [(&'static str, f64)],
}

#[test]
fn shared_dev_set_scores() {
    check_scores(
        &dev_dir(),
        &Floors {
            precision: FLOOR_PRECISION,
            recall: FLOOR_RECALL,
            distractor_hits: MAX_DISTRACTOR_HITS,
            fields: FLOOR_FIELDS,
        },
    );
}

#[test]
fn team_set_scores() {
    check_scores(&own_dir("team"), &TEAM_FLOORS);
}

#[test]
fn held_out_set_scores() {
    check_scores(&own_dir("heldout"), &HELD_OUT_FLOORS);
}

#[test]
fn second_held_out_set_scores() {
    check_scores(&own_dir("heldout2"), &HELD_OUT_2_FLOORS);
}

// Floors: what the grammar reaches on the shared set (precision and recall 1.000, every field but
// `period` at 1.000, period 0.982: two claims whose period comes from an assessment registry
// rather than from the text, and "identified more than 100,000 … by April", read as of the end of
// April where the label has the text's date). Kept a little below so that unrelated edits do not trip them, high
// enough that losing one claim does.
const FLOOR_PRECISION: f64 = 0.99;
const FLOOR_RECALL: f64 = 0.99;
/// No claim on a distractor span.
const MAX_DISTRACTOR_HITS: usize = 0;
const FLOOR_FIELDS: &[(&str, f64)] = &[
    ("low", 0.99),
    ("high", 0.99),
    ("qualifier", 0.99),
    ("metric", 0.99),
    ("period", 0.98),
    ("side", 0.99),
    ("cumulative", 0.99),
    ("kind", 0.99),
    ("rate", 0.99),
    ("convention", 0.99),
    ("rank", 0.99),
];

/// Measured on the team's set (precision 1.000, recall 0.997, every field's accuracy 0.997 or
/// more but `period`, 0.976), less a little.
const TEAM_FLOORS: Floors = Floors {
    precision: 0.99,
    recall: 0.99,
    distractor_hits: 0,
    fields: &[
        ("low", 0.99),
        ("high", 0.99),
        ("qualifier", 0.99),
        ("metric", 0.99),
        ("period", 0.96),
        ("side", 0.99),
        ("cumulative", 0.99),
        ("kind", 0.99),
        ("rate", 0.99),
        ("convention", 0.99),
        ("rank", 0.99),
    ],
};

/// Measured on the held-out set (precision 0.978, recall 0.918, 3 claims on distractors; period
/// 0.815 and cumulative 0.948 of matched claims the weakest fields), less a little. It was first
/// scored blind; the failure classes it showed were then worked on with the team's own sentences
/// (its README says which), so `heldout2` is now the blind measure.
const HELD_OUT_FLOORS: Floors = Floors {
    precision: 0.96,
    recall: 0.90,
    distractor_hits: 3,
    fields: &[
        ("low", 0.98),
        ("high", 0.97),
        ("qualifier", 0.96),
        ("metric", 0.94),
        ("period", 0.79),
        ("side", 0.95),
        ("cumulative", 0.93),
        ("kind", 0.97),
        ("rate", 0.98),
        ("convention", 0.98),
        ("rank", 0.98),
    ],
};

/// Measured blind on the second held-out set, written without sight of the grammar (precision
/// 0.901, recall 0.853, 14 claims on distractors, most of them footnote markers; period 0.752 and
/// cumulative 0.883 of matched claims the weakest fields; see its README), less a little.
const HELD_OUT_2_FLOORS: Floors = Floors {
    precision: 0.88,
    recall: 0.83,
    distractor_hits: 14,
    fields: &[
        ("low", 0.98),
        ("high", 0.97),
        ("qualifier", 0.97),
        ("metric", 0.92),
        ("period", 0.73),
        ("side", 0.94),
        ("cumulative", 0.86),
        ("kind", 0.97),
        ("rate", 0.98),
        ("convention", 0.98),
        ("rank", 0.98),
    ],
};

// ---------------------------------------------------------------------------------------------
// The API

#[test]
fn bytes_that_are_not_text_are_refused_with_their_offset() {
    assert_eq!(text_from_bytes(b"Russia lost 100 tanks"), Ok("Russia lost 100 tanks"));
    assert_eq!(text_from_bytes(b"ok \xff\xfe"), Err(ExtractError::NotUtf8 { offset: 3 }));
    assert_eq!(text_from_bytes(b"abc\0def"), Err(ExtractError::Nul { offset: 3 }));
    let message = text_from_bytes(b"abc\0def").unwrap_err().to_string();
    assert!(message.contains("byte offset 3"), "{message}");
    let message = text_from_bytes(b"12\xc3").unwrap_err().to_string();
    assert!(message.contains("byte offset 2"), "{message}");
}

#[test]
fn empty_binary_and_enormous_inputs_are_refused() {
    assert_eq!(check_input(""), Err(ExtractError::Empty));
    assert_eq!(check_input(" \n\t\n"), Err(ExtractError::Empty));
    assert_eq!(check_input("a\nb\0"), Err(ExtractError::Nul { offset: 3 }));
    let long = format!("short line\n{}\n", "x".repeat(attrition_claims::extract::MAX_LINE_BYTES + 1));
    assert_eq!(
        check_input(&long),
        Err(ExtractError::LineTooLong { line: 2, offset: 11, limit: attrition_claims::extract::MAX_LINE_BYTES })
    );
    assert!(check_input("Russia lost 100 tanks.\n").is_ok());
    // extraction itself never fails: nothing to read, nothing found
    assert!(extract("", date(2024, 1, 1)).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Grammar pieces, on sentences written for these tests

const D: Date = date(2024, 6, 3);

fn one(text: &str) -> Claim<'_> {
    one_on(text, D)
}

fn one_on(text: &str, day: Date) -> Claim<'_> {
    let claims = extract(text, day);
    assert_eq!(claims.len(), 1, "{text:?}: {claims:#?}");
    claims.into_iter().next().unwrap()
}

fn values(text: &str) -> Vec<(Option<f64>, Option<f64>)> {
    extract(text, D).into_iter().map(|c| (c.low, c.high)).collect()
}

#[test]
fn numbers_as_written() {
    let cases: &[(&str, f64, Option<f64>)] = &[
        ("Russia lost 1,240 tanks in May.", 1240.0, Some(10.0)),
        ("Russia lost 1 240 tanks in May.", 1240.0, Some(10.0)),
        ("Russia lost 1\u{a0}240 tanks in May.", 1240.0, Some(10.0)),
        ("Russia lost 1\u{202f}240 tanks in May.", 1240.0, Some(10.0)),
        ("Russia lost 1240 tanks in May.", 1240.0, Some(10.0)),
        ("Russia has lost 1.2 million troops, Kyiv says.", 1_200_000.0, Some(100_000.0)),
        ("Russia has lost 1.2mn troops, Kyiv says.", 1_200_000.0, Some(100_000.0)),
        ("Russia has lost 1.45m troops, Kyiv says.", 1_450_000.0, Some(10_000.0)),
        ("Russia has lost 600K troops, Kyiv says.", 600_000.0, Some(100_000.0)),
        ("Russia has lost 600k troops, Kyiv says.", 600_000.0, Some(100_000.0)),
        ("Russia has lost half a million troops, Kyiv says.", 500_000.0, None),
        ("Russia has lost three-quarters of a million troops, Kyiv says.", 750_000.0, None),
        ("Russia lost twenty-one tanks in May.", 21.0, None),
        ("Russia has lost six hundred thousand troops, Kyiv says.", 600_000.0, None),
        ("Russia has lost 1.400.970 troops, Kyiv says.", 1_400_970.0, Some(10.0)),
        ("Russia has lost 35,000 troops, Kyiv says.", 35_000.0, Some(1000.0)),
    ];
    for &(text, value, unit) in cases {
        let c = one(text);
        assert_eq!(c.low, Some(value), "{text}");
        assert_eq!(c.unit, unit, "{text}");
    }
}

#[test]
fn ranges_and_vague_amounts() {
    assert_eq!(values("Officials put Russian deaths at 20,000 to 25,000."), vec![(Some(20_000.0), Some(25_000.0))]);
    assert_eq!(
        values("Officials put Russian deaths at between 20,000 and 25,000."),
        vec![(Some(20_000.0), Some(25_000.0))]
    );
    assert_eq!(values("Officials put Russian deaths at 20-25,000."), vec![(Some(20_000.0), Some(25_000.0))]);
    assert_eq!(values("Officials put Russian deaths at 1-2 million."), vec![(Some(1e6), Some(2e6))]);
    let c = one("Tens of thousands of Russian soldiers have been killed, officials say.");
    assert!(c.vague);
    assert_eq!((c.low, c.high, c.qualifier), (Some(10_000.0), Some(100_000.0), Hedge::Range));
    assert_eq!(c.metric, Some(Metric::Killed));
    let c = one("Russia lost hundreds of tanks near Avdiivka last year.");
    assert!(c.vague);
    assert_eq!((c.low, c.high), (Some(100.0), Some(1000.0)));
    let c = one("Dozens of Russian helicopters were destroyed in 2022.");
    assert_eq!((c.low, c.high), (Some(12.0), Some(100.0)));
}

#[test]
fn qualifiers_become_hedges_with_open_bounds() {
    let cases: &[(&str, Hedge, Option<f64>, Option<f64>)] = &[
        ("Russia lost 500 tanks in May.", Hedge::Exact, Some(500.0), Some(500.0)),
        ("Russia lost about 500 tanks in May.", Hedge::About, Some(500.0), Some(500.0)),
        ("Russia lost an estimated 500 tanks in May.", Hedge::About, Some(500.0), Some(500.0)),
        ("Russia lost roughly 500 tanks in May.", Hedge::About, Some(500.0), Some(500.0)),
        ("Russia lost at least 500 tanks in May.", Hedge::AtLeast, Some(500.0), None),
        ("Russia lost no fewer than 500 tanks in May.", Hedge::AtLeast, Some(500.0), None),
        ("Russia lost more than 500 tanks in May.", Hedge::MoreThan, Some(500.0), None),
        ("Russia lost over 500 tanks in May.", Hedge::MoreThan, Some(500.0), None),
        ("Russia lost in excess of 500 tanks in May.", Hedge::MoreThan, Some(500.0), None),
        ("Russia's tank losses surpassed 500 in May.", Hedge::MoreThan, Some(500.0), None),
        ("Russia lost up to 500 tanks in May.", Hedge::UpTo, None, Some(500.0)),
        ("Russia lost as many as 500 tanks in May.", Hedge::UpTo, None, Some(500.0)),
        ("Russia lost nearly 500 tanks in May.", Hedge::Nearly, Some(500.0), Some(500.0)),
        ("Russia lost just under 500 tanks in May.", Hedge::Nearly, Some(500.0), Some(500.0)),
        ("Russia lost close to 500 tanks in May.", Hedge::Nearly, Some(500.0), Some(500.0)),
        ("Russia lost fewer than 500 tanks in May.", Hedge::LessThan, None, Some(500.0)),
        ("Russia lost well under 500 tanks in May.", Hedge::LessThan, None, Some(500.0)),
    ];
    for &(text, hedge, low, high) in cases {
        let c = one(text);
        assert_eq!((c.qualifier, c.low, c.high), (hedge, low, high), "{text}");
    }
}

type Days = Option<(String, String)>;

fn period(c: &Claim) -> Days {
    c.period.map(|[a, b]| (a.to_string(), b.to_string()))
}

fn p(a: &str, b: &str) -> Days {
    Some((a.to_owned(), b.to_owned()))
}

#[test]
fn periods_resolve_to_loss_days() {
    // D = 2024-06-03: the last loss day reported is 2024-06-02
    let cases: &[(&str, Days, bool)] = &[
        ("Russia lost 1,100 soldiers in the past 24 hours, Kyiv says.", p("2024-06-02", "2024-06-02"), false),
        ("Kyiv says Russia lost 8,100 soldiers over the past week.", p("2024-05-27", "2024-06-02"), false),
        ("Kyiv says Russia lost 38,900 soldiers in May.", p("2024-05-01", "2024-05-31"), false),
        ("Kyiv says Russia lost 30,000 soldiers in September.", p("2023-09-01", "2023-09-30"), false),
        ("Kyiv says Russia lost 2,100 soldiers so far this month.", p("2024-06-01", "2024-06-02"), false),
        ("Kyiv says Russia lost 250,000 soldiers last year.", p("2023-01-01", "2023-12-31"), false),
        ("Kyiv says Russia lost 250,000 soldiers in 2023.", p("2023-01-01", "2023-12-31"), false),
        ("Since October 1, Kyiv says, Russia has lost 200,000 soldiers.", p("2023-10-01", "2024-06-02"), false),
        (
            "Kyiv says Russia lost 100,000 soldiers in the three months to the end of April.",
            p("2024-02-01", "2024-04-30"),
            false,
        ),
        ("Russia has lost 500,000 soldiers since the start of the full-scale invasion, Kyiv says.", None, true),
        ("Kyiv says Russia lost 90,000 soldiers in January-March.", p("2024-01-01", "2024-03-31"), false),
        ("Kyiv says Russia lost 9,000 soldiers in the seven days to 20 May.", p("2024-05-14", "2024-05-20"), false),
        (
            "Kyiv says Russia lost 14,000 soldiers in the first twelve days of May.",
            p("2024-05-01", "2024-05-12"),
            false,
        ),
        ("Kyiv says Russia lost 160,000 soldiers over the past six months.", p("2024-01-01", "2024-06-02"), false),
        ("Kyiv says Russia lost 2,900 soldiers over the weekend.", p("2024-06-01", "2024-06-02"), false),
        ("Kyiv says Russia lost 210,000 soldiers in the first half of 2024.", p("2024-01-01", "2024-06-02"), false),
        (
            "Kyiv says Russia lost 110,000 soldiers in the first three months of the year.",
            p("2024-01-01", "2024-03-31"),
            false,
        ),
        ("Kyiv says Russia lost 110,000 soldiers between January and March.", p("2024-01-01", "2024-03-31"), false),
        ("Kyiv says Russia lost 37,000 soldiers in the month to 30 April.", p("2024-04-01", "2024-04-30"), false),
        ("Kyiv says Russia lost 36,000 soldiers in the week ending 12 May.", p("2024-05-06", "2024-05-12"), false),
        ("Kyiv says Russia lost 1,200 soldiers in the 24 hours to 8 a.m.", p("2024-06-02", "2024-06-02"), false),
        ("Kyiv says Russia lost 118,000 soldiers in the first year of the war.", p("2022-02-24", "2023-02-23"), false),
        ("Kyiv says Russia's losses stood at 480,000 as of 1 May.", p("2022-02-24", "2024-04-30"), true),
    ];
    for (text, want, cumulative) in cases {
        let c = extract(text, D).into_iter().next().unwrap_or_else(|| panic!("nothing in {text:?}"));
        assert_eq!(period(&c), *want, "{text}");
        assert_eq!(c.cumulative, *cumulative, "{text}");
    }
}

#[test]
fn totals_as_of_a_date_and_topic_periods() {
    let c = one("The tally passed 500,000 on 20 May, the General Staff said.");
    assert!(c.cumulative);
    assert_eq!(period(&c), p("2022-02-24", "2024-05-19"));
    assert_eq!(c.qualifier, Hedge::MoreThan);
    // a rate with no period of its own takes the paragraph's
    let claims = extract("Kyiv says Russia lost 38,900 soldiers in May. That is about 1,255 a day.", D);
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[1].rate, Some(RateUnit::PerDay));
    assert_eq!(period(&claims[1]), p("2024-05-01", "2024-05-31"));
    // a relative period
    let claims = extract("Kyiv says Russia lost 38,900 soldiers in May. A month earlier it lost about 29,000.", D);
    assert_eq!(period(&claims[1]), p("2024-04-01", "2024-04-30"));
}

#[test]
fn a_daily_update_goes_on_and_months_join() {
    let text = "The Ministry of Defence of Ukraine said Russia lost 1,090 soldiers over the past day. \
                Ukrainian forces also destroyed 14 tanks, 27 armoured combat vehicles and 41 artillery systems.";
    let claims = extract(text, D);
    assert_eq!(claims.len(), 4, "{claims:#?}");
    for c in &claims {
        assert_eq!(period(c), p("2024-06-02", "2024-06-02"), "{}", c.quote);
    }
    assert_eq!(claims[0].attribution.as_deref(), Some("Ukraine's Ministry of Defence"));
    // people and equipment listed together share the period that closes the list
    for text in [
        "Russian forces lost 1,230 soldiers and 14 tanks in the past 24 hours.",
        "Russia lost 1,230 troops, 14 tanks and 30 drones over the past day, the General Staff said.",
    ] {
        let claims = extract(text, D);
        assert!(claims.len() >= 2, "{text}: {claims:#?}");
        for c in &claims {
            assert_eq!(period(c), p("2024-06-02", "2024-06-02"), "{text}: {}", c.quote);
            assert!(!c.cumulative, "{text}: {}", c.quote);
        }
    }
    // a list counted "in a single day" is an event count for every figure, none a running total
    let claims = extract("Russia lost 1,050 personnel, 3 tanks and 85 drones in a single day, Kyiv said.", D);
    assert_eq!(claims.len(), 3, "{claims:#?}");
    assert!(claims.iter().all(|c| !c.cumulative && c.period.is_none()), "{claims:#?}");
    let c =
        one("Analysts at the Institute for the Study of War estimate 125,800 Russian casualties in March and April.");
    assert_eq!(period(&c), p("2024-03-01", "2024-04-30"));
    assert_eq!(c.attribution.as_deref(), Some("ISW"));
    assert_eq!(c.metric, Some(Metric::Casualties));
}

#[test]
fn spoken_numbers_questions_and_channel_posts() {
    let c = one("PRESENTER: Kyiv says Russia has now lost more than one point two million troops.");
    assert_eq!((c.low, c.qualifier), (Some(1_200_000.0), Hedge::MoreThan));
    let c = one("Moscow claims it has killed forty-odd thousand Ukrainian soldiers since January.");
    assert_eq!((c.low, c.qualifier, c.side), (Some(40_000.0), Hedge::About, Some(Side::Ukraine)));
    // an answer's bare figure answers the question
    let claims = extract("Q: How many Russian soldiers died in 2023?\nA: We think about 90,000.", D);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].metric, Some(Metric::Killed));
    assert_eq!(period(&claims[0]), p("2023-01-01", "2023-12-31"));
    // a channel's post: "label: ~count (+increment)"
    let claims = extract("Losses of the enemy as of 03.06.2024:\nPersonnel: ~512,420 (+1,290)\nTanks: 7,681 (+14)", D);
    let got: Vec<(Option<f64>, bool, Hedge)> = claims.iter().map(|c| (c.low, c.cumulative, c.qualifier)).collect();
    assert_eq!(
        got,
        vec![
            (Some(512_420.0), true, Hedge::About),
            (Some(1290.0), false, Hedge::Exact),
            (Some(7681.0), true, Hedge::Exact),
            (Some(14.0), false, Hedge::Exact),
        ]
    );
    // "label: number" with a time in the label is a sentence, not a report line
    let claims = extract("Russian personnel losses this week: 8,640.", D);
    assert_eq!(claims.len(), 1);
    assert!(!claims[0].cumulative);
}

#[test]
fn noun_phrases_around_the_number() {
    assert_eq!(
        metric_of("Ukraine's air force says it downed 2 Su-25 jets this week."),
        Some("equipment:aircraft".into())
    );
    assert_eq!(metric_of("Britain estimates that up to 200,000 Russian soldiers were killed."), Some("killed".into()));
    let claims = extract("Of the 12,000 tanks Russia has lost, about 3,000 were destroyed in 2023, Kyiv says.", D);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[1].metric, Some(Metric::Equipment(attrition_model::Category::Tanks)));
    assert_eq!(period(&claims[1]), p("2023-01-01", "2023-12-31"));
    let c = one("Britain estimates Russian casualties at 700,000.");
    assert_eq!((c.metric, c.attribution.as_deref()), (Some(Metric::Casualties), Some("the UK government")));
    // "the highest this month" ranks days, not months
    let claims = extract("Yesterday's losses, 1,400 soldiers, were the highest this month, the General Staff said.", D);
    assert!(claims.iter().all(|c| c.kind != ClaimKind::Rank), "{claims:#?}");
}

#[test]
fn rates() {
    let cases: &[(&str, RateUnit)] = &[
        ("Russia is losing about 1,200 soldiers a day, Kyiv says.", RateUnit::PerDay),
        ("Russia is losing about 1,200 soldiers per day, Kyiv says.", RateUnit::PerDay),
        ("Russia is losing about 1,200 soldiers every day, Kyiv says.", RateUnit::PerDay),
        ("Russia is losing about 8,000 soldiers a week, Kyiv says.", RateUnit::PerWeek),
        ("Russia recruits some 30,000 contract soldiers each month.", RateUnit::PerMonth),
        ("Kyiv says losses in May were a daily average of 1,255.", RateUnit::PerDay),
        // a rate word on the loss noun before the figure
        ("Russia's daily losses averaged 1,100 in May, Kyiv says.", RateUnit::PerDay),
        ("Russia's average daily losses in May were 1,140, according to Kyiv.", RateUnit::PerDay),
        ("Daily Russian losses in May averaged about 1,140, according to Kyiv.", RateUnit::PerDay),
        ("Monthly losses reached 35,000 in May, according to Kyiv.", RateUnit::PerMonth),
    ];
    for &(text, rate) in cases {
        let c = one(text);
        assert_eq!(c.rate, Some(rate), "{text}");
        assert!(!c.cumulative, "{text}");
    }
    // a rate word on something else is no rate
    let c = one("The daily report said Russia lost 1,140 soldiers in May.");
    assert_eq!(c.rate, None);
}

fn metric_of(text: &str) -> Option<String> {
    one(text).metric.map(Metric::id)
}

#[test]
fn metrics_of_equipment() {
    let cases = [
        ("Russia lost 12 tanks in May.", "equipment:tanks"),
        ("Russia lost 12 armoured personnel carriers in May.", "equipment:afv"),
        ("Russia lost 12 infantry fighting vehicles in May.", "equipment:afv"),
        ("Russia lost 12 IFVs in May.", "equipment:afv"),
        ("Russia lost 12 artillery systems in May.", "equipment:artillery"),
        ("Russia lost 12 howitzers in May.", "equipment:artillery"),
        ("Russia lost 12 multiple rocket launchers in May.", "equipment:mlrs"),
        ("Russia lost 12 air defence systems in May.", "equipment:air_defense"),
        ("Russia lost 12 jets in May.", "equipment:aircraft"),
        ("Russia lost 12 helicopters in May.", "equipment:helicopters"),
        ("Russia lost 12 UAVs in May.", "equipment:uav"),
        ("Ukraine shot down 12 cruise missiles in May.", "equipment:cruise_missiles"),
        ("Russia lost 12 boats in May.", "equipment:ships"),
        ("Russia lost 2 submarines in 2023.", "equipment:submarines"),
        ("Russia lost 120 fuel tankers in May.", "equipment:vehicles"),
        ("Russia lost 120 trucks in May.", "equipment:vehicles"),
        ("Russia lost 12 pieces of special equipment in May.", "equipment:special_equipment"),
    ];
    for (text, want) in cases {
        let claims = extract(text, D);
        assert_eq!(
            claims.iter().map(|c| c.metric.map(Metric::id)).collect::<Vec<_>>(),
            vec![Some(want.to_owned())],
            "{text}"
        );
    }
}

#[test]
fn metrics_of_people() {
    // the General Staff's count whatever the wording
    assert_eq!(
        metric_of("The General Staff says Russia lost 1,200 soldiers killed or wounded yesterday."),
        Some("personnel_losses".into())
    );
    assert_eq!(
        metric_of("Russia suffered 1,200 casualties yesterday, according to the General Staff."),
        Some("personnel_losses".into())
    );
    // deaths stay deaths, even from Kyiv
    assert_eq!(metric_of("Kyiv says 400,000 Russian soldiers have been killed."), Some("killed".into()));
    // others' killed-and-wounded figures are casualties
    assert_eq!(
        metric_of("The Pentagon estimates that Russia has suffered 700,000 casualties."),
        Some("casualties".into())
    );
    assert_eq!(metric_of("NATO says 300,000 Russian troops have been wounded."), Some("wounded".into()));
    assert_eq!(
        metric_of("Mediazona has identified 100,000 dead Russian soldiers by name."),
        Some("named_killed".into())
    );
    assert_eq!(
        metric_of("Russia recruited 30,000 contract soldiers in May, officials in Moscow said."),
        Some("recruited".into())
    );
    assert_eq!(metric_of("The autumn call-up will draft 133,000 conscripts."), Some("conscripted".into()));
    assert_eq!(metric_of("Moscow mobilised 300,000 reservists in 2022."), Some("mobilized".into()));
    // the comparison in the issue: the conscription figure keeps its metric
    let claims =
        extract("The 130,000 conscripts Russia calls up this spring would replace only 14 weeks of casualties.", D);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].metric, Some(Metric::Conscripted));
}

#[test]
fn sides() {
    assert_eq!(one("Moscow claims Ukraine has lost 500,000 troops since 2022.").side, Some(Side::Ukraine));
    assert_eq!(
        one("Russia's defence ministry says 2,000 Ukrainian soldiers were killed last week.").side,
        Some(Side::Ukraine)
    );
    assert_eq!(one("Zelensky said 43,000 Ukrainian soldiers had been killed.").side, Some(Side::Ukraine));
    assert_eq!(one("Kyiv says Russia lost 1,200 soldiers yesterday.").side, Some(Side::Russia));
    assert_eq!(one("Ukraine's forces destroyed 12 Russian tanks yesterday.").side, Some(Side::Russia));
    let claims = extract("Kyiv says Russia lost 1,200 soldiers yesterday, while Moscow claims Ukraine lost 600.", D);
    assert_eq!(claims.iter().map(|c| c.side).collect::<Vec<_>>(), vec![Some(Side::Russia), Some(Side::Ukraine)]);
}

/// Whose losses a figure is, when its own words do not say: the figure before it in a list, the
/// paragraph's, and Moscow's subject for as long as Moscow speaks.
#[test]
fn sides_carried_from_context() {
    let sides = |text: &str| extract(text, D).iter().map(|c| (c.low, c.side)).collect::<Vec<_>>();
    let (r, u) = (Some(Side::Russia), Some(Side::Ukraine));
    // a list after a named loser
    assert_eq!(
        sides("The Russian ministry said Ukrainian units also lost 40 tanks, 12 aircraft and 9 helicopters."),
        vec![(Some(40.0), u), (Some(12.0), u), (Some(9.0), u)]
    );
    // a name with its abbreviation in brackets before the verb
    assert_eq!(sides("The Armed Forces of Ukraine (AFU) have lost 900 soldiers, Moscow says."), vec![(Some(900.0), u)]);
    // a place is not the loser
    assert_eq!(sides("Russia's forces in Ukraine lost 1,020 soldiers on Monday."), vec![(Some(1020.0), r)]);
    // Moscow speaking: its later paragraphs are about Ukraine's losses, until Kyiv speaks
    let text = "Ukrainian forces lost 2,100 soldiers in a week, the Russian Defence Ministry said.\n\n\
        Over the same week, 14 tanks were destroyed.\n\n\
        Ukraine's General Staff said 8,400 Russian soldiers were lost in the week.\n\n\
        The week also cost 31 tanks.";
    assert_eq!(sides(text), vec![(Some(2100.0), u), (Some(14.0), u), (Some(8400.0), r), (Some(31.0), r)]);
    // without Moscow as the speaker, a Ukrainian figure does not colour the next paragraph
    let text = "Zelensky said 43,000 Ukrainian soldiers had been killed.\n\nThe General Staff counts 790,000 Russian losses.\n\nTanks: 9,000.";
    assert_eq!(sides(text).last(), Some(&(Some(9000.0), r)));
}

#[test]
fn attributions() {
    let c = one("UK Defence Intelligence said Russia has suffered about 450,000 casualties.");
    assert_eq!(c.attribution.as_deref(), Some("UK Defence Intelligence"));
    let c = one("According to ISW, Russia lost 1,000 personnel per day in November.");
    assert_eq!(c.attribution.as_deref(), Some("ISW"));
    let c = one("CSIS estimates that 250,000 Russian soldiers have been killed.");
    assert_eq!(c.attribution.as_deref(), Some("CSIS"));
}

#[test]
fn numbers_that_are_not_losses() {
    let texts = [
        "Police recorded 1,200 burglaries in Moscow last month.",
        "Inflation reached 9.2% in May.",
        "The soldier, 27, was awarded a medal.",
        "Men aged 18 to 30 are eligible for the call-up.",
        "The front line runs for 1,200 km.",
        "A loaf of bread costs 60 roubles.",
        "Kharkiv, a city of 1.4 million, was shelled again.",
        "Russia launched 120 drones and 8 missiles at Kyiv overnight.",
        "The strike injured 16 civilians.",
        "Some 11,000 North Korean troops are deployed in Kursk.",
        "On day 1,000 of the war, sirens sounded in 14 regions.",
        "The report covers 24.02.22 to 17.05.23.",
        "The talks lasted 3 hours and ended at 8 p.m.",
        "The war entered its 1,200th day on Tuesday.",
        "Bonuses exceed $20,000 in some regions.",
        "More than 90 countries signed the declaration in 2024.",
    ];
    for text in texts {
        let claims = extract(text, D);
        assert!(claims.is_empty(), "{text:?}: {claims:#?}");
    }
}

#[test]
fn ranks_and_projections() {
    let claims = extract("Kyiv says Russia lost 38,900 soldiers in May, the deadliest month of the war.", D);
    let rank = claims.iter().find(|c| c.kind == ClaimKind::Rank).expect("a rank claim");
    assert_eq!((rank.low, rank.high), (Some(1.0), Some(1.0)));
    assert_eq!(period(rank), p("2024-05-01", "2024-05-31"));
    let spec = rank.rank.as_ref().unwrap();
    assert_eq!(spec.order, RankOrder::Highest);
    assert_eq!(spec.among, Some(["2022-03".to_owned(), "2024-05".to_owned()]));

    let claims = extract("Kyiv says April, with 29,000 losses, was only the fourth-highest month of the war.", D);
    let rank = claims.iter().find(|c| c.kind == ClaimKind::Rank).expect("a rank claim");
    assert_eq!(rank.low, Some(4.0));

    let claims = extract("Kyiv says Russia lost 180 tanks in May, the lowest monthly tank figure since last June.", D);
    let rank = claims.iter().find(|c| c.kind == ClaimKind::Rank).expect("a rank claim");
    let spec = rank.rank.as_ref().unwrap();
    assert_eq!(spec.order, RankOrder::Lowest);
    assert_eq!(spec.among, Some(["2023-07".to_owned(), "2024-05".to_owned()]));
    assert_eq!(rank.metric, Some(Metric::Equipment(attrition_model::Category::Tanks)));

    let claims = extract("Kyiv says the count will pass 600,000 by the end of September.", D);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].kind, ClaimKind::Projection);
    assert_eq!(period(&claims[0]), p("2024-06-03", "2024-09-30"));
    assert_eq!((claims[0].qualifier, claims[0].low, claims[0].high), (Hedge::MoreThan, Some(600_000.0), None));

    // superlatives about years are not ranks of months; headlines are not read for ranks
    let claims = extract("The third year of the war was the bloodiest, Kyiv says: Russia lost 460,000 soldiers.", D);
    assert!(claims.iter().all(|c| c.kind != ClaimKind::Rank), "{claims:#?}");
    assert!(extract("PUTIN'S BLOODIEST MONTH\n\nText.", D).is_empty());
}

#[test]
fn the_daily_report() {
    let text = "The report, as published:\n\
                personnel \u{2012} about 512\u{a0}420 (+1\u{a0}290) persons,\n\
                tanks \u{2012} 7\u{a0}681 (+14),\n\
                MLRS \u{2012} 1\u{a0}069 (+1),\n\
                anti-aircraft warfare systems \u{2012} 801 (+0),\n\
                warships / boats \u{2012} 28 (0),\n";
    let claims = extract(text, date(2024, 6, 4));
    let ids: Vec<(String, f64, bool)> =
        claims.iter().map(|c| (c.metric.unwrap().id(), c.low.unwrap(), c.cumulative)).collect();
    assert_eq!(
        ids,
        vec![
            ("personnel_losses".to_owned(), 512_420.0, true),
            ("personnel_losses".to_owned(), 1290.0, false),
            ("equipment:tanks".to_owned(), 7681.0, true),
            ("equipment:tanks".to_owned(), 14.0, false),
            ("equipment:mlrs".to_owned(), 1069.0, true),
            ("equipment:mlrs".to_owned(), 1.0, false),
            ("equipment:air_defense".to_owned(), 801.0, true),
            ("equipment:air_defense".to_owned(), 0.0, false),
            ("equipment:ships".to_owned(), 28.0, true),
            ("equipment:ships".to_owned(), 0.0, false),
        ]
    );
    assert_eq!(claims[0].qualifier, Hedge::About);
    assert_eq!(claims[1].qualifier, Hedge::Exact);
    assert_eq!(period(&claims[1]), p("2024-06-03", "2024-06-03"));
}

#[test]
fn conventions_stated_in_the_text() {
    let c = one("Counted by the date of the reports, the General Staff recorded 41,890 losses in October.");
    assert_eq!(c.convention, Some(Convention::ReportDay));
    let c = one("Excluding the backlog, the General Staff counted 3,100 drones in May.");
    assert!(c.net_of_corrections);
    let c = one("Kyiv says Russia lost 38,900 soldiers in May.");
    assert_eq!(c.convention, None);
    assert!(!c.net_of_corrections);
}

#[test]
fn spans_are_in_order_and_quote_the_text() {
    let text = std::fs::read_to_string(dev_dir().join("articles/05.txt")).unwrap();
    let claims = extract(&text, date(2024, 6, 3));
    for pair in claims.windows(2) {
        assert!(pair[0].span <= pair[1].span);
    }
    for c in &claims {
        assert_eq!(&text[c.span[0]..c.span[1]], c.quote);
    }
}

// ---------------------------------------------------------------------------------------------
// Grammar pieces added for issue 6 (periods carried, report lines, lists, ranks, milestones),
// on sentences written for these tests

fn metric_id(c: &Claim) -> String {
    c.metric.map(Metric::id).unwrap_or_default()
}

fn rank_of<'c, 't>(claims: &'c [Claim<'t>]) -> &'c Claim<'t> {
    claims.iter().find(|c| c.kind == ClaimKind::Rank).expect("a rank claim")
}

#[test]
fn a_paragraph_keeps_the_period_of_its_figures() {
    // the first figure counts a month: the next figures with no time expression count it too
    let claims = extract(
        "In April the General Staff counted 26,960 Russian losses. Armour losses ran to 326 tanks and 746 \
         armoured vehicles.",
        D,
    );
    assert_eq!(claims.len(), 3, "{claims:#?}");
    for c in &claims {
        assert_eq!(period(c), p("2024-04-01", "2024-04-30"), "{c:#?}");
        assert!(!c.cumulative);
    }
    // a running total ends it; a figure passed is a milestone of the total, not a period count
    let claims = extract("In April Kyiv counted 26,960 losses. The tank count passed 7,000.", D);
    assert!(claims[1].cumulative && claims[1].period.is_none(), "{claims:#?}");
    // and a new paragraph starts afresh
    let claims = extract("In April Kyiv counted 26,960 losses.\n\nKyiv lists 7,418 tanks.", D);
    assert!(claims[1].cumulative, "{claims:#?}");
}

#[test]
fn the_same_period_named_again() {
    let claims = extract(
        "In September the General Staff counted 38,130 Russian losses.\n\nThe same month, 1,000 artillery \
         systems were destroyed. Over the same period the General Staff also logged 400 tanks.",
        date(2024, 10, 10),
    );
    assert_eq!(claims.len(), 3, "{claims:#?}");
    assert!(claims.iter().all(|c| period(c) == p("2024-09-01", "2024-09-30")), "{claims:#?}");
    // "the same months of 2023": the period before, in another year
    let claims = extract(
        "Kyiv counted 1,483 tanks between January and August, against 2,609 in the same months of 2023.",
        date(2024, 9, 22),
    );
    assert_eq!(period(&claims[0]), p("2024-01-01", "2024-08-31"));
    assert_eq!(period(&claims[1]), p("2023-01-01", "2023-08-31"));
    // "the final quarter" of the year in view
    let claims = extract(
        "Kyiv counted 430,790 losses in 2024. The final quarter alone accounted for 136,370.",
        date(2025, 1, 2),
    );
    assert_eq!(period(&claims[1]), p("2024-10-01", "2024-12-31"), "{claims:#?}");
}

#[test]
fn section_headings_date_their_figures() {
    let text = "THE MONTHLY LEDGER: the General Staff's figures\n\nMAY IN REVIEW\nPersonnel: 38,940\nTanks: 482, a new monthly record.\n\n\
                JUNE SO FAR\n2,100 in two days.\n";
    let claims = extract(text, D);
    let may = p("2024-05-01", "2024-05-31");
    let find = |v: f64| claims.iter().find(|c| c.low == Some(v)).unwrap_or_else(|| panic!("{v}: {claims:#?}"));
    assert_eq!((metric_id(find(38_940.0)), period(find(38_940.0))), ("personnel_losses".to_owned(), may.clone()));
    assert_eq!((metric_id(find(482.0)), period(find(482.0))), ("equipment:tanks".to_owned(), may.clone()));
    let rank = rank_of(&claims);
    assert_eq!((rank.low, period(rank), metric_id(rank)), (Some(1.0), may, "equipment:tanks".to_owned()));
    // the section's personnel subject goes on under the next heading, with its own period
    assert_eq!(period(find(2_100.0)), p("2024-06-01", "2024-06-02"));
}

#[test]
fn report_lines_with_emoji_and_the_general_staffs_words() {
    let text = "🔥 Enemy losses as of 03.06.2024 🔥\n👤 personnel — about 512 420 (+1 290) liquidated\n\
                🛡 tanks — 7 681 (+14)\n";
    let claims = extract(text, D);
    let got: Vec<(String, f64, bool)> =
        claims.iter().map(|c| (metric_id(c), c.low.unwrap_or_default(), c.cumulative)).collect();
    assert_eq!(
        got,
        vec![
            ("personnel_losses".to_owned(), 512_420.0, true),
            ("personnel_losses".to_owned(), 1290.0, false),
            ("equipment:tanks".to_owned(), 7681.0, true),
            ("equipment:tanks".to_owned(), 14.0, false),
        ]
    );
    assert_eq!(period(&claims[1]), p("2024-06-02", "2024-06-02"));
    // "liquidated", "occupiers": Kyiv's words for its own count
    let c = one("Occupiers liquidated over the past day: 1,290.");
    assert_eq!(metric_id(&c), "personnel_losses");
    let c = one("Another 1,290 invaders were eliminated over the past day.");
    assert_eq!(metric_id(&c), "personnel_losses");
}

#[test]
fn report_lines_with_the_increment_first() {
    let text = "Daily update from the General Staff.\nTanks: +12 (7,681 in total)\nArtillery systems: +31 (13,950)\n\
                Drones: +25\nPersonnel: +1,290 (about 512,420 so far)\n";
    let claims = extract(text, D);
    let got: Vec<(&str, String, f64, bool)> =
        claims.iter().map(|c| (c.quote.as_ref(), metric_id(c), c.low.unwrap_or_default(), c.cumulative)).collect();
    assert_eq!(
        got,
        vec![
            ("Tanks: +12", "equipment:tanks".to_owned(), 12.0, false),
            ("7,681 in total", "equipment:tanks".to_owned(), 7681.0, true),
            ("Artillery systems: +31", "equipment:artillery".to_owned(), 31.0, false),
            ("13,950", "equipment:artillery".to_owned(), 13_950.0, true),
            ("Drones: +25", "equipment:uav".to_owned(), 25.0, false),
            ("Personnel: +1,290", "personnel_losses".to_owned(), 1290.0, false),
            ("about 512,420 so far", "personnel_losses".to_owned(), 512_420.0, true),
        ]
    );
    // the increment is the loss day before the report; the total keeps its "about"
    assert_eq!(period(&claims[0]), p("2024-06-02", "2024-06-02"));
    assert_eq!((claims[6].qualifier, claims[6].period), (Hedge::About, None));
    // anything else in the brackets makes it no report line
    assert!(extract("Tanks: +12 (up from 9 a week earlier, officials said)", D).iter().all(|c| c.low != Some(7681.0)));
}

#[test]
fn a_possessive_period_before_a_figure_is_its_own() {
    let text = "In 2024 the General Staff recorded 430,790 losses, and August's 28,790 was the lowest this year.";
    let claims = extract(text, date(2025, 9, 22));
    let august = claims.iter().find(|c| c.low == Some(28_790.0)).unwrap();
    assert_eq!((period(august), august.cumulative), (p("2025-08-01", "2025-08-31"), false));
}

#[test]
fn a_metric_named_by_an_event_does_not_become_the_subject() {
    // "after mobilisation" dates the climb; the figures that follow are the losses in context
    let text = "The General Staff's count of Russian personnel losses rose again in the winter. The autumn was calmer, and then the count \
                climbed after mobilisation. January was the worst month yet, at 21,700.";
    let claims = extract(text, date(2023, 2, 27));
    let value = claims.iter().find(|c| c.low == Some(21_700.0)).unwrap();
    assert_eq!((metric_id(value), period(value)), ("personnel_losses".to_owned(), p("2023-01-01", "2023-01-31")));
}

#[test]
fn lists_of_months_and_of_figures() {
    let claims = extract("Kyiv's monthly tallies: January 26,220, February 28,450, March 28,200.", D);
    let periods: Vec<Days> = claims.iter().map(period).collect();
    assert_eq!(
        periods,
        vec![p("2024-01-01", "2024-01-31"), p("2024-02-01", "2024-02-29"), p("2024-03-01", "2024-03-31")]
    );
    assert!(claims.iter().all(|c| metric_id(c) == "personnel_losses"));
    // "March, April and May together"
    let c = one("Kyiv counted 95,000 Russian losses in March, April and May together.");
    assert_eq!(period(&c), p("2024-03-01", "2024-05-31"));
    // a list of figures with their periods shares the first one's rate
    let claims = extract("Russian losses averaged 694 a day in 2023, 1,177 in 2024 and 1,130 in 2025, Kyiv says.", D);
    assert!(claims.iter().all(|c| c.rate == Some(RateUnit::PerDay)), "{claims:#?}");
    // "two of May, June and July": three months at least make a list
    let claims = extract("Kyiv counted 35,030 losses in June, and 35,680 in July.", date(2024, 8, 20));
    assert_eq!(period(&claims[0]), p("2024-06-01", "2024-06-30"));
}

#[test]
fn ranks_said_in_other_words() {
    let cases: &[(&str, f64, &str)] = &[
        ("Kyiv says July came in at 35,680, second only to May.", 2.0, "2023-07-01"),
        ("Kyiv counted 2,016 artillery systems in July, runner-up to June's 2,074.", 2.0, "2023-07-01"),
        ("Kyiv counted 36 air-defence systems in August, a figure exceeded only in March.", 2.0, "2023-08-01"),
        ("October, with 22,920 losses by Kyiv's count, is now in second place.", 2.0, "2023-10-01"),
        ("Kyiv counted 1,520 artillery systems in July, a monthly record.", 1.0, "2023-07-01"),
        ("Kyiv counted only 140 armoured vehicles in July, the lowest ever.", 1.0, "2023-07-01"),
        ("Artillery losses peaked in September, Kyiv says, at 947.", 1.0, "2023-09-01"),
        ("Kyiv counted 521 tanks in October, the most in any month.", 1.0, "2023-10-01"),
        ("Drone losses hit a record 6,171 in July, Kyiv says.", 1.0, "2023-07-01"),
    ];
    for (text, value, first) in cases {
        let claims = extract(text, date(2023, 11, 20));
        let rank = rank_of(&claims);
        assert_eq!(rank.low, Some(*value), "{text}");
        assert_eq!(rank.period.map(|[a, _]| a.to_string()).as_deref(), Some(*first), "{text}: {rank:#?}");
    }
    // the comparison is no period of the figure before it: "June's 2,074" is June's
    let claims =
        extract("Kyiv counted 2,016 artillery systems in July, runner-up to June's 2,074.", date(2023, 11, 20));
    assert_eq!(claims.iter().find(|c| c.low == Some(2074.0)).map(period), Some(p("2023-06-01", "2023-06-30")));
    // ranked within one year
    let claims =
        extract("Kyiv counted 54,436 drones in July, only the fourth-best month of the year.", date(2026, 8, 7));
    let spec = rank_of(&claims).rank.clone().unwrap();
    assert_eq!(spec.among, Some(["2026-01".to_owned(), "2026-07".to_owned()]));
    // "the lowest ever" beside a figure that is no month's says nothing about months
    let claims = extract("Kyiv counted 12 tanks yesterday, the lowest ever.", D);
    assert!(claims.iter().all(|c| c.kind != ClaimKind::Rank), "{claims:#?}");
}

#[test]
fn since_when() {
    let d = date(2024, 8, 20);
    let cases: &[(&str, Days)] = &[
        ("Since the sixth of August Kyiv has logged 16,660 Russian losses.", p("2024-08-06", "2024-08-19")),
        ("Since the offensive began on 10 August Kyiv has logged 9,000 Russian losses.", p("2024-08-10", "2024-08-19")),
        ("Since the start of last year Kyiv has logged 480,000 Russian losses.", p("2023-01-01", "2024-08-19")),
        ("The count passed 600,000 on 19 August and has added 1,200 since.", p("2024-08-19", "2024-08-19")),
        ("In the seven days to Sunday Kyiv logged 8,700 Russian losses.", p("2024-08-12", "2024-08-18")),
    ];
    for (text, want) in cases {
        let claims = extract(text, d);
        let c = claims.iter().rev().find(|c| !c.cumulative).unwrap_or_else(|| panic!("{text}: {claims:#?}"));
        assert_eq!(&period(c), want, "{text}: {c:#?}");
    }
    // "up 300 on the previous report": the day the latest report covers
    let claims = extract("Kyiv put the count at 601,800 this morning, up 1,330 on the previous report.", d);
    assert_eq!(period(&claims[1]), p("2024-08-19", "2024-08-19"));
    assert!(!claims[1].cumulative);
}

#[test]
fn milestones_and_projections() {
    let c = one_on("The count passed the 50,000 mark on Tuesday, Kyiv says.", date(2022, 9, 12));
    assert_eq!((c.qualifier, c.low, c.cumulative), (Hedge::MoreThan, Some(50_000.0), true));
    assert_eq!(period(&c), p("2022-02-24", "2022-09-05"));
    let c = one_on("At this pace the 100 000 mark will be passed before the New Year, Kyiv says.", date(2022, 12, 5));
    assert_eq!((c.kind, c.qualifier), (ClaimKind::Projection, Hedge::MoreThan));
    assert_eq!(period(&c), p("2022-12-05", "2022-12-31"));
    let c = one_on("A million and counting\n\nThe General Staff publishes its count every morning.", date(2025, 8, 25));
    assert_eq!((c.qualifier, c.low, c.cumulative), (Hedge::MoreThan, Some(1_000_000.0), true));
    let claims = extract(
        "Kyiv says: on current form the count passes 1.5 million by the end of September, and August tops 40,000.",
        date(2026, 8, 7),
    );
    assert!(claims.iter().all(|c| c.kind == ClaimKind::Projection), "{claims:#?}");
    assert_eq!(period(&claims[1]), p("2026-08-01", "2026-08-31"));
    let c = one_on("Russian losses are slowing in August, and the month will close below 30,000.", date(2025, 8, 25));
    assert_eq!((c.kind, period(&c)), (ClaimKind::Projection, p("2025-08-01", "2025-08-31")));
    // the verb of expecting before its subject, an adverb after "will"
    let c = one_on("Kyiv expects Russian losses to pass 500,000 by the end of May.", date(2024, 3, 12));
    assert_eq!((c.kind, period(&c)), (ClaimKind::Projection, p("2024-03-12", "2024-05-31")));
    let c = one_on("The General Staff's count will probably top 450,000 by the end of April.", date(2024, 3, 12));
    assert_eq!(
        (c.kind, c.qualifier, period(&c)),
        (ClaimKind::Projection, Hedge::MoreThan, p("2024-03-12", "2024-04-30"))
    );
    // the same "by" in the past tense dates a total: the report after May's last day
    let c = one_on("The General Staff said Russian losses had passed 500,000 by the end of May.", date(2024, 7, 12));
    assert_eq!((c.kind, c.cumulative, period(&c)), (ClaimKind::Value, true, p("2022-02-24", "2024-05-31")));
    let c = one_on("By New Year's Day the General Staff's count stood at 360,010.", date(2024, 3, 12));
    assert_eq!((c.cumulative, period(&c)), (true, p("2022-02-24", "2023-12-31")));
    // an expectation that names no crossing is no projection
    let c =
        one_on("Kyiv expects heavy fighting; it counted 1,120 Russian losses in the past 24 hours.", date(2024, 3, 12));
    assert_eq!((c.kind, period(&c)), (ClaimKind::Value, p("2024-03-11", "2024-03-11")));
}

#[test]
fn more_words_for_who_counts_and_what() {
    // a source named anywhere in the text makes its unattributed person counts Kyiv's
    let claims = extract("Russia lost 17,820 men in July.\n\nThat is what Kyiv is saying.", date(2023, 8, 1));
    assert_eq!(metric_id(&claims[0]), "personnel_losses");
    // deaths counted by name
    let c = one("Mediazona has put names to 55,000 dead Russian soldiers.");
    assert_eq!(metric_id(&c), "named_killed");
    // part of a category
    let c = one("Almost 500 of the Kremlin's drones were shot down in May, Kyiv says.");
    assert_eq!(metric_id(&c), "equipment:uav");
    // a rate of soldiers is a rate of losses
    let c = one("A viral post: more than a thousand soldiers a day in March.");
    assert_eq!((metric_id(&c), c.rate), ("casualties".to_owned(), Some(RateUnit::PerDay)));
}

#[test]
fn fractions_and_bare_dates_are_not_claims() {
    assert!(extract("Kyiv's drone figures explain little of the losses (R = 0.18, p = 0.21).", D).is_empty());
    let claims = extract("The enemy's losses between 24.02 and 03.06, Kyiv says: 512,420 soldiers.", D);
    assert_eq!(claims.len(), 1, "{claims:#?}");
}

// ---------------------------------------------------------------------------------------------
// Properties

fn check_spans(text: &str) {
    let claims = extract(text, D);
    for c in &claims {
        assert!(c.span[0] <= c.span[1] && c.span[1] <= text.len());
        assert!(text.is_char_boundary(c.span[0]) && text.is_char_boundary(c.span[1]));
        assert_eq!(&text[c.span[0]..c.span[1]], c.quote);
    }
    for pair in claims.windows(2) {
        assert!(pair[0].span <= pair[1].span);
    }
}

/// Pieces that exercise the grammar's corners: digits and separators, dashes, months, qualifiers.
const PIECES: &[&str] = &[
    ":",
    "~",
    "(",
    "point",
    "-odd",
    "as of",
    "weekend",
    "H1",
    "of the war",
    "year",
    "that",
    "ago",
    "the end of",
    "\u{1f525}",
    "Q:",
    "were killed",
    "lost",
    "Kyiv says",
    "last",
    "by the end of",
    "on course to",
    "a record",
    "came",
    "ranked",
    "1",
    "20",
    "300",
    "4,000",
    "5.5",
    ",",
    ".",
    "-",
    "\u{2012}",
    "\u{a0}",
    "\u{202f}",
    " ",
    "\n",
    "\n\n",
    "(+",
    ")",
    "%",
    "$",
    "million",
    "thousand",
    "k",
    "m",
    "about",
    "more than",
    "between",
    "and",
    "to",
    "tanks",
    "troops",
    "killed",
    "losses",
    "in May",
    "since",
    "the",
    "a day",
    "record",
    "highest",
    "month",
    "General Staff",
    "Ukrainian",
    "Moscow claims",
    "?",
    "'s",
    "twenty",
    "-one",
    "half a",
    "tens of",
    "first",
    "24.02.22",
    "08:05",
    "Q3",
    "2024",
    "on",
    "Sunday",
    "é",
    "\u{2019}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_and_spans_are_valid(text in any::<String>()) {
        check_spans(&text);
    }

    #[test]
    fn grammar_soup_never_panics_and_spans_are_valid(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = parts.into_iter().map(|i| PIECES[i]).collect();
        check_spans(&text);
    }

    #[test]
    fn numbers_round_trip_with_every_grouping(value in 1u64..2_000_000_000, style in 0usize..6) {
        let digits = value.to_string();
        let group = |sep: &str| {
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push_str(sep);
                }
                out.push(ch);
            }
            out
        };
        let written = match style {
            0 => digits.clone(),
            1 => group(","),
            2 => group(" "),
            3 => group("\u{a0}"),
            4 => group("\u{202f}"),
            // dots group only with two or more groups (one would read as a decimal)
            _ => if value >= 1_000_000 { group(".") } else { group(",") },
        };
        // four plain digits can be a year: say what it counts
        let text = format!("Russia lost {written} tanks in May, Kyiv says.");
        let claims = extract(&text, D);
        prop_assert_eq!(claims.len(), 1, "{}", text);
        #[allow(clippy::cast_precision_loss)]
        let expected = value as f64;
        prop_assert_eq!(claims[0].low, Some(expected), "{}", text);
        prop_assert_eq!(claims[0].metric, Some(Metric::Equipment(attrition_model::Category::Tanks)));
    }

    #[test]
    fn scaled_decimals_round_trip(whole in 1u32..999, tenths in 0u32..100, scale in 0usize..4) {
        let (word, factor) = [("million", 1e6), ("m", 1e6), ("mn", 1e6), ("thousand", 1e3)][scale];
        let space = if word.len() > 2 { " " } else { "" };
        let text = format!("Russia has lost {whole}.{tenths:02}{space}{word} soldiers, Kyiv says.");
        let claims = extract(&text, D);
        prop_assert_eq!(claims.len(), 1, "{}", text);
        let expected = (f64::from(whole) + f64::from(tenths) / 100.0) * factor;
        let got = claims[0].low.unwrap();
        prop_assert!((got - expected).abs() < 1e-6 * expected.max(1.0), "{} -> {}", text, got);
    }
}

#[test]
fn figures_closed_by_respectively_take_their_metrics_in_order() {
    let metrics = |text: &str| extract(text, D).iter().map(|c| (c.low, c.metric)).collect::<Vec<_>>();
    assert_eq!(
        metrics(
            "Its running totals of personnel, tanks and artillery systems now stand at 700,500, 9,100 and 20,300, respectively."
        ),
        vec![
            (Some(700_500.0), Some(Metric::PersonnelLosses)),
            (Some(9_100.0), Some(Metric::Equipment(Category::Tanks))),
            (Some(20_300.0), Some(Metric::Equipment(Category::Artillery))),
        ]
    );
}

#[test]
fn bare_losses_too_few_for_people_count_the_paragraphs_equipment() {
    let text = "April was the worst month this year for tank losses, with 410 destroyed.\n\n\
        The months after saw 350 losses in May and 280 in June.";
    let found: Vec<_> = extract(text, D)
        .iter()
        .filter(|c| c.kind == ClaimKind::Value && c.low < Some(400.0))
        .map(|c| c.metric)
        .collect();
    assert_eq!(found, vec![Some(Metric::Equipment(Category::Tanks)); 2]);
    // a size fit for people stays people
    let text = "April was the worst month this year for tank losses.\n\nThe months after saw 35,000 losses in May.";
    assert_ne!(extract(text, D).last().and_then(|c| c.metric), Some(Metric::Equipment(Category::Tanks)));
}

#[test]
fn counts_of_one_place_model_or_status_are_subsets() {
    let subset = |text: &str| extract(text, D).first().and_then(|c| c.subset);
    assert_eq!(
        subset("The navy said it had sunk 11 Russian warships in the Sea of Azov since 2022."),
        Some(Subset::Place)
    );
    assert_eq!(
        subset("Around 9,000 Russians were killed or wounded in the assault near Pokrovsk."),
        Some(Subset::Place)
    );
    assert_eq!(subset("Ukraine downed four Su-25 jets last week."), Some(Subset::Model));
    assert_eq!(subset("Russia has now lost three aircraft of this type."), Some(Subset::Model));
    assert_eq!(subset("A further 320 Russian tanks had been captured, the tracker said."), Some(Subset::Status));
    // every loss, and losses in the whole country, are the whole count
    assert_eq!(subset("Russia has lost 9,500 tanks destroyed or captured."), None);
    assert_eq!(subset("Russia has lost 9,500 tanks in Ukraine since 2022."), None);
    assert_eq!(subset("Russian forces lost 1,200 soldiers over the past day."), None);
}

#[test]
fn peaks_within_a_period() {
    let peak = |text: &str| extract(text, D).iter().find(|c| c.kind == ClaimKind::Value).and_then(|c| c.peak_days);
    assert_eq!(peak("Losses hit a daily high of 1,900 soldiers in April."), Some(1));
    assert_eq!(peak("In April, Russia lost almost 9,000 soldiers within the space of a week."), Some(7));
    assert_eq!(peak("In April, Russia lost 1,300 soldiers in a single day."), Some(1));
    assert_eq!(peak("In April, Russia lost 30,000 soldiers."), None);
}

#[test]
fn one_month_early_in_the_next_is_the_month_just_ended() {
    let early = extract("Russia lost nearly 30,000 soldiers in one month, Kyiv said.", date(2024, 1, 5));
    assert_eq!(early.first().and_then(|c| c.period), Some([date(2023, 12, 1), date(2023, 12, 31)]));
    // later in a month, "one month" is not a calendar month the text names
    let late = extract("Russia lost nearly 30,000 soldiers in one month, Kyiv said.", date(2024, 1, 25));
    assert_eq!(late.first().and_then(|c| c.period), None);
}
