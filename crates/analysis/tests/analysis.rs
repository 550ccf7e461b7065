//! Hand-computed figures on small literal series, and properties that must hold for any series.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use attrition_analysis::{AnalysisError, Record, TrackingState, check_for_import};
use attrition_model::{Category, Convention, Correction, Observation, Period, PeriodKind, Qualifier, SourceId};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use std::collections::HashMap;

fn obs(category: Category, d: Date, value: i64) -> Observation {
    Observation { report_date: d, category, value, qualifier: None }
}

/// Tanks reported 2022-02-25 .. 2022-03-05 (values below), ground robots from 2022-03-03 with a
/// backlog of 50, and a −5 correction on 2022-03-03 that explains a fall.
fn small_record() -> Record {
    let tanks = [80, 146, 150, 150, 198, 211, 208, 251, 285];
    let mut observations: Vec<Observation> = tanks
        .iter()
        .enumerate()
        .map(|(i, v)| {
            obs(Category::Tanks, date(2022, 2, 25).checked_add(jiff::Span::new().days(i as i64)).unwrap(), *v)
        })
        .collect();
    observations.push(obs(Category::GroundRobots, date(2022, 3, 3), 50));
    observations.push(obs(Category::GroundRobots, date(2022, 3, 4), 52));
    observations.push(obs(Category::GroundRobots, date(2022, 3, 5), 55));
    let corrections = [Correction { report_date: date(2022, 3, 3), category: Category::Tanks, value: -5 }];
    Record::build(SourceId::Petroivaniuk, observations, corrections, []).unwrap()
}

#[test]
fn conventions_shift_the_reports_by_one_day() {
    let record = small_record();
    let range = Period::range(date(2022, 2, 26), date(2022, 2, 28)).unwrap();
    // loss-day: cum(report 03-01) − cum(report 02-26) = 198 − 146.
    let loss = record.period_total(Category::Tanks, &range, Convention::LossDay, false).unwrap();
    assert_eq!((loss.total, loss.days, loss.cumulative_end), (52, 3, 198));
    assert_eq!((loss.start_report, loss.end_report), (date(2022, 2, 26), date(2022, 3, 1)));
    // report-day: cum(02-28) − cum(02-25) = 150 − 80.
    let report = record.period_total(Category::Tanks, &range, Convention::ReportDay, false).unwrap();
    assert_eq!((report.total, report.cumulative_end), (70, 150));
}

#[test]
fn the_first_day_counts_from_zero_before_the_invasion() {
    let record = small_record();
    let all = Period::parse("all").unwrap();
    let loss = record.period_total(Category::Tanks, &all, Convention::LossDay, false).unwrap();
    // Loss days 02-24 .. 03-04 (9 days), everything up to the report of 03-05.
    assert_eq!((loss.total, loss.days, loss.start, loss.end), (285, 9, date(2022, 2, 24), date(2022, 3, 4)));
    let report = record.period_total(Category::Tanks, &all, Convention::ReportDay, false).unwrap();
    assert_eq!((report.total, report.days), (285, 10));
    assert_eq!(record.cumulative(Category::Tanks, date(2022, 2, 24)).unwrap().state, TrackingState::BeforeWar);
}

#[test]
fn corrections_are_subtracted_only_when_asked() {
    let record = small_record();
    let day = Period::parse("2022-03-03").unwrap();
    let published = record.period_total(Category::Tanks, &day, Convention::ReportDay, false).unwrap();
    assert_eq!((published.total, published.corrections), (-3, -5));
    let net = record.period_total(Category::Tanks, &day, Convention::ReportDay, true).unwrap();
    assert_eq!((net.total, net.published_total), (2, -3));
}

#[test]
fn a_late_category_is_a_backlog_not_a_days_losses() {
    let record = small_record();
    let rows = record.daily(Category::GroundRobots, date(2022, 3, 1), date(2022, 3, 5), Convention::ReportDay).unwrap();
    assert_eq!(rows.len(), 3, "days before the first report are left out");
    assert!(rows[0].flags.backlog_start);
    assert_eq!(rows[0].published, Some(50));
    assert!(!rows[1].flags.backlog_start);
    let before = Period::parse("2022-02-27").unwrap();
    assert!(matches!(
        record.period_total(Category::GroundRobots, &before, Convention::ReportDay, false),
        Err(AnalysisError::NotTracked { .. })
    ));
    let spanning = Period::range(date(2022, 3, 1), date(2022, 3, 4)).unwrap();
    let figure = record.period_total(Category::GroundRobots, &spanning, Convention::ReportDay, false).unwrap();
    assert_eq!(figure.total, 52);
    assert!(figure.notes.iter().any(|n| n.contains("backlog")), "{:?}", figure.notes);
}

