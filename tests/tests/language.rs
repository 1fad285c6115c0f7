//! What real configurations need, each by behaviour: lenient values, units of bare numbers,
//! status as data, nested overlays, and the small things a newcomer hit.

#![allow(dead_code)] // Some fields exist only to be read.

mod support;

use envspec::schema::TypeKind;
use envspec::{EnvConfig, SecretString, Warning};
use std::time::Duration;

// ---------------------------------------------------------------------------------------
// Lenient values

#[derive(EnvConfig, Debug)]
#[env(prefix = "L_")]
struct Lenient {
    /// Days logs are kept; an unusable value falls back to a week.
    #[env(default = 7, min = 1, on_invalid = "default")]
    retention_days: u32,
    #[env(on_invalid = "default", max = 10)]
    staleness: Option<u32>,
    #[env(secret, min_len = 8, default = "fallback-key", on_invalid = "default")]
    key: SecretString,
}

#[test]
fn an_invalid_lenient_value_loads_the_default_with_a_warning() {
    let loaded = Lenient::loader().env_map([("L_RETENTION_DAYS", "forever"), ("L_STALENESS", "99")]).load().unwrap();
    assert_eq!(loaded.retention_days, 7);
    assert_eq!(loaded.staleness, None);
    let warnings: Vec<String> = loaded.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "L_RETENTION_DAYS = \"forever\" is invalid (expected integer ≥ 1 (not a whole number)); its default applies",
            "L_STALENESS = \"99\" is invalid (must be ≤ 10); its default applies",
        ]
    );
    assert!(matches!(&loaded.warnings()[0], Warning::Ignored { variable, .. } if variable == "L_RETENTION_DAYS"));
    // A rule broken by a set value, too; a valid value is kept.
    let zero = Lenient::loader().env_map([("L_RETENTION_DAYS", "0")]).load().unwrap();
    assert_eq!(zero.retention_days, 7);
    assert_eq!(Lenient::loader().env_map([("L_RETENTION_DAYS", "30")]).load().unwrap().retention_days, 30);
    // A secret's value is never shown, even set aside.
    let secret = Lenient::loader().env_map([("L_KEY", "short")]).load().unwrap();
    let shown = format!("{:?}", secret.warnings());
    assert!(!shown.contains("short") && shown.contains("secret value hidden"), "{shown}");
    assert!(Lenient::schema().variable("L_RETENTION_DAYS").unwrap().on_invalid_default);
}

// ---------------------------------------------------------------------------------------
// Units for bare numbers

#[derive(EnvConfig, Debug)]
struct Timeouts {
    #[env(default = 1500, unit = "ms")]
    connect_timeout_ms: Duration,
    #[env(unit = "m")]
    lease: Option<Duration>,
    #[env(default = 30)]
    plain: Duration,
}

#[test]
fn a_bare_number_takes_the_declared_unit_and_spans_still_work() {
    let t = Timeouts::loader().env_map::<&str, &str>([]).load().unwrap();
    assert_eq!(t.connect_timeout_ms, Duration::from_millis(1500));
    assert_eq!(t.plain, Duration::from_secs(30));
    let t = Timeouts::loader().env_map([("CONNECT_TIMEOUT_MS", "2s"), ("LEASE", "2")]).load().unwrap();
    assert_eq!(t.connect_timeout_ms, Duration::from_secs(2));
    assert_eq!(t.lease, Some(Duration::from_secs(120)));
    let t = Timeouts::loader().env_map([("CONNECT_TIMEOUT_MS", "150ms")]).load().unwrap();
    assert_eq!(t.connect_timeout_ms, Duration::from_millis(150));
    let schema = Timeouts::schema();
    let kind = &schema.variable("CONNECT_TIMEOUT_MS").unwrap().value_type.kind;
    assert_eq!(kind, &TypeKind::Duration { unit: Some("ms".into()) });
    assert_eq!(kind.to_string(), "duration (a bare number is in milliseconds)");
}

// ---------------------------------------------------------------------------------------
// Status as data, and warnings kept

