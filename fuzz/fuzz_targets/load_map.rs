//! The whole load path from an arbitrary map of variables, including non-UTF-8 values, in
//! every profile; a secret set to the canary never shows up in any output.
#![no_main]

use envspec::EnvConfig;
use envconfig_fuzz::{CANARY, Fuzzed, assert_no_canary};
use libfuzzer_sys::fuzz_target;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

fuzz_target!(|data: (bool, Vec<(String, Vec<u8>)>)| {
    let (production, vars) = data;
    let mut pairs: Vec<(String, OsString)> = vars.into_iter().map(|(k, v)| (k, OsString::from_vec(v))).collect();
    pairs.push(("F_SECRET".into(), OsString::from(format!("{CANARY}{CANARY}{CANARY}"))));
    let mut loader = Fuzzed::loader().env_map(pairs).home_dir("/home/fuzz");
    if production {
        loader = loader.profile("production");
    }
    match loader.load() {
        Ok(loaded) => {
            assert_no_canary("status", &loaded.status().to_string());
            assert_no_canary("debug", &format!("{loaded:?}"));
            assert_no_canary("provenance", &format!("{:?}", loaded.provenance()));
            assert_no_canary("warnings", &format!("{:?}", loaded.warnings()));
        }
        Err(e) => {
            assert!(!e.problems().is_empty());
            assert_no_canary("error", &e.to_string());
            assert_no_canary("error debug", &format!("{e:?}"));
        }
    }
});
