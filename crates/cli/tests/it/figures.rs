//! Period figures on the real data against values computed independently by
//! `scripts/expected_figures.py` (plain Python over the JSON files, no shared code); the numbers
//! below are pasted from its output.

use crate::harness::{attrition, imported_store};

struct Expected {
    category: &'static str,
    from: &'static str,
    to: &'static str,
    convention: &'static str,
    net: bool,
    total: i64,
    days: i64,
    average: f64,
    cumulative_end: i64,
}

const fn e(
    category: &'static str,
    from: &'static str,
    to: &'static str,
    convention: &'static str,
    net: bool,
    total: i64,
    days: i64,
    average: f64,
    cumulative_end: i64,
) -> Expected {
    Expected { category, from, to, convention, net, total, days, average, cumulative_end }
}

/// (arguments selecting the period, expected figure).
const CASES: &[(&[&str], Expected)] = &[
    (
        &["--period", "2024-09"],
        e("personnel", "2024-09-01", "2024-09-30", "loss-day", false, 38130, 30, 1271.0, 654430),
    ),
    (
        &["--period", "2024-09"],
        e("personnel", "2024-09-01", "2024-09-30", "report-day", false, 38110, 30, 1270.3333, 653060),
    ),
    (
        &["--period", "2024"],
        e("personnel", "2024-01-01", "2024-12-31", "report-day", false, 430320, 366, 1175.7377, 789550),
    ),
    (
        &["--period", "2024"],
        e("personnel", "2024-01-01", "2024-12-31", "loss-day", false, 430790, 366, 1177.0219, 790800),
    ),
    (
        &["--period", "2022"],
        e("personnel", "2022-02-24", "2022-12-31", "loss-day", false, 106720, 311, 343.1511, 106720),
    ),
    (
        &["--period", "all"],
        e("personnel", "2022-02-24", "2026-08-07", "loss-day", false, 1456610, 1626, 895.8241, 1456610),
    ),
    (
        &["--period", "all"],
        e("personnel", "2022-02-24", "2026-08-08", "report-day", false, 1456610, 1627, 895.2735, 1456610),
    ),
    (&["--period", "2024-Q3"], e("tanks", "2024-07-01", "2024-09-30", "loss-day", false, 784, 92, 8.5217, 8883)),
    (&["--period", "2024-Q3"], e("tanks", "2024-07-01", "2024-09-30", "report-day", false, 794, 92, 8.6304, 8874)),
    // The ISO week holding the unexplained tank decrease of 2023-05-28.
    (&["--period", "2023-W21"], e("tanks", "2023-05-22", "2023-05-28", "report-day", false, 14, 7, 2.0, 3797)),
    // Across the merge of `military auto` + `fuel tank` into `vehicles and fuel tanks`.
    (
        &["--from", "2022-04-25", "--to", "2022-05-05"],
        e("vehicles", "2022-04-25", "2022-05-05", "report-day", false, 274, 11, 24.9091, 1907),
    ),
    (&["--period", "2022-05"], e("vehicles", "2022-05-01", "2022-05-31", "loss-day", false, 494, 31, 15.9355, 2290)),
    // A decreasing day, as published and net of its correction.
    (&["--period", "2022-10-13"], e("afv", "2022-10-13", "2022-10-13", "report-day", false, -14, 1, -14.0, 5167)),
    (
        &["--period", "2022-10-13", "--net-of-corrections"],
        e("afv", "2022-10-13", "2022-10-13", "report-day", true, 11, 1, 11.0, 5167),
    ),
    (&["--period", "2022-10-12"], e("afv", "2022-10-12", "2022-10-12", "loss-day", false, -14, 1, -14.0, 5167)),
    (
        &["--period", "2026-03-04"],
        e("artillery", "2026-03-04", "2026-03-04", "report-day", false, -10, 1, -10.0, 37832),
    ),
    (&["--period", "2026-W10"], e("uav", "2026-03-02", "2026-03-08", "loss-day", false, 13471, 7, 1924.4286, 166640)),
    (
        &["--period", "2024-11"],
        e("special_equipment", "2024-11-01", "2024-11-30", "report-day", false, 47, 30, 1.5667, 3617),
    ),
    (
        &["--period", "2024-11", "--net-of-corrections"],
        e("special_equipment", "2024-11-01", "2024-11-30", "report-day", true, 132, 30, 4.4, 3617),
    ),
    (
        &["--period", "2025-Q1", "--net-of-corrections"],
        e("personnel", "2025-01-01", "2025-03-31", "loss-day", true, 124320, 90, 1381.3333, 916770),
    ),
    (
        &["--period", "2026-05"],
        e("ground_robots", "2026-05-01", "2026-05-31", "report-day", false, 1519, 31, 49.0, 1519),
    ),
    (
        &["--period", "2022"],
        e("cruise_missiles", "2022-02-24", "2022-12-31", "report-day", false, 711, 311, 2.2862, 711),
    ),
    (&["--period", "2022-Q2"], e("srbm_launchers", "2022-04-01", "2022-06-30", "loss-day", false, 0, 91, 0.0, 4)),
];

