//! The schema, one migration per version, applied in order inside a transaction.

/// Migrations; the store's `user_version` is the number applied.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the daily record with provenance.
    "
    CREATE TABLE fetches (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        location    TEXT NOT NULL,
        kind        TEXT NOT NULL,
        fetched_at  TEXT NOT NULL,
        sha256      TEXT NOT NULL,
        bytes       INTEGER NOT NULL
    );
    CREATE TABLE observations (
        source      TEXT NOT NULL,
        report_date TEXT NOT NULL,
        category    TEXT NOT NULL,
        value       INTEGER NOT NULL,
        qualifier   TEXT,
        fetch_id    INTEGER NOT NULL REFERENCES fetches(id),
        PRIMARY KEY (source, category, report_date)
    ) WITHOUT ROWID;
    CREATE TABLE revisions (
        id            INTEGER PRIMARY KEY,
        source        TEXT NOT NULL,
        report_date   TEXT NOT NULL,
        category      TEXT NOT NULL,
        old_value     INTEGER NOT NULL,
        old_qualifier TEXT,
        old_fetch_id  INTEGER NOT NULL REFERENCES fetches(id),
        new_value     INTEGER NOT NULL,
        new_qualifier TEXT,
        new_fetch_id  INTEGER NOT NULL REFERENCES fetches(id)
    );
    CREATE TABLE corrections (
        source      TEXT NOT NULL,
        report_date TEXT NOT NULL,
        category    TEXT NOT NULL,
        value       INTEGER NOT NULL,
        fetch_id    INTEGER NOT NULL REFERENCES fetches(id),
        PRIMARY KEY (source, category, report_date)
    ) WITHOUT ROWID;
    CREATE TABLE notes (
        source      TEXT NOT NULL,
        report_date TEXT NOT NULL,
        kind        TEXT NOT NULL,
        text        TEXT NOT NULL,
        fetch_id    INTEGER NOT NULL REFERENCES fetches(id),
        PRIMARY KEY (source, kind, report_date)
    ) WITHOUT ROWID;
    CREATE TABLE warnings (
        fetch_id    INTEGER NOT NULL REFERENCES fetches(id),
        message     TEXT NOT NULL
    );
    CREATE TABLE data_versions (
        source      TEXT PRIMARY KEY,
        first_report TEXT NOT NULL,
        last_report TEXT NOT NULL,
        changed_at  TEXT NOT NULL
    );
    ",
    // 2: when each upstream was last checked, so a sync that finds nothing new still counts as
    // fresh.
    "
    CREATE TABLE sync_checks (
        source      TEXT PRIMARY KEY,
        upstream    TEXT NOT NULL,
        checked_at  TEXT NOT NULL
    );
    ",
    // 3: the series cache (see cache.rs), filled for existing stores right after this runs.
    "
    CREATE TABLE series_cache (
        source      TEXT NOT NULL,
        category    TEXT NOT NULL,
        readings    BLOB NOT NULL,
        PRIMARY KEY (source, category)
    ) WITHOUT ROWID;
    ",
    // 4: assessments (added by users, imported from The Economist) and published meta-estimates.
    crate::assessments::MIGRATION,
    // 5: Oryx's visually confirmed equipment losses (daily_count.csv), apart from the General
    // Staff series (see oryx.rs).
    crate::oryx::MIGRATION,
    // 6: figures derived from the data and kept with them (see derived.rs).
    crate::derived::MIGRATION,
    // 7: undo. A fetch can be marked undone (it stays listed); corrections and notes a fetch
    // replaces are logged as the revision log already does for values (`logged` says a fetch
    // was stored with that log, so older fetches that replaced any are not undone blindly).
    "
    ALTER TABLE fetches ADD COLUMN undone_at TEXT;
    ALTER TABLE fetches ADD COLUMN logged INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE replaced_corrections (
        fetch_id     INTEGER NOT NULL REFERENCES fetches(id),
        source       TEXT NOT NULL,
        report_date  TEXT NOT NULL,
        category     TEXT NOT NULL,
        old_value    INTEGER NOT NULL,
        old_fetch_id INTEGER NOT NULL REFERENCES fetches(id)
    );
    CREATE TABLE replaced_notes (
        fetch_id     INTEGER NOT NULL REFERENCES fetches(id),
        source       TEXT NOT NULL,
        report_date  TEXT NOT NULL,
        kind         TEXT NOT NULL,
        old_text     TEXT NOT NULL,
        old_fetch_id INTEGER NOT NULL REFERENCES fetches(id)
    );
    CREATE INDEX revisions_by_fetch ON revisions (new_fetch_id);
    ",
];
