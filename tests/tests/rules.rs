//! Rules from the seeds, each with a valid and an invalid input and the exact message a
//! person sees; profiles, conditions, fallbacks and derived defaults.

#![allow(dead_code)] // Some fields exist only to be described by the schema.

use envspec::{EnvConfig, EnvEnum, ExposeSecret, SecretString, Url, ValueSource, Warning};
use std::path::PathBuf;

#[derive(EnvEnum, Debug, PartialEq, Clone, Copy)]
enum Adapter {
    Sqlite,
    Mongodb,
    Postgresql,
}

#[derive(EnvEnum, Debug, PartialEq)]
enum Environment {
    Development,
    Staging,
    Production,
    Test,
}

fn no_localhost(url: &Url) -> Result<(), String> {
    if url.host_str() == Some("localhost") { Err("must not point at localhost".into()) } else { Ok(()) }
}

fn tenancy_needs_a_server_database(s: &Rules) -> Result<(), String> {
    if s.multi_tenancy_enabled && s.storage_adapter == Adapter::Sqlite {
        Err("MULTI_TENANCY_ENABLED=true needs STORAGE_ADAPTER=mongodb or postgresql: SQLite has no multi-tenancy"
            .into())
    } else {
        Ok(())
    }
}

#[derive(EnvConfig, Debug)]
#[env(check(tenancy_needs_a_server_database, "multi-tenancy is not available on SQLite"))]
struct Rules {
    #[env(profile, default = "development")]
    deployment_environment: Environment,
    #[env(default = 9007, range = 1..=65535)]
    port: u32,
    #[env(default = 300, min = 60)]
    token_ttl_seconds: u32,
    #[env(default = 1.0, range = 0.0..=1.0)]
    sample_ratio: f64,
    #[env(default = 5.0, gt = 0)]
    jwks_timeout: f64,
    #[env(secret, min_len = 32, required_in(production))]
    jwt_secret: Option<SecretString>,
    #[env(default = "parako", pattern = "[A-Za-z0-9_-]+")]
    redis_prefix: String,
    #[env(secret, key(bytes = 32, hex, base64))]
    encryption_key: Option<SecretString>,
    #[env(default = "redis://localhost:6379", schemes("redis", "rediss"))]
    redis_url: Url,
    #[env(default = "http://localhost:5173", non_empty, item_pattern = "https?://.+|\\*", forbid("*", only_in = production))]
    cors_origins: Vec<String>,
    #[env(validate(no_localhost, "must not point at localhost"))]
    public_url: Option<Url>,
    #[env(default = "sqlite")]
    storage_adapter: Adapter,
    #[env(required_if(storage_adapter = "mongodb"))]
    storage_mongodb_uri: Option<String>,
    #[env(same_as = storage_adapter)]
    oidc_storage_adapter: Adapter,
    #[env(default = false)]
    multi_tenancy_enabled: bool,
    #[env(required_with(smtp_host))]
    smtp_password: Option<String>,
    smtp_host: Option<String>,
    #[env(default = false, forbidden_in(production))]
    debug: bool,
    #[env(secret, default = "change-me", not_default_in(production), warn_in(development, staging))]
    secret_key: SecretString,
    #[env(dev_default = "dev-only-pairwise-salt")]
    pairwise_salt: String,
    #[env(default = "http://localhost:3000")]
    oauth_redirect_base_url: String,
    #[env(default_from = "{oauth_redirect_base_url}/oauth/consent")]
    consent_ui_url: String,
    #[env(secret, fallback("CRON_SECRET", "LEGACY_TOKEN"))]
    dispatch_token: Option<SecretString>,
    #[env(default = "~/.orcheo/workflows.sqlite")]
    repository_sqlite_path: PathBuf,
}

fn load(pairs: &[(&str, &str)]) -> Result<envspec::Loaded<Rules>, envspec::LoadError> {
    Rules::loader().env_map(pairs.iter().copied()).home_dir("/home/op").load()
}

/// The one problem a single bad variable causes, as a person reads it.
fn message(pairs: &[(&str, &str)]) -> String {
    let err = load(pairs).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    err.problems()[0].to_string()
}

#[test]
fn defaults_pass_every_rule() {
    let loaded = load(&[]).unwrap();
    assert_eq!(loaded.port, 9007);
    assert_eq!(loaded.consent_ui_url, "http://localhost:3000/oauth/consent");
    assert_eq!(loaded.oidc_storage_adapter, Adapter::Sqlite);
    assert_eq!(loaded.pairwise_salt, "dev-only-pairwise-salt");
}

