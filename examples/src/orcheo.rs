//! Orcheo: the environment settings of the Orcheo backend, its Celery worker and its CLI.
//!
//! Most variables carry the `ORCHEO_` prefix; a few shared with other tools (`REDIS_URL`,
//! `LOG_LEVEL`, `NODE_ENV`, …) are read without it.

use envspec::{EnvConfig, EnvEnum, SecretString, Url};
use std::path::PathBuf;

/// Where checkpoints or ChatKit conversations are persisted.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreBackend {
    /// A local SQLite file; fine for one process on one machine.
    Sqlite,
    /// The PostgreSQL database at `ORCHEO_POSTGRES_DSN`; lets several processes share state.
    Postgres,
}

/// Where workflows and their runs are stored.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepositoryBackend {
    /// A local SQLite file.
    Sqlite,
    /// A PostgreSQL database given by `ORCHEO_POSTGRES_DSN`.
    Postgres,
    /// Process memory only: lost on restart, and triggered runs are never dispatched.
    Inmemory,
}

/// Where traces are sent.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TracingExporter {
    /// Tracing is off.
    None,
    /// Spans are printed to standard output.
    Console,
    /// Spans are sent over OTLP/HTTP to `ORCHEO_TRACING_ENDPOINT`.
    Otlp,
}

/// Where credentials are kept.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultBackend {
    /// An encrypted SQLite file at `ORCHEO_VAULT_LOCAL_PATH`.
    File,
    /// Process memory only; credentials are lost on restart.
    Inmemory,
    /// AWS Key Management Service; needs the region, key ID and encryption key.
    #[env(rename = "aws_kms")]
    AwsKms,
}

/// How strictly API requests are authenticated.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    /// No authentication at all.
    Disabled,
    /// Credentials are checked when present; anonymous requests are still served.
    Optional,
    /// Every request must carry valid credentials.
    Required,
}

/// Threshold of the backend's loggers.
#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[env(rename_all = "UPPERCASE")]
pub enum LogLevel {
    /// Everything, including diagnostic detail.
    Debug,
    /// Normal operational messages and above.
    Info,
    /// Unexpected but handled situations and above.
    #[env(alias = "WARN")]
    Warning,
    /// Failures of a single operation and above.
    Error,
    /// Only failures that stop the service.
    #[env(alias = "FATAL")]
    Critical,
}

