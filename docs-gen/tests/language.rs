//! The declaration language as every document renders it: who sets a variable (internal,
//! reserved, set by a platform, test only).

#![allow(dead_code)] // The fields exist to be declared.

use envspec::EnvConfig;
use envspec_docs::cli::{Target, validate_target};
use envspec_docs::{Format, RenderOptions, render};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("language-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn all<T: EnvConfig>() -> [String; 5] {
    let schema = T::schema();
    let opts = RenderOptions::for_schema(&schema);
    Format::ALL.map(|f| render(&schema, f, &opts))
}

// ---------------------------------------------------------------------------------------
// Roles

/// A worker pool behind a platform.
#[derive(EnvConfig, Debug)]
#[env(prefix = "R_")]
struct Roles {
    #[env(profile, default = "development")]
    env: String,
    /// The public port.
    #[env(default = 8080)]
    port: u16,
    /// The worker's index, which the supervisor sets for each process it starts.
    #[env(internal, default = 0)]
    worker_index: u32,
    /// How many shards there will be.
    #[env(reserved)]
    shard_count: Option<u32>,
    /// The deployment's public URL.
    #[env(set_by = "Vercel", no_prefix)]
    vercel_url: String,
    /// Makes the clock deterministic.
    #[env(test_only)]
    test_clock: Option<String>,
}

#[test]
fn variables_that_are_not_the_operators_are_documented_and_never_offered() {
    let [md, env, json, k8s, _] = all::<Roles>();
    let others = ["R_WORKER_INDEX", "R_SHARD_COUNT", "VERCEL_URL", "R_TEST_CLOCK"];
    // The reference page documents each, with who sets it.
    for (name, marker) in others.iter().zip([
        "**Internal: the program sets it for itself**",
        "**Reserved: declared, not read yet**",
        "**Set by Vercel**",
        "**Test only**",
    ]) {
        let row =
            md.lines().find(|l| l.starts_with(&format!("| `{name}`"))).unwrap_or_else(|| panic!("no row for {name}"));
        assert!(row.contains(marker), "{row}");
    }
    // `.env.example` offers none of them as a line to set; it names them at the end.
    let lines: Vec<&str> = env.lines().collect();
    let tail = lines.iter().position(|l| *l == "# Not set here").expect("a closing list");
    for name in others {
        let set_line = format!("{name}=");
        assert!(!lines.iter().any(|l| l.trim_start_matches("# ").starts_with(&set_line)), "{name} offered:\n{env}");
        assert!(lines[tail..].iter().any(|l| l.starts_with(&format!("#   {name}: "))), "{name} not named:\n{env}");
    }
    assert!(env.contains("# R_PORT=8080"), "{env}");
    // Its real reader sees only comments there: nothing is set by the closing list.
    let parsed: Vec<(String, String)> = dotenvy::from_read_iter(env.as_bytes()).map(Result::unwrap).collect();
    assert!(parsed.iter().all(|(k, _)| !others.contains(&k.as_str())), "{parsed:?}");
    // Manifests carry no key and no comment for them.
    for name in others {
        assert!(!k8s.contains(name), "{name} in the manifests:\n{k8s}");
    }
    // The JSON Schema describes them, with the marker.
    let schema: Value = serde_json::from_str(&json).unwrap();
    let desc = schema["properties"]["VERCEL_URL"]["description"].as_str().unwrap();
    assert!(desc.starts_with("Set by Vercel."), "{desc}");
}

