//! CSV cells that a spreadsheet cannot execute.
//!
//! Spreadsheets treat a cell beginning with `=`, `+`, `-` or `@` as a formula, and tab or
//! carriage return can smuggle one past a check, so text from users or upstreams
//! (`=HYPERLINK(…)`, `@SUM(1+1)`) would run when an exported CSV is opened. Every CSV writer
//! of attrition (the CLI's `--csv` and the API's CSV) passes each cell through [`csv_cell`],
//! which prefixes such a cell with a single quote, as OWASP recommends. A cell that is a plain
//! number (`-5`, `+14`, `-0.25`) is left alone: the tool writes signed changes in numeric
//! columns, a spreadsheet reads them as numbers and nothing in them can execute.

use std::borrow::Cow;

/// Whether `cell` is a plain decimal number: an optional sign, digits, optionally a point and
/// more digits.
fn is_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `cell`, made safe to open in a spreadsheet: prefixed with `'` when it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return and is not a plain number.
#[must_use]
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') if !is_number(cell) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn formulas_are_neutralised() {
        for cell in
            ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "+1+1", "-1+1", "\t=1", "\r=1", "=", "-", "+", "-5%"]
        {
            assert_eq!(csv_cell(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        for cell in ["-5", "+14", "-0.25", "1271.0", "", "personnel", "2024-09", "a=b", " =1"] {
            assert_eq!(csv_cell(cell), cell, "{cell:?}");
        }
    }
}
