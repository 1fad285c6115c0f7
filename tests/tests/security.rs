//! The security promises, one test each, checked with canary values searched in every output:
//! credentials in URLs and secrets inside other values are masked, every `Debug` is safe,
//! only regular files are read, reports cannot be forged, and parsing is linear.

#![allow(dead_code)] // Some fields exist only to be read.

mod support;

use envspec::{EnvConfig, ExposeSecret, LoadError, Problem, SecretString, SecretUrl, Url};
use std::time::{Duration, Instant};

const PASSWORD: &str = "canary-pw-7f3e1a";

/// Every printable output of a failed load.
fn failed_outputs(err: &LoadError) -> String {
    format!("{err}\n{err:?}")
}

#[derive(EnvConfig, Debug)]
struct Dsns {
    /// A DSN held as text: it is not a secret, but its password is.
    #[env(max_len = 10)]
    database_url: Option<String>,
    /// A URL whose scheme is refused.
    #[env(schemes("rediss"))]
    cache_url: Option<Url>,
    /// A list of URLs.
    #[env(max_len = 1)]
    brokers: Option<Vec<String>>,
    #[env(default = 1)]
    workers: u32,
}

#[test]
fn url_passwords_are_masked_in_errors_whatever_the_field_type() {
    let env = [
        ("DATABASE_URL", format!("postgres://app:{PASSWORD}@db/app")),
        ("CACHE_URL", format!("redis://:{PASSWORD}@cache:6379/0")),
        ("BROKERS", format!("amqp://u:{PASSWORD}@q1,amqp://u:{PASSWORD}@q2")),
    ];
    let err = Dsns::loader().env_map(env).load().unwrap_err();
    let text = failed_outputs(&err);
    assert!(!text.contains(PASSWORD), "{text}");
    assert!(text.contains("postgres://app:***@db/app"), "{text}");
    assert!(text.contains("redis://:***@cache:6379/0"), "{text}");
    assert!(text.contains("amqp://u:***@q1,amqp://u:***@q2"), "{text}");
}

#[derive(EnvConfig, Debug)]
struct Connections {
    database_url: Option<String>,
    cache_url: Option<Url>,
}

#[test]
fn url_passwords_are_masked_in_the_debug_of_a_load_and_its_reports() {
    let loaded = Connections::loader()
        .env_map([("DATABASE_URL", format!("pg://a:{PASSWORD}@h")), ("CACHE_URL", format!("rediss://:{PASSWORD}@c"))])
        .load()
        .unwrap_or_else(|e| panic!("{e}"));
    let outputs = format!("{loaded:?}\n{}\n{:?}\n{:?}", loaded.status(), loaded.provenance(), loaded.warnings());
    assert!(!outputs.contains(PASSWORD), "{outputs}");
    assert!(outputs.contains("\"DATABASE_URL\": \"pg://a:***@h\""), "{outputs}");
    // The value itself is intact for the service.
    assert!(loaded.database_url.as_deref().unwrap().contains(PASSWORD));
}

#[derive(EnvConfig, Debug)]
struct SecretDsn {
    #[env(secret, schemes("postgres", "postgresql"))]
    database_url: SecretUrl,
    #[env(secret)]
    replica_url: Option<SecretUrl>,
}

#[test]
fn a_secret_url_keeps_its_rules_and_never_prints() {
    let dsn = format!("postgres://app:{PASSWORD}@db:5432/app");
    let loaded = SecretDsn::loader().env_map([("DATABASE_URL", dsn.as_str())]).load().unwrap();
    assert_eq!(loaded.database_url.expose_secret(), dsn);
    assert_eq!(loaded.database_url.url().port(), Some(5432));
    assert_eq!(loaded.database_url.scheme(), "postgres");
    let debug = format!("{loaded:?} {:?}", *loaded);
    assert!(!debug.contains(PASSWORD) && !debug.contains("db:5432"), "{debug}");
    let err = SecretDsn::loader().env_map([("DATABASE_URL", format!("mysql://app:{PASSWORD}@db"))]).load().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: 1 problem\n  - DATABASE_URL = (secret value hidden) must be scheme postgres:// or postgresql://"
    );
    let err = SecretDsn::loader().env_map([("DATABASE_URL", PASSWORD)]).load().unwrap_err();
    assert!(!failed_outputs(&err).contains(PASSWORD));
    assert!(SecretDsn::schema().variable("DATABASE_URL").unwrap().secret);
}

