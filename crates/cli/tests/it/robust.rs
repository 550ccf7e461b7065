//! Plausibility at the door, undo, CSV that spreadsheets cannot execute: each case on a real
//! store with the real data, with the exact error asked of it (docs/bad-inputs.md lists them).

use crate::harness::{HEADER_REGISTRY, attrition, fingerprint, general_staff_dir, imported_store, write_file};
use crate::serving::Serving;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn personnel() -> Vec<Value> {
    let bytes = std::fs::read(general_staff_dir().join("russia_losses_personnel.json")).expect("shared data file");
    serde_json::from_slice(&bytes).expect("a JSON array")
}

/// The real personnel file with `extra` rows after its last, in a fresh directory.
fn personnel_with(extra: &[Value]) -> (tempfile::TempDir, PathBuf) {
    let mut rows = personnel();
    rows.extend_from_slice(extra);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "russia_losses_personnel.json", &serde_json::to_vec(&rows).expect("JSON"));
    (dir, path)
}

/// `import PATH EXTRA…` refused with exit 1, every needle in stderr, the store unchanged.
#[track_caller]
fn import_refused(db: &Path, path: &Path, extra: &[&str], needles: &[&str]) -> String {
    let before = fingerprint(db);
    let mut args = vec!["--quiet", "import"];
    args.extend_from_slice(extra);
    let err = attrition(db, args).path(path).run().fails();
    for needle in needles {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert_eq!(fingerprint(db), before, "the store changed after: {err}");
    err
}

/// What the figures of a store are, as the commands print them: every category's daily series
/// and the status' counts (fetch lists aside, which record the undone fetch).
fn figures(db: &Path) -> String {
    let mut out = String::new();
    for category in ["personnel", "tanks", "uav", "vehicles"] {
        out.push_str(&attrition(db, ["--quiet", "--csv", "daily", category, "--from", "2022-02-25"]).run().ok());
    }
    out.push_str(&attrition(db, ["--quiet", "total", "personnel", "--period", "all"]).run().ok());
    out.push_str(&attrition(db, ["--quiet", "--csv", "status"]).run().ok());
    out
}

#[test]
fn the_real_files_pass_every_plausibility_check() {
    // imported_store() asserts the import succeeds; the bounds then refuse nothing real.
    let store = imported_store();
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"][0]["summary"]["last_report"], "2026-08-08");
}

#[test]
fn a_report_from_the_future_is_refused() {
    let store = imported_store();
    let (_dir, path) = personnel_with(&[json!({"date": "2030-01-01", "day": 2869, "personnel": 3_000_000})]);
    import_refused(
        &store.db,
        &path,
        &[],
        &["russia_losses_personnel.json: the report dated 2030-01-01 is in the future", "at most one day ahead"],
    );
}

#[test]
fn a_count_beyond_the_maximum_is_refused() {
    let store = imported_store();
    let (_dir, path) = personnel_with(&[json!({"date": "2026-08-09", "day": 1628, "personnel": i64::MAX})]);
    import_refused(
        &store.db,
        &path,
        &["--accept-outlier", "2026-08-09:personnel"],
        &["personnel value of the report of 2026-08-09 is 9,223,372,036,854,775,807", "0 to 1,000,000,000"],
    );
}

#[test]
fn an_outlier_is_refused_then_accepted_recorded_and_undone() {
    let store = imported_store();
    let before = figures(&store.db);
    let (_dir, path) = personnel_with(&[json!({"date": "2026-08-09", "day": 1628, "personnel": 11_456_610})]);
    import_refused(
        &store.db,
        &path,
        &[],
        &[
            "personnel rises by 10,000,000 on 2026-08-09",
            "the largest rise so far is 3,160",
            "so the bound is 17,500",
            "accept it with --accept-outlier 2026-08-09:personnel",
        ],
    );
    // Accepting another day or category lets nothing in.
    import_refused(
        &store.db,
        &path,
        &["--accept-outlier", "2026-08-09:tanks"],
        &["--accept-outlier 2026-08-09:personnel"],
    );
    let out = attrition(&store.db, ["import", "--accept-outlier", "2026-08-09:personnel"]).path(&path).run().ok();
    assert!(out.contains("1 new values"), "{out}");
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    let fetches = status["sources"][0]["fetches"].as_array().expect("fetches");
    let last = fetches.last().expect("a fetch");
    assert_eq!(last["current_observations"], 1);
    assert!(
        last["warnings"].as_array().expect("warnings").iter().any(|w| w
            .as_str()
            .is_some_and(|w| w.contains("outlier accepted with --accept-outlier 2026-08-09:personnel")
                && w.contains("rises by 10,000,000"))),
        "{last}"
    );
    assert_ne!(figures(&store.db), before);
    let undone = attrition(&store.db, ["undo"]).run().ok();
    assert!(undone.contains(&format!("undid fetch {}", last["id"])), "{undone}");
    assert!(undone.contains("1 values removed"), "{undone}");
    assert!(undone.contains("data version: petroivaniuk report of 2026-08-08"), "{undone}");
    assert_eq!(figures(&store.db), before, "the figures after undo are those before the import");
    // The fetch stays listed, marked undone; undoing it again is refused.
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert!(status["sources"][0]["fetches"].as_array().unwrap().last().unwrap()["undone_at"].is_string());
    let err = attrition(&store.db, ["undo", &last["id"].to_string()]).run().fails();
    assert!(err.contains("cannot be undone: it was already undone"), "{err}");
    let err = attrition(&store.db, ["undo", "999"]).run().fails();
    assert!(err.contains("has no fetch 999"), "{err}");
}

#[test]
fn undo_restores_revised_values_and_refuses_out_of_order() {
    let store = imported_store();
    let before = figures(&store.db);
    // A file revising the report of 2026-08-08 (and adding nothing): undo puts the old value back.
    let mut rows = personnel();
    let last = rows.len() - 1;
    rows[last]["personnel"] = json!(1_456_700);
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "russia_losses_personnel.json", &serde_json::to_vec(&rows).unwrap());
    let out = attrition(&store.db, ["import"]).path(&path).run().ok();
    assert!(out.contains("1 revised"), "{out}");
    // A later fetch revising the same report again must be undone first.
    rows[last]["personnel"] = json!(1_456_800);
    let path2 = write_file(dir.path(), "russia_losses_personnel.json", &serde_json::to_vec(&rows).unwrap());
    attrition(&store.db, ["--quiet", "import"]).path(&path2).run().ok();
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    let ids: Vec<i64> =
        status["sources"][0]["fetches"].as_array().unwrap().iter().map(|f| f["id"].as_i64().unwrap()).collect();
    let (first, second) = (ids[ids.len() - 2], ids[ids.len() - 1]);
    let err = attrition(&store.db, ["undo", &first.to_string()]).run().fails();
    assert!(
        err.contains(&format!("fetch {second} later revised values it brought; undo fetch {second} first")),
        "{err}"
    );
    let out = attrition(&store.db, ["undo"]).run().ok();
    assert!(out.contains(&format!("undid fetch {second}")) && out.contains("1 restored"), "{out}");
    attrition(&store.db, ["undo"]).run().ok();
    assert_eq!(figures(&store.db), before);
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"][0]["summary"]["revisions"], 0, "the revision log is as before");
}

