//! The capture table: how many records fall in each capture pattern, keyed by a bitmask (bit `j`
//! set = on list `j + 1`), and its checks (METHODS.md §1.1).
//!
//! Two input layouts are read, told apart by the header:
//! * **aggregated**: one 0/1 column per list and a `count` column (also `freq` or
//!   `frequency`, as R's `as.data.frame(table(...))` writes it) giving the number of records with
//!   that pattern; a pattern missing from the file counts zero, and the all-zero pattern must be
//!   absent or zero (nobody can be counted as on no list);
//! * **records**: one row per record, one 0/1 column per list, optionally an `id` (or `record`,
//!   `record_id`) column, which is ignored apart from refusing repeats.
//!
//! The packages order cells differently: dga's R arrays vary the first list fastest, which is
//! exactly the bitmask order used here ([`CaptureTable::new`]); Rcapture's `histpos.t` lists
//! `11…1` first and counts down ([`CaptureTable::from_histpos`]).

use super::MseError;
use serde::Serialize;

/// The most lists a table may have (2^15 − 1 observable patterns).
pub const MAX_LISTS: usize = 15;

/// The largest total a table may hold (10¹²): far above any list of people, and small enough
/// that no sum of counts can overflow.
pub const MAX_TOTAL: u64 = 1_000_000_000_000;

/// Lists with fewer records than this are warned about (dga `check.strata`).
pub const SMALL_LIST: u64 = 10;

/// Counts by capture pattern for `J` named lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaptureTable {
    names: Vec<String>,
    /// `counts[mask]`, `2^J` entries; `counts[0]` (on no list) is always 0.
    counts: Vec<u64>,
}

