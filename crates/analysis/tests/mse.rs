//! Capture–recapture against the reference outputs measured with the original R packages
//! (Rcapture 1.4-4, dga 2.0.2) in `../shared/reference/mse-reference-outputs.txt` and the
//! literals of `../shared/METHODS.md` §1.2, §1.3 and §1.7. Each dataset cites its source.
//! Tolerances follow the precision the reference prints: 7 significant digits for Rcapture's
//! tables and profile intervals, dga's weights and means to the decimals printed and its grid
//! summaries (mode, quantiles) exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use attrition_analysis::mse::{
    self, CaptureTable, DgaOptions, Heterogeneity, InputRow, IntervalKind, MissingGrid, Model, MseError, MseOptions,
    NPrior, decomposable_graphs, dga, fit, profile_interval, read_rows, search_two_way, standard_models, two_list,
};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// `|actual − expected| ≤ tolerance`, with a message.
#[track_caller]
fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!((actual - expected).abs() <= tolerance, "{actual} differs from {expected} by more than {tolerance}");
}

/// Agreement to `digits` significant digits (half a unit in the last printed place).
#[track_caller]
fn sig(actual: f64, expected: f64, digits: i32) {
    let magnitude = expected.abs().log10().floor() as i32;
    let unit = 10f64.powi(magnitude - digits + 1);
    close(actual, expected, unit * 0.5 + 1e-12);
}

/// Kosovo 1999, 4 lists EXH, ABA, OSCE, HRW (Ball et al. 2002), R array order as LCMCR's
/// `data/kosovo_aggregate` gives it (METHODS.md §1.7).
fn kosovo() -> CaptureTable {
    CaptureTable::new(
        names(&["EXH", "ABA", "OSCE", "HRW"]),
        vec![0, 1131, 845, 177, 936, 228, 217, 181, 306, 106, 31, 18, 123, 42, 32, 27],
    )
    .unwrap()
}

/// Darroch et al. (1993) R3, as Rcapture's `inst/tests/testPapersResults.R` enters it
/// (`histpos.t(3)` order).
fn darroch() -> CaptureTable {
    CaptureTable::from_histpos(names(&["c1", "c2", "c3"]), &[72, 155, 7, 71, 13, 53, 43]).unwrap()
}

/// Bruno et al. (1994) diabetes, 4 lists, same Rcapture test file.
fn diabetes() -> CaptureTable {
    CaptureTable::from_histpos(
        names(&["c1", "c2", "c3", "c4"]),
        &[58, 157, 18, 104, 46, 650, 12, 709, 14, 20, 7, 74, 8, 182, 10],
    )
    .unwrap()
}

/// Cormack, Chang and Smith (2000), Table 3b (3 lists) and 3a (4 lists), same Rcapture file.
fn cormack3() -> CaptureTable {
    CaptureTable::from_histpos(names(&["c1", "c2", "c3"]), &[72, 5, 29, 54, 24, 3, 14]).unwrap()
}

fn cormack4() -> CaptureTable {
    CaptureTable::from_histpos(names(&["c1", "c2", "c3", "c4"]), &[72, 5, 29, 53, 24, 3, 12, 14, 0, 0, 0, 1, 0, 0, 2])
        .unwrap()
}

/// Madigan & York (1997) 3-list example, dga `tests/testthat/test-BMAfunctions.R`, R order.
fn madigan_york3() -> CaptureTable {
    CaptureTable::new(names(&["1", "2", "3"]), vec![0, 60, 49, 4, 247, 112, 142, 12]).unwrap()
}

/// Madigan & York (1997) 5-list example, dga `man/bma.cr.Rd`, R order.
fn madigan_york5() -> CaptureTable {
    CaptureTable::new(
        names(&["1", "2", "3", "4", "5"]),
        vec![
            0, 27, 37, 19, 4, 4, 1, 1, 97, 22, 37, 25, 2, 1, 3, 5, 83, 36, 34, 18, 3, 5, 0, 2, 30, 5, 23, 8, 0, 3, 0, 2,
        ],
    )
    .unwrap()
}

