//! Booleans, lax (`yes`, `on`, `1`, any case) and strict (`true`/`false` only).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(&["F_FLAG", "F_STRICT"], data.0, data.1));