#[test]
fn numeric_ranges() {
    assert!(load(&[("PORT", "65535")]).is_ok());
    assert_eq!(message(&[("PORT", "65536")]), r#"PORT = "65536" must be 1–65535"#);
    assert_eq!(message(&[("PORT", "0")]), r#"PORT = "0" must be 1–65535"#);
    assert!(load(&[("TOKEN_TTL_SECONDS", "60")]).is_ok());
    assert_eq!(message(&[("TOKEN_TTL_SECONDS", "59")]), r#"TOKEN_TTL_SECONDS = "59" must be ≥ 60"#);
    assert!(load(&[("SAMPLE_RATIO", "0.0")]).is_ok());
    assert_eq!(message(&[("SAMPLE_RATIO", "1.5")]), r#"SAMPLE_RATIO = "1.5" must be 0.0–1.0"#);
    assert_eq!(message(&[("SAMPLE_RATIO", "NaN")]), r#"SAMPLE_RATIO = "NaN" must be 0.0–1.0"#);
    assert_eq!(message(&[("JWKS_TIMEOUT", "0")]), r#"JWKS_TIMEOUT = "0" must be > 0"#);
    assert_eq!(message(&[("JWKS_TIMEOUT", "inf")]), r#"JWKS_TIMEOUT = "inf" must be > 0"#);
}

#[test]
fn lengths_patterns_keys_and_schemes() {
    assert!(load(&[("JWT_SECRET", &"s".repeat(32))]).is_ok());
    assert_eq!(
        message(&[("JWT_SECRET", "too-short")]),
        "JWT_SECRET = (secret value hidden) must be at least 32 characters"
    );
    assert!(load(&[("REDIS_PREFIX", "my-app_1")]).is_ok());
    assert_eq!(message(&[("REDIS_PREFIX", "my app")]), r#"REDIS_PREFIX = "my app" must be matching `[A-Za-z0-9_-]+`"#);
    assert!(load(&[("ENCRYPTION_KEY", &"0f".repeat(32))]).is_ok());
    assert!(load(&[("ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")]).is_ok());
    assert_eq!(
        message(&[("ENCRYPTION_KEY", &"0".repeat(63))]),
        "ENCRYPTION_KEY = (secret value hidden) must be 64 hex characters or 44 base64 characters"
    );
    assert!(load(&[("REDIS_URL", "rediss://cache:6380/0")]).is_ok());
    assert_eq!(
        message(&[("REDIS_URL", "http://cache")]),
        r#"REDIS_URL = "http://cache" must be scheme redis:// or rediss://"#
    );
}

#[test]
fn list_rules_and_custom_validators() {
    assert!(load(&[("CORS_ORIGINS", "https://a.example, http://b.example")]).is_ok());
    assert_eq!(message(&[("CORS_ORIGINS", "[]")]), r#"CORS_ORIGINS = "[]" must not be empty"#);
    assert_eq!(
        message(&[("CORS_ORIGINS", "https://a, ftp://b")]),
        r#"CORS_ORIGINS = "https://a, ftp://b" must be items matching `https?://.+|\*`"#
    );
    assert!(load(&[("PUBLIC_URL", "https://auth.example.com")]).is_ok());
    assert_eq!(message(&[("PUBLIC_URL", "http://localhost:9007")]), "PUBLIC_URL: must not point at localhost");
}

#[test]
fn conditional_requirements() {
    assert!(load(&[("STORAGE_ADAPTER", "mongodb"), ("STORAGE_MONGODB_URI", "mongodb://db")]).is_ok());
    assert_eq!(
        message(&[("STORAGE_ADAPTER", "mongodb")]),
        "STORAGE_MONGODB_URI is required when STORAGE_ADAPTER=mongodb but not set"
    );
    assert!(load(&[("SMTP_HOST", "mail"), ("SMTP_PASSWORD", "p")]).is_ok());
    assert_eq!(message(&[("SMTP_HOST", "mail")]), "SMTP_PASSWORD is required when SMTP_HOST is set but not set");
    assert!(load(&[("MULTI_TENANCY_ENABLED", "true"), ("STORAGE_ADAPTER", "postgresql")]).is_ok());
    assert_eq!(
        message(&[("MULTI_TENANCY_ENABLED", "true")]),
        "MULTI_TENANCY_ENABLED=true needs STORAGE_ADAPTER=mongodb or postgresql: SQLite has no multi-tenancy"
    );
}

#[test]
fn production_rules() {
    let good = [
        ("DEPLOYMENT_ENVIRONMENT", "production"),
        ("JWT_SECRET", "j".repeat(32).leak() as &str),
        ("SECRET_KEY", "a-real-key"),
        ("PAIRWISE_SALT", "salt"),
    ];
    assert!(load(&good).is_ok(), "{:?}", load(&good).err());
    let with = |k: &'static str, v: &'static str| {
        let mut env = good.to_vec();
        env.retain(|(name, _)| *name != k);
        if !v.is_empty() {
            env.push((k, v));
        }
        message(&env)
    };
    assert_eq!(with("DEBUG", "true"), "DEBUG must be unset or false in production");
    assert!(load(&[good.as_slice(), &[("DEBUG", "false")]].concat()).is_ok());
    assert_eq!(with("SECRET_KEY", ""), "SECRET_KEY must be changed from its default in production");
    assert_eq!(with("SECRET_KEY", "change-me"), "SECRET_KEY must be changed from its default in production");
    assert_eq!(with("JWT_SECRET", ""), "JWT_SECRET must be set in production");
    assert_eq!(with("PAIRWISE_SALT", ""), "PAIRWISE_SALT is required in production but not set");
    assert_eq!(with("CORS_ORIGINS", "https://a,*"), r#"CORS_ORIGINS = "https://a,*" must not be `*` in production"#);
}

#[test]
fn the_same_rule_warns_outside_production() {
    let loaded = load(&[("DEPLOYMENT_ENVIRONMENT", "staging")]).unwrap();
    let warnings: Vec<String> = loaded.warnings().iter().map(Warning::to_string).collect();
    assert_eq!(warnings, ["SECRET_KEY should be changed from its default in staging"]);
    assert!(load(&[]).unwrap().warnings().iter().any(|w| matches!(w, Warning::Downgraded(_))));
}

#[test]
fn a_forced_profile_checks_a_file_against_production() {
    let err = Rules::loader().env_map::<&str, &str>([]).profile("production").load().unwrap_err();
    let lines: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "JWT_SECRET must be set in production",
            "SECRET_KEY must be changed from its default in production",
            "PAIRWISE_SALT is required in production but not set",
        ]
    );
}

#[test]
fn six_problems_in_one_production_load() {
    let err = load(&[
        ("DEPLOYMENT_ENVIRONMENT", "production"),
        ("PORT", "70000"),
        ("JWT_SECRET", "short"),
        ("DEBUG", "on"),
        ("STORAGE_ADAPTER", "mongodb"),
        ("REDIS_URL", "http://cache"),
        ("PAIRWISE_SALT", "s"),
    ])
    .unwrap_err();
    let lines: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            r#"PORT = "70000" must be 1–65535"#,
            "JWT_SECRET = (secret value hidden) must be at least 32 characters",
            r#"REDIS_URL = "http://cache" must be scheme redis:// or rediss://"#,
            "STORAGE_MONGODB_URI is required when STORAGE_ADAPTER=mongodb but not set",
            "DEBUG must be unset or false in production",
            "SECRET_KEY must be changed from its default in production",
        ]
    );
}

#[test]
fn fallbacks_and_derived_defaults_report_their_source() {
    let loaded = load(&[
        ("LEGACY_TOKEN", "legacy"),
        ("OAUTH_REDIRECT_BASE_URL", "https://app"),
        ("STORAGE_ADAPTER", "postgresql"),
    ])
    .unwrap();
    assert_eq!(loaded.dispatch_token.as_ref().unwrap().expose_secret(), "legacy");
    assert_eq!(loaded.consent_ui_url, "https://app/oauth/consent");
    assert_eq!(loaded.oidc_storage_adapter, Adapter::Postgresql);
    let by_name = |v: &str| loaded.provenance().iter().find(|p| p.variable == v).unwrap().clone();
    assert_eq!(by_name("DISPATCH_TOKEN").read_from.as_deref(), Some("LEGACY_TOKEN"));
    assert_eq!(by_name("CONSENT_UI_URL").source, ValueSource::Derived);
    assert_eq!(by_name("OIDC_STORAGE_ADAPTER").source, ValueSource::Derived);
    let first = load(&[("CRON_SECRET", "cron"), ("LEGACY_TOKEN", "legacy")]).unwrap();
    assert_eq!(first.dispatch_token.as_ref().unwrap().expose_secret(), "cron", "fallbacks are tried in order");
}

#[test]
fn every_rule_is_data_in_the_schema() {
    let schema = Rules::schema();
    let json = serde_json::to_value(&schema).unwrap();
    let back: envspec::ConfigSchema = serde_json::from_value(json).unwrap();
    assert_eq!(back, schema);
    let phrases =
        |name: &str| -> Vec<String> { schema.variable(name).unwrap().rules.iter().map(ToString::to_string).collect() };
    assert_eq!(phrases("PORT"), ["1–65535"]);
    assert_eq!(phrases("ENCRYPTION_KEY"), ["64 hex characters or 44 base64 characters"]);
    assert_eq!(phrases("PUBLIC_URL"), ["must not point at localhost"]);
    let mongo = schema.variable("STORAGE_MONGODB_URI").unwrap();
    assert_eq!(mongo.required_if[0].to_string(), "STORAGE_ADAPTER=mongodb");
    assert_eq!(schema.variable("SMTP_PASSWORD").unwrap().required_with, ["SMTP_HOST"]);
    assert_eq!(schema.variable("DISPATCH_TOKEN").unwrap().fallback, ["CRON_SECRET", "LEGACY_TOKEN"]);
    let consent = schema.variable("CONSENT_UI_URL").unwrap().default.as_ref().unwrap().display();
    assert_eq!(consent.as_deref(), Some("{OAUTH_REDIRECT_BASE_URL}/oauth/consent"));
    let profile = schema.profile.as_ref().unwrap();
    assert_eq!(profile.variable, "DEPLOYMENT_ENVIRONMENT");
    assert_eq!(profile.default.as_deref(), Some("development"));
    assert_eq!(schema.checks[0].description, "multi-tenancy is not available on SQLite");
    assert_eq!(schema.variable("JWT_SECRET").unwrap().required_in().collect::<Vec<_>>(), ["production"]);
}
