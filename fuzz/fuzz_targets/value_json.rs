//! JSON values, and enums (unknown spellings get a suggestion).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(&["F_JSON", "F_ADAPTER"], data.0, data.1));
