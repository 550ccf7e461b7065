//! Oryx's visually confirmed losses end to end: import of the real `../shared/data/oryx` files,
//! `sync --source oryx` from a real HTTP server on 127.0.0.1, bad input, and `attrition oryx`
//! against the real General Staff series.
//!
//! Expected figures were read from the shared files with a short Python script (csv and json
//! modules only), independently of the Rust code:
//!
//! ```text
//! rows = list(csv.DictReader(open('oryx/daily_count.csv', newline='')))
//! len(rows), Counter(r['country'] for r in rows)            # 1365, Russia 983, Ukraine 382
//! # latest row of a type recorded on or before a day, the summary's name cut at " - N, of which:"
//! at('Russia', ACV, '2024-12-31') - sum(at('Russia', t, '2024-12-31') for t in (AFV, IFV, APC, MRAP))
//!                                                           # tanks 3668, of them destroyed 2604
//! equipment['2025-01-01']['tank'], equipment['2024-12-31']['tank']          # 9672, 9668
//! at('Russia', 'Tanks', '2025-06-30')                       # recorded 2025-06-27: 4053, destroyed 2970
//! at('Russia', 'Aircraft', '2022-12-31'), equipment['2023-01-01']['aircraft']   # 2022-12-11: 67; 283
//! csv.reader line_num of the row whose name says 11864      # 701 (its counts sum to 11865)
//! ```

use crate::harness::{attrition, empty_store, fingerprint, general_staff_dir, imported_store, write_file};
use crate::server::Server;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `../shared/data/oryx`, read in place.
fn oryx_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/oryx")
}

fn daily_count() -> String {
    std::fs::read_to_string(oryx_dir().join("daily_count.csv")).expect("shared daily_count.csv")
}

/// One store with the General Staff series and the Oryx counts, shared by the tests that only read.
fn oryx_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for old in std::fs::read_dir(scratch).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with("it-oryx-") {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
        let dir = scratch.join(format!("it-oryx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let db = dir.join("attrition.db");
        attrition(&db, ["--quiet", "import"]).path(&general_staff_dir()).path(&oryx_dir()).run().ok();
        db
    })
}

/// The row of `category` labelled `label` in `attrition --json oryx …`.
fn row<'a>(json: &'a Value, category: &str, label: &str) -> &'a Value {
    json["categories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["category"] == category)
        .flat_map(|c| c["rows"].as_array().into_iter().flatten())
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("no {category} row {label} in {json}"))
}

// ---- import ----------------------------------------------------------------------------------

#[test]
fn import_reads_daily_count_and_skips_the_other_files() {
    let store = empty_store();
    let json = attrition(&store.db, ["--json", "import"]).path(&oryx_dir()).run().json();
    assert_eq!(json["changed"], true);
    let file = &json["files"][0];
    assert!(file["location"].as_str().unwrap().ends_with("oryx/daily_count.csv"), "{file}");
    assert_eq!(file["rows"], 1365);
    assert_eq!(file["rows_by_country"]["Russia"], 983);
    assert_eq!(file["rows_by_country"]["Ukraine"], 382);
    assert_eq!(file["first_recorded"], "2022-02-23");
    assert_eq!(file["last_recorded"], "2025-07-19");
    assert_eq!(file["sha256"].as_str().map(str::len), Some(64));
    // The summary row whose name says 11864 while its counts sum to 11865 (line 701) is kept as a quirk.
    let warnings = file["warnings"].to_string();
    assert!(warnings.contains("line 701") && warnings.contains("says 11864 but its counts sum to 11865"), "{warnings}");
    assert_eq!(json["summary"]["new_rows"], 1365);
    assert_eq!(json["summary"]["recorded_fetches"], 1);
    let skipped: Vec<&str> =
        json["skipped"].as_array().into_iter().flatten().filter_map(|s| s["location"].as_str()).collect();
    assert_eq!(skipped.len(), 6, "{skipped:?}");
    assert!(
        skipped.iter().any(|s| s.ends_with("event_destroyed.csv"))
            && skipped.iter().any(|s| s.ends_with("totals_by_type.csv"))
    );
    assert!(json["dates"].as_str().unwrap().contains("not the day of the loss"));

    // The table says what the dates are.
    let store = empty_store();
    let out = attrition(&store.db, ["import"]).path(&oryx_dir().join("daily_count.csv")).run().ok();
    assert!(out.contains("1,365 new rows") && out.contains("Russia 983, Ukraine 382"), "{out}");
    assert!(out.contains("date_recorded: the day the dataset first listed an entry, not the day of the loss"), "{out}");
}

