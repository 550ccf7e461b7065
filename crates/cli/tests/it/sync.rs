//! `attrition sync` end to end against a real HTTP server on 127.0.0.1 (see [`crate::server`]):
//! both upstream formats, paging, idempotency, the environment variable and an unreachable
//! upstream.

use crate::harness::{attrition, empty_store, general_staff_dir};
use crate::server::{Server, api_records, dead_url};

const PETROIVANIUK_REQUESTS: [&str; 3] = [
    "/data/russia_losses_personnel.json",
    "/data/russia_losses_equipment.json",
    "/data/russia_losses_equipment_correction.json",
];

/// The API requests a full sync of `records` records makes: pages of 50 until a short one.
fn api_requests(prefix: &str, records: usize) -> Vec<String> {
    (0..=records / 50).map(|page| format!("{prefix}/statistics?offset={}&limit=50", page * 50)).collect()
}

fn personnel_september_2024(db: &std::path::Path, source: &str) -> serde_json::Value {
    let json = attrition(db, ["--json", "total", "personnel", "--period", "2024-09", "--source", source]).run().json();
    json["figures"][0].clone()
}

#[test]
fn sync_from_a_mirror_stores_the_real_data() {
    let server = Server::start();
    let store = empty_store();
    let out = attrition(&store.db, ["sync", "--base-url", &server.url("/data")]).run().ok();
    assert!(out.contains("stored in") && out.contains("data version: petroivaniuk report of 2026-08-08"), "{out}");
    assert_eq!(server.requests(), PETROIVANIUK_REQUESTS);

    let table = attrition(&store.db, ["total", "personnel", "--period", "2024-09"]).run().ok();
    assert!(table.contains("38,130"), "{table}");
    let figure = personnel_september_2024(&store.db, "petroivaniuk");
    assert_eq!(figure["total"], 38130, "{figure}");
    assert_eq!(figure["cumulative_end"], 654430, "{figure}");

    // The same record as a local import, with the URLs as provenance.
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    let source = &status["sources"][0];
    assert_eq!(source["validation"]["reports"], 1626);
    assert_eq!(source["validation"]["decreases"].as_array().map(Vec::len), Some(13));
    let fetches = source["fetches"].to_string();
    for request in PETROIVANIUK_REQUESTS {
        assert!(fetches.contains(&server.url(request)), "{request} missing from {fetches}");
    }
    let json = attrition(&store.db, ["--json", "sync", "--base-url", &server.url("/data")]).run().json();
    assert_eq!(json["summary"]["unchanged_observations"], 22310, "{json}");
}

/// What `status` says is stored (values, corrections, provenance, when the data last changed):
/// a sync that finds nothing new leaves all of it alone, though it notes when it checked.
fn stored_data(db: &std::path::Path) -> serde_json::Value {
    let mut status = attrition(db, ["--json", "status"]).run().json();
    for source in status["sources"].as_array_mut().unwrap() {
        assert!(source["last_sync"]["at"].is_string(), "{source}");
        source.as_object_mut().unwrap().remove("last_sync");
    }
    status
}