/// `(estimate, se, deviance, df, AIC, BIC)` to the printed digits.
#[track_caller]
fn rcapture_row(fit: &mse::LogLinearFit, row: (f64, f64, f64, i64, f64, f64)) {
    sig(fit.estimate, row.0, 7);
    sig(fit.se, row.1, 7);
    if row.2.abs() < 1e-6 {
        close(fit.deviance, 0.0, 1e-7);
    } else {
        sig(fit.deviance, row.2, 7);
    }
    assert_eq!(fit.df, row.3, "{}", fit.label);
    sig(fit.aic, row.4, 7);
    sig(fit.bic, row.5, 7);
    assert!(fit.converged && fit.bounded, "{}: {:?}", fit.label, fit.flags);
}

/// `(abundance, infCL, supCL)` of `closedpCI.t`. The bounds agree to the 7 significant digits
/// printed. The maximiser of the profile likelihood is found from function values by both R
/// (`optimize`, tolerance 1e-4) and us (Brent); at the flat top that locates it only to about
/// 1e-4 of N, so it is compared to 1e-3 as well as to the printed digits.
#[track_caller]
fn rcapture_ci(table: &CaptureTable, model: &Model, ci: (f64, f64, f64)) {
    let profile = profile_interval(table, model).unwrap();
    let unit = 10f64.powi(ci.0.abs().log10().floor() as i32 - 6);
    close(profile.estimate, ci.0, (unit * 0.5).max(1e-3));
    sig(profile.interval.lower, ci.1, 7);
    sig(profile.interval.upper.unwrap(), ci.2, 7);
    assert_eq!(profile.interval.kind, IntervalKind::Profile);
}

// ---------------------------------------------------------------- two lists (METHODS.md §1.2)

#[test]
fn chapman_of_the_histdata_example() {
    // dmidlo/histdata.com-tools#630 (cited in METHODS.md §1.2).
    let e = two_list(1000, 800, 600).unwrap();
    close(e.chapman, 1333.1114808652246, 1e-9);
    close(e.lincoln_petersen.unwrap(), 1333.3333333333333, 1e-9);
}

#[test]
fn kosovo_pairs_match_the_measured_two_list_values() {
    // mse-reference-outputs.txt: n1, n2, m, n, LP, Chapman, se, logCI95.
    let table = kosovo();
    let pairs = mse::pairwise(&table);
    let expected = [
        ("EXH", "ABA", 1910, 1528, 403, 3035, 7241.886, 7231.473, 273.7525, 6728.313, 7803.181),
        ("EXH", "OSCE", 1910, 1786, 478, 3218, 7136.527, 7128.347, 240.9971, 6683.811, 7629.9),
        ("ABA", "OSCE", 1528, 1786, 457, 2857, 5971.571, 5964.771, 200.9793, 5595.163, 6384.27),
    ];
    for (a, b, n1, n2, m, n, lp, chapman, se, lower, upper) in expected {
        let pair = pairs.iter().find(|p| p.lists == [a.to_owned(), b.to_owned()]).unwrap();
        assert_eq!((pair.n1, pair.n2, pair.m, pair.observed), (n1, n2, m, n));
        sig(pair.lincoln_petersen.unwrap(), lp, 7);
        sig(pair.chapman, chapman, 7);
        sig(pair.chapman_se, se, 7);
        sig(pair.interval.lower, lower, 7);
        sig(pair.interval.upper.unwrap(), upper, 7);
        assert_eq!(pair.interval.kind, IntervalKind::LogNormal);
    }
    // The Wald interval the reference prints beside it: Chapman ± 1.96·se = 6694.928 .. 7768.018.
    let p = &pairs[0];
    sig(p.chapman - mse::special::Z_95 * p.chapman_se, 6694.928, 7);
    sig(p.chapman + mse::special::Z_95 * p.chapman_se, 7768.018, 7);
    // Six pairs for four lists.
    assert_eq!(pairs.len(), 6);
}

#[test]
fn two_lists_with_no_overlap_have_chapman_but_no_lincoln_petersen() {
    let e = two_list(10, 20, 0).unwrap();
    assert!(e.lincoln_petersen.is_none());
    close(e.chapman, 11.0 * 21.0 - 1.0, 1e-12);
    assert!(e.flags[0].contains("share no record"), "{:?}", e.flags);
    assert!(matches!(two_list(5, 5, 6), Err(MseError::OverlapTooLarge { .. })));
    let table = CaptureTable::new(names(&["A", "B"]), vec![0, 10, 20, 0]).unwrap();
    let err = mse::analyse(&table, &MseOptions::default()).unwrap_err();
    assert!(matches!(err, MseError::NoOverlap { .. }), "{err}");
}

