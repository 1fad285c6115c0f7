//! Parako.ID: the bootstrap layer of Parako.ID's configuration, read from `runtime/.env`.
//!
//! Parako.ID assembles its configuration from several sources; this module declares only
//! the environment layer, which is read first and wins over the database and file layers
//! for the settings it carries. Variables have no common prefix.

use envspec::{EnvConfig, EnvEnum, SecretString, Url};
use std::path::PathBuf;

/// Deployment environment of a Parako.ID instance.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// A developer machine: missing application secrets are generated on start.
    Development,
    /// A pre-production copy of the real deployment.
    Staging,
    /// The real deployment: every application secret must be given.
    Production,
}

/// Database holding users, clients and the persisted configuration.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageAdapter {
    /// A local SQLite file: single instance, no multi-tenancy.
    Sqlite,
    /// MongoDB, at `STORAGE_MONGODB_URI`.
    Mongodb,
    /// PostgreSQL, at `STORAGE_POSTGRESQL_URL`.
    Postgresql,
}

/// Store of OIDC tokens, grants and sessions.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OidcStorageAdapter {
    /// The SQLite database.
    Sqlite,
    /// The MongoDB database.
    Mongodb,
    /// Redis, at `REDIS_HOST`/`REDIS_PORT`.
    Redis,
    /// The PostgreSQL database.
    Postgresql,
}

/// How the tenant of a request is found in multi-tenant mode.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantExtraction {
    /// From the HTTP header named by `MULTI_TENANCY_TENANT_HEADER`.
    Header,
    /// From the first label of the host name, as in `acme.auth.example.com`.
    Subdomain,
}

/// Verbosity of the application log.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    /// Finest detail, for tracing a problem step by step.
    Trace,
    /// Diagnostic detail.
    Debug,
    /// Normal operational messages.
    Info,
    /// Unexpected but handled situations.
    Warn,
    /// Failed operations.
    Error,
    /// Failures that stop the service.
    Fatal,
}

/// Connection to Redis.
#[derive(EnvConfig, Debug)]
pub struct RedisSettings {
    /// Host name or address of the Redis server.
    ///
    /// Redis carries configuration-change notifications between processes and serves as a
    /// cache; it also holds OIDC sessions when `OIDC_STORAGE_ADAPTER=redis`.
    #[env(default = "localhost")]
    pub host: String,
    /// TCP port of the Redis server.
    #[env(default = 6379, range = 1..=65535)]
    pub port: u16,
    /// Password of the Redis server; leave unset when it needs none.
    #[env(secret)]
    pub password: Option<SecretString>,
    /// Redis database number.
    #[env(default = 0)]
    pub database: u8,
}

/// Serving several tenants from one deployment.
#[derive(EnvConfig, Debug)]
pub struct MultiTenancySettings {
    /// Serve several tenants from this deployment.
    ///
    /// Needs MongoDB or PostgreSQL storage. The value set here always wins over the one
    /// stored in the database.
    #[env(default = false)]
    pub enabled: bool,
    /// Ways of finding a request's tenant, tried in order, comma-separated.
    #[env(bootstrap, default = "header,subdomain")]
    pub extraction_priority: Vec<TenantExtraction>,
    /// HTTP header that names the tenant when the `header` strategy is used.
    #[env(bootstrap, default = "x-tenant-id")]
    pub tenant_header: String,
    /// Most OIDC provider instances (one per active tenant) kept in memory at once.
    #[env(bootstrap, default = 50)]
    pub provider_pool_max_size: u32,
    /// How long an unused tenant's OIDC provider stays in memory (30 minutes by default).
    #[env(bootstrap, default = 1800000, unit = "ms")]
    pub provider_pool_idle_ttl_ms: std::time::Duration,
    /// Time between two sweeps for idle OIDC providers (a minute by default).
    #[env(bootstrap, default = 60000, unit = "ms")]
    pub provider_pool_cleanup_interval_ms: std::time::Duration,
}

