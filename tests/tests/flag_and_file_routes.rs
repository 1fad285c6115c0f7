//! Every source obeys the same rules (`routes.rs` covers the names a variable is read under):
//! the environment, a `.env` file, a TOML file and a command-line flag set the same variable,
//! and a load reports the same problems and warnings (only where the value came from differs)
//! and reaches the same values.

#![allow(dead_code)] // Fields exist to be loaded.

mod support;

use envspec::{EnvConfig, EnvEnum, SecretString};
use std::time::Duration;

#[derive(EnvEnum, Debug, PartialEq)]
enum Env {
    Development,
    #[env(alias = "prod")]
    Production,
}

#[derive(EnvEnum, Debug, PartialEq)]
enum Store {
    Memory,
    #[env(alias = "pg")]
    Postgres,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct App {
    #[env(profile, default = "development")]
    env: Env,
    #[env(default = "memory")]
    store: Store,
    #[env(required_if(store = "postgres"))]
    pg_url: Option<String>,
    #[env(deprecated = "use port", default = 1)]
    legacy: u32,
    #[env(default = 30, on_invalid = "default", range = 1..=100)]
    retention: u32,
    #[env(default = 0, range = -10..=10)]
    offset: i32,
    #[env(internal, default = "x")]
    child_id: String,
    #[env(reserved)]
    future: Option<String>,
    #[env(set_by = "the platform")]
    platform_region: Option<String>,
    #[env(unit = "ms", default = 100)]
    timeout_ms: Duration,
    #[env(default = "postgres://localhost/a", schemes("postgres"))]
    db_url: String,
    #[env(secret, flag, dev_default = "CANARY-dev-default-5150", required_in(production))]
    api_key: Option<SecretString>,
    #[env(default = false)]
    debug: bool,
    #[env(forbidden_in(production), default = false)]
    dev_mode: bool,
}

/// The reports of one load: its problems, or its values and warnings, with the variable's
/// origin left out, so that routes compare equal.
fn report(r: Result<envspec::Loaded<App>, envspec::LoadError>) -> String {
    match r {
        Ok(app) => {
            let warnings: Vec<String> = app.warnings().iter().map(|w| w.to_string()).collect();
            format!("ok {:?} warnings {warnings:?}", &*app)
        }
        Err(e) => format!("err {:?}", e.problems().iter().map(|p| p.to_string()).collect::<Vec<_>>()),
    }
}

/// The reports of loading `(variable, value)` by each route: environment, `.env` file, TOML
/// file (key: the variable's name without prefix, lower case) and flag.
fn by_every_route(label: &str, set: &[(&str, &str)]) -> [String; 4] {
    let env = report(App::loader().env_map(set.iter().copied()).load());
    let dir = support::scratch(&format!("routes-{label}"));
    let lines: String = set.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    let dotenv = support::write(&dir, ".env", &lines);
    let dotenv = report(App::loader().empty_env().dotenv(&dotenv).load());
    let keys: String =
        set.iter().map(|(k, v)| format!("{} = {:?}\n", k.trim_start_matches("APP_").to_lowercase(), v)).collect();
    let toml = support::write(&dir, "config.toml", &keys);
    let toml = report(App::loader().empty_env().toml_file(&toml).load());
    let mut argv = vec!["app".to_owned()];
    for (k, v) in set {
        argv.push(format!("--{}={v}", k.trim_start_matches("APP_").to_lowercase().replace('_', "-")));
    }
    let flags = match App::loader().empty_env().args(&argv) {
        Ok(loader) => report(loader.load()),
        Err(e) => format!("clap {e}"),
    };
    [env, dotenv, toml, flags]
}

fn same_by_every_route(label: &str, set: &[(&str, &str)], expect: &[&str]) {
    let [env, dotenv, toml, flags] = by_every_route(label, set);
    for (route, got) in [(".env", &dotenv), ("TOML", &toml), ("flag", &flags)] {
        assert_eq!(got, &env, "{label}: {route} differs from the environment");
    }
    for e in expect {
        assert!(env.contains(e), "{label}: {e:?} not in {env}");
    }
    for shown in [&env, &dotenv, &toml, &flags] {
        assert!(!shown.contains("CANARY"), "{label}: {shown}");
    }
}

#[test]
fn the_profile_by_an_enum_alias_applies_production_rules_by_every_route() {
    same_by_every_route(
        "profile",
        &[("APP_ENV", "prod"), ("APP_DEV_MODE", "true")],
        &["APP_API_KEY is required in production but not set", "APP_DEV_MODE must be unset or false in production"],
    );
}

#[test]
fn a_condition_sees_an_enum_alias_by_every_route() {
    same_by_every_route(
        "condition",
        &[("APP_STORE", "pg")],
        &["APP_PG_URL is required when APP_STORE=postgres but not set"],
    );
}

#[test]
fn markers_warn_and_rules_hold_by_every_route() {
    same_by_every_route("deprecated", &[("APP_LEGACY", "2")], &["legacy: 2", "APP_LEGACY is deprecated: use port"]);
    same_by_every_route(
        "lenient",
        &[("APP_RETENTION", "1000")],
        &["retention: 30", "APP_RETENTION = \\\"1000\\\" is invalid (must be 1–100); its default applies"],
    );
    same_by_every_route("unit", &[("APP_TIMEOUT_MS", "1500")], &["timeout_ms: 1.5s"]);
    same_by_every_route("bool", &[("APP_DEBUG", "yes")], &["debug: true"]);
    same_by_every_route("negative", &[("APP_OFFSET", "-11")], &["APP_OFFSET = \\\"-11\\\" must be -10–10"]);
    same_by_every_route("negative-ok", &[("APP_OFFSET", "-5")], &["offset: -5"]);
}

#[test]
fn a_url_password_is_masked_by_every_route() {
    same_by_every_route(
        "url",
        &[("APP_DB_URL", "mysql://u:CANARY-pw-9@h/db")],
        &["APP_DB_URL = \\\"mysql://u:***@h/db\\\" must be scheme postgres://"],
    );
}

#[test]
fn a_secret_flag_takes_any_value_and_never_shows_it() {
    for value in ["-CANARY-dash", "--CANARY-dashes", "CANARY=eq"] {
        let loader = App::loader().empty_env().args(["app", "--env", "prod", "--api-key", value]).unwrap();
        let app = loader.load().unwrap();
        use envspec::ExposeSecret;
        assert_eq!(app.api_key.as_ref().unwrap().expose_secret(), value);
        let shown = format!("{app:?} {:?} {} {:?}", app.provenance(), app.status(), app.warnings());
        assert!(!shown.contains("CANARY"), "{shown}");
    }
    // A mistyped secret flag: clap names the flag, never the value.
    let err = App::loader().empty_env().args(["app", "--api-kye=CANARY-typo"]).unwrap_err().to_string();
    assert!(err.contains("--api-kye") && !err.contains("CANARY"), "{err}");
}

#[test]
fn variables_that_are_not_the_operators_are_no_flags() {
    let help = envspec::flags::command::<App>().render_help().to_string();
    for absent in ["--child-id", "--future", "--platform-region"] {
        assert!(!help.contains(absent), "{absent} in\n{help}");
        let err = App::loader().empty_env().args(["app", absent, "y"]).unwrap_err().to_string();
        assert!(err.contains("unexpected argument"), "{err}");
    }
    assert!(help.contains("--retention <NUMBER>") && help.contains("--api-key <TEXT>"), "{help}");
    // A secret's development default is never help text.
    assert!(!help.contains("CANARY"), "{help}");
    // In a file, an internal variable is read, with a warning.
    let [_, dotenv, toml, _] = by_every_route("internal", &[("APP_CHILD_ID", "y")]);
    for shown in [dotenv, toml] {
        assert!(
            shown.contains("child_id: \"y\"") && shown.contains("APP_CHILD_ID is set by the program itself"),
            "{shown}"
        );
    }
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "VAULT_")]
struct KmsVault {
    aws_region: String,
    #[env(secret, min_len = 16)]
    encryption_key: SecretString,
}

