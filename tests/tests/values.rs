//! Names and values: prefixes, renames, aliases, nesting, every supported type, the empty

#![allow(dead_code)] // Some fields exist only to be described by the schema.
//! rule, and errors that list every problem at once.

use envspec::{EnvConfig, EnvEnum, EnvValue, ParseContext, Problem, TypeKind, Url, ValueError, ValueView, Warning};
use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

#[derive(EnvEnum, Debug, PartialEq, Clone, Copy)]
enum Backend {
    /// A local file.
    Sqlite,
    #[env(rename = "postgres", alias = "postgresql")]
    Postgres,
    #[env(rename = "aws_kms")]
    AwsKms,
}

#[derive(EnvEnum, Debug, PartialEq)]
#[env(rename_all = "UPPERCASE")]
enum Level {
    Debug,
    Info,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Jwks {
    keys: Vec<serde_json::Value>,
}

/// A port above 1023, described to the docs by itself.
#[derive(Debug, PartialEq)]
struct HighPort(u16);

impl EnvValue for HighPort {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        let p = u16::parse_env(raw, cx)?;
        if p < 1024 { Err(ValueError::new("port 1024–65535").detail("privileged")) } else { Ok(HighPort(p)) }
    }
    fn type_kind() -> TypeKind {
        TypeKind::Custom { name: "unprivileged port".into() }
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Int(self.0.into())
    }
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "T_")]
struct Everything {
    flag: bool,
    #[env(strict_bool)]
    strict_flag: bool,
    small: i8,
    big: u64,
    ratio: f64,
    backend: Backend,
    level: Level,
    origins: Vec<String>,
    ports: BTreeSet<u16>,
    path: PathBuf,
    url: Url,
    timeout: Duration,
    ip: IpAddr,
    bind: SocketAddr,
    raw_json: serde_json::Value,
    #[env(json)]
    jwks: Jwks,
    #[env(json)]
    maybe_jwks: Option<Jwks>,
    #[env(from_str)]
    version: std::num::NonZeroU32,
    high: HighPort,
    #[env(default)]
    count: u32,
}