#[test]
fn kosovo_pairs_as_rcapture_mt_on_two_lists() {
    // closedp.t / closedpCI.t "Mt" on each pair alone (mse-reference-outputs.txt).
    let table = kosovo();
    let cases = [
        (["EXH", "ABA"], (7241.886, 274.95, 0.0, 0, 31.85665, 49.91055), (7238.12, 6733.517, 7814.322)),
        (["EXH", "OSCE"], (7136.527, 241.875, 0.0, 0, 32.12692, 50.35646), (7133.161, 6687.016, 7637.337)),
        (["ABA", "OSCE"], (5971.571, 201.7369, 0.0, 0, 31.80749, 49.68007), (5968.445, 5596.968, 6389.63)),
    ];
    for (pair, row, ci) in cases {
        let sub = table.select_names(&names(&pair)).unwrap();
        let mt = fit(&sub, &Model::mt()).unwrap();
        rcapture_row(&mt, row);
        rcapture_ci(&sub, &Model::mt(), ci);
    }
}

// ------------------------------------------------------------ log-linear (METHODS.md §1.3)

#[test]
fn darroch_r3_saturated_inter2_and_independence() {
    let table = darroch();
    let saturated = Model::all_two_way(3);
    rcapture_row(&fit(&table, &saturated).unwrap(), (1239.966, 450.5412, 0.0, 0, 52.73963, 80.92069));
    rcapture_ci(&table, &saturated, (1198.88, 692.1626, 2868.956));
    let inter2 = Model::with_interactions(&[&[0, 1], &[1, 2]]);
    rcapture_row(&fit(&table, &inter2).unwrap(), (850.1429, 186.3154, 3.794194, 1, 54.53383, 78.68902));
    rcapture_ci(&table, &inter2, (830.9923, 603.9033, 1456.134));
    rcapture_row(&fit(&table, &Model::mt()).unwrap(), (448.9799, 7.784759, 80.05967, 3, 126.7993, 142.9028));
    rcapture_ci(&table, &Model::mt(), (448.1754, 434.6383, 465.1358));
    assert_eq!(fit(&table, &saturated).unwrap().label, "all two-way");
}

#[test]
fn darroch_r3_closedp_table() {
    // closedp.t(DarR3): abundance, stderr, deviance, df, AIC, BIC.
    let expected = [
        ("M0", (462.5824, 9.465446, 242.00117, 5, 284.7408, 292.7925)),
        ("Mt", (448.9799, 7.784759, 80.05967, 3, 126.7993, 142.9028)),
        ("Mh Chao (LB)", (467.1219, 11.697721, 241.37369, 4, 286.1133, 298.1909)),
        ("Mh Poisson2", (471.6528, 16.418113, 241.37369, 4, 286.1133, 298.1909)),
        ("Mh Darroch", (476.5702, 23.005581, 241.37369, 4, 286.1133, 298.1909)),
        ("Mh Gamma3.5", (481.9794, 31.290671, 241.37369, 4, 286.1133, 298.1909)),
        ("Mth Chao (LB)", (459.7556, 10.412328, 73.00792, 2, 121.7475, 141.8769)),
        ("Mth Poisson2", (475.2191, 17.390326, 73.00792, 2, 121.7475, 141.8769)),
        ("Mth Darroch", (495.9087, 30.129380, 73.00792, 2, 121.7475, 141.8769)),
        ("Mth Gamma3.5", (524.0065, 51.183150, 73.00792, 2, 121.7475, 141.8769)),
        ("Mb", (427.8184, 5.108198, 206.55515, 4, 251.2948, 263.3724)),
        ("Mbh", (494.3913, 57.678721, 191.95778, 3, 238.6974, 254.8009)),
    ];
    let fits = standard_models(&darroch());
    assert_eq!(fits.len(), expected.len());
    for ((model, result), (label, row)) in fits.iter().zip(expected) {
        let f = result.as_ref().unwrap();
        assert_eq!(f.label, label, "{model:?}");
        rcapture_row(f, row);
    }
}

