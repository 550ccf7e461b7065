//! `import` and `status` on the real data: idempotency, provenance, and a truthful validation
//! report.

use crate::harness::{attrition, empty_store, fingerprint, general_staff_dir, imported_store};

#[test]
fn second_identical_import_changes_nothing_and_says_so() {
    let store = imported_store();
    let before = fingerprint(&store.db);
    let out = attrition(&store.db, ["import"]).path(&general_staff_dir()).run().ok();
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(fingerprint(&store.db), before);
    let json = attrition(&store.db, ["--json", "import"]).path(&general_staff_dir()).run().json();
    assert_eq!(json["changed"], false);
    assert_eq!(json["summary"]["unchanged_observations"], 22310);
}

#[test]
fn import_reports_files_and_skips_the_oryx_snapshot() {
    let store = empty_store();
    let json = attrition(&store.db, ["--json", "import"]).path(&general_staff_dir()).run().json();
    assert_eq!(json["changed"], true);
    // personnel 1,626 + POW 62 = 1,688; equipment 20,622; 86 non-zero corrections; 203 direction notes.
    assert_eq!(json["summary"]["new_observations"], 22310);
    assert_eq!(json["summary"]["new_corrections"], 86);
    assert_eq!(json["summary"]["new_notes"], 203);
    let skipped = json["skipped"].to_string();
    assert!(skipped.contains("russia_losses_equipment_oryx.json"), "{skipped}");
    let kinds: Vec<&str> = json["files"].as_array().into_iter().flatten().filter_map(|f| f["kind"].as_str()).collect();
    assert_eq!(kinds, ["equipment", "corrections", "personnel"]);
    assert_eq!(json["data_versions"][0]["last_report"], "2026-08-08");
}

#[test]
fn importing_one_file_then_the_rest_adds_only_what_is_new() {
    let store = empty_store();
    let personnel = general_staff_dir().join("russia_losses_personnel.json");
    let json = attrition(&store.db, ["--json", "import"]).path(&personnel).run().json();
    assert_eq!(json["summary"]["new_observations"], 1688);
    let json = attrition(&store.db, ["--json", "import"]).path(&general_staff_dir()).run().json();
    assert_eq!(json["summary"]["new_observations"], 20622);
    assert_eq!(json["summary"]["unchanged_observations"], 1688);
}

#[test]
fn status_tells_the_truth_about_the_data() {
    let store = imported_store();
    let json = attrition(&store.db, ["--json", "status"]).run().json();
    let source = &json["sources"][0];
    assert_eq!(source["summary"]["source"], "petroivaniuk");
    let v = &source["validation"];
    assert_eq!(v["first_report"], "2022-02-25");
    assert_eq!(v["last_report"], "2026-08-08");
    assert_eq!(v["reports"], 1626);
    assert_eq!(v["gaps"].as_array().map(Vec::len), Some(0));
    let decreases = v["decreases"].as_array().cloned().unwrap_or_default();
    assert_eq!(decreases.len(), 13);
    let unaccounted: Vec<(String, String)> = decreases
        .iter()
        .filter(|d| d["accounted"] == false)
        .map(|d| (d["report_date"].as_str().unwrap_or("").to_owned(), d["category"].as_str().unwrap_or("").to_owned()))
        .collect();
    assert_eq!(
        unaccounted,
        [("2023-05-28".to_owned(), "tanks".to_owned()), ("2026-03-04".to_owned(), "artillery".to_owned())]
    );
    let robots =
        v["series_starts"].as_array().into_iter().flatten().find(|s| s["category"] == "ground_robots").cloned();
    let robots = robots.unwrap_or_default();
    assert_eq!(robots["first_report"], "2026-05-03");
    assert_eq!(robots["first_value"], 1306);
    assert_eq!(robots["backlog"], true);
    let qualifiers = v["qualifiers"][0]["counts"].to_string();
    assert!(
        qualifiers.contains("\"about\"") && qualifiers.contains("1620") && qualifiers.contains("\"more\""),
        "{qualifiers}"
    );
    // Provenance: three files, each with its hash.
    let fetches = source["fetches"].as_array().cloned().unwrap_or_default();
    assert_eq!(fetches.len(), 3);
    assert!(fetches.iter().all(|f| f["sha256"].as_str().is_some_and(|h| h.len() == 64)));
    // The correction file's two off-by-one day numbers are kept as quirks.
    let quirks = source["fetches"].to_string();
    assert!(quirks.contains("\\\"day\\\" is 231"), "{quirks}");

    let table = attrition(&store.db, ["status"]).run().ok();
    assert!(table.contains("data version: petroivaniuk report of 2026-08-08"), "{table}");
    assert!(table.contains("no (nearest correction -5 on 2023-05-27)"), "{table}");
}

#[test]
fn status_of_an_empty_store_says_how_to_fill_it() {
    let store = empty_store();
    let out = attrition(&store.db, ["status"]).run().ok();
    assert!(out.contains("the store is empty") && out.contains("attrition sync"), "{out}");
    let err = attrition(&store.db, ["total", "personnel", "--period", "2024-09"]).run().fails();
    assert!(err.contains("holds no data yet") && err.contains("import"), "{err}");
}
