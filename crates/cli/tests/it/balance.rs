//! `attrition balance` (force balance, METHODS.md §5.1) and `attrition ratio … --area` (losses per
//! km² gained, §5.3) against the real General Staff data and The Economist's area file.
//!
//! Expected values were computed outside the Rust code from the files in `../shared/data/` with
//! a few lines of Python (json + csv modules): a loss-day total is `cum(report after the last
//! day) − cum(report of the first day)`, a report-day total `cum(last day) − cum(day before)`,
//! and the area gained `A(last day) − A(day before the first)` / 10⁶.

use crate::harness::write_file;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn economist_area() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/economist/source-data/area_assessed_as_controlled_by_russia.csv")
}

use crate::harness::{json_on_shared as json, on_shared as run};

#[track_caller]
fn close(value: &Value, expected: f64, tolerance: f64) {
    let got = value.as_f64().unwrap_or_else(|| panic!("not a number: {value}"));
    assert!((got - expected).abs() <= tolerance, "{got} against {expected}");
}

const ISSUE: [&str; 9] =
    ["balance", "--as-of", "2024-10-01", "--window", "30", "--recruits", "30000..36000", "--intake", "130000"];

#[test]
fn balance_the_issue_example() {
    // September 2024 under loss-day: cum(2024-10-01) − cum(2024-09-01) = 38,130, 1,271.0 a day;
    // 130,000 / 1,271 = 102.2817 days = 14.6117 weeks.
    let table = run(&ISSUE).ok();
    for needle in [
        "2024-09-01 .. 2024-09-30 (30 days, loss-day)",
        "cumulative of the report of 2024-10-01 minus that of 2024-09-01",
        "38,130",
        "1,271.0 a day",
        "38,686 (daily rate × 30.4375 days, the average month: 365.25 / 12)",
        "30,000 .. 36,000 a month",
        "0.40 .. 0.60 of L (default)",
        "Mediazona (2023)",
        "Kofman (2025)",
        "CSIS (2025)",
        "uniform over each range, independent; 100,000 draws, seed 20240928",
        "15,474 .. 23,212 = break-even recruitment",
        "+6,788 .. +20,526",
        "Intake of 130,000 people",
        "102.3 days = 14.6 weeks (at 1,271.0 a day)",
        "170.5 .. 255.7 days = 24.4 .. 36.5 weeks (ι 0.60 .. 0.40)",
        "convention: loss-day",
        "data version: petroivaniuk report of 2024-10-01",
    ] {
        assert!(table.contains(needle), "missing {needle:?}:\n{table}");
    }
    let mut args = vec!["--json"];
    args.extend_from_slice(&ISSUE);
    let out = run(&args).json();
    let losses = &out["losses"];
    assert_eq!(losses["start"], "2024-09-01");
    assert_eq!(losses["end"], "2024-09-30");
    assert_eq!(losses["days"], 30);
    assert_eq!(losses["total"], 38_130);
    assert_eq!(losses["daily_rate"], 1271.0);
    assert_eq!(losses["monthly"], 1271.0 * 30.4375);
    assert_eq!(out["days_per_month"], 30.4375);
    close(&out["intake"]["days"], 130_000.0 / 1271.0, 1e-9);
    close(&out["intake"]["weeks"], 130_000.0 / 1271.0 / 7.0, 1e-9);
    close(&out["intake"]["irrecoverable_days"]["low"], 130_000.0 / (0.6 * 1271.0), 1e-9);
    close(&out["intake"]["irrecoverable_days"]["high"], 130_000.0 / (0.4 * 1271.0), 1e-9);
    close(&out["irrecoverable_per_month"]["low"], 0.4 * 38_686.062_5, 1e-9);
    close(&out["net_bounds"]["low"], 30_000.0 - 0.6 * 38_686.062_5, 1e-9);
    close(&out["net_bounds"]["high"], 36_000.0 - 0.4 * 38_686.062_5, 1e-9);
    let net = &out["net"];
    assert_eq!((net["draws"].as_u64(), net["seed"].as_u64()), (Some(100_000), Some(20_240_928)));
    assert_eq!(net["distribution"], "uniform over each range, independent");
    // Every draw lies between the bounds, so none is below zero.
    assert_eq!(net["p_shrinking"], 0.0);
    let q: Vec<f64> = ["q05", "q10", "q50", "q90", "q95"].iter().map(|k| net[k].as_f64().unwrap()).collect();
    assert!(q.windows(2).all(|w| w[0] <= w[1]), "{q:?}");
    // The net change is the sum of two independent uniforms: its mean is 33,000 − 0.5 × L.
    close(&net["mean"], 33_000.0 - 0.5 * 38_686.062_5, 50.0);
    assert_eq!(out["assumptions"]["default_share"], true);
    assert_eq!(out["share_evidence"].as_array().map(Vec::len), Some(3));
    assert_eq!(out["losses"]["convention"], "loss-day");
}

