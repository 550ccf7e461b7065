//! Independent estimates end to end: the curated registry beside the General Staff series, The
//! Economist's tables imported and synced from a mirror on 127.0.0.1, users' own assessments,
//! and the killed estimated by every route with the BBC range reproduced exactly.
//!
//! General Staff values used below, read from ../shared/data/general-staff with a line of Python:
//! personnel in the report of 2025-12-02 = 1,175,030 (the end of 2025-12-01, loss-day); in the
//! report of 2025-05-15 = 970,590.

use crate::harness::{attrition, empty_store, fingerprint, general_staff_dir, imported_store, write_file};
use crate::server::Server;
use serde_json::Value;

fn economist_dir() -> std::path::PathBuf {
    general_staff_dir().join("../economist")
}

fn entry<'a>(listing: &'a Value, id: &str) -> &'a Value {
    listing["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["assessment"]["id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed"))
}

#[test]
fn curated_figures_sit_beside_the_series_with_their_definitions() {
    let store = imported_store();
    let listing = attrition(&store.db, ["--json", "sources", "--side", "russia"]).run().json();
    let uk = entry(&listing, "ukmod-2025-11");
    assert_eq!(uk["series"]["value"], 1_175_030.0);
    let ratio = uk["series"]["ratio"].as_f64().unwrap();
    assert!((ratio - 1_100_000.0 / 1_175_030.0).abs() < 1e-9, "{ratio}");
    assert!(uk["definitions"].as_str().unwrap().starts_with("casualties (killed, wounded, captured, missing)"));
    // Inflows have no counterpart in a count of losses.
    let recruits = entry(&listing, "us-ua-recruit-2025");
    assert!(recruits["series"].is_null());
    assert!(recruits["definitions"].as_str().unwrap().contains("inflow"));
    // A rate is compared with the series' daily average over the 30 days before, per day.
    let rate = entry(&listing, "ukmod-2025-11-rate");
    assert!(rate["series"]["computed"].as_str().unwrap().starts_with("daily average 2025-11-02 .. 2025-12-01"));

    let table = attrition(&store.db, ["sources", "--metric", "casualties", "--search", "UK Defence"]).run().ok();
    assert!(
        table.contains(
            "UK Defence Intelligence — casualties (russia), cumulative since 2022-02-24: more than 1,100,000"
        ),
        "{table}"
    );
    assert!(table.contains("General Staff: 1,175,030 personnel_losses"), "{table}");
}

#[test]
fn the_bbc_range_is_reproduced_exactly() {
    let store = imported_store();
    let estimate = attrition(&store.db, ["--json", "estimate", "killed", "--as-of", "2025-05-15"]).run().json();
    let routes = estimate["routes"].as_array().unwrap();
    let named = routes.iter().find(|r| r["name"].as_str().unwrap().starts_with("named deaths")).unwrap();
    assert_eq!(named["input"]["best"], 106_745.0);
    // 106,745 / 0.65 = 164,223.08 and 106,745 / 0.45 = 237,211.11, carried by a factor of 1.
    assert!((named["low"].as_f64().unwrap() - 164_223.077).abs() < 0.01, "{named}");
    assert!((named["high"].as_f64().unwrap() - 237_211.111).abs() < 0.01, "{named}");
    assert_eq!(named["alignment"], 1.0);
    // The General Staff route: 970,590 / (1 + r), r from 4 to 1.
    let series = routes.iter().find(|r| r["name"].as_str().unwrap().starts_with("General Staff")).unwrap();
    assert_eq!(series["low"], 970_590.0 / 5.0);
    assert_eq!(series["high"], 970_590.0 / 2.0);
    let table = attrition(&store.db, ["estimate", "killed", "--as-of", "2025-05-15"]).run().ok();
    assert!(table.contains("164,223") && table.contains("237,211"), "{table}");
    assert!(table.contains("106,745 ÷ 0.65 = 164,223"), "{table}");
    assert!(table.contains("assumption: coverage of deaths by named records 0.45 .. 0.65"), "{table}");
}

