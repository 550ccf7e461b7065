//! `attrition mse`: capture–recapture from a CSV of list memberships, in every output format,
//! and its refusals of bad input (each naming the file, line, column or list at fault). The
//! Kosovo table is LCMCR's `kosovo_aggregate` (Ball et al. 2002), as METHODS.md §1.7 gives it;
//! the figures checked are the measured reference outputs in
//! `../shared/reference/mse-reference-outputs.txt`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::harness::{attrition, empty_store, write_file};
use std::path::PathBuf;

/// The Kosovo table, aggregated (the layout of R's `as.data.frame(table(...))`).
const KOSOVO: &str = "EXH,ABA,OSCE,HRW,count
1,0,0,0,1131
0,1,0,0,845
1,1,0,0,177
0,0,1,0,936
1,0,1,0,228
0,1,1,0,217
1,1,1,0,181
0,0,0,1,306
1,0,0,1,106
0,1,0,1,31
1,1,0,1,18
0,0,1,1,123
1,0,1,1,42
0,1,1,1,32
1,1,1,1,27
";

fn input(dir: &tempfile::TempDir, name: &str, content: &str) -> PathBuf {
    write_file(dir.path(), name, content.as_bytes())
}

#[test]
fn kosovo_table_gives_every_method_with_its_assumption() {
    let store = empty_store();
    let dir = tempfile::tempdir().unwrap();
    let file = input(&dir, "kosovo.csv", KOSOVO);
    let out = attrition(&store.db, ["mse"]).path(&file).run().ok();
    // Two lists: Chapman 7,231.5, se 273.8, log-normal interval 6,728.3 .. 7,803.2; LP 7,241.9.
    assert!(out.contains("EXH × ABA   1,910  1,528   403  3,035"), "{out}");
    assert!(out.contains("7,241.9     7,231.5  273.8  6,728.3 .. 7,803.2"), "{out}");
    assert!(out.contains("warning: every two-list estimate relies on the two lists being independent"), "{out}");
    // Rcapture: Mt 7,394.6; all two-way 14,402.5 (se 1,050.9) with profile interval 12,523.3 .. 16,667.9.
    assert!(out.contains("7,394.6"), "{out}");
    assert!(out.contains("all two-way"), "{out}");
    assert!(out.contains("14,402.5  1,050.9  12,523.3 .. 16,667.9"), "{out}");
    assert!(out.contains("Mth Darroch"), "{out}");
    // dga with dga's default δ = 2^-4 (the reference's 9,827 .. 16,543 is on the grid m ≤ 20,000;
    // the default grid runs on until the tail is negligible, which moves the upper bound by one).
    assert!(out.contains("N̂ 12,595 (posterior median), 95% credible interval 9,827 .. 16,544; mode 12,267"), "{out}");
    assert!(out.contains("[EXH·ABA·OSCE][EXH·OSCE·HRW]     0.9855"), "{out}");
    // Every section says what it assumes.
    assert!(out.contains("assumes: closed population; the two lists independent"), "{out}");
    assert!(out.contains("every model assumes a closed population"), "{out}");
    assert!(
        out.contains("assumes: closed population; dependence between lists as in a decomposable graphical model"),
        "{out}"
    );
}

#[test]
fn json_reproduces_the_reference_dga_run() {
    let store = empty_store();
    let dir = tempfile::tempdir().unwrap();
    let file = input(&dir, "kosovo.csv", KOSOVO);
    let json = attrition(&store.db, ["--json", "mse", "--method", "dga", "--delta", "0.0625", "--missing", "0..20000"])
        .path(&file)
        .run()
        .json();
    let dga = &json["dga"];
    assert_eq!(dga["graphs"], 61);
    assert_eq!(dga["summary"]["mode"], 12_267);
    assert_eq!(dga["summary"]["median"], 12_595);
    assert_eq!((dga["summary"]["lower"].as_u64(), dga["summary"]["upper"].as_u64()), (Some(9_827), Some(16_543)));
    assert!((dga["summary"]["mean"].as_f64().unwrap() - 12_749.17).abs() < 5e-3);
    assert!((dga["models"][0]["weight"].as_f64().unwrap() - 0.985_513).abs() < 5e-7);
    assert_eq!(json["observed"], 4400);
    assert_eq!(json["layout"], "aggregated");
    assert!(json["two_list"].as_array().unwrap().is_empty());
    let estimate = &json["estimates"][0];
    assert_eq!(estimate["method"], "dga");
    assert!(estimate["assumption"].as_str().unwrap().starts_with("closed population"));
    assert_eq!(estimate["interval"]["kind"], "credible");
}

