//! The forecasting models on synthetic series whose law is known: their intervals must cover the
//! outcomes at about their nominal rate, over many seeds.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use attrition_analysis::forecast::{
    Fits, ForecastError, ForecastModel, ForecastRequest, ForecastSettings, History, backtest, forecast,
    forecast_reusing,
};
use attrition_model::{Category, Convention};
use jiff::civil::date;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Normal, Poisson};

/// A cumulative series of `days` daily counts drawn from `daily`.
fn history(days: usize, mut daily: impl FnMut(usize) -> i64) -> History {
    let mut total = 0_i64;
    let counts: Vec<Option<i64>> = std::iter::once(Some(0))
        .chain((0..days).map(|day| {
            total += daily(day);
            Some(total)
        }))
        .collect();
    History::from_counts(Category::Personnel, Convention::LossDay, date(2022, 2, 23), &counts).unwrap()
}

/// Coverage of the 80% and 95% intervals at each horizon, pooled over seeds, from rolling origins
/// spaced so that the outcomes at the longest horizon do not overlap.
fn pooled_coverage(model: ForecastModel, seeds: u64, make: impl Fn(u64) -> History) -> Vec<(usize, f64, f64, usize)> {
    let horizons = [7, 30];
    let mut sums = vec![(0.0, 0.0, 0_usize); horizons.len()];
    for seed in 0..seeds {
        let series = make(seed);
        let settings = ForecastSettings { seed: seed + 1000, paths: 1000, ..ForecastSettings::default() };
        let result = backtest(&series, &[model], &horizons, 30, None, &settings, &|_, _| {}).unwrap();
        for (k, row) in result.rows.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let n = row.origins as f64;
            sums[k].0 += row.coverage80 * n;
            sums[k].1 += row.coverage95 * n;
            sums[k].2 += row.origins;
        }
    }
    horizons
        .iter()
        .zip(sums)
        .map(|(&h, (c80, c95, n))| {
            #[allow(clippy::cast_precision_loss)]
            let nf = n as f64;
            (h, c80 / nf, c95 / nf, n)
        })
        .collect()
}

/// Asserts coverage within three binomial standard errors of nominal (plus a small allowance for
/// the models' own approximations).
fn assert_calibrated(model: ForecastModel, coverage: &[(usize, f64, f64, usize)]) {
    eprintln!("{model}: {coverage:?}");
    for &(h, c80, c95, n) in coverage {
        #[allow(clippy::cast_precision_loss)]
        let nf = n as f64;
        let se80 = (0.8 * 0.2 / nf).sqrt();
        let se95 = (0.95 * 0.05 / nf).sqrt();
        assert!((c80 - 0.8).abs() <= 3.0 * se80 + 0.03, "{model} h={h}: 80% covered {c80:.3} of {n}");
        assert!((c95 - 0.95).abs() <= 3.0 * se95 + 0.02, "{model} h={h}: 95% covered {c95:.3} of {n}");
    }
}

fn poisson_series(seed: u64) -> History {
    let mut rng = StdRng::seed_from_u64(seed);
    let law = Poisson::new(800.0).unwrap();
    #[allow(clippy::cast_possible_truncation)]
    history(1100, |_| law.sample(&mut rng) as i64)
}

#[test]
fn constant_rate_poisson_intervals_cover_at_their_nominal_rate() {
    let all: Vec<_> =
        ForecastModel::ALL.iter().map(|&model| (model, pooled_coverage(model, 24, poisson_series))).collect();
    for (model, coverage) in all {
        assert_calibrated(model, &coverage);
    }
}

/// Daily counts around a rate that follows a random walk: the local-level model's own law.
fn drifting_series(seed: u64) -> History {
    let mut rng = StdRng::seed_from_u64(seed);
    let noise = Normal::new(0.0, 40.0).unwrap();
    let step = Normal::new(0.0, 4.0).unwrap();
    let mut rate = 1000.0_f64;
    #[allow(clippy::cast_possible_truncation)]
    history(1100, |_| {
        rate = (rate + step.sample(&mut rng)).max(100.0);
        (rate + noise.sample(&mut rng)).round() as i64
    })
}

