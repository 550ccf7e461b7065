//! `attrition serve` on 127.0.0.1 with the real data: the figures agree with the command line
//! and with hand-checked values, every answer names its data version and convention, the
//! OpenAPI document matches what the server does, hostile requests get JSON 4xx answers and the
//! server keeps serving, writes need the token and leave the store unchanged when they fail.

use crate::harness::{HEADER_REGISTRY, empty_store, fingerprint, imported_store, shared_store};
use crate::server::Server;
use crate::serving::{Serving, cli_json};
use serde_json::{Value, json};

/// A read-only server on the shared store. Each test starts its own and stops it when done: a
/// server held in a static would outlive the test process and keep its output pipes open.
fn shared() -> Serving {
    Serving::start(shared_store(), &[])
}

#[test]
fn figures_are_the_hand_checked_ones_under_both_conventions() {
    let s = shared();
    let september = s.json("/api/v1/totals/personnel?period=2024-09");
    assert_eq!(september["figure"]["total"], 38_130);
    assert_eq!(september["figure"]["daily_average"], 1_271.0);
    assert_eq!(september["figure"]["cumulative_end"], 654_430);
    assert_eq!(september["meta"]["convention"], "loss-day");
    let report_day = s.json("/api/v1/totals/personnel?period=2024-09&convention=report-day");
    assert_eq!(report_day["figure"]["total"], 38_110);
    assert_eq!(report_day["meta"]["convention"], "report-day");
    // What was known when September ended: the second-highest of 31 complete months.
    let then = s.json("/api/v1/totals/personnel?period=2024-09&as_of=2024-10-01");
    assert_eq!(then["rank"]["rank"], 2);
    assert_eq!(then["rank"]["of"], 31);
    assert_eq!(then["meta"]["data_version"], "petroivaniuk report of 2024-10-01");
    assert_eq!(then["meta"]["as_of"], "2024-10-01");

    let series = s.json("/api/v1/series/personnel?from=2024-09-24&to=2024-09-30");
    let rows = series["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let last = &rows[6];
    assert_eq!(last["day"], "2024-09-30");
    assert_eq!(last["report_date"], "2024-10-01");
    assert_eq!(last["published"], 1_370);
    assert_eq!(last["total"], 1_370);
    assert_eq!(last["cumulative"], 654_430);
    // 9,280 over the last 7 days (README's briefing); 38,130 over 30.
    assert!((last["averages"][0].as_f64().unwrap() - 9_280.0 / 7.0).abs() < 1e-9, "{last}");
    assert!((last["averages"][1].as_f64().unwrap() - 1_271.0).abs() < 1e-9, "{last}");
}

#[test]
fn the_api_answers_what_the_command_line_prints() {
    let s = shared();
    let db = shared_store();
    let ranking = s.json("/api/v1/rankings/tanks?by=quarter&as_of=2025-01-01");
    let cli = cli_json(db, &["rank", "tanks", "--by", "quarter", "--as-of", "2025-01-01"]);
    assert_eq!(ranking["ranking"]["periods"], cli["periods"]);
    assert_eq!(ranking["ranking"]["ranked"], cli["ranked"]);

    let records = s.json("/api/v1/records/artillery?convention=report-day");
    let cli = cli_json(db, &["records", "artillery", "--convention", "report-day"]);
    assert_eq!(records["records"], cli["records"][0]);
    assert_eq!(records["records"]["day"]["total"], 122, "artillery's record day, 2025-03-28");

    let summary = s.json("/api/v1/summary?as_of=2024-10-01");
    let cli = cli_json(db, &["report", "--offline", "--as-of", "2024-10-01"]);
    assert_eq!(summary["briefing"]["categories"], cli["categories"]);
    assert_eq!(summary["briefing"]["latest_report"], "2024-10-01");
    assert_eq!(summary["outlook"], cli["outlook"]);
    assert_eq!(summary["outlook"]["threshold"], 700_000);

    let path = "/api/v1/forecast/personnel?as_of=2024-09-28&reach=750000&by=2024-12-31&model=local-level";
    let forecast = s.json(path);
    let cli = cli_json(
        db,
        &[
            "forecast",
            "personnel",
            "--as-of",
            "2024-09-28",
            "--reach",
            "750000",
            "--by",
            "2024-12-31",
            "--model",
            "local-level",
        ],
    );
    assert_eq!(forecast["forecast"]["crossing"], cli["crossing"]);
    assert_eq!(forecast["forecast"]["path"], cli["path"]);
    // METHODS.md §4's hindsight figure, and what happened.
    let probability = forecast["forecast"]["crossing"]["by"][1].as_f64().unwrap();
    assert!((probability - 0.902_987).abs() < 5e-7, "{probability}");
    assert_eq!(forecast["forecast"]["crossing"]["actual"]["day"], "2024-12-05");

    let assessments = s.json("/api/v1/assessments?search=BBC&side=russia");
    let cli = cli_json(db, &["sources", "--search", "BBC", "--side", "russia"]);
    assert_eq!(assessments["assessments"], cli["assessments"]);
    assert!(!assessments["assessments"].as_array().unwrap().is_empty());
}

#[test]
fn every_answer_names_its_data_version_and_convention_and_csv_matches_json() {
    let s = shared();
    for target in [
        "/api/v1/categories",
        "/api/v1/summary",
        "/api/v1/series/uav?from=2025-01-01&to=2025-01-31",
        "/api/v1/totals/tanks?period=2024",
        "/api/v1/rankings/personnel?by=year",
        "/api/v1/records/personnel",
        "/api/v1/forecast/tanks?horizon=14",
        "/api/v1/assessments",
    ] {
        let response = s.get(target);
        assert_eq!(response.status, 200, "{target}: {}", response.text());
        let version = response.header("x-attrition-data-version").unwrap_or_default().to_owned();
        assert_eq!(version, "petroivaniuk report of 2026-08-08", "{target}");
        assert!(response.header("x-attrition-convention").is_some(), "{target}");
        let body = response.json();
        assert_eq!(body["meta"]["data_version"], version.as_str(), "{target}");
        assert!(body["meta"]["convention"].is_string(), "{target}");
        assert!(body["meta"]["source_description"].as_str().unwrap().contains("General Staff"), "{target}");
    }
    for (target, rows_of) in [
        ("/api/v1/series/personnel?from=2024-09-01&to=2024-09-30&convention=report-day", "/rows"),
        ("/api/v1/rankings/personnel?by=month&order=time&include_partial=true", "/ranking/periods"),
        ("/api/v1/forecast/personnel?horizon=30", "/forecast/path"),
        ("/api/v1/assessments", "/assessments"),
    ] {
        let json_rows = s.json(target).pointer(rows_of).and_then(Value::as_array).map(Vec::len).unwrap();
        let csv = s.get(&format!("{target}&format=csv").replace("assessments&", "assessments?"));
        assert_eq!(csv.status, 200, "{target}: {}", csv.text());
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"), "{target}");
        assert!(csv.header("content-disposition").unwrap().contains("2026-08-08.csv"), "{target}");
        assert!(csv.header("x-attrition-data-version").is_some(), "{target}");
        let mut reader = csv::Reader::from_reader(csv.body.as_slice());
        assert_eq!(reader.records().count(), json_rows, "{target}");
    }
    let csv = s.get("/api/v1/series/personnel?from=2024-09-30&to=2024-09-30&convention=report-day&format=csv").text();
    assert_eq!(
        csv,
        "day,report_date,cumulative,published,correction,net,total,average_7_days,average_30_days\n\
         2024-09-30,2024-09-30,653060,1250,0,1250,1250,1330.00,1270.33\n"
    );
}

/// Checks `value` against the OpenAPI `schema` (the subset the document uses).
fn validate(value: &Value, schema: &Value, doc: &Value, at: &str) -> Result<(), String> {
    if value.is_null() && schema["nullable"] == true {
        return Ok(());
    }
    if let Some(all) = schema["allOf"].as_array() {
        return all.iter().try_for_each(|sub| validate(value, sub, doc, at));
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = doc.pointer(reference.trim_start_matches('#')).ok_or(format!("{at}: dangling {reference}"))?;
        return validate(value, target, doc, at);
    }
    if value.is_null() {
        return if schema.get("type").is_none() {
            Ok(())
        } else {
            Err(format!("{at}: null where the schema does not allow it"))
        };
    }
    let ok = match schema["type"].as_str() {
        None => true,
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some(other) => return Err(format!("{at}: unknown type {other}")),
    };
    if !ok {
        return Err(format!("{at}: {value} is not {}", schema["type"]));
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} not in {allowed:?}"));
    }
    for name in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if value.get(name).is_none() {
            return Err(format!("{at}: missing required {name}"));
        }
    }
    if let Some(properties) = schema["properties"].as_object() {
        for (name, sub) in properties {
            if let Some(v) = value.get(name) {
                validate(v, sub, doc, &format!("{at}.{name}"))?;
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            validate(v, items, doc, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[test]
fn the_openapi_document_matches_the_server() {
    let s = shared();
    let doc = s.json("/api/v1/openapi.json");
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    let documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    for expected in [
        "/healthz",
        "/api/v1/openapi.json",
        "/api/v1/categories",
        "/api/v1/summary",
        "/api/v1/series/{category}",
        "/api/v1/totals/{category}",
        "/api/v1/rankings/{category}",
        "/api/v1/records/{category}",
        "/api/v1/forecast/{category}",
        "/api/v1/assessments",
        "/api/v1/claims/check",
        "/api/v1/sync",
    ] {
        assert!(documented.contains(&expected), "{expected} is not documented");
    }
    let mut checked = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            if method != "get" {
                // Every documented POST exists (answers something other than 404/405).
                let response = s.request(&method.to_uppercase(), path, &[], b"");
                assert!(![404, 405].contains(&response.status), "{method} {path}: {}", response.status);
                continue;
            }
            let params = operation["parameters"].as_array().unwrap();
            let mut base = path.clone();
            for p in params.iter().filter(|p| p["in"] == "path") {
                base = base.replace(&format!("{{{}}}", p["name"].as_str().unwrap()), p["example"].as_str().unwrap());
            }
            let schema = &operation["responses"]["200"]["content"]["application/json"]["schema"];
            // Without parameters (totals needs its period), then with each documented one.
            let mut targets = vec![if path.contains("totals") { format!("{base}?period=2024") } else { base.clone() }];
            for p in params.iter().filter(|p| p["in"] == "query") {
                let name = p["name"].as_str().unwrap();
                let Some(example) = p["example"].as_str() else { continue };
                if targets[0].contains(&format!("{name}=")) {
                    continue;
                }
                let mut target = format!(
                    "{}{name}={example}",
                    if targets[0].contains('?') { format!("{}&", targets[0]) } else { format!("{base}?") }
                );
                if name == "by" && path.contains("forecast") {
                    target.push_str("&reach=2M");
                }
                targets.push(target);
            }
            for target in targets {
                let response = s.get(&target);
                assert_eq!(response.status, 200, "GET {target}: {}", response.text());
                if target.contains("format=csv") {
                    assert!(
                        operation["responses"]["200"]["content"]["text/csv"].is_object(),
                        "{target}: CSV not documented"
                    );
                    assert_eq!(response.header("content-type"), Some("text/csv; charset=utf-8"));
                    continue;
                }
                validate(&response.json(), schema, &doc, &target).unwrap();
                checked += 1;
            }
            // An undocumented parameter is refused, naming it.
            let sep = if base.contains('?') { '&' } else { '?' };
            let refused = s.get(&format!("{base}{sep}undocumented=1"));
            refused.error(400, Some("undocumented"));
        }
    }
    assert!(checked >= 40, "only {checked} answers were validated");
    // The claims answer follows its schema too.
    let body = json!({"text": "Russia lost 38,130 troops in September, according to the General Staff.", "date": "2024-10-01"});
    let response =
        s.request("POST", "/api/v1/claims/check", &[("Content-Type", "application/json")], body.to_string().as_bytes());
    let schema =
        &doc["paths"]["/api/v1/claims/check"]["post"]["responses"]["200"]["content"]["application/json"]["schema"];
    validate(&response.json(), schema, &doc, "claims").unwrap();
}

#[test]
fn claims_are_checked_as_of_their_date() {
    let s = shared();
    let text =
        "Russia lost 38,130 troops in September, according to the General Staff. It also lost 200 tanks in September.";
    let body = json!({"text": text, "date": "2024-10-01"}).to_string();
    let response = s.request("POST", "/api/v1/claims/check", &[("Content-Type", "application/json")], body.as_bytes());
    assert_eq!(response.status, 200, "{}", response.text());
    let answer = response.json();
    assert_eq!(answer["meta"]["data_version"], "petroivaniuk report of 2024-10-01");
    let claims = answer["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2, "{answer}");
    assert_eq!(claims[0]["verdict"], "supported");
    assert_eq!(claims[0]["truth"], 38_130.0);
    assert_eq!(claims[1]["verdict"], "contradicted");
    assert_eq!(claims[1]["truth"], 291.0);
    // Spans are byte offsets into the text.
    let span = &claims[0]["claim"]["span"];
    let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    assert_eq!(&text[a..b], claims[0]["claim"]["quote"].as_str().unwrap());

    let post = |body: &[u8]| s.request("POST", "/api/v1/claims/check", &[("Content-Type", "application/json")], body);
    post(br#"{"text": "Russia lost 100 tanks."}"#).error(400, Some("body"));
    post(br#"{"text": "x", "date": "2024-10-01", "extra": 1}"#).error(400, Some("body"));
    post(b"not json").error(400, Some("body"));
    post(br#"{"text": "Russia lost 100 tanks.", "date": "2024-02-30"}"#).error(400, Some("date"));
    post(br#"{"text": "Russia lost 100 tanks.", "date": "2019-01-01"}"#).error(400, Some("date"));
    post(br#"{"text": "   ", "date": "2024-10-01"}"#).error(400, Some("text"));
    post(br#"{"text": "a\u0000b", "date": "2024-10-01"}"#).error(400, Some("text"));
    let huge = vec![b'a'; 2 << 20];
    post(&huge).error(413, Some("body"));
}

#[test]
fn hostile_requests_get_json_errors_and_the_server_keeps_serving() {
    let s = shared();
    let cases: &[(&str, u16, Option<&str>)] = &[
        ("/api/v1/series/personnel?as_of=2024-13-45", 400, Some("as_of")),
        ("/api/v1/series/personnel?as_of=yesterday", 400, Some("as_of")),
        ("/api/v1/series/personnel?from=2024-10-01&to=2024-09-01", 400, Some("from")),
        ("/api/v1/series/personnel?windows=0", 400, Some("windows")),
        ("/api/v1/series/personnel?windows=7,30,90,180,365", 400, Some("windows")),
        ("/api/v1/series/personnel?convention=lunar", 400, Some("convention")),
        ("/api/v1/series/personnel?net=maybe", 400, Some("net")),
        ("/api/v1/series/personnel?format=xml", 400, Some("format")),
        ("/api/v1/series/personnel?as_of=2024-01-01&as_of=2024-02-01", 400, Some("as_of")),
        ("/api/v1/series/personnel?AS_OF=2024-01-01", 400, Some("AS_OF")),
        ("/api/v1/series/dragons", 404, Some("category")),
        ("/api/v1/series/%00", 404, Some("category")),
        ("/api/v1/series/%ff%fe", 404, Some("category")),
        ("/api/v1/totals/personnel", 400, Some("period")),
        ("/api/v1/totals/personnel?period=2024-13", 400, Some("period")),
        ("/api/v1/totals/personnel?period=2031", 404, Some("period")),
        ("/api/v1/totals/personnel?from=2024-01-01", 400, Some("to")),
        ("/api/v1/rankings/personnel?by=fortnight", 400, Some("by")),
        ("/api/v1/rankings/personnel?top=0", 400, Some("top")),
        ("/api/v1/rankings/personnel?top=-1", 400, Some("top")),
        ("/api/v1/rankings/personnel?top=99999999999999999999999", 400, Some("top")),
        ("/api/v1/rankings/personnel?order=random", 400, Some("order")),
        ("/api/v1/forecast/personnel?horizon=0", 400, Some("horizon")),
        ("/api/v1/forecast/personnel?horizon=100000", 400, Some("horizon")),
        ("/api/v1/forecast/personnel?reach=lots", 400, Some("reach")),
        ("/api/v1/forecast/personnel?reach=-5", 400, Some("reach")),
        ("/api/v1/forecast/personnel?model=crystal-ball", 400, Some("model")),
        ("/api/v1/forecast/personnel?reach=2M&by=2020-01-01", 400, Some("by")),
        ("/api/v1/forecast/srbm_launchers", 400, Some("category")),
        ("/api/v1/assessments?metric=souls", 400, Some("metric")),
        ("/api/v1/assessments?side=mars", 400, Some("side")),
        ("/api/v1/assessments?origin=rumour", 400, Some("origin")),
        ("/api/v1/nothing", 404, None),
        ("/api/v2/summary", 404, None),
        ("/../../../../etc/passwd", 404, None),
        ("/%2e%2e/%2e%2e/etc/passwd", 404, None),
        ("/..%2f..%2fCargo.toml", 404, None),
        ("/vendor/../../Cargo.toml", 404, None),
        ("/healthz?verbose=1", 400, Some("verbose")),
    ];
    for (target, status, parameter) in cases {
        let response = s.get(target);
        let message = response.error(*status, *parameter);
        assert!(!message.is_empty(), "{target}");
    }
    let long = format!("/api/v1/summary?as_of={}", "9".repeat(5000));
    s.get(&long).error(400, Some("query"));
    // Wrong methods.
    for (method, target) in [
        ("DELETE", "/api/v1/summary"),
        ("PUT", "/api/v1/series/personnel"),
        ("POST", "/api/v1/summary"),
        ("GET", "/api/v1/claims/check"),
        ("PATCH", "/healthz"),
        ("POST", "/"),
    ] {
        s.request(method, target, &[], b"").error(405, None);
    }
    // Bytes no client should send: refused with a 4xx or the connection closed.
    for garbage in [
        &b"\x00\x01\x02\x03\r\n\r\n"[..],
        b"GET /healthz HTTP/9.9\r\n\r\n",
        b"GET /api/v1/summary HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"POST /api/v1/claims/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /api/v1/summary HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde",
    ] {
        let response = s.raw(garbage);
        let shown = String::from_utf8_lossy(garbage);
        assert!(response.status == 0 || (400..500).contains(&response.status), "{shown:?}: {}", response.status);
    }
    let huge_header = format!("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
    assert_eq!(s.raw(huge_header.as_bytes()).status, 431);
    // Still serving, with the same figures.
    assert_eq!(s.json("/healthz")["status"], "ok");
    assert_eq!(s.json("/api/v1/totals/personnel?period=2024-09")["figure"]["total"], 38_130);
}

#[test]
fn writes_need_the_token_and_failed_writes_change_nothing() {
    // Read-only by default.
    let store = imported_store();
    let read_only = Serving::start(&store.db, &[]);
    let csv = format!(
        "{HEADER_REGISTRY}\nmine-1,Our desk,2025-06-01,day,russia,killed,cumulative,2022-02-24,,,150000,170000,190000,range,our count,statistical,our newsletter,\n"
    );
    read_only.request("POST", "/api/v1/assessments", &[("Content-Type", "text/csv")], csv.as_bytes()).error(403, None);
    read_only.request("POST", "/api/v1/sync", &[], b"").error(403, None);
    drop(read_only);

    let token = "correct-horse-battery-staple";
    let serving = Serving::start(&store.db, &["--token", token]);
    let before = fingerprint(&store.db);
    let bearer = format!("Bearer {token}");
    let post = |body: &str, auth: &str| {
        serving.request(
            "POST",
            "/api/v1/assessments",
            &[("Content-Type", "text/csv"), ("Authorization", auth)],
            body.as_bytes(),
        )
    };
    post(&csv, "Bearer wrong-token-wrong-token").error(401, Some("authorization"));
    post(&csv, "").error(401, Some("authorization"));
    let bad =
        format!("{HEADER_REGISTRY}\nmine-2,X,2025-06-01,day,russia,souls,cumulative,,,,1,2,3,range,m,statistical,c,\n");
    let message = post(&bad, &bearer).error(400, Some("body"));
    assert!(message.contains("metric"), "{message}");
    assert_eq!(fingerprint(&store.db), before, "refused writes change nothing");

    let added = post(&csv, &bearer);
    assert_eq!(added.status, 200, "{}", added.text());
    assert_eq!(added.json()["added"], 1);
    let listed = serving.json("/api/v1/assessments?origin=user");
    assert_eq!(listed["assessments"].as_array().unwrap().len(), 1);
    assert_eq!(listed["assessments"][0]["assessment"]["organisation"], "Our desk");
}

#[test]
fn a_sync_through_the_api_fills_an_empty_store_from_the_upstream() {
    let upstream = Server::start();
    let store = empty_store();
    let token = "another-long-enough-token";
    let serving =
        Serving::start(&store.db, &["--token", token, "--upstream", &upstream.url("/fault/truncate/correction/data")]);
    assert_eq!(serving.get("/healthz").status, 503);
    serving.get("/api/v1/summary").error(503, None);
    let bearer = format!("Bearer {token}");
    let before = fingerprint(&store.db);
    let failed = serving.request("POST", "/api/v1/sync", &[("Authorization", &bearer)], b"");
    let message = failed.error(502, None);
    assert!(message.contains("the store is unchanged"), "{message}");
    assert_eq!(fingerprint(&store.db), before);
    drop(serving);

    let serving = Serving::start(&store.db, &["--token", token, "--upstream", &upstream.url("/data")]);
    let synced = serving.request("POST", "/api/v1/sync", &[("Authorization", &bearer)], b"");
    assert_eq!(synced.status, 200, "{}", synced.text());
    let health = serving.json("/healthz");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["last_report"], "2026-08-08");
    assert_eq!(serving.json("/api/v1/totals/personnel?period=2024-09")["figure"]["total"], 38_130);
}

#[test]
fn cors_is_off_unless_asked_and_sigterm_stops_the_server_cleanly() {
    let origin = [("Origin", "https://newsroom.example")];
    let plain = shared().request("GET", "/api/v1/categories", &origin, b"");
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("access-control-allow-origin"), None);

    let serving = Serving::start(shared_store(), &["--cors", "https://newsroom.example"]);
    let allowed = serving.request("GET", "/api/v1/categories", &origin, b"");
    assert_eq!(allowed.header("access-control-allow-origin"), Some("https://newsroom.example"));
    let other = serving.request("GET", "/api/v1/categories", &[("Origin", "https://elsewhere.example")], b"");
    assert_eq!(other.header("access-control-allow-origin"), None);
    assert_eq!(serving.terminate(), Some(0), "SIGTERM ends serve with status 0");
}

#[test]
fn serve_refuses_bad_settings() {
    let store = empty_store();
    let run = |args: &[&str]| {
        crate::harness::attrition(&store.db, std::iter::once("--quiet").chain(args.iter().copied())).run().fails()
    };
    assert!(run(&["serve", "--addr", "localhost"]).contains("--addr"));
    assert!(run(&["serve", "--token", "short"]).contains("--token"));
    assert!(run(&["serve", "--timeout", "0"]).contains("--timeout"));
    assert!(run(&["serve", "--addr", "127.0.0.1:0", "--cors", "bad\norigin"]).contains("--cors"));
}

#[test]
fn random_queries_never_get_a_server_error() {
    let s = shared();
    // A fixed linear congruential generator: the same 400 requests on every run.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let names =
        ["as_of", "from", "to", "period", "by", "top", "reach", "horizon", "model", "windows", "net", "format", "x"];
    let values = [
        "2024-09-30",
        "2022-02-24",
        "2030-01-01",
        "0",
        "-1",
        "1e9",
        "%00",
        "%ff",
        "2024-W53",
        "2024-Q5",
        "all",
        "true",
        "csv",
        "month",
        "1.5M",
        "7,30",
        "",
        "%20",
        "..%2f",
        "9999999999999999999999",
        "2024-02-29",
        "2023-02-29",
    ];
    let paths = [
        "series/personnel",
        "totals/tanks",
        "rankings/uav",
        "records/afv",
        "forecast/personnel",
        "summary",
        "categories",
        "assessments",
    ];
    for _ in 0..400 {
        let path = paths[next(paths.len())];
        let query: Vec<String> =
            (0..1 + next(3)).map(|_| format!("{}={}", names[next(names.len())], values[next(values.len())])).collect();
        let target = format!("/api/v1/{path}?{}", query.join("&"));
        let response = s.get(&target);
        assert!((200..500).contains(&response.status), "{target}: {} {}", response.status, response.text());
        assert!(response.header("content-type").is_some(), "{target}");
    }
    assert_eq!(s.json("/healthz")["status"], "ok");
}