#[test]
fn darroch_r3_heterogeneity_with_an_interaction() {
    // testPapersResults.R: LB ~.+c1:c2 681 (78, 3.45, 1); Darroch ~.+c1:c2 1181.8 (404.2).
    let table = darroch();
    let lb = fit(&table, &Model::with_interactions(&[&[0, 1]]).with_heterogeneity(Heterogeneity::Chao)).unwrap();
    close(lb.estimate.round(), 681.0, 0.0);
    close(lb.se.round(), 78.0, 0.0);
    close((lb.deviance * 100.0).round() / 100.0, 3.45, 1e-9);
    assert_eq!(lb.df, 1);
    let dar = fit(&table, &Model::with_interactions(&[&[0, 1]]).with_heterogeneity(Heterogeneity::Darroch)).unwrap();
    close((dar.estimate * 10.0).round() / 10.0, 1181.8, 1e-9);
    close((dar.se * 10.0).round() / 10.0, 404.2, 1e-9);
    // Normal ~.+c1:c2: 1400 (559), with Rcapture's SE (from the deviance's Hessian).
    let normal = fit(&table, &Model::with_interactions(&[&[0, 1]]).with_heterogeneity(Heterogeneity::Normal)).unwrap();
    assert_eq!(normal.estimate.round(), 1400.0);
    assert_eq!(normal.se.round(), 559.0);
    assert_eq!(normal.df, 1);
}

#[test]
fn diabetes_models_of_rivest_2011() {
    // testPapersResults.R (Bruno et al. 1994 data): N (se, deviance, df), rounded as the test does.
    let table = diabetes();
    let chosen = || Model::with_interactions(&[&[0, 2], &[1, 3], &[2, 3]]);
    let mut bruno = Model::all_two_way(4);
    bruno.interactions.retain(|&m| m != 0b1001);
    let cases: Vec<(Model, (f64, f64, f64, i64))> = vec![
        (bruno, (2771.0, 145.0, 7.62, 5)),
        (chosen(), (2472.0, 53.0, 21.97, 7)),
        (chosen().with_heterogeneity(Heterogeneity::Chao), (2588.0, 75.0, 3.13, 6)),
        (chosen().with_heterogeneity(Heterogeneity::Poisson(2.0)), (2573.0, 76.0, 12.88, 6)),
        (chosen().with_heterogeneity(Heterogeneity::Darroch), (2752.0, 133.0, 8.32, 6)),
        (chosen().with_heterogeneity(Heterogeneity::Gamma(3.5)), (2964.0, 219.0, 6.74, 6)),
        (chosen().with_heterogeneity(Heterogeneity::Gamma(0.5)), (4238.0, 952.0, 5.49, 6)),
        (chosen().with_heterogeneity(Heterogeneity::Normal), (2764.0, 101.0, 8.22, 6)),
    ];
    for (model, (n, se, deviance, df)) in cases {
        let f = fit(&table, &model).unwrap();
        assert_eq!(f.estimate.round(), n, "{}", f.label);
        assert_eq!(f.se.round(), se, "{}", f.label);
        close((f.deviance * 100.0).round() / 100.0, deviance, 1e-9);
        assert_eq!(f.df, df, "{}", f.label);
    }
    // The saturated model's interactions lie between 0.15 and 1.94.
    let saturated = fit(&table, &Model::all_two_way(4)).unwrap();
    assert!(saturated.coefficients[5..11].iter().all(|c| c.value > 0.15 && c.value < 1.94));
}

#[test]
fn cormack_three_lists() {
    // mse-reference-outputs.txt "Cormack 3 lists" and testPapersResults.R Table 3b.
    let table = cormack3();
    rcapture_row(&fit(&table, &Model::mt()).unwrap(), (209.3434, 3.421229, 75.13976, 3, 116.2816, 129.4949));
    rcapture_ci(&table, &Model::mt(), (208.6474, 203.1801, 216.518));
    let b2 = Model::with_interactions(&[&[1, 2]]);
    let f = fit(&table, &b2).unwrap();
    close((f.deviance * 10.0).round() / 10.0, 1.2, 1e-9);
    assert_eq!(f.df, 2);
    assert_eq!(profile_interval(&table, &b2).unwrap().interval.lower.round(), 210.0);
    let b3 = fit(&table, &Model::with_interactions(&[&[0, 1], &[1, 2]])).unwrap();
    close((b3.deviance * 10.0).round() / 10.0, 0.6, 1e-9);
    assert_eq!(b3.df, 1);
    let b4 = Model::with_interactions(&[&[0, 2], &[1, 2]]);
    let f = fit(&table, &b4).unwrap();
    assert_eq!(f.estimate.round(), 233.0);
    assert_eq!(f.df, 1);
    assert_eq!(profile_interval(&table, &b4).unwrap().interval.lower.round(), 204.0);
    let b5 = fit(&table, &Model::all_two_way(3)).unwrap();
    close(b5.deviance, 0.0, 1e-7);
    assert_eq!(b5.df, 0);
}

