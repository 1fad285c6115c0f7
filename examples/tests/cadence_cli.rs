//! Cadence's start-up (`examples/examples/cadence.rs`, the code in
//! `envconfig_examples::cadence_cli`) with real argument vectors, a map for the environment and
//! a `cadence.toml` made from the committed `docs/examples/cadence/config.example.toml` with
//! its production values filled in: flag > environment > TOML file > default, provenance per
//! source, `--help`, usage errors, and no value ever printed.

use envconfig_examples::cadence::CadenceSettings;
use envconfig_examples::cadence_cli::{Stop, load, run};
use envspec::{EnvConfig, ExposeSecret, Loader, ValueSource};
use std::path::{Path, PathBuf};

const SECRET_KEY: &str = "a-long-production-signing-key-0123456789";
const ENCRYPTION_KEY: &str = "5f3a9c1e5f3a9c1e5f3a9c1e5f3a9c1e5f3a9c1e5f3a9c1e5f3a9c1e5f3a9c1e";

fn committed_example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/cadence/config.example.toml");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The committed example with `lines` replacing the commented default of the same key (the
/// `# key = ...` line), as an operator fills it in.
fn filled(lines: &[&str]) -> String {
    let mut text = committed_example();
    for line in lines {
        let key = line.split_once(" = ").unwrap().0;
        let commented = text
            .lines()
            .find(|l| l.strip_prefix("# ").and_then(|rest| rest.split_once(" = ")).is_some_and(|(k, _)| k == key))
            .unwrap_or_else(|| panic!("no commented {key} in the example"))
            .to_owned();
        text = text.replacen(&format!("\n{commented}\n"), &format!("\n{line}\n"), 1);
    }
    text
}

/// The production values: the two secrets production refuses at their defaults.
fn production_lines() -> Vec<String> {
    vec![format!("secret_key = \"{SECRET_KEY}\""), format!("encryption_key = \"{ENCRYPTION_KEY}\"")]
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cadence-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cadence.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// A loader with only `env` for the environment.
fn env(pairs: &[(&str, &str)]) -> Loader<CadenceSettings> {
    CadenceSettings::loader().empty_env().env_map(pairs.iter().copied())
}

/// Runs the start-up; (exit status, stdout, stderr).
fn start(loader: Loader<CadenceSettings>, args: &[&str], toml: &Path) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("cadence").chain(args.iter().copied());
    let code = run(loader, argv, toml, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn line_of(text: &str, start: &str) -> usize {
    text.lines().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line {start:?}")) + 1
}

#[test]
fn flags_beat_the_environment_which_beats_the_file_which_beats_defaults() {
    let mut lines = production_lines();
    lines.push("api_port = 8000".into());
    lines.push("api_host = \"10.0.0.1\"".into());
    lines.push("bucket_name = \"from-the-file\"".into());
    let text = filled(&lines.iter().map(String::as_str).collect::<Vec<_>>());
    let file = write("precedence", &text);
    let loader = env(&[("CADENCE_API_HOST", "127.0.0.1"), ("CADENCE_API_PORT", "7000")]);
    let loaded = load(loader, ["cadence", "--api-port", "9000", "--db-pool-size", "5"], &file).expect("loads");
    let c = loaded.config();
    assert_eq!(c.api_port, 9000, "the flag wins over the environment and the file");
    assert_eq!(c.infrastructure.db_pool_size, 5);
    assert_eq!(c.api_host, "127.0.0.1", "the environment wins over the file");
    assert_eq!(c.s3.bucket_name, "from-the-file", "the file wins over the default");
    assert_eq!(c.security.secret_key.expose_secret(), SECRET_KEY);
    assert_eq!(c.security.encryption_key.expose_secret(), ENCRYPTION_KEY);
    assert_eq!(c.infrastructure.db_max_overflow, 10, "the default");
    assert_eq!(loaded.profile(), Some("production"));
    let source = |name: &str| loaded.provenance().iter().find(|p| p.variable == name).unwrap().source.to_string();
    assert_eq!(source("CADENCE_API_PORT"), "flag --api-port");
    // The test gives the environment as a map.
    assert_eq!(source("CADENCE_API_HOST"), "in-memory source");
    let shown = file.display().to_string();
    assert_eq!(source("CADENCE_S3_BUCKET_NAME"), format!("{shown}:{}", line_of(&text, "bucket_name = ")));
    assert_eq!(source("CADENCE_SECRET_KEY"), format!("{shown}:{}", line_of(&text, "secret_key = ")));
    assert!(matches!(
        loaded.provenance().iter().find(|p| p.variable == "CADENCE_DB_MAX_OVERFLOW").unwrap().source,
        ValueSource::Default
    ));
    assert!(loaded.warnings().is_empty(), "{:?}", loaded.warnings());
}

#[test]
fn the_report_says_where_each_value_came_from_and_never_a_value() {
    let text = filled(&production_lines().iter().map(String::as_str).collect::<Vec<_>>());
    let file = write("report", &text);
    let (code, out, err) = start(env(&[("CADENCE_API_HOST", "127.0.0.1")]), &["--api-port", "9443"], &file);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("Cadence settings loaded (profile: production).\n"), "{out}");
    assert!(out.contains("  set        CADENCE_API_PORT: flag --api-port\n"), "{out}");
    assert!(out.contains("  set        CADENCE_API_HOST: in-memory source\n"), "{out}");
    let secret = format!("CADENCE_SECRET_KEY: {}:{}  (secret)\n", file.display(), line_of(&text, "secret_key = "));
    assert!(out.contains(&secret), "{out}");
    assert!(out.contains("  defaulted  CADENCE_DB_POOL_SIZE: default\n"), "{out}");
    assert!(out.contains("  unset      CADENCE_POSTGRES_READ_URL: unset\n"), "{out}");
    assert_eq!(out.lines().count(), 1 + CadenceSettings::schema().variables.len(), "{out}");
    for value in [SECRET_KEY, ENCRYPTION_KEY, "9443", "127.0.0.1", "HS256", "cadence-plugins"] {
        assert!(!out.contains(value) && !err.contains(value), "{value} printed:\n{out}{err}");
    }
    assert!(err.is_empty(), "{err}");
}

#[test]
fn the_committed_example_as_it_comes_fails_production_naming_both_secrets() {
    let file = write("as-it-comes", &committed_example());
    let (code, out, err) = start(env(&[]), &[], &file);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("CADENCE_SECRET_KEY must be changed from its default in production"), "{err}");
    assert!(err.contains("CADENCE_ENCRYPTION_KEY must be changed from its default in production"), "{err}");
    assert!(!err.contains("change-me") && !err.contains(&"0".repeat(16)), "{err}");
    // In development, as it comes, it loads: every other value is a default.
    let (code, out, err) = start(env(&[]), &["--environment", "development"], &file);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("CADENCE_ENVIRONMENT: flag --environment"), "{out}");
}

