//! Configurations shared by the fuzz targets: every value family, every rule kind, secrets,
//! a backend group and bootstrap-only variables.

#![allow(dead_code)]

use config_runtime::{EnvConfig, EnvEnum, SecretString, Url};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

/// A secret value that must never show up in any output.
pub const CANARY: &str = "FUZZ-CANARY-5e1f0c";

#[derive(EnvEnum, Debug)]
pub enum Adapter {
    Sqlite,
    Mongodb,
    Postgresql,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "KMS_")]
pub struct Kms {
    pub region: String,
    #[env(secret, min_len = 16)]
    pub key: SecretString,
}

#[derive(EnvConfig, Debug)]
#[env(selector = "VAULT", default = "file")]
pub enum Vault {
    File,
    Kms(Kms),
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "F_")]
pub struct Fuzzed {
    #[env(profile, default = "development")]
    pub environment: String,
    pub flag: Option<bool>,
    #[env(strict_bool)]
    pub strict: Option<bool>,
    #[env(range = 1..=65535)]
    pub port: Option<u16>,
    #[env(min = -5)]
    pub signed: Option<i64>,
    #[env(range = 0.0..=1.0)]
    pub ratio: Option<f64>,
    #[env(gt = 0)]
    pub timeout: Option<f32>,
    #[env(non_empty, item_pattern = "[a-z]+")]
    pub words: Option<Vec<String>>,
    pub ports: Option<BTreeSet<u16>>,
    #[env(forbid("*", only_in = production))]
    pub origins: Option<Vec<String>>,
    pub wait: Option<Duration>,
    #[env(schemes("redis", "rediss"))]
    pub url: Option<Url>,
    pub path: Option<PathBuf>,
    #[env(secret, key(bytes = 32, hex, base64))]
    pub key: Option<SecretString>,
    pub json: Option<serde_json::Value>,
    pub adapter: Option<Adapter>,
    #[env(required_if(adapter = "mongodb"))]
    pub mongo: Option<String>,
    #[env(secret, min_len = 32, required_in(production), alias = "OLD_SECRET")]
    pub secret: Option<SecretString>,
    #[env(bootstrap, default = "x-tenant")]
    pub header: String,
    #[env(default_from = "{header}/suffix")]
    pub derived: String,
    #[env(nested)]
    pub vault: Vault,
}

/// Asserts that `text` holds no part of the canary.
pub fn assert_no_canary(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} leaked the canary: {text}");
}
