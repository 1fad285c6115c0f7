//! `read_if` (variables that mean something only under a condition), `default_from`
//! filters, and list separators: the extensions the showcase seeds needed.

#![allow(dead_code)] // Some fields exist only to be described by the schema.

use envspec::{EnvConfig, EnvEnum};
use std::path::PathBuf;

#[derive(EnvEnum, Debug, Clone, Copy, PartialEq)]
enum Adapter {
    Sqlite,
    Postgresql,
}

#[derive(EnvConfig, Debug)]
struct Settings {
    #[env(default = "sqlite")]
    storage_adapter: Adapter,
    /// Read only with the SQLite adapter; ignored (and never checked) otherwise.
    #[env(default = "./data/app.db", read_if(storage_adapter = "sqlite"))]
    storage_sqlite_path: PathBuf,
    /// Only meaningful for PostgreSQL.
    #[env(default = true, read_if(storage_adapter = "postgresql"))]
    pg_ssl_reject_unauthorized: bool,
    #[env(read_if(storage_adapter = "postgresql"), required_if(storage_adapter = "postgresql"), min_len = 10)]
    storage_postgresql_url: Option<String>,
    #[env(default = "~/.app/workflows.sqlite")]
    repository_sqlite_path: PathBuf,
    #[env(default_from = "{repository_sqlite_path|parent}/service_tokens.sqlite")]
    service_token_db_path: PathBuf,
    #[env(default = "http://localhost:8000/api")]
    api_url: String,
    #[env(default_from = "{api_url|trim_suffix:/api}")]
    public_base_url: String,
    #[env(default = "openid email profile", separator = " ")]
    oauth2_scopes: Vec<String>,
    #[env(default = "a;b", separator = ";")]
    tags: Vec<String>,
}

fn load(pairs: &[(&str, &str)]) -> Result<envspec::Loaded<Settings>, envspec::LoadError> {
    Settings::loader().env_map(pairs.iter().copied()).home_dir("/home/op").load()
}

#[test]
fn read_if_ignores_a_variable_whose_condition_does_not_hold() {
    // With SQLite, the PostgreSQL settings are not read: even an invalid value is ignored.
    let loaded = load(&[("PG_SSL_REJECT_UNAUTHORIZED", "not-a-bool"), ("STORAGE_POSTGRESQL_URL", "short")]).unwrap();
    assert!(loaded.pg_ssl_reject_unauthorized, "the default applies");
    assert_eq!(loaded.storage_postgresql_url, None);
    assert_eq!(loaded.storage_sqlite_path, PathBuf::from("./data/app.db"));
}

#[test]
fn read_if_reads_and_checks_when_the_condition_holds() {
    let err = load(&[("STORAGE_ADAPTER", "postgresql"), ("PG_SSL_REJECT_UNAUTHORIZED", "not-a-bool")]).unwrap_err();
    let text = err.to_string();
    assert_eq!(err.problems().len(), 2, "{text}");
    assert!(text.contains("PG_SSL_REJECT_UNAUTHORIZED"), "{text}");
    assert!(text.contains("STORAGE_POSTGRESQL_URL"), "required when the adapter is postgresql: {text}");
    let loaded = load(&[
        ("STORAGE_ADAPTER", "postgresql"),
        ("PG_SSL_REJECT_UNAUTHORIZED", "false"),
        ("STORAGE_POSTGRESQL_URL", "postgresql://db/app"),
        ("STORAGE_SQLITE_PATH", "/ignored/now.db"),
    ])
    .unwrap();
    assert!(!loaded.pg_ssl_reject_unauthorized);
    assert_eq!(loaded.storage_sqlite_path, PathBuf::from("./data/app.db"), "the SQLite path is not read");
}

#[test]
fn read_if_is_the_schema_read_when() {
    let schema = Settings::schema();
    let when = |name: &str| schema.variable(name).unwrap().read_when.as_ref().map(|c| c.to_string());
    assert_eq!(when("STORAGE_SQLITE_PATH").as_deref(), Some("STORAGE_ADAPTER=sqlite"));
    assert_eq!(when("PG_SSL_REJECT_UNAUTHORIZED").as_deref(), Some("STORAGE_ADAPTER=postgresql"));
    assert_eq!(when("STORAGE_ADAPTER"), None);
}

#[test]
fn default_from_filters_derive_paths_and_urls() {
    let loaded = load(&[]).unwrap();
    assert_eq!(loaded.service_token_db_path, PathBuf::from("/home/op/.app/service_tokens.sqlite"));
    assert_eq!(loaded.public_base_url, "http://localhost:8000");
    let loaded =
        load(&[("REPOSITORY_SQLITE_PATH", "/srv/db/repo.sqlite"), ("API_URL", "https://x.test/api/")]).unwrap();
    assert_eq!(loaded.service_token_db_path, PathBuf::from("/srv/db/service_tokens.sqlite"));
    assert_eq!(loaded.public_base_url, "https://x.test");
    let schema = Settings::schema();
    let default = schema.variable("SERVICE_TOKEN_DB_PATH").unwrap().default.as_ref().unwrap().display();
    assert_eq!(default.as_deref(), Some("{REPOSITORY_SQLITE_PATH|parent}/service_tokens.sqlite"));
}

#[test]
fn separators_split_lists_and_json_still_works() {
    let loaded = load(&[]).unwrap();
    assert_eq!(loaded.oauth2_scopes, ["openid", "email", "profile"]);
    assert_eq!(loaded.tags, ["a", "b"]);
    let loaded = load(&[("OAUTH2_SCOPES", "  openid\temail  "), ("TAGS", r#"["x;y"]"#)]).unwrap();
    assert_eq!(loaded.oauth2_scopes, ["openid", "email"]);
    assert_eq!(loaded.tags, ["x;y"]);
    let schema = Settings::schema();
    assert_eq!(schema.variable("OAUTH2_SCOPES").unwrap().value_type.to_string(), "space-separated list of string");
    assert_eq!(schema.variable("TAGS").unwrap().value_type.to_string(), "list of string separated by \";\"");
}
