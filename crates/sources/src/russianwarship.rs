//! Reader for the russianwarship.rip API v2: a single record
//! `{"message": …, "data": {"date", "day", "stats": {…}, "increase": {…}}}` or a page of them
//! `{"data": {"records": [ … ], "paginator": …}}`. `stats` holds cumulative totals; `increase`
//! the change from the previous report, which is checked against `stats` where both
//! neighbouring records are present.

use crate::ReadError;
use crate::detect::{check_order, integer, row_date};
use attrition_model::{Category, FileKind, Note, Observation, ParsedFile, Provenance, war_day};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Records per page that `sync` asks the API for.
pub const API_PAGE_LIMIT: usize = 50;

/// Reads one API response (single record or page).
pub(crate) fn read(location: &str, top: &Map<String, Value>, provenance: Provenance) -> Result<ParsedFile, ReadError> {
    let shape = |problem: String| ReadError::Shape { location: location.to_owned(), problem };
    let data = top.get("data").and_then(Value::as_object).ok_or_else(|| shape("\"data\" must be an object".into()))?;
    let records: Vec<&Value> = match data.get("records") {
        Some(Value::Array(records)) => records.iter().collect(),
        Some(other) => return Err(shape(format!("\"data.records\" must be an array, found {other}"))),
        None if data.contains_key("date") => vec![top.get("data").unwrap_or(&Value::Null)],
        None => return Err(shape("\"data\" has neither \"records\" nor a single record's \"date\"".into())),
    };
    let mut file = ParsedFile {
        provenance,
        kind: FileKind::ApiStatistics,
        observations: Vec::with_capacity(records.len() * 15),
        corrections: Vec::new(),
        notes: Vec::new(),
        warnings: Vec::new(),
    };
    let mut dates = Vec::with_capacity(records.len());
    let mut increases: BTreeMap<(jiff::civil::Date, Category), i64> = BTreeMap::new();
    for (index, record) in records.into_iter().enumerate() {
        let row = index + 1;
        let fail = |date: &str, problem: String| ReadError::Row {
            location: location.to_owned(),
            row,
            date: date.to_owned(),
            problem,
        };
        let record =
            record.as_object().ok_or_else(|| fail("?", format!("expected a record object, found {record}")))?;
        let date = row_date(record.get("date")).map_err(|p| fail("?", p))?;
        let date_text = date.to_string();
        if let Some(day) = record.get("day") {
            let day = integer("day", day).map_err(|p| fail(&date_text, p))?;
            if day != war_day(date) {
                return Err(fail(
                    &date_text,
                    format!("\"day\" is {day} but {date} is day {} of the war", war_day(date)),
                ));
            }
        }
        let stats = record
            .get("stats")
            .and_then(Value::as_object)
            .ok_or_else(|| fail(&date_text, "missing \"stats\" object".into()))?;
        for (key, value) in stats {
            let category = category_for(key).map_err(|p| fail(&date_text, p))?;
            let value = integer(key, value).map_err(|p| fail(&date_text, format!("in stats: {p}")))?;
            if value < 0 {
                return Err(fail(&date_text, format!("stats {key:?} is negative ({value})")));
            }
            file.observations.push(Observation { report_date: date, category, value, qualifier: None });
        }
        if let Some(increase) = record.get("increase") {
            let increase =
                increase.as_object().ok_or_else(|| fail(&date_text, "\"increase\" must be an object".into()))?;
            for (key, value) in increase {
                let category = category_for(key).map_err(|p| fail(&date_text, p))?;
                let value = integer(key, value).map_err(|p| fail(&date_text, format!("in increase: {p}")))?;
                increases.insert((date, category), value);
            }
        }
        if let Some(Value::String(resource)) = record.get("resource") {
            file.notes.push(Note { report_date: date, kind: "resource".into(), text: resource.clone() });
        }
        dates.push((row, date));
    }
    check_order(location, &dates)?;
    check_increases(location, &file.observations, &increases, &mut file.warnings);
    Ok(file)
}

fn category_for(key: &str) -> Result<Category, String> {
    Category::from_russianwarship_key(key)
        .ok_or_else(|| format!("unknown category key {key:?} (not in the russianwarship.rip cross-walk)"))
}

/// Where consecutive days are both present, `increase` should equal the difference of `stats`;
/// a mismatch is kept as a warning rather than silently trusted either way.
fn check_increases(
    location: &str,
    observations: &[Observation],
    increases: &BTreeMap<(jiff::civil::Date, Category), i64>,
    warnings: &mut Vec<String>,
) {
    let values: BTreeMap<_, _> = observations.iter().map(|o| ((o.report_date, o.category), o.value)).collect();
    for (&(date, category), &increase) in increases {
        let Ok(previous_day) = date.yesterday() else { continue };
        if let (Some(now), Some(before)) = (values.get(&(date, category)), values.get(&(previous_day, category)))
            && now - before != increase
        {
            warnings.push(format!(
                "{location}: {date} {category}: \"increase\" says {increase} but stats changed by {}",
                now - before
            ));
        }
    }
}