#[test]
fn second_identical_import_changes_nothing_and_says_so() {
    let store = empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(&oryx_dir()).run().ok();
    let before = fingerprint(&store.db);
    let out = attrition(&store.db, ["import"]).path(&oryx_dir()).run().ok();
    assert!(out.contains("nothing changed") && out.contains("1,365 Oryx rows"), "{out}");
    let json = attrition(&store.db, ["--json", "import"]).path(&oryx_dir().join("daily_count.csv")).run().json();
    assert_eq!(json["changed"], false);
    assert_eq!(json["summary"]["unchanged_rows"], 1365);
    assert_eq!(fingerprint(&store.db), before);
}

#[test]
fn a_revised_count_replaces_the_stored_one_and_is_logged() {
    let store = empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(&oryx_dir()).run().ok();
    // Russian tanks recorded on 2025-07-19: 2991 destroyed of 4074; a later snapshot says 2992.
    let text = daily_count();
    let old = "Russia,Tanks,2991,392,533,158,4074,2025-07-19,";
    assert!(text.contains(old));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(
        dir.path(),
        "daily_count.csv",
        text.replacen(old, "Russia,Tanks,2992,392,533,158,4075,2025-07-19,", 1).as_bytes(),
    );
    let json = attrition(&store.db, ["--json", "import"]).path(&path).run().json();
    assert_eq!(json["summary"]["revised_rows"], 1, "{json}");
    assert_eq!(json["summary"]["unchanged_rows"], 1364, "{json}");
    // The file's own diff column now disagrees with the counts: kept as a note, not an error.
    assert!(
        json["files"][0]["warnings"].to_string().contains("destroyed_diff is 3 but destroyed changed by 4"),
        "{json}"
    );

    // A file of the dataset that attrition does not read is listed, and nothing is stored.
    let before = fingerprint(&store.db);
    let out = attrition(&store.db, ["import"]).path(&oryx_dir().join("totals_by_type.csv")).run().ok();
    assert!(out.contains("skipped") && out.contains("nothing imported"), "{out}");
    assert_eq!(fingerprint(&store.db), before);
}

#[test]
fn oryx_is_never_taken_for_a_general_staff_source() {
    // Oryx alone: the figure commands still find no General Staff series.
    let store = empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(&oryx_dir()).run().ok();
    let err = attrition(&store.db, ["total", "tanks", "--period", "2024"]).run().fails();
    assert!(err.contains("holds no data yet"), "{err}");
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"].as_array().map(Vec::len), Some(0), "{status}");
    let err = attrition(&store.db, ["oryx"]).run().fails();
    assert!(err.contains("General Staff series to compare with Oryx") && err.contains("attrition sync"), "{err}");

    // Beside the General Staff series, which keeps its figures and its one source.
    let store = oryx_store();
    let status = attrition(store, ["--json", "status"]).run().json();
    let sources: Vec<&str> =
        status["sources"].as_array().into_iter().flatten().filter_map(|s| s["summary"]["source"].as_str()).collect();
    assert_eq!(sources, ["petroivaniuk"]);
    let tanks = attrition(store, ["--json", "total", "tanks", "--period", "2024-Q3"]).run().json();
    assert_eq!(tanks["figures"][0]["total"], 784, "{tanks}");
    assert_eq!(tanks["figures"][0]["cumulative_end"], 8883, "{tanks}");
}

