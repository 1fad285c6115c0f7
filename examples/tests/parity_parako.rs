//! Parity of `ParakoSettings` with the environment (bootstrap) layer of the Parako.ID
//! configuration reference (seed: `parako-id-configuration.txt`): every variable of its
//! tables is declared, with the seed's default, requirement, secrecy and bootstrap-only
//! marker, and nothing else is declared.

use envconfig_examples::parako::{Environment, OidcStorageAdapter, ParakoSettings, StorageAdapter, TenantExtraction};
use envspec::{EnvConfig, ExposeSecret, Problem};
use std::path::PathBuf;

mod support;

use support::Need::*;
use support::{PLAIN, Row, SECRET};

/// The seed's tables of the environment layer: (variable, default as the seed writes it,
/// need, secret). An empty default cell in the seed is `None`.
const SEED: &[Row] = &[
    // Deployment and storage selection
    ("DEPLOYMENT_ENVIRONMENT", Some("development"), Optional, PLAIN),
    ("DEPLOYMENT_SERVER_PORT", Some("9007"), Optional, PLAIN),
    // Optional; when unset the stored deployment.url applies.
    ("DEPLOYMENT_URL", None, Optional, PLAIN),
    ("STORAGE_ADAPTER", Some("sqlite"), Optional, PLAIN),
    ("OIDC_STORAGE_ADAPTER", Some("(same as STORAGE_ADAPTER)"), Optional, PLAIN),
    // Storage connections ("Required when" column)
    ("STORAGE_MONGODB_URI", None, When("STORAGE_ADAPTER=mongodb"), PLAIN),
    // "Required when STORAGE_ADAPTER=sqlite", with a default: never missing.
    ("STORAGE_SQLITE_PATH", Some("./runtime/data/parako.db"), Optional, PLAIN),
    ("STORAGE_POSTGRESQL_URL", None, When("STORAGE_ADAPTER=postgresql"), PLAIN),
    // "Required when STORAGE_ADAPTER=postgresql", with a default: never missing.
    ("PG_SSL_REJECT_UNAUTHORIZED", Some("true (production)"), Optional, PLAIN),
    ("DATABASE_URL", None, Optional, PLAIN),
    // Redis
    ("REDIS_HOST", Some("localhost"), Optional, PLAIN),
    ("REDIS_PORT", Some("6379"), Optional, PLAIN),
    ("REDIS_PASSWORD", None, Optional, SECRET),
    ("REDIS_DATABASE", Some("0"), Optional, PLAIN),
    // Multi-tenancy
    ("MULTI_TENANCY_ENABLED", Some("false"), Optional, PLAIN),
    ("MULTI_TENANCY_EXTRACTION_PRIORITY", Some("header,subdomain"), Optional, PLAIN),
    ("MULTI_TENANCY_TENANT_HEADER", Some("x-tenant-id"), Optional, PLAIN),
    ("MULTI_TENANCY_PROVIDER_POOL_MAX_SIZE", Some("50"), Optional, PLAIN),
    ("MULTI_TENANCY_PROVIDER_POOL_IDLE_TTL_MS", Some("1800000"), Optional, PLAIN),
    ("MULTI_TENANCY_PROVIDER_POOL_CLEANUP_INTERVAL_MS", Some("60000"), Optional, PLAIN),
    // Encryption: without it configuration can be neither saved nor loaded.
    ("ENCRYPTION_KEY", None, Always, SECRET),
    // Logging
    ("SECURITY_LOGGING_ENABLED", Some("true"), Optional, PLAIN),
    ("SECURITY_LOGGING_LEVEL", Some("info"), Optional, PLAIN),
    ("SECURITY_LOGGING_PRETTY_PRINT", Some("true"), Optional, PLAIN),
    ("SECURITY_LOGGING_FILE_LOGGING_ENABLED", Some("true"), Optional, PLAIN),
    ("SECURITY_LOGGING_FILE_LOGGING_DIRECTORY", Some("logs"), Optional, PLAIN),
    // Secrets: "Missing secrets (JWT_SECRET, COOKIE_SECRET_1, COOKIE_SECRET_2, HMAC_SECRET,
    // PAIRWISE_SALT) cause a fatal startup error in production".
    ("JWT_SECRET", None, InProduction, SECRET),
    ("COOKIE_SECRET_1", None, InProduction, SECRET),
    ("COOKIE_SECRET_2", None, InProduction, SECRET),
    ("HMAC_SECRET", None, InProduction, SECRET),
    ("PAIRWISE_SALT", None, InProduction, SECRET),
    ("SMTP_PASSWORD", None, Optional, SECRET),
    // External services
    ("IPINFO_API_TOKEN", None, Optional, SECRET),
    ("IPQUALITYSCORE_API_KEY", None, Optional, SECRET),
    // Configuration source
    ("USE_FILE_CONFIG", Some("true"), Optional, PLAIN),
];