#[test]
fn the_economist_tables_import_once_and_feed_the_comparison() {
    let store = imported_store();
    let out = attrition(&store.db, ["import"]).path(&economist_dir()).run().ok();
    assert!(out.contains("economist estimates: 124 rows (124 new"), "{out}");
    assert!(out.contains("economist meta_estimate: 1640 rows"), "{out}");
    let before = fingerprint(&store.db);
    let again = attrition(&store.db, ["import"]).path(&economist_dir()).run().ok();
    assert!(again.contains("economist estimates: 124 rows (0 new, 0 changed, 124 unchanged)"), "{again}");
    assert_eq!(fingerprint(&store.db), before, "a repeated import writes nothing");

    let listing =
        attrition(&store.db, ["--json", "sources", "--origin", "economist", "--search", "probate"]).run().json();
    let last = listing["assessments"].as_array().unwrap().last().unwrap()["assessment"].clone();
    assert_eq!((last["published"].as_str(), last["best"].as_f64()), (Some("2025-12-28"), Some(351_817.0)));

    let estimate = attrition(&store.db, ["--json", "estimate", "killed"]).run().json();
    let economist = &estimate["economist"];
    assert_eq!(economist["date"], "2026-08-07");
    let median = estimate["median_best"][0].as_f64().unwrap();
    assert!(median > economist["pi"][0].as_f64().unwrap() && median < economist["pi"][1].as_f64().unwrap());
}

#[test]
fn sync_fetches_the_economist_files_from_a_mirror() {
    let server = Server::start();
    let store = empty_store();
    let out =
        attrition(&store.db, ["sync", "--source", "economist", "--base-url", &server.url("/economist")]).run().ok();
    assert!(out.contains("economist uk_mod_monthly: 47 rows (47 new"), "{out}");
    assert_eq!(server.requests().len(), 5);
    // A missing file fails the whole sync and writes nothing.
    let broken = empty_store();
    let before = fingerprint(&broken.db);
    let message =
        attrition(&broken.db, ["sync", "--source", "economist", "--base-url", &server.url("/nowhere")]).run().fails();
    assert!(message.contains("sync failed; the store is unchanged"), "{message}");
    assert_eq!(fingerprint(&broken.db), before);
}

use crate::harness::HEADER_REGISTRY as HEADER;

#[test]
fn users_add_their_own_figures_and_bad_rows_are_named() {
    let store = imported_store();
    let dir = tempfile::tempdir().unwrap();
    let good = write_file(
        dir.path(),
        "mine.csv",
        format!("{HEADER}\nmine-1,Our desk,2025-06-01,day,russia,killed,cumulative,2022-02-24,,,150000,170000,190000,range,our count,statistical,our newsletter,\n").as_bytes(),
    );
    let out = attrition(&store.db, ["sources", "add"]).path(&good).run().ok();
    assert!(out.contains("added 1 assessments"), "{out}");
    let listing = attrition(&store.db, ["--json", "sources", "--origin", "user"]).run().json();
    assert_eq!(listing["assessments"].as_array().unwrap().len(), 1);

    let before = fingerprint(&store.db);
    let cases = [
        (
            "mine-2,X,2025-06-01,day,russia,souls,cumulative,,,,1,2,3,range,m,statistical,c,",
            "line 2, metric: unknown metric",
        ),
        (
            "mine-2,X,2025-06-01,day,russia,killed,cumulative,,,,5,,3,range,m,statistical,c,",
            "line 2, low: low 5 is above high 3",
        ),
        (
            "mine-2,X,2099-06-01,day,russia,killed,cumulative,,,,1,2,3,range,m,statistical,c,",
            "line 2, published: 2099-06-01 is in the future",
        ),
        (
            "ukmod-2025-11,X,2025-06-01,day,russia,killed,cumulative,,,,1,2,3,range,m,statistical,c,",
            "already used by the curated registry",
        ),
    ];
    for (row, expected) in cases {
        let bad = write_file(dir.path(), "bad.csv", format!("{HEADER}\n{row}\n").as_bytes());
        let message = attrition(&store.db, ["sources", "add"]).path(&bad).run().fails();
        assert!(message.contains(expected), "{row}: {message}");
    }
    assert_eq!(fingerprint(&store.db), before, "bad files change nothing");
}
