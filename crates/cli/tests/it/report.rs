//! `attrition report` as the main job: it syncs an empty or stale store first (from a real
//! server on 127.0.0.1), says so when it cannot, and explains `import` when it has nothing.
//! Its table and the rank table are pinned with insta snapshots on the real data.

use crate::harness::{
    attrition, empty_store, fingerprint, general_staff_dir, imported_store, shared_store, write_file,
};
use crate::server::{Server, dead_url};

#[test]
fn an_empty_store_is_synced_before_the_briefing() {
    let server = Server::start();
    let store = empty_store();
    let run = attrition(&store.db, ["report"]).env("ATTRITION_UPSTREAM", &server.url("/data")).run();
    assert!(run.stderr.contains("the store is empty: syncing first"), "{}", run.stderr);
    let out = run.ok();
    assert!(out.contains("synced from http://127.0.0.1:"), "{out}");
    assert!(out.contains("petroivaniuk report of 2026-08-08"), "{out}");
    assert_eq!(server.requests().len(), 3);

    // Fresh now: the next report does not touch the network.
    let again = attrition(&store.db, ["--json", "report"]).env("ATTRITION_UPSTREAM", &server.url("/data")).run().json();
    assert_eq!(again["freshness"]["status"], "stored");
    assert_eq!(server.requests().len(), 3);

    // Stale by --max-age 0: it checks the upstream, which has nothing new.
    let checked =
        attrition(&store.db, ["--json", "report", "--max-age", "0", "--base-url", &server.url("/data")]).run().json();
    assert_eq!(checked["freshness"]["status"], "synced");
    assert_eq!(checked["freshness"]["new_values"], 0);
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn offline_with_stored_data_says_so_and_reports() {
    let store = imported_store();
    let before = fingerprint(&store.db);
    let run = attrition(&store.db, ["report", "--max-age", "0", "--base-url", &dead_url("/data")]).run();
    assert!(run.stderr.contains("offline:"), "{}", run.stderr);
    let out = run.ok();
    assert!(out.contains("offline: could not sync"), "{out}");
    assert!(out.contains("about 1,456,610"), "{out}");
    assert_eq!(fingerprint(&store.db), before);
}

#[test]
fn offline_with_an_empty_store_explains_import() {
    let store = empty_store();
    let error = attrition(&store.db, ["--quiet", "report", "--base-url", &dead_url("/data")]).run().fails();
    assert!(error.contains("is empty and syncing it failed: cannot reach the upstream"), "{error}");
    assert!(error.contains("attrition import PATH"), "{error}");
    let error = attrition(&store.db, ["report", "--offline"]).run().fails();
    assert!(error.contains("holds no data yet") && error.contains("attrition import"), "{error}");
}

#[test]
fn briefing_table_snapshot() {
    let out = attrition(shared_store(), ["report", "--offline", "--as-of", "2024-10-01"]).run().ok();
    insta::assert_snapshot!("briefing_2024_10_01", out);
}

#[test]
fn briefing_csv_has_a_row_per_category() {
    let out = attrition(shared_store(), ["--csv", "report", "--offline"]).run().ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + 17, "{out}");
    assert!(lines[0].starts_with("category,last_day,last_7_days,last_30_days"), "{}", lines[0]);
    assert!(lines[1].starts_with("personnel,1190,8990,41790,"), "{}", lines[1]);
    assert!(lines[1].ends_with(",1456610,about,2026-08-07,loss-day,petroivaniuk report of 2026-08-08"), "{}", lines[1]);
}

#[test]
fn rank_table_snapshot() {
    let out = attrition(shared_store(), ["rank", "personnel", "--by", "month", "--as-of", "2024-10-01", "--top", "5"])
        .run()
        .ok();
    insta::assert_snapshot!("rank_months_2024_10_01", out);
    let csv = attrition(shared_store(), ["--csv", "records", "personnel"]).run().ok();
    insta::assert_snapshot!("records_personnel_csv", csv);
}

/// The personnel rows of the shared data up to `last` (a report date), as a file in `dir`.
fn personnel_up_to(dir: &std::path::Path, last: &str) -> std::path::PathBuf {
    let bytes = std::fs::read(general_staff_dir().join("russia_losses_personnel.json")).expect("shared data file");
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&bytes).expect("a JSON array");
    let kept: Vec<&serde_json::Value> = rows.iter().filter(|r| r["date"].as_str().is_some_and(|d| d <= last)).collect();
    std::fs::create_dir_all(dir).expect("data dir");
    write_file(dir, "russia_losses_personnel.json", &serde_json::to_vec(&kept).expect("JSON"))
}

/// The briefing's outlook and the forecast it quotes, as JSON.
fn outlook_and_forecast(db: &std::path::Path) -> (serde_json::Value, serde_json::Value) {
    let report = attrition(db, ["--json", "report", "--offline"]).run().json();
    let threshold = report["outlook"]["threshold"].as_i64().expect("an outlook").to_string();
    let forecast = attrition(db, ["--json", "forecast", "personnel", "--reach", &threshold]).run().json();
    (report["outlook"].clone(), forecast["crossing"].clone())
}

#[test]
fn the_kept_calibration_follows_every_write_and_is_never_stale() {
    // The calibration the outlook reads is kept in the store when data are written; a later
    // import must give the forecast of the new data, exactly as a store that never kept one.
    let data = tempfile::tempdir().expect("temp dir");
    let early = personnel_up_to(&data.path().join("early"), "2026-06-30");
    let full = personnel_up_to(&data.path().join("full"), "2026-08-08");
    let store = empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(&early).run().ok();
    let before = fingerprint(&store.db);
    let (early_outlook, early_crossing) = outlook_and_forecast(&store.db);
    assert_eq!(fingerprint(&store.db), before, "reading the briefing and the forecast wrote to the store");

    attrition(&store.db, ["--quiet", "import"]).path(&full).run().ok();
    let (outlook, crossing) = outlook_and_forecast(&store.db);
    assert_ne!(outlook, early_outlook, "the outlook did not move with the data");
    assert_ne!(crossing, early_crossing);

    let fresh = empty_store();
    attrition(&fresh.db, ["--quiet", "import"]).path(&full).run().ok();
    assert_eq!(outlook_and_forecast(&fresh.db), (outlook.clone(), crossing.clone()));

    // A read-only store reads the same figures.
    let mut permissions = std::fs::metadata(&store.db).expect("store file").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&store.db, permissions).expect("chmod");
    assert_eq!(outlook_and_forecast(&store.db), (outlook, crossing));
}
