//! Hardening (docs/bad-input.md): no panic on any input, limits refused with
//! a clear message, nothing lost or half-written, CSV files safe to open in a
//! spreadsheet, output only inside `--out`, closed pipes and odd encodings
//! handled. Each module is one of those promises.

mod atomic_writes;
mod csv_injection;
mod encodings;
mod generated_scenarios;
mod grammar;
mod limits;
mod paths;
mod pipes;