#[test]
fn balance_is_reproducible_and_carries_its_assumptions_in_csv() {
    let args = ["balance", "--as-of", "2024-10-01", "--recruits", "20000..30000/month", "--draws", "5000"];
    let first = run(&args).ok();
    assert_eq!(first, run(&args).ok(), "the same seed must give the same output");
    let mut other = args.to_vec();
    other.extend_from_slice(&["--seed", "7"]);
    assert_ne!(first, run(&other).ok());

    let mut csv_args = vec!["--csv"];
    csv_args.extend_from_slice(&args);
    let csv = run(&csv_args).ok();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row = lines.next().unwrap();
    assert!(lines.next().is_none());
    for column in [
        "window_start",
        "window_end",
        "convention",
        "days_per_month",
        "recruits_low",
        "irrecoverable_share_high",
        "irrecoverable_share_source",
        "distribution",
        "draws",
        "seed",
        "p_shrinking",
    ] {
        assert!(header.contains(&column), "no {column} in {header:?}");
    }
    for value in ["2024-09-01,2024-09-30,30", "loss-day", "30.4375", "20000,30000,0.4,0.6,true", "Mediazona"] {
        assert!(row.contains(value), "{value:?} not in {row}");
    }
    assert!(row.contains("\"uniform over each range, independent\",5000,20240928"), "{row}");
}

#[test]
fn balance_collapses_to_the_identity_with_single_values() {
    // R = 30,000 and ι = 0.5 exactly: every draw is 30,000 − 0.5 × 1,271 × 30.4375 = 10,656.96875.
    let out = json(&["balance", "--as-of", "2024-10-01", "--recruits", "30000", "--irrecoverable-share", "0.5"]);
    let exact = 30_000.0 - 0.5 * 1271.0 * 30.4375;
    for key in ["mean", "q05", "q10", "q50", "q90", "q95"] {
        assert_eq!(out["net"][key].as_f64(), Some(exact), "{key}");
    }
    assert_eq!(out["net_bounds"]["low"].as_f64(), Some(exact));
    assert_eq!(out["assumptions"]["default_share"], false);
    assert_eq!(out["share_evidence"].as_array().map(Vec::len), Some(0));
    // Recruits below break-even: the force shrinks in every draw.
    let out = json(&["balance", "--as-of", "2024-10-01", "--recruits", "10000", "--irrecoverable-share", "0.5"]);
    assert_eq!(out["net"]["p_shrinking"], 1.0);
}

#[test]
fn balance_report_day_and_window() {
    // Report-day, the 7 reports 2024-09-24 .. 2024-09-30: cum(09-30) − cum(09-23).
    let out =
        json(&["balance", "--as-of", "2024-09-30", "--window", "7", "--convention", "report-day", "--recruits", "1"]);
    assert_eq!(out["losses"]["start"], "2024-09-24");
    assert_eq!(out["losses"]["end"], "2024-09-30");
    assert_eq!(out["losses"]["convention"], "report-day");
    let total = out["losses"]["total"].as_i64().unwrap();
    close(&out["losses"]["daily_rate"], total as f64 / 7.0, 1e-12);
}

/// Runs `attrition --quiet ARGS…`, asserts a non-zero exit and that stderr names every needle.
#[track_caller]
fn refused(args: &[&str], needles: &[&str]) {
    let outcome = run(args);
    assert_ne!(outcome.status, 0, "{args:?} succeeded:\n{}", outcome.stdout);
    for needle in needles {
        assert!(outcome.stderr.contains(needle), "{args:?}: stderr lacks {needle:?}:\n{}", outcome.stderr);
    }
}

