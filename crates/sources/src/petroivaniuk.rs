//! Reader for the PetroIvaniuk dataset's JSON files: `russia_losses_personnel.json`,
//! `russia_losses_equipment.json` and `russia_losses_equipment_correction.json`.
//!
//! Each file is an array of rows `{"date": "YYYY-MM-DD", "day": N, key: value, …}`. Keys are
//! mapped through the cross-walk in [`attrition_model::Category`]; `military auto` and `fuel
//! tank` (until 2022-04-30) are summed into `vehicles`; `personnel*` is the personnel qualifier;
//! `greatest losses direction` is kept as a note. The correction file's values are signed and
//! already included in that day's cumulative jump.

use crate::ReadError;
use crate::detect::{check_order, integer, row_date};
use attrition_model::{Category, Correction, FileKind, Note, Observation, ParsedFile, Provenance, Qualifier, war_day};
use serde_json::{Map, Value};

const QUALIFIER_KEY: &str = "personnel*";
const DIRECTION_KEY: &str = "greatest losses direction";
const AUTO_KEY: &str = "military auto";
const FUEL_KEY: &str = "fuel tank";

/// Reads the rows of one PetroIvaniuk file.
pub(crate) fn read(
    location: &str,
    file_name: Option<&str>,
    rows: &[Value],
    provenance: Provenance,
) -> Result<ParsedFile, ReadError> {
    if rows.is_empty() {
        return Err(ReadError::Shape { location: location.to_owned(), problem: "contains no report rows".into() });
    }
    let kind = detect_kind(file_name, rows);
    let mut file = ParsedFile {
        provenance,
        kind,
        observations: Vec::with_capacity(rows.len() * 14),
        corrections: Vec::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
    };
    let mut dates = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let row_number = index + 1;
        let fail = |date: &str, problem: String| ReadError::Row {
            location: location.to_owned(),
            row: row_number,
            date: date.to_owned(),
            problem,
        };
        let Some(object) = row.as_object() else {
            return Err(fail("?", format!("expected an object, found {row}")));
        };
        let date = row_date(object.get("date")).map_err(|p| fail("?", p))?;
        let date_text = date.to_string();
        if let Some(day) = object.get("day") {
            let day = integer("day", day).map_err(|p| fail(&date_text, p))?;
            let expected = war_day(date);
            if day != expected {
                let message = format!("\"day\" is {day} but {date} is day {expected} of the war");
                if kind == FileKind::Corrections {
                    // The upstream correction file carries two known off-by-one day numbers; the
                    // date is what the correction is keyed on, so keep it and record the quirk.
                    file.warnings.push(format!("{location}: row {row_number} (date {date}): {message}"));
                } else {
                    return Err(fail(&date_text, message));
                }
            }
        }
        if kind == FileKind::Corrections {
            read_correction_row(object, date, &mut file.corrections).map_err(|p| fail(&date_text, p))?;
        } else {
            read_cumulative_row(object, date, &mut file).map_err(|p| fail(&date_text, p))?;
        }
        dates.push((row_number, date));
    }
    check_order(location, &dates)?;
    Ok(file)
}

/// The correction file is the only one that mixes personnel with equipment keys.
fn detect_kind(file_name: Option<&str>, rows: &[Value]) -> FileKind {
    if file_name.is_some_and(|n| n.contains("correction")) {
        return FileKind::Corrections;
    }
    let has = |key: &str| rows.iter().any(|r| r.get(key).is_some());
    match (has("personnel"), has("tank") || has("APC") || has("aircraft")) {
        (true, true) => FileKind::Corrections,
        (true, false) => FileKind::Personnel,
        _ => FileKind::Equipment,
    }
}

fn read_cumulative_row(
    object: &Map<String, Value>,
    date: jiff::civil::Date,
    file: &mut ParsedFile,
) -> Result<(), String> {
    let qualifier = match object.get(QUALIFIER_KEY) {
        None | Some(Value::Null) => None,
        Some(Value::String(word)) => {
            Some(Qualifier::from_word(word).ok_or_else(|| format!("unknown qualifier {QUALIFIER_KEY:?} = {word:?}"))?)
        }
        Some(other) => return Err(format!("{QUALIFIER_KEY:?} must be a string, found {other}")),
    };
    let mut vehicle_parts: [Option<i64>; 2] = [None, None];
    for (key, value) in object {
        match key.as_str() {
            "date" | "day" | QUALIFIER_KEY => {}
            DIRECTION_KEY => match value {
                Value::Null => {}
                Value::String(text) if text.trim().is_empty() => {}
                Value::String(text) => file.notes.push(Note {
                    report_date: date,
                    kind: "greatest_losses_direction".into(),
                    text: text.trim().to_owned(),
                }),
                other => return Err(format!("{DIRECTION_KEY:?} must be text, found {other}")),
            },
            AUTO_KEY | FUEL_KEY => {
                let part = usize::from(key == FUEL_KEY);
                vehicle_parts[part] = Some(cumulative(key, value)?);
            }
            _ => {
                let category = Category::from_petroivaniuk_key(key)
                    .ok_or_else(|| format!("unknown category key {key:?} (not in the PetroIvaniuk cross-walk)"))?;
                let value = cumulative(key, value)?;
                let qualifier = if category == Category::Personnel { qualifier } else { None };
                file.observations.push(Observation { report_date: date, category, value, qualifier });
            }
        }
    }
    match vehicle_parts {
        [None, None] => {}
        [Some(auto), Some(fuel)] => {
            if object.contains_key(Category::Vehicles.petroivaniuk_key().unwrap_or_default()) {
                return Err(format!("has both {AUTO_KEY:?}/{FUEL_KEY:?} and their merged key"));
            }
            file.observations.push(Observation {
                report_date: date,
                category: Category::Vehicles,
                value: auto + fuel,
                qualifier: None,
            });
        }
        _ => return Err(format!("{AUTO_KEY:?} and {FUEL_KEY:?} must appear together (they sum to vehicles)")),
    }
    if qualifier.is_some() && !object.contains_key("personnel") {
        return Err(format!("{QUALIFIER_KEY:?} given without \"personnel\""));
    }
    Ok(())
}

fn cumulative(key: &str, value: &Value) -> Result<i64, String> {
    let n = integer(key, value)?;
    if n < 0 {
        return Err(format!("{key:?} is negative ({n}); cumulative counts cannot be"));
    }
    Ok(n)
}

fn read_correction_row(
    object: &Map<String, Value>,
    date: jiff::civil::Date,
    corrections: &mut Vec<Correction>,
) -> Result<(), String> {
    for (key, value) in object {
        if key == "date" || key == "day" {
            continue;
        }
        let category = Category::from_petroivaniuk_key(key).ok_or_else(|| {
            format!("unknown category key {key:?} in corrections (not in the PetroIvaniuk cross-walk)")
        })?;
        let value = integer(key, value)?;
        if value != 0 {
            corrections.push(Correction { report_date: date, category, value });
        }
    }
    Ok(())
}
