//! Extraction of claims from text (placeholder until the grammar lands).

use attrition_model::Claim;
use jiff::civil::Date;

/// The claims in `text`, written on `date`.
#[must_use]
pub fn extract(_text: &str, _date: Date) -> Vec<Claim> {
    Vec::new()
}
