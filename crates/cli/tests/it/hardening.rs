//! `attrition serve` as a real process under the conditions a public server meets: another
//! process importing into the store it serves, clients that dribble, hog or overload it, and a
//! SIGTERM with requests half sent.

use crate::harness::{attrition, empty_store, general_staff_dir, shared_store};
use crate::serving::Serving;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Polls `/healthz` until `done` holds (at most `limit`); the body that satisfied it.
fn wait_for(
    serving: &Serving,
    limit: Duration,
    done: impl Fn(&serde_json::Value) -> bool,
) -> Option<serde_json::Value> {
    let started = Instant::now();
    while started.elapsed() < limit {
        let health = serving.get("/healthz").json();
        if done(&health) {
            return Some(health);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn the_server_serves_an_import_by_another_process_within_a_second() {
    let store = empty_store();
    // The personnel file without its last eight reports, then the whole data by another process.
    let personnel = general_staff_dir().join("russia_losses_personnel.json");
    let mut rows: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&personnel).unwrap()).expect("the personnel file is JSON");
    rows.truncate(rows.len() - 8);
    let older = store.dir.path().join("older");
    std::fs::create_dir_all(&older).unwrap();
    std::fs::write(older.join("russia_losses_personnel.json"), serde_json::to_vec(&rows).unwrap()).unwrap();
    attrition(&store.db, ["--quiet", "import"]).path(&older).run().ok();

    let serving = Serving::start(&store.db, &[]);
    let before = serving.json("/healthz");
    assert_eq!(before["last_report"], "2026-07-31", "{before}");
    assert_eq!(before["generation"], 1, "{before}");
    let total = serving.json("/api/v1/totals/personnel?period=2026-07");
    assert_eq!(total["meta"]["generation"], 1);

    // Requests keep coming while the import commits and the snapshot is swapped: none fails.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, addr) = (std::sync::Arc::clone(&stop), serving.addr);
        std::thread::spawn(move || {
            let mut statuses = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let mut stream = TcpStream::connect(addr).unwrap();
                write!(
                    stream,
                    "GET /api/v1/totals/personnel?period=2024-09 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut answer = String::new();
                let _ = stream.read_to_string(&mut answer);
                statuses.push(answer.get(9..12).unwrap_or("---").to_owned());
            }
            statuses
        })
    };
    attrition(&store.db, ["--quiet", "import"]).path(&general_staff_dir()).run().ok();
    let committed = Instant::now();
    let after = wait_for(&serving, Duration::from_secs(5), |h| h["last_report"] == "2026-08-08")
        .expect("the server sees the import within 5 s");
    let visible = committed.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let statuses = reader.join().unwrap();
    assert!(!statuses.is_empty() && statuses.iter().all(|s| s == "200"), "{statuses:?}");
    eprintln!("import committed -> served: {} ms (after the importing process exited)", visible.as_millis());
    assert!(visible < Duration::from_millis(1500), "seen after {visible:?}");
    // the import commits its data and then the calibrations it keeps: one reload or two
    assert!(after["generation"].as_u64().is_some_and(|g| g >= 2), "{after}");
    assert_eq!(after["data_version"], "petroivaniuk report of 2026-08-08", "{after}");
    // The new figures, with the generation in meta and in the header.
    let response = serving.get("/api/v1/totals/personnel?period=2026-07");
    assert_eq!(response.status, 200, "{}", response.text());
    assert!(response.header("x-attrition-generation").is_some_and(|g| g != "1"));
    let total = response.json();
    assert_eq!(total["meta"]["last_report"], "2026-08-08");
    assert!(total["meta"]["generation"].as_u64().is_some_and(|g| g >= 2), "{total}");
    // Nothing changed: no reload.
    std::thread::sleep(Duration::from_millis(600));
    let settled = serving.json("/healthz")["generation"].clone();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(serving.json("/healthz")["generation"], settled);
}

#[test]
fn sigterm_exits_within_the_shutdown_deadline_with_a_request_half_sent() {
    let serving = Serving::start(shared_store(), &["--shutdown-timeout", "1", "--header-timeout", "60"]);
    let mut half = TcpStream::connect(serving.addr).unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut idle = TcpStream::connect(serving.addr).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    assert_eq!(serving.terminate(), Some(0), "SIGTERM ends serve with status 0");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "exited after {took:?}");
    let mut rest = Vec::new();
    idle.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    assert_eq!(idle.read_to_end(&mut rest).ok(), Some(0), "the idle connection is closed");
}

#[test]
fn slow_clients_and_too_many_connections_are_cut_off_and_the_server_recovers() {
    let serving =
        Serving::start(shared_store(), &["--max-connections", "3", "--header-timeout", "0.5", "--idle-timeout", "1"]);
    // Slowloris: the head never ends; the connection is closed after 0.5 s.
    let mut slow = TcpStream::connect(serving.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a").unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let cut = started.elapsed();
    assert!(rest.is_empty() && cut < Duration::from_secs(2), "cut after {cut:?}: {rest:?}");
    // Three connections held open; a fourth is answered 503 at once.
    let held: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(serving.addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(100));
    let refused = serving.get("/healthz");
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert!(refused.error(503, None).contains("--max-connections"));
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(serving.json("/healthz")["status"], "ok");
}

#[test]
fn a_claim_check_past_the_text_limit_is_413_naming_it() {
    let serving = Serving::start(shared_store(), &["--max-claim-text", "2000"]);
    let text = "Russia lost 1,000 soldiers yesterday, the General Staff said. ".repeat(40);
    let body = serde_json::json!({"text": text, "date": "2024-10-01"}).to_string();
    let response =
        serving.request("POST", "/api/v1/claims/check", &[("Content-Type", "application/json")], body.as_bytes());
    let message = response.error(413, Some("text"));
    assert!(message.contains("at most 2000 bytes") && message.contains("--max-claim-text"), "{message}");
    let short =
        serde_json::json!({"text": "Russia lost 1,270 soldiers in the past day.", "date": "2024-10-01"}).to_string();
    let response =
        serving.request("POST", "/api/v1/claims/check", &[("Content-Type", "application/json")], short.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
}
