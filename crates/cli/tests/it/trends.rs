//! Rankings, records, rolling averages, comparisons and the briefing on the real data, against
//! values computed independently by `scripts/expected_trends.py` (plain Python sorting over the
//! JSON files; its output is pasted below), under both conventions.

use crate::harness::{attrition, json_on_shared as json, shared_store};
use serde_json::Value;

fn rank_entry<'a>(ranking: &'a Value, label: &str) -> &'a Value {
    ranking["periods"].as_array().unwrap().iter().find(|p| p["label"] == label).unwrap_or_else(|| panic!("{label}"))
}

#[test]
fn september_2024_was_second_when_reported_and_ninth_now() {
    // (convention, as of, rank, complete months, top month, its total)
    let cases = [
        ("loss-day", "2024-10-01", 2, 31, "2024-05", 38940),
        ("loss-day", "2026-08-08", 9, 53, "2024-12", 48670),
        ("report-day", "2024-10-01", 2, 31, "2024-05", 38930),
        ("report-day", "2026-08-08", 9, 53, "2024-12", 49150),
    ];
    for (convention, as_of, rank, months, top, top_total) in cases {
        let ranking = json(&["rank", "personnel", "--by", "month", "--as-of", as_of, "--convention", convention]);
        let september = rank_entry(&ranking, "2024-09");
        assert_eq!(september["rank"], rank, "{convention} {as_of}");
        assert_eq!(ranking["ranked"], months, "{convention} {as_of}");
        assert_eq!(ranking["as_of"], as_of);
        let first = &ranking["periods"][0];
        assert_eq!((first["label"].as_str(), first["total"].as_i64()), (Some(top), Some(top_total)));
        assert_eq!(ranking["data_version"]["last_report"], as_of);

        let total = json(&["total", "personnel", "--period", "2024-09", "--as-of", as_of, "--convention", convention]);
        let figure = &total["figures"][0];
        assert_eq!((figure["rank"]["rank"].as_u64(), figure["rank"]["of"].as_u64()), (Some(rank), Some(months)));
    }
    let table =
        attrition(shared_store(), ["total", "personnel", "--period", "2024-09", "--as-of", "2024-10-01"]).run().ok();
    assert!(table.contains("2nd of 31 months"), "{table}");
    assert!(table.contains("as of the report of 2024-10-01"), "{table}");
}

#[test]
fn partial_months_are_marked_and_only_ranked_when_asked() {
    let ranking = json(&["rank", "personnel", "--by", "month"]);
    let first = rank_entry(&ranking, "2022-02");
    assert_eq!(first["rank"], Value::Null);
    assert_eq!(first["incomplete"], "starts_before_invasion");
    let current = rank_entry(&ranking, "2026-08");
    assert_eq!(current["incomplete"], "in_progress");
    assert_eq!((current["days"].as_i64(), current["total"].as_i64()), (Some(7), Some(8990)));
    assert!(current["pace_rank"].as_u64().is_some(), "{current}");

    let with_partial = json(&["rank", "personnel", "--by", "month", "--include-partial"]);
    assert_eq!(with_partial["ranked"], 55);
    let complete_only = json(&["rank", "personnel", "--by", "month", "--complete-only"]);
    assert_eq!(complete_only["periods"].as_array().map(Vec::len), Some(53));
    let top = json(&["rank", "personnel", "--by", "month", "--top", "3", "--complete-only"]);
    let labels: Vec<&str> = top["periods"].as_array().unwrap().iter().filter_map(|p| p["label"].as_str()).collect();
    assert_eq!(labels, ["2024-12", "2025-01", "2024-11"]);
}

#[test]
fn records_match_the_independent_computation() {
    // scripts/expected_trends.py: record CATEGORY KIND CONVENTION: total first..last
    let cases = [
        ("personnel", "day", "loss-day", 3160, "2022-03-02"),
        ("personnel", "week", "loss-day", 12580, "2024-12-16"),
        ("personnel", "month", "loss-day", 48670, "2024-12-01"),
        ("personnel", "year", "loss-day", 430790, "2024-01-01"),
        ("tanks", "day", "loss-day", 80, "2022-02-24"),
        ("tanks", "week", "loss-day", 164, "2022-04-25"),
        ("tanks", "month", "loss-day", 521, "2023-10-01"),
        ("tanks", "year", "loss-day", 3689, "2024-01-01"),
        ("personnel", "day", "report-day", 3160, "2022-03-03"),
        ("personnel", "week", "report-day", 11990, "2024-11-11"),
        ("personnel", "month", "report-day", 49150, "2024-12-01"),
        ("personnel", "year", "report-day", 430320, "2024-01-01"),
        ("tanks", "week", "report-day", 153, "2022-04-25"),
        ("tanks", "month", "report-day", 520, "2023-10-01"),
        ("tanks", "year", "report-day", 3691, "2024-01-01"),
    ];
    for convention in ["loss-day", "report-day"] {
        let records = json(&["records", "personnel", "tanks", "--convention", convention]);
        for (category, kind, _, total, start) in cases.iter().filter(|c| c.2 == convention) {
            let entry = records["records"].as_array().unwrap().iter().find(|r| r["category"] == *category).unwrap();
            let best = &entry[*kind];
            assert_eq!(
                (best["total"].as_i64(), best["start"].as_str()),
                (Some(*total), Some(*start)),
                "{category} {kind} {convention}"
            );
        }
        // The record month is the top of the ranking.
        let ranking = json(&["rank", "personnel", "--by", "month", "--convention", convention, "--top", "1"]);
        let month = &records["records"][0]["month"];
        assert_eq!(ranking["periods"][0]["total"], month["total"]);
    }
}