#[test]
fn period_figures_match_independent_computation() {
    let store = imported_store();
    for (selection, expected) in CASES {
        let mut args = vec!["--json", "total", expected.category, "--convention", expected.convention];
        args.extend_from_slice(selection);
        let json = attrition(&store.db, &args).run().json();
        let figure = &json["figures"][0];
        let context = format!("{args:?} gave {figure}");
        assert_eq!(figure["total"], expected.total, "{context}");
        assert_eq!(figure["days"], expected.days, "{context}");
        assert_eq!(figure["start"], expected.from, "{context}");
        assert_eq!(figure["end"], expected.to, "{context}");
        assert_eq!(figure["cumulative_end"], expected.cumulative_end, "{context}");
        assert_eq!(figure["net_of_corrections"], expected.net, "{context}");
        assert_eq!(figure["convention"], expected.convention, "{context}");
        let average = figure["daily_average"].as_f64().unwrap_or(f64::NAN);
        assert!((average - expected.average).abs() < 1e-3, "{context}");
        assert_eq!(json["data_version"]["last_report"], "2026-08-08", "{context}");
        assert_eq!(json["data_version"]["source"], "petroivaniuk", "{context}");
    }
}

#[test]
fn september_2024_table_prints_the_published_figures() {
    let store = imported_store();
    let loss_day = attrition(&store.db, ["total", "personnel", "--period", "2024-09"]).run().ok();
    let row = loss_day.lines().find(|l| l.starts_with("personnel")).unwrap_or_default().to_owned();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        ["personnel", "38,130", "30", "1,271.0", "about", "654,430", "9th", "of", "53", "months"],
        "{loss_day}"
    );
    assert!(loss_day.contains("loss-day"), "{loss_day}");
    assert!(loss_day.contains("data version: petroivaniuk report of 2026-08-08"), "{loss_day}");

    let report_day =
        attrition(&store.db, ["total", "personnel", "--period", "2024-09", "--convention", "report-day"]).run().ok();
    let row = report_day.lines().find(|l| l.starts_with("personnel")).unwrap_or_default().to_owned();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        cells,
        ["personnel", "38,110", "30", "1,270.3", "about", "653,060", "9th", "of", "53", "months"],
        "{report_day}"
    );
    assert!(report_day.contains("report-day"), "{report_day}");
}

