//! Parity of `CadenceSettings` with the Cadence configuration reference
//! (seed: `cadence-configuration.txt`): every variable of its tables is declared, with the
//! seed's default, requirement and secrecy, and nothing else is declared.

use envconfig_examples::cadence::{CadenceSettings, Environment};
use envspec::schema::Severity;
use envspec::{EnvConfig, ExposeSecret};

mod support;

use support::Need::*;
use support::{PLAIN, Row, SECRET};

/// The seed's tables: (variable, default as the seed writes it, need, secret).
///
/// The pairs written `CADENCE_GOOGLE_CLIENT_ID / _SECRET` (and the GitHub and generic OAuth2
/// rows) are one variable per name here.
const SEED: &[Row] = &[
    // Security and tokens
    ("CADENCE_SECRET_KEY", Some("(placeholder)"), Optional, SECRET),
    ("CADENCE_ENCRYPTION_KEY", Some("(zeros)"), Optional, SECRET),
    ("CADENCE_JWT_ALGORITHM", Some("HS256"), Optional, PLAIN),
    ("CADENCE_THIRD_PARTY_JWT_SECRET_KEY", None, Optional, SECRET),
    ("CADENCE_THIRD_PARTY_JWT_ALGORITHM", Some("RS256"), Optional, PLAIN),
    ("CADENCE_ACCESS_TOKEN_TTL_SECONDS", Some("10800"), Optional, PLAIN),
    ("CADENCE_REFRESH_TOKEN_TTL_SECONDS", Some("604800"), Optional, PLAIN),
    // Infrastructure
    ("CADENCE_POSTGRES_URL", Some("local default"), Optional, PLAIN),
    ("CADENCE_POSTGRES_READ_URL", None, Optional, PLAIN),
    ("CADENCE_PGBOUNCER_ENABLED", Some("false"), Optional, PLAIN),
    ("CADENCE_DB_POOL_SIZE", Some("20"), Optional, PLAIN),
    ("CADENCE_DB_MAX_OVERFLOW", Some("10"), Optional, PLAIN),
    ("CADENCE_DB_POOL_RECYCLE", Some("3600"), Optional, PLAIN),
    ("CADENCE_DB_POOL_TIMEOUT", Some("30"), Optional, PLAIN),
    ("CADENCE_DB_POOL_PRE_PING", Some("true"), Optional, PLAIN),
    ("CADENCE_REDIS_URL", Some("redis://localhost:6379"), Optional, PLAIN),
    ("CADENCE_REDIS_DEFAULT_DB", Some("0"), Optional, PLAIN),
    ("CADENCE_RABBITMQ_URL", Some("local default"), Optional, PLAIN),
    // Plugin storage (S3 / MinIO)
    ("CADENCE_S3_ENABLED", Some("true"), Optional, PLAIN),
    ("CADENCE_S3_ENDPOINT_URL", None, Optional, PLAIN),
    ("CADENCE_S3_ACCESS_KEY_ID", Some(""), Optional, PLAIN),
    ("CADENCE_S3_SECRET_ACCESS_KEY", Some(""), Optional, SECRET),
    ("CADENCE_S3_BUCKET_NAME", Some("cadence-plugins"), Optional, PLAIN),
    ("CADENCE_S3_REGION", Some("us-east-1"), Optional, PLAIN),
    // Plugin directories
    ("CADENCE_SYSTEM_PLUGINS_DIR", Some("/var/lib/cadence/plugins/system"), Optional, PLAIN),
    ("CADENCE_TENANT_PLUGINS_ROOT", Some("/var/lib/cadence/plugins/tenants"), Optional, PLAIN),
    // HTTP and CORS
    ("CADENCE_CORS_ORIGINS", Some("http://localhost:3000,http://localhost:8080"), Optional, PLAIN),
    // OAuth2 and social login
    ("CADENCE_OAUTH_REDIRECT_BASE_URL", Some("http://localhost:3000"), Optional, PLAIN),
    ("CADENCE_CONSENT_UI_URL", Some("{oauth_redirect_base_url}/oauth/consent"), Optional, PLAIN),
    ("CADENCE_GOOGLE_CLIENT_ID", None, Optional, PLAIN),
    ("CADENCE_GOOGLE_CLIENT_SECRET", None, Optional, SECRET),
    ("CADENCE_GITHUB_CLIENT_ID", None, Optional, PLAIN),
    ("CADENCE_GITHUB_CLIENT_SECRET", None, Optional, SECRET),
    ("CADENCE_OAUTH2_CLIENT_ID", None, Optional, PLAIN),
    ("CADENCE_OAUTH2_CLIENT_SECRET", None, Optional, SECRET),
    ("CADENCE_OAUTH2_AUTHORIZATION_URL", None, Optional, PLAIN),
    ("CADENCE_OAUTH2_TOKEN_URL", None, Optional, PLAIN),
    ("CADENCE_OAUTH2_USERINFO_URL", None, Optional, PLAIN),
    ("CADENCE_OAUTH2_SCOPES", Some("openid email profile"), Optional, PLAIN),
    // Runtime behavior
    ("CADENCE_ENVIRONMENT", Some("production"), Optional, PLAIN),
    ("CADENCE_DEBUG", Some("false"), Optional, PLAIN),
    ("CADENCE_API_HOST", Some("0.0.0.0"), Optional, PLAIN),
    ("CADENCE_API_PORT", Some("8888"), Optional, PLAIN),
];

