//! End-to-end tests of `adoptcost`, in one test binary: each test runs the
//! real program in a folder of its own and looks only at what it prints and
//! the files it writes (see `support`). A module per command, then the
//! concerns that cut across them.

mod support;

// One module per command.
mod assumptions;
mod check;
mod compare;
mod new;
mod portfolio;
mod report;
mod run;
mod solve;
mod sweep;

// What every command's output promises.
mod charts;
mod correlation;
mod error_messages;
mod examples;
mod formulas;
mod hardening;
mod layering;
mod xlsx;