#[test]
fn second_sync_changes_nothing_and_says_so() {
    let server = Server::start();
    let store = empty_store();
    let base = server.url("/data/");
    attrition(&store.db, ["--quiet", "sync", "--base-url", &base]).run().ok();
    let before = stored_data(&store.db);
    let out = attrition(&store.db, ["--quiet", "sync", "--base-url", &base]).run().ok();
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(stored_data(&store.db), before);
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn upstream_comes_from_the_environment_and_the_flag_wins() {
    let server = Server::start();
    let store = empty_store();
    attrition(&store.db, ["--quiet", "sync"]).env("ATTRITION_UPSTREAM", &server.url("/data")).run().ok();
    assert_eq!(server.requests(), PETROIVANIUK_REQUESTS);
    assert_eq!(personnel_september_2024(&store.db, "petroivaniuk")["total"], 38130);

    // --base-url overrides a (here dead) ATTRITION_UPSTREAM.
    let out = attrition(&store.db, ["--quiet", "sync", "--retries", "0", "--base-url", &server.url("/data")])
        .env("ATTRITION_UPSTREAM", &dead_url("/data"))
        .run()
        .ok();
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn sync_from_the_api_fetches_every_page() {
    assert_eq!(api_records().len(), 1626);
    let server = Server::start();
    let store = empty_store();
    let base = server.url("/api/v2");
    let json = attrition(&store.db, ["--quiet", "--json", "sync", "--source", "russianwarship", "--base-url", &base])
        .run()
        .json();
    // 1,626 reports: 32 full pages of 50 and a short one of 26, which ends the paging.
    let requests = server.requests();
    assert_eq!(requests.len(), 33);
    assert_eq!(requests, api_requests("/api/v2", 1626));
    assert_eq!(json["files"].as_array().map(Vec::len), Some(33), "{}", json["files"]);
    assert_eq!(json["files"][32]["reports"], 26);
    assert_eq!(json["data_versions"][0]["source"], "russianwarship");
    assert_eq!(json["data_versions"][0]["last_report"], "2026-08-08");
    // No increase disagrees with the stats it was computed from.
    let warnings: Vec<_> = json["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["warnings"].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");

    let status = attrition(&store.db, ["--json", "status", "--source", "russianwarship"]).run().json();
    let validation = &status["sources"][0]["validation"];
    assert_eq!(validation["reports"], 1626, "{validation}");
    assert_eq!(validation["first_report"], "2022-02-25");
    assert_eq!(validation["last_report"], "2026-08-08");
    assert_eq!(validation["gaps"].as_array().map(Vec::len), Some(0));

    let figure = personnel_september_2024(&store.db, "russianwarship");
    assert_eq!(figure["total"], 38130, "{figure}");
    assert_eq!(figure["convention"], "loss-day");
    let tanks = attrition(&store.db, ["--json", "total", "tanks", "--period", "2024-Q3", "--source", "russianwarship"])
        .run()
        .json();
    assert_eq!(tanks["figures"][0]["total"], 784, "{tanks}");
    assert_eq!(tanks["figures"][0]["cumulative_end"], 8883, "{tanks}");

    // Again: the same pages, nothing changes.
    let before = stored_data(&store.db);
    let out = attrition(&store.db, ["--quiet", "sync", "--source", "russianwarship", "--base-url", &base]).run().ok();
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(stored_data(&store.db), before);
}

#[test]
fn api_paging_stops_at_an_empty_page_when_the_last_page_is_full() {
    let server = Server::start();
    let store = empty_store();
    let prefix = "/fault/records-1600/all/api/v2";
    let json = attrition(
        &store.db,
        ["--quiet", "--json", "sync", "--source", "russianwarship", "--base-url", &server.url(prefix)],
    )
    .run()
    .json();
    // 32 full pages, then one past the end with no records.
    assert_eq!(server.requests(), api_requests(prefix, 1600));
    assert_eq!(server.requests().len(), 33);
    assert_eq!(json["files"].as_array().map(Vec::len), Some(32));
    assert_eq!(json["data_versions"][0]["last_report"], "2026-07-13");
    let status = attrition(&store.db, ["--json", "status", "--source", "russianwarship"]).run().json();
    assert_eq!(status["sources"][0]["validation"]["reports"], 1600);
}

#[test]
fn both_upstreams_side_by_side_agree() {
    let server = Server::start();
    let store = empty_store();
    attrition(&store.db, ["--quiet", "sync", "--base-url", &server.url("/data")]).run().ok();
    attrition(&store.db, ["--quiet", "sync", "--source", "russianwarship", "--base-url", &server.url("/api/v2")])
        .run()
        .ok();
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    let mut sources: Vec<String> = status["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["summary"]["source"].as_str().map(str::to_owned))
        .collect();
    sources.sort();
    assert_eq!(sources, ["petroivaniuk", "russianwarship"]);
    for source in ["petroivaniuk", "russianwarship"] {
        let args = ["--json", "total", "uav", "--period", "2026-W10", "--source", source];
        let json = attrition(&store.db, args).run().json();
        assert_eq!(json["figures"][0]["total"], 13471, "{source}: {json}");
    }
}

#[test]
fn unreachable_upstream_fails_fast_and_points_to_import() {
    let store = empty_store();
    let url = dead_url("/data");
    let started = std::time::Instant::now();
    let err =
        attrition(&store.db, ["--quiet", "sync", "--retries", "0", "--timeout", "2", "--base-url", &url]).run().fails();
    assert!(err.contains("cannot reach") && err.contains("import"), "{err}");
    assert!(err.contains(&format!("{url}/russia_losses_personnel.json")), "{err}");
    assert!(err.contains("the store is unchanged"), "{err}");
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());

    let url = dead_url("/api/v2");
    let err = attrition(
        &store.db,
        ["--quiet", "sync", "--source", "russianwarship", "--retries", "0", "--timeout", "2", "--base-url", &url],
    )
    .run()
    .fails();
    assert!(err.contains("cannot reach") && err.contains(&format!("{url}/statistics?offset=0&limit=50")), "{err}");
    let status = attrition(&store.db, ["--json", "status"]).run().json();
    assert_eq!(status["sources"].as_array().map(Vec::len), Some(0), "{status}");
}

#[test]
fn server_errors_are_retried_but_not_found_is_not() {
    let server = Server::start();
    let store = empty_store();
    let prefix = "/fault/503/all/data";
    let err = attrition(
        &store.db,
        ["--quiet", "sync", "--retries", "1", "--timeout", "2", "--base-url", &server.url(prefix)],
    )
    .run()
    .fails();
    assert!(err.contains("HTTP 503"), "{err}");
    assert_eq!(server.requests(), vec![format!("{prefix}/russia_losses_personnel.json"); 2]);

    let server = Server::start();
    let prefix = "/fault/404/all/data";
    let err = attrition(
        &store.db,
        ["--quiet", "sync", "--retries", "1", "--timeout", "2", "--base-url", &server.url(prefix)],
    )
    .run()
    .fails();
    assert!(err.contains("HTTP 404") && err.contains("--base-url"), "{err}");
    assert_eq!(server.requests(), [format!("{prefix}/russia_losses_personnel.json")]);
}

#[test]
fn the_mirror_serves_the_shared_files_byte_for_byte() {
    // A guard on the test server itself, spoken to over a bare socket.
    use std::io::{Read, Write};
    let server = Server::start();
    let on_disk = std::fs::read(general_staff_dir().join("russia_losses_personnel.json")).expect("shared file");
    let mut stream = std::net::TcpStream::connect(server.url("").trim_start_matches("http://")).expect("connect");
    stream.write_all(b"GET /data/russia_losses_personnel.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("end of head") + 4;
    let head = String::from_utf8_lossy(&answer[..split]);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains(&format!("Content-Length: {}\r\n", on_disk.len())), "{head}");
    assert!(head.contains("Connection: close\r\n"), "{head}");
    assert!(answer[split..] == on_disk[..], "served bytes differ from the shared file");
    assert_eq!(server.requests(), ["/data/russia_losses_personnel.json"]);
}