#[test]
fn csv_cells_cannot_run_as_formulas_in_the_cli_or_the_api() {
    let store = imported_store();
    let dir = tempfile::tempdir().unwrap();
    let row = "mine-f,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",2025-06-01,day,russia,killed,cumulative,2022-02-24,,,150000,170000,190000,range,-2+3,statistical,@SUM(1+1),+cmd";
    let file = write_file(dir.path(), "mine.csv", format!("{HEADER_REGISTRY}\n{row}\n").as_bytes());
    attrition(&store.db, ["--quiet", "sources", "add"]).path(&file).run().ok();
    let check = |csv: &str| {
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let mut cells = Vec::new();
        for record in reader.records() {
            cells.extend(record.expect("a CSV record").iter().map(str::to_owned));
        }
        assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK(\"http://evil.example\"")), "{csv}");
        assert!(cells.iter().any(|c| c == "'@SUM(1+1)"), "{csv}");
        for cell in &cells {
            let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
            assert!(!risky || cell.parse::<f64>().is_ok(), "cell {cell:?} could run as a formula:\n{csv}");
        }
    };
    let cli = attrition(&store.db, ["--csv", "sources", "--origin", "user"]).run().ok();
    check(&cli);
    let served = Serving::start(&store.db, &[]);
    let api = served.get("/api/v1/assessments?origin=user&format=csv");
    assert_eq!(api.status, 200, "{}", api.text());
    check(&api.text());
    // Plain negative numbers stay numbers: a fall in the daily series' change column.
    let daily =
        attrition(&store.db, ["--csv", "daily", "tanks", "--from", "2023-05-27", "--to", "2023-05-28"]).run().ok();
    assert!(daily.lines().any(|l| l.split(',').any(|c| c == "-2")), "{daily}");
}