#[test]
fn balance_refuses_bad_input_naming_the_flag() {
    let base = ["balance", "--as-of", "2024-10-01"];
    let cases: [(&[&str], &[&str]); 14] = [
        (&["--recruits", "36000..30000"], &["--recruits", "low end (36000) is above the high end (30000)"]),
        (&["--recruits", "-5..100"], &["--recruits", "negative"]),
        (&["--recruits", "30000..36000/day"], &["--recruits", "month"]),
        (&["--recruits", "lots"], &["--recruits", "not a number"]),
        (&["--recruits", "30000", "--irrecoverable-share", "0.4..1.5"], &["--irrecoverable-share", "between 0 and 1"]),
        (&["--recruits", "30000", "--irrecoverable-share", "-0.1..0.5"], &["--irrecoverable-share", "between 0 and 1"]),
        (&["--recruits", "30000", "--irrecoverable-share", "0.6..0.4"], &["--irrecoverable-share", "low end"]),
        (&["--recruits", "30000", "--window", "0"], &["--window"]),
        (&["--recruits", "30000", "--window", "-30"], &["--window"]),
        (&["--recruits", "30000", "--window", "2000"], &["--window", "longer than the data"]),
        (&["--recruits", "30000", "--intake", "0"], &["--intake"]),
        (&["--recruits", "30000", "--intake", "-100"], &["--intake"]),
        (&["--recruits", "30000", "--draws", "0"], &["--draws"]),
        (&[], &["--recruits"]),
    ];
    for (extra, needles) in cases {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        refused(&args, needles);
    }
    refused(&["balance", "--as-of", "2021-12-31", "--recruits", "30000"], &["--as-of", "2021-12-31"]);
    refused(&["balance", "--as-of", "2022-03-10", "--recruits", "30000"], &["--window 30", "longer than the data"]);
}

/// METHODS.md §5.3's inputs: ISW's km² gained.
const ISW: &str = "period,km2,source\n2024,4168,ISW\n2025-05,499.28,ISW\n2025-06,465.8,ISW\n2025-08,499.43,ISW\n";

fn rows_by_label(out: &Value) -> std::collections::BTreeMap<String, Value> {
    out["rows"].as_array().unwrap().iter().map(|r| (r["label"].as_str().unwrap().to_owned(), r.clone())).collect()
}

#[test]
fn cost_per_km2_from_a_table_of_gains_in_both_conventions() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "isw.csv", ISW.as_bytes());
    let path = file.to_str().unwrap();
    // (period, loss-day losses, report-day losses, km², loss-day ratio, report-day ratio)
    let expected = [
        ("2024", 430_790, 430_320, 4168.0, "103.4", "103.2"),
        ("2025-05", 35_370, 35_370, 499.28, "70.8", "70.8"),
        ("2025-06", 32_420, 32_680, 465.8, "69.6", "70.2"),
        ("2025-08", 28_790, 28_880, 499.43, "57.6", "57.8"),
    ];
    for (convention, index) in [("loss-day", 0), ("report-day", 1)] {
        let out = json(&["ratio", "personnel", "--area", path, "--convention", convention]);
        assert_eq!(out["convention"], convention);
        assert_eq!(out["area_format"], "gains");
        assert_eq!(out["area_file"], path);
        let rows = rows_by_label(&out);
        assert_eq!(rows.len(), 4);
        for (label, loss_day, report_day, km2, _, _) in expected {
            let losses = if index == 0 { loss_day } else { report_day };
            let row = &rows[label];
            assert_eq!(row["losses"], losses, "{label} {convention}");
            assert_eq!(row["km2"], km2);
            close(&row["per_km2"], f64::from(losses) / km2, 1e-9);
        }
        let table = run(&["ratio", "personnel", "--area", path, "--convention", convention]).ok();
        for (label, _, _, _, loss_day, report_day) in expected {
            let ratio = if index == 0 { loss_day } else { report_day };
            let line = table.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("{label}:\n{table}"));
            assert!(line.trim_end().ends_with(ratio), "{label} {convention}: {line}");
        }
        assert!(table.contains(&format!("convention: {convention}")), "{table}");
        assert!(table.contains(&format!("area: {path}: km² gained per period as given in the file")), "{table}");
    }
    // --period picks the rows inside it; --by the rows of one kind.
    let out = json(&["ratio", "personnel", "--area", path, "--period", "2025"]);
    assert_eq!(rows_by_label(&out).keys().collect::<Vec<_>>(), ["2025-05", "2025-06", "2025-08"]);
    let out = json(&["ratio", "personnel", "--area", path, "--by", "year"]);
    assert_eq!(rows_by_label(&out).keys().collect::<Vec<_>>(), ["2024"]);
}

