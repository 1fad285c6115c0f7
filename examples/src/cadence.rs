//! Cadence: the environment settings of the Cadence API process (`CADENCE_*`).
//!
//! Only what a process needs to start lives here: secrets, connection URLs, listening
//! address, OAuth client registrations. Limits and feature flags that operators tune at
//! run time are kept in Cadence's database, not in the environment.

use envspec::{EnvConfig, EnvEnum, SecretString, Url};
use std::path::PathBuf;

/// Deployment environment of a Cadence process.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// A developer machine: placeholder secrets are accepted.
    Development,
    /// Automated test runs.
    Test,
    /// A pre-production copy of the real deployment.
    Staging,
    /// The real deployment: production safety rules apply.
    Production,
}

/// Signing and encryption keys and token lifetimes.
#[derive(EnvConfig, Debug)]
#[env(profiles(production))]
pub struct SecuritySettings {
    /// Key that signs the JWTs Cadence issues.
    ///
    /// The shipped placeholder is only good for local work: a production start refuses it.
    /// Changing it signs every user out.
    #[env(secret, default = "change-me-in-production", not_default_in(production))]
    pub secret_key: SecretString,
    /// AES-256 key that encrypts stored API keys and LLM provider credentials.
    ///
    /// 32 bytes written as 64 hex characters. The all-zero default is for local work only
    /// and is refused in production. Keep a backup: data encrypted with a lost key cannot
    /// be recovered.
    #[env(
        secret,
        default = "0000000000000000000000000000000000000000000000000000000000000000",
        key(bytes = 32, hex),
        not_default_in(production),
        generate = "openssl rand -hex 32"
    )]
    pub encryption_key: SecretString,
    /// Algorithm used to sign Cadence's own JWTs with `CADENCE_SECRET_KEY`.
    #[env(default = "HS256")]
    pub jwt_algorithm: String,
    /// Key for verifying JWTs issued by someone else, such as an upstream identity provider.
    ///
    /// Usually that issuer's public key. Leave unset to accept only Cadence's own tokens.
    #[env(secret)]
    pub third_party_jwt_secret_key: Option<SecretString>,
    /// Algorithm expected on third-party JWTs.
    #[env(default = "RS256")]
    pub third_party_jwt_algorithm: String,
    /// How long an access token, and the Redis session behind it, stays valid (3 hours by
    /// default).
    #[env(default = 10800, unit = "s")]
    pub access_token_ttl_seconds: std::time::Duration,
    /// How long a refresh token stays valid (a week by default).
    #[env(default = 604800, unit = "s")]
    pub refresh_token_ttl_seconds: std::time::Duration,
}

/// Databases, cache and message broker.
#[derive(EnvConfig, Debug)]
pub struct InfrastructureSettings {
    /// PostgreSQL URL of the primary database; every write goes here.
    ///
    /// The default points at a local development database.
    #[env(default = "postgresql://cadence:cadence@localhost:5432/cadence")]
    pub postgres_url: Url,
    /// PostgreSQL URL of a read replica.
    ///
    /// When unset, reads are served by the primary as well.
    pub postgres_read_url: Option<Url>,
    /// Turn on when PgBouncer (or another external pooler) sits in front of PostgreSQL.
    ///
    /// Cadence then opens a fresh connection per use instead of keeping its own pool.
    #[env(default = false)]
    pub pgbouncer_enabled: bool,
    /// Connections kept open in the database pool of each process.
    #[env(default = 20)]
    pub db_pool_size: u32,
    /// Extra connections a process may open beyond the pool size under load.
    #[env(default = 10)]
    pub db_max_overflow: u32,
    /// Age in seconds after which a pooled connection is closed and replaced.
    #[env(default = 3600)]
    pub db_pool_recycle: u32,
    /// Seconds a request waits for a free pooled connection before failing.
    #[env(default = 30)]
    pub db_pool_timeout: u32,
    /// Check each pooled connection with a cheap query before handing it out.
    ///
    /// Costs a round trip, saves errors after database restarts or idle disconnects.
    #[env(default = true)]
    pub db_pool_pre_ping: bool,
    /// Redis URL; holds sessions, OAuth2 state and rate-limit counters.
    #[env(default = "redis://localhost:6379")]
    pub redis_url: Url,
    /// Redis database number Cadence uses.
    #[env(default = 0)]
    pub redis_default_db: u32,
    /// AMQP URL of RabbitMQ, the event bus between Cadence processes.
    ///
    /// Settings changes and connection-pool lifecycle events travel over it. The default
    /// points at a local broker with the stock guest account.
    #[env(default = "amqp://guest:guest@localhost:5672/")]
    pub rabbitmq_url: Url,
}

/// Plugin archive storage in S3 or an S3-compatible service such as MinIO.
#[derive(EnvConfig, Debug)]
pub struct S3Settings {
    /// Store plugin archives in S3/MinIO.
    ///
    /// Turn off to keep plugins only in the local filesystem cache.
    #[env(default = true)]
    pub enabled: bool,
    /// Endpoint of an S3-compatible service, such as a MinIO URL.
    ///
    /// Leave unset for Amazon S3 itself.
    pub endpoint_url: Option<Url>,
    /// Access key ID of the S3 credentials.
    #[env(default = "")]
    pub access_key_id: String,
    /// Secret access key paired with `CADENCE_S3_ACCESS_KEY_ID`.
    #[env(secret, default = "")]
    pub secret_access_key: SecretString,
    /// Bucket that holds the plugin ZIP archives.
    #[env(default = "cadence-plugins")]
    pub bucket_name: String,
    /// Region of the bucket.
    #[env(default = "us-east-1")]
    pub region: String,
}