/// BOOTSTRAP_ONLY_FIELDS of the seed, by the variable that sets each field.
const BOOTSTRAP_ONLY: [&str; 11] = [
    "DEPLOYMENT_ENVIRONMENT",
    "DEPLOYMENT_SERVER_PORT",
    "STORAGE_ADAPTER",
    "STORAGE_MONGODB_URI",
    "STORAGE_SQLITE_PATH",
    "STORAGE_POSTGRESQL_URL",
    "MULTI_TENANCY_EXTRACTION_PRIORITY",
    "MULTI_TENANCY_TENANT_HEADER",
    "MULTI_TENANCY_PROVIDER_POOL_MAX_SIZE",
    "MULTI_TENANCY_PROVIDER_POOL_IDLE_TTL_MS",
    "MULTI_TENANCY_PROVIDER_POOL_CLEANUP_INTERVAL_MS",
];

/// Where the declaration's default differs from how the seed writes it, and why.
const DECLARED_DEFAULTS: &[(&str, &str)] = &[
    // Same rule as the seed's "(same as STORAGE_ADAPTER)", in the schema's words.
    ("OIDC_STORAGE_ADAPTER", "value of STORAGE_ADAPTER"),
    // The seed writes "true (production)" without saying what applies elsewhere; `true`
    // (verify certificates) is declared for every profile, the safe reading.
    ("PG_SSL_REJECT_UNAUTHORIZED", "true"),
];

#[test]
fn every_seed_variable_is_declared_as_the_seed_says() {
    let schema = ParakoSettings::schema();
    support::check_seed(&schema, SEED, DECLARED_DEFAULTS);
}

#[test]
fn nothing_beyond_the_seed_is_declared() {
    let schema = ParakoSettings::schema();
    support::check_nothing_beyond(&schema, SEED);
    assert_eq!(schema.prefix, "");
}

#[test]
fn exactly_the_eleven_bootstrap_only_fields_are_bootstrap() {
    let schema = ParakoSettings::schema();
    let bootstrap: Vec<&str> = schema.variables.iter().filter(|v| v.bootstrap).map(|v| v.name.as_str()).collect();
    assert_eq!(bootstrap, BOOTSTRAP_ONLY);
}

#[test]
fn rules_profile_and_check() {
    let schema = ParakoSettings::schema();
    let profile = schema.profile.as_ref().expect("DEPLOYMENT_ENVIRONMENT selects the profile");
    assert_eq!(profile.variable, "DEPLOYMENT_ENVIRONMENT");
    assert_eq!(profile.default.as_deref(), Some("development"));
    let rules =
        |name: &str| -> Vec<String> { schema.variable(name).unwrap().rules.iter().map(|r| r.to_string()).collect() };
    assert_eq!(rules("DEPLOYMENT_SERVER_PORT"), ["1–65535"]);
    assert_eq!(rules("ENCRYPTION_KEY"), ["64 hex characters or 44 base64 characters"]);
    for name in ["JWT_SECRET", "COOKIE_SECRET_1", "COOKIE_SECRET_2", "HMAC_SECRET"] {
        assert_eq!(rules(name), ["at least 32 characters"], "{name}");
    }
    assert_eq!(schema.checks.len(), 1);
    assert!(schema.checks[0].description.contains("STORAGE_ADAPTER=sqlite"));
}

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[test]
fn a_development_load_needs_only_the_encryption_key() {
    let loaded = ParakoSettings::loader().env_map([("ENCRYPTION_KEY", KEY)]).load().expect("a valid configuration");
    assert_eq!(loaded.deployment_environment, Environment::Development);
    assert_eq!(loaded.storage_adapter, StorageAdapter::Sqlite);
    assert_eq!(loaded.oidc_storage_adapter, OidcStorageAdapter::Sqlite);
    assert_eq!(loaded.storage_sqlite_path, PathBuf::from("./runtime/data/parako.db"));
    assert_eq!(loaded.multi_tenancy.extraction_priority, [TenantExtraction::Header, TenantExtraction::Subdomain]);
    assert_eq!(loaded.encryption_key.expose_secret(), KEY);
    assert!(loaded.secrets.jwt_secret.is_none(), "development generates missing secrets at start");

    // OIDC storage follows the main adapter unless set, and may be Redis.
    let pg = ParakoSettings::loader()
        .env_map([
            ("ENCRYPTION_KEY", KEY),
            ("STORAGE_ADAPTER", "postgresql"),
            ("STORAGE_POSTGRESQL_URL", "postgresql://parako@db/parako"),
        ])
        .load()
        .unwrap();
    assert_eq!(pg.oidc_storage_adapter, OidcStorageAdapter::Postgresql);
    let redis =
        ParakoSettings::loader().env_map([("ENCRYPTION_KEY", KEY), ("OIDC_STORAGE_ADAPTER", "redis")]).load().unwrap();
    assert_eq!(redis.oidc_storage_adapter, OidcStorageAdapter::Redis);
}