impl CaptureTable {
    /// A table from counts in bitmask order (`counts[mask]`, bit `j` = list `j + 1`; this is
    /// also R's array order with the first list varying fastest, as dga takes it). `counts[0]`
    /// must be zero.
    pub fn new(names: Vec<String>, counts: Vec<u64>) -> Result<CaptureTable, MseError> {
        let lists = names.len();
        if lists < 2 {
            return Err(MseError::TooFewLists { lists });
        }
        if lists > MAX_LISTS {
            return Err(MseError::TooManyLists { lists, max: MAX_LISTS });
        }
        for (i, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(MseError::EmptyListName { position: i + 1 });
            }
            if names[..i].contains(name) {
                return Err(MseError::DuplicateList { name: name.clone() });
            }
        }
        if counts.len() != 1 << lists {
            return Err(MseError::CellCount { lists, expected: 1 << lists, found: counts.len() });
        }
        if counts[0] != 0 {
            return Err(MseError::UnobservedCell { count: counts[0] });
        }
        let total = counts.iter().try_fold(0u64, |sum, &c| sum.checked_add(c).filter(|&s| s <= MAX_TOTAL));
        if total.is_none() {
            return Err(MseError::TooLarge { max: MAX_TOTAL });
        }
        let table = CaptureTable { names, counts };
        if table.observed() == 0 {
            return Err(MseError::NoRecords);
        }
        for j in 0..lists {
            if table.list_size(j) == 0 {
                return Err(MseError::EmptyList { name: table.names[j].clone() });
            }
        }
        Ok(table)
    }

    /// A table from counts in Rcapture's `histpos.t(J)` order: the patterns `11…1, 11…10, …,
    /// 0…01` read with list 1 first, i.e. the masks counted down from `2^J − 1` with list 1 as the
    /// most significant digit. `counts` has `2^J − 1` entries.
    pub fn from_histpos(names: Vec<String>, counts: &[u64]) -> Result<CaptureTable, MseError> {
        let lists = names.len();
        if !(2..=MAX_LISTS).contains(&lists) {
            return CaptureTable::new(names, Vec::new());
        }
        let cells = (1usize << lists) - 1;
        if counts.len() != cells {
            return Err(MseError::CellCount { lists, expected: cells, found: counts.len() });
        }
        let mut by_mask = vec![0; cells + 1];
        for (row, &count) in counts.iter().enumerate() {
            // Row r holds the pattern whose digits (list 1 first) spell 2^J − 1 − r in binary.
            let digits = cells - row;
            let mut mask = 0usize;
            for j in 0..lists {
                if digits >> (lists - 1 - j) & 1 == 1 {
                    mask |= 1 << j;
                }
            }
            by_mask[mask] = count;
        }
        CaptureTable::new(names, by_mask)
    }

    /// The number of lists `J`.
    #[must_use]
    pub fn lists(&self) -> usize {
        self.names.len()
    }

    /// The list names, list 1 first.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Counts in bitmask order (`2^J` entries, the first zero).
    #[must_use]
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The count of one pattern.
    #[must_use]
    pub fn count(&self, mask: usize) -> u64 {
        self.counts.get(mask).copied().unwrap_or(0)
    }

    /// Records observed on at least one list, `n`.
    #[must_use]
    pub fn observed(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Records on list `j` (0-based).
    #[must_use]
    pub fn list_size(&self, j: usize) -> u64 {
        self.sum_where(1 << j)
    }

    /// Records on both lists `i` and `j` (0-based).
    #[must_use]
    pub fn overlap(&self, i: usize, j: usize) -> u64 {
        self.sum_where((1 << i) | (1 << j))
    }

    /// Records on every list of `mask`.
    #[must_use]
    pub fn sum_where(&self, mask: usize) -> u64 {
        self.counts.iter().enumerate().filter(|(cell, _)| cell & mask == mask).map(|(_, c)| c).sum()
    }

    /// The pattern of a mask as 0/1 digits, list 1 first (`"1010"`).
    #[must_use]
    pub fn pattern(&self, mask: usize) -> String {
        (0..self.lists()).map(|j| if mask >> j & 1 == 1 { '1' } else { '0' }).collect()
    }

    /// The table of a subset of the lists (0-based, in the order given): records on none of them
    /// drop out.
    pub fn select(&self, lists: &[usize]) -> Result<CaptureTable, MseError> {
        let mut names = Vec::with_capacity(lists.len());
        for &j in lists {
            let name = self.names.get(j).ok_or_else(|| MseError::UnknownList {
                name: format!("#{}", j + 1),
                available: self.names.join(", "),
            })?;
            names.push(name.clone());
        }
        let mut counts = vec![0; 1usize.checked_shl(lists.len() as u32).unwrap_or(0)];
        for (cell, &count) in self.counts.iter().enumerate() {
            let mut mask = 0usize;
            for (k, &j) in lists.iter().enumerate() {
                if cell >> j & 1 == 1 {
                    mask |= 1 << k;
                }
            }
            if mask != 0 {
                counts[mask] += count;
            }
        }
        CaptureTable::new(names, counts)
    }

    /// The table of the named lists, in the order given.
    pub fn select_names(&self, wanted: &[String]) -> Result<CaptureTable, MseError> {
        let mut lists = Vec::with_capacity(wanted.len());
        for name in wanted {
            let position = self
                .names
                .iter()
                .position(|n| n == name.trim())
                .ok_or_else(|| MseError::UnknownList { name: name.clone(), available: self.names.join(", ") })?;
            if lists.contains(&position) {
                return Err(MseError::DuplicateList { name: name.clone() });
            }
            lists.push(position);
        }
        self.select(&lists)
    }

    /// Problems that do not stop an estimate but weaken it: small lists, a list that overlaps no
    /// other (its dependence on the others cannot be estimated), and only two lists (estimates
    /// then rest on independence).
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let lists = self.lists();
        if lists == 2 {
            warnings.push(
                "only two lists: every estimate rests on the two lists being independent (positive dependence, the usual case, makes it too low)"
                    .to_owned(),
            );
        }
        for j in 0..lists {
            let size = self.list_size(j);
            if size < SMALL_LIST {
                warnings.push(format!("list {} has only {size} records (fewer than {SMALL_LIST})", self.names[j]));
            }
            if lists > 2 && (0..lists).filter(|&k| k != j).all(|k| self.overlap(j, k) == 0) {
                warnings.push(format!(
                    "list {} shares no record with any other list: its dependence on the others cannot be estimated",
                    self.names[j]
                ));
            }
        }
        for i in 0..lists {
            for k in (i + 1)..lists {
                if lists > 2 && self.overlap(i, k) == 0 {
                    warnings.push(format!(
                        "lists {} and {} share no record: models with their interaction are not identifiable",
                        self.names[i], self.names[k]
                    ));
                }
            }
        }
        warnings
    }

    /// Refuses a table in which no record is on two lists: with no recaptures nothing links the
    /// lists, and every estimate of the unseen is infinite (Lincoln–Petersen) or an artefact of
    /// its small-sample correction (Chapman).
    pub fn require_overlap(&self) -> Result<(), MseError> {
        if self.counts.iter().enumerate().any(|(mask, &count)| count > 0 && mask.count_ones() >= 2) {
            Ok(())
        } else {
            Err(MseError::NoOverlap { lists: self.names.join(", ") })
        }
    }
}

/// One data row of the input file with its line number (1-based, the header being line 1).
#[derive(Debug, Clone)]
pub struct InputRow {
    /// The line number in the file.
    pub line: u64,
    /// The fields, as read.
    pub fields: Vec<String>,
}

/// How the input file was laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// One row per capture pattern with a count.
    Aggregated,
    /// One row per record.
    Records,
}

/// A table read from rows, with how it was laid out.
#[derive(Debug, Clone, Serialize)]
pub struct ParsedInput {
    /// The table.
    pub table: CaptureTable,
    /// The layout detected from the header.
    pub layout: Layout,
    /// Data rows read.
    pub rows: usize,
}

const COUNT_COLUMNS: [&str; 3] = ["count", "freq", "frequency"];
const ID_COLUMNS: [&str; 3] = ["id", "record", "record_id"];

