//! Hex and base64 keys of 32 bytes (a secret).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(&["F_KEY"], data.0, data.1));
