//! Durations: plain seconds and spans such as `1h 30m`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(&["F_WAIT"], data.0, data.1));