const ZERO_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Where the declaration's default differs from how the seed writes it, and why.
const DECLARED_DEFAULTS: &[(&str, &str)] = &[
    // The seed only says "(placeholder)": a recognisable placeholder is declared, and
    // `not_default_in(production)` refuses it in production as the seed demands.
    ("CADENCE_SECRET_KEY", "change-me-in-production"),
    // The seed says "(zeros)": 64 hex zeros (a valid 32-byte key for the `key` rule),
    // refused in production.
    ("CADENCE_ENCRYPTION_KEY", ZERO_KEY),
    // "local default" in the seed: a local development database.
    ("CADENCE_POSTGRES_URL", "postgresql://cadence:cadence@localhost:5432/cadence"),
    // "local default" in the seed: a local broker with RabbitMQ's stock guest account.
    ("CADENCE_RABBITMQ_URL", "amqp://guest:guest@localhost:5672/"),
    // Same rule as the seed's `{oauth_redirect_base_url}/oauth/consent`: the schema names
    // the variable rather than the Python field.
    ("CADENCE_CONSENT_UI_URL", "{CADENCE_OAUTH_REDIRECT_BASE_URL}/oauth/consent"),
];

#[test]
fn every_seed_variable_is_declared_as_the_seed_says() {
    let schema = CadenceSettings::schema();
    support::check_seed(&schema, SEED, DECLARED_DEFAULTS);
}

#[test]
fn nothing_beyond_the_seed_is_declared() {
    let schema = CadenceSettings::schema();
    support::check_nothing_beyond(&schema, SEED);
}

#[test]
fn production_rules_and_profile() {
    let schema = CadenceSettings::schema();
    let profile = schema.profile.as_ref().expect("CADENCE_ENVIRONMENT selects the profile");
    assert_eq!(profile.variable, "CADENCE_ENVIRONMENT");
    assert_eq!(profile.default.as_deref(), Some("production"));
    let rules = |name: &str| -> Vec<String> {
        let v = schema.variable(name).unwrap();
        v.profile_rules
            .iter()
            .map(|r| format!("{} in {}", r.demand(Severity::Error, &v.value_type.kind), r.profiles.join(",")))
            .collect()
    };
    assert_eq!(rules("CADENCE_SECRET_KEY"), ["must be changed from its default in production"]);
    assert_eq!(rules("CADENCE_ENCRYPTION_KEY"), ["must be changed from its default in production"]);
    assert_eq!(rules("CADENCE_DEBUG"), ["must be unset or false in production"]);
    let key = schema.variable("CADENCE_ENCRYPTION_KEY").unwrap();
    assert_eq!(key.rules.iter().map(|r| r.to_string()).collect::<Vec<_>>(), ["64 hex characters"]);
    assert_eq!(key.generate.as_deref(), Some("openssl rand -hex 32"));
}