// ---- bad input -------------------------------------------------------------------------------

/// `import PATH` of a bad file into a store with both series: exit 1, stderr names `needles`,
/// the store is unchanged.
#[track_caller]
fn import_refused(content: &str, needles: &[&str]) {
    let store = imported_store();
    attrition(&store.db, ["--quiet", "import"]).path(&oryx_dir()).run().ok();
    let before = fingerprint(&store.db);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "daily_count.csv", content.as_bytes());
    let err = attrition(&store.db, ["--quiet", "import"]).path(&path).run().fails();
    let location = std::fs::canonicalize(&path).unwrap().display().to_string();
    for needle in [location.as_str(), "import failed; the store is unchanged"].iter().chain(needles) {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert_eq!(fingerprint(&store.db), before, "the store changed after: {err}");
}

#[test]
fn malformed_row_names_file_line_and_column() {
    // Line 5 is "Russia,Aircraft,15,0,0,0,15,2022-03-27,…".
    let mut lines: Vec<String> = daily_count().lines().map(str::to_owned).collect();
    assert!(lines[4].starts_with("Russia,Aircraft,15,"), "{}", lines[4]);
    lines[4] = lines[4].replacen("Russia,Aircraft,15,", "Russia,Aircraft,15x,", 1);
    import_refused(&lines.join("\n"), &["line 5, column 3 (destroyed): expected a whole number, found \"15x\""]);

    // A row cut short, as a truncated download would leave the last one.
    let text = daily_count();
    let cut = &text[..text.len() - 30];
    let last_line = cut.lines().count();
    import_refused(cut, &[&format!("line {last_line}:"), "fields where the header has 18"]);

    // A total that is not the sum of the statuses.
    let text =
        daily_count().replacen("Russia,Aircraft,15,0,0,0,15,2022-03-26", "Russia,Aircraft,15,0,0,0,16,2022-03-26", 1);
    import_refused(&text, &["line 4, column 7 (type_total): is 16 but destroyed + abandoned + captured + damaged"]);
}

#[test]
fn unknown_status_column_is_refused() {
    let text = daily_count().replacen(",damaged,type_total,", ",damaged,sold,type_total,", 1);
    import_refused(&text, &["line 1 (the header): unknown column \"sold\" (column 7)", "a new status"]);
}

// ---- sync ------------------------------------------------------------------------------------

#[test]
fn sync_stores_the_real_counts_with_the_url_as_provenance() {
    let server = Server::start();
    let store = imported_store();
    let base = server.url("/oryx");
    let json =
        attrition(&store.db, ["--quiet", "--json", "sync", "--source", "oryx", "--base-url", &base]).run().json();
    assert_eq!(server.requests(), ["/oryx/daily_count.csv"]);
    assert_eq!(json["files"][0]["location"], format!("{base}/daily_count.csv"));
    assert_eq!(json["summary"]["new_rows"], 1365);
    assert_eq!(json["stored"]["rows_by_country"]["Russia"], 983);

    let comparison = attrition(&store.db, ["--json", "oryx", "tanks"]).run().json();
    assert_eq!(comparison["oryx_fetches"][0]["location"], format!("{base}/daily_count.csv"));
    assert_eq!(comparison["oryx_fetches"][0]["current_rows"], 1365);
    let latest = row(&comparison, "tanks", "2025-07-19");
    assert_eq!((latest["general_staff"].as_i64(), latest["oryx_total"].as_i64()), (Some(11035), Some(4074)));

    // Again: the same file, nothing changes, not even the provenance.
    let before = fingerprint(&store.db);
    let out = attrition(&store.db, ["--quiet", "sync", "--source", "oryx", "--base-url", &base]).run().ok();
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(fingerprint(&store.db), before);
}