/// Persistence backends, the HTTP listener, ChatKit storage and tracing of the backend.
#[derive(EnvConfig, Debug)]
pub struct CoreSettings {
    /// Storage for workflow checkpoints (the saved state of runs in progress).
    #[env(default = "sqlite")]
    pub checkpoint_backend: StoreBackend,
    /// SQLite file holding checkpoints.
    #[env(default = "~/.orcheo/checkpoints.sqlite", read_if(checkpoint_backend = "sqlite"))]
    pub sqlite_path: PathBuf,
    /// PostgreSQL connection string, such as `postgresql://user:pass@host:5432/orcheo`.
    ///
    /// Needed as soon as any of the checkpoint, repository or ChatKit backends is `postgres`;
    /// all of them share this one database.
    #[env(
        required_if(checkpoint_backend = "postgres", repository_backend = "postgres", chatkit_backend = "postgres"),
        example = "postgresql://orcheo:orcheo@localhost:5432/orcheo"
    )]
    pub postgres_dsn: Option<String>,
    /// Storage for workflow definitions, versions and runs.
    ///
    /// `inmemory` is for experiments: its runs are not queued for webhook, cron or manual
    /// triggers and stay pending unless executed by hand.
    #[env(default = "sqlite")]
    pub repository_backend: RepositoryBackend,
    /// SQLite file of the workflow repository.
    #[env(default = "~/.orcheo/workflows.sqlite", read_if(repository_backend = "sqlite"))]
    pub repository_sqlite_path: PathBuf,
    /// Storage for ChatKit conversation threads.
    #[env(default = "sqlite")]
    pub chatkit_backend: StoreBackend,
    /// SQLite file of ChatKit conversation history.
    #[env(default = "~/.orcheo/chatkit.sqlite", read_if(chatkit_backend = "sqlite"))]
    pub chatkit_sqlite_path: PathBuf,
    /// Directory where ChatKit keeps uploaded attachments and other files.
    #[env(default = "~/.orcheo/chatkit")]
    pub chatkit_storage_path: PathBuf,
    /// Days ChatKit conversations are kept before the cleanup task deletes them.
    #[env(default = 30, gt = 0)]
    pub chatkit_retention_days: u32,
    /// Widget root types that ChatKit turns into thread items; others are ignored.
    #[env(default = "[\"Card\",\"ListView\"]")]
    pub chatkit_widget_types: Vec<String>,
    /// Widget action types that ChatKit passes back to workflows.
    #[env(default = "[\"submit\"]")]
    pub chatkit_widget_action_types: Vec<String>,
    /// Interface the HTTP API binds to; `0.0.0.0` listens on every interface.
    #[env(default = "0.0.0.0")]
    pub host: String,
    /// TCP port of the HTTP API.
    #[env(default = 8000, range = 1..=65535)]
    pub port: u16,
    /// Browser origins allowed to call the API (CORS), as a JSON array or comma-separated.
    ///
    /// Add the origin of every front end that is served from another host or port.
    #[env(default = "[\"http://localhost:5173\",\"http://127.0.0.1:5173\"]")]
    pub cors_allow_origins: Vec<String>,
    /// Where trace spans go: nowhere, the console, or an OTLP collector.
    #[env(default = "none")]
    pub tracing_exporter: TracingExporter,
    /// OTLP/HTTP collector URL, including the `/v1/traces` path.
    ///
    /// Used with `ORCHEO_TRACING_EXPORTER=otlp`.
    #[env(schemes("http", "https"), example = "http://localhost:4318/v1/traces")]
    pub tracing_endpoint: Option<Url>,
    /// Service name attached to every span, to tell this deployment apart in the tracing UI.
    #[env(default = "orcheo-backend")]
    pub tracing_service_name: String,
    /// Share of traces recorded: `1.0` keeps all, `0.1` keeps one in ten.
    #[env(default = 1.0, range = 0.0..=1.0)]
    pub tracing_sample_ratio: f64,
    /// Talk to the OTLP collector without TLS.
    #[env(default = false)]
    pub tracing_insecure: bool,
    /// Token count above which a run records a `token.chunk` span event.
    #[env(default = 1000, gt = 0)]
    pub tracing_high_token_threshold: u32,
    /// Longest prompt or response preview, in characters, kept on spans.
    #[env(default = 512, min = 16)]
    pub tracing_preview_max_length: u32,
    /// Public front-end origin used in ChatKit share links printed by the CLI and the MCP
    /// server; by default `ORCHEO_API_URL` without a trailing `/api`.
    ///
    /// `orcheo workflow publish --chatkit-public-base-url` overrides it for one command.
    #[env(default_from = "{cli.api_url|trim_suffix:/api}", schemes("http", "https"), components(cli))]
    pub chatkit_public_base_url: Url,
}

/// The credential vault.
#[derive(EnvConfig, Debug)]
pub struct VaultSettings {
    /// Which vault implementation stores credentials.
    #[env(default = "file")]
    pub backend: VaultBackend,
    /// SQLite file of the file-backed vault.
    #[env(default = "~/.orcheo/vault.sqlite", read_if(backend = "file"))]
    pub local_path: PathBuf,
    /// Pre-shared key that encrypts stored credentials.
    ///
    /// Mandatory with `aws_kms`; the other backends use it when it is set. Aim for at least
    /// 128 bits of randomness.
    #[env(secret, required_if(backend = "aws_kms"))]
    pub encryption_key: Option<SecretString>,
    /// AWS region of the KMS key, such as `us-east-1`.
    #[env(required_if(backend = "aws_kms"), read_if(backend = "aws_kms"))]
    pub aws_region: Option<String>,
    /// ID or ARN of the KMS key.
    #[env(required_if(backend = "aws_kms"), read_if(backend = "aws_kms"))]
    pub aws_kms_key_id: Option<String>,
    /// Lifetime of vault access tokens, in seconds.
    #[env(default = 3600, gt = 0)]
    pub token_ttl_seconds: u32,
}

