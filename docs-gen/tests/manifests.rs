//! The generated Kubernetes manifests are safe to apply: for every showcase configuration,
//! loading them as they come (as `docs-gen validate` does) fails in production naming every
//! placeholder still to fill, and once filled with valid values they load. `validate` reads
//! manifests and Compose files as the platforms do.

use envconfig_examples::{cadence::CadenceSettings, orcheo::OrcheoSettings, parako::ParakoSettings};
use envspec::EnvConfig;
use envspec_docs::cli::{Target, validate_target};
use envspec_docs::{Format, RenderOptions, render};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("manifests-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn docs(yaml: &str) -> Vec<Value> {
    use serde::Deserialize;
    serde_norway::Deserializer::from_str(yaml).map(|d| Value::deserialize(d).unwrap()).collect()
}

/// Every key of the manifests and its value.
fn keys(yaml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for doc in docs(yaml) {
        for field in ["data", "stringData"] {
            if let Some(map) = doc.get(field).and_then(Value::as_object) {
                out.extend(map.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())));
            }
        }
    }
    out
}

fn fill(yaml: &str, values: &[(&str, String)]) -> String {
    let mut out = yaml.to_owned();
    for (k, v) in values {
        let empty = format!("  \"{k}\": \"\"\n");
        assert!(out.contains(&empty), "{k} is not a placeholder");
        out = out.replace(&empty, &format!("  \"{k}\": {}\n", envspec_docs::k8s::quote(v)));
    }
    out
}

/// Renders the manifests of `T`, checks that they fail as they come and load once filled.
fn check<T: EnvConfig>(name: &str, fills: &[(&str, String)]) {
    let schema = T::schema();
    let yaml = render(&schema, Format::Kubernetes, &RenderOptions::for_schema(&schema));
    let dir = scratch(name);
    let placeholders: Vec<String> = keys(&yaml).into_iter().filter(|(_, v)| v.is_empty()).map(|(k, _)| k).collect();
    let mut filled_names: Vec<&str> = fills.iter().map(|(k, _)| *k).collect();
    filled_names.sort();
    let mut sorted = placeholders.clone();
    sorted.sort();
    assert_eq!(sorted, filled_names, "{name}: the placeholders are the values an operator must choose");
    // The profile variable is set to the profile.
    let profile = schema.profile.as_ref().expect("a profile variable");
    assert!(keys(&yaml).contains(&(profile.variable.clone(), "production".into())), "{name}: profile not set");
    // As they come: production refuses them, naming every placeholder.
    let raw = dir.join("k8s.yaml");
    std::fs::write(&raw, &yaml).unwrap();
    let report = validate_target::<T>(&Target::new(&raw)).expect_err("unfilled manifests must not load");
    for p in &placeholders {
        assert!(report.contains(p.as_str()), "{name}: the report does not name {p}:\n{report}");
    }
    // Filled: they load, in the profile the manifests select.
    let filled = dir.join("filled.yaml");
    std::fs::write(&filled, fill(&yaml, fills)).unwrap();
    let warnings = validate_target::<T>(&Target::new(&filled))
        .unwrap_or_else(|report| panic!("{name}: filled manifests do not load:\n{report}"));
    drop(warnings);
    // Defaults are never pinned, and nothing is written that production refuses.
    for (k, v) in keys(&yaml) {
        let var = schema.variable(&k).unwrap();
        assert!(k == profile.variable || v.is_empty(), "{name}: {k} = {v:?} is pinned; only values to choose are keys");
        if envspec_docs::facts::carries_credentials(var) {
            assert!(
                !docs(&yaml)[0]["data"].as_object().is_some_and(|d| d.contains_key(&k)),
                "{name}: {k} in the ConfigMap"
            );
        }
    }
}

fn hex(n: usize) -> String {
    "ab".repeat(n)
}

#[test]
fn cadence_manifests_fail_unfilled_and_load_filled() {
    check::<CadenceSettings>("cadence", &[("CADENCE_SECRET_KEY", hex(32)), ("CADENCE_ENCRYPTION_KEY", hex(32))]);
}

