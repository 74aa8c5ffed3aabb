//! Hardening (docs/bad-input.md): no panic on any input, limits refused with
//! a clear message, nothing lost or half-written, each output folder written
//! as one transaction (never through a link, never mixed with another run's,
//! never by halves, Ctrl-C included), the same bytes from the same inputs,
//! CSV files safe to open in a spreadsheet, nothing raw on the terminal,
//! output only inside `--out`, closed pipes, odd encodings and missing
//! threads handled. Each module is one of those promises.

mod atomic_writes;
mod concurrency;
mod csv_injection;
mod determinism;
mod encodings;
mod folders;
mod generated_scenarios;
mod grammar;
mod interrupt;
mod limits;
mod paths;
mod pipes;
mod symlinks;
mod terminal;
mod threads;
