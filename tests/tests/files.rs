//! TOML configuration files (feature `toml`): keys by field path, the same parsers, rules,
//! profiles and secrets as the environment, below every other source.

#![allow(dead_code)] // Fields exist to be loaded.

mod support;

use envspec::{EnvConfig, EnvEnum, Origin, SecretString, ValueSource, Warning};

#[derive(EnvEnum, Debug, PartialEq)]
enum Env {
    Development,
    #[env(alias = "prod")]
    Production,
}

#[derive(EnvConfig, Debug)]
struct Pool {
    #[env(default = 10, range = 1..=100)]
    max: u32,
}

#[derive(EnvConfig, Debug)]
struct Db {
    #[env(default = "postgres://localhost/app", schemes("postgres"))]
    url: String,
    #[env(nested)]
    pool: Pool,
}

#[derive(EnvConfig, Debug)]
struct Logging {
    #[env(default = "info")]
    log_level: String,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct App {
    #[env(profile, default = "development")]
    env: Env,
    #[env(default = 8080)]
    port: u16,
    #[env(default = "https://a")]
    origins: Vec<String>,
    #[env(nested, prefix = "DB_")]
    db: Db,
    /// Flattened: its keys are at the top of the file.
    #[env(flatten)]
    logging: Logging,
    #[env(secret, required_in(production))]
    token: Option<SecretString>,
    #[env(json)]
    extra: Option<serde_json::Value>,
}

fn toml(name: &str, text: &str) -> std::path::PathBuf {
    let dir = support::scratch(&format!("toml-{name}"));
    support::write(&dir, "config.toml", text)
}

#[test]
fn keys_are_field_paths_and_values_read_as_the_environment_would() {
    let file = toml(
        "paths",
        "port = 9090\norigins = [\"https://x\", \"https://y\"]\nlog_level = \"debug\"\nextra = { a = 1 }\n\n[db]\nurl = \"postgres://db/app\"\n[db.pool]\nmax = 20\n",
    );
    let app = App::loader().empty_env().toml_file(&file).load().unwrap();
    assert_eq!(app.port, 9090);
    assert_eq!(app.origins, ["https://x", "https://y"]);
    assert_eq!(app.logging.log_level, "debug");
    assert_eq!(app.db.url, "postgres://db/app");
    assert_eq!(app.db.pool.max, 20);
    assert_eq!(app.extra, Some(serde_json::json!({ "a": 1 })));
    // Provenance names the file and the line of the key.
    let p = app.provenance().iter().find(|p| p.variable == "APP_DB_MAX").unwrap();
    assert_eq!(p.source, ValueSource::Set(Origin::Toml { path: file.clone(), line: 9 }));
    assert!(p.source.to_string().ends_with("config.toml:9"), "{}", p.source);
}

#[test]
fn the_same_rules_and_profiles_apply() {
    let file = toml("rules", "env = \"prod\"\n[db]\nurl = \"mysql://db/app\"\n[db.pool]\nmax = 0\n");
    let err = App::loader().empty_env().toml_file(&file).load().unwrap_err();
    let problems: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "APP_DB_URL = \"mysql://db/app\" must be scheme postgres://",
            "APP_DB_MAX = \"0\" must be 1–100",
            "APP_TOKEN must be set in production",
        ],
        "an enum alias in the file selects production"
    );
}

#[test]
fn a_file_is_below_dotenv_files_and_the_environment() {
    let file = toml("precedence", "port = 1\nlog_level = \"debug\"\n[db]\nurl = \"postgres://toml/app\"\n");
    let dir = support::scratch("toml-precedence-env");
    let dotenv = support::write(&dir, ".env", "APP_PORT=2\nAPP_DB_URL=postgres://dotenv/app\n");
    let app = App::loader().env_map([("APP_PORT", "3")]).dotenv(&dotenv).toml_file(&file).load().unwrap();
    assert_eq!(app.port, 3, "the environment wins");
    assert_eq!(app.db.url, "postgres://dotenv/app", ".env wins over the file");
    assert_eq!(app.logging.log_level, "debug", "the file wins over the default");
}

#[test]
fn an_unknown_key_is_reported_with_the_closest_one() {
    let file = toml("unknown", "port = 1\n[db]\nulr = \"x\"\n[db.pool]\nmaxx = 3\n");
    let app = App::loader().empty_env().toml_file(&file).load().unwrap();
    let shown: Vec<String> =
        app.warnings().iter().filter(|w| matches!(w, Warning::UnknownKey { .. })).map(|w| w.to_string()).collect();
    let path = file.display().to_string();
    assert_eq!(
        shown,
        [
            format!("{path}:3: the key db.ulr names no setting; did you mean db.url?"),
            format!("{path}:5: the key db.pool.maxx names no setting; did you mean db.pool.max?"),
        ]
    );
    let err = App::loader().empty_env().toml_file(&file).strict().load().unwrap_err();
    assert_eq!(err.problems().len(), 2, "{err}");
    // A table given a value: the hint is a key it holds.
    let table = toml("table-value", "db = \"postgres://db/app\"\n");
    let app = App::loader().empty_env().toml_file(&table).load().unwrap();
    let shown = app.warnings()[0].to_string();
    assert!(shown.ends_with("the key db names no setting; did you mean db.url?"), "{shown}");
    // A missing file that must exist is a problem; `_if_exists` skips it.
    let missing = file.with_file_name("absent.toml");
    assert!(App::loader().empty_env().toml_file(&missing).load().is_err());
    assert!(App::loader().empty_env().toml_file_if_exists(&missing).load().is_ok());
}

#[test]
fn a_secret_in_a_file_is_never_shown() {
    let canary = "CANARY-toml-secret-4421";
    let file = toml("secret", &format!("token = \"{canary}\"\nport = \"{canary}\"\n"));
    let err = App::loader().empty_env().toml_file(&file).load().unwrap_err();
    let shown = format!("{err} {err:?}");
    // The port echoes its own bad value, which is the secret's: masked there too.
    assert!(!shown.contains(canary), "{shown}");
    let ok = toml("secret-ok", &format!("token = \"{canary}\"\n"));
    let app = App::loader().empty_env().toml_file(&ok).load().unwrap();
    let shown = format!("{app:?} {:?} {}", app.provenance(), app.status());
    assert!(!shown.contains(canary), "{shown}");
}
