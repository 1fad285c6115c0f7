//! Integers and floats with ranges: `1..=65535`, `min = -5`, `0.0..=1.0`, `gt = 0` (overflow, `NaN`, `inf`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(
    &["F_PORT", "F_SIGNED", "F_RATIO", "F_TIMEOUT"],
    data.0,
    data.1
));
