//! Bad input of every kind: each gets an error naming what is wrong, exit 1, and an unchanged store.
//!
//! Every case starts from a store holding the real data, so that "unchanged" means something,
//! takes its fingerprint, runs the bad command and checks the fingerprint again. Bad files are
//! written to a temporary directory; bad answers come from the test server's fault routes.

use crate::harness::{TempStore, attrition, empty_store, fingerprint, general_staff_dir, imported_store, write_file};
use crate::server::Server;
use serde_json::{Value, json};
use std::path::Path;

/// Runs `attrition --quiet ARGS… [PATH]` against `store`, asserts exit 1, that stderr holds every
/// one of `needles`, and that the store's content is unchanged. Returns stderr.
#[track_caller]
fn refused(store: &TempStore, args: &[&str], path: Option<&Path>, needles: &[&str]) -> String {
    let before = fingerprint(&store.db);
    let mut run = attrition(&store.db, std::iter::once("--quiet").chain(args.iter().copied()));
    if let Some(path) = path {
        run = run.path(path);
    }
    let err = run.run().fails();
    let parts: Vec<&str> = err.trim_end().split(": ").collect();
    assert!(parts.windows(2).all(|w| w[0] != w[1]), "a cause is printed twice:\n{err}");
    for needle in needles {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert_eq!(fingerprint(&store.db), before, "the store changed after: {err}");
    err
}

/// `import PATH` of a bad file or directory into a store with the real data.
#[track_caller]
fn import_refused(path: &Path, needles: &[&str]) -> String {
    let store = imported_store();
    let location = path.display().to_string();
    let mut all = vec![location.as_str(), "import failed; the store is unchanged"];
    all.extend_from_slice(needles);
    refused(&store, &["import"], Some(path), &all)
}

/// `sync` from `base` (a URL on the test server) into a store with the real data, failing fast.
#[track_caller]
fn sync_refused(source: &str, base: &str, needles: &[&str]) -> String {
    let store = imported_store();
    let args = ["sync", "--source", source, "--retries", "0", "--timeout", "1", "--base-url", base];
    let mut all = vec!["sync failed; the store is unchanged"];
    all.extend_from_slice(needles);
    refused(&store, &args, None, &all)
}

/// The rows of a shared data file.
fn rows(name: &str) -> Vec<Value> {
    let bytes = std::fs::read(general_staff_dir().join(name)).expect("shared data file");
    serde_json::from_slice(&bytes).expect("a JSON array")
}

fn personnel() -> Vec<Value> {
    rows("russia_losses_personnel.json")
}

/// The index of the row dated `date`.
fn row_of(rows: &[Value], date: &str) -> usize {
    rows.iter().position(|r| r["date"] == date).unwrap_or_else(|| panic!("no row dated {date}"))
}

/// Writes `rows` as `russia_losses_personnel.json` in a fresh temporary directory.
fn personnel_file(rows: &[Value]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "russia_losses_personnel.json", &serde_json::to_vec_pretty(rows).expect("JSON"));
    (dir, path)
}

// ---- files -------------------------------------------------------------------------------

#[test]
fn truncated_json_file() {
    let bytes = std::fs::read(general_staff_dir().join("russia_losses_personnel.json")).expect("shared file");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "russia_losses_personnel.json", &bytes[..500]);
    import_refused(&path, &["invalid JSON", "EOF while parsing"]);
}

#[test]
fn value_of_the_wrong_type() {
    let mut rows = personnel();
    rows[3]["personnel"] = json!("lots");
    let (_dir, path) = personnel_file(&rows);
    import_refused(&path, &["row 4 (date 2022-02-28)", "\"personnel\" must be a whole number, found \"lots\""]);
}

#[test]
fn negative_cumulative_value() {
    let mut rows = personnel();
    rows[0]["personnel"] = json!(-2800);
    let (_dir, path) = personnel_file(&rows);
    import_refused(&path, &["row 1 (date 2022-02-25)", "negative (-2800)"]);
}

#[test]
fn unknown_category_key() {
    let mut rows = personnel();
    rows[10]["zeppelins"] = json!(3);
    let (_dir, path) = personnel_file(&rows);
    import_refused(&path, &["row 11 (date 2022-03-07)", "unknown category key \"zeppelins\""]);
}

#[test]
fn duplicate_dates() {
    let mut rows = personnel();
    let at = row_of(&rows, "2024-09-15");
    rows[at + 1] = rows[at].clone();
    let (_dir, path) = personnel_file(&rows);
    import_refused(
        &path,
        &[&format!("row {} (date 2024-09-15)", at + 2), "duplicate date", &format!("row {}", at + 1)],
    );
}