#[derive(EnvConfig, Debug)]
#[env(selector = "VAULT_BACKEND", default = "file")]
enum Vault {
    File,
    #[env(rename = "aws_kms", alias = "kms")]
    AwsKms(KmsVault),
}

#[derive(EnvConfig, Debug)]
struct Core {
    #[env(profile, default = "development")]
    env: Env,
}

#[derive(EnvConfig, Debug)]
struct S3 {
    bucket: String,
    #[env(default = "us")]
    region: String,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "P_")]
struct Platform {
    #[env(nested, prefix = "CORE_")]
    core: Core,
    #[env(nested)]
    vault: Vault,
    #[env(nested, prefix = "S3_")]
    s3: Option<S3>,
    #[env(secret, required_in(production))]
    token: Option<SecretString>,
}

/// The problems of loading `Platform` from flags and from a TOML file, side by side.
fn platform(label: &str, flags: &[&str], toml: &str) -> (String, String) {
    let show = |r: Result<envspec::Loaded<Platform>, envspec::LoadError>| match r {
        Ok(p) => format!("ok {:?}", &*p),
        Err(e) => format!("err {:?}", e.problems().iter().map(|p| p.to_string()).collect::<Vec<_>>()),
    };
    let argv = std::iter::once("app").chain(flags.iter().copied());
    let by_flags = match Platform::loader().empty_env().args(argv) {
        Ok(loader) => show(loader.load()),
        Err(e) => format!("clap {e}"),
    };
    let dir = support::scratch(&format!("platform-{label}"));
    let file = support::write(&dir, "config.toml", toml);
    (by_flags, show(Platform::loader().empty_env().toml_file(&file).load()))
}