fn all_valid() -> Vec<(&'static str, &'static str)> {
    vec![
        ("T_FLAG", "yes"),
        ("T_STRICT_FLAG", "false"),
        ("T_SMALL", "-7"),
        ("T_BIG", "18446744073709551615"),
        ("T_RATIO", "0.25"),
        ("T_BACKEND", "PostgreSQL"),
        ("T_LEVEL", "debug"),
        ("T_ORIGINS", r#"["http://a","http://b"]"#),
        ("T_PORTS", "80, 443,80"),
        ("T_PATH", "~/data"),
        ("T_URL", "redis://localhost:6379/0"),
        ("T_TIMEOUT", "1m 30s"),
        ("T_IP", "::1"),
        ("T_BIND", "0.0.0.0:8080"),
        ("T_RAW_JSON", r#"{"a":1}"#),
        ("T_JWKS", r#"{"keys":[{"kty":"RSA"}]}"#),
        ("T_VERSION", "3"),
        ("T_HIGH", "8443"),
    ]
}

#[test]
fn every_supported_type_parses() {
    let loaded = Everything::loader().env_map(all_valid()).home_dir("/home/op").load().unwrap();
    assert!(loaded.flag);
    assert!(!loaded.strict_flag);
    assert_eq!(loaded.small, -7);
    assert_eq!(loaded.big, u64::MAX);
    assert_eq!(loaded.ratio, 0.25);
    assert_eq!(loaded.backend, Backend::Postgres);
    assert_eq!(loaded.level, Level::Debug);
    assert_eq!(loaded.origins, ["http://a", "http://b"]);
    assert_eq!(loaded.ports, BTreeSet::from([80, 443]));
    assert_eq!(loaded.path, PathBuf::from("/home/op/data"));
    assert_eq!(loaded.url.scheme(), "redis");
    assert_eq!(loaded.timeout, Duration::from_secs(90));
    assert_eq!(loaded.ip, "::1".parse::<IpAddr>().unwrap());
    assert_eq!(loaded.bind.port(), 8080);
    assert_eq!(loaded.raw_json["a"], 1);
    assert_eq!(loaded.jwks.keys.len(), 1);
    assert_eq!(loaded.maybe_jwks, None);
    assert_eq!(loaded.version.get(), 3);
    assert_eq!(loaded.high, HighPort(8443));
    assert_eq!(loaded.count, 0);
}

#[test]
fn every_bad_value_is_reported_in_one_error() {
    let mut env = all_valid();
    let bad = [
        ("T_FLAG", "maybe"),
        ("T_STRICT_FLAG", "yes"),
        ("T_SMALL", "300"),
        ("T_RATIO", "a lot"),
        ("T_BACKEND", "postgre"),
        ("T_PORTS", "80,http"),
        ("T_URL", "not a url"),
        ("T_TIMEOUT", "soon"),
        ("T_JWKS", "{"),
        ("T_VERSION", "0"),
        ("T_HIGH", "80"),
    ];
    for (k, v) in bad {
        env.retain(|(name, _)| *name != k);
        env.push((k, v));
    }
    env.retain(|(name, _)| *name != "T_BIND");
    let err = Everything::loader().env_map(env).home_dir("/h").load().unwrap_err();
    assert_eq!(err.problems().len(), bad.len() + 1, "{err}");
    let text = err.to_string();
    assert!(text.starts_with("invalid configuration: 12 problems"), "{text}");
    for line in [
        r#"T_FLAG = "maybe" is invalid: expected boolean: true/false, 1/0, yes/no or on/off"#,
        r#"T_STRICT_FLAG = "yes" is invalid: expected true or false"#,
        r#"T_SMALL = "300" is invalid: expected integer -128–127 (too large)"#,
        r#"T_BACKEND = "postgre" is invalid: expected one of: sqlite, postgres, aws_kms (did you mean `postgres`?)"#,
        r#"T_PORTS = "80,http" is invalid: expected list of non-negative integer (item 2: expected integer 0–65535 (not a whole number))"#,
        r#"T_HIGH = "80" is invalid: expected port 1024–65535 (privileged)"#,
        "T_BIND is required but not set",
    ] {
        assert!(text.contains(line), "missing line {line:?} in:\n{text}");
    }
    assert!(
        matches!(err.problems().iter().find(|p| matches!(p, Problem::Missing { .. })), Some(Problem::Missing { variable, reason: None }) if variable == "T_BIND")
    );
}

#[test]
fn lists_accept_commas_and_json_alike() {
    let mut env = all_valid();
    env.retain(|(k, _)| *k != "T_ORIGINS");
    env.push(("T_ORIGINS", "http://a, http://b"));
    let loaded = Everything::loader().env_map(env).home_dir("/h").load().unwrap();
    assert_eq!(loaded.origins, ["http://a", "http://b"]);
}

#[test]
fn enum_values_are_listed_for_the_docs() {
    let schema = Everything::schema();
    let backend = schema.variable("T_BACKEND").unwrap();
    let values = backend.value_type.enum_values().unwrap();
    let names: Vec<_> = values.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["sqlite", "postgres", "aws_kms"]);
    assert_eq!(values[1].aliases, ["postgresql"]);
    assert_eq!(values[0].description, "A local file.");
    assert_eq!(backend.value_type.to_string(), "one of: sqlite, postgres, aws_kms");
    let high = schema.variable("T_HIGH").unwrap();
    assert_eq!(high.value_type.to_string(), "unprivileged port");
    assert_eq!(schema.variable("T_COUNT").unwrap().default.as_ref().and_then(|d| d.display()).as_deref(), Some("0"));
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "S3_")]
struct S3 {
    #[env(default = "us-east-1")]
    region: String,
}

#[derive(EnvConfig, Debug)]
#[env(section = "Logging")]
struct Logging {
    #[env(default = "INFO", name = "LOG_LEVEL", no_prefix)]
    level: String,
}

/// Names demo.
#[derive(EnvConfig, Debug)]
#[env(prefix = "ORCHEO_")]
struct Names {
    #[env(alias = "AUTH_JWKS_STATIC")]
    auth_jwks: Option<String>,
    #[env(name = "REDIS_URL", no_prefix)]
    redis_url: Option<String>,
    #[env(nested, section = "Storage")]
    s3: S3,
    #[env(nested, prefix = "BACKUP_")]
    backup: S3,
    #[env(flatten)]
    logging: Logging,
    #[env(deprecated = "use ORCHEO_AUTH_JWKS")]
    old_jwks: Option<String>,
}

#[test]
fn names_follow_prefixes_renames_and_nesting() {
    let schema = Names::schema();
    let rows: Vec<_> =
        schema.variables.iter().map(|v| (v.name.as_str(), v.path.as_str(), v.section.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("ORCHEO_AUTH_JWKS", "auth_jwks", None),
            ("REDIS_URL", "redis_url", None),
            ("ORCHEO_S3_REGION", "s3.region", Some("Storage")),
            ("ORCHEO_BACKUP_REGION", "backup.region", None),
            ("LOG_LEVEL", "logging.level", Some("Logging")),
            ("ORCHEO_OLD_JWKS", "old_jwks", None),
        ]
    );
    assert_eq!(schema.variable("ORCHEO_AUTH_JWKS").unwrap().aliases, ["ORCHEO_AUTH_JWKS_STATIC"]);
    assert_eq!(schema.title, "Names demo.");
}

#[test]
fn aliases_are_read_and_reported_and_conflicts_refused() {
    let loaded = Names::loader().env_map([("ORCHEO_AUTH_JWKS_STATIC", "{}")]).load().unwrap();
    assert_eq!(loaded.auth_jwks.as_deref(), Some("{}"));
    assert!(loaded.warnings().contains(&Warning::AliasUsed {
        variable: "ORCHEO_AUTH_JWKS".into(),
        alias: "ORCHEO_AUTH_JWKS_STATIC".into()
    }));
    let same = Names::loader().env_map([("ORCHEO_AUTH_JWKS", "{}"), ("ORCHEO_AUTH_JWKS_STATIC", "{}")]).load();
    assert!(same.is_ok(), "the same value under both names is not a conflict");
    let err =
        Names::loader().env_map([("ORCHEO_AUTH_JWKS", "{}"), ("ORCHEO_AUTH_JWKS_STATIC", "[]")]).load().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: 1 problem\n  - ORCHEO_AUTH_JWKS is set more than once, as ORCHEO_AUTH_JWKS and ORCHEO_AUTH_JWKS_STATIC: set only one"
    );
}