/// Request limits of the ChatKit endpoints: a limit of requests per interval of seconds.
#[derive(EnvConfig, Debug)]
pub struct ChatKitRateLimits {
    /// Requests one client IP may make per `ORCHEO_CHATKIT_RATE_LIMIT_IP_INTERVAL`.
    #[env(default = 120)]
    pub ip_limit: u32,
    /// Length in seconds of the per-IP window.
    #[env(default = 60, gt = 0)]
    pub ip_interval: u32,
    /// Requests one JWT-authenticated identity may make per window.
    #[env(default = 120)]
    pub jwt_limit: u32,
    /// Length in seconds of the per-identity window.
    #[env(default = 60, gt = 0)]
    pub jwt_interval: u32,
    /// Workflow publications through ChatKit allowed per window.
    #[env(default = 60)]
    pub publish_limit: u32,
    /// Length in seconds of the publication window.
    #[env(default = 60, gt = 0)]
    pub publish_interval: u32,
    /// ChatKit session operations allowed per window.
    #[env(default = 60)]
    pub session_limit: u32,
    /// Length in seconds of the session window.
    #[env(default = 60, gt = 0)]
    pub session_interval: u32,
}

/// Authentication of API callers: JWT validation, service tokens and developer login.
#[derive(EnvConfig, Debug)]
#[env(profiles(production))]
pub struct AuthSettings {
    /// Whether requests are authenticated: `disabled`, `optional` or `required`.
    ///
    /// Use `required` for any deployment reachable by others.
    #[env(default = "optional")]
    pub mode: AuthMode,
    /// Shared secret for signing and checking HMAC JWTs, such as HS256.
    #[env(secret)]
    pub jwt_secret: Option<SecretString>,
    /// URL of the identity provider's JWKS document, for asymmetric tokens such as RS256.
    ///
    /// The keys are fetched from it and cached for `ORCHEO_AUTH_JWKS_CACHE_TTL` seconds.
    pub jwks_url: Option<Url>,
    /// A JWKS document given inline as JSON, for validating tokens without fetching keys.
    ///
    /// `ORCHEO_AUTH_JWKS_STATIC` is accepted as another name for it.
    #[env(alias = "JWKS_STATIC")]
    pub jwks: Option<serde_json::Value>,
    /// Seconds a JWKS document fetched from `ORCHEO_AUTH_JWKS_URL` is cached.
    #[env(default = 300)]
    pub jwks_cache_ttl: u32,
    /// Seconds to wait for the JWKS endpoint before giving up.
    #[env(default = 5.0, gt = 0)]
    pub jwks_timeout: f64,
    /// JWT signing algorithms accepted; tokens signed otherwise are rejected.
    #[env(default = "RS256, HS256")]
    pub allowed_algorithms: Vec<String>,
    /// Accepted `aud` claims, any one of which is enough.
    ///
    /// Unset: the audience is not checked.
    pub audience: Option<Vec<String>>,
    /// Required `iss` claim. Unset: the issuer is not checked.
    pub issuer: Option<String>,
    /// SQLite file holding service tokens; by default, beside the workflow repository file.
    #[env(default_from = "{core.repository_sqlite_path|parent}/service_tokens.sqlite")]
    pub service_token_db_path: PathBuf,
    /// Authentication attempts allowed per client IP per interval; `0` means no limit.
    #[env(default = 0)]
    pub rate_limit_ip: u32,
    /// Authentication attempts allowed per identity per interval; `0` means no limit.
    #[env(default = 0)]
    pub rate_limit_identity: u32,
    /// Length in seconds of the authentication rate-limit window.
    #[env(default = 60, gt = 0)]
    pub rate_limit_interval: u32,
    /// Temporary service token for a fresh installation.
    ///
    /// It works before any service token has been stored, so that the first real ones can
    /// be created. Remove it once they exist.
    #[env(secret)]
    pub bootstrap_service_token: Option<SecretString>,
    /// Scopes the bootstrap token carries.
    #[env(
        default = "admin:tokens:read, admin:tokens:write, workflows:read, workflows:write, workflows:execute, vault:read, vault:write"
    )]
    pub bootstrap_token_scopes: Vec<String>,
    /// When the bootstrap token stops working: an ISO 8601 date-time or a UNIX timestamp.
    ///
    /// Unset: it never expires.
    #[env(example = "2030-01-01T00:00:00Z", example = "1893456000")]
    pub bootstrap_token_expires_at: Option<String>,
    /// Offer the developer login flow, which signs in without an identity provider.
    ///
    /// For local testing only.
    #[env(default = false, forbidden_in(production))]
    pub dev_login_enabled: bool,
    /// Name of the cookie carrying a developer login session.
    #[env(default = "orcheo_dev_session")]
    pub dev_cookie_name: String,
    /// Scopes given to developer login sessions.
    #[env(default = "workflows:read, workflows:write, workflows:execute, vault:read, vault:write")]
    pub dev_scopes: Vec<String>,
    /// Workspaces developer login sessions may use. Unset: no restriction.
    pub dev_workspace_ids: Option<Vec<String>>,
}