#[test]
fn dates_out_of_order() {
    let mut rows = personnel();
    let at = row_of(&rows, "2024-09-15");
    rows.swap(at, at + 1);
    let (_dir, path) = personnel_file(&rows);
    import_refused(
        &path,
        &[&format!("row {} (date 2024-09-15)", at + 2), "dates out of order", "comes after 2024-09-16"],
    );
}

#[test]
fn cumulative_value_falls_with_no_correction() {
    let mut rows = personnel();
    let at = row_of(&rows, "2024-10-01");
    assert_eq!(rows[at]["personnel"], 654430);
    rows[at]["personnel"] = json!(65443);
    let (_dir, path) = personnel_file(&rows);
    import_refused(&path, &["personnel falls from 653060 (2024-09-30) to 65443 (2024-10-01)", "no correction"]);
}

#[test]
fn small_fall_is_accepted_and_shown_by_status() {
    // The upstream has such slips itself (tanks on 2023-05-28); they are stored and reported.
    let store = imported_store();
    let mut rows = personnel();
    let at = row_of(&rows, "2024-10-01");
    rows[at]["personnel"] = json!(653055);
    let (_dir, path) = personnel_file(&rows);
    let json = attrition(&store.db, ["--json", "import"]).path(&path).run().json();
    assert_eq!(json["summary"]["revised_observations"], 1, "{json}");
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    let decreases = status["sources"][0]["validation"]["decreases"].as_array().cloned().unwrap_or_default();
    let shown = decreases.iter().find(|d| d["report_date"] == "2024-10-01" && d["category"] == "personnel");
    let shown = shown.unwrap_or_else(|| panic!("the fall is not reported: {decreases:?}"));
    assert_eq!(shown["accounted"], false, "{shown}");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "russia_losses_personnel.json", b"");
    import_refused(&path, &["the file is empty"]);
}

#[test]
fn whitespace_only_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "russia_losses_equipment.json", b"\n  \n");
    import_refused(&path, &["the file is empty"]);
}

#[test]
fn directory_without_data_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_file(dir.path(), "README.txt", b"the data files were supposed to be here\n");
    import_refused(dir.path(), &["no data files found"]);
}

#[test]
fn json_of_an_unknown_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "losses.json", br#"{"losses": [1, 2, 3]}"#);
    import_refused(&path, &["neither a PetroIvaniuk array", "nor a russianwarship.rip API object"]);
}

#[test]
fn impossible_date() {
    let mut rows = personnel();
    let at = row_of(&rows, "2024-03-01");
    rows[at]["date"] = json!("2024-02-30");
    let (_dir, path) = personnel_file(&rows);
    import_refused(&path, &[&format!("row {}", at + 1), "bad \"date\"", "2024-02-30"]);
}

#[test]
fn day_number_disagrees_with_the_date() {
    let mut rows = personnel();
    rows[0]["day"] = json!(3);
    let (_dir, path) = personnel_file(&rows);
    import_refused(&path, &["row 1 (date 2022-02-25)", "\"day\" is 3 but 2022-02-25 is day 2 of the war"]);
}

/// The real personnel rows plus one new report, which would be stored if the batch were accepted.
fn personnel_with_a_new_report() -> Vec<Value> {
    let mut rows = personnel();
    let mut next = rows.last().cloned().expect("rows");
    assert_eq!(next["date"], "2026-08-08");
    next["date"] = json!("2026-08-09");
    next["day"] = json!(1628);
    next["personnel"] = json!(1_457_500);
    rows.push(next);
    rows
}

#[test]
fn good_file_beside_a_bad_one_stores_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Read in name order: the good file first, then the bad one.
    write_file(dir.path(), "a_personnel.json", &serde_json::to_vec(&personnel_with_a_new_report()).expect("JSON"));
    let bad = write_file(dir.path(), "b_equipment.json", b"[{\"date\": \"2022-02-25\", \"day\": 2, \"tank\": ");
    let err = import_refused(dir.path(), &["invalid JSON"]);
    assert!(err.contains(&bad.display().to_string()), "{err}");

    // The same two as separate arguments, into an empty store: nothing at all is stored.
    let store = empty_store();
    let good = dir.path().join("a_personnel.json");
    attrition(&store.db, ["--quiet", "import"]).path(&good).path(&bad).run().fails();
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"].as_array().map(Vec::len), Some(0), "{status}");
}

#[test]
fn two_files_that_disagree_store_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows = personnel_with_a_new_report();
    write_file(dir.path(), "a_personnel.json", &serde_json::to_vec(&rows).expect("JSON"));
    let last = rows.len() - 1;
    rows[last]["personnel"] = json!(1_457_600);
    write_file(dir.path(), "b_personnel.json", &serde_json::to_vec(&rows).expect("JSON"));
    let store = imported_store();
    refused(
        &store,
        &["import"],
        Some(dir.path()),
        &[
            "conflicting values for personnel in the report of 2026-08-09",
            "1457500",
            "1457600",
            "a_personnel.json",
            "b_personnel.json",
        ],
    );
}

