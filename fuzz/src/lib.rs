//! Configurations shared by the fuzz targets: every value family, every rule kind, secrets,
//! a backend group and bootstrap-only variables.

#![allow(dead_code)]

use envspec::{EnvConfig, EnvEnum, SecretString, Url};
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
    #[env(separator = " ")]
    pub scopes: Option<Vec<String>>,
    #[env(separator = ";")]
    pub hosts: Option<BTreeSet<String>>,
    pub ports: Option<BTreeSet<u16>>,
    #[env(forbid("*", only_in = production))]
    pub origins: Option<Vec<String>>,
    pub wait: Option<Duration>,
    #[env(schemes("redis", "rediss"))]
    pub url: Option<Url>,
    pub path: Option<PathBuf>,
    #[env(default = "~/data/app.db")]
    pub db: PathBuf,
    #[env(default_from = "{db|parent}/tokens.db")]
    pub tokens: PathBuf,
    #[env(default = "http://localhost/api")]
    pub api: String,
    #[env(default_from = "{api|trim_suffix:/api}", read_if(adapter = "sqlite"))]
    pub public: String,
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

/// Loads `value` as each of `vars` in turn (picked by `which`): never a panic, and a failed
/// load always lists its problems.
pub fn check_family(vars: &[&str], which: u8, value: &str) {
    let var = vars[which as usize % vars.len()];
    for profile in ["development", "production"] {
        let result = Fuzzed::loader().env_map([(var, value)]).profile(profile).home_dir("/home/fuzz").load();
        if let Err(e) = result {
            assert!(!e.problems().is_empty());
            let _ = e.to_string();
        }
    }
}

/// A configuration schema built from arbitrary text, for the renderers: names are fixed
/// (`V0`, `V1`, …) since a name is code, but every description, section, default, example and
/// enum spelling is arbitrary.
#[derive(arbitrary::Arbitrary, Debug)]
pub struct DocsInput {
    pub title: String,
    pub description: String,
    pub vars: Vec<DocsVar>,
}

#[derive(arbitrary::Arbitrary, Debug)]
pub struct DocsVar {
    pub description: String,
    pub section: Option<String>,
    pub default: Option<String>,
    pub example: Option<String>,
    pub secret: bool,
    pub bootstrap: bool,
    pub deprecated: Option<String>,
    pub generate: Option<String>,
    pub enum_values: Vec<(String, String)>,
}

impl DocsInput {
    pub fn schema(&self) -> envspec::ConfigSchema {
        use envspec::schema::{DefaultValue, EnumValue, TypeKind, ValueType, Variable};
        let mut schema = envspec::ConfigSchema::new("Fuzzed");
        schema.title = self.title.clone();
        schema.description = self.description.clone();
        for (i, v) in self.vars.iter().take(16).enumerate() {
            let kind = if v.enum_values.is_empty() {
                TypeKind::String
            } else {
                TypeKind::Enum {
                    values: v.enum_values.iter().map(|(n, d)| EnumValue::new(n.clone(), vec![], d.clone())).collect(),
                }
            };
            let mut var = Variable::new(format!("V{i}"), format!("v{i}"), ValueType::new(kind, "String"));
            var.description = v.description.clone();
            var.section = v.section.clone();
            var.default = match (&v.default, v.secret) {
                (Some(_), true) => Some(DefaultValue::Hidden),
                (Some(d), false) => Some(DefaultValue::Literal { value: d.clone() }),
                (None, _) => None,
            };
            var.required = v.default.is_none() && i % 3 == 0;
            var.secret = v.secret;
            var.bootstrap = v.bootstrap;
            var.deprecated = v.deprecated.clone();
            var.generate = v.generate.clone();
            var.examples = v.example.iter().cloned().collect();
            schema.variables.push(var);
        }
        schema
    }
}
