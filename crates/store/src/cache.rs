//! The series cache: each (source, category)'s readings packed into one blob, rewritten in the
//! same transaction as every change to the observations, so that loading a record reads a
//! score of blobs instead of twenty thousand rows (the rows stay the record of provenance).
//!
//! A reading is 13 bytes: the report date as year (i16, little-endian), month and day (one byte
//! each), the cumulative value (i64, little-endian) and the qualifier (0 none, 1 about, 2 more).

use attrition_model::{Category, Observation, Qualifier};
use jiff::civil::Date;
use rusqlite::{Transaction, params};

const READING: usize = 13;

/// Rebuilds the cache of `source` from its observations.
pub(crate) fn rebuild(tx: &Transaction<'_>, source: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM series_cache WHERE source = ?1", [source])?;
    let mut select = tx.prepare_cached(
        "SELECT category, report_date, value, qualifier FROM observations WHERE source = ?1 ORDER BY category, report_date",
    )?;
    let mut insert = tx.prepare_cached("INSERT INTO series_cache (source, category, readings) VALUES (?1, ?2, ?3)")?;
    let mut rows = select.query([source])?;
    let mut current: Option<(String, Vec<u8>)> = None;
    while let Some(row) = rows.next()? {
        let category: String = row.get(0)?;
        let date: String = row.get(1)?;
        let value: i64 = row.get(2)?;
        let qualifier: Option<String> = row.get(3)?;
        if current.as_ref().is_none_or(|(c, _)| *c != category) {
            if let Some((c, blob)) = current.take() {
                insert.execute(params![source, c, blob])?;
            }
            current = Some((category, Vec::new()));
        }
        if let Some((_, blob)) = current.as_mut() {
            let parsed: Date = date.parse().map_err(|_| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    format!("date {date:?}").into(),
                )
            })?;
            blob.extend_from_slice(&parsed.year().to_le_bytes());
            blob.push(parsed.month().to_le_bytes()[0]);
            blob.push(parsed.day().to_le_bytes()[0]);
            blob.extend_from_slice(&value.to_le_bytes());
            blob.push(match qualifier.as_deref().and_then(Qualifier::from_word) {
                None => 0,
                Some(Qualifier::About) => 1,
                Some(Qualifier::More) => 2,
            });
        }
    }
    if let Some((c, blob)) = current {
        insert.execute(params![source, c, blob])?;
    }
    Ok(())
}

/// Unpacks one category's blob, or says what is wrong with it.
pub(crate) fn unpack(category: Category, blob: &[u8], out: &mut Vec<Observation>) -> Result<(), String> {
    if !blob.len().is_multiple_of(READING) {
        return Err(format!("series cache of {category} has {} bytes, not a multiple of {READING}", blob.len()));
    }
    out.reserve(blob.len() / READING);
    for reading in blob.chunks_exact(READING) {
        let year = i16::from_le_bytes([reading[0], reading[1]]);
        let (month, day) = (i8::from_le_bytes([reading[2]]), i8::from_le_bytes([reading[3]]));
        let report_date =
            Date::new(year, month, day).map_err(|e| format!("series cache of {category}: bad date ({e})"))?;
        let mut value = [0_u8; 8];
        value.copy_from_slice(&reading[4..12]);
        let qualifier = match reading[12] {
            0 => None,
            1 => Some(Qualifier::About),
            2 => Some(Qualifier::More),
            other => return Err(format!("series cache of {category}: qualifier code {other}")),
        };
        out.push(Observation { report_date, category, value: i64::from_le_bytes(value), qualifier });
    }
    Ok(())
}