#[derive(EnvConfig, Debug)]
struct Embedded {
    #[env(secret)]
    api_token: SecretString,
    #[env(secret)]
    db_password: Option<SecretString>,
    /// Built in the `.env` file from the token: not secret, but holds it.
    #[env(max_len = 8)]
    auth_header: Option<String>,
    #[env(max_len = 8)]
    database_url: Option<String>,
}

#[test]
fn a_value_holding_a_loaded_secret_is_masked() {
    let dir = support::scratch("embedded-secrets");
    let token = "canary-token-91b2";
    let env = support::write(
        &dir,
        ".env",
        &format!(
            "API_TOKEN={token}\nDB_PASSWORD=canary-dbpw-55\nAUTH_HEADER=\"Bearer ${{API_TOKEN}}\"\nDATABASE_URL=mysql://app@db/x?password=canary-dbpw-55\n"
        ),
    );
    let err = Embedded::loader().env_map::<&str, &str>([]).dotenv(&env).load().unwrap_err();
    let text = failed_outputs(&err);
    assert!(!text.contains(token) && !text.contains("canary-dbpw-55"), "{text}");
    assert!(text.contains("\"Bearer ***\""), "{text}");
    assert!(text.contains("mysql://app@db/x?password=***"), "{text}");
}

#[test]
fn no_debug_prints_a_secret_or_an_in_memory_value() {
    let canary = "canary-debug-3c4d";
    let loader = Embedded::loader().env_map([("API_TOKEN", canary), ("AUTH_HEADER", "pcanary")]);
    let debug = format!("{loader:?}");
    assert!(!debug.contains(canary) && !debug.contains("pcanary"), "{debug}");
    assert!(debug.contains("API_TOKEN"), "names are shown: {debug}");
    let loaded = loader.load().unwrap();
    let debug = format!("{loaded:?}");
    assert!(!debug.contains(canary), "{debug}");
}

#[derive(EnvConfig, Debug)]
#[env(profiles(production))]
struct SchemaSecrets {
    #[env(secret, dev_default = "canary-devdefault-1a", example = "canary-example-2b")]
    session_key: SecretString,
    #[env(secret, default = "canary-default-3c")]
    signing_key: SecretString,
}

#[test]
fn the_schema_holds_no_secret_default_dev_default_or_example() {
    let schema = SchemaSecrets::schema();
    let text = format!("{schema:?}\n{}", serde_json::to_string(&schema).unwrap());
    for canary in ["canary-devdefault-1a", "canary-example-2b", "canary-default-3c"] {
        assert!(!text.contains(canary), "{canary} in the schema");
    }
    // They still apply.
    let loaded = SchemaSecrets::loader().env_map::<&str, &str>([]).load().unwrap();
    assert_eq!(loaded.session_key.expose_secret(), "canary-devdefault-1a");
}

// ---------------------------------------------------------------------------------------
// Files

#[derive(EnvConfig, Debug)]
#[env(prefix = "F_")]
struct Files {
    #[env(secret)]
    token: SecretString,
    #[env(secret)]
    optional_token: Option<SecretString>,
}

/// Runs `f` on another thread and fails if it does not finish within a few seconds.
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(5)).expect("the load blocked")
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_a_secret_file_or_an_env_file_is_refused_without_blocking() {
    let dir = support::scratch("fifo");
    let fifo = dir.join("pipe");
    mkfifo(&fifo);
    let path = fifo.to_str().unwrap().to_owned();
    let err = within_seconds({
        let path = path.clone();
        move || Files::loader().env_map([("F_TOKEN_FILE", path)]).load().unwrap_err()
    });
    assert!(err.to_string().contains("is a FIFO, not a regular file"), "{err}");
    let err = within_seconds(move || Files::loader().env_map([("F_TOKEN", "t")]).dotenv(&path).load().unwrap_err());
    assert!(err.to_string().contains("is a FIFO, not a regular file"), "{err}");
    let err = Files::loader().env_map([("F_TOKEN_FILE", "/dev/zero")]).load().unwrap_err();
    assert!(err.to_string().contains("is a device, not a regular file"), "{err}");
}

