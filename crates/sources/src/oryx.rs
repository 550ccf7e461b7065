//! Reader for Oryx's visually confirmed equipment losses as scraped by
//! [scarnecchia/oryx_data](https://github.com/scarnecchia/oryx_data) (CC BY 4.0):
//! `daily_count.csv`, the cumulative count of every equipment type by status and
//! `date_recorded`, for Russia and Ukraine.
//!
//! This is not the General Staff series and is read into its own type, [`OryxFile`], never into a
//! [`ParsedFile`](attrition_model::ParsedFile).
//!
//! What the columns mean, and what the reader checks:
//!
//! - `date_recorded` is the day the scraper first saw an entry on the Oryx lists, **not the day of
//!   the loss**. It is kept as such.
//! - `destroyed`, `abandoned`, `captured`, `damaged` are cumulative counts; `type_total` must be
//!   their sum. Rows exist only on days a type changed (a type's count holds until its next row).
//! - Every `*_diff` and `*_diff_diff` column must be a whole number; a `*_diff` that is not the
//!   change since the previous row of the same type is kept as a warning (it is derived, and the
//!   counts are what is stored).
//! - Any other column is an error: a new status would change what the total means.
//! - The summary rows carry their totals in the name ("Losses of Armoured Combat Vehicles [Tanks,
//!   AFVs, IFVs, APCs, and MRAPs] - 13080, of which: destroyed: 10140, …"); the name is cut at
//!   `" - N, of which:"`, and a total in the name that differs from the counts is a warning.
//!   Names are trimmed (one carries a trailing newline).
//! - A duplicate (country, type, date) is an error naming both lines.
//!
//! Errors name the file, the line and the column. The other files of the dataset (`event_*.csv`,
//! one row per photo; `totals_by_*.csv`, undated snapshots) are recognised and skipped.
//!
//! ```
//! use attrition_sources::read_daily_count;
//! let csv = b"country,equipment_type,destroyed,abandoned,captured,damaged,type_total,date_recorded\n\
//!             Russia,Tanks,2737,384,533,158,3812,2025-03-21\n";
//! let file = read_daily_count("daily_count.csv", csv).unwrap();
//! assert_eq!(file.counts[0].total(), 3812);
//! assert_eq!(file.counts[0].date_recorded.to_string(), "2025-03-21");
//! ```

use crate::http::fetch_raw;
use crate::{HttpOptions, Progress, ReadError, SyncError, sha256_hex};
use jiff::civil::Date;
use std::collections::HashMap;
use std::path::Path;

/// The default upstream: the raw files of scarnecchia/oryx_data on GitHub.
pub const ORYX_DEFAULT_BASE: &str = "https://raw.githubusercontent.com/scarnecchia/oryx_data/main";

/// The file `sync --source oryx` fetches and `import` reads.
pub const ORYX_DAILY_COUNT: &str = "daily_count.csv";

/// The statuses Oryx sorts a loss into, as the columns are named.
pub const ORYX_STATUSES: [&str; 4] = ["destroyed", "damaged", "abandoned", "captured"];

/// The columns every `daily_count.csv` must have.
const REQUIRED: [&str; 8] =
    ["country", "equipment_type", "destroyed", "abandoned", "captured", "damaged", "type_total", "date_recorded"];

/// The counted columns that carry derived `_diff` and `_diff_diff` columns.
const COUNTED: [&str; 5] = ["destroyed", "abandoned", "captured", "damaged", "type_total"];

/// One row of `daily_count.csv`: a type's cumulative counts as listed on `date_recorded`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OryxCount {
    /// Whose losses: `Russia` or `Ukraine`, as written.
    pub country: String,
    /// The Oryx equipment type (summary rows without the totals in their name).
    pub equipment_type: String,
    /// The day the dataset first listed these counts (not the day of the losses).
    pub date_recorded: Date,
    /// Destroyed.
    pub destroyed: i64,
    /// Damaged.
    pub damaged: i64,
    /// Abandoned.
    pub abandoned: i64,
    /// Captured.
    pub captured: i64,
    /// The line of the file the row starts on (1 is the header).
    pub line: u64,
}

impl OryxCount {
    /// Destroyed + damaged + abandoned + captured (the file's `type_total`).
    #[must_use]
    pub fn total(&self) -> i64 {
        self.destroyed + self.damaged + self.abandoned + self.captured
    }
}