#[test]
fn cormack_four_lists_flags_the_models_that_run_off_to_infinity() {
    // testPapersResults.R Table 3a: Rcapture returns abundance > 1e6 for a2 and a6.
    let table = cormack4();
    let a1 = fit(&table, &Model::mt()).unwrap();
    assert_eq!(a1.estimate.round(), 215.0);
    close((a1.deviance * 10.0).round() / 10.0, 87.1, 1e-9);
    assert_eq!(a1.df, 10);
    let a2 = fit(&table, &Model::all_two_way(4)).unwrap();
    assert!(!a2.bounded, "{a2:?}");
    assert!(a2.flags.iter().any(|f| f.contains("infinity")), "{:?}", a2.flags);
    close((a2.deviance * 10.0).round() / 10.0, 1.3, 1e-9);
    assert_eq!(a2.df, 4);
    let a3 = fit(&table, &Model::with_interactions(&[&[2, 3]])).unwrap();
    assert_eq!(a3.estimate.round(), 215.0);
    assert_eq!(a3.df, 9);
    let a4 = fit(&table, &Model::with_interactions(&[&[2, 3], &[0, 2]])).unwrap();
    close((a4.deviance * 10.0).round() / 10.0, 7.7, 1e-9);
    assert_eq!(a4.df, 8);
    let a5 = fit(&table, &Model::with_interactions(&[&[0, 1], &[0, 2], &[2, 3]])).unwrap();
    assert_eq!(a5.estimate.round(), 218.0);
    close((a5.deviance * 10.0).round() / 10.0, 2.6, 1e-9);
    assert_eq!(a5.df, 7);
    let a6 = fit(&table, &Model::with_interactions(&[&[0, 1], &[0, 2], &[0, 3], &[2, 3]])).unwrap();
    assert!(!a6.bounded);
    assert_eq!(a6.df, 6);
    assert!(profile_interval(&table, &Model::all_two_way(4)).is_err());
}

#[test]
fn kosovo_closedp_table_and_two_way_models() {
    let table = kosovo();
    let expected = [
        ("M0", (7608.368, 136.61751, 1104.0020, 13, 1209.4260, 1222.2047)),
        ("Mt", (7394.587, 129.62539, 245.9387, 10, 357.3627, 389.3095)),
        ("Mh Chao (LB)", (8787.243, 222.62050, 986.9218, 12, 1094.3458, 1113.5139)),
        ("Mh Poisson2", (9402.952, 310.85327, 1019.5174, 12, 1126.9414, 1146.1095)),
        ("Mh Darroch", (12448.385, 777.96675, 1001.9252, 12, 1109.3492, 1128.5173)),
        ("Mh Gamma3.5", (17102.639, 1707.27074, 996.5302, 12, 1103.9542, 1123.1222)),
        ("Mth Chao (LB)", (8591.184, 213.54902, 105.4968, 9, 218.9208, 257.2570)),
        ("Mth Poisson2", (9327.761, 306.26613, 139.1876, 9, 252.6116, 290.9478)),
        ("Mth Darroch", (12797.343, 814.83422, 119.4484, 9, 232.8724, 271.2086)),
        ("Mth Gamma3.5", (18387.146, 1892.87649, 113.7837, 9, 227.2077, 265.5438)),
        ("Mb", (5189.665, 62.86916, 744.2273, 12, 851.6513, 870.8194)),
        ("Mbh", (5075.449, 86.05260, 739.9979, 11, 849.4219, 874.9793)),
    ];
    for ((_, result), (label, row)) in standard_models(&table).iter().zip(expected) {
        let f = result.as_ref().unwrap();
        assert_eq!(f.label, label);
        rcapture_row(f, row);
    }
    let all = Model::all_two_way(4);
    rcapture_row(&fit(&table, &all).unwrap(), (14402.49, 1050.905, 39.83204, 4, 163.256, 233.539));
    rcapture_ci(&table, &all, (14385.62, 12523.27, 16667.93));
    let c13 = Model::with_interactions(&[&[0, 2]]);
    rcapture_row(&fit(&table, &c13).unwrap(), (7486.116, 154.2574, 244.5106, 9, 357.9346, 396.2708));
    rcapture_ci(&table, &c13, (7483.85, 7194.284, 7799.532));
    // The reference's model "x" (df 5) is the best of the 64 two-way models by AIC.
    let search = search_two_way(&table).unwrap();
    assert_eq!(search.tried, 64);
    let best = &search.fits[0];
    rcapture_row(best, (14341.66, 1018.286, 39.89364, 5, 161.3176, 225.2112));
    let (low, high, count) = search.spread().unwrap();
    assert!(low <= best.estimate && best.estimate <= high && count >= 1);
}

