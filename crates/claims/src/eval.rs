//! Field-level evaluation of extraction and checking against labelled articles.
