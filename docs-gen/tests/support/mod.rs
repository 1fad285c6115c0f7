//! A configuration that uses every marker, rule and condition, with descriptions written to
//! break naive renderers.

#![allow(dead_code)] // Fields exist to be described and loaded, not read.

use envspec::{EnvConfig, EnvEnum, SecretString};
use std::path::PathBuf;

/// Must never appear in any generated document or report.
pub const CANARY: &str = "canary-7f3a9c1e-secret-value-0000";

#[derive(EnvEnum, Debug, Clone, Copy, PartialEq)]
pub enum Environment {
    /// Local work: safe defaults apply.
    Development,
    Test,
    Staging,
    /// Live traffic | strict rules.
    Production,
}

#[derive(EnvEnum, Debug, Clone, Copy, PartialEq)]
pub enum Adapter {
    Sqlite,
    Postgresql,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "VAULT_")]
pub struct AwsKmsVault {
    /// Region of the KMS key.
    pub aws_region: String,
    /// The KMS key id.
    pub aws_kms_key_id: String,
}

/// Where credentials are stored.
#[derive(EnvConfig, Debug)]
#[env(selector = "VAULT_BACKEND", default = "file")]
pub enum Vault {
    /// A local file.
    File,
    /// AWS KMS.
    #[env(rename = "aws_kms")]
    AwsKms(AwsKmsVault),
}

fn no_sqlite_in_prod(s: &Sample) -> Result<(), String> {
    if s.multi_tenancy && s.adapter == Adapter::Sqlite {
        return Err("multi-tenancy needs postgresql".into());
    }
    Ok(())
}

/// Sample service | with a pipe in its title
///
/// Overview with `code`, a [link](https://example.com/a|b) and a list:
///
/// - first
/// - second
#[derive(EnvConfig, Debug)]
#[env(
    prefix = "APP_",
    check(no_sqlite_in_prod, "multi-tenancy is not available on SQLite"),
    forbid_names("TEST_*", "*_E2E_?", only_in = production, warn_in = staging)
)]
pub struct Sample {
    /// The deployment profile.
    #[env(profile, default = "development", section = "Runtime")]
    pub environment: Environment,
    /// Port | with a pipe, `code | with pipe`, and a line
    /// break.
    ///
    /// A second paragraph with <b>HTML</b> and a [link](https://example.com/x|y "t").
    ///
    /// ```text
    /// a | b
    /// <!-- envconfig:end -->
    /// ```
    #[env(default = 8080, range = 1..=65535, section = "Runtime", bootstrap)]
    pub port: u16,
    /// Turns on debug endpoints; **never** in production.
    #[env(default = false, forbidden_in(production), section = "Runtime")]
    pub debug: bool,
    /// Ratio of traces kept.
    #[env(default = 1.0, range = 0.0..=1.0, section = "Runtime")]
    pub sample_ratio: f64,
    /// Allowed origins: `*` is refused in production.
    #[env(default = "http://localhost:3000,http://127.0.0.1:3000", forbid("*", only_in = production), section = "Runtime")]
    pub cors_origins: Vec<String>,
    /// How long tokens live.
    #[env(default = "15m", section = "Runtime")]
    pub token_ttl: std::time::Duration,
    /// Name with a "quote", a 'single' one and a # hash.
    #[env(default = "it's \"quoted\" # not a comment", section = "Runtime")]
    pub display_name: String,
    /// Primary database.
    #[env(default = "sqlite", section = "Storage")]
    pub adapter: Adapter,
    /// Where SQLite keeps its file.
    #[env(default = "~/.app/data.sqlite", section = "Storage")]
    pub sqlite_path: PathBuf,
    /// PostgreSQL connection string.
    #[env(required_if(adapter = "postgresql"), schemes("postgres", "postgresql"), section = "Storage")]
    pub postgres_url: Option<String>,
    /// Serve several tenants.
    #[env(default = false, section = "Storage")]
    pub multi_tenancy: bool,
    /// Signs sessions.
    #[env(secret, min_len = 32, required_in(production), generate = "openssl rand -hex 32", section = "Secrets")]
    pub jwt_secret: Option<SecretString>,
    /// Encrypts data at rest.
    #[env(secret, key(bytes = 32, hex, base64), section = "Secrets")]
    pub encryption_key: SecretString,
    /// Has a default that production must replace (the canary).
    #[env(secret, default = "canary-7f3a9c1e-secret-value-0000", not_default_in(production), section = "Secrets")]
    pub session_key: SecretString,
    /// SMTP host.
    #[env(section = "Mail")]
    pub smtp_host: Option<String>,
    /// SMTP password.
    #[env(secret, required_with(smtp_host), section = "Mail")]
    pub smtp_password: Option<SecretString>,
    /// Old name of the mail sender.
    #[env(deprecated = "use APP_SMTP_FROM", section = "Mail")]
    pub mail_from: Option<String>,
    /// Sender address.
    #[env(alias = "SENDER", example = "ops@example.com", section = "Mail")]
    pub smtp_from: Option<String>,
    /// Who receives operational mail; production must name a real mailbox.
    #[env(default = "admin@localhost", not_default_in(production), section = "Mail")]
    pub admin_email: String,
    /// Credential store.
    #[env(nested, section = "Vault")]
    pub vault: Vault,
}

