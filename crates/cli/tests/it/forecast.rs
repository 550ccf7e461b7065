//! `attrition forecast` and `attrition backtest` on the real General Staff series: the hindsight
//! case of the issue against an independent computation, calibration of the default model in the
//! backtest, reproducibility, and bad requests.
//!
//! The local-level figures were computed by `scripts/expected_forecast.py` (plain Python, from
//! METHODS.md §4.2 E) from `../shared/data/general-staff`:
//! `C_T 650640 on 2024-09-27; P(by 2024-12-31) 0.902987; crossing q10 2024-11-26, q50
//! 2024-12-08, q90 2024-12-31`.

use crate::harness::{json_on_shared as json, on_shared as run};

const HINDSIGHT: [&str; 8] =
    ["forecast", "personnel", "--as-of", "2024-09-28", "--reach", "750000", "--by", "2024-12-31"];

#[test]
fn hindsight_local_level_matches_the_independent_computation() {
    let mut args = HINDSIGHT.to_vec();
    args.extend(["--model", "local-level"]);
    let forecast = json(&args);
    assert_eq!(forecast["last_day"]["day"], "2024-09-27");
    assert_eq!(forecast["last_day"]["report"], "2024-09-28");
    assert_eq!(forecast["last_value"], 650_640);
    let crossing = &forecast["crossing"];
    let (by, probability) = (&crossing["by"][0], crossing["by"][1].as_f64().unwrap());
    assert_eq!(by["day"], "2024-12-31");
    assert_eq!(by["report"], "2025-01-01");
    assert!((probability - 0.902_987).abs() < 1e-6, "{probability}");
    let days: Vec<&str> =
        crossing["quantiles"].as_array().unwrap().iter().map(|q| q["day"].as_str().unwrap()).collect();
    assert_eq!(&days[1..4], ["2024-11-26", "2024-12-08", "2024-12-31"]);
    // What happened: the report of 2024-12-06 was the first at 750,000 or more.
    assert_eq!(crossing["actual"]["day"], "2024-12-05");
    assert_eq!(crossing["actual"]["report"], "2024-12-06");
}

#[test]
fn hindsight_default_model_reads_like_an_answer() {
    let out = run(&HINDSIGHT).ok();
    assert!(
        out.contains("Personnel forecast from 2024-09-27 = 650,640 (the data as of the report of 2024-09-28)"),
        "{out}"
    );
    assert!(out.contains("model: calibrated"), "{out}");
    assert!(out.contains("reaching 750,000:"), "{out}");
    assert!(out.contains("median date 2024-12-08 (report 2024-12-09)"), "{out}");
    assert!(out.contains("probability of reaching it by the end of 2024-12-31 (report 2025-01-01): 95%"), "{out}");
    assert!(out.contains("what happened: reached on 2024-12-05 (report 2024-12-06)"), "{out}");
    // The path beside what the data later showed: 751,910 at the end of 2024-12-06.
    assert!(out.contains("751,910 (in 80%)"), "{out}");
    assert!(out.contains("convention: loss-day"), "{out}");
}