/// The rows of one `daily_count.csv`, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OryxFile {
    /// Path or URL.
    pub location: String,
    /// When it was read.
    pub fetched_at: jiff::Timestamp,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The rows, in file order.
    pub counts: Vec<OryxCount>,
    /// Quirks that are not errors.
    pub warnings: Vec<String>,
}

impl OryxFile {
    /// The first and last `date_recorded` in the file.
    #[must_use]
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let first = self.counts.iter().map(|c| c.date_recorded).min()?;
        let last = self.counts.iter().map(|c| c.date_recorded).max()?;
        Some((first, last))
    }
}

/// What reading one Oryx file produced.
#[derive(Debug)]
pub enum OryxDetected {
    /// `daily_count.csv`, read.
    Parsed(Box<OryxFile>),
    /// Another file of the dataset, recognised and not read.
    Skipped {
        /// Path.
        location: String,
        /// Why.
        reason: String,
    },
}

/// What an Oryx file is, from its name or its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DailyCount,
    Events,
    TotalsByType,
    TotalsBySystem,
}

impl Kind {
    fn skip_reason(self) -> Option<&'static str> {
        match self {
            Kind::DailyCount => None,
            Kind::Events => Some(
                "Oryx proof list (one row per photo or video), not read: attrition stores the cumulative counts of daily_count.csv",
            ),
            Kind::TotalsByType => Some(
                "Oryx totals by type without dates, not read: daily_count.csv holds the same counts by date recorded",
            ),
            Kind::TotalsBySystem => Some("Oryx totals by model without dates, not read"),
        }
    }
}

fn kind_from_name(name: &str) -> Option<Kind> {
    let name = name.to_ascii_lowercase();
    if !name.ends_with(".csv") {
        return None;
    }
    if name == ORYX_DAILY_COUNT {
        Some(Kind::DailyCount)
    } else if name.starts_with("event_") {
        Some(Kind::Events)
    } else if name.starts_with("totals_by_type") {
        Some(Kind::TotalsByType)
    } else if name.starts_with("totals_by_system") {
        Some(Kind::TotalsBySystem)
    } else {
        None
    }
}

fn kind_from_header(first_line: &str) -> Option<Kind> {
    let header = first_line.trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
    if header.starts_with("country,equipment_type,") {
        Some(if header.contains("date_recorded") { Kind::DailyCount } else { Kind::TotalsByType })
    } else if header.starts_with("country,origin,system,") {
        Some(Kind::Events)
    } else if header.starts_with("country,system,") {
        Some(Kind::TotalsBySystem)
    } else {
        None
    }
}

/// The kind of an Oryx `.csv` file, by name first and then by its first line.
fn file_kind(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if !name.to_ascii_lowercase().ends_with(".csv") {
        return None;
    }
    if let Some(kind) = kind_from_name(&name) {
        return Some(kind);
    }
    let mut start = Vec::with_capacity(512);
    std::io::Read::read_to_end(&mut std::io::Read::take(std::fs::File::open(path).ok()?, 512), &mut start).ok()?;
    kind_from_header(String::from_utf8_lossy(&start).lines().next().unwrap_or(""))
}

/// Whether `path` is Oryx data: a directory holding `daily_count.csv`, or a `.csv` file named or
/// headed like one of the dataset's files.
#[must_use]
pub fn is_oryx_path(path: &Path) -> bool {
    if path.is_dir() {
        return path.join(ORYX_DAILY_COUNT).is_file();
    }
    path.is_file() && file_kind(path).is_some()
}

/// Reads an Oryx file, or every Oryx `.csv` file directly inside a directory (in name order):
/// `daily_count.csv` is read, the dataset's other files are listed as skipped.
///
/// # Errors
/// [`ReadError`] naming the file, line and column of the first problem, or a directory without
/// `daily_count.csv`.
pub fn read_oryx_path(path: &Path) -> Result<Vec<OryxDetected>, ReadError> {
    // As for the General Staff files, provenance records the absolute path.
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path = absolute.as_path();
    let location = path.display().to_string();
    let io = |source| ReadError::Io { location: location.clone(), source };
    if path.is_dir() {
        let files = crate::files_in(path, |p| file_kind(p).is_some()).map_err(io)?;
        let mut out = Vec::with_capacity(files.len());
        for file in &files {
            out.extend(read_oryx_path(file)?);
        }
        if !out.iter().any(|d| matches!(d, OryxDetected::Parsed(_))) {
            return Err(ReadError::Shape {
                location,
                problem: format!("no Oryx {ORYX_DAILY_COUNT} in this directory"),
            });
        }
        return Ok(out);
    }
    let bytes = std::fs::read(path).map_err(io)?;
    match file_kind(path).and_then(Kind::skip_reason) {
        Some(reason) => Ok(vec![OryxDetected::Skipped { location, reason: reason.to_owned() }]),
        None => Ok(vec![OryxDetected::Parsed(Box::new(read_daily_count(&location, &bytes)?))]),
    }
}

