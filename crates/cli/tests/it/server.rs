//! A real HTTP/1.1 server on 127.0.0.1 for the `sync` tests, on `std::net` and one thread per
//! connection. It serves
//!
//! - `/data/NAME`: the shared PetroIvaniuk files, byte for byte;
//! - `/api/v2/statistics?offset=O&limit=L`: russianwarship.rip API v2 pages built from the same
//!   files (see [`api_records`]);
//! - `/fault/KIND/WHEN/REST`: the answer for `/REST`, spoiled as KIND says, for requests whose
//!   target contains WHEN (`all`: every request); other requests get the plain answer.
//!
//! Every answer is `Connection: close` with a `Content-Length`. Every request target is logged,
//! so tests can check what was asked and in which order. Dropping the [`Server`] stops it.

use crate::harness::general_staff_dir;
use serde_json::{Map, Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

/// How long a stalled answer stays silent: far beyond any client timeout the tests use.
const STALL: Duration = Duration::from_secs(30);

/// A running server; stops accepting when dropped.
pub struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Binds 127.0.0.1 on a free port and serves in the background.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let stop: Arc<AtomicBool> = Arc::default();
        let (thread_log, thread_stop) = (Arc::clone(&log), Arc::clone(&stop));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if thread_stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let log = Arc::clone(&thread_log);
                thread::spawn(move || serve(stream, &log));
            }
        });
        Server { addr, log, stop }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The request targets (path and query) received so far, in order of arrival.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().expect("request log").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag; failure means it is gone already.
        drop(TcpStream::connect(self.addr));
    }
}

/// A URL on 127.0.0.1 where nothing listens: a port that was free a moment ago.
pub fn dead_url(path: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let port = listener.local_addr().expect("local address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}{path}")
}

/// What to send back.
enum Reply {
    /// A complete answer.
    Full { status: u16, content_type: &'static str, body: Vec<u8> },
    /// Headers announcing `body`, then only its first half, then the connection is closed.
    Short { body: Vec<u8> },
    /// Headers announcing `body`, then only its first half, then silence.
    StallBody { body: Vec<u8> },
    /// Nothing at all for a long time.
    Stall,
}

fn serve(stream: TcpStream, log: &Mutex<Vec<String>>) {
    let Ok(reading) = stream.try_clone() else { return };
    let mut reader = BufReader::new(reading);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    // The rest of the head; a GET has no body.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("").to_owned();
    log.lock().expect("request log").push(target.clone());
    // A failed write means the client gave up (as it should on a stall): nothing to do.
    drop(send(stream, reply(&target)));
}

fn send(mut stream: TcpStream, reply: Reply) -> std::io::Result<()> {
    let head = |status: u16, content_type: &str, length: usize| {
        let reason = match status {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            _ => "Whatever",
        };
        format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
        )
    };
    match reply {
        Reply::Full { status, content_type, body } => {
            stream.write_all(head(status, content_type, body.len()).as_bytes())?;
            stream.write_all(&body)?;
        }
        Reply::Short { body } => {
            stream.write_all(head(200, "application/json", body.len()).as_bytes())?;
            stream.write_all(&body[..body.len() / 2])?;
        }
        Reply::StallBody { body } => {
            stream.write_all(head(200, "application/json", body.len()).as_bytes())?;
            stream.write_all(&body[..body.len() / 2])?;
            stream.flush()?;
            thread::sleep(STALL);
        }
        Reply::Stall => thread::sleep(STALL),
    }
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Write)
}

fn text(status: u16, body: &str) -> Reply {
    Reply::Full { status, content_type: "text/plain", body: body.as_bytes().to_vec() }
}

fn json_reply(body: Vec<u8>) -> Reply {
    Reply::Full { status: 200, content_type: "application/json", body }
}

/// The answer to `target`, a fault route's or the plain one.
fn reply(target: &str) -> Reply {
    let Some(fault) = target.strip_prefix("/fault/") else { return plain(target, None) };
    let mut parts = fault.splitn(3, '/');
    let (Some(kind), Some(when), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return text(400, "fault routes are /fault/KIND/WHEN/REST");
    };
    let rest = format!("/{rest}");
    if when != "all" && !rest.contains(when) {
        return plain(&rest, None);
    }
    if let Ok(status) = kind.parse::<u16>() {
        return text(status, &format!("status {status} on purpose"));
    }
    if let Some(count) = kind.strip_prefix("records-") {
        return plain(&rest, Some(count.parse().expect("records-N")));
    }
    match kind {
        "html" => Reply::Full {
            status: 200,
            content_type: "text/html",
            body: b"<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>\n"
                .to_vec(),
        },
        "stall" => Reply::Stall,
        "stall-body" | "short" | "truncate" => {
            let Reply::Full { status: 200, body, .. } = plain(&rest, None) else { return text(404, "nothing to spoil") };
            match kind {
                "stall-body" => Reply::StallBody { body },
                "short" => Reply::Short { body },
                _ => json_reply(body[..body.len() / 2].to_vec()),
            }
        }
        "unknown-key" => {
            let Reply::Full { status: 200, body, .. } = plain(&rest, None) else { return text(404, "nothing to spoil") };
            let mut value: Value = serde_json::from_slice(&body).expect("served JSON");
            let first = match &mut value {
                Value::Array(rows) => rows.first_mut(),
                other => other.pointer_mut("/data/records/0/stats"),
            };
            if let Some(Value::Object(first)) = first {
                first.insert("zeppelins".into(), json!(3));
            }
            json_reply(serde_json::to_vec(&value).expect("JSON"))
        }
        _ => text(400, &format!("unknown fault kind {kind:?}")),
    }
}

