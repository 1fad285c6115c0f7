//! Sources: in-memory maps, `.env` files, precedence, `<VAR>_FILE`, and their errors.

mod support;

use envspec::{EnvConfig, ExposeSecret, Origin, Problem, SecretString, ValueSource};
use support::{scratch, write};

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct Settings {
    #[env(default = 8080)]
    port: u16,
    #[env(default = "info")]
    log_level: String,
    #[env(secret)]
    token: Option<SecretString>,
}

fn source_of(loaded: &envspec::Loaded<Settings>, var: &str) -> ValueSource {
    loaded.provenance().iter().find(|p| p.variable == var).unwrap().source.clone()
}

#[test]
fn dotenv_values_carry_file_and_line() {
    let dir = scratch("dotenv-line");
    let env = write(&dir, ".env", "# comment\nAPP_PORT=9000\n\nexport APP_LOG_LEVEL=debug\n");
    let loaded = Settings::loader().env_map::<&str, &str>([]).dotenv(&env).load().unwrap();
    assert_eq!(loaded.port, 9000);
    assert_eq!(loaded.log_level, "debug");
    assert_eq!(source_of(&loaded, "APP_PORT"), ValueSource::Set(Origin::DotEnv { path: env.clone(), line: 2 }));
    assert_eq!(source_of(&loaded, "APP_LOG_LEVEL"), ValueSource::Set(Origin::DotEnv { path: env, line: 4 }));
}

#[test]
fn environment_wins_over_files_unless_files_override() {
    let dir = scratch("precedence");
    let env = write(&dir, ".env", "APP_PORT=9000\n");
    let loaded = Settings::loader().env_map([("APP_PORT", "7000")]).dotenv(&env).load().unwrap();
    assert_eq!(loaded.port, 7000);
    assert_eq!(source_of(&loaded, "APP_PORT"), ValueSource::Set(Origin::Memory));
    let loaded = Settings::loader().env_map([("APP_PORT", "7000")]).dotenv(&env).files_override_env().load().unwrap();
    assert_eq!(loaded.port, 9000);
}

#[test]
fn later_files_override_earlier_ones() {
    let dir = scratch("order");
    let a = write(&dir, ".env", "APP_PORT=1\nAPP_LOG_LEVEL=warn\n");
    let b = write(&dir, ".env.local", "APP_PORT=2\n");
    let loaded = Settings::loader().env_map::<&str, &str>([]).dotenv(&a).dotenv(&b).load().unwrap();
    assert_eq!(loaded.port, 2);
    assert_eq!(loaded.log_level, "warn");
}

#[test]
fn dotenv_search_walks_up_from_a_directory() {
    let dir = scratch("search");
    write(&dir, ".env", "APP_PORT=4242\n");
    let deep = dir.join("a/b/c");
    std::fs::create_dir_all(&deep).unwrap();
    let loaded = Settings::loader().env_map::<&str, &str>([]).dotenv_search(&deep).load().unwrap();
    assert_eq!(loaded.port, 4242);
}

#[test]
fn optional_files_may_be_missing_but_required_ones_may_not() {
    let dir = scratch("missing");
    let missing = dir.join("nope.env");
    assert!(Settings::loader().env_map::<&str, &str>([]).dotenv_if_exists(&missing).load().is_ok());
    let err = Settings::loader().env_map::<&str, &str>([]).dotenv(&missing).load().unwrap_err();
    assert!(matches!(&err.problems()[0], Problem::Source { line: None, .. }), "{err}");
    assert!(err.to_string().contains("nope.env does not exist"), "{err}");
    let err = Settings::loader().env_map::<&str, &str>([]).dotenv(&dir).load().unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
}

#[test]
fn a_malformed_file_is_reported_with_its_line_and_without_its_content() {
    let dir = scratch("malformed");
    let env = write(&dir, ".env", "APP_PORT=1\nAPP_TOKEN='sekrit-unclosed\n");
    let err = Settings::loader().env_map::<&str, &str>([]).dotenv(&env).load().unwrap_err();
    let Problem::Source { line, .. } = &err.problems()[0] else { panic!("{err}") };
    assert_eq!(*line, Some(2), "{err}");
    assert!(!err.to_string().contains("sekrit"), "{err}");
}

#[test]
fn secret_files_are_read_and_trimmed_of_one_newline() {
    let dir = scratch("secret-file");
    let file = write(&dir, "token", "from-a-file\n");
    let loaded = Settings::loader().env_map([("APP_TOKEN_FILE", file.to_str().unwrap())]).load().unwrap();
    assert_eq!(loaded.token.as_ref().unwrap().expose_secret(), "from-a-file");
    assert_eq!(source_of(&loaded, "APP_TOKEN"), ValueSource::SecretFile { path: file.clone() });
    let p = loaded.provenance().iter().find(|p| p.variable == "APP_TOKEN").unwrap();
    assert_eq!(p.read_from.as_deref(), Some("APP_TOKEN_FILE"));
}

#[test]
fn secret_file_errors_are_clear() {
    let dir = scratch("secret-file-errors");
    let file = write(&dir, "token", "x");
    let both = Settings::loader().env_map([("APP_TOKEN", "y"), ("APP_TOKEN_FILE", file.to_str().unwrap())]).load();
    let err = both.unwrap_err();
    assert!(matches!(&err.problems()[0], Problem::Conflict { names, .. } if names == &["APP_TOKEN", "APP_TOKEN_FILE"]));
    let missing = dir.join("absent");
    let err = Settings::loader().env_map([("APP_TOKEN_FILE", missing.to_str().unwrap())]).load().unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err = Settings::loader().env_map([("APP_TOKEN_FILE", dir.to_str().unwrap())]).load().unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
    let huge = write(&dir, "huge", &"x".repeat(envspec::MAX_FILE_BYTES as usize + 1));
    let err = Settings::loader().env_map([("APP_TOKEN_FILE", huge.to_str().unwrap())]).load().unwrap_err();
    assert!(err.to_string().contains("limit"), "{err}");
}