/// Reads a capture table from a header and data rows, detecting the layout from the header (a
/// `count`/`freq` column means aggregated). Every error names the line and, for a bad value, the
/// column.
pub fn read_rows(header: &[String], rows: impl IntoIterator<Item = InputRow>) -> Result<ParsedInput, MseError> {
    let header: Vec<String> = header.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_owned()).collect();
    let is = |name: &str, set: &[&str]| set.iter().any(|s| name.eq_ignore_ascii_case(s));
    let count_column = header.iter().position(|h| is(h, &COUNT_COLUMNS));
    let id_column = header.iter().position(|h| is(h, &ID_COLUMNS));
    let mut list_columns = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if Some(i) == count_column || Some(i) == id_column {
            continue;
        }
        if name.is_empty() {
            return Err(MseError::EmptyListName { position: i + 1 });
        }
        if header[..i].contains(name) {
            return Err(MseError::DuplicateList { name: name.clone() });
        }
        list_columns.push(i);
    }
    let lists = list_columns.len();
    if lists < 2 {
        return Err(MseError::TooFewLists { lists });
    }
    if lists > MAX_LISTS {
        return Err(MseError::TooManyLists { lists, max: MAX_LISTS });
    }
    let names: Vec<String> = list_columns.iter().map(|&i| header[i].clone()).collect();
    let mut counts = vec![0u64; 1 << lists];
    let mut first_line = vec![0u64; 1 << lists];
    let mut ids: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let mut read = 0usize;
    let mut total = 0u64;
    for row in rows {
        let line = row.line;
        if row.fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if row.fields.len() != header.len() {
            return Err(MseError::FieldCount { line, expected: header.len(), found: row.fields.len() });
        }
        read += 1;
        let mut mask = 0usize;
        for (k, &i) in list_columns.iter().enumerate() {
            match row.fields[i].trim() {
                "1" => mask |= 1 << k,
                "0" => {}
                other => {
                    return Err(MseError::BadFlag { line, column: header[i].clone(), value: other.to_owned() });
                }
            }
        }
        match count_column {
            Some(c) => {
                let count = parse_count(&row.fields[c], line, &header[c])?;
                if mask == 0 {
                    if count > 0 {
                        return Err(MseError::UnobservedPattern { line, count });
                    }
                    continue;
                }
                if first_line[mask] != 0 {
                    return Err(MseError::DuplicatePattern {
                        line,
                        first_line: first_line[mask],
                        pattern: pattern_text(&names, mask),
                    });
                }
                first_line[mask] = line;
                counts[mask] = count;
                total = total.saturating_add(count);
                if total > MAX_TOTAL {
                    return Err(MseError::TooLarge { max: MAX_TOTAL });
                }
            }
            None => {
                if mask == 0 {
                    return Err(MseError::RecordOnNoList { line });
                }
                if let Some(i) = id_column {
                    let id = row.fields[i].trim().to_owned();
                    if !id.is_empty()
                        && let Some(first) = ids.insert(id.clone(), line)
                    {
                        return Err(MseError::DuplicateId { line, first_line: first, id });
                    }
                }
                counts[mask] += 1;
            }
        }
    }
    if read == 0 {
        return Err(MseError::NoRecords);
    }
    let layout = if count_column.is_some() { Layout::Aggregated } else { Layout::Records };
    Ok(ParsedInput { table: CaptureTable::new(names, counts)?, layout, rows: read })
}

fn parse_count(text: &str, line: u64, column: &str) -> Result<u64, MseError> {
    let text = text.trim();
    let bad =
        |reason: &'static str| MseError::BadCount { line, column: column.to_owned(), value: text.to_owned(), reason };
    if text.is_empty() {
        return Err(bad("it is empty"));
    }
    if text.starts_with('-') {
        return Err(bad("a count cannot be negative"));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("a count must be a whole number of records"));
    }
    text.parse::<u64>().ok().filter(|&c| c <= MAX_TOTAL).ok_or_else(|| bad("it is larger than 10^12"))
}

fn pattern_text(names: &[String], mask: usize) -> String {
    let on: Vec<&str> = names.iter().enumerate().filter(|(j, _)| mask >> j & 1 == 1).map(|(_, n)| n.as_str()).collect();
    format!("on {} only", on.join(" and "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histpos_order_is_list_one_first_counting_down() {
        // histpos.t(3): 111, 110, 101, 100, 011, 010, 001.
        let names = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let table = CaptureTable::from_histpos(names, &[1, 2, 3, 4, 5, 6, 7]).unwrap();
        assert_eq!(table.count(0b111), 1);
        assert_eq!(table.count(0b011), 2); // 110: on a and b
        assert_eq!(table.count(0b101), 3); // 101: on a and c
        assert_eq!(table.count(0b001), 4); // 100: on a only
        assert_eq!(table.count(0b110), 5);
        assert_eq!(table.count(0b010), 6);
        assert_eq!(table.count(0b100), 7);
        assert_eq!(table.pattern(0b011), "110");
    }
}