/// Signed session tokens handed to ChatKit clients.
#[derive(EnvConfig, Debug)]
#[env(profiles(production))]
pub struct ChatKitTokenSettings {
    /// Key that signs ChatKit session tokens.
    ///
    /// A shared secret for HS algorithms, a private key (PEM) for RS ones. ChatKit sessions
    /// cannot be issued without it.
    #[env(secret, required_in(production))]
    pub signing_key: Option<SecretString>,
    /// `iss` claim written into ChatKit session tokens.
    #[env(default = "orcheo.chatkit")]
    pub issuer: String,
    /// `aud` claim written into ChatKit session tokens.
    #[env(default = "chatkit")]
    pub audience: String,
    /// Lifetime of a ChatKit session token, in seconds.
    #[env(default = 300, min = 60)]
    pub ttl_seconds: u32,
    /// JWT algorithm of ChatKit session tokens, such as `HS256` or `RS256`.
    ///
    /// It must suit the kind of `ORCHEO_CHATKIT_TOKEN_SIGNING_KEY`.
    #[env(default = "HS256")]
    pub algorithm: String,
}

/// Log verbosity and whether sensitive values may be logged.
#[derive(EnvConfig, Debug)]
#[env(profiles(production))]
pub struct LoggingSettings {
    /// Runtime environment consulted when `ORCHEO_ENV` is unset.
    #[env(name = "NODE_ENV", no_prefix, default = "production")]
    pub node_env: String,
    /// Log sensitive data (prompts, payloads) even outside a developer environment.
    ///
    /// Meant for short debugging sessions; the backend turns it on with the value `1`.
    #[env(name = "LOG_SENSITIVE_DEBUG", no_prefix, forbidden_in(production))]
    pub log_sensitive_debug: Option<bool>,
    /// Lowest level of the messages the backend logs.
    #[env(name = "LOG_LEVEL", no_prefix, default = "INFO")]
    pub log_level: LogLevel,
}