#[test]
fn an_empty_secret_file_counts_as_unset() {
    let dir = support::scratch("empty-file");
    for content in ["", "\n", "\r\n"] {
        let file = support::write(&dir, "token", content);
        let err = Files::loader().env_map([("F_TOKEN_FILE", file.to_str().unwrap())]).load().unwrap_err();
        assert_eq!(err.problems(), [Problem::Missing { variable: "F_TOKEN".into(), reason: None }], "{content:?}");
        let optional = Files::loader()
            .env_map([("F_TOKEN", "t"), ("F_OPTIONAL_TOKEN_FILE", file.to_str().unwrap())])
            .load()
            .unwrap();
        assert!(optional.optional_token.is_none(), "{content:?}");
    }
}

#[test]
fn fingerprints_are_of_the_value_loaded_not_of_the_file_now() {
    let dir = support::scratch("fingerprint-file");
    let file = support::write(&dir, "token", "first-secret\n");
    let loaded = Files::loader().env_map([("F_TOKEN_FILE", file.to_str().unwrap())]).load().unwrap();
    let before = loaded.status_with_fingerprints(b"k").get("F_TOKEN").unwrap().fingerprint.clone();
    std::fs::write(&file, "second-secret\n").unwrap();
    let after = loaded.status_with_fingerprints(b"k").get("F_TOKEN").unwrap().fingerprint.clone();
    assert_eq!(before, after, "the fingerprint follows the loaded value");
    let direct = Files::loader().env_map([("F_TOKEN", "first-secret")]).load().unwrap();
    assert_eq!(direct.status_with_fingerprints(b"k").get("F_TOKEN").unwrap().fingerprint, before);
}

#[test]
fn a_path_holding_a_newline_cannot_add_a_line_to_a_report() {
    let forged = "missing\n  - F_OTHER is required but not set";
    let err = Files::loader().env_map([("F_TOKEN_FILE", forged)]).load().unwrap_err();
    let text = err.to_string();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("missing\\n  - F_OTHER"), "{text}");
    // A variable name from the environment, and a line separator that some readers split on.
    let loaded = Files::loader().env_map([("F_TOKEN", "t"), ("F_X\u{2028}F_Y\nF_Z", "1")]).load().unwrap();
    for w in loaded.warnings() {
        let shown = w.to_string();
        assert!(!shown.contains('\n') && !shown.contains('\u{2028}'), "{shown:?}");
    }
    let status = loaded.status().to_string();
    assert_eq!(status.lines().count(), 2, "{status}");
}

// ---------------------------------------------------------------------------------------
// Parsing

#[derive(EnvConfig, Debug)]
#[env(prefix = "BIG_")]
struct Big {
    #[env(default = "x")]
    last: String,
}

#[test]
fn a_seventy_thousand_line_env_file_loads_in_well_under_a_second() {
    let dir = support::scratch("big-env");
    // Variables outside the prefix, so that the load reads one of them and ignores the rest.
    let mut text: String = (0..70_000).map(|i| format!("K{i}=1\n")).collect();
    text.push_str("BIG_LAST=found\n");
    assert!(text.len() < envspec::MAX_FILE_BYTES as usize);
    let file = support::write(&dir, ".env", &text);
    let start = Instant::now();
    let loaded = Big::loader().env_map::<&str, &str>([]).dotenv(&file).load().unwrap();
    let took = start.elapsed();
    assert_eq!(loaded.last, "found");
    let line = match &loaded.provenance()[0].source {
        envspec::ValueSource::Set(envspec::Origin::DotEnv { line, .. }) => *line,
        other => panic!("{other:?}"),
    };
    assert_eq!(line, 70_001);
    // Debug builds are slower; the bound is generous and still fails on quadratic scanning.
    assert!(took < Duration::from_secs(if cfg!(debug_assertions) { 3 } else { 1 }), "{took:?}");
}

#[derive(EnvConfig, Debug)]
struct Lines {
    motd: Option<String>,
    port: Option<u16>,
}

