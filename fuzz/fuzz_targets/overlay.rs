//! A runtime overlay from arbitrary JSON onto a valid load: refused or applied, never a panic,
//! and never a secret in the error.
#![no_main]

use envspec::{EnvConfig, OverlayMode};
use envconfig_fuzz::{CANARY, Fuzzed, assert_no_canary};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (bool, &str)| {
    let (strip, text) = data;
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else { return };
    let secret = format!("{CANARY}{CANARY}{CANARY}");
    let loaded = Fuzzed::loader().env_map([("F_SECRET", secret.as_str())]).load().expect("the base load is valid");
    let mode = if strip { OverlayMode::Strip } else { OverlayMode::Refuse };
    match loaded.overlay_with(&json, mode) {
        Ok(next) => assert_no_canary("overlay status", &next.status().to_string()),
        Err(e) => {
            assert!(!e.problems().is_empty());
            assert_no_canary("overlay error", &e.to_string());
        }
    }
});
