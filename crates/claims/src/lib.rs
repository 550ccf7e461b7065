//! Claims: every numeric statement about losses in a text, extracted by a hand-written grammar
//! (`extract`), and checked against the daily record as of the text's date (`check`), with the
//! field-level evaluation against labelled articles (`eval`).

pub mod check;
pub mod eval;
pub mod extract;
pub mod readings;
