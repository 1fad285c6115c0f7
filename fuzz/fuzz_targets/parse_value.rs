//! Every value family and rule kind: the input is the value of each variable in turn.
#![no_main]

use envconfig_fuzz::Fuzzed;
use config_runtime::EnvConfig;
use libfuzzer_sys::fuzz_target;

const VARS: &[&str] = &[
    "F_FLAG", "F_STRICT", "F_PORT", "F_SIGNED", "F_RATIO", "F_TIMEOUT", "F_WORDS", "F_PORTS", "F_ORIGINS",
    "F_WAIT", "F_URL", "F_PATH", "F_KEY", "F_JSON", "F_ADAPTER",
];

fuzz_target!(|data: (u8, &str)| {
    let (which, value) = data;
    let var = VARS[which as usize % VARS.len()];
    let result = Fuzzed::loader().env_map([(var, value)]).home_dir("/home/fuzz").load();
    if let Err(e) = result {
        assert!(!e.problems().is_empty());
        let _ = e.to_string();
    }
});
