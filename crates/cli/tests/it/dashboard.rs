//! The dashboard in a real browser: `attrition serve` on 127.0.0.1 with the real data, then
//! `crates/server/tests/browser/dashboard.mjs` (Node, playwright-core, Debian's Chromium) loads
//! the page and checks it: no console or page errors, no request to another host, every chart
//! drawn, the category picker redraws, pasted claims get verdicts, and a full-page screenshot.
//!
//! Needs `/usr/bin/chromium` and `node`; it runs `npm ci --prefix crates/server/tests/browser`
//! itself when playwright-core is missing, and `.ci/run` installs all three. Without them this
//! test fails and says so: it never passes without a browser.

use crate::harness::{attrition, empty_store, general_staff_dir};
use crate::serving::Serving;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
/// How long the browser check may take.
const RUN_LIMIT: Duration = Duration::from_secs(300);
const SETUP: &str = "run .ci/run, or install them by hand: `sudo apt-get install chromium` and \
                     `npm ci --prefix crates/server/tests/browser`";

/// `crates/server/tests/browser`.
fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/tests/browser")
}

/// A child process that is killed and reaped when dropped, whatever happened before.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Fails, with the way out, when Chromium, Node or playwright-core is missing.
fn require_browser() {
    let mut missing = Vec::new();
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} is missing"));
    }
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        _ => missing.push("`node` is not on PATH".to_owned()),
    }
    let playwright = browser_dir().join("node_modules/playwright-core/package.json");
    if !playwright.exists() && missing.is_empty() {
        // The exact version in package-lock.json, from the npm registry.
        let _ = Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(browser_dir()).status();
    }
    if !playwright.exists() {
        missing.push(format!("{} is missing", playwright.display()));
    }
    assert!(missing.is_empty(), "the browser test cannot run: {}; {SETUP}", missing.join("; "));
}

/// Runs `node dashboard.mjs URL OUTDIR` with a time limit; returns (exit code, stdout, stderr).
fn run_browser_check(url: &str, outdir: &Path, scratch: &Path) -> (Option<i32>, String, String) {
    let (out_path, err_path) = (scratch.join("node.stdout"), scratch.join("node.stderr"));
    let child = Command::new("node")
        .current_dir(browser_dir())
        .arg("dashboard.mjs")
        .arg(url)
        .arg(outdir)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("node stdout file"))
        .stderr(File::create(&err_path).expect("node stderr file"))
        .spawn()
        .expect("start node");
    let mut node = KillOnDrop(child);
    let started = Instant::now();
    let code = loop {
        if let Some(status) = node.0.try_wait().expect("wait for node") {
            break status.code();
        }
        if started.elapsed() > RUN_LIMIT {
            break None;
        }
        thread::sleep(Duration::from_millis(200));
    };
    drop(node);
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    (code, read(&out_path), read(&err_path))
}

#[test]
fn the_dashboard_works_in_a_real_browser() {
    require_browser();

    let store = empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(&general_staff_dir()).run().ok();
    attrition(&store.db, ["--quiet", "import"]).path(&general_staff_dir().join("../economist")).run().ok();

    let server = Serving::start(&store.db, &[]);
    let url = format!("http://{}", server.addr);

    // The screenshot is kept (target/tmp/dashboard/dashboard.png) so a person can look at it.
    let outdir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard");
    let _ = std::fs::remove_dir_all(&outdir);
    std::fs::create_dir_all(&outdir).expect("screenshot directory");

    let (code, stdout, stderr) = run_browser_check(&url, &outdir, store.dir.path());
    drop(server);
    assert_eq!(
        code,
        Some(0),
        "the browser check failed (exit {code:?}; None = killed after {RUN_LIMIT:?})\n\
         stderr:\n{stderr}\nstdout:\n{stdout}"
    );

    let summary: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("the check printed no JSON summary ({e}):\n{stdout}"));
    assert_eq!(summary["ok"], true, "{summary:#}");
    assert_eq!(summary["failures"].as_array().map(Vec::len), Some(0), "{summary:#}");
    assert_eq!(summary["foreign_requests"].as_array().map(Vec::len), Some(0), "{summary:#}");
    for chart in ["daily-chart", "monthly-chart", "forecast-chart", "assessments-chart"] {
        assert!(summary["charts"][chart]["saturated"].as_u64().unwrap_or(0) >= 100, "{chart} blank: {summary:#}");
    }
    assert_eq!(summary["claims"]["verdicts"][0], "supported", "{summary:#}");
    assert_eq!(summary["claims"]["marks"][0], "38,130 troops in September", "{summary:#}");
    assert_ne!(summary["category_change"]["hash_before"], summary["category_change"]["hash_after"], "{summary:#}");

    let screenshot = outdir.join("dashboard.png");
    let png = std::fs::read(&screenshot).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", screenshot.display()));
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 50_000,
        "{} is not a full-page PNG",
        screenshot.display()
    );
}
