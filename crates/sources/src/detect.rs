//! Format detection: decides which reader a file or response needs, and reads files and
//! directories from disk.

use crate::{ReadError, petroivaniuk, russianwarship};
use attrition_model::{ParsedFile, Provenance, SourceId};
use jiff::civil::Date;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

/// What reading one file produced.
#[derive(Debug)]
pub enum Detected {
    /// A file of the General Staff series, read.
    Parsed(Box<ParsedFile>),
    /// A file that was recognised but is not part of the daily series (for example the Oryx
    /// model snapshot that ships beside the PetroIvaniuk files).
    Skipped {
        /// Path or URL.
        location: String,
        /// Why it was not read.
        reason: String,
    },
}

impl Detected {
    /// The parsed file, if this was one.
    #[must_use]
    pub fn into_parsed(self) -> Option<ParsedFile> {
        match self {
            Detected::Parsed(file) => Some(*file),
            Detected::Skipped { .. } => None,
        }
    }
}

/// Lowercase hex SHA-256 of `bytes`.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads one file's content, whatever its format, or names what is wrong with it.
///
/// `expected` constrains the format when the caller knows which upstream it asked.
///
/// # Errors
/// [`ReadError`] naming `location`, and the row where there is one.
pub fn read_bytes(location: &str, bytes: &[u8], expected: Option<SourceId>) -> Result<Detected, ReadError> {
    // Refused rather than read lossily: a replacement character stored in a note would pass
    // for text the upstream published (and `sources add` and `claims` refuse such bytes too).
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        ReadError::Shape {
            location: location.to_owned(),
            problem: format!(
                "line {line}, byte {}: not UTF-8 text (the upstreams publish UTF-8; the file is damaged or in another encoding)",
                e.valid_up_to() + 1
            ),
        }
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(ReadError::Empty { location: location.to_owned() });
    }
    if trimmed.starts_with('<') {
        let start: String = trimmed.chars().take(40).collect();
        return Err(ReadError::Html { location: location.to_owned(), start });
    }
    let value: Value =
        serde_json::from_str(trimmed).map_err(|source| ReadError::Json { location: location.to_owned(), source })?;
    let provenance = |source| Provenance {
        source,
        location: location.to_owned(),
        fetched_at: jiff::Timestamp::now(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
    };
    let shape = |problem: &str| ReadError::Shape { location: location.to_owned(), problem: problem.to_owned() };
    match (&value, expected) {
        (Value::Array(rows), None | Some(SourceId::Petroivaniuk)) => {
            if rows.first().and_then(Value::as_object).is_some_and(|o| o.contains_key("equipment_oryx")) {
                return Ok(Detected::Skipped {
                    location: location.to_owned(),
                    reason: "Oryx per-model snapshot (no dates), not part of the daily series".into(),
                });
            }
            let file_name = Path::new(location).file_name().map(|n| n.to_string_lossy().into_owned());
            petroivaniuk::read(location, file_name.as_deref(), rows, provenance(SourceId::Petroivaniuk))
                .map(|f| Detected::Parsed(Box::new(f)))
        }
        (Value::Object(top), None | Some(SourceId::Russianwarship)) if top.contains_key("data") => {
            russianwarship::read(location, top, provenance(SourceId::Russianwarship))
                .map(|f| Detected::Parsed(Box::new(f)))
        }
        (_, Some(SourceId::Petroivaniuk)) => Err(shape("expected a JSON array of daily report rows")),
        (_, Some(SourceId::Russianwarship)) => Err(shape("expected an API v2 object with a \"data\" member")),
        _ => Err(shape(
            "neither a PetroIvaniuk array of report rows nor a russianwarship.rip API object with a \"data\" member",
        )),
    }
}

/// The files directly inside `dir` that `keep` accepts, in name order.
///
/// # Errors
/// The I/O error of reading the directory.
pub fn files_in(dir: &Path, keep: impl Fn(&Path) -> bool) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<_> =
        std::fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file() && keep(p)).collect();
    files.sort();
    Ok(files)
}

/// Reads a file, or every `.json` file directly inside a directory (in name order).
///
/// # Errors
/// [`ReadError`] for the first unreadable or malformed file, or when a directory holds no data.
pub fn read_path(path: &Path) -> Result<Vec<Detected>, ReadError> {
    // Provenance records the absolute path, so that it still names the file when read later
    // from another working directory.
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path = absolute.as_path();
    let location = path.display().to_string();
    let io = |source| ReadError::Io { location: location.clone(), source };
    if path.is_dir() {
        let files = files_in(path, |p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"))).map_err(io)?;
        let mut out = Vec::with_capacity(files.len());
        for file in &files {
            out.extend(read_path(file)?);
        }
        if !out.iter().any(|d| matches!(d, Detected::Parsed(_))) {
            return Err(ReadError::NoDataFiles { location });
        }
        return Ok(out);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok(vec![read_bytes(&location, &bytes, None)?])
}

/// Parses a `YYYY-MM-DD` date field of a row, or says what is wrong with it.
pub(crate) fn row_date(value: Option<&Value>) -> Result<Date, String> {
    match value {
        None => Err("missing \"date\"".into()),
        Some(Value::String(s)) => attrition_model::Period::parse_date(s).map_err(|e| format!("bad \"date\": {e}")),
        Some(other) => Err(format!("\"date\" must be a string like \"2024-09-26\", found {other}")),
    }
}

/// Reads an integer field, or says what is wrong with it.
pub(crate) fn integer(key: &str, value: &Value) -> Result<i64, String> {
    value.as_i64().ok_or_else(|| match value {
        Value::Null => format!("{key:?} is null (expected a whole number; an untracked category is left out)"),
        other => format!("{key:?} must be a whole number, found {other}"),
    })
}

/// Checks that report dates strictly increase; `rows` holds (1-based row, date).
pub(crate) fn check_order(location: &str, rows: &[(usize, Date)]) -> Result<(), ReadError> {
    for pair in rows.windows(2) {
        let ((prev_row, prev), (row, date)) = (pair[0], pair[1]);
        if date == prev {
            return Err(ReadError::Row {
                location: location.to_owned(),
                row,
                date: date.to_string(),
                problem: format!("duplicate date (row {prev_row} has the same date)"),
            });
        }
        if date < prev {
            return Err(ReadError::Row {
                location: location.to_owned(),
                row,
                date: date.to_string(),
                problem: format!("dates out of order: comes after {prev} in row {prev_row}"),
            });
        }
    }
    Ok(())
}
