//! Paths with `~` expansion, and the `parent` filter over them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(&["F_PATH", "F_DB"], data.0, data.1));
