//! What a load reports: provenance, status, fingerprints, and runtime overlays with
//! bootstrap-only variables refused.

#![allow(dead_code)] // Some fields exist only to be described by the schema.

use envspec::{
    EnvConfig, ExposeSecret, Origin, OverlayMode, OverlayProblem, Problem, SecretString, State, ValueSource, Warning,
};
use serde_json::json;

#[derive(EnvConfig, Debug)]
struct Storage {
    #[env(bootstrap, default = "sqlite")]
    storage_adapter: String,
    #[env(bootstrap)]
    storage_mongodb_uri: Option<String>,
}

#[derive(EnvConfig, Debug)]
struct Parako {
    #[env(bootstrap, default = 9007, range = 1..=65535)]
    deployment_server_port: u16,
    #[env(flatten)]
    storage: Storage,
    #[env(default = "x-tenant-id")]
    tenant_header: String,
    #[env(secret, min_len = 32)]
    jwt_secret: Option<SecretString>,
    #[env(alias = "LEGACY_TOKEN")]
    api_token: Option<String>,
}

#[test]
fn provenance_says_where_each_value_came_from() {
    let loaded = Parako::loader().env_map([("DEPLOYMENT_SERVER_PORT", "9100"), ("LEGACY_TOKEN", "t")]).load().unwrap();
    let lines: Vec<String> = loaded.provenance().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        lines,
        [
            "DEPLOYMENT_SERVER_PORT: in-memory source",
            "STORAGE_ADAPTER: default",
            "STORAGE_MONGODB_URI: unset",
            "TENANT_HEADER: default",
            "JWT_SECRET: unset",
            "API_TOKEN: in-memory source (via LEGACY_TOKEN)",
        ]
    );
    assert_eq!(loaded.provenance()[1].path, "storage.storage_adapter");
}

#[test]
fn status_is_set_defaulted_or_unset_and_never_a_value() {
    let canary = "CANARY-status-0b1c2d3e4f5a6b7c8d9e0f1a";
    let loaded = Parako::loader().env_map([("JWT_SECRET", canary)]).load().unwrap();
    let status = loaded.status();
    assert_eq!(status.get("JWT_SECRET").unwrap().state, State::Set);
    assert_eq!(status.get("TENANT_HEADER").unwrap().state, State::Defaulted);
    assert_eq!(status.get("STORAGE_MONGODB_URI").unwrap().state, State::Unset);
    let text = status.to_string();
    assert!(text.contains("JWT_SECRET              set (secret)"), "{text}");
    assert!(!text.contains(canary));
    assert!(status.get("JWT_SECRET").unwrap().fingerprint.is_none(), "fingerprints are off by default");
}

#[test]
fn fingerprints_tell_secrets_apart_without_showing_them() {
    let a = "CANARY-fingerprint-aaaaaaaaaaaaaaaaaaaaaaaa";
    let b = "CANARY-fingerprint-bbbbbbbbbbbbbbbbbbbbbbbb";
    let fp = |secret: &str, key: &[u8]| {
        let loaded = Parako::loader().env_map([("JWT_SECRET", secret)]).load().unwrap();
        loaded.status_with_fingerprints(key).get("JWT_SECRET").unwrap().fingerprint.clone().unwrap()
    };
    assert_eq!(fp(a, b"k1"), fp(a, b"k1"));
    assert_ne!(fp(a, b"k1"), fp(b, b"k1"));
    assert_ne!(fp(a, b"k1"), fp(a, b"k2"), "the fingerprint is keyed");
    assert_eq!(fp(a, b"k1").len(), 16);
    assert!(!fp(a, b"k1").contains("CANARY"));
}

#[test]
fn an_overlay_changes_runtime_settings_through_the_same_rules() {
    let loaded = Parako::loader().env_map::<&str, &str>([]).load().unwrap();
    let next = loaded.overlay(&json!({ "TENANT_HEADER": "x-org", "api_token": 42 })).unwrap();
    assert_eq!(next.tenant_header, "x-org");
    assert_eq!(next.api_token.as_deref(), Some("42"));
    let p = next.provenance().iter().find(|p| p.variable == "TENANT_HEADER").unwrap();
    assert_eq!(p.source, ValueSource::Set(Origin::Overlay));
    let back = next.overlay(&json!({ "TENANT_HEADER": null })).unwrap();
    assert_eq!(back.tenant_header, "x-tenant-id", "null unsets the overlay value");
}

#[test]
fn an_overlay_refuses_bootstrap_only_and_unknown_keys() {
    let loaded = Parako::loader().env_map::<&str, &str>([]).load().unwrap();
    let err = loaded
        .overlay(&json!({ "storage.storage_adapter": "postgresql", "DEPLOYMENT_SERVER_PORT": 1, "TENANT_HEADR": "x" }))
        .unwrap_err();
    assert_eq!(
        err.problems(),
        [
            OverlayProblem::BootstrapOnly {
                key: "DEPLOYMENT_SERVER_PORT".into(),
                variable: "DEPLOYMENT_SERVER_PORT".into()
            },
            OverlayProblem::UnknownKey { key: "TENANT_HEADR".into(), suggestion: Some("TENANT_HEADER".into()) },
            OverlayProblem::BootstrapOnly { key: "storage.storage_adapter".into(), variable: "STORAGE_ADAPTER".into() },
        ]
    );
    assert!(err.to_string().contains("STORAGE_ADAPTER is bootstrap-only"), "{err}");
    assert!(loaded.overlay(&json!(["not", "an", "object"])).is_err());
}

#[test]
fn an_overlay_can_strip_bootstrap_keys_instead() {
    let loaded = Parako::loader().env_map::<&str, &str>([]).load().unwrap();
    let next = loaded
        .overlay_with(&json!({ "STORAGE_ADAPTER": "postgresql", "TENANT_HEADER": "x-org" }), OverlayMode::Strip)
        .unwrap();
    assert_eq!(next.storage.storage_adapter, "sqlite");
    assert_eq!(next.tenant_header, "x-org");
    assert_eq!(
        next.warnings(),
        [Warning::BootstrapStripped { key: "STORAGE_ADAPTER".into(), variable: "STORAGE_ADAPTER".into() }]
    );
}

#[test]
fn an_invalid_overlay_is_refused_with_every_problem_and_secrets_masked() {
    let canary = "CANARY-overlay-too-short";
    let loaded = Parako::loader().env_map::<&str, &str>([]).load().unwrap();
    let err = loaded.overlay(&json!({ "JWT_SECRET": canary, "TENANT_HEADER": "" })).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert!(
        matches!(&err.problems()[0], OverlayProblem::Invalid(Problem::Rule { variable, .. }) if variable == "JWT_SECRET")
    );
    assert!(!err.to_string().contains(canary), "{err}");
    assert!(!format!("{err:?}").contains(canary));
    assert!(err.to_string().contains("JWT_SECRET = (secret value hidden) must be at least 32 characters"), "{err}");
    assert_eq!(loaded.jwt_secret.as_ref().map(|s| s.expose_secret().len()), None);
}