#[test]
fn validate_warns_when_a_manifest_sets_what_is_not_the_operators() {
    let dir = scratch("roles");
    let manifest = dir.join("k8s.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  R_WORKER_INDEX: \"1\"\n  VERCEL_URL: x.example\n  R_SHARD_COUNT: \"2\"\n",
    )
    .unwrap();
    let warnings = validate_target::<Roles>(&Target::new(&manifest)).unwrap();
    assert_eq!(
        warnings,
        [
            "R_SHARD_COUNT is reserved: it is not read yet, so a value has no effect",
            "R_WORKER_INDEX is set by the program itself; a value given here overrides it",
            "VERCEL_URL is set by Vercel; a value given here overrides it",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Claimed prefixes and forbidden names

/// A shop.
#[derive(EnvConfig, Debug)]
#[env(
    prefix = "SHOP_",
    claims("KAFKA_"),
    forbid_names("TEST_*", only_in = production, warn_in = staging),
    forbid_names("SHOP_DEBUG_*")
)]
struct Shop {
    #[env(profile, default = "development")]
    env: String,
    /// Declared, yet forbidden in production by its name.
    #[env(no_prefix, default = "0")]
    test_seed: String,
    #[env(no_prefix)]
    kafka_brokers: Option<String>,
}

#[test]
fn claimed_prefixes_and_forbidden_names_are_documented_everywhere() {
    let [md, env, json, k8s, _] = all::<Shop>();
    assert!(md.contains("Names matching `SHOP_*`, `KAFKA_*` belong to this configuration"), "{md}");
    assert!(
        md.contains(
            "- No variable matching `TEST_*` may be set in production (a warning in staging), declared or not."
        ),
        "{md}"
    );
    assert!(md.contains("- No variable matching `SHOP_DEBUG_*` may be set in any profile, declared or not."), "{md}");
    assert!(md.contains("- [ ] no variable matching `TEST_*` is set"), "the production checklist: {md}");
    assert!(md.contains("- [ ] no variable matching `SHOP_DEBUG_*` is set"), "{md}");
    assert!(env.contains("# No variable matching TEST_* may be set in production (a warning in staging)."), "{env}");
    // The production manifests never offer a variable production forbids.
    assert!(!k8s.contains("TEST_SEED"), "{k8s}");
    assert!(k8s.contains("KAFKA_BROKERS"), "{k8s}");
    // The JSON Schema refuses what the loader refuses.
    let schema: Value = serde_json::from_str(&json).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let shop = Shop::schema();
    for (pairs, loads) in [
        (vec![("SHOP_ENV", "production"), ("TEST_MODE", "1")], false),
        (vec![("SHOP_ENV", "production"), ("TEST_MODE", "")], true),
        (vec![("SHOP_ENV", "staging"), ("TEST_MODE", "1")], true),
        (vec![("SHOP_DEBUG_SQL", "1")], false),
        (vec![("TEST_MODE", "1")], true),
    ] {
        assert_eq!(Shop::loader().env_map(pairs.iter().copied()).load().is_ok(), loads, "{pairs:?}");
        let instance = envspec_docs::json_schema::instance_from_env(&shop, pairs.iter().copied());
        assert_eq!(validator.is_valid(&instance), loads, "{pairs:?}: {instance}");
    }
}

// ---------------------------------------------------------------------------------------
// Optional groups

#[derive(EnvConfig, Debug)]
struct S3 {
    access_key_id: String,
    bucket: String,
    #[env(default = "us-east-1")]
    region: String,
}

/// Files.
#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct Storage {
    #[env(nested, prefix = "S3_")]
    s3: Option<S3>,
}

#[test]
fn an_optional_group_is_documented_as_all_or_nothing_and_checked_so() {
    let [md, env, json, _, _] = all::<Storage>();
    let row = md.lines().find(|l| l.starts_with("| `APP_S3_BUCKET`")).unwrap();
    assert!(row.contains("when another s3 setting is set (all or nothing)"), "{row}");
    let region = md.lines().find(|l| l.starts_with("| `APP_S3_REGION`")).unwrap();
    assert!(!region.contains("all or nothing") || region.contains("| no |"), "{region}");
    assert!(env.contains("# Required: when another s3 setting is set (all or nothing)"), "{env}");
    // Nothing is always required: the group may be left out.
    assert!(!env.lines().any(|l| l == "APP_S3_BUCKET="), "{env}");
    let schema: Value = serde_json::from_str(&json).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let storage = Storage::schema();
    for (pairs, loads) in [
        (vec![], true),
        (vec![("APP_S3_REGION", "eu")], false),
        (vec![("APP_S3_BUCKET", "b")], false),
        (vec![("APP_S3_BUCKET", "b"), ("APP_S3_ACCESS_KEY_ID", "k")], true),
    ] {
        assert_eq!(Storage::loader().env_map(pairs.iter().copied()).load().is_ok(), loads, "{pairs:?}");
        let instance = envspec_docs::json_schema::instance_from_env(&storage, pairs.iter().copied());
        assert_eq!(validator.is_valid(&instance), loads, "{pairs:?}: {instance}");
    }
}

