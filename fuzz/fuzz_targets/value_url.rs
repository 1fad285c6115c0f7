//! URLs with a scheme rule, and `default_from` filters over URL text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(&["F_URL", "F_API"], data.0, data.1));