#[test]
fn broken_answers_leave_the_store_unchanged() {
    let server = Server::start();
    let store = imported_store();
    attrition(&store.db, ["--quiet", "import"]).path(&oryx_dir()).run().ok();
    let before = fingerprint(&store.db);
    let cases: [(&str, &[&str]); 5] = [
        ("/fault/404/all/oryx", &["HTTP 404", "--base-url"]),
        ("/fault/503/all/oryx", &["HTTP 503", "server error"]),
        ("/fault/html/all/oryx", &["expected Oryx CSV but got an HTML page"]),
        ("/fault/truncate/all/oryx", &["fields where the header has 18"]),
        ("/fault/short/all/oryx", &["/fault/short/all/oryx/daily_count.csv"]),
    ];
    for (prefix, needles) in cases {
        let base = server.url(prefix);
        let args = ["--quiet", "sync", "--source", "oryx", "--retries", "1", "--timeout", "2", "--base-url", &base];
        let err = attrition(&store.db, args).run().fails();
        let url = format!("{base}/daily_count.csv");
        for needle in [url.as_str(), "sync failed; the store is unchanged"].iter().chain(needles) {
            assert!(err.contains(needle), "{prefix}: stderr lacks {needle:?}:\n{err}");
        }
        assert_eq!(fingerprint(&store.db), before, "{prefix}: the store changed");
    }
    // A server error is retried once; a missing file is not.
    let requests = server.requests();
    assert_eq!(requests.iter().filter(|r| r.starts_with("/fault/503/")).count(), 2, "{requests:?}");
    assert_eq!(requests.iter().filter(|r| r.starts_with("/fault/404/")).count(), 1, "{requests:?}");
}

// ---- the comparison --------------------------------------------------------------------------

#[test]
fn tanks_at_the_end_of_2024_against_the_general_staff() {
    let store = oryx_store();
    let json = attrition(store, ["--json", "oryx", "tanks", "aircraft", "--by", "quarter"]).run().json();
    assert_eq!(json["convention"], "loss-day");
    assert_eq!(json["country"], "Russia");
    // No Tanks row before 2025-03-21: the armoured-combat-vehicle summary minus AFV, IFV, APC, MRAP.
    let q4 = row(&json, "tanks", "2024-Q4");
    assert_eq!(q4["day"], "2024-12-31");
    assert_eq!(q4["general_staff"], 9672);
    assert_eq!(q4["general_staff_report"], "2025-01-01");
    assert_eq!(q4["oryx_total"], 3668);
    assert_eq!(q4["oryx_destroyed"], 2604);
    assert_eq!(q4["oryx_recorded"], "2024-12-31");
    assert_eq!(q4["oryx_derived"], true);
    assert_eq!(q4["gap"], 6004);
    assert!((q4["ratio"].as_f64().unwrap() - 9672.0 / 3668.0).abs() < 1e-12, "{q4}");
    assert!((q4["ratio_to_destroyed"].as_f64().unwrap() - 9672.0 / 2604.0).abs() < 1e-12, "{q4}");
    // The first quarter both cover is 2024-Q3 (Oryx's per-type rows begin on 2024-09-30).
    assert_eq!(json["categories"][0]["from"], "2024-09-30");
    assert_eq!(json["categories"][0]["rows"][0]["label"], "2024-Q3");
    // From the Tanks row on, read directly: the row of 2025-06-27 holds at the end of June.
    let q2 = row(&json, "tanks", "2025-Q2");
    assert_eq!((q2["general_staff"].as_i64(), q2["oryx_total"].as_i64()), (Some(10983), Some(4053)));
    assert_eq!((q2["oryx_destroyed"].as_i64(), q2["oryx_recorded"].as_str()), (Some(2970), Some("2025-06-27")));
    assert_eq!(q2["oryx_derived"], false);
    // Aircraft: the one long Oryx series.
    let aircraft = row(&json, "aircraft", "2022-Q4");
    assert_eq!((aircraft["general_staff"].as_i64(), aircraft["oryx_total"].as_i64()), (Some(283), Some(67)));
    assert_eq!(aircraft["oryx_recorded"], "2022-12-11");

    // Report-day: the report dated 2024-12-31 itself.
    let json = attrition(store, ["--json", "oryx", "tanks", "--by", "year", "--convention", "report-day"]).run().json();
    let year = row(&json, "tanks", "2024");
    assert_eq!(
        (year["general_staff"].as_i64(), year["general_staff_report"].as_str()),
        (Some(9668), Some("2024-12-31"))
    );
}