#[test]
fn a_missing_report_is_a_gap_never_interpolated() {
    let mut observations: Vec<Observation> =
        (1..=5).map(|d| obs(Category::Tanks, date(2024, 9, d), 100 + i64::from(d))).collect();
    observations.remove(2); // 2024-09-03
    let record = Record::build(SourceId::Petroivaniuk, observations, [], []).unwrap();
    let day = Period::parse("2024-09-03").unwrap();
    assert_eq!(
        record.period_total(Category::Tanks, &day, Convention::ReportDay, false),
        Err(AnalysisError::Gap { category: Category::Tanks, report_date: date(2024, 9, 3) })
    );
    let rows = record.daily(Category::Tanks, date(2024, 9, 2), date(2024, 9, 4), Convention::ReportDay).unwrap();
    assert!(rows[1].flags.gap && rows[1].published.is_none());
    assert!(rows[2].flags.after_gap);
    assert_eq!(rows[2].published, Some(2), "the change spans the missing day");
    let report = record.validate();
    assert_eq!(report.gaps.len(), 1);
    assert_eq!((report.gaps[0].from, report.gaps[0].days), (date(2024, 9, 3), 1));
}

#[test]
fn validation_accounts_for_falls() {
    let record = small_record();
    let report = record.validate();
    assert_eq!(report.decreases.len(), 1);
    let fall = &report.decreases[0];
    assert_eq!(
        (fall.report_date, fall.change, fall.correction, fall.accounted),
        (date(2022, 3, 3), -3, Some(-5), true)
    );
    let robots = report.series_starts.iter().find(|s| s.category == Category::GroundRobots).unwrap();
    assert!(robots.backlog);
    assert_eq!(robots.first_value, 50);
}

#[test]
fn import_check_refuses_only_large_unexplained_falls() {
    let small = Record::build(
        SourceId::Petroivaniuk,
        [obs(Category::Tanks, date(2024, 1, 1), 3799), obs(Category::Tanks, date(2024, 1, 2), 3797)],
        [],
        [],
    )
    .unwrap();
    assert!(check_for_import(&small, &HashMap::new()).is_ok());
    let large = Record::build(
        SourceId::Petroivaniuk,
        [obs(Category::Personnel, date(2024, 1, 1), 654_430), obs(Category::Personnel, date(2024, 1, 2), 65_443)],
        [],
        [],
    )
    .unwrap();
    let err = check_for_import(&large, &HashMap::new()).unwrap_err().to_string();
    assert!(err.contains("falls from 654430") && err.contains("no correction"), "{err}");
}

#[test]
fn qualifiers_are_kept() {
    let record = Record::build(
        SourceId::Petroivaniuk,
        [Observation {
            report_date: date(2022, 3, 7),
            category: Category::Personnel,
            value: 11_000,
            qualifier: Some(Qualifier::More),
        }],
        [],
        [],
    )
    .unwrap();
    let day = Period::parse("2022-03-07").unwrap();
    let figure = record.period_total(Category::Personnel, &day, Convention::ReportDay, false).unwrap();
    assert_eq!(figure.qualifier, Some(Qualifier::More));
}