#[test]
fn sections_follow_the_seed_tables() {
    let schema = CadenceSettings::schema();
    assert_eq!(
        schema.sections(),
        [
            Some("Security and tokens"),
            Some("Infrastructure"),
            Some("Plugin storage"),
            Some("Plugin directories"),
            Some("HTTP and CORS"),
            Some("OAuth2 and social login"),
            Some("Runtime behavior"),
        ]
    );
    assert_eq!(schema.title, "Cadence API settings");
}

#[test]
fn a_development_load_needs_nothing_but_the_environment() {
    let loaded = CadenceSettings::loader()
        .env_map([("CADENCE_ENVIRONMENT", "development")])
        .load()
        .expect("a valid configuration");
    assert_eq!(loaded.environment, Environment::Development);
    assert_eq!(loaded.security.secret_key.expose_secret(), "change-me-in-production");
    assert_eq!(loaded.security.encryption_key.expose_secret(), ZERO_KEY);
    assert_eq!(loaded.s3.secret_access_key.expose_secret(), "");
    assert_eq!(loaded.oauth.consent_ui_url.as_str(), "http://localhost:3000/oauth/consent");
    assert_eq!(loaded.cors_origins, ["http://localhost:3000", "http://localhost:8080"]);
    assert_eq!(loaded.api_port, 8888);
    assert!(loaded.security.third_party_jwt_secret_key.is_none());

    let moved = CadenceSettings::loader()
        .env_map([
            ("CADENCE_ENVIRONMENT", "development"),
            ("CADENCE_OAUTH_REDIRECT_BASE_URL", "https://app.example.com"),
        ])
        .load()
        .unwrap();
    assert_eq!(moved.oauth.consent_ui_url.as_str(), "https://app.example.com/oauth/consent");
}

const CANARY: &str = "CANARY-3f9e1c7a5b2d4e6f";

#[test]
fn a_production_load_with_nothing_set_lists_the_production_rules() {
    let err = CadenceSettings::loader()
        .env_map([("CADENCE_S3_SECRET_ACCESS_KEY", CANARY), ("CADENCE_GOOGLE_CLIENT_SECRET", CANARY)])
        .profile("production")
        .load()
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "invalid configuration: 2 problems\n  \
         - CADENCE_SECRET_KEY must be changed from its default in production\n  \
         - CADENCE_ENCRYPTION_KEY must be changed from its default in production"
    );
    assert!(!text.contains(CANARY) && !format!("{err:?}").contains(CANARY));
}

#[test]
fn production_refuses_debug_and_a_malformed_key_without_printing_it() {
    let err = CadenceSettings::loader()
        .env_map([
            ("CADENCE_ENVIRONMENT", "production"),
            ("CADENCE_SECRET_KEY", "a-real-signing-secret"),
            ("CADENCE_ENCRYPTION_KEY", CANARY),
            ("CADENCE_DEBUG", "true"),
        ])
        .load()
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "invalid configuration: 2 problems\n  \
         - CADENCE_ENCRYPTION_KEY = (secret value hidden) must be 64 hex characters\n  \
         - CADENCE_DEBUG must be unset or false in production"
    );
    assert!(!text.contains(CANARY) && !format!("{err:?}").contains(CANARY));

    let good_key = "0123456789abcdef".repeat(4);
    CadenceSettings::loader()
        .env_map([
            ("CADENCE_ENVIRONMENT", "production"),
            ("CADENCE_SECRET_KEY", "a-real-signing-secret"),
            ("CADENCE_ENCRYPTION_KEY", good_key.as_str()),
        ])
        .load()
        .expect("production starts once both keys are changed");
}