/// Environments of the sample configuration, each named for what it tests: the JSON Schema
/// (read by the `jsonschema` crate and by Ajv) must accept exactly those the loader loads.
#[allow(dead_code)]
pub fn agreement_samples() -> Vec<(String, Vec<(String, String)>)> {
    let key = "ab".repeat(32);
    let base = vec![("APP_ENCRYPTION_KEY", key.as_str())];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = base.clone();
        v.extend_from_slice(extra);
        v
    };
    let prod = |extra: &[(&'static str, &'static str)]| {
        let mut v = with(&[
            ("APP_ENVIRONMENT", "production"),
            ("APP_JWT_SECRET", "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"),
            ("APP_SESSION_KEY", "a-session-key-that-is-not-the-default"),
            ("APP_ADMIN_EMAIL", "ops@example.com"),
        ]);
        for (k, val) in extra {
            v.retain(|(k2, _)| k2 != k);
            v.push((k, val));
        }
        v
    };
    let samples: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("minimal", base.clone()),
        ("missing required", vec![]),
        ("empty counts as unset", vec![("APP_ENCRYPTION_KEY", "")]),
        ("bad key", vec![("APP_ENCRYPTION_KEY", "xyz")]),
        ("base64 key", vec![("APP_ENCRYPTION_KEY", "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY=")]),
        ("port zero", with(&[("APP_PORT", "0")])),
        ("port max", with(&[("APP_PORT", "65535")])),
        ("port overflow", with(&[("APP_PORT", "65536")])),
        ("port text", with(&[("APP_PORT", "http")])),
        ("bool spellings", with(&[("APP_DEBUG", "YES"), ("APP_MULTI_TENANCY", "0")])),
        ("bad bool", with(&[("APP_DEBUG", "maybe")])),
        ("ratio in range", with(&[("APP_SAMPLE_RATIO", "0.25")])),
        ("ratio out of range", with(&[("APP_SAMPLE_RATIO", "1.5")])),
        ("enum any case", with(&[("APP_ADAPTER", "SQLite")])),
        ("enum unknown", with(&[("APP_ADAPTER", "mysql")])),
        ("postgres without url", with(&[("APP_ADAPTER", "postgresql")])),
        ("postgres with url", with(&[("APP_ADAPTER", "postgresql"), ("APP_POSTGRES_URL", "postgres://db/x")])),
        ("postgres wrong scheme", with(&[("APP_ADAPTER", "postgresql"), ("APP_POSTGRES_URL", "mysql://db/x")])),
        ("smtp host without password", with(&[("APP_SMTP_HOST", "mail")])),
        ("smtp host with password", with(&[("APP_SMTP_HOST", "mail"), ("APP_SMTP_PASSWORD", "pw")])),
        ("short jwt", with(&[("APP_JWT_SECRET", "short")])),
        ("list comma", with(&[("APP_CORS_ORIGINS", "https://a, https://b")])),
        ("list json", with(&[("APP_CORS_ORIGINS", r#"["https://a","https://b"]"#)])),
        ("duration", with(&[("APP_TOKEN_TTL", "1h 30m")])),
        ("kms without region", with(&[("APP_VAULT_BACKEND", "aws_kms")])),
        (
            "kms complete",
            with(&[
                ("APP_VAULT_BACKEND", "aws_kms"),
                ("APP_VAULT_AWS_REGION", "eu"),
                ("APP_VAULT_AWS_KMS_KEY_ID", "k"),
            ]),
        ),
        ("file vault ignores kms vars", with(&[("APP_VAULT_AWS_REGION", "eu")])),
        ("production bare", with(&[("APP_ENVIRONMENT", "production")])),
        ("production debug", with(&[("APP_ENVIRONMENT", "production"), ("APP_DEBUG", "true")])),
        ("production complete", prod(&[])),
        ("production without the session key", prod(&[("APP_SESSION_KEY", "")])),
        ("production default admin email", prod(&[("APP_ADMIN_EMAIL", "admin@localhost")])),
        ("production wildcard origin", prod(&[("APP_CORS_ORIGINS", "*")])),
        ("production alias", prod(&[("APP_SENDER", "ops@example.com")])),
        ("production with a test variable", prod(&[("TEST_MODE", "1")])),
        ("production with a matching E2E variable", prod(&[("CI_E2E_1", "1")])),
        ("production with an empty test variable", prod(&[("TEST_MODE", "")])),
        ("development with a test variable", with(&[("TEST_MODE", "1")])),
        // Not sampled: a secret set to its own declared default in production. The loader
        // refuses it; the schema cannot, since publishing the default would publish the secret.
        ("wildcard origin in development", with(&[("APP_CORS_ORIGINS", "*")])),
    ];
    samples
        .into_iter()
        .map(|(name, pairs)| (name.to_owned(), pairs.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()))
        .collect()
}
