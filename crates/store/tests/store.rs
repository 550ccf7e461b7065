//! The SQLite store on a real file: migrations, idempotent writes, revisions, refusal of files it
//! cannot understand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use attrition_model::{Category, Correction, FileKind, Observation, ParsedFile, Provenance, Qualifier, SourceId};
use attrition_store::{Store, StoreError};
use jiff::civil::date;

fn file(values: &[(i8, i64)], sha: &str) -> ParsedFile {
    ParsedFile {
        provenance: Provenance {
            source: SourceId::Petroivaniuk,
            location: "/data/russia_losses_personnel.json".into(),
            fetched_at: jiff::Timestamp::UNIX_EPOCH,
            sha256: sha.into(),
            bytes: 10,
        },
        kind: FileKind::Personnel,
        observations: values
            .iter()
            .map(|&(day, value)| Observation {
                report_date: date(2024, 9, day),
                category: Category::Personnel,
                value,
                qualifier: Some(Qualifier::About),
            })
            .collect(),
        corrections: vec![Correction { report_date: date(2024, 9, 2), category: Category::Personnel, value: 10 }],
        notes: Vec::new(),
        warnings: vec!["a quirk".into()],
    }
}

#[test]
fn writes_once_then_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/attrition.db");
    let mut store = Store::open(&path).unwrap();
    let first = store.apply(&[file(&[(1, 100), (2, 200)], "aa")]).unwrap();
    assert_eq!((first.new_observations, first.new_corrections, first.recorded_fetches), (2, 1, 1));
    let bytes = std::fs::read(&path).unwrap();
    let again = store.apply(&[file(&[(1, 100), (2, 200)], "bb")]).unwrap();
    assert!(again.is_unchanged());
    assert_eq!(again.unchanged_observations, 2);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "an unchanged run leaves the file as it was");
    let fetches = store.fetches(SourceId::Petroivaniuk).unwrap();
    assert_eq!(fetches.len(), 1);
    assert_eq!(fetches[0].sha256, "aa");
    assert_eq!(fetches[0].warnings, ["a quirk"]);
}

#[test]
fn revised_values_keep_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    store.apply(&[file(&[(1, 100), (2, 200)], "aa")]).unwrap();
    let summary = store.apply(&[file(&[(2, 210), (3, 300)], "bb")]).unwrap();
    assert_eq!((summary.new_observations, summary.revised_observations, summary.unchanged_observations), (1, 1, 0));
    let record = store.load(SourceId::Petroivaniuk).unwrap();
    let values: Vec<i64> = record.observations.iter().map(|o| o.value).collect();
    assert_eq!(values, [100, 210, 300]);
    let sources = store.sources().unwrap();
    assert_eq!(sources[0].revisions, 1);
    assert_eq!(sources[0].last_report, date(2024, 9, 3));
    // The new value points at the second fetch.
    let fetches = store.fetches(SourceId::Petroivaniuk).unwrap();
    assert_eq!(fetches.iter().map(|f| f.current_observations).collect::<Vec<_>>(), [1, 2]);
}

#[test]
fn refuses_a_newer_schema_and_a_non_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite_free_bump(&path);
    assert!(conn);
    assert!(matches!(Store::open(&path), Err(StoreError::TooNew { found: 99, .. })));

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database, just text that is long enough to have a header").unwrap();
    let err = Store::open(&junk).unwrap_err().to_string();
    assert!(err.contains("junk.db"), "{err}");
}

/// Sets `user_version` to 99 by editing the header bytes (offset 60), as a newer attrition would.
fn rusqlite_free_bump(path: &std::path::Path) -> bool {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(path, bytes).is_ok()
}

/// The series cache that `load` reads gives exactly the observations stored row by row: on the
/// real data, after a revision, and after reopening.
#[test]
fn the_series_cache_matches_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("attrition.db");
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/general-staff");
    let files: Vec<ParsedFile> = attrition_sources::read_path(&data)
        .unwrap()
        .into_iter()
        .filter_map(|d| match d {
            attrition_sources::Detected::Parsed(file) => Some(*file),
            attrition_sources::Detected::Skipped { .. } => None,
        })
        .collect();
    let mut store = Store::open(&path).unwrap();
    store.apply(&files).unwrap();
    let cached = store.load(SourceId::Petroivaniuk).unwrap();
    assert_eq!(cached.observations.len(), 22_310);
    assert_eq!(cached, store.load_uncached(SourceId::Petroivaniuk, true).unwrap());

    // A revised value reaches the cache in the same transaction.
    let mut revised = files.iter().find(|f| f.kind == FileKind::Personnel).unwrap().clone();
    revised.provenance.sha256 = "revised".into();
    revised.observations.last_mut().unwrap().value += 5;
    store.apply(&[revised]).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    let cached = store.load(SourceId::Petroivaniuk).unwrap();
    assert_eq!(cached, store.load_uncached(SourceId::Petroivaniuk, true).unwrap());
    let last = cached.observations.iter().filter(|o| o.category == Category::Personnel).max_by_key(|o| o.report_date);
    assert_eq!(last.map(|o| o.value), Some(1_456_615));
}

