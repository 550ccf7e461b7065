//! Two writers at once: two `attrition import` processes started together on one store, each
//! adding a different next day, where the two days together hold a fall the import check
//! refuses. Exactly one may win; the other must fail with a clear message (the fall it would
//! make, or the store being busy), and the store must end holding one of the two days, never
//! both. Rounds: 30 by default, `ATTRITION_WRITER_ROUNDS` for a longer run by hand.

use crate::harness::{attrition, general_staff_dir, imported_store, write_file};
use std::path::Path;
use std::process::{Command, Stdio};

/// A one-row personnel file for `date`.
fn one_day(dir: &Path, name: &str, date: &str, day: i64, personnel: i64) -> std::path::PathBuf {
    let row = serde_json::json!([{"date": date, "day": day, "personnel": personnel}]);
    let sub = dir.join(name);
    std::fs::create_dir_all(&sub).expect("dir");
    write_file(&sub, "russia_losses_personnel.json", &serde_json::to_vec(&row).expect("JSON"))
}

fn spawn(db: &Path, extra: &[&str], file: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_attrition"))
        .env_remove("ATTRITION_DB")
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .arg("import")
        .args(extra)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// What one writer did: success, refused for the fall, or refused as busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Stored,
    Fall,
    Busy,
}

fn outcome(child: std::process::Child) -> Outcome {
    let out = child.wait_with_output().expect("the writer ends");
    let err = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => Outcome::Stored,
        Some(1) if err.contains("personnel falls from 1600000 (2026-08-09) to 1457000 (2026-08-10)") => Outcome::Fall,
        Some(1) if err.contains("another import is writing this store") && err.contains("try again") => Outcome::Busy,
        other => panic!("a writer ended with {other:?} and an unclear message:\n{err}"),
    }
}

#[test]
fn two_writers_never_store_a_fall_together() {
    let rounds: usize = std::env::var("ATTRITION_WRITER_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(30);
    let base = imported_store();
    let files = tempfile::tempdir().expect("temp dir");
    // Alone, each day is fine: 08-09 rises steeply (an accepted outlier), 08-10 rises a little
    // from 08-08. Together 08-09 → 08-10 falls by 143,000, which the check refuses.
    let high = one_day(files.path(), "a", "2026-08-09", 1628, 1_600_000);
    let low = one_day(files.path(), "b", "2026-08-10", 1629, 1_457_000);
    let mut counts = [0_usize; 3];
    for round in 0..rounds {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("attrition.db");
        std::fs::copy(&base.db, &db).expect("copy the base store");
        let (first, second) = if round % 2 == 0 { (&high, &low) } else { (&low, &high) };
        let accept = ["--accept-outlier", "2026-08-09:personnel"];
        let args = |file: &Path| if file == high.as_path() { &accept[..] } else { &[][..] };
        let a = spawn(&db, args(first), first);
        let b = spawn(&db, args(second), second);
        let outcomes = [outcome(a), outcome(b)];
        let stored = outcomes.iter().filter(|o| **o == Outcome::Stored).count();
        assert!(stored <= 1, "round {round}: both writers stored their day: {outcomes:?}");
        for o in outcomes {
            counts[o as usize] += 1;
        }
        // The store passes its own checks: re-importing the real files finds nothing wrong, and
        // it holds at most one of the two days.
        attrition(&db, ["--quiet", "import"]).path(&general_staff_dir()).run().ok();
        let status = attrition(&db, ["--quiet", "--json", "status"]).run().json();
        let last = status["sources"][0]["summary"]["last_report"].as_str().expect("last report").to_owned();
        let expected = match outcomes.iter().position(|o| *o == Outcome::Stored) {
            None => "2026-08-08",
            Some(i) if (if i == 0 { first } else { second }) == &high => "2026-08-09",
            Some(_) => "2026-08-10",
        };
        assert_eq!(last, expected, "round {round}: {outcomes:?}");
        let unaccounted = status["sources"][0]["validation"]["decreases"]
            .as_array()
            .expect("decreases")
            .iter()
            .filter(|d| d["category"] == "personnel")
            .count();
        assert_eq!(unaccounted, 0, "round {round}: a personnel fall is stored");
    }
    eprintln!(
        "{rounds} rounds of two writers: {} stored, {} refused for the fall, {} refused as busy",
        counts[0], counts[1], counts[2]
    );
    assert_eq!(counts[0], rounds, "every round, one writer should have stored its day (the other refused)");
}
