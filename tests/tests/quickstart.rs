use envspec::{EnvConfig, EnvEnum, ExposeSecret, SecretString, Url};

#[derive(EnvEnum, Debug, PartialEq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// Plugin storage.
#[derive(EnvConfig, Debug)]
struct S3Settings {
    #[env(default = "us-east-1")]
    region: String,
}

/// Settings of the Cadence API process.
#[derive(EnvConfig, Debug)]
#[env(prefix = "CADENCE_")]
struct AppSettings {
    /// JWT signing secret.
    #[env(secret, default = "change-me", generate = "openssl rand -hex 32")]
    secret_key: SecretString,
    /// Read replica; all reads go to the primary when unset.
    postgres_read_url: Option<Url>,
    #[env(default = 8888)]
    api_port: u16,
    #[env(nested, prefix = "S3_", section = "Plugin storage")]
    s3: S3Settings,
    #[env(name = "REDIS_URL", no_prefix)]
    redis_url: Url,
    #[env(default = "sqlite")]
    backend: Backend,
}

#[test]
fn the_issue_example_loads() {
    let loaded = AppSettings::loader()
        .env_map([
            ("REDIS_URL", "redis://localhost:6379"),
            ("CADENCE_S3_REGION", "eu-west-1"),
            ("CADENCE_BACKEND", "Postgres"),
        ])
        .load()
        .unwrap();
    assert_eq!(loaded.api_port, 8888);
    assert_eq!(loaded.secret_key.expose_secret(), "change-me");
    assert_eq!(loaded.s3.region, "eu-west-1");
    assert_eq!(loaded.backend, Backend::Postgres);
    assert!(loaded.postgres_read_url.is_none());
    assert_eq!(loaded.redis_url.as_str(), "redis://localhost:6379");
    let schema = AppSettings::schema();
    let names: Vec<_> = schema.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CADENCE_SECRET_KEY",
            "CADENCE_POSTGRES_READ_URL",
            "CADENCE_API_PORT",
            "CADENCE_S3_REGION",
            "REDIS_URL",
            "CADENCE_BACKEND"
        ]
    );
}