fn arbitrary_record() -> impl Strategy<Value = Record> {
    (prop::collection::vec(0i64..2_000, 5..120), 0usize..5).prop_map(|(increments, late_start)| {
        let mut total = 0;
        let start = date(2022, 2, 25);
        let observations: Vec<Observation> =
            increments
                .iter()
                .enumerate()
                .skip(late_start)
                .map(|(i, inc)| {
                    total += inc;
                    obs(Category::Personnel, start.checked_add(jiff::Span::new().days(i as i64)).unwrap(), total)
                })
                .chain((0..increments.len()).map(|i| {
                    obs(Category::Tanks, start.checked_add(jiff::Span::new().days(i as i64)).unwrap(), i as i64)
                }))
                .collect();
        Record::build(SourceId::Petroivaniuk, observations, [], []).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Splitting a period in two never changes its total, under either convention, and the
    /// whole war adds up to the last cumulative value.
    #[test]
    fn period_totals_add_up(record in arbitrary_record(), split in 0i64..200, report_day in any::<bool>()) {
        let convention = if report_day { Convention::ReportDay } else { Convention::LossDay };
        let first = date(2022, 2, 24);
        let last = record.last_day(convention);
        let middle = first.checked_add(jiff::Span::new().days(split)).unwrap().min(last);
        let total = |a: Date, b: Date| {
            record.period_total(Category::Tanks, &Period::range(a, b).unwrap(), convention, false).map(|f| f.total)
        };
        let whole = total(first, last).unwrap();
        if middle < last {
            let left = total(first, middle).unwrap();
            let right = total(middle.tomorrow().unwrap(), last).unwrap();
            prop_assert_eq!(left + right, whole);
        }
        let tanks_last = record.series[&Category::Tanks].reports.values().next_back().unwrap().0;
        prop_assert_eq!(whole, tanks_last);
        // Daily rows sum to the same total.
        let rows = record.daily(Category::Tanks, first, last, convention).unwrap();
        prop_assert_eq!(rows.iter().filter_map(|r| r.published).sum::<i64>(), whole);
    }
}

/// Up to about a year and a half of daily reports for personnel (possibly starting late, so with
/// a backlog) and tanks (with occasional falls, as corrections make them).
fn long_record() -> impl Strategy<Value = Record> {
    (prop::collection::vec((0i64..2_000, -3i64..15), 20..560), 0usize..40).prop_map(|(steps, late_start)| {
        let start = date(2022, 2, 25);
        let day = |i: usize| start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
        let late_start = late_start.min(steps.len() - 10);
        let (mut personnel, mut tanks) = (0, 0);
        let mut observations = Vec::new();
        for (i, (people, armour)) in steps.iter().enumerate() {
            personnel += people;
            tanks = (tanks + armour).max(0);
            if i >= late_start {
                observations.push(obs(Category::Personnel, day(i), personnel));
            }
            observations.push(obs(Category::Tanks, day(i), tanks));
        }
        Record::build(SourceId::Petroivaniuk, observations, [], []).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The periods of every kind tile the data: their totals (partial ones included) add up to
    /// the cumulative count at the last day, under either convention.
    #[test]
    fn calendar_totals_add_up_to_the_cumulative_difference(record in long_record(), report_day in any::<bool>()) {
        let convention = if report_day { Convention::ReportDay } else { Convention::LossDay };
        let last = record.last_day(convention);
        let table = record.day_table(Category::Tanks, convention).unwrap();
        let end = table.cumulative(last).unwrap().unwrap().0;
        for kind in PeriodKind::CALENDAR {
            let ranking = record.ranking(Category::Tanks, kind, convention, false, true).unwrap();
            prop_assert_eq!(ranking.periods.iter().map(|p| p.figure.total).sum::<i64>(), end, "{:?}", kind);
            prop_assert_eq!(ranking.ranked, ranking.periods.len());
        }
    }

    /// Ranks are a permutation of 1..=n over the ranked periods, in order of non-increasing
    /// total; equal totals share their competition rank.
    #[test]
    fn ranks_are_a_permutation(record in long_record(), kind_index in 0usize..5, partial in any::<bool>()) {
        let kind = PeriodKind::CALENDAR[kind_index];
        let ranking = record.ranking(Category::Personnel, kind, Convention::LossDay, false, partial).unwrap();
        let mut ranks: Vec<usize> = ranking.periods.iter().filter_map(|p| p.rank).collect();
        let totals: Vec<i64> = ranking.ranked_periods().map(|p| p.figure.total).collect();
        prop_assert!(totals.windows(2).all(|w| w[0] >= w[1]));
        ranks.sort_unstable();
        prop_assert_eq!(ranks, (1..=ranking.ranked).collect::<Vec<_>>());
        for p in ranking.ranked_periods() {
            let shared = p.shared_rank.unwrap();
            prop_assert!(shared <= p.rank.unwrap());
            prop_assert_eq!(shared, 1 + totals.iter().filter(|&&t| t > p.figure.total).count());
        }
        // Unranked periods are exactly the incomplete ones (unless partial ones were asked for).
        for p in &ranking.periods {
            prop_assert_eq!(p.rank.is_none(), !partial && p.incomplete.is_some());
        }
    }

    /// The dense table agrees with the cumulative function on every day, and a ranking as of
    /// an earlier date only holds periods that ended by then.
    #[test]
    fn day_table_follows_the_cumulative_function(record in long_record(), cut in 5i64..500, report_day in any::<bool>()) {
        let convention = if report_day { Convention::ReportDay } else { Convention::LossDay };
        for category in [Category::Personnel, Category::Tanks] {
            let table = record.day_table(category, convention).unwrap();
            let mut day = date(2022, 2, 23);
            while day <= record.last_day(convention) {
                let report = day.checked_add(jiff::Span::new().days(i64::from(convention.report_offset_days()))).unwrap();
                let expected = record.cumulative(category, report).unwrap().value;
                prop_assert_eq!(table.cumulative(day).unwrap().map(|c| c.0), Some(expected));
                day = day.tomorrow().unwrap();
            }
        }
        let as_of = date(2022, 2, 25).checked_add(jiff::Span::new().days(cut)).unwrap().min(record.last_report);
        let earlier = record.as_of(as_of).unwrap();
        let ranking = earlier.ranking(Category::Tanks, PeriodKind::Week, convention, false, false).unwrap();
        prop_assert_eq!(ranking.as_of, as_of);
        prop_assert!(ranking.ranked_periods().all(|p| p.period_end <= earlier.last_day(convention)));
    }
}