#[test]
fn orcheo_manifests_fail_unfilled_and_load_filled() {
    check::<OrcheoSettings>("orcheo", &[("ORCHEO_CHATKIT_TOKEN_SIGNING_KEY", hex(32))]);
}

#[test]
fn parako_manifests_fail_unfilled_and_load_filled() {
    check::<ParakoSettings>(
        "parako",
        &[
            ("ENCRYPTION_KEY", hex(32)),
            ("JWT_SECRET", hex(16)),
            ("COOKIE_SECRET_1", hex(16)),
            ("COOKIE_SECRET_2", hex(17)),
            ("HMAC_SECRET", hex(18)),
            ("PAIRWISE_SALT", hex(8)),
        ],
    );
}

#[test]
fn credentials_in_a_default_go_to_the_secret() {
    let schema = CadenceSettings::schema();
    let yaml = render(&schema, Format::Kubernetes, &RenderOptions::for_schema(&schema));
    let (config_map, secret) = yaml.split_once("\n---\n").unwrap();
    for name in ["CADENCE_POSTGRES_URL", "CADENCE_RABBITMQ_URL"] {
        assert!(!config_map.contains(name), "{name} is in the ConfigMap:\n{config_map}");
        assert!(secret.contains(name), "{name} is not in the Secret");
    }
    // Shown as the default the service applies, the password masked.
    assert!(secret.contains("\"postgresql://cadence:***@localhost:5432/cadence\"  (default)"), "{secret}");
    assert!(!yaml.contains("cadence:cadence@"), "{yaml}");
}

#[test]
fn manifests_are_rendered_for_the_profile_asked() {
    let schema = ParakoSettings::schema();
    let staging = render(&schema, Format::Kubernetes, &RenderOptions::for_schema(&schema).with_profile("staging"));
    assert!(staging.contains("For the `staging` profile"));
    assert!(keys(&staging).contains(&("DEPLOYMENT_ENVIRONMENT".into(), "staging".into())));
    // Staging requires no application secret: only the always-required key is left to fill.
    let placeholders: Vec<String> = keys(&staging).into_iter().filter(|(_, v)| v.is_empty()).map(|(k, _)| k).collect();
    assert_eq!(placeholders, ["ENCRYPTION_KEY"]);
}

#[test]
fn validate_reads_a_compose_file_and_base64_secret_data() {
    let dir = scratch("compose");
    std::fs::write(dir.join("base.env"), format!("ENCRYPTION_KEY={}\nDEPLOYMENT_ENVIRONMENT=staging\n", hex(32)))
        .unwrap();
    let compose =
        "services:\n  parako:\n    env_file: [base.env]\n    environment:\n      DEPLOYMENT_SERVER_PORT: \"70000\"\n";
    std::fs::write(dir.join("compose.yaml"), compose).unwrap();
    let report = validate_target::<ParakoSettings>(&Target::new(&dir.join("compose.yaml"))).unwrap_err();
    assert!(report.contains("DEPLOYMENT_SERVER_PORT = \"70000\""), "environment wins over env_file:\n{report}");
    let fixed = compose.replace("70000", "9007");
    std::fs::write(dir.join("compose.yaml"), fixed).unwrap();
    assert!(validate_target::<ParakoSettings>(&Target::new(&dir.join("compose.yaml"))).is_ok());
    // A Secret's `data` is base64.
    use base64::Engine;
    let key = base64::engine::general_purpose::STANDARD.encode(hex(32));
    let manifest = format!(
        "kind: ConfigMap\ndata:\n  DEPLOYMENT_ENVIRONMENT: development\n---\nkind: Secret\ndata:\n  ENCRYPTION_KEY: {key}\n"
    );
    std::fs::write(dir.join("k8s.yaml"), manifest).unwrap();
    assert!(validate_target::<ParakoSettings>(&Target::new(&dir.join("k8s.yaml"))).is_ok());
}