/// The plain answer; `records` limits the API series to its first records.
fn plain(target: &str, records: Option<usize>) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if let Some(name) = path.strip_prefix("/data/") {
        if name.contains('/') || name.starts_with('.') {
            return text(404, "no such file");
        }
        return match std::fs::read(general_staff_dir().join(name)) {
            Ok(bytes) => json_reply(bytes),
            Err(_) => text(404, "no such file"),
        };
    }
    if let Some(name) = path.strip_prefix("/oryx/") {
        if name.contains('/') || name.starts_with('.') {
            return text(404, "no such file");
        }
        return match std::fs::read(general_staff_dir().join("../oryx").join(name)) {
            Ok(bytes) => Reply::Full { status: 200, content_type: "text/csv", body: bytes },
            Err(_) => text(404, "no such file"),
        };
    }
    if let Some(name) = path.strip_prefix("/economist/") {
        // The Economist's repository layout: source-data/FILE and output-data/FILE.
        let allowed = name.split_once('/').is_some_and(|(dir, file)| {
            matches!(dir, "source-data" | "output-data") && !file.contains('/') && !file.starts_with('.')
        });
        if !allowed {
            return text(404, "no such file");
        }
        return match std::fs::read(general_staff_dir().join("../economist").join(name)) {
            Ok(bytes) => Reply::Full { status: 200, content_type: "text/csv", body: bytes },
            Err(_) => text(404, "no such file"),
        };
    }
    if path == "/api/v2/statistics" {
        let mut offset = 0;
        let mut limit = 50;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=').map(|(k, v)| (k, v.parse::<usize>())) {
                Some(("offset", Ok(n))) => offset = n,
                Some(("limit", Ok(n))) if n > 0 => limit = n,
                _ => return text(400, &format!("bad query parameter {pair:?}")),
            }
        }
        let all = api_records();
        let all = &all[..records.unwrap_or(all.len()).min(all.len())];
        return json_reply(serde_json::to_vec(&api_page(all, offset, limit)).expect("JSON"));
    }
    text(404, "no such route")
}

/// One API v2 page: `limit` records from `offset`, empty past the end.
pub fn api_page(records: &[Value], offset: usize, limit: usize) -> Value {
    let page: Vec<Value> = records.iter().skip(offset).take(limit).cloned().collect();
    json!({
        "message": "The data were fetched successfully.",
        "data": {
            "records": page,
            "paginator": {
                "total": records.len(),
                "per_page": limit,
                "current_page": offset / limit + 1,
                "last_page": records.len().div_ceil(limit),
                "offset": offset,
            },
        },
    })
}

/// PetroIvaniuk key → API v2 key. `military auto` + `fuel tank` are summed into
/// `vehicles_fuel_tanks`; `ground robotic systems` and `POW` have no API key.
const API_KEYS: [(&str, &str); 15] = [
    ("personnel", "personnel_units"),
    ("tank", "tanks"),
    ("APC", "armoured_fighting_vehicles"),
    ("field artillery", "artillery_systems"),
    ("MRL", "mlrs"),
    ("anti-aircraft warfare", "aa_warfare_systems"),
    ("aircraft", "planes"),
    ("helicopter", "helicopters"),
    ("vehicles and fuel tanks", "vehicles_fuel_tanks"),
    ("naval ship", "warships_cutters"),
    ("cruise missiles", "cruise_missiles"),
    ("drone", "uav_systems"),
    ("special equipment", "special_military_equip"),
    ("mobile SRBM system", "atgm_srbm_systems"),
    ("submarines", "submarines"),
];

/// The whole series as API v2 records, in date order, built once from the shared personnel and
/// equipment files: `stats` holds the cumulative values, `increase` the change from the
/// previous record (from zero for the first report carrying a category).
pub fn api_records() -> &'static [Value] {
    static RECORDS: OnceLock<Vec<Value>> = OnceLock::new();
    RECORDS.get_or_init(build_api_records)
}

fn read_rows(name: &str) -> Vec<Map<String, Value>> {
    let bytes = std::fs::read(general_staff_dir().join(name)).expect("shared data file");
    serde_json::from_slice(&bytes).expect("shared data file is a JSON array of objects")
}

fn build_api_records() -> Vec<Value> {
    let personnel = read_rows("russia_losses_personnel.json");
    let equipment = read_rows("russia_losses_equipment.json");
    let mut rows: std::collections::BTreeMap<String, Map<String, Value>> = Default::default();
    for row in personnel.into_iter().chain(equipment) {
        let date = row["date"].as_str().expect("date").to_owned();
        rows.entry(date).or_default().extend(row);
    }
    let mut previous: Map<String, Value> = Map::new();
    let mut records = Vec::with_capacity(rows.len());
    for (date, row) in rows {
        let mut stats = Map::new();
        for (from, to) in API_KEYS {
            if let Some(value) = row.get(from) {
                stats.insert(to.into(), value.clone());
            }
        }
        if let (Some(auto), Some(fuel)) = (row.get("military auto"), row.get("fuel tank")) {
            let sum = auto.as_i64().expect("military auto") + fuel.as_i64().expect("fuel tank");
            stats.insert("vehicles_fuel_tanks".into(), json!(sum));
        }
        let increase: Map<String, Value> = stats
            .iter()
            .map(|(key, value)| {
                let before = previous.get(key).and_then(Value::as_i64).unwrap_or(0);
                (key.clone(), json!(value.as_i64().expect("whole number") - before))
            })
            .collect();
        records.push(json!({
            "date": date,
            "day": row["day"],
            "resource": format!("https://www.zsu.gov.ua/news/losses-{date}"),
            "stats": stats,
            "increase": increase,
        }));
        previous = stats;
    }
    records
}