/// Fetches `daily_count.csv` from `options.base_url` (the dataset's other files are not needed).
///
/// # Errors
/// [`SyncError`] naming the URL when it cannot be fetched or does not read.
pub fn fetch_oryx(options: &HttpOptions, progress: &dyn Progress) -> Result<OryxFile, SyncError> {
    let mut fetched = fetch_raw(options, &[ORYX_DAILY_COUNT], progress)?;
    let Some((url, body)) = fetched.pop() else {
        return Err(SyncError::Content(ReadError::Empty { location: options.base_url.clone() }));
    };
    Ok(read_daily_count(&url, &body)?)
}

/// Reads the content of a `daily_count.csv`.
///
/// # Errors
/// [`ReadError`] naming `location`, the line and the column of the first problem.
pub fn read_daily_count(location: &str, bytes: &[u8]) -> Result<OryxFile, ReadError> {
    let shape = |problem: String| ReadError::Shape { location: location.to_owned(), problem };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        shape(format!("line {line}: not UTF-8 text"))
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ReadError::Empty { location: location.to_owned() });
    }
    if trimmed.starts_with('<') {
        let start: String = trimmed.chars().take(40).collect();
        return Err(shape(format!("expected Oryx CSV but got an HTML page (starts with {start:?})")));
    }
    if trimmed.starts_with(['[', '{']) {
        return Err(shape("expected Oryx CSV but got JSON".into()));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| shape(format!("line 1 (the header): {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let columns = Columns::new(&header).map_err(|p| shape(format!("line 1 (the header): {p}")))?;
    let mut file = OryxFile {
        location: location.to_owned(),
        fetched_at: jiff::Timestamp::now(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        counts: Vec::new(),
        warnings: Vec::new(),
    };
    // The line of each (country, type, date), and the previous row of each raw type name.
    let mut seen: HashMap<(String, String, Date), u64> = HashMap::new();
    let mut previous: HashMap<(String, String), [i64; 5]> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            let problem = match e.kind() {
                csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                    format!("{len} fields where the header has {expected_len} (a broken or truncated row)")
                }
                _ => e.to_string(),
            };
            shape(format!("line {line}: {problem}"))
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |index: usize| record.get(index).unwrap_or("").trim();
        let fail = |index: usize, problem: String| {
            shape(format!("line {line}, column {} ({}): {problem}", index + 1, header[index]))
        };
        let whole = |index: usize| -> Result<i64, ReadError> {
            cell(index)
                .parse::<i64>()
                .map_err(|_| fail(index, format!("expected a whole number, found {:?}", cell(index))))
        };
        let count = |index: usize| -> Result<i64, ReadError> {
            let n = whole(index)?;
            if n < 0 {
                return Err(fail(index, format!("is negative ({n}); a cumulative count cannot be")));
            }
            Ok(n)
        };
        let country = cell(columns.country).to_owned();
        if country.is_empty() {
            return Err(fail(columns.country, "is empty".into()));
        }
        let raw_type = cell(columns.equipment_type).to_owned();
        let (equipment_type, total_in_name) = split_summary(&raw_type);
        if equipment_type.is_empty() {
            return Err(fail(columns.equipment_type, "is empty".into()));
        }
        let date_recorded = attrition_model::Period::parse_date(cell(columns.date_recorded))
            .map_err(|e| fail(columns.date_recorded, format!("expected a date like 2025-07-19: {e}")))?;
        let counted: [i64; 5] = [
            count(columns.counted[0])?,
            count(columns.counted[1])?,
            count(columns.counted[2])?,
            count(columns.counted[3])?,
            count(columns.counted[4])?,
        ];
        let [destroyed, abandoned, captured, damaged, type_total] = counted;
        let sum = destroyed + abandoned + captured + damaged;
        if type_total != sum {
            return Err(fail(
                columns.counted[4],
                format!(
                    "is {type_total} but destroyed + abandoned + captured + damaged = {destroyed} + {abandoned} + {captured} + {damaged} = {sum}"
                ),
            ));
        }
        for &(index, _) in &columns.diffs {
            whole(index)?;
        }
        if let Some(named) = total_in_name
            && named != type_total
        {
            file.warnings.push(format!(
                "{location}: line {line}: the name of {equipment_type:?} says {named} but its counts sum to {type_total} (the counts are stored)"
            ));
        }
        let key = (country.clone(), raw_type.clone());
        if let Some(before) = previous.get(&key) {
            for &(index, counted_index) in &columns.diffs {
                let Some(counted_index) = counted_index else { continue };
                let expected = counted[counted_index] - before[counted_index];
                let given = whole(index)?;
                if given != expected {
                    file.warnings.push(format!(
                        "{location}: line {line}: {} is {given} but {} changed by {expected} since the previous row of {equipment_type:?}",
                        header[index], COUNTED[counted_index]
                    ));
                }
            }
        }
        previous.insert(key, counted);
        if let Some(first) = seen.insert((country.clone(), equipment_type.clone(), date_recorded), line) {
            return Err(shape(format!(
                "line {line}: a second row for {country} {equipment_type:?} recorded on {date_recorded} (the first is on line {first})"
            )));
        }
        file.counts.push(OryxCount {
            country,
            equipment_type,
            date_recorded,
            destroyed,
            damaged,
            abandoned,
            captured,
            line,
        });
    }
    if file.counts.is_empty() {
        return Err(shape("has a header but no rows".into()));
    }
    Ok(file)
}

/// Where each column is.
struct Columns {
    country: usize,
    equipment_type: usize,
    date_recorded: usize,
    /// destroyed, abandoned, captured, damaged, type_total.
    counted: [usize; 5],
    /// Every `_diff` and `_diff_diff` column, with the counted column a `_diff` is the change of.
    diffs: Vec<(usize, Option<usize>)>,
}

impl Columns {
    fn new(header: &[String]) -> Result<Columns, String> {
        let mut positions: HashMap<&str, usize> = HashMap::new();
        let mut diffs = Vec::new();
        for (index, name) in header.iter().enumerate() {
            if let Some(earlier) = positions.insert(name.as_str(), index) {
                return Err(format!("column {name:?} appears twice (columns {} and {})", earlier + 1, index + 1));
            }
            if REQUIRED.contains(&name.as_str()) {
                continue;
            }
            if let Some(base) = name.strip_suffix("_diff_diff")
                && COUNTED.contains(&base)
            {
                diffs.push((index, None));
                continue;
            }
            if let Some(base) = name.strip_suffix("_diff")
                && let Some(counted) = COUNTED.iter().position(|c| *c == base)
            {
                diffs.push((index, Some(counted)));
                continue;
            }
            return Err(format!(
                "unknown column {name:?} (column {}): the Oryx statuses attrition knows are destroyed, damaged, abandoned and captured, with type_total their sum; a new status would change what the total means",
                index + 1
            ));
        }
        let at = |name: &str| positions.get(name).copied().ok_or_else(|| format!("missing column {name:?}"));
        Ok(Columns {
            country: at("country")?,
            equipment_type: at("equipment_type")?,
            date_recorded: at("date_recorded")?,
            counted: [at("destroyed")?, at("abandoned")?, at("captured")?, at("damaged")?, at("type_total")?],
            diffs,
        })
    }
}

/// Cuts a summary row's name at `" - N, of which:"` and returns the name and N.
fn split_summary(raw: &str) -> (String, Option<i64>) {
    let raw = raw.trim();
    if let Some((name, rest)) = raw.split_once(" - ")
        && let Some((number, _)) = rest.split_once(", of which:")
        && let Ok(total) = number.trim().parse::<i64>()
    {
        return (name.trim().to_owned(), Some(total));
    }
    (raw.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "country,equipment_type,destroyed,abandoned,captured,damaged,type_total,date_recorded,destroyed_diff,abandoned_diff,captured_diff,damaged_diff,type_total_diff";

    fn read(rows: &[&str]) -> Result<OryxFile, ReadError> {
        let text = std::iter::once(HEADER).chain(rows.iter().copied()).collect::<Vec<_>>().join("\n");
        read_daily_count("daily_count.csv", text.as_bytes())
    }

    #[test]
    fn summary_names_are_cut_and_checked() {
        let file = read(&[
            "Russia,\"Losses of Armoured Combat Vehicles [Tanks, AFVs, IFVs, APCs, and MRAPs] - 11864, of which: destroyed: 8980\",8980,981,1536,368,11865,2025-02-21,0,0,0,0,0",
            "Ukraine,\"Surface-To-Air Missile Systems\n\",145,1,6,19,171,2025-03-21,0,0,0,0,0",
        ])
        .unwrap();
        assert_eq!(
            file.counts[0].equipment_type,
            "Losses of Armoured Combat Vehicles [Tanks, AFVs, IFVs, APCs, and MRAPs]"
        );
        assert_eq!(file.counts[1].equipment_type, "Surface-To-Air Missile Systems");
        assert_eq!(file.counts[1].line, 3);
        assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
        assert!(file.warnings[0].contains("says 11864 but its counts sum to 11865"), "{:?}", file.warnings);
    }

    #[test]
    fn diffs_are_checked_against_the_previous_row() {
        let file = read(&[
            "Russia,Tanks,10,0,0,0,10,2025-03-21,0,0,0,0,0",
            "Russia,Tanks,12,0,0,1,13,2025-03-24,2,0,0,1,3",
            "Russia,Tanks,13,0,0,1,14,2025-03-27,5,0,0,0,1",
        ])
        .unwrap();
        assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
        assert!(
            file.warnings[0].contains("line 4: destroyed_diff is 5 but destroyed changed by 1"),
            "{:?}",
            file.warnings
        );
    }

    #[test]
    fn bad_cells_name_line_and_column() {
        let err =
            read(&["Russia,Tanks,10,0,0,0,10,2025-03-21,0,0,0,0,0", "Russia,Tanks,1x,0,0,0,10,2025-03-24,0,0,0,0,0"])
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("daily_count.csv: line 3, column 3 (destroyed): expected a whole number, found \"1x\""),
            "{err}"
        );
        let err = read(&["Russia,Tanks,10,0,0,0,11,2025-03-21,0,0,0,0,0"]).unwrap_err().to_string();
        assert!(err.contains("line 2, column 7 (type_total): is 11 but"), "{err}");
        let err = read(&["Russia,Tanks,10,0,0,0,10,21/03/2025,0,0,0,0,0"]).unwrap_err().to_string();
        assert!(err.contains("line 2, column 8 (date_recorded)"), "{err}");
        let err = read(&["Russia,Tanks,10,0,0,0,10,2025-03-21,0,0,0,0"]).unwrap_err().to_string();
        assert!(err.contains("line 2: 12 fields where the header has 13"), "{err}");
        let err =
            read(&["Russia,Tanks,10,0,0,0,10,2025-03-21,0,0,0,0,0", "Russia, Tanks ,10,0,0,0,10,2025-03-21,0,0,0,0,0"])
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("line 3: a second row for Russia \"Tanks\" recorded on 2025-03-21 (the first is on line 2)"),
            "{err}"
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_refused() {
        let text = "country,equipment_type,destroyed,abandoned,captured,damaged,sold,type_total,date_recorded\n";
        let err = read_daily_count("x.csv", text.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("x.csv: line 1 (the header): unknown column \"sold\" (column 7)"), "{err}");
        let text = "country,equipment_type,destroyed,abandoned,captured,type_total,date_recorded\nRussia,Tanks,1,0,0,1,2025-03-21\n";
        let err = read_daily_count("x.csv", text.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("missing column \"damaged\""), "{err}");
        let err = read_daily_count("x.csv", b"<!DOCTYPE html><html>").unwrap_err().to_string();
        assert!(err.contains("expected Oryx CSV but got an HTML page"), "{err}");
        assert!(matches!(read_daily_count("x.csv", b" \n"), Err(ReadError::Empty { .. })));
    }

    #[test]
    fn files_are_recognised_by_name_and_header() {
        assert_eq!(kind_from_name("daily_count.csv"), Some(Kind::DailyCount));
        assert_eq!(kind_from_name("event_destroyed.csv"), Some(Kind::Events));
        assert_eq!(kind_from_name("russia_losses_personnel.json"), None);
        assert_eq!(kind_from_header(HEADER), Some(Kind::DailyCount));
        assert_eq!(kind_from_header("country,origin,system,status,url"), Some(Kind::Events));
        assert_eq!(kind_from_header("date,low,high"), None);
    }
}