#[test]
fn deprecated_variables_warn_when_set() {
    let loaded = Names::loader().env_map([("ORCHEO_OLD_JWKS", "x")]).load().unwrap();
    assert_eq!(loaded.warnings()[0].to_string(), "ORCHEO_OLD_JWKS is deprecated: use ORCHEO_AUTH_JWKS");
    let quiet = Names::loader().env_map::<&str, &str>([]).load().unwrap();
    assert!(quiet.warnings().is_empty());
}

#[test]
fn typos_in_prefixed_names_are_caught() {
    let loaded = Names::loader().env_map([("ORCHEO_AUTH_JWSK", "x"), ("UNRELATED", "y")]).load().unwrap();
    assert_eq!(
        loaded.warnings(),
        [Warning::Unknown {
            variable: "ORCHEO_AUTH_JWSK".into(),
            suggestion: Some("ORCHEO_AUTH_JWKS".into()),
            origin: None
        }]
    );
    let err = Names::loader().env_map([("ORCHEO_AUTH_JWSK", "x")]).strict().load().unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "ORCHEO_AUTH_JWSK is set but no setting declares it; did you mean ORCHEO_AUTH_JWKS?"
    );
}

#[derive(EnvConfig, Debug)]
struct EmptyUnset {
    #[env(default = "fallback")]
    name: String,
    port: Option<u16>,
}

#[derive(EnvConfig, Debug)]
#[env(empty = "value")]
struct EmptyValue {
    #[env(default = "fallback")]
    name: String,
}

#[test]
fn the_empty_rule_is_configurable() {
    let loaded = EmptyUnset::loader().env_map([("NAME", ""), ("PORT", "")]).load().unwrap();
    assert_eq!(loaded.name, "fallback");
    assert_eq!(loaded.port, None);
    let loaded = EmptyValue::loader().env_map([("NAME", "")]).load().unwrap();
    assert_eq!(loaded.name, "");
}

#[cfg(unix)]
#[test]
fn non_utf8_values_are_reported_not_panicked_on() {
    use std::os::unix::ffi::OsStringExt;
    let bad = std::ffi::OsString::from_vec(vec![0x66, 0x6f, 0xff]);
    let err = EmptyUnset::loader().env_map([("NAME", bad)]).load().unwrap_err();
    assert_eq!(err.problems(), [Problem::NotUnicode { variable: "NAME".into() }]);
}