#[test]
fn csv_has_one_row_per_estimate() {
    let store = empty_store();
    let dir = tempfile::tempdir().unwrap();
    let file = input(&dir, "kosovo.csv", KOSOVO);
    let out = attrition(&store.db, ["--csv", "mse", "--method", "chapman"]).path(&file).run().ok();
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "method,model,lists,observed,estimate,se,lower,upper,interval,deviance,df,aic,bic,weight,dependence,assumption,flags"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 12, "six pairs × (Lincoln–Petersen, Chapman)");
    assert!(
        rows.iter().any(|r| r.starts_with(
            "chapman,EXH × ABA,EXH;ABA,3035,7231.472772,273.752502,6728.312936,7803.180772,95% log-normal,"
        )),
        "{out}"
    );
    assert!(rows.iter().any(|r| r.starts_with("lincoln-petersen,EXH × ABA,EXH;ABA,3035,7241.885856,")), "{out}");
    assert!(rows.iter().all(|r| r.contains("relies on the two lists being independent")));
}

#[test]
fn record_layout_and_list_selection() {
    let store = empty_store();
    let dir = tempfile::tempdir().unwrap();
    // Darroch R3 as one row per record would be long; a small table: 20 on A only, 15 on B
    // only, 10 on both, 5 on C only, 4 on A and C.
    let mut text = String::from("id,A,B,C\n");
    let mut id = 0;
    for (pattern, n) in [("1,0,0", 20), ("0,1,0", 15), ("1,1,0", 10), ("0,0,1", 5), ("1,0,1", 4)] {
        for _ in 0..n {
            id += 1;
            text.push_str(&format!("p{id},{pattern}\n"));
        }
    }
    let file = input(&dir, "records.csv", &text);
    let json = attrition(&store.db, ["--json", "mse", "--lists", "A,B"]).path(&file).run().json();
    assert_eq!(json["layout"], "records");
    assert_eq!(json["rows"], 54);
    // A: 34, B: 25, both 10 → Chapman 35·26/11 − 1.
    let pair = &json["two_list"][0];
    assert_eq!((pair["n1"].as_u64(), pair["n2"].as_u64(), pair["m"].as_u64()), (Some(34), Some(25), Some(10)));
    assert!((pair["chapman"].as_f64().unwrap() - (35.0 * 26.0 / 11.0 - 1.0)).abs() < 1e-9);
    assert!(json["warnings"][0].as_str().unwrap().starts_with("only two lists"));
    assert!(json["skipped"].as_array().unwrap().iter().any(|s| s["method"] == "dga"));
    let models: Vec<&str> =
        json["loglinear"]["standard"].as_array().unwrap().iter().map(|m| m["label"].as_str().unwrap()).collect();
    assert_eq!(models, ["M0", "Mt", "Mb"]);
    let table = attrition(&store.db, ["mse", "--lists", "A,B", "--method", "chapman"]).path(&file).run().ok();
    assert!(
        table.contains("warning: only two lists: every estimate rests on the two lists being independent"),
        "{table}"
    );
}

#[test]
fn bad_input_is_refused_naming_the_problem() {
    let store = empty_store();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("empty-list.csv", "A,B,C,count\n1,0,0,4\n0,1,0,3\n1,1,0,2\n", "empty-list.csv: list C has no records"),
        ("no-overlap.csv", "A,B,count\n1,0,12\n0,1,9\n", "no-overlap.csv: no record is on more than one list (A, B)"),
        (
            "bad-flag.csv",
            "A,B,count\n1,0,4\n1,2,3\n",
            "bad-flag.csv: line 3, column B: \"2\" is not a list flag (use 0 or 1; every column but id and count is read as a list)",
        ),
        (
            "negative.csv",
            "A,B,count\n1,0,4\n1,1,-3\n",
            "negative.csv: line 3, column count: \"-3\" is not a valid count: a count cannot be negative",
        ),
        ("fraction.csv", "A,B,count\n1,0,4\n1,1,2.5\n", "a count must be a whole number of records"),
        ("duplicate.csv", "A,B,count\n1,1,4\n1,1,3\n", "line 3: the pattern on A and B only is given twice"),
        ("unobserved.csv", "A,B,count\n1,1,4\n0,0,3\n", "line 3: 3 records with the all-zero pattern"),
        ("one-list.csv", "A,count\n1,4\n", "1 list column(s): capture–recapture needs at least 2 lists"),
        ("nobody.csv", "id,A,B\nx,1,1\ny,0,0\n", "line 3: the record is on no list"),
    ];
    for (name, content, message) in cases {
        let file = input(&dir, name, content);
        let stderr = attrition(&store.db, ["mse"]).path(&file).run().fails();
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
    let file = input(&dir, "kosovo.csv", KOSOVO);
    let stderr = attrition(&store.db, ["mse", "--lists", "EXH,UNHCR"]).path(&file).run().fails();
    assert!(stderr.contains("no list named \"UNHCR\"; the lists are EXH, ABA, OSCE, HRW"), "{stderr}");
    let missing = dir.path().join("absent.csv");
    let stderr = attrition(&store.db, ["mse"]).path(&missing).run().fails();
    assert!(stderr.contains("absent.csv"), "{stderr}");
    let usage = attrition(&store.db, ["mse", "--method", "lcmcr"]).path(&file).run();
    assert_eq!(usage.status, 2, "{}", usage.stderr);
}