#[test]
fn rolling_averages_match_on_several_days() {
    // (convention, day, 7-day, 30-day) from scripts/expected_trends.py
    let cases = [
        ("loss-day", "2024-09-30", 1325.7143, 1271.0),
        ("loss-day", "2025-01-15", 1578.5714, 1634.6667),
        ("loss-day", "2026-08-07", 1284.2857, 1393.0),
        ("report-day", "2024-09-30", 1330.0, 1270.3333),
        ("report-day", "2025-01-15", 1571.4286, 1638.6667),
        ("report-day", "2026-08-08", 1284.2857, 1393.0),
    ];
    for (convention, day, seven, thirty) in cases {
        let rows = json(&["rolling", "personnel", "--from", day, "--to", day, "--convention", convention]);
        let row = &rows["rows"][0];
        assert_eq!(row["day"], day);
        let got = |i: usize| row["averages"][i].as_f64().unwrap();
        assert!((got(0) - seven).abs() < 1e-3 && (got(1) - thirty).abs() < 1e-3, "{convention} {day}: {row}");
    }
    // The first days of the war have no 30-day average yet.
    let early = json(&["rolling", "personnel", "--from", "2022-02-24", "--to", "2022-03-01"]);
    assert_eq!(early["rows"][0]["averages"][1], Value::Null);
    assert!(early["rows"][5]["averages"][1].is_null());
}

#[test]
fn trend_compares_with_the_previous_month_and_a_year_earlier() {
    let trend = json(&["trend", "personnel", "--period", "2024-09"]);
    assert_eq!(trend["current"]["total"], 38130);
    assert_eq!(trend["previous"]["base"]["label"], "2024-08");
    assert_eq!(trend["previous"]["base"]["total"], 36810);
    assert_eq!(trend["previous"]["change"]["absolute"], 38130 - 36810);
    assert_eq!(trend["year_earlier"]["base"]["label"], "2023-09");
    let september_2023 = json(&["total", "personnel", "--period", "2023-09"]);
    assert_eq!(trend["year_earlier"]["base"]["total"], september_2023["figures"][0]["total"]);
    let pct = trend["year_earlier"]["change"]["percent"].as_f64().unwrap();
    let base = september_2023["figures"][0]["total"].as_f64().unwrap();
    assert!((pct - (38130.0 - base) / base * 100.0).abs() < 1e-9);
}

#[test]
fn shares_and_ratios_add_up() {
    let shares = json(&["shares", "--period", "2024"]);
    let rows = shares["shares"].as_array().unwrap();
    let sum: i64 = rows.iter().map(|r| r["total"].as_i64().unwrap()).sum();
    assert_eq!(shares["total"].as_i64(), Some(sum));
    let percent: f64 = rows.iter().map(|r| r["percent"].as_f64().unwrap()).sum();
    assert!((percent - 100.0).abs() < 1e-9, "{percent}");
    assert!(rows.iter().all(|r| r["category"] != "personnel" && r["category"] != "pow"));
    let tanks_2024 = json(&["total", "tanks", "--period", "2024"]);
    let tanks = rows.iter().find(|r| r["category"] == "tanks").unwrap();
    assert_eq!(tanks["total"], tanks_2024["figures"][0]["total"]);

    let ratio = json(&["ratio", "personnel", "tanks", "--by", "year"]);
    let year_2024 = ratio["rows"].as_array().unwrap().iter().find(|r| r["label"] == "2024").unwrap();
    assert_eq!((year_2024["numerator"].as_i64(), year_2024["denominator"].as_i64()), (Some(430790), Some(3689)));
    assert!((year_2024["ratio"].as_f64().unwrap() - 430790.0 / 3689.0).abs() < 1e-9);
}

#[test]
fn the_briefing_agrees_with_the_other_commands() {
    let report = json(&["report", "--offline"]);
    assert_eq!(report["latest_report"], "2026-08-08");
    assert_eq!(report["last_day"], "2026-08-07");
    assert_eq!(report["war_day"], 1627);
    assert_eq!(report["freshness"]["status"], "stored");
    let personnel = &report["categories"][0];
    assert_eq!(personnel["category"], "personnel");
    assert_eq!(personnel["cumulative"], 1456610);
    let last_30 = json(&["total", "personnel", "--from", "2026-07-09", "--to", "2026-08-07"]);
    assert_eq!(personnel["last_30_days"]["total"], last_30["figures"][0]["total"]);
    assert_eq!(personnel["last_30_days"]["total"], 41790);
    assert_eq!(personnel["previous_month"]["label"], "2026-07");
    let july = json(&["total", "personnel", "--period", "2026-07"]);
    assert_eq!(personnel["previous_month"]["rank"], july["figures"][0]["rank"]["rank"]);
    assert_eq!(personnel["records"]["month"]["label"], "2024-12");
    assert_eq!(report["categories"].as_array().map(Vec::len), Some(17));

    // As of the day the September 2024 article appeared.
    let then = json(&["report", "--as-of", "2024-10-01"]);
    assert_eq!(then["latest_report"], "2024-10-01");
    let month = &then["categories"][0]["month_to_date"];
    assert_eq!((month["label"].as_str(), month["rank"].as_u64()), (Some("2024-09"), Some(2)));
}