// --------------------------------------------------------------------- dga (METHODS.md §1.4)

#[test]
fn decomposable_graph_counts() {
    assert_eq!(decomposable_graphs(3).len(), 8);
    assert_eq!(decomposable_graphs(4).len(), 61);
    assert_eq!(decomposable_graphs(5).len(), 822);
}

fn weight_of(result: &mse::Dga, label: &str) -> f64 {
    result.models.iter().find(|m| m.label == label).unwrap_or_else(|| panic!("no graph {label}")).weight
}

#[test]
fn madigan_york_three_lists_with_their_prior() {
    // dga test-BMAfunctions.R: δ = 1, m = 1..300, negative binomial prior a = 13.14, b = 55.17.
    let options = DgaOptions {
        delta: Some(1.0),
        grid: MissingGrid::Range { from: 1, to: 300 },
        prior: NPrior::NegativeBinomial { size: 13.14, scale: 55.17 },
        top: 8,
    };
    let result = dga(&madigan_york3(), &options).unwrap();
    assert_eq!(result.graphs, 8);
    // Measured weights: [12][3] 0.3738, [12][13] 0.2818, [12][23] 0.3099, [123] 0.0345, others 0.
    for (label, w) in [
        ("[1·2][3]", 0.3738),
        ("[1·2][1·3]", 0.2818),
        ("[1·2][2·3]", 0.3099),
        ("[1·2·3]", 0.0345),
        ("[1][2][3]", 0.0),
        ("[1·3][2]", 0.0),
        ("[2·3][1]", 0.0),
        ("[1·3][2·3]", 0.0),
    ] {
        close(weight_of(&result, label), w, 5e-5);
    }
    let s = result.summary;
    close(s.bayes_relative, 731.0966, 5e-5);
    assert_eq!(s.mode, 728);
    close(s.mean, 733.4524, 5e-5);
    assert_eq!((s.lower, s.median, s.upper), (682, 731, 797));
    // The package's own test: the top model [12][3], weight 0.37, Bayes estimate 731, mode 729.
    let top = &result.models[0];
    assert_eq!(top.label, "[1·2][3]");
    close((top.weight * 100.0).round() / 100.0, 0.37, 1e-12);
    let ts = top.summary.unwrap();
    assert_eq!(ts.bayes_relative.round(), 731.0);
    assert_eq!(ts.mode, 729);
}

#[test]
fn madigan_york_three_lists_with_the_default_prior() {
    let options =
        DgaOptions { delta: Some(1.0), grid: MissingGrid::Range { from: 1, to: 300 }, prior: NPrior::InverseN, top: 1 };
    let result = dga(&madigan_york3(), &options).unwrap();
    let s = result.summary;
    assert_eq!(s.mode, 728);
    close(s.mean, 733.7219, 5e-5);
    assert_eq!((s.lower, s.median, s.upper), (682, 732, 798));
    for (label, w) in [("[1·2][3]", 0.371), ("[1·2][1·3]", 0.2803), ("[1·2][2·3]", 0.3124), ("[1·2·3]", 0.0363)]
    {
        close(weight_of(&result, label), w, 5e-5);
    }
}

