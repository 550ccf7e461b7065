//! Checking claims against the daily record.
