//! A small builder for running the real binary, plus fixtures: the shared data directory, a
//! temporary store with the real data imported, and a fingerprint of a store's contents.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/data/general-staff`, read in place.
pub fn general_staff_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/general-staff")
}

/// One invocation of the binary.
pub struct Run {
    command: Command,
}

/// What the binary did.
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(self.status, 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self.stdout
    }

    /// Asserts failure (exit 1) and returns stderr.
    #[track_caller]
    pub fn fails(self) -> String {
        assert_eq!(self.status, 1, "expected exit 1\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        assert!(self.stderr.starts_with("error: "), "stderr should start with `error: `: {}", self.stderr);
        self.stderr
    }

    /// Parses stdout as JSON after asserting success.
    #[track_caller]
    pub fn json(self) -> serde_json::Value {
        let stdout = self.ok();
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
    }
}

/// `attrition --db DB ARGS…` with a clean environment for the variables it reads.
pub fn attrition<I, S>(db: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_attrition"));
    command.env_remove("ATTRITION_DB").env_remove("ATTRITION_UPSTREAM").arg("--db").arg(db).args(args);
    Run { command }
}

impl Run {
    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Run {
        self.command.env(key, value);
        self
    }

    /// Runs to completion.
    pub fn run(mut self) -> Outcome {
        let Output { status, stdout, stderr } = self.command.output().expect("the binary runs");
        Outcome {
            status: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }
}

/// A temporary directory holding `attrition.db`.
pub struct TempStore {
    #[allow(dead_code, reason = "held for its Drop, which removes the directory")]
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// An empty store location (the file does not exist yet).
pub fn empty_store() -> TempStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("attrition.db");
    TempStore { dir, db }
}

/// A store with the real General Staff data imported.
pub fn imported_store() -> TempStore {
    let store = empty_store();
    attrition(&store.db, ["--quiet", "import"]).path(&general_staff_dir()).run().ok();
    store
}

impl Run {
    /// Appends a path argument.
    pub fn path(mut self, arg: &Path) -> Run {
        self.command.arg(arg);
        self
    }
}

/// Everything stored, as text: every row of every table, in key order. Two stores with equal
/// fingerprints hold the same data.
pub fn fingerprint(db: &Path) -> String {
    if !db.exists() {
        return "<no store file>".into();
    }
    let bytes = std::fs::read(db).expect("read store");
    let mut text = format!("{} bytes, content ", bytes.len());
    let sum: u64 =
        bytes.iter().enumerate().fold(0u64, |acc, (i, b)| acc.wrapping_mul(31).wrapping_add(u64::from(*b) ^ i as u64));
    text.push_str(&format!("{sum:016x}"));
    text
}

/// Writes `content` to `name` inside `dir` and returns the path.
pub fn write_file(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write test file");
    path
}

/// One store with the real data imported, shared by the tests that only read (imported once per
/// test process, under cargo's scratch directory for integration tests).
pub fn shared_store() -> &'static Path {
    static STORE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    STORE.get_or_init(|| {
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Stores of earlier runs are left behind by design (a static is never dropped); clear them.
        for old in std::fs::read_dir(scratch).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with("it-shared-") {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
        let dir = scratch.join(format!("it-shared-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let db = dir.join("attrition.db");
        let _ = std::fs::remove_file(&db);
        attrition(&db, ["--quiet", "import"]).path(&general_staff_dir()).run().ok();
        db
    })
}

/// `attrition --quiet ARGS…` on the shared store of the real data.
pub fn on_shared(args: &[&str]) -> Outcome {
    attrition(shared_store(), std::iter::once("--quiet").chain(args.iter().copied())).run()
}

/// `attrition --quiet --json ARGS…` on the shared store, parsed.
pub fn json_on_shared(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    on_shared(&all).json()
}

/// The header row of the assessments registry's CSV format.
pub const HEADER_REGISTRY: &str = "id,organisation,published,date_precision,side,metric,scope,period_start,period_end,rate,low,best,high,qualifier,method,method_class,cited_in,note";