#[test]
fn undo_puts_back_what_a_fetch_replaced_values_corrections_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("u.db")).unwrap();
    let mut first = file(&[(1, 100), (2, 200)], "aa");
    first.notes =
        vec![attrition_model::Note { report_date: date(2024, 9, 2), kind: "direction".into(), text: "Donetsk".into() }];
    store.apply(&[first]).unwrap();
    let before = store.load(SourceId::Petroivaniuk).unwrap();
    let cache_before = store.load_uncached(SourceId::Petroivaniuk, true).unwrap();
    let mut second = file(&[(2, 210), (3, 300)], "bb");
    second.corrections[0].value = 12;
    second.notes =
        vec![attrition_model::Note { report_date: date(2024, 9, 2), kind: "direction".into(), text: "Bakhmut".into() }];
    store.apply(&[second]).unwrap();
    assert_ne!(store.load(SourceId::Petroivaniuk).unwrap(), before);
    let done = store.undo_checked(None, |_, _| Ok::<_, StoreError>(())).unwrap();
    assert_eq!(done.fetch, 2);
    assert_eq!(
        (done.removed_observations, done.restored_observations, done.restored_corrections, done.restored_notes),
        (1, 1, 1, 1)
    );
    assert_eq!(store.load(SourceId::Petroivaniuk).unwrap(), before, "the cache is rebuilt in the same transaction");
    assert_eq!(store.load_uncached(SourceId::Petroivaniuk, true).unwrap(), cache_before);
    assert_eq!(store.sources().unwrap()[0].revisions, 0);
    assert_eq!(store.sources().unwrap()[0].last_report, date(2024, 9, 2));
    // A check that refuses leaves the store as it was.
    let err = store.undo_checked(None, |_, _| Err::<(), _>("refused")).unwrap_err();
    assert!(matches!(err, attrition_store::CheckedError::Check("refused")));
    assert_eq!(store.load(SourceId::Petroivaniuk).unwrap(), before);
    // Undoing the first fetch leaves nothing; then there is nothing left to undo.
    store.undo_checked(Some(1), |_, _| Ok::<_, StoreError>(())).unwrap();
    assert!(store.sources().unwrap().is_empty());
    let err = store.undo_checked(None, |_, _| Ok::<_, StoreError>(())).unwrap_err();
    assert!(err.to_string().contains("holds no fetch of the General Staff series"), "{err}");
}

/// Another process holding the write lock past the busy timeout: a clear error, nothing written.
#[test]
fn a_writer_that_waits_too_long_says_another_import_is_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let mut store = Store::open(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.apply(&[file(&[(1, 100)], "aa")]).unwrap_err();
    assert!(matches!(err, StoreError::Busy { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("another import is writing this store") && text.contains("try again"), "{text}");
    other.execute_batch("ROLLBACK").unwrap();
    assert!(store.sources().unwrap().is_empty(), "nothing was written");
}

/// A fetch stored before corrections and notes were logged (schema 5) that holds any: what it
/// replaced is unknown, so it is not undone blindly.
#[test]
fn a_fetch_from_before_the_undo_log_with_corrections_is_not_undone_blindly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut store = Store::open(&path).unwrap();
    store.apply(&[file(&[(1, 100), (2, 200)], "aa")]).unwrap();
    rusqlite::Connection::open(&path).unwrap().execute_batch("UPDATE fetches SET logged = 0").unwrap();
    let before = store.load(SourceId::Petroivaniuk).unwrap();
    let err = store.undo_checked(None, |_, _| Ok::<_, StoreError>(())).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("fetch 1") && text.contains("so what it replaced is not known"), "{text}");
    assert_eq!(store.load(SourceId::Petroivaniuk).unwrap(), before);
}
