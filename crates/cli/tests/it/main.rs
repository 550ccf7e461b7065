//! Integration tests of the `attrition` binary against the real data in `../shared/data/`, a
//! real SQLite file and, for `sync`, a real HTTP server on 127.0.0.1.

mod bad_input;
mod figures;
mod harness;
mod import;
mod sync;