/// Application logging.
#[derive(EnvConfig, Debug)]
pub struct LoggingSettings {
    /// Write an application log at all.
    #[env(default = true)]
    pub enabled: bool,
    /// Lowest level of the messages logged.
    #[env(default = "info")]
    pub level: LogLevel,
    /// Format log lines for people rather than for log collectors.
    ///
    /// Meant for development; turn it off where logs are shipped to a collector. Left on in
    /// production, the load warns.
    #[env(default = true, not_default_in(production), warn_in(production))]
    pub pretty_print: bool,
    /// Also write the log to files.
    #[env(name = "FILE_LOGGING_ENABLED", default = true)]
    pub file_logging_enabled: bool,
    /// Directory of the log files.
    #[env(name = "FILE_LOGGING_DIRECTORY", default = "logs")]
    pub file_logging_directory: PathBuf,
}

/// Application secrets.
///
/// In development a missing one is generated at start (with a warning); in production the
/// start fails without them.
#[derive(EnvConfig, Debug)]
#[env(profiles(production))]
pub struct SecretSettings {
    /// Key that signs the JWTs Parako.ID issues; at least 32 characters.
    #[env(secret, min_len = 32, required_in(production), generate = "openssl rand -hex 32")]
    pub jwt_secret: Option<SecretString>,
    /// Current key for encrypting cookies; at least 32 characters.
    #[env(secret, min_len = 32, required_in(production), generate = "openssl rand -hex 32")]
    pub cookie_secret_1: Option<SecretString>,
    /// Second key for encrypting cookies; at least 32 characters.
    #[env(secret, min_len = 32, required_in(production), generate = "openssl rand -hex 32")]
    pub cookie_secret_2: Option<SecretString>,
    /// Key that signs the OAuth state passed between tenants; at least 32 characters.
    #[env(secret, min_len = 32, required_in(production), generate = "openssl rand -hex 32")]
    pub hmac_secret: Option<SecretString>,
    /// Salt that turns user IDs into per-client pairwise subject identifiers (OIDC).
    ///
    /// Changing it changes every pairwise identifier that clients have stored.
    #[env(secret, required_in(production), generate = "openssl rand -hex 16")]
    pub pairwise_salt: Option<SecretString>,
    /// Password of the SMTP server that sends email.
    #[env(secret)]
    pub smtp_password: Option<SecretString>,
}

/// Third-party IP intelligence services.
#[derive(EnvConfig, Debug)]
pub struct ExternalServices {
    /// API token for ipinfo.io, which geolocates IP addresses.
    ///
    /// The admin panel can set it too.
    #[env(secret)]
    pub ipinfo_api_token: Option<SecretString>,
    /// API key for IPQualityScore, which rates the reputation of IP addresses.
    ///
    /// The admin panel can set it too.
    #[env(secret)]
    pub ipqualityscore_api_key: Option<SecretString>,
}