#[test]
fn the_process_environment_is_read_without_being_written() {
    // PATH is set in every test environment; reading it proves the snapshot works, and no
    // `set_var` is needed anywhere.
    #[derive(EnvConfig)]
    struct PathOnly {
        #[env(name = "PATH")]
        path: String,
    }
    let loaded = PathOnly::loader().load().unwrap();
    assert_eq!(loaded.path, std::env::var("PATH").unwrap());
}

#[test]
fn the_library_never_calls_set_var() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut offenders = Vec::new();
    for krate in ["config-runtime/src", "config-derive/src", "schema/src"] {
        let mut stack = vec![root.join(krate)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    if text.contains("set_var(") || text.contains("remove_var(") {
                        offenders.push(path);
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "set_var/remove_var found in {offenders:?}");
}

#[test]
fn profile_stack_reads_the_profile_file() {
    #[derive(EnvConfig, Debug)]
    struct Staged {
        #[env(profile, default = "development")]
        environment: String,
        #[env(default = 1)]
        workers: u16,
    }
    let dir = scratch("stack");
    write(&dir, ".env", "ENVIRONMENT=staging\nWORKERS=2\n");
    write(&dir, ".env.staging", "WORKERS=3\n");
    write(&dir, ".env.production", "WORKERS=4\n");
    let loaded = Staged::loader().env_map::<&str, &str>([]).dotenv_stack(&dir).load().unwrap();
    assert_eq!(loaded.workers, 3);
    assert_eq!(loaded.environment, "staging");
    let loaded = Staged::loader().env_map::<&str, &str>([]).profile("production").dotenv_stack(&dir).load().unwrap();
    assert_eq!(loaded.workers, 4);
}

#[test]
fn from_env_reads_the_process_environment() {
    #[derive(EnvConfig)]
    struct Optional {
        #[env(name = "ENVCONFIG_TEST_SURELY_UNSET_VARIABLE")]
        unset: Option<String>,
        #[env(name = "PATH")]
        path: Option<String>,
    }
    let config = Optional::from_env().unwrap();
    assert!(config.unset.is_none());
    assert_eq!(config.path, std::env::var("PATH").ok());
}

#[test]
fn a_prefixed_load_still_reads_unprefixed_declared_names_from_the_process() {
    // The process snapshot keeps only the prefixed variables and the declared names outside
    // the prefix. Cargo sets CARGO_PKG_* and CARGO_MANIFEST_DIR for every test binary, so
    // this reads real process variables without writing any.
    #[derive(EnvConfig)]
    #[env(prefix = "CARGO_PKG_")]
    struct Package {
        name: String,
        #[env(no_prefix, name = "PATH")]
        path: String,
        /// Unset under its own name: read through a fallback outside the prefix.
        #[env(fallback("CARGO_MANIFEST_DIR"))]
        manifest_dir: Option<String>,
    }
    let loaded = Package::loader().load().unwrap();
    assert_eq!(loaded.name, env!("CARGO_PKG_NAME"));
    assert_eq!(loaded.path, std::env::var("PATH").unwrap());
    assert_eq!(loaded.manifest_dir.as_deref(), Some(env!("CARGO_MANIFEST_DIR")));
    let p = loaded.provenance().iter().find(|p| p.variable == "CARGO_PKG_MANIFEST_DIR").unwrap();
    assert_eq!(p.read_from.as_deref(), Some("CARGO_MANIFEST_DIR"));
    assert_eq!(p.source, ValueSource::Set(Origin::Environment));
    // Undeclared prefixed variables are still seen, and reported in name order.
    let unknown: Vec<String> = loaded
        .warnings()
        .iter()
        .filter_map(|w| match w {
            envspec::Warning::Unknown { variable, .. } => Some(variable.clone()),
            _ => None,
        })
        .collect();
    assert!(unknown.contains(&"CARGO_PKG_VERSION".to_owned()), "{unknown:?}");
    assert!(unknown.windows(2).all(|w| w[0] < w[1]), "{unknown:?}");
    assert!(unknown.iter().all(|v| v.starts_with("CARGO_PKG_")), "{unknown:?}");
}

#[test]
fn an_unknown_variable_set_in_a_file_names_its_line() {
    let dir = scratch("unknown-line");
    let file = write(&dir, ".env", "# settings\nAPP_PORT=1\nAPP_PROT=2\n");
    let loaded = Settings::loader().env_map([("APP_LOG_LEVLE", "x")]).dotenv(&file).load().unwrap();
    let shown: Vec<String> = loaded.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(
        shown,
        [
            "APP_LOG_LEVLE is set but no setting declares it; did you mean APP_LOG_LEVEL?".to_owned(),
            format!("{}:3: APP_PROT is set but no setting declares it; did you mean APP_PORT?", file.display()),
        ],
        "the environment needs no place; a file names its line"
    );
    let err = Settings::loader().empty_env().dotenv(&file).strict().load().unwrap_err();
    let p = &err.problems()[0];
    assert!(matches!(p, Problem::Unknown { .. }), "{p:?}");
    assert_eq!(p.origin(), Some(&Origin::DotEnv { path: file.clone(), line: 3 }));
}