#[test]
fn several_categories_and_csv() {
    let store = imported_store();
    let csv =
        attrition(&store.db, ["--csv", "total", "--category", "personnel,tanks", "--period", "2024-09"]).run().ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("category,period,start,end,days,total,daily_average,cumulative_end"), "{csv}");
    assert!(lines[1].starts_with("personnel,2024-09,2024-09-01,2024-09-30,30,38130,1271.0000,654430,about"), "{csv}");
    assert!(lines[2].starts_with("tanks,2024-09,"), "{csv}");
    assert_eq!(lines.len(), 3);

    // Every category: the ones not tracked in 2024 are named, not silently zero.
    let json = attrition(&store.db, ["--json", "total", "--all-categories", "--period", "2024"]).run().json();
    let errors = json["errors"].as_array().cloned().unwrap_or_default();
    let untracked: Vec<&str> = errors.iter().filter_map(|e| e["category"].as_str()).collect();
    assert_eq!(untracked, ["srbm_launchers", "ground_robots", "pow"], "{json}");
    assert_eq!(json["figures"].as_array().map(Vec::len), Some(14));
}

#[test]
fn partial_and_backlog_periods_say_so() {
    let store = imported_store();
    let json = attrition(&store.db, ["--json", "total", "personnel", "--period", "2026-08"]).run().json();
    let figure = &json["figures"][0];
    assert_eq!(figure["partial"], true);
    assert_eq!(figure["days"], 7, "loss days 2026-08-01 .. 2026-08-07: {figure}");
    let json = attrition(&store.db, ["--json", "total", "ground_robots", "--period", "2026-Q2"]).run().json();
    let notes = json["figures"][0]["notes"].to_string();
    assert!(notes.contains("backlog") && notes.contains("1306"), "{notes}");
}

#[test]
fn periods_outside_the_data_are_clear_errors() {
    let store = imported_store();
    let err = attrition(&store.db, ["total", "personnel", "--period", "2027-01"]).run().fails();
    assert!(err.contains("no data for 2027-01") && err.contains("2026-08-08"), "{err}");
    let err = attrition(&store.db, ["total", "personnel", "--period", "2021"]).run().fails();
    assert!(err.contains("before the full-scale invasion"), "{err}");
    let err = attrition(&store.db, ["total", "ground_robots", "--period", "2024-09"]).run().fails();
    assert!(err.contains("not tracked") && err.contains("2026-05-03"), "{err}");
    let err = attrition(&store.db, ["total", "zeppelins", "--period", "2024-09"]).run().fails();
    assert!(err.contains("unknown category \"zeppelins\""), "{err}");
    let err = attrition(&store.db, ["total", "personnel", "--period", "2024-13"]).run().fails();
    assert!(err.contains("2024-13"), "{err}");
    let err = attrition(&store.db, ["total", "personnel", "--from", "2024-09-30", "--to", "2024-09-01"]).run().fails();
    assert!(err.contains("before it starts"), "{err}");
    let err = attrition(&store.db, ["total", "personnel", "--period", "2024-09", "--convention", "noon"]).run().fails();
    assert!(err.contains("noon"), "{err}");
}

#[test]
fn daily_series_shows_published_net_and_flags() {
    let store = imported_store();
    let json = attrition(
        &store.db,
        ["--json", "daily", "afv", "--from", "2022-10-12", "--to", "2022-10-14", "--convention", "report-day"],
    )
    .run()
    .json();
    let rows = json["rows"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 3);
    let day = &rows[1];
    assert_eq!(day["day"], "2022-10-13");
    assert_eq!(day["published"], -14);
    assert_eq!(day["correction"], -25);
    assert_eq!(day["net"], 11);
    assert_eq!(day["flags"]["decrease"], true);
    assert_eq!(day["flags"]["correction"], true);

    // Loss-day: the report of 2026-05-03 is the losses of 2026-05-02, and it is a backlog.
    let csv = attrition(&store.db, ["--csv", "daily", "ground_robots", "--from", "2026-04-30", "--to", "2026-05-03"])
        .run()
        .ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "days before the series starts are left out, not zero: {csv}");
    assert!(lines[1].starts_with("2026-05-02,2026-05-03,1306,1306,0,1306,,backlog-start,loss-day"), "{csv}");

    let csv = attrition(
        &store.db,
        ["--csv", "daily", "personnel", "--from", "2022-03-06", "--to", "2022-03-07", "--convention", "report-day"],
    )
    .run()
    .ok();
    assert!(csv.contains(",more,"), "qualifier kept: {csv}");
}