/// The Celery worker and beat scheduler that run triggered workflows.
#[derive(EnvConfig, Debug)]
pub struct CelerySettings {
    /// Redis URL of the Celery task queue.
    #[env(name = "REDIS_URL", no_prefix, default = "redis://localhost:6379/0")]
    pub redis_url: Url,
    /// Seconds between two checks of cron triggers by Celery beat.
    #[env(name = "CRON_DISPATCH_INTERVAL", no_prefix, default = 60, components(worker))]
    pub cron_dispatch_interval: f64,
    /// File where Celery beat keeps its schedule state.
    ///
    /// The `-s` option of `celery beat` takes precedence over it.
    #[env(name = "CELERY_BEAT_SCHEDULE_FILE", no_prefix, default = "celerybeat-schedule", components(worker))]
    pub celery_beat_schedule_file: PathBuf,
}

/// The `orcheo` command-line tool and SDK.
#[derive(EnvConfig, Debug)]
pub struct CliSettings {
    /// Directory holding the CLI's `cli.toml`.
    #[env(default = "~/.config/orcheo")]
    pub config_dir: PathBuf,
    /// Directory for the CLI's caches.
    #[env(default = "~/.cache/orcheo")]
    pub cache_dir: PathBuf,
    /// Profile of `cli.toml` to use.
    #[env(name = "PROFILE", default = "default")]
    pub cli_profile: String,
    /// URL of the Orcheo backend that the CLI, the SDK and the MCP server talk to.
    #[env(default = "http://localhost:8000", schemes("http", "https"))]
    pub api_url: Url,
    /// Bearer token the CLI and SDK authenticate with.
    ///
    /// Code snippets generated by the CLI include it too.
    #[env(secret)]
    pub service_token: Option<SecretString>,
}

/// Orcheo environment variables
///
/// Every environment variable read by Orcheo: the FastAPI backend, its Celery worker and
/// beat scheduler, and the `orcheo` CLI and SDK. Backend settings carry the `ORCHEO_`
/// prefix; the Celery and logging variables shared with other tools (`REDIS_URL`,
/// `CRON_DISPATCH_INTERVAL`, `CELERY_BEAT_SCHEDULE_FILE`, `LOG_LEVEL`, `LOG_SENSITIVE_DEBUG`,
/// `NODE_ENV`) do not.
///
/// Everything has a working default for a single machine: SQLite files under `~/.orcheo`,
/// a file vault, Redis on localhost. Choosing `postgres` for any store requires
/// `ORCHEO_POSTGRES_DSN`, and the `aws_kms` vault requires its region, key ID and
/// encryption key.
///
/// The deployment profile is `ORCHEO_ENV`, else `NODE_ENV`, else `production`. In
/// production, the developer login and sensitive logging must be off and ChatKit needs its
/// token signing key.
#[derive(EnvConfig, Debug)]
#[env(prefix = "ORCHEO_", components(backend, worker, cli))]
pub struct OrcheoSettings {
    #[env(flatten, section = "Core runtime", components(backend, worker))]
    pub core: CoreSettings,
    #[env(nested, prefix = "VAULT_", section = "Vault", components(backend, worker))]
    pub vault: VaultSettings,
    #[env(nested, prefix = "CHATKIT_RATE_LIMIT_", section = "ChatKit rate limits", components(backend))]
    pub chatkit_rate_limits: ChatKitRateLimits,
    #[env(nested, prefix = "AUTH_", section = "Authentication", components(backend))]
    pub auth: AuthSettings,
    #[env(nested, prefix = "CHATKIT_TOKEN_", section = "ChatKit session tokens", components(backend))]
    pub chatkit_tokens: ChatKitTokenSettings,
    /// Name of the environment: the deployment profile.
    ///
    /// `production` applies the production rules. Read before `NODE_ENV`; `development`,
    /// `dev` and `local` count as a developer machine, where sensitive data may be logged.
    #[env(profile, fallback("NODE_ENV"), default = "production", section = "Logging and runtime flags")]
    pub env: String,
    #[env(flatten, section = "Logging and runtime flags")]
    pub logging: LoggingSettings,
    #[env(flatten, section = "Celery worker", components(backend, worker))]
    pub celery: CelerySettings,
    #[env(flatten, section = "CLI", components(cli))]
    pub cli: CliSettings,
}