#[test]
fn kalman_models_cover_a_drifting_rate_and_the_naive_one_does_not() {
    for model in [ForecastModel::LocalLevel, ForecastModel::Calibrated] {
        let coverage = pooled_coverage(model, 8, drifting_series);
        assert_calibrated(model, &coverage);
    }
    // The recent-rate bootstrap ignores that the rate moves: at 30 days it is overconfident.
    let naive = pooled_coverage(ForecastModel::RecentRate, 8, drifting_series);
    assert!(naive[1].1 < 0.7, "recent-rate at 30 days covered {:.3}", naive[1].1);
}

#[test]
fn crossing_dates_follow_the_path() {
    let mut rng = StdRng::seed_from_u64(3);
    let series = history(400, |_| 1000 + rng.random_range(-50..=50));
    // About 400,000 after 400 days; 430,000 should come about 30 days later.
    let request = ForecastRequest {
        model: ForecastModel::LocalLevel,
        horizon: 60,
        threshold: Some(430_000),
        by: Some(date(2023, 5, 31)),
    };
    let result = forecast(&series, &request, &ForecastSettings::default(), None).unwrap();
    let crossing = result.crossing.clone().unwrap();
    let [q025, q10, q50, q90, q975] = crossing.quantiles.map(|q| q.unwrap().day);
    assert!(q025 <= q10 && q10 <= q50 && q50 <= q90 && q90 <= q975);
    let median_point = result.at(q50).unwrap();
    assert!(median_point.quantiles[2] >= 430_000.0);
    let (_, probability) = crossing.by.unwrap();
    assert!((0.0..=1.0).contains(&probability));
}

#[test]
fn bad_requests_are_refused() {
    let series = history(200, |_| 10);
    let settings = ForecastSettings::default();
    let request = ForecastRequest { model: ForecastModel::LocalLevel, horizon: 0, threshold: None, by: None };
    assert_eq!(forecast(&series, &request, &settings, None), Err(ForecastError::NoHorizon));
    let request = ForecastRequest { model: ForecastModel::LocalLevel, horizon: 10, threshold: Some(-5), by: None };
    assert_eq!(forecast(&series, &request, &settings, None), Err(ForecastError::BadThreshold(-5)));
    let passed = ForecastRequest { model: ForecastModel::LocalLevel, horizon: 10, threshold: Some(1000), by: None };
    let crossing = forecast(&series, &passed, &settings, None).unwrap().crossing.unwrap();
    assert_eq!(crossing.already.unwrap().day, date(2022, 6, 3)); // day 100 after the base
    let short = history(10, |_| 10);
    assert!(matches!(
        forecast(&short, &ForecastRequest { horizon: 5, ..passed }, &settings, None),
        Err(ForecastError::TooShort { .. })
    ));
}

#[test]
fn reused_fits_give_the_forecasts_fresh_ones_give() {
    // Two histories that share 600 days, shifted by 100: fits kept for one must not leak into the
    // other, nor from one model's window into another's.
    let mut rng = StdRng::seed_from_u64(11);
    let daily: Vec<i64> = (0..700).map(|_| 900 + rng.random_range(-80..=80)).collect();
    let long = history(700, |day| daily[day]);
    let short = history(600, |day| daily[day + 100]);
    let mut fits = Fits::default();
    for (series, model, threshold) in [
        (&long, ForecastModel::Calibrated, 660_000),
        (&long, ForecastModel::Calibrated, 700_000),
        (&short, ForecastModel::Calibrated, 600_000),
        (&short, ForecastModel::LocalLevel, 600_000),
        (&long, ForecastModel::Calibrated, 650_000),
    ] {
        let request = ForecastRequest { model, horizon: 30, threshold: Some(threshold), by: None };
        let settings = ForecastSettings::default();
        let fresh = forecast(series, &request, &settings, None).unwrap();
        let reused = forecast_reusing(series, &request, &settings, None, &mut fits).unwrap();
        assert_eq!(format!("{fresh:?}"), format!("{reused:?}"), "{model} to {threshold}");
    }
}
