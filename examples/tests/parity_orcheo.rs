//! Parity of `OrcheoSettings` with Orcheo's environment variable catalogue
//! (seed: `orcheo-environment-variables.md`): every variable of every table is declared,
//! with the seed's default, requirement and secrecy, and nothing else is declared.

use envconfig_examples::orcheo::{AuthMode, LogLevel, OrcheoSettings, RepositoryBackend, StoreBackend, VaultBackend};
use envspec::{EnvConfig, ExposeSecret};
use std::path::PathBuf;

mod support;

use support::Need::*;
use support::{PLAIN, Row, SECRET};

const POSTGRES_SELECTED: &str =
    "ORCHEO_CHECKPOINT_BACKEND=postgres or ORCHEO_REPOSITORY_BACKEND=postgres or ORCHEO_CHATKIT_BACKEND=postgres";
const KMS_SELECTED: &str = "ORCHEO_VAULT_BACKEND=aws_kms";

/// The seed's tables: (variable, default as the seed writes it, need, secret). `_none_` in
/// the seed is `None` here; list defaults are written without the seed's backticks.
const SEED: &[Row] = &[
    // Core runtime configuration (backend)
    ("ORCHEO_CHECKPOINT_BACKEND", Some("sqlite"), Optional, PLAIN),
    ("ORCHEO_SQLITE_PATH", Some("~/.orcheo/checkpoints.sqlite"), Optional, PLAIN),
    // "required when ORCHEO_CHECKPOINT_BACKEND=postgres, ORCHEO_REPOSITORY_BACKEND=postgres,
    // or ORCHEO_CHATKIT_BACKEND=postgres"
    ("ORCHEO_POSTGRES_DSN", None, When(POSTGRES_SELECTED), PLAIN),
    ("ORCHEO_REPOSITORY_BACKEND", Some("sqlite"), Optional, PLAIN),
    ("ORCHEO_REPOSITORY_SQLITE_PATH", Some("~/.orcheo/workflows.sqlite"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_BACKEND", Some("sqlite"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_SQLITE_PATH", Some("~/.orcheo/chatkit.sqlite"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_STORAGE_PATH", Some("~/.orcheo/chatkit"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RETENTION_DAYS", Some("30"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_WIDGET_TYPES", Some(r#"["Card","ListView"]"#), Optional, PLAIN),
    ("ORCHEO_CHATKIT_WIDGET_ACTION_TYPES", Some(r#"["submit"]"#), Optional, PLAIN),
    ("ORCHEO_HOST", Some("0.0.0.0"), Optional, PLAIN),
    ("ORCHEO_PORT", Some("8000"), Optional, PLAIN),
    ("ORCHEO_CORS_ALLOW_ORIGINS", Some(r#"["http://localhost:5173","http://127.0.0.1:5173"]"#), Optional, PLAIN),
    ("ORCHEO_TRACING_EXPORTER", Some("none"), Optional, PLAIN),
    ("ORCHEO_TRACING_ENDPOINT", None, Optional, PLAIN),
    ("ORCHEO_TRACING_SERVICE_NAME", Some("orcheo-backend"), Optional, PLAIN),
    ("ORCHEO_TRACING_SAMPLE_RATIO", Some("1.0"), Optional, PLAIN),
    ("ORCHEO_TRACING_INSECURE", Some("false"), Optional, PLAIN),
    ("ORCHEO_TRACING_HIGH_TOKEN_THRESHOLD", Some("1000"), Optional, PLAIN),
    ("ORCHEO_TRACING_PREVIEW_MAX_LENGTH", Some("512"), Optional, PLAIN),
    // The seed writes "_none_" and then describes the fallback: ORCHEO_API_URL without `/api`.
    ("ORCHEO_CHATKIT_PUBLIC_BASE_URL", Some("{ORCHEO_API_URL|trim_suffix:/api}"), Optional, PLAIN),
    // Vault configuration
    ("ORCHEO_VAULT_BACKEND", Some("file"), Optional, PLAIN),
    ("ORCHEO_VAULT_LOCAL_PATH", Some("~/.orcheo/vault.sqlite"), Optional, PLAIN),
    // "required for `aws_kms`, used elsewhere when present"
    ("ORCHEO_VAULT_ENCRYPTION_KEY", None, When(KMS_SELECTED), SECRET),
    // The seed: "targeted when ORCHEO_VAULT_BACKEND=aws_kms" and "Key ID for AWS KMS vaults";
    // Orcheo refuses an aws_kms vault without them.
    ("ORCHEO_VAULT_AWS_REGION", None, When(KMS_SELECTED), PLAIN),
    ("ORCHEO_VAULT_AWS_KMS_KEY_ID", None, When(KMS_SELECTED), PLAIN),
    ("ORCHEO_VAULT_TOKEN_TTL_SECONDS", Some("3600"), Optional, PLAIN),
    // ChatKit rate limits
    ("ORCHEO_CHATKIT_RATE_LIMIT_IP_LIMIT", Some("120"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_IP_INTERVAL", Some("60"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_JWT_LIMIT", Some("120"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_JWT_INTERVAL", Some("60"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_PUBLISH_LIMIT", Some("60"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_PUBLISH_INTERVAL", Some("60"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_SESSION_LIMIT", Some("60"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_RATE_LIMIT_SESSION_INTERVAL", Some("60"), Optional, PLAIN),
    // Authentication service
    ("ORCHEO_AUTH_MODE", Some("optional"), Optional, PLAIN),
    ("ORCHEO_AUTH_JWT_SECRET", None, Optional, SECRET),
    ("ORCHEO_AUTH_JWKS_URL", None, Optional, PLAIN),
    // `ORCHEO_AUTH_JWKS` / `ORCHEO_AUTH_JWKS_STATIC`: one variable, the second name an alias
    // (checked below).
    ("ORCHEO_AUTH_JWKS", None, Optional, PLAIN),
    ("ORCHEO_AUTH_JWKS_CACHE_TTL", Some("300"), Optional, PLAIN),
    ("ORCHEO_AUTH_JWKS_TIMEOUT", Some("5.0"), Optional, PLAIN),
    ("ORCHEO_AUTH_ALLOWED_ALGORITHMS", Some("RS256, HS256"), Optional, PLAIN),
    ("ORCHEO_AUTH_AUDIENCE", None, Optional, PLAIN),
    ("ORCHEO_AUTH_ISSUER", None, Optional, PLAIN),
    (
        "ORCHEO_AUTH_SERVICE_TOKEN_DB_PATH",
        Some("Derived from ORCHEO_REPOSITORY_SQLITE_PATH (defaults to ~/.orcheo/service_tokens.sqlite)"),
        Optional,
        PLAIN,
    ),
    ("ORCHEO_AUTH_RATE_LIMIT_IP", Some("0"), Optional, PLAIN),
    ("ORCHEO_AUTH_RATE_LIMIT_IDENTITY", Some("0"), Optional, PLAIN),
    ("ORCHEO_AUTH_RATE_LIMIT_INTERVAL", Some("60"), Optional, PLAIN),
    ("ORCHEO_AUTH_BOOTSTRAP_SERVICE_TOKEN", None, Optional, SECRET),
    (
        "ORCHEO_AUTH_BOOTSTRAP_TOKEN_SCOPES",
        Some(
            "admin:tokens:read, admin:tokens:write, workflows:read, workflows:write, workflows:execute, vault:read, vault:write",
        ),
        Optional,
        PLAIN,
    ),
    ("ORCHEO_AUTH_BOOTSTRAP_TOKEN_EXPIRES_AT", None, Optional, PLAIN),
    ("ORCHEO_AUTH_DEV_LOGIN_ENABLED", Some("false"), Optional, PLAIN),
    ("ORCHEO_AUTH_DEV_COOKIE_NAME", Some("orcheo_dev_session"), Optional, PLAIN),
    (
        "ORCHEO_AUTH_DEV_SCOPES",
        Some("workflows:read, workflows:write, workflows:execute, vault:read, vault:write"),
        Optional,
        PLAIN,
    ),
    ("ORCHEO_AUTH_DEV_WORKSPACE_IDS", None, Optional, PLAIN),
    // ChatKit session tokens. "Required for ChatKit issuance": declared as required in
    // production (where ChatKit serves users); a developer machine may run without it.
    ("ORCHEO_CHATKIT_TOKEN_SIGNING_KEY", None, InProduction, SECRET),
    ("ORCHEO_CHATKIT_TOKEN_ISSUER", Some("orcheo.chatkit"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_TOKEN_AUDIENCE", Some("chatkit"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_TOKEN_TTL_SECONDS", Some("300"), Optional, PLAIN),
    ("ORCHEO_CHATKIT_TOKEN_ALGORITHM", Some("HS256"), Optional, PLAIN),
    // Logging & runtime flags
    // The seed: no default, then NODE_ENV (default `production`) is consulted. Declared as
    // the profile field with NODE_ENV as its fallback and `production` as its default, which
    // is the value the seed's chain gives when both are unset.
    ("ORCHEO_ENV", Some("production"), Optional, PLAIN),
    ("NODE_ENV", Some("production"), Optional, PLAIN),
    ("LOG_SENSITIVE_DEBUG", None, Optional, PLAIN),
    ("LOG_LEVEL", Some("INFO"), Optional, PLAIN),
    // Celery worker configuration
    ("REDIS_URL", Some("redis://localhost:6379/0"), Optional, PLAIN),
    ("CRON_DISPATCH_INTERVAL", Some("60"), Optional, PLAIN),
    ("CELERY_BEAT_SCHEDULE_FILE", Some("celerybeat-schedule"), Optional, PLAIN),
    // CLI configuration
    ("ORCHEO_CONFIG_DIR", Some("~/.config/orcheo"), Optional, PLAIN),
    ("ORCHEO_CACHE_DIR", Some("~/.cache/orcheo"), Optional, PLAIN),
    ("ORCHEO_PROFILE", Some("default"), Optional, PLAIN),
    ("ORCHEO_API_URL", Some("http://localhost:8000"), Optional, PLAIN),
    ("ORCHEO_SERVICE_TOKEN", None, Optional, SECRET),
];

/// Where the declaration's default differs from how the seed writes it, and why.
const DECLARED_DEFAULTS: &[(&str, &str)] = &[
    // "Derived from ORCHEO_REPOSITORY_SQLITE_PATH": the directory of that file, then
    // service_tokens.sqlite (which gives the seed's ~/.orcheo/service_tokens.sqlite for the
    // default repository path; see `service_token_db_path_follows_the_repository`).
    ("ORCHEO_AUTH_SERVICE_TOKEN_DB_PATH", "{ORCHEO_REPOSITORY_SQLITE_PATH|parent}/service_tokens.sqlite"),
];

#[test]
fn every_seed_variable_is_declared_as_the_seed_says() {
    let schema = OrcheoSettings::schema();
    support::check_seed(&schema, SEED, DECLARED_DEFAULTS);
    // The profile variable is bootstrap-only by nature (an overlay must not leave production);
    // the seed marks nothing else.
    let bootstrap: Vec<&str> = schema.variables.iter().filter(|v| v.bootstrap).map(|v| v.name.as_str()).collect();
    assert_eq!(bootstrap, ["ORCHEO_ENV"], "Orcheo's only bootstrap-only variable is its profile");
}

#[test]
fn nothing_beyond_the_seed_is_declared() {
    let schema = OrcheoSettings::schema();
    support::check_nothing_beyond(&schema, SEED);
}

#[test]
fn the_jwks_alias_and_the_value_rules() {
    let schema = OrcheoSettings::schema();
    assert_eq!(schema.variable("ORCHEO_AUTH_JWKS").unwrap().aliases, ["ORCHEO_AUTH_JWKS_STATIC"]);
    let rules =
        |name: &str| -> Vec<String> { schema.variable(name).unwrap().rules.iter().map(|r| r.to_string()).collect() };
    // Valid values as the seed states them.
    assert_eq!(rules("ORCHEO_PORT"), ["1–65535"]);
    assert_eq!(rules("ORCHEO_TRACING_SAMPLE_RATIO"), ["0.0–1.0"]);
    assert_eq!(rules("ORCHEO_TRACING_PREVIEW_MAX_LENGTH"), ["≥ 16"]);
    assert_eq!(rules("ORCHEO_CHATKIT_TOKEN_TTL_SECONDS"), ["≥ 60"]);
    assert_eq!(rules("ORCHEO_AUTH_JWKS_TIMEOUT"), ["> 0"]);
    assert_eq!(rules("ORCHEO_CHATKIT_RATE_LIMIT_IP_INTERVAL"), ["> 0"]);
    assert_eq!(rules("ORCHEO_TRACING_ENDPOINT"), ["scheme http:// or https://"]);
    // Unprefixed variables keep their bare names.
    for bare in ["REDIS_URL", "LOG_LEVEL", "NODE_ENV", "CRON_DISPATCH_INTERVAL", "CELERY_BEAT_SCHEDULE_FILE"] {
        assert!(schema.variable(bare).is_some(), "{bare}");
    }
    let profile = schema.profile.as_ref().expect("ORCHEO_ENV selects the profile");
    assert_eq!((profile.variable.as_str(), profile.default.as_deref()), ("ORCHEO_ENV", Some("production")));
    assert_eq!(schema.variable("ORCHEO_ENV").unwrap().fallback, ["NODE_ENV"]);
}

fn dev() -> envspec::Loader<OrcheoSettings> {
    OrcheoSettings::loader().home_dir("/home/op").profile("development")
}

#[test]
fn a_development_load_needs_nothing() {
    let loaded = dev().env_map([("ORCHEO_ENV", "development")]).load().expect("a valid configuration");
    assert_eq!(loaded.core.checkpoint_backend, StoreBackend::Sqlite);
    assert_eq!(loaded.core.repository_backend, RepositoryBackend::Sqlite);
    assert_eq!(loaded.core.sqlite_path, PathBuf::from("/home/op/.orcheo/checkpoints.sqlite"));
    assert_eq!(loaded.auth.service_token_db_path, PathBuf::from("/home/op/.orcheo/service_tokens.sqlite"));
    assert_eq!(loaded.core.chatkit_widget_types, ["Card", "ListView"]);
    assert_eq!(loaded.core.cors_allow_origins, ["http://localhost:5173", "http://127.0.0.1:5173"]);
    assert_eq!(loaded.auth.allowed_algorithms, ["RS256", "HS256"]);
    assert_eq!(loaded.auth.bootstrap_token_scopes.len(), 7);
    assert_eq!(loaded.auth.mode, AuthMode::Optional);
    assert_eq!(loaded.vault.backend, VaultBackend::File);
    assert_eq!(loaded.logging.log_level, LogLevel::Info);
    assert_eq!(loaded.logging.node_env, "production");
    assert_eq!(loaded.celery.redis_url.as_str(), "redis://localhost:6379/0");
    assert_eq!(loaded.core.postgres_dsn, None);

    let static_jwks = dev().env_map([("ORCHEO_AUTH_JWKS_STATIC", r#"{"keys":[]}"#)]).load().unwrap();
    assert_eq!(static_jwks.auth.jwks, Some(serde_json::json!({ "keys": [] })));
    assert_eq!(static_jwks.warnings().len(), 1, "reading an alias warns: {:?}", static_jwks.warnings());
}

#[test]
fn postgres_and_kms_selections_need_their_settings() {
    let loaded = dev()
        .env_map([
            ("ORCHEO_REPOSITORY_BACKEND", "postgres"),
            ("ORCHEO_POSTGRES_DSN", "postgresql://orcheo@db/orcheo"),
            ("ORCHEO_VAULT_BACKEND", "aws_kms"),
            ("ORCHEO_VAULT_ENCRYPTION_KEY", "a-pre-shared-key"),
            ("ORCHEO_VAULT_AWS_REGION", "eu-west-1"),
            ("ORCHEO_VAULT_AWS_KMS_KEY_ID", "alias/orcheo"),
        ])
        .load()
        .expect("a valid configuration");
    assert_eq!(loaded.vault.backend, VaultBackend::AwsKms);
    assert_eq!(loaded.vault.encryption_key.as_ref().map(|k| k.expose_secret()), Some("a-pre-shared-key"));
}

const CANARY: &str = "CANARY-8b1d6e3f0a4c2e9d";

/// Production (the profile when neither `ORCHEO_ENV` nor `NODE_ENV` is set) needs the
/// ChatKit signing key, and refuses the developer login and sensitive logging.
#[test]
fn a_production_load_lists_what_production_needs() {
    let prod = || OrcheoSettings::loader().home_dir("/home/op");
    let err = prod().env_map([("ORCHEO_AUTH_JWT_SECRET", CANARY)]).load().unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert!(err.to_string().contains("ORCHEO_CHATKIT_TOKEN_SIGNING_KEY must be set in production"), "{err}");
    let err = prod()
        .env_map([
            ("NODE_ENV", "production"),
            ("ORCHEO_CHATKIT_TOKEN_SIGNING_KEY", CANARY),
            ("ORCHEO_AUTH_DEV_LOGIN_ENABLED", "true"),
            ("LOG_SENSITIVE_DEBUG", "1"),
        ])
        .load()
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(err.problems().len(), 2, "{text}");
    assert!(text.contains("ORCHEO_AUTH_DEV_LOGIN_ENABLED") && text.contains("LOG_SENSITIVE_DEBUG"), "{text}");
    assert!(!text.contains(CANARY), "{text}");
    // `ORCHEO_ENV` wins over `NODE_ENV`; a developer machine has no production rules.
    prod().env_map([("ORCHEO_ENV", "local"), ("NODE_ENV", "production")]).load().expect("not production");
    let loaded = prod().env_map([("NODE_ENV", "development")]).load().expect("NODE_ENV is the fallback");
    assert_eq!(loaded.profile(), Some("development"));
}

/// Beyond production's own rules, what fails a load is a backend selected without its
/// settings.
#[test]
fn a_production_load_lists_what_the_selected_backends_need() {
    let err = dev()
        .env_map([
            ("ORCHEO_CHATKIT_BACKEND", "postgres"),
            ("ORCHEO_VAULT_BACKEND", "aws_kms"),
            ("ORCHEO_AUTH_JWT_SECRET", CANARY),
            ("ORCHEO_CHATKIT_TOKEN_SIGNING_KEY", CANARY),
            ("ORCHEO_SERVICE_TOKEN", CANARY),
            ("ORCHEO_TRACING_SAMPLE_RATIO", "1.5"),
        ])
        .profile("production")
        .load()
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "invalid configuration: 5 problems\n  \
         - ORCHEO_POSTGRES_DSN is required when ORCHEO_CHATKIT_BACKEND=postgres but not set\n  \
         - ORCHEO_TRACING_SAMPLE_RATIO = \"1.5\" must be 0.0–1.0\n  \
         - ORCHEO_VAULT_ENCRYPTION_KEY is required when ORCHEO_VAULT_BACKEND=aws_kms but not set\n  \
         - ORCHEO_VAULT_AWS_REGION is required when ORCHEO_VAULT_BACKEND=aws_kms but not set\n  \
         - ORCHEO_VAULT_AWS_KMS_KEY_ID is required when ORCHEO_VAULT_BACKEND=aws_kms but not set"
    );
    assert!(!text.contains(CANARY) && !format!("{err:?}").contains(CANARY));
}

#[test]
fn service_token_db_path_follows_the_repository() {
    let load = |pairs: &[(&str, &str)]| dev().env_map(pairs.iter().copied()).load().unwrap();
    let loaded = load(&[]);
    assert_eq!(loaded.auth.service_token_db_path, std::path::PathBuf::from("/home/op/.orcheo/service_tokens.sqlite"));
    let loaded = load(&[("ORCHEO_REPOSITORY_SQLITE_PATH", "/srv/orcheo/workflows.sqlite")]);
    assert_eq!(loaded.auth.service_token_db_path, std::path::PathBuf::from("/srv/orcheo/service_tokens.sqlite"));
    let loaded = load(&[("ORCHEO_API_URL", "https://orcheo.example.com/api")]);
    assert_eq!(loaded.core.chatkit_public_base_url.as_str(), "https://orcheo.example.com/");
}
