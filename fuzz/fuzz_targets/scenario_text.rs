//! Arbitrary bytes as scenario text: parse and validate, and when valid run the
//! base case, sensitivity, a small sampling run and every CSV exporter.
#![no_main]

use adoptcost_fuzz::exercise::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    exercise::run(&text, &[], Options::for_input(data));
});