#[test]
fn madigan_york_five_lists() {
    // dga man/bma.cr.Rd: δ = 0.5, m = 0..300, 1/N prior.
    let options =
        DgaOptions { delta: Some(0.5), grid: MissingGrid::Range { from: 0, to: 300 }, prior: NPrior::InverseN, top: 1 };
    let result = dga(&madigan_york5(), &options).unwrap();
    assert_eq!(result.observed, 537);
    assert_eq!(result.graphs, 822);
    let s = result.summary;
    assert_eq!(s.mode, 614);
    close(s.mean, 617.8159, 5e-5);
    assert_eq!((s.lower, s.median, s.upper), (588, 616, 655));
    close(result.models[0].weight, 0.217_073_5, 5e-8);
}

#[test]
fn kosovo_dga() {
    // METHODS.md §1.7: δ = 1/16, m = 0..20000, 1/N prior.
    let options = DgaOptions {
        delta: Some(1.0 / 16.0),
        grid: MissingGrid::Range { from: 0, to: 20_000 },
        prior: NPrior::InverseN,
        top: 3,
    };
    let result = dga(&kosovo(), &options).unwrap();
    assert_eq!(result.graphs, 61);
    let s = result.summary;
    assert_eq!(s.mode, 12_267);
    close(s.mean, 12_749.17, 5e-3);
    assert_eq!((s.lower, s.median, s.upper), (9_827, 12_595, 16_543));
    close(result.models[0].weight, 0.985_513, 5e-7);
    assert_eq!(result.models[0].label, "[EXH·ABA·OSCE][EXH·OSCE·HRW]");
    assert_eq!(result.models[1].label, "[EXH·ABA·OSCE][OSCE·HRW]");
    close(result.models[1].weight, 0.0108, 5e-5);
    assert_eq!(result.models[2].label, "[EXH·ABA·OSCE][ABA·OSCE·HRW]");
    close(result.models[2].weight, 0.0037, 5e-5);
}

#[test]
fn dga_default_grid_extends_until_the_tail_is_negligible() {
    let result = dga(&kosovo(), &DgaOptions { delta: Some(1.0 / 16.0), ..DgaOptions::default() }).unwrap();
    assert!(result.upper_half_mass < 1e-6);
    assert!(result.grid.1 > 20_000);
    assert!(result.flags.is_empty(), "{:?}", result.flags);
    // The tail beyond m = 20000 moves the mean a little and nothing else.
    assert_eq!(result.summary.mode, 12_267);
    assert_eq!(result.summary.median, 12_595);
    assert!(result.summary.mean > 12_749.17 && result.summary.mean < 12_760.0);
}

#[test]
fn dga_refuses_two_lists_and_a_bad_delta() {
    let two = CaptureTable::new(names(&["A", "B"]), vec![0, 5, 6, 7]).unwrap();
    assert!(matches!(dga(&two, &DgaOptions::default()), Err(MseError::ListsForMethod { .. })));
    let bad = DgaOptions { delta: Some(0.0), ..DgaOptions::default() };
    assert!(matches!(dga(&kosovo(), &bad), Err(MseError::BadOption { .. })));
}

// ------------------------------------------------------------------------- input and checks

fn rows(lines: &[&str]) -> (Vec<String>, Vec<InputRow>) {
    let split = |l: &str| l.split(',').map(str::to_owned).collect::<Vec<_>>();
    let header = split(lines[0]);
    let rows = lines[1..].iter().enumerate().map(|(i, l)| InputRow { line: i as u64 + 2, fields: split(l) }).collect();
    (header, rows)
}