#[test]
fn cost_per_km2_from_the_economist_series() {
    // Derived in Python from area_assessed_as_controlled_by_russia.csv, with `a` the column
    // area_assessed_as_russia_controlled by date: (a['2024-12-31'] - a['2023-12-31']) / 1e6 =
    // 3734.739743840973 km²; 430,790 / that = 115.34672548747837 (loss-day) and
    // 430,320 / that = 115.22088003846814 (report-day).
    let file = economist_area();
    let path = file.to_str().unwrap();
    for (convention, losses, ratio) in
        [("loss-day", 430_790, 115.346_725_487_478_37), ("report-day", 430_320, 115.220_880_038_468_14)]
    {
        let out = json(&["ratio", "personnel", "--area", path, "--period", "2024", "--convention", convention]);
        assert_eq!(out["area_format"], "controlled");
        let rows = out["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0]["start"].as_str(), rows[0]["end"].as_str()), (Some("2024-01-01"), Some("2024-12-31")));
        assert_eq!(rows[0]["losses"], losses);
        close(&rows[0]["km2"], 3_734.739_743_840_973, 1e-6);
        close(&rows[0]["per_km2"], ratio, 1e-9);
    }
    let table = run(&["ratio", "personnel", "--area", path, "--by", "year"]).ok();
    let line = table.lines().find(|l| l.starts_with("2024")).unwrap();
    assert!(line.contains("430,790") && line.contains("3,734.74") && line.trim_end().ends_with("115.3"), "{line}");
    assert!(table.contains("The Economist"), "{table}");
    assert!(table.contains("2022-02-24  2022-12-31") && table.contains("partial"), "{table}");
    // Months tile the year and their km² add up to the year's.
    let months = json(&["ratio", "personnel", "--area", path, "--period", "2024", "--by", "month"]);
    let rows = months["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    let km2: f64 = rows.iter().map(|r| r["km2"].as_f64().unwrap()).sum();
    let losses: i64 = rows.iter().map(|r| r["losses"].as_i64().unwrap()).sum();
    assert!((km2 - 3_734.739_743_840_973).abs() < 1e-6, "{km2}");
    assert_eq!(losses, 430_790);
}

#[test]
fn cost_per_km2_says_no_net_gain() {
    // The Economist's series falls over 2022-03-28..2022-03-31 (Russia's withdrawal from around Kyiv).
    let file = economist_area();
    let path = file.to_str().unwrap();
    let out = json(&["ratio", "personnel", "--area", path, "--period", "2022-03-28..2022-03-31"]);
    let row = &out["rows"][0];
    assert!(row["km2"].as_f64().unwrap() <= 0.0);
    assert_eq!(row["per_km2"], Value::Null);
    assert_eq!(row["note"], "no net gain");
    let dir = tempfile::tempdir().unwrap();
    let gains = write_file(dir.path(), "g.csv", b"period,km2\n2025-05,0\n2025-06,-12.5\n");
    let table = run(&["ratio", "personnel", "--area", gains.to_str().unwrap()]).ok();
    assert_eq!(table.matches("no net gain").count(), 3, "{table}");
    // Word by word: the temporary file's path in the footer may hold any letters ("/tmp/.tmp4qNaNb").
    let non_finite = table.split_whitespace().any(|word| {
        let word = word.trim_start_matches(['-', '+']).to_ascii_lowercase();
        word == "inf" || word == "infinity" || word == "nan"
    });
    assert!(!non_finite, "{table}");
}

#[test]
fn cost_per_km2_refuses_bad_files_naming_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &[&str]); 6] = [
        ("header.csv", "day,area\n2024-01-01,5\n", &["header.csv, line 1", "period,km2"]),
        ("number.csv", "period,km2\n2024,4168\n2025-05,lots\n", &["number.csv, line 3, column 2 (km2)", "\"lots\""]),
        ("period.csv", "period,km2\n2024-14,1\n", &["period.csv, line 2, column 1 (period)", "2024-14"]),
        (
            "order.csv",
            "date,area_assessed_as_russia_controlled\n2024-01-02,1\n2024-01-01,1\n",
            &["order.csv, line 3, column 1 (date)", "dates must increase"],
        ),
        ("empty.csv", "", &["empty.csv", "empty"]),
        ("before.csv", "period,km2\n2021,5\n", &["before.csv, line 2", "before the full-scale invasion"]),
    ];
    for (name, content, needles) in cases {
        let file = write_file(dir.path(), name, content.as_bytes());
        let err = run(&["ratio", "personnel", "--area", file.to_str().unwrap()]).fails();
        for needle in needles {
            assert!(err.contains(needle), "{name}: stderr lacks {needle:?}:\n{err}");
        }
    }
    let missing = dir.path().join("missing.csv");
    let err = run(&["ratio", "personnel", "--area", missing.to_str().unwrap()]).fails();
    assert!(err.contains("missing.csv"), "{err}");
    refused(&["ratio", "personnel", "tanks", "--area", economist_area().to_str().unwrap()], &["--area"]);
    refused(&["ratio", "personnel", "tanks", "--period", "2024"], &["--period"]);
    let area = economist_area();
    refused(&["ratio", "personnel", "--area", area.to_str().unwrap(), "--period", "2024-13"], &["--period", "2024-13"]);
    refused(&["ratio", "personnel", "--area", area.to_str().unwrap(), "--by", "decade"], &["--by", "decade"]);
}