#[test]
fn as_of_cuts_both_sources() {
    let json = attrition(oryx_store(), ["--json", "oryx", "tanks", "--as-of", "2025-01-01"]).run().json();
    let rows = json["categories"][0]["rows"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1);
    // The report of 2025-01-01 closes 2024-12-31, the last day it covers.
    assert_eq!((rows[0]["day"].as_str(), rows[0]["latest"].as_bool()), (Some("2024-12-31"), Some(true)));
    assert_eq!((rows[0]["general_staff"].as_i64(), rows[0]["oryx_total"].as_i64()), (Some(9672), Some(3668)));
    assert_eq!(json["oryx_covered_to"], "2025-01-01");
    let err = attrition(oryx_store(), ["oryx", "--as-of", "2022-01-01"]).run().fails();
    assert!(err.contains("no Oryx rows recorded on or before 2022-01-01"), "{err}");
}

#[test]
fn the_default_view_is_the_latest_day_with_every_caveat() {
    let out = attrition(oryx_store(), ["oryx"]).run().ok();
    for needle in [
        "tanks               2025-07-19    11,035           4,074           2,991       2.71            6,961",
        "ships + submarines  2025-07-19        29              28",
        "no day both cover",
        "a lower bound",
        "date_recorded, the day the dataset first listed an entry, not the day of the loss",
        "one belligerent's claims",
        "- afv: The General Staff's 'armoured combat vehicles' (BBM) is one count",
        "data version: petroivaniuk report of 2026-08-08",
        "Oryx data version: rows recorded 2022-02-23 .. 2025-07-19",
    ] {
        assert!(out.contains(needle), "lacks {needle:?}:\n{out}");
    }
    let csv = attrition(oryx_store(), ["--csv", "oryx"]).run().ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("category,general_staff_categories,oryx_types,period,latest,day,general_staff,"),
        "{}",
        lines[0]
    );
    // One row per category with an overlap (ground robots have none).
    assert_eq!(lines.len(), 1 + 11, "{csv}");
    assert!(
        lines[1].starts_with("tanks,tanks,Tanks,2025-07-19,true,2025-07-19,11035,2025-07-20,4074,2991,"),
        "{}",
        lines[1]
    );
}

#[test]
fn unmapped_categories_bad_flags_and_a_missing_dataset() {
    let err = attrition(oryx_store(), ["oryx", "personnel"]).run().fails();
    assert!(err.contains("personnel has no Oryx counterpart: Oryx counts equipment only"), "{err}");
    let err = attrition(oryx_store(), ["oryx", "tanks", "--by", "week"]).run().fails();
    assert!(err.contains("compare by month, quarter or year"), "{err}");
    let store = imported_store();
    let err = attrition(&store.db, ["oryx"]).run().fails();
    assert!(err.contains("holds no Oryx data") && err.contains("sync --source oryx"), "{err}");

    let mapping = attrition(&store.db, ["oryx", "--mapping"]).run().ok();
    for needle in [
        "Armoured Fighting Vehicles + Infantry Fighting Vehicles + Armoured Personnel Carriers",
        "Multiple Rocket Launchers → Rocket and Missile Artillery",
        "- Artillery Support Vehicles And Equipment:",
        "- personnel: Oryx counts equipment only",
    ] {
        assert!(mapping.contains(needle), "lacks {needle:?}:\n{mapping}");
    }
}
