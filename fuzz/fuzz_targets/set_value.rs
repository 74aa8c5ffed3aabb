//! A fixed valid scenario with one arbitrary `--set KEY=VALUE`.
#![no_main]

use adoptcost::harness::Override;
use adoptcost_fuzz::exercise::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let flag = String::from_utf8_lossy(data);
    // A flag that is not KEY=VALUE is refused before any scenario is read.
    let Ok(set) = Override::parse(&flag) else {
        return;
    };
    exercise::run(exercise::VALID, &[set], Options::for_input(data));
});