#[test]
fn a_nested_profile_a_backend_group_and_an_optional_group_by_flags_and_files() {
    let (flags, file) = platform("profile", &["--core-env=prod"], "[core]\nenv = \"prod\"\n");
    assert_eq!(flags, file);
    assert_eq!(file, r#"err ["P_TOKEN must be set in production"]"#);
    // A group is a table: the selector's key drops the group's name, a variant's fields are
    // under the variant. The selector is read by its enum alias.
    let (flags, file) = platform(
        "group",
        &["--vault-backend=kms", "--vault-aws-kms-aws-region=eu"],
        "[vault]\nbackend = \"kms\"\n[vault.aws_kms]\naws_region = \"eu\"\n",
    );
    assert_eq!(flags, file);
    assert_eq!(file, r#"err ["P_VAULT_ENCRYPTION_KEY is required but not set"]"#);
    // All or nothing: one variable of the optional group makes the others required.
    let (flags, file) = platform("optional", &["--s3-region=eu"], "[s3]\nregion = \"eu\"\n");
    assert_eq!(flags, file);
    assert_eq!(file, r#"err ["P_S3_BUCKET is required when P_S3_REGION is set but not set"]"#);
    let (flags, file) = platform("none", &[], "");
    assert_eq!(flags, file);
    assert!(file.contains("vault: File, s3: None"), "{file}");
}

#[test]
fn a_file_flag_reads_as_a_file_variable_does() {
    let dir = support::scratch("file-flag");
    let fifo = dir.join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let load = |args: &[&str]| {
        let argv = std::iter::once("app").chain(args.iter().copied());
        Platform::loader().empty_env().args(argv).unwrap().load().map(|_| ()).unwrap_err().to_string()
    };
    // A FIFO is refused at once, never opened for a blocking read.
    let err = load(&["--token-file", fifo.to_str().unwrap()]);
    assert!(err.contains("is a FIFO, not a regular file"), "{err}");
    // An empty file is unset: no production secret from it.
    let empty = support::write(&dir, "empty", "\n");
    let err = load(&["--core-env=prod", "--token-file", empty.to_str().unwrap()]);
    assert!(err.contains("P_TOKEN must be set in production"), "{err}");
    // A path with a newline cannot add a line to the report.
    let err = load(&["--token-file", "/nonexistent/a\nP_FORGED = ok"]);
    assert!(err.contains("a\\nP_FORGED") && err.lines().count() == 2, "{err}");
}