const CANARY: &str = "CANARY-5e2a9c4b7d1f3a8e-long-enough-to-pass";

#[test]
fn a_production_load_with_nothing_set_lists_the_production_requirements() {
    let err = ParakoSettings::loader().env_map([("SMTP_PASSWORD", CANARY)]).profile("production").load().unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "invalid configuration: 6 problems\n  \
         - ENCRYPTION_KEY is required but not set\n  \
         - JWT_SECRET must be set in production\n  \
         - COOKIE_SECRET_1 must be set in production\n  \
         - COOKIE_SECRET_2 must be set in production\n  \
         - HMAC_SECRET must be set in production\n  \
         - PAIRWISE_SALT must be set in production\n\
         warnings:\n  \
         - SECURITY_LOGGING_PRETTY_PRINT should be changed from its default in production"
    );
    assert!(!text.contains(CANARY) && !format!("{err:?}").contains(CANARY));
}

#[test]
fn pretty_logs_left_on_in_production_are_a_warning() {
    let long = "s".repeat(32);
    let production = [
        ("DEPLOYMENT_ENVIRONMENT", "production"),
        ("ENCRYPTION_KEY", KEY),
        ("JWT_SECRET", long.as_str()),
        ("COOKIE_SECRET_1", long.as_str()),
        ("COOKIE_SECRET_2", long.as_str()),
        ("HMAC_SECRET", long.as_str()),
        ("PAIRWISE_SALT", long.as_str()),
    ];
    let loaded = ParakoSettings::loader().env_map(production).load().unwrap();
    let warnings: Vec<String> = loaded.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, ["SECURITY_LOGGING_PRETTY_PRINT should be changed from its default in production"]);
    for off in ["false", "0", "no"] {
        let quiet = ParakoSettings::loader()
            .env_map(production.iter().copied().chain([("SECURITY_LOGGING_PRETTY_PRINT", off)]))
            .load()
            .unwrap();
        assert!(quiet.warnings().is_empty(), "{off}: {:?}", quiet.warnings());
    }
    // Outside production the default is fine.
    assert!(ParakoSettings::loader().env_map([("ENCRYPTION_KEY", KEY)]).load().unwrap().warnings().is_empty());
}

#[test]
fn secrets_are_checked_without_being_printed() {
    let long = "s".repeat(32);
    let err = ParakoSettings::loader()
        .env_map([
            ("DEPLOYMENT_ENVIRONMENT", "production"),
            ("ENCRYPTION_KEY", CANARY),
            ("JWT_SECRET", "CANARY-short"),
            ("COOKIE_SECRET_1", long.as_str()),
            ("COOKIE_SECRET_2", long.as_str()),
            ("HMAC_SECRET", long.as_str()),
            ("PAIRWISE_SALT", CANARY),
        ])
        .load()
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "invalid configuration: 2 problems\n  \
         - ENCRYPTION_KEY = (secret value hidden) must be 64 hex characters or 44 base64 characters\n  \
         - JWT_SECRET = (secret value hidden) must be at least 32 characters\n\
         warnings:\n  \
         - SECURITY_LOGGING_PRETTY_PRINT should be changed from its default in production"
    );
    assert!(!text.contains("CANARY") && !format!("{err:?}").contains("CANARY"));
}

#[test]
fn storage_conditionals_and_the_sqlite_multi_tenancy_rule() {
    let err =
        ParakoSettings::loader().env_map([("ENCRYPTION_KEY", KEY), ("STORAGE_ADAPTER", "mongodb")]).load().unwrap_err();
    assert_eq!(
        err.problems(),
        [Problem::Missing {
            variable: "STORAGE_MONGODB_URI".into(),
            reason: Some("when STORAGE_ADAPTER=mongodb".into())
        }]
    );

    let err = ParakoSettings::loader()
        .env_map([("ENCRYPTION_KEY", KEY), ("MULTI_TENANCY_ENABLED", "true")])
        .load()
        .unwrap_err();
    assert!(matches!(err.problems(), [Problem::Check { message }] if message.contains("SQLite")), "{err}");

    ParakoSettings::loader()
        .env_map([
            ("ENCRYPTION_KEY", KEY),
            ("MULTI_TENANCY_ENABLED", "true"),
            ("STORAGE_ADAPTER", "mongodb"),
            ("STORAGE_MONGODB_URI", "mongodb+srv://cluster.example.com/parako"),
        ])
        .load()
        .expect("multi-tenancy on MongoDB");
}
