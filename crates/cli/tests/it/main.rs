//! Integration tests of the `attrition` binary against the real data in `../shared/data/`, a
//! real SQLite file and, for `sync`, a real HTTP server on 127.0.0.1.

// clippy.toml's allow-*-in-tests covers `#[test]` functions only, not the helpers beside them;
// the fixture table in `figures` is built by a `const fn` with one argument per column.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_arguments)]

mod api;
mod assessments;
mod bad_input;
mod balance;
mod charts;
mod claims;
mod dashboard;
mod figures;
mod forecast;
mod hardening;
mod harness;
mod import;
mod mse;
mod oryx;
mod report;
mod robust;
mod server;
mod serving;
mod sync;
mod trends;
mod writers;
