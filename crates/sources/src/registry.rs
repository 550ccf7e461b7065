//! The assessments registry: the reviewed CSV of published figures shipped with attrition
//! (`registry/assessments.csv`, embedded here), and the same format for the figures users add.
//! Every row is validated; a bad one is an error naming the file, line and field.

use attrition_model::{
    Assessment, DatePrecision, Hedge, MethodClass, Metric, Origin, RateUnit, Scope, Side, WAR_START,
};
use jiff::civil::Date;
use std::collections::HashSet;

/// The curated registry, as reviewed in the repository.
pub const CURATED_REGISTRY: &str = include_str!("../../../registry/assessments.csv");

/// The columns of the registry format, in order.
pub const REGISTRY_COLUMNS: [&str; 18] = [
    "id",
    "organisation",
    "published",
    "date_precision",
    "side",
    "metric",
    "scope",
    "period_start",
    "period_end",
    "rate",
    "low",
    "best",
    "high",
    "qualifier",
    "method",
    "method_class",
    "cited_in",
    "note",
];

/// A registry row that does not validate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}, {field}: {problem}")]
pub struct RegistryError {
    /// The file.
    pub file: String,
    /// The line (1 = the header).
    pub line: u64,
    /// The column.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

/// The curated registry, validated.
///
/// # Errors
/// [`RegistryError`] when a row does not validate (a test keeps the shipped file valid).
pub fn curated(today: Date) -> Result<Vec<Assessment>, RegistryError> {
    parse_registry("registry/assessments.csv", CURATED_REGISTRY, Origin::Curated, today)
}

/// Reads a registry-format CSV: every row validated, ids unique, no date after `today`.
///
/// # Errors
/// [`RegistryError`] naming the first bad row and field.
pub fn parse_registry(file: &str, text: &str, origin: Origin, today: Date) -> Result<Vec<Assessment>, RegistryError> {
    let error = |line: u64, field: &str, problem: String| RegistryError {
        file: file.to_owned(),
        line,
        field: field.to_owned(),
        problem,
    };
    let mut reader =
        csv::ReaderBuilder::new().flexible(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> =
        reader.headers().map_err(|e| error(1, "header", e.to_string()))?.iter().map(|h| h.trim().to_owned()).collect();
    for wanted in REGISTRY_COLUMNS {
        if !header.iter().any(|h| h == wanted) {
            return Err(error(1, wanted, format!("missing column (the columns are {})", REGISTRY_COLUMNS.join(","))));
        }
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(0);
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            error(line, "row", e.to_string())
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let get = |name: &str| record.get(column(name)).unwrap_or("").trim();
        let bad = |field: &str, problem: String| error(line, field, problem);
        let required = |name: &str| {
            let value = get(name);
            if value.is_empty() { Err(bad(name, "is empty".to_owned())) } else { Ok(value.to_owned()) }
        };
        let date = |name: &str| -> Result<Option<Date>, RegistryError> {
            let value = get(name);
            if value.is_empty() {
                return Ok(None);
            }
            let day: Date = value.parse().map_err(|_| bad(name, format!("{value:?} is not a date (YYYY-MM-DD)")))?;
            if day > today {
                return Err(bad(name, format!("{day} is in the future (today is {today})")));
            }
            Ok(Some(day))
        };
        let number = |name: &str| -> Result<Option<f64>, RegistryError> {
            let value = get(name).replace([',', '_'], "");
            if value.is_empty() {
                return Ok(None);
            }
            match value.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => Ok(Some(x)),
                _ => Err(bad(name, format!("{:?} is not a non-negative number", get(name)))),
            }
        };
        let id = required("id")?;
        if !seen.insert(id.clone()) {
            return Err(bad("id", format!("{id:?} appears twice")));
        }
        let published = date("published")?.ok_or_else(|| bad("published", "is empty".to_owned()))?;
        let date_precision = match get("date_precision") {
            "" | "day" => DatePrecision::Day,
            "month" => DatePrecision::Month,
            "year" => DatePrecision::Year,
            other => return Err(bad("date_precision", format!("{other:?} is not day, month or year"))),
        };
        let side: Side = required("side")?.parse().map_err(|e: String| bad("side", e))?;
        let metric: Metric =
            required("metric")?.parse().map_err(|e: attrition_model::UnknownMetric| bad("metric", e.to_string()))?;
        let (start, end) = (date("period_start")?, date("period_end")?);
        let rate = match get("rate") {
            "" => None,
            text => Some(text.parse::<RateUnit>().map_err(|e| bad("rate", e))?),
        };
        let scope = match required("scope")?.as_str() {
            "cumulative" => {
                if end.is_some() {
                    return Err(bad("period_end", "a cumulative figure has no end other than its date".to_owned()));
                }
                Scope::Cumulative { since: start.unwrap_or(WAR_START) }
            }
            "period" => match (start, end) {
                (Some(start), Some(end)) if start <= end => Scope::Period { start, end },
                (Some(start), Some(end)) => {
                    return Err(bad("period_end", format!("{end} is before period_start {start}")));
                }
                _ => return Err(bad("period_start", "a period needs period_start and period_end".to_owned())),
            },
            "rate" => {
                let per = rate
                    .ok_or_else(|| bad("rate", "a rate needs per_day, per_week, per_month or per_year".to_owned()))?;
                if let (Some(start), Some(end)) = (start, end)
                    && end < start
                {
                    return Err(bad("period_end", format!("{end} is before period_start {start}")));
                }
                Scope::Rate { per, start, end }
            }
            other => return Err(bad("scope", format!("{other:?} is not cumulative, period or rate"))),
        };
        let (low, best, high) = (number("low")?, number("best")?, number("high")?);
        if low.is_none() && best.is_none() && high.is_none() {
            return Err(bad("best", "no figure: give low, best or high".to_owned()));
        }
        if let (Some(l), Some(h)) = (low, high)
            && l > h
        {
            return Err(bad("low", format!("low {l} is above high {h}")));
        }
        for (name, value) in [("low", low), ("high", high)] {
            if let (Some(b), Some(v)) = (best, value)
                && ((name == "low" && v > b) || (name == "high" && v < b))
            {
                return Err(bad(name, format!("{name} {v} is on the wrong side of best {b}")));
            }
        }
        let qualifier: Hedge = get("qualifier").parse().map_err(|e| bad("qualifier", e))?;
        let method_class: MethodClass = required("method_class")?.parse().map_err(|e| bad("method_class", e))?;
        rows.push(Assessment {
            id,
            organisation: required("organisation")?,
            published,
            date_precision,
            side,
            metric,
            scope,
            low,
            best,
            high,
            qualifier,
            method: get("method").to_owned(),
            method_class,
            cited_in: required("cited_in")?,
            note: get("note").to_owned(),
            origin,
        });
    }
    if rows.is_empty() {
        return Err(error(1, "rows", "no assessments in the file".to_owned()));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 22);

    #[test]
    fn the_shipped_registry_validates() {
        let rows = curated(TODAY).unwrap();
        assert!(rows.len() >= 30);
        let bbc = rows.iter().find(|r| r.id == "bbcmz-2025-106745").unwrap();
        assert_eq!(bbc.metric, Metric::NamedKilled);
        assert_eq!(bbc.best, Some(106_745.0));
    }

    fn one_row(field: &str, value: &str) -> String {
        let mut values = vec![
            "x1",
            "Org",
            "2025-01-01",
            "day",
            "russia",
            "killed",
            "cumulative",
            "2022-02-24",
            "",
            "",
            "10",
            "20",
            "30",
            "range",
            "m",
            "statistical",
            "cited",
            "",
        ];
        if let Some(i) = REGISTRY_COLUMNS.iter().position(|c| *c == field) {
            values[i] = value;
        }
        format!("{}\n{}\n", REGISTRY_COLUMNS.join(","), values.join(","))
    }

    #[test]
    fn bad_rows_name_their_line_and_field() {
        let check = |field: &str, value: &str, expected: &str| {
            let error = parse_registry("mine.csv", &one_row(field, value), Origin::User, TODAY).unwrap_err();
            assert_eq!(error.line, 2);
            assert_eq!(error.field, field, "{error}");
            assert!(error.to_string().contains(expected), "{error}");
        };
        check("metric", "souls", "unknown metric");
        check("low", "40", "above high");
        check("published", "2027-01-01", "in the future");
        check("published", "2025-13-01", "not a date");
        check("side", "mars", "unknown side");
        check("scope", "forever", "not cumulative");
        check("qualifier", "roughly-ish", "unknown qualifier");
        check("method_class", "vibes", "unknown method class");
        check("high", "-5", "non-negative");
        assert!(parse_registry("mine.csv", &one_row("note", "ok"), Origin::User, TODAY).is_ok());
    }
}