/// Parako.ID bootstrap environment
///
/// The environment variables Parako.ID reads from `runtime/.env` before anything else:
/// where it runs, which database it uses, Redis, multi-tenancy infrastructure, logging,
/// the key that encrypts secrets at rest, and the application secrets. Everything else is
/// configured in the admin panel (stored in the database) or, in development, in
/// `runtime/parako.jsonc`.
///
/// Variables marked bootstrap-only can only ever come from the environment: the admin
/// panel shows them read-only and any copy in the database or file is dropped. Changing
/// any of these variables takes a restart.
///
/// `DEPLOYMENT_ENVIRONMENT` selects the profile. In `production`, the application secrets
/// must all be set; in `development`, missing ones are generated at start.
#[derive(EnvConfig, Debug)]
#[env(
    prefix = "",
    check(
        multi_tenancy_needs_a_server_database,
        "multi-tenancy needs MongoDB or PostgreSQL storage: MULTI_TENANCY_ENABLED=true is refused with STORAGE_ADAPTER=sqlite"
    )
)]
pub struct ParakoSettings {
    /// Deployment environment; `production` requires every application secret.
    #[env(profile, bootstrap, default = "development", section = "Deployment")]
    pub deployment_environment: Environment,
    /// TCP port the server listens on.
    #[env(bootstrap, default = 9007, range = 1..=65535, section = "Deployment")]
    pub deployment_server_port: u16,
    /// Public URL of this deployment, such as `https://auth.example.com`.
    ///
    /// The OIDC issuer, discovery URLs and integration URLs are derived from it; in
    /// multi-tenant mode a tenant is served at `https://{tenant}.{host}`. When unset, the URL
    /// saved in the database or file configuration is used (initially
    /// `http://localhost:9007`). The admin panel shows it read-only.
    #[env(section = "Deployment", example = "https://auth.example.com")]
    pub deployment_url: Option<Url>,
    /// Main database: `sqlite`, `mongodb` or `postgresql`.
    #[env(bootstrap, default = "sqlite", section = "Storage")]
    pub storage_adapter: StorageAdapter,
    /// Store for OIDC tokens and sessions; may also be `redis`.
    ///
    /// When unset, the main database (`STORAGE_ADAPTER`) is used.
    #[env(same_as = storage_adapter, section = "Storage")]
    pub oidc_storage_adapter: OidcStorageAdapter,
    /// MongoDB connection URI; needed with `mongodb`.
    ///
    /// Its scheme is `mongodb://` or `mongodb+srv://`.
    #[env(bootstrap, required_if(storage_adapter = "mongodb"), schemes("mongodb", "mongodb+srv"), section = "Storage")]
    pub storage_mongodb_uri: Option<String>,
    /// SQLite database file.
    #[env(bootstrap, default = "./runtime/data/parako.db", read_if(storage_adapter = "sqlite"), section = "Storage")]
    pub storage_sqlite_path: PathBuf,
    /// PostgreSQL connection URL; needed with `postgresql`.
    ///
    /// Its scheme is `postgres://` or `postgresql://`.
    #[env(
        bootstrap,
        required_if(storage_adapter = "postgresql"),
        schemes("postgres", "postgresql"),
        section = "Storage"
    )]
    pub storage_postgresql_url: Option<Url>,
    /// Verify the PostgreSQL server's TLS certificate.
    ///
    /// Set to `false` only for a server with a self-signed certificate.
    #[env(default = true, read_if(storage_adapter = "postgresql"), section = "Storage")]
    pub pg_ssl_reject_unauthorized: bool,
    /// Database URL used only by Prisma CLI commands.
    ///
    /// Commands such as `db:push` and `db:migrate` read it; the running application ignores
    /// it.
    #[env(section = "Storage")]
    pub database_url: Option<String>,
    #[env(nested, prefix = "REDIS_", section = "Redis")]
    pub redis: RedisSettings,
    #[env(nested, prefix = "MULTI_TENANCY_", section = "Multi-tenancy")]
    pub multi_tenancy: MultiTenancySettings,
    /// Key that encrypts the secrets stored in the configuration.
    ///
    /// It protects the application secrets, SMTP and SMS credentials, API keys and social
    /// login client secrets saved in the database. 32 bytes, written as 64 hex or 44 base64
    /// characters. Without it the configuration can be neither saved nor loaded.
    ///
    /// Back it up: with a lost or changed key, stored secrets cannot be decrypted and must
    /// be entered again.
    #[env(secret, key(bytes = 32, hex, base64), generate = "openssl rand -hex 32", section = "Encryption")]
    pub encryption_key: SecretString,
    #[env(nested, prefix = "SECURITY_LOGGING_", section = "Logging")]
    pub logging: LoggingSettings,
    #[env(flatten, section = "Secrets")]
    pub secrets: SecretSettings,
    #[env(flatten, section = "External services")]
    pub external: ExternalServices,
    /// Read the configuration from `runtime/parako.jsonc` instead of the database.
    ///
    /// Honoured only when `DEPLOYMENT_ENVIRONMENT=development`; staging and production
    /// always use the database.
    #[env(default = true, section = "Configuration source")]
    pub use_file_config: bool,
}

/// Multi-tenancy keeps tenants apart in the database, which SQLite storage cannot do.
fn multi_tenancy_needs_a_server_database(settings: &ParakoSettings) -> Result<(), String> {
    if settings.multi_tenancy.enabled && settings.storage_adapter == StorageAdapter::Sqlite {
        return Err("MULTI_TENANCY_ENABLED=true needs STORAGE_ADAPTER=mongodb or postgresql: \
                    SQLite storage cannot hold several tenants"
            .to_owned());
    }
    Ok(())
}