// ---------------------------------------------------------------------------------------
// Components

#[derive(EnvConfig, Debug)]
struct Queue {
    #[env(default = "redis://localhost:6379/0")]
    redis_url: String,
    /// The worker's concurrency.
    #[env(default = 4, components(worker))]
    concurrency: u32,
}

/// A platform of three processes.
#[derive(EnvConfig, Debug)]
#[env(prefix = "P_", components(api, worker, cli))]
struct Platform {
    /// Where the API listens.
    #[env(components(api, cli), default_for(cli = "http://localhost:8000"), required_for(api))]
    api_url: Option<String>,
    #[env(flatten, components(api, worker))]
    queue: Queue,
    #[env(default = "info")]
    log_level: String,
}

fn cli(reg: &envspec_docs::cli::Registry, args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = envspec_docs::cli::run(reg, args.iter().map(|s| s.to_string()).collect(), &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn the_whole_documents_say_what_each_component_reads() {
    let [md, env, _, _, _] = all::<Platform>();
    assert!(md.contains("Components reading it: `api`, `worker`, `cli`."), "{md}");
    let row = md.lines().find(|l| l.starts_with("| `P_API_URL`")).unwrap();
    assert!(row.contains("Read by api, cli; required for api; default for cli: http://localhost:8000"), "{row}");
    assert!(row.contains("| for the api component |"), "{row}");
    assert!(env.contains("# Read by api, worker\n# P_REDIS_URL="), "{env}");
}

#[test]
fn each_component_gets_its_own_view_of_every_document() {
    let root = scratch("components");
    let reg = envspec_docs::cli::Registry::new(&root).config::<Platform>("platform", "docs");
    let (code, out, err) = cli(&reg, &[]);
    assert_eq!(code, 0, "{out}{err}");
    for dir in ["docs", "docs/api", "docs/worker", "docs/cli"] {
        for file in ["config.md", ".env.example", "config.schema.json", "k8s.yaml", "config.example.toml"] {
            assert!(root.join(dir).join(file).is_file(), "{dir}/{file}");
        }
    }
    let worker = std::fs::read_to_string(root.join("docs/worker/.env.example")).unwrap();
    assert!(worker.contains("# For the worker component: only the variables it reads."), "{worker}");
    assert!(worker.contains("P_CONCURRENCY") && !worker.contains("P_API_URL"), "{worker}");
    let cli_env = std::fs::read_to_string(root.join("docs/cli/.env.example")).unwrap();
    assert!(cli_env.contains("# P_API_URL=http://localhost:8000"), "the cli's own default: {cli_env}");
    let api_k8s = std::fs::read_to_string(root.join("docs/api/k8s.yaml")).unwrap();
    assert!(api_k8s.contains("\"P_API_URL\": \"\""), "the api must fill it in: {api_k8s}");
    assert!(api_k8s.contains("name: \"platform-api-config\""), "{api_k8s}");
    assert!(!api_k8s.contains("P_CONCURRENCY"), "{api_k8s}");
    // `--component` writes one view; `--check` sees it fresh; an unknown one is a usage error.
    assert_eq!(cli(&reg, &["--component", "worker", "--check"]).0, 0);
    let (code, _, err) = cli(&reg, &["--component", "wroker"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no registered configuration declares the component `wroker`"), "{err}");
    // `validate --component` loads as that component.
    let env = root.join("api.env");
    std::fs::write(&env, "P_CONCURRENCY=lots\n").unwrap();
    let (code, out, _) = cli(&reg, &["validate", "platform", env.to_str().unwrap(), "--component", "api"]);
    assert_eq!(code, 1, "the api requires its URL: {out}");
    assert!(out.contains("P_API_URL is required for the api component"), "{out}");
    assert!(!out.contains("P_CONCURRENCY"), "the api does not read it: {out}");
    std::fs::write(&env, "P_API_URL=https://api.example\n").unwrap();
    let (code, out, _) = cli(&reg, &["validate", "platform", env.to_str().unwrap(), "--component", "api"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid for platform as the api component"), "{out}");
}
