//! The Economist's files, read from ../shared/data/economist: counts, mappings and the Meduza
//! sums checked against METHODS.md §2.2 (summed there, and again here with a few lines of Python:
//! `EDAssembled` through 2025-W52 = 351,817, bounds 301,826 and 401,808).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use attrition_model::{MethodClass, Metric, Side};
use attrition_sources::{read_assessments, read_meta_estimate};
use jiff::civil::date;
use std::path::PathBuf;

fn economist(file: &str) -> (String, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/economist").join(file);
    (path.display().to_string(), std::fs::read_to_string(&path).unwrap())
}

#[test]
fn the_estimates_table_maps_every_row() {
    let (name, text) = economist("source-data/Soldier_deaths_casualties_in_Ukraine_-_estimates.csv");
    let rows = read_assessments(&name, &text).unwrap();
    assert_eq!(rows.len(), 124); // "124 estimates from 33 sources"
    assert!(rows.iter().all(|r| matches!(r.metric, Metric::Killed | Metric::Casualties)));
    // The first row: the Armed Forces of Ukraine's 390,580 on 2024-01-16, a belligerent's figure.
    let first = &rows[0];
    assert_eq!((first.published, first.best, first.side), (date(2024, 1, 16), Some(390_580.0), Side::Russia));
    assert_eq!(first.method_class, MethodClass::BelligerentClaim);
}

#[test]
fn meduza_weeks_sum_to_the_published_totals() {
    let (name, text) = economist("source-data/meduza_2026_weekly.csv");
    let rows = read_assessments(&name, &text).unwrap();
    let last = rows.last().unwrap();
    // 2025-W52 ends on Sunday 2025-12-28.
    assert_eq!(last.published, date(2025, 12, 28));
    assert_eq!((last.low, last.best, last.high), (Some(301_826.0), Some(351_817.0), Some(401_808.0)));
    assert!(rows.windows(2).all(|w| w[0].published < w[1].published && w[0].best <= w[1].best));
}

#[test]
fn uk_mod_months_are_cumulative_at_month_end() {
    let (name, text) =
        economist("source-data/Soldier_deaths_casualties_in_Ukraine_-_uk_mod_month-by-month_estimates.csv");
    let rows = read_assessments(&name, &text).unwrap();
    // March 2022: 11,966 by the end of the month.
    assert_eq!((rows[0].published, rows[0].best), (date(2022, 3, 31), Some(11_966.0)));
    assert!(rows.iter().all(|r| r.metric == Metric::Casualties && r.method_class == MethodClass::Intelligence));
}

#[test]
fn the_meta_estimate_reads_in_date_order() {
    let (name, text) = economist("output-data/meta-estimate-deaths.csv");
    let days = read_meta_estimate(&name, &text).unwrap();
    let last = days.last().unwrap();
    assert_eq!(last.date, date(2026, 8, 21));
    assert!((last.estimate - 490_321.447_801_062_5).abs() < 1e-6);
    assert!(last.pi.0 < last.ci.0 && last.ci.1 < last.pi.1);
}

#[test]
fn a_broken_row_is_named() {
    let text =
        "date,estimate_low,estimate_high,estimate,type,source,source_url,country\n31/02/2024,,,5,deaths,X,u,russia\n";
    let error = read_assessments("Soldier_deaths_casualties_in_Ukraine_-_estimates.csv", text).unwrap_err();
    assert_eq!(error.line, 2);
    assert!(error.to_string().contains("not a date"), "{error}");
}
