//! Lists and sets in both spellings (commas, JSON arrays) and with other separators.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (u8, &str)| envconfig_fuzz::check_family(
    &["F_WORDS", "F_PORTS", "F_ORIGINS", "F_SCOPES", "F_HOSTS"],
    data.0,
    data.1
));