#[test]
fn reads_aggregated_and_record_layouts_to_the_same_table() {
    let (h, r) = rows(&["A,B,C,count", "1,0,0,5", "0,1,0,3", "1,1,0,2", "0,0,1,4", "1,1,1,1", "0,0,0,0"]);
    let aggregated = read_rows(&h, r).unwrap();
    assert_eq!(aggregated.layout, mse::Layout::Aggregated);
    assert_eq!(aggregated.table.observed(), 15);
    assert_eq!(aggregated.table.count(0b011), 2);
    let mut lines = vec!["id,A,B,C".to_owned()];
    let mut id = 0;
    for (pattern, count) in [("1,0,0", 5), ("0,1,0", 3), ("1,1,0", 2), ("0,0,1", 4), ("1,1,1", 1)] {
        for _ in 0..count {
            id += 1;
            lines.push(format!("r{id},{pattern}"));
        }
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (h, r) = rows(&refs);
    let records = read_rows(&h, r).unwrap();
    assert_eq!(records.layout, mse::Layout::Records);
    assert_eq!(records.table, aggregated.table);
    assert_eq!(records.rows, 15);
}

#[test]
fn rejects_bad_input_naming_line_and_column() {
    let check = |lines: &[&str], want: &str| {
        let (h, r) = rows(lines);
        let err = read_rows(&h, r).unwrap_err().to_string();
        assert!(err.contains(want), "{err:?} should contain {want:?}");
    };
    check(&["A,B,count", "1,0,3", "0,2,4"], "line 3, column B: \"2\" is not a list flag");
    check(&["A,B,count", "1,0,-3"], "line 2, column count: \"-3\" is not a valid count: a count cannot be negative");
    check(&["A,B,count", "1,0,2.5"], "a count must be a whole number");
    check(&["A,B,count", "1,0,3", "1,0,4"], "line 3: the pattern on A only is given twice (first on line 2)");
    check(&["A,B,count", "1,0,3", "0,0,4"], "line 3: 4 records with the all-zero pattern");
    check(&["A,count", "1,3"], "1 list column(s)");
    check(&["A,B,C,count", "1,0,0,3", "0,1,0,4", "1,1,0,1"], "list C has no records");
    check(&["A,B", "1,0", "0,0"], "line 3: the record is on no list");
    check(&["A,B", "1,0", "0,1,1"], "line 3: 3 fields, but the header has 2");
    check(&["id,A,B", "x,1,0", "x,0,1"], "record id \"x\" appears again (first on line 2)");
    check(&["A,B,count", "1,1,99999999999999999999"], "it is larger than 10^12");
    check(&["A,B,count", "1,1,900000000000", "1,0,900000000000"], "more than 1000000000000 records");
    let header: Vec<String> = (0..16).map(|i| format!("L{i}")).collect();
    let err = read_rows(&header, Vec::new()).unwrap_err();
    assert!(matches!(err, MseError::TooManyLists { lists: 16, max: 15 }));
}

#[test]
fn selecting_lists_collapses_the_table() {
    let table = kosovo();
    let pair = table.select_names(&names(&["ABA", "EXH"])).unwrap();
    assert_eq!(pair.names(), ["ABA", "EXH"]);
    assert_eq!(pair.list_size(0), 1528);
    assert_eq!(pair.overlap(0, 1), 403);
    assert_eq!(pair.observed(), 3035);
    assert!(matches!(table.select_names(&names(&["NOPE"])), Err(MseError::UnknownList { .. })));
}

#[test]
fn refuses_models_with_an_empty_interaction_margin() {
    // No record on both A and B: any model with A:B is not identified.
    let table = CaptureTable::new(names(&["A", "B", "C"]), vec![0, 10, 12, 0, 9, 3, 4, 0]).unwrap();
    let err = fit(&table, &Model::with_interactions(&[&[0, 1]])).unwrap_err();
    assert!(err.to_string().contains("no record is on all of A, B"), "{err}");
    assert!(table.warnings().iter().any(|w| w.contains("A and B share no record")));
    // Mt is still fine.
    assert!(fit(&table, &Model::mt()).unwrap().bounded);
}

#[test]
fn analyse_gives_every_estimate_with_its_assumption() {
    let analysis = mse::analyse(&kosovo(), &MseOptions::default()).unwrap();
    assert_eq!(analysis.observed, 4400);
    assert!(analysis.estimates.iter().all(|e| !e.assumption.is_empty() || e.estimate.is_none()));
    assert!(analysis.estimates.iter().any(|e| e.method == "chapman"));
    assert!(analysis.estimates.iter().any(|e| e.method == "loglinear" && e.model == "all two-way"));
    assert!(analysis.estimates.iter().any(|e| e.method == "dga"));
    let chapman = analysis.estimates.iter().find(|e| e.method == "chapman").unwrap();
    assert!(chapman.flags.iter().any(|f| f.contains("independent")));
    let search = analysis.loglinear.as_ref().unwrap().search.as_ref().unwrap();
    assert_eq!(search.tried, 64);
}