#[test]
fn without_the_file_the_environment_and_defaults_apply() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-dir/cadence.toml");
    let loaded = load(env(&[("CADENCE_ENVIRONMENT", "development")]), ["cadence"], &missing).expect("loads");
    assert_eq!(loaded.config().api_port, 8888);
}

#[test]
fn help_lists_each_flag_with_its_variable_and_default_but_no_secret() {
    let (code, out, err) = start(env(&[]), &["--help"], Path::new("cadence.toml"));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.starts_with("Starts the Cadence API."), "{out}");
    assert!(out.contains("Usage: cadence [OPTIONS]"), "{out}");
    assert!(out.contains("--api-port <NUMBER>"), "{out}");
    assert!(out.contains("TCP port the API server listens on. [env: CADENCE_API_PORT] [default: 8888]"), "{out}");
    assert!(out.contains("--s3-bucket-name <TEXT>") && out.contains("[env: CADENCE_S3_BUCKET_NAME]"), "{out}");
    assert!(out.contains("[possible values: development, test, staging, production]"), "{out}");
    // A secret is no flag (the process list shows flags); its _FILE form is.
    assert!(out.contains("--secret-key-file <PATH>") && !out.contains("--secret-key <"), "{out}");
    assert!(!out.contains("change-me") && !out.contains(&"0".repeat(16)), "{out}");
}

#[test]
fn usage_errors_exit_2_and_bad_values_exit_1_in_the_same_report() {
    let file = write("usage", &committed_example());
    let (code, out, err) = start(env(&[]), &["--api-prot", "1"], &file);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("unexpected argument '--api-prot'") && err.contains("--api-port"), "{err}");
    let (code, _, err) = start(env(&[]), &["--secret-key", SECRET_KEY], &file);
    assert_eq!(code, 2, "a secret is not a flag: {err}");
    assert!(!err.contains(SECRET_KEY), "{err}");
    // A bad flag value and the file's unchanged secrets: one report.
    let (code, _, err) = start(env(&[]), &["--api-port", "0"], &file);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("CADENCE_API_PORT") && err.contains("CADENCE_SECRET_KEY must be changed"), "{err}");
    let stopped = load(env(&[]), ["cadence", "--api-port", "0"], &file);
    let Err(Stop::Config(e)) = stopped else { panic!("a configuration error") };
    assert_eq!(e.problems().len(), 3, "{e}");
}

#[test]
fn a_misspelt_key_in_the_file_is_a_warning_naming_the_key_it_meant() {
    let mut text = filled(&production_lines().iter().map(String::as_str).collect::<Vec<_>>());
    text = text.replacen("\n# api_port = 8888\n", "\napi_prot = 9000\n", 1);
    let file = write("typo", &text);
    let (code, out, err) = start(env(&[]), &[], &file);
    assert_eq!(code, 0, "{out}{err}");
    let line = line_of(&text, "api_prot = ");
    let expected =
        format!("warning: {}:{line}: the key api_prot names no setting; did you mean api_port?\n", file.display());
    assert_eq!(err, expected);
    assert!(!err.contains("9000"), "{err}");
}
