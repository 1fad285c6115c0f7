//! A secret set to a unique canary value never appears in Debug output, error messages,
//! status, provenance, warnings or overlay errors, whatever goes wrong around it.

#![allow(dead_code)] // Some fields exist only to be described by the schema.

use envspec::{EnvConfig, SecretBox, SecretString};
use serde_json::json;

const CANARY: &str = "CANARY-9d8c7b6a5f4e3d2c1b0a";

#[derive(EnvConfig, Debug)]
#[env(prefix = "SVC_")]
struct Secrets {
    #[env(secret, min_len = 40)]
    short_key: SecretString,
    #[env(secret)]
    pin: SecretBox<u32>,
    #[env(secret, alias = "OLD_TOKEN")]
    token: Option<SecretString>,
    #[env(secret, key(bytes = 32, hex))]
    encryption_key: Option<SecretString>,
    #[env(secret, pattern = "[a-z]+")]
    lower: Option<SecretString>,
    #[env(default = "x")]
    visible: String,
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} leaks the canary:\n{text}");
    assert!(!text.contains("9d8c7b6a"), "{what} leaks part of the canary:\n{text}");
}

#[test]
fn failed_loads_never_print_a_secret() {
    let err = Secrets::loader()
        .env_map([
            ("SVC_SHORT_KEY", CANARY),
            ("SVC_PIN", CANARY),
            ("SVC_TOKEN", CANARY),
            ("SVC_OLD_TOKEN", "something-else"),
            ("SVC_ENCRYPTION_KEY", CANARY),
            ("SVC_LOWER", CANARY),
            ("SVC_VISIBL", CANARY),
        ])
        .strict()
        .load()
        .unwrap_err();
    assert_eq!(err.problems().len(), 6, "{err}");
    assert_clean("LoadError Display", &err.to_string());
    assert_clean("LoadError Debug", &format!("{err:?}"));
    for p in err.problems() {
        assert_clean("Problem Display", &p.to_string());
    }
}

#[test]
fn successful_loads_never_print_a_secret() {
    let long = format!("{CANARY}{CANARY}");
    let loaded = Secrets::loader()
        .env_map([
            ("SVC_SHORT_KEY", long.as_str()),
            ("SVC_PIN", "1234"),
            ("SVC_OLD_TOKEN", CANARY),
            ("SVC_VISIBL", CANARY),
        ])
        .load()
        .unwrap();
    assert_clean("Loaded Debug", &format!("{loaded:?}"));
    assert_clean("config Debug", &format!("{:?}", loaded.config()));
    assert_clean("status", &loaded.status().to_string());
    assert_clean("status Debug", &format!("{:?}", loaded.status()));
    assert_clean("fingerprints", &loaded.status_with_fingerprints(b"key").to_string());
    for p in loaded.provenance() {
        assert_clean("provenance", &p.to_string());
        assert_clean("provenance Debug", &format!("{p:?}"));
    }
    for w in loaded.warnings() {
        assert_clean("warning", &w.to_string());
    }
    assert!(!loaded.warnings().is_empty(), "the alias and the typo warn");
}

#[test]
fn overlays_never_print_a_secret() {
    let loaded =
        Secrets::loader().env_map([("SVC_SHORT_KEY", "k".repeat(40).as_str()), ("SVC_PIN", "1")]).load().unwrap();
    let err = loaded.overlay(&json!({ "SVC_PIN": CANARY, "SVC_SHORT_KEY": CANARY, "SVC_LOWER": CANARY })).unwrap_err();
    assert_eq!(err.problems().len(), 3, "{err}");
    assert_clean("OverlayError Display", &err.to_string());
    assert_clean("OverlayError Debug", &format!("{err:?}"));
}

#[test]
fn the_schema_never_holds_a_secret_default() {
    #[derive(EnvConfig)]
    struct WithDefault {
        #[env(secret, default = "CANARY-9d8c7b6a5f4e3d2c1b0a")]
        key: SecretString,
    }
    let schema = WithDefault::schema();
    assert_clean("schema JSON", &serde_json::to_string(&schema).unwrap());
    assert_clean("schema Debug", &format!("{schema:?}"));
}