// ---- HTTP --------------------------------------------------------------------------------

#[test]
fn http_404() {
    let server = Server::start();
    let base = server.url("/fault/404/all/data");
    sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_personnel.json"), "HTTP 404"]);
}

#[test]
fn http_500() {
    let server = Server::start();
    let base = server.url("/fault/500/all/data");
    sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_personnel.json"), "HTTP 500", "server error"]);
}

#[test]
fn http_500_after_a_good_file_stores_nothing() {
    let server = Server::start();
    let base = server.url("/fault/500/equipment/data");
    sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_equipment.json"), "HTTP 500"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");

    // Into an empty store: the file may be created, but no source is stored.
    let store = empty_store();
    attrition(&store.db, ["--quiet", "sync", "--retries", "0", "--base-url", &base]).run().fails();
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"].as_array().map(Vec::len), Some(0), "{status}");
}

#[test]
fn html_page_instead_of_json() {
    let server = Server::start();
    let base = server.url("/fault/html/all/data");
    sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_personnel.json"), "HTML", "<!DOCTYPE html>"]);
}

#[test]
fn truncated_json_over_http() {
    let server = Server::start();
    let base = server.url("/fault/truncate/correction/data");
    sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_equipment_correction.json"), "invalid JSON"]);
}

#[test]
fn connection_closed_before_the_announced_length() {
    let server = Server::start();
    let base = server.url("/fault/short/all/data");
    sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_personnel.json")]);
}

#[test]
fn server_that_never_answers() {
    let server = Server::start();
    let base = server.url("/fault/stall/all/data");
    let started = std::time::Instant::now();
    let err = sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_personnel.json")]);
    assert!(err.contains("timed out") || err.contains("no complete answer"), "{err}");
    assert!(started.elapsed().as_secs() < 15, "took {:?}", started.elapsed());
}

#[test]
fn server_that_stalls_mid_body() {
    let server = Server::start();
    let base = server.url("/fault/stall-body/all/data");
    let err = sync_refused("petroivaniuk", &base, &[&format!("{base}/russia_losses_personnel.json")]);
    assert!(err.contains("timed out") || err.contains("no complete answer"), "{err}");
}

#[test]
fn api_record_with_an_unknown_stats_key() {
    let server = Server::start();
    let base = server.url("/fault/unknown-key/all/api/v2");
    sync_refused(
        "russianwarship",
        &base,
        &[
            &format!("{base}/statistics?offset=0&limit=50"),
            "row 1 (date 2022-02-25)",
            "unknown category key \"zeppelins\"",
        ],
    );
}

#[test]
fn api_page_with_truncated_json() {
    let server = Server::start();
    let base = server.url("/fault/truncate/offset=100&/api/v2");
    sync_refused("russianwarship", &base, &[&format!("{base}/statistics?offset=100&limit=50"), "invalid JSON"]);
    // Two good pages, the bad one, and no further requests.
    assert_eq!(server.requests().len(), 3, "{:?}", server.requests());
}

/// Figure commands refuse what they cannot answer, naming the part of the request at fault.
#[test]
fn bad_figure_requests_name_what_is_wrong() {
    let db = crate::harness::shared_store();
    let cases: [(&[&str], &str); 9] = [
        (&["rank", "personnel", "--by", "fortnight"], "unknown period kind \"fortnight\""),
        (&["rank", "tonks"], "tonks"),
        (&["rank", "personnel", "--as-of", "2021-06-01"], "no reports on or before 2021-06-01"),
        (&["rank", "personnel", "--as-of", "2024-13-01"], "2024-13-01"),
        (&["records", "personnel", "--convention", "tomorrow"], "tomorrow"),
        (&["trend", "personnel", "--period", "2021-05"], "before the full-scale invasion"),
        (&["trend", "personnel", "--period", "2030-01"], "no data for 2030-01 yet"),
        (&["ratio", "personnel", "tanks", "--by", "decade"], "decade"),
        (&["rolling", "personnel", "--from", "2030-01-01", "--to", "2030-02-01"], "no data for"),
    ];
    for (args, needle) in cases {
        let error = attrition(db, args).run().fails();
        assert!(error.contains(needle), "{args:?}: {error}");
    }
    for args in [
        &["rank", "personnel", "--top", "0"][..],
        &["rolling", "personnel", "--windows", "0"],
        &["report", "--max-age", "-1"],
    ] {
        let usage = attrition(db, args).run();
        assert_eq!(usage.status, 2, "{args:?}: {}", usage.stderr);
    }
}