#[derive(EnvConfig, Debug)]
#[env(prefix = "CARGO_PKG_")]
struct Package {
    name: String,
    #[env(secret)]
    authors: Option<SecretString>,
}

#[test]
fn status_serializes_without_values_and_from_env_keeps_warnings() {
    // Cargo sets CARGO_PKG_* for tests; only NAME is declared, so the others are warnings.
    let loaded = Package::from_env().expect("cargo sets CARGO_PKG_NAME");
    assert_eq!(loaded.name, "envconfig-tests");
    assert!(
        loaded
            .warnings()
            .iter()
            .any(|w| matches!(w, Warning::Unknown { variable, .. } if variable == "CARGO_PKG_VERSION"))
    );
    let json = serde_json::to_value(loaded.status()).unwrap();
    assert_eq!(json[0], serde_json::json!({ "variable": "CARGO_PKG_NAME", "state": "set", "secret": false }));
    assert_eq!(json[1]["secret"], true);
    assert!(!json.to_string().contains("envconfig-tests"), "no value: {json}");
}

// ---------------------------------------------------------------------------------------
// Nested overlays

#[derive(EnvConfig, Debug)]
struct Pool {
    #[env(default = 10)]
    max_connections: u32,
    #[env(default = 30)]
    timeout_seconds: u32,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct Overlayable {
    #[env(nested, prefix = "DB_")]
    db: Pool,
    #[env(json)]
    extra: Option<serde_json::Value>,
    #[env(default = 1)]
    workers: u32,
}

#[test]
fn an_overlay_may_nest_objects_by_field_path() {
    let loaded = Overlayable::loader().env_map::<&str, &str>([]).load().unwrap();
    let next = loaded
        .overlay(&serde_json::json!({ "db": { "max_connections": 5 }, "extra": { "a": 1 }, "APP_WORKERS": 3 }))
        .unwrap();
    assert_eq!(next.db.max_connections, 5);
    assert_eq!(next.db.timeout_seconds, 30);
    assert_eq!(next.workers, 3);
    assert_eq!(next.extra, Some(serde_json::json!({ "a": 1 })), "a JSON field takes the object as its value");
    let err = loaded.overlay(&serde_json::json!({ "db": { "max_conections": 5 } })).unwrap_err();
    assert!(
        err.to_string().contains("db.max_conections: no setting has this name; did you mean db.max_connections?"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Small things

#[derive(EnvConfig, Debug)]
struct Underscored {
    _seed_from_worker: Option<String>,
    trailing_: Option<String>,
}

#[test]
fn leading_and_trailing_underscores_are_kept_in_variable_names() {
    let names: Vec<String> = Underscored::schema().variables.iter().map(|v| v.name.clone()).collect();
    assert_eq!(names, ["_SEED_FROM_WORKER", "TRAILING_"]);
    let loaded = Underscored::loader().env_map([("_SEED_FROM_WORKER", "w")]).load().unwrap();
    assert_eq!(loaded._seed_from_worker.as_deref(), Some("w"));
}

#[test]
fn an_empty_environment_is_one_call() {
    let loaded = Pool::loader().empty_env().load().unwrap();
    assert_eq!(loaded.max_connections, 10);
}

// ---------------------------------------------------------------------------------------
// Variables that are not the operator's

#[derive(EnvConfig, Debug)]
struct Roles {
    #[env(profile, default = "development")]
    app_env: String,
    /// The worker's index, which the supervisor sets for each process it starts.
    #[env(internal, default = 0)]
    worker_index: u32,
    /// Sharding, once it exists.
    #[env(reserved)]
    shard_count: Option<u32>,
    #[env(reserved, default = "none")]
    shard_key: String,
    /// The deployment's public URL, which the platform provides.
    #[env(set_by = "Vercel")]
    vercel_url: Option<String>,
    /// Makes the clock deterministic.
    #[env(test_only)]
    test_clock: Option<String>,
}

fn role_warnings(pairs: &[(&str, &str)], dotenv: Option<&str>) -> (Roles, Vec<String>) {
    let mut loader = Roles::loader().env_map(pairs.iter().copied());
    if let Some(text) = dotenv {
        let dir = support::scratch(&format!("roles-{}", text.len()));
        loader = loader.dotenv(support::write(&dir, ".env", text));
    }
    let loaded = loader.load().unwrap();
    let warnings = loaded.warnings().iter().map(|w| w.to_string()).collect();
    (loaded.into_inner(), warnings)
}

#[test]
fn a_reserved_variable_is_never_read_and_setting_it_is_a_warning() {
    let (roles, warnings) = role_warnings(&[("SHARD_COUNT", "4"), ("SHARD_KEY", "tenant")], None);
    assert_eq!(roles.shard_count, None, "a reserved variable is not read");
    assert_eq!(roles.shard_key, "none", "its default applies, whatever is set");
    assert_eq!(
        warnings,
        [
            "SHARD_COUNT is reserved: it is not read yet, so a value has no effect",
            "SHARD_KEY is reserved: it is not read yet, so a value has no effect",
        ]
    );
    // Even an invalid value is no error: it is not read at all.
    let (_, warnings) = role_warnings(&[("SHARD_COUNT", "many")], None);
    assert_eq!(warnings.len(), 1);
    assert!(role_warnings(&[], None).1.is_empty());
}

#[test]
fn an_internal_variable_is_read_and_a_file_or_overlay_setting_it_is_a_warning() {
    // The supervisor sets it in the environment of the process it starts: no warning.
    let (roles, warnings) = role_warnings(&[("WORKER_INDEX", "3")], None);
    assert_eq!(roles.worker_index, 3);
    assert!(warnings.is_empty(), "{warnings:?}");
    // An operator writing it in a .env file is warned.
    let (roles, warnings) = role_warnings(&[], Some("WORKER_INDEX=2\n"));
    assert_eq!(roles.worker_index, 2);
    assert_eq!(warnings, ["WORKER_INDEX is set by the program itself; a value given here overrides it"]);
    // And through an overlay.
    let loaded = Roles::loader().env_map([("A", "b")]).load().unwrap();
    let overlaid = loaded.overlay(&serde_json::json!({ "WORKER_INDEX": 5 })).unwrap();
    assert!(
        overlaid
            .warnings()
            .iter()
            .any(|w| matches!(w, Warning::NotOperators { variable, .. } if variable == "WORKER_INDEX"))
    );
}

#[test]
fn set_by_and_test_only_variables_are_read_and_test_only_warns_in_production() {
    let (roles, warnings) = role_warnings(&[("VERCEL_URL", "x.vercel.app"), ("TEST_CLOCK", "0")], None);
    assert_eq!(roles.vercel_url.as_deref(), Some("x.vercel.app"));
    assert_eq!(roles.test_clock.as_deref(), Some("0"));
    assert!(warnings.is_empty(), "{warnings:?}");
    // A platform's tooling writes its variables into .env files: no warning there either.
    assert!(role_warnings(&[], Some("VERCEL_URL=x\n")).1.is_empty());
    let (_, warnings) = role_warnings(&[("APP_ENV", "production"), ("TEST_CLOCK", "0")], None);
    assert_eq!(warnings, ["TEST_CLOCK is for tests only"]);
}

#[test]
fn roles_reach_the_schema() {
    use envspec::schema::Role;
    let schema = Roles::schema();
    let role = |name: &str| schema.variable(name).unwrap().role.clone();
    assert_eq!(role("APP_ENV"), Role::Operator);
    assert_eq!(role("WORKER_INDEX"), Role::Internal);
    assert_eq!(role("SHARD_COUNT"), Role::Reserved);
    assert_eq!(role("VERCEL_URL"), Role::SetBy { by: "Vercel".into() });
    assert_eq!(role("TEST_CLOCK"), Role::TestOnly);
    assert!(!role("VERCEL_URL").in_manifests() && role("APP_ENV").in_manifests());
}