#[test]
fn provenance_points_at_the_assignment_not_inside_a_quoted_value() {
    let dir = support::scratch("env-lines");
    let file = support::write(&dir, ".env", "\u{feff}MOTD=\"hello\nPORT=1\nworld\"\nPORT=8080\n");
    let loaded = Lines::loader().env_map::<&str, &str>([]).dotenv(&file).load().unwrap();
    assert_eq!(loaded.port, Some(8080));
    let lines: Vec<String> = loaded.provenance().iter().map(|p| p.to_string()).collect();
    let shown = file.display().to_string();
    assert_eq!(lines, [format!("MOTD: {shown}:1"), format!("PORT: {shown}:4")]);
    let bad = support::write(&dir, "bad.env", "PORT=1\nMOTD=ok\nPORT=2\n9PORT=3\n");
    let err = Lines::loader().env_map::<&str, &str>([]).dotenv(&bad).load().unwrap_err();
    assert!(err.to_string().contains("bad.env:4: cannot parse this line"), "{err}");
}

#[derive(EnvConfig, Debug)]
struct Strict {
    count: Option<i32>,
    data_dir: Option<std::path::PathBuf>,
}

#[test]
fn numbers_take_one_sign_and_an_empty_home_expands_nothing() {
    for bad in ["++1", "+-1", "--1", "1_", "_1"] {
        assert!(Strict::loader().env_map([("COUNT", bad)]).load().is_err(), "{bad}");
    }
    assert_eq!(Strict::loader().env_map([("COUNT", "+1_000")]).load().unwrap().count, Some(1000));
    let err = Strict::loader().env_map([("HOME", ""), ("DATA_DIR", "~/x")]).load().unwrap_err();
    assert!(err.to_string().contains("no home directory is known"), "{err}");
    let ok = Strict::loader().env_map([("HOME", "/home/op"), ("DATA_DIR", "~/x")]).load().unwrap();
    assert_eq!(ok.data_dir.as_deref(), Some(std::path::Path::new("/home/op/x")));
}

/// A parser that breaks the contract and repeats the value it refuses.
struct Echo;

impl envspec::EnvValue for Echo {
    fn parse_env(raw: &str, _: &envspec::ParseContext) -> Result<Self, envspec::ValueError> {
        Err(envspec::ValueError::new("an echo").detail(format!("got {raw}")))
    }
    fn type_kind() -> envspec::TypeKind {
        envspec::TypeKind::Custom { name: "echo".into() }
    }
    const SECRET: bool = true;
}

impl envspec::SecretType for Echo {}

#[derive(EnvConfig)]
struct Echoes {
    #[env(secret)]
    echoed: Option<Echo>,
    #[env(max_len = 3)]
    url: Option<String>,
}

#[test]
fn a_parser_that_repeats_a_secret_has_it_masked() {
    let err = Echoes::loader()
        .env_map([("ECHOED", "canary-echo-81"), ("URL", "https://u:canary-echo-pw@h")])
        .load()
        .unwrap_err();
    let text = failed_outputs(&err);
    assert!(!text.contains("canary-echo-81") && !text.contains("canary-echo-pw"), "{text}");
    assert!(text.contains("got ***"), "{text}");
}

#[test]
fn a_dotenv_expansion_bomb_is_refused_without_exhausting_memory() {
    // Found by the `dotenv_file` fuzz target: each line doubles a value through `$o`.
    let dir = support::scratch("expansion-bomb");
    let file = support::write(
        &dir,
        ".env",
        std::str::from_utf8(include_bytes!("fixtures/dotenv-expansion-bomb.env")).unwrap(),
    );
    let err = within_seconds(move || Lines::loader().env_map::<&str, &str>([]).dotenv(&file).load().unwrap_err());
    assert!(err.to_string().contains("would make a value of more than 1048576 bytes"), "{err}");
}

#[test]
fn an_overlay_key_that_repeats_a_loaded_secret_is_masked() {
    // Found by the overlay fuzz target: the unknown-key report echoed the key as written.
    let canary = "canary-overlay-key-7Q2";
    let loaded = Files::loader().env_map([("F_TOKEN", canary)]).load().unwrap();
    for key in [format!("{canary}wait"), format!("x.{canary}"), canary.to_owned()] {
        let err = loaded.overlay(&serde_json::json!({ key.as_str(): "1" })).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(canary), "{shown}");
        assert!(shown.contains("no setting has this name"), "{shown}");
    }
    // A key that holds no secret is shown as written.
    let err = loaded.overlay(&serde_json::json!({ "tokn": "1" })).unwrap_err();
    assert!(err.to_string().contains("tokn: no setting has this name"), "{err}");
}