#[test]
fn the_path_is_ordered_and_its_intervals_nest() {
    let forecast = json(&["forecast", "tanks", "--as-of", "2025-06-01", "--horizon", "60"]);
    let path = forecast["path"].as_array().unwrap();
    assert_eq!(path.len(), 60);
    let mut previous_median = 0.0;
    for point in path {
        let q: Vec<f64> = point["quantiles"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        assert!(q.windows(2).all(|pair| pair[0] <= pair[1]), "{point}");
        assert!(q[2] >= previous_median);
        previous_median = q[2];
        assert!(point["actual"].is_i64(), "the data cover this path: {point}");
    }
}

#[test]
fn a_threshold_already_passed_says_when() {
    let out = run(&["forecast", "personnel", "--reach", "750k", "--as-of", "2025-01-01"]).ok();
    assert!(out.contains("already reached on 2024-12-05 (report 2024-12-06)"), "{out}");
}

#[test]
fn random_parts_are_reproducible_and_follow_the_seed() {
    let args = ["forecast", "personnel", "--model", "recent-rate", "--as-of", "2025-03-01", "--horizon", "30"];
    let first = json(&args);
    assert_eq!(first, json(&args));
    let mut other = args.to_vec();
    other.extend(["--seed", "7"]);
    assert_ne!(first["path"], json(&other)["path"]);
}

#[test]
fn backtest_supports_the_default_model_and_shows_the_naive_ones_fail() {
    for convention in ["loss-day", "report-day"] {
        let result = json(&["backtest", "personnel", "--convention", convention]);
        let row = |model: &str, horizon: u64| {
            result["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["model"] == model && r["horizon"] == horizon)
                .unwrap_or_else(|| panic!("{model} {horizon}"))
                .clone()
        };
        let default = row("calibrated", 30);
        let (c80, c95) = (default["coverage80"].as_f64().unwrap(), default["coverage95"].as_f64().unwrap());
        assert!((0.75..=0.85).contains(&c80), "{convention}: calibrated 80% covered {c80}");
        assert!((0.90..=0.98).contains(&c95), "{convention}: calibrated 95% covered {c95}");
        assert!(default["origins"].as_u64().unwrap() > 150);
        assert_eq!(result["default_model"], "calibrated");
        // METHODS.md §4.3: the local level is calibrated or conservative (78–98%) ...
        for h in [7, 30, 90] {
            let c = row("local-level", h)["coverage80"].as_f64().unwrap();
            assert!((0.78..=0.98).contains(&c), "{convention}: local level at {h} days covered {c}");
        }
        // ... and a rate carried forward is overconfident beyond a few weeks.
        let naive = row("recent-rate", 90)["coverage80"].as_f64().unwrap();
        assert!(naive < 0.5, "{convention}: recent rate at 90 days covered {naive}");
    }
}

#[test]
fn crossing_dates_are_calibrated_like_the_paths() {
    // METHODS.md §4.3's crossing test: the next 100k from each weekly origin, 30–180 days ahead
    // (it measured n = 120, a median error of 5 days and 90% coverage for the local level).
    let result = json(&["backtest", "personnel", "--models", "local-level,calibrated", "--milestones", "100k"]);
    let rows = result["milestones"]["rows"].as_array().unwrap();
    assert_eq!(result["milestones"]["every"], 100_000);
    for row in rows {
        let events = row["events"].as_u64().unwrap();
        assert!((110..=130).contains(&events), "{row}");
        assert!(row["median_abs_error_days"].as_f64().unwrap() <= 8.0, "{row}");
    }
    let calibrated = rows.iter().find(|r| r["model"] == "calibrated").unwrap();
    let c80 = calibrated["coverage80"].as_f64().unwrap();
    assert!((0.72..=0.88).contains(&c80), "{calibrated}");
    let c95 = calibrated["coverage95"].as_f64().unwrap();
    assert!((0.88..=0.99).contains(&c95), "{calibrated}");
}

#[test]
fn backtest_csv_has_one_row_per_model_and_horizon() {
    let out =
        run(&["--csv", "backtest", "tanks", "--models", "local-level,negative-binomial", "--horizons", "7,30"]).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("category,model,horizon,origins,mae,mape,bias,coverage80,coverage95"), "{out}");
    assert_eq!(lines.len(), 1 + 4, "{out}");
}

#[test]
fn bad_forecast_requests_name_what_is_wrong() {
    let cases: [(&[&str], &str); 12] = [
        (&["forecast", "srbm_launchers"], "stopped being reported after the report of 2022-04-30"),
        (&["backtest", "ground_robots"], "a backtest needs a year before its first origin"),
        (&["forecast", "personnel", "--horizon", "0"], "--horizon"),
        (&["forecast", "personnel", "--horizon=-3"], "--horizon"),
        (&["backtest", "personnel", "--horizons", "7,0"], "--horizons"),
        (&["forecast", "personnel", "--model", "crystal-ball"], "unknown model \"crystal-ball\""),
        (&["forecast", "personnel", "--reach", "lots"], "--reach"),
        (&["forecast", "personnel", "--reach=-5"], "--reach"),
        (&["forecast", "personnel", "--reach", "2M", "--by", "2024-01-01"], "not after the last day"),
        (&["forecast", "personnel", "--reach", "2M", "--by", "2031-02-30"], "--by"),
        (&["forecast", "personnel", "--as-of", "2021-01-01"], "--as-of"),
        (&["forecast", "unicorns"], "unicorns"),
    ];
    for (args, expected) in cases {
        // Flags out of range are refused by the parser (exit 2), the rest by the command (exit 1).
        let outcome = run(args);
        assert!(outcome.status == 1 || outcome.status == 2, "{args:?}: exit {}", outcome.status);
        assert!(outcome.stderr.contains(expected), "{args:?}: {}", outcome.stderr);
        assert!(outcome.stdout.is_empty(), "{args:?}: {}", outcome.stdout);
    }
}