/// Where plugins live on disk.
#[derive(EnvConfig, Debug)]
pub struct PluginDirectories {
    /// Directory of plugins available to every tenant.
    #[env(default = "/var/lib/cadence/plugins/system")]
    pub system_plugins_dir: PathBuf,
    /// Parent directory of per-tenant plugin directories (one subdirectory per tenant).
    #[env(default = "/var/lib/cadence/plugins/tenants")]
    pub tenant_plugins_root: PathBuf,
}

/// OAuth2 callbacks and social login providers.
#[derive(EnvConfig, Debug)]
pub struct OAuthSettings {
    /// Base URL of the web front end (the Nuxt app) that OAuth providers redirect back to.
    ///
    /// Must match the callback URLs registered with each provider.
    #[env(default = "http://localhost:3000")]
    pub oauth_redirect_base_url: Url,
    /// Full URL of the page where users grant consent to OAuth2 clients.
    ///
    /// Set it only when the consent page is not at `/oauth/consent` under the redirect base.
    #[env(default_from = "{oauth_redirect_base_url}/oauth/consent")]
    pub consent_ui_url: Url,
    /// Client ID of the Google OAuth app behind "Sign in with Google".
    ///
    /// Set it together with `CADENCE_GOOGLE_CLIENT_SECRET` to offer Google login.
    pub google_client_id: Option<String>,
    /// Client secret of the Google OAuth app.
    #[env(secret)]
    pub google_client_secret: Option<SecretString>,
    /// Client ID of the GitHub OAuth app behind "Sign in with GitHub".
    ///
    /// Set it together with `CADENCE_GITHUB_CLIENT_SECRET` to offer GitHub login.
    pub github_client_id: Option<String>,
    /// Client secret of the GitHub OAuth app.
    #[env(secret)]
    pub github_client_secret: Option<SecretString>,
    /// Client ID registered with a generic OAuth2 / OpenID Connect provider for social login.
    pub oauth2_client_id: Option<String>,
    /// Client secret registered with the generic OAuth2 provider.
    #[env(secret)]
    pub oauth2_client_secret: Option<SecretString>,
    /// Authorization endpoint of the generic OAuth2 provider, where users are sent to log in.
    pub oauth2_authorization_url: Option<Url>,
    /// Token endpoint of the generic OAuth2 provider.
    pub oauth2_token_url: Option<Url>,
    /// Userinfo endpoint of the generic OAuth2 provider, read for the user's profile.
    pub oauth2_userinfo_url: Option<Url>,
    /// Scopes asked of the generic OAuth2 provider, separated by spaces.
    #[env(default = "openid email profile", separator = " ")]
    pub oauth2_scopes: Vec<String>,
}

/// Cadence API settings
///
/// Environment variables read by the Cadence API process at start-up, all prefixed
/// `CADENCE_`. They cover the signing and encryption keys, the PostgreSQL, Redis and
/// RabbitMQ connections, plugin storage, CORS, OAuth2 and social login, and the listening
/// address. Changing any of them takes a restart.
///
/// `CADENCE_ENVIRONMENT` selects the deployment profile and defaults to `production`, so a
/// forgotten setting fails safe: in production the placeholder secret key and the all-zero
/// encryption key are refused and debug mode must stay off. Set it to `development` on a
/// workstation to run with the defaults.
#[derive(EnvConfig, Debug)]
#[env(prefix = "CADENCE_")]
pub struct CadenceSettings {
    #[env(flatten, section = "Security and tokens")]
    pub security: SecuritySettings,
    #[env(flatten, section = "Infrastructure")]
    pub infrastructure: InfrastructureSettings,
    #[env(nested, prefix = "S3_", section = "Plugin storage")]
    pub s3: S3Settings,
    #[env(flatten, section = "Plugin directories")]
    pub plugin_directories: PluginDirectories,
    /// Browser origins allowed to call the API, comma-separated or as a JSON array.
    ///
    /// Add the origin of every web UI that talks to this API.
    #[env(default = "http://localhost:3000,http://localhost:8080", section = "HTTP and CORS")]
    pub cors_origins: Vec<String>,
    #[env(flatten, section = "OAuth2 and social login")]
    pub oauth: OAuthSettings,
    /// Deployment environment; `production` turns on the production safety rules.
    #[env(profile, default = "production", section = "Runtime behavior")]
    pub environment: Environment,
    /// Debug mode, for troubleshooting on a workstation; refused in production.
    #[env(default = false, forbidden_in(production), section = "Runtime behavior")]
    pub debug: bool,
    /// Address the API server binds to; `0.0.0.0` listens on every interface.
    #[env(default = "0.0.0.0", section = "Runtime behavior")]
    pub api_host: String,
    /// TCP port the API server listens on.
    #[env(default = 8888, range = 1..=65535, section = "Runtime behavior")]
    pub api_port: u16,
}