// ---- honest figures on odd shapes ------------------------------------------------------------

/// The real files with `edit` applied to each one's rows, imported into a fresh store.
fn store_of_edited(edit: impl Fn(&str, &mut Vec<Value>)) -> (crate::harness::TempStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["russia_losses_personnel.json", "russia_losses_equipment.json"] {
        let bytes = std::fs::read(general_staff_dir().join(name)).unwrap();
        let mut rows: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
        edit(name, &mut rows);
        write_file(dir.path(), name, &serde_json::to_vec(&rows).unwrap());
    }
    let store = crate::harness::empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(dir.path()).run().ok();
    (store, dir)
}

#[test]
fn a_category_one_report_behind_is_given_as_of_its_own_last_report_not_as_zero() {
    // The equipment file has the report of 2026-08-09, the personnel file not yet.
    let (store, _dir) = store_of_edited(|name, rows| {
        if name == "russia_losses_equipment.json" {
            let mut next = rows.last().unwrap().clone();
            next["date"] = json!("2026-08-09");
            next["day"] = json!(1628);
            next["tank"] = json!(next["tank"].as_i64().unwrap() + 5);
            rows.push(next);
        }
    });
    let out = attrition(&store.db, ["report", "--offline"]).run().ok();
    let line = out.lines().find(|l| l.starts_with("last day ")).expect("a last-day line");
    assert!(line.contains("2026-08-07") && line.contains("1,190"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("personnel ") && l.split_whitespace().nth(1) == Some("0")), "{out}");
    assert!(
        out.contains("note (personnel): not yet in the report of 2026-08-09 (its last report is 2026-08-08): its figures end on 2026-08-07, not on 2026-08-08"),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("tanks ") && l.split_whitespace().nth(1) == Some("5")), "{out}");
    // `total` counts it to its own last report too, and ranks it as it stands there.
    let out = attrition(&store.db, ["total", "personnel", "--period", "2026-08"]).run().ok();
    assert!(out.contains("2026-08-01 .. 2026-08-07 (7 days)") && out.contains("1,284.3"), "{out}");
    assert!(out.contains("pace 9th of 54"), "{out}");
    assert!(
        out.contains(
            "personnel is not yet in the report of 2026-08-09 (its last report is 2026-08-08): counted to that report"
        ),
        "{out}"
    );
    let err = attrition(&store.db, ["total", "personnel", "--period", "2026-08-08"]).run().fails();
    assert!(err.contains("no data for 2026-08-08 yet"), "{err}");
}

#[test]
fn a_gap_in_the_briefings_windows_is_noted_not_dropped_silently() {
    let (store, _dir) = store_of_edited(|_, rows| rows.retain(|r| r["date"] != "2026-08-01"));
    let out = attrition(&store.db, ["report", "--offline"]).run().ok();
    assert!(!out.contains("\nlast 7 days"), "{out}");
    assert!(
        out.contains("note (personnel): last 7 days (2026-08-01 .. 2026-08-07) not given: the report of 2026-08-01 is missing from the stored record"),
        "{out}"
    );
    assert!(out.contains("note (personnel): month to date (2026-08-01 .. 2026-08-07) not given"), "{out}");
}

