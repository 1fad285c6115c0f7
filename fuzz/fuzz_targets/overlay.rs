//! A runtime overlay from arbitrary JSON onto a valid load: refused or applied, never a panic,
//! and never a secret in the error or the status (found: an unknown key holding the secret was
//! echoed as written).
#![no_main]

use envconfig_fuzz::{CANARY, Fuzzed, assert_no_canary};
use envspec::{EnvConfig, OverlayMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (bool, &str)| {
    let (strip, text) = data;
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else { return };
    let secret = format!("{CANARY}{CANARY}{CANARY}");
    let loaded = Fuzzed::loader().env_map([("F_SECRET", secret.as_str())]).load().expect("the base load is valid");
    let mode = if strip { OverlayMode::Strip } else { OverlayMode::Refuse };
    let shown = match loaded.overlay_with(&json, mode) {
        Ok(next) => next.status().to_string(),
        Err(e) => {
            assert!(!e.problems().is_empty());
            format!("{e} {e:?}")
        }
    };
    // The secret is never shown whole. Part of it may be, when the overlay's own text holds
    // that part: a value is shown as the caller wrote it (a report shortens a long value, so
    // `CANARY…` can be the start of the caller's text, not of the secret).
    assert!(!shown.contains(&secret), "the overlay report shows the secret: {shown}");
    if !text.contains(CANARY) && !json.to_string().contains(CANARY) {
        assert_no_canary("overlay report", &shown);
    }
});