#[test]
fn a_pace_rank_counts_the_period_in_progress_among_those_it_is_ranked_with() {
    let store = imported_store();
    let out = attrition(&store.db, ["total", "cruise_missiles", "--period", "2026-08"]).run().ok();
    assert!(out.contains("pace 52nd of 52"), "{out}");
    let out = attrition(&store.db, ["report", "--offline"]).run().ok();
    assert!(out.contains("2026-08: pace 9th of 54 by daily average"), "{out}");
}

#[test]
fn a_file_with_bytes_that_are_not_utf8_is_refused_not_stored_with_replacement_characters() {
    let store = imported_store();
    let bytes = std::fs::read(general_staff_dir().join("russia_losses_equipment.json")).unwrap();
    // A byte that cannot start a UTF-8 sequence inside the first "greatest losses direction" text.
    let at = bytes.windows(9).position(|w| w == b"\"Donetsk\"").expect("a direction note") + 1;
    let mut bad = bytes.clone();
    bad[at] = 0xff;
    let line = bad[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "russia_losses_equipment.json", &bad);
    import_refused(
        &store.db,
        &path,
        &[],
        &[&format!("line {line}, byte {}: not UTF-8 text", at + 1), "import failed; the store is unchanged"],
    );
}

#[test]
fn a_malformed_accept_outlier_is_a_usage_error() {
    let store = crate::harness::empty_store();
    let out = attrition(&store.db, ["import", "--accept-outlier", "2026-08-09", "x.json"]).run();
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no ':' between date and category"), "{}", out.stderr);
    let out = attrition(&store.db, ["import", "--accept-outlier", "2026-08-09:zeppelins", "x.json"]).run();
    assert_eq!(out.status, 2, "{}", out.stderr);
    assert!(out.stderr.contains("zeppelins"), "{}", out.stderr);
}

#[test]
fn undo_of_an_oryx_fetch_is_refused_and_the_latest_series_fetch_is_taken_instead() {
    let store = imported_store();
    let oryx = general_staff_dir().join("../oryx/daily_count.csv");
    attrition(&store.db, ["--quiet", "import"]).path(&oryx).run().ok();
    // The Oryx fetch is the newest row of the shared fetches table: the series has 3 before it.
    let before = fingerprint(&store.db);
    let err = attrition(&store.db, ["undo", "4"]).run().fails();
    assert!(
        err.contains("it is a fetch of oryx, and undo takes back fetches of the General Staff series only"),
        "{err}"
    );
    assert_eq!(fingerprint(&store.db), before);
    // Without an id, undo takes the latest fetch of the series (the personnel file, id 3).
    let out = attrition(&store.db, ["undo"]).run().ok();
    assert!(out.contains("undid fetch 3 (petroivaniuk"), "{out}");
}

#[test]
fn the_real_record_grown_a_piece_at_a_time_passes_the_learnt_bounds() {
    // As a store synced from early on would see it: each import adds reports to a record whose
    // bounds were learnt from less history (drones went from a few a day to 2,700).
    let store = crate::harness::empty_store();
    let all: Vec<(&str, Vec<Value>)> = ["russia_losses_personnel.json", "russia_losses_equipment.json"]
        .into_iter()
        .map(|name| (name, serde_json::from_slice(&std::fs::read(general_staff_dir().join(name)).unwrap()).unwrap()))
        .collect();
    for rows in [3, 12, 13, 40, 120, 400, 1_000, 1_500, usize::MAX] {
        let dir = tempfile::tempdir().unwrap();
        for (name, full) in &all {
            let part = &full[..rows.min(full.len())];
            write_file(dir.path(), name, &serde_json::to_vec(part).unwrap());
        }
        attrition(&store.db, ["--quiet", "import"]).path(dir.path()).run().ok();
    }
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"][0]["summary"]["last_report"], "2026-08-08");
}
