//! Backend groups: a selector variable picks one variant; only its variables are read and
//! checked, and the schema keeps every group with its condition.

#![allow(dead_code)] // Some fields exist only to be described by the schema.

use envspec::{EnvConfig, ExposeSecret, SecretString, schema::Condition};
use std::path::PathBuf;

#[derive(EnvConfig, Debug)]
#[env(prefix = "VAULT_")]
struct FileVault {
    /// Where the vault database lives.
    #[env(default = "~/.orcheo/vault.sqlite")]
    local_path: PathBuf,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "VAULT_")]
struct AwsKmsVault {
    /// Region of the KMS key.
    aws_region: String,
    /// The KMS key.
    aws_kms_key_id: String,
    /// Key that encrypts secrets before KMS wraps them.
    #[env(secret, min_len = 16)]
    encryption_key: SecretString,
}

/// Where credentials are stored.
#[derive(EnvConfig, Debug)]
#[env(selector = "VAULT_BACKEND", default = "file")]
enum Vault {
    /// A local SQLite file.
    File(FileVault),
    /// In process memory; lost on restart.
    Inmemory,
    /// AWS Key Management Service.
    #[env(rename = "aws_kms", alias = "kms")]
    AwsKms(AwsKmsVault),
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "ORCHEO_")]
struct Settings {
    #[env(nested, section = "Vault")]
    vault: Vault,
    #[env(default = 8000)]
    port: u16,
}

fn load(pairs: &[(&str, &str)]) -> Result<envspec::Loaded<Settings>, envspec::LoadError> {
    Settings::loader().env_map(pairs.iter().copied()).home_dir("/home/op").load()
}

#[test]
fn the_default_variant_reads_only_its_variables() {
    let loaded = load(&[("ORCHEO_VAULT_AWS_REGION", "not read")]).unwrap();
    match &loaded.vault {
        Vault::File(f) => assert_eq!(f.local_path, PathBuf::from("/home/op/.orcheo/vault.sqlite")),
        other => panic!("expected the file vault, got {other:?}"),
    }
    assert!(
        loaded.provenance().iter().all(|p| !p.variable.contains("AWS")),
        "variables of unselected variants are not read"
    );
}

#[test]
fn the_selected_variant_is_read_and_checked() {
    let loaded = load(&[
        ("ORCHEO_VAULT_BACKEND", "kms"),
        ("ORCHEO_VAULT_AWS_REGION", "us-east-1"),
        ("ORCHEO_VAULT_AWS_KMS_KEY_ID", "key-1"),
        ("ORCHEO_VAULT_ENCRYPTION_KEY", "0123456789abcdef"),
    ])
    .unwrap();
    let Vault::AwsKms(kms) = &loaded.vault else { panic!("{:?}", loaded.vault) };
    assert_eq!(kms.aws_region, "us-east-1");
    assert_eq!(kms.encryption_key.expose_secret().len(), 16);
    assert!(matches!(load(&[("ORCHEO_VAULT_BACKEND", "inmemory")]).unwrap().vault, Vault::Inmemory));

    let err = load(&[("ORCHEO_VAULT_BACKEND", "aws_kms"), ("ORCHEO_VAULT_ENCRYPTION_KEY", "short")]).unwrap_err();
    let lines: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "ORCHEO_VAULT_AWS_REGION is required but not set",
            "ORCHEO_VAULT_AWS_KMS_KEY_ID is required but not set",
            "ORCHEO_VAULT_ENCRYPTION_KEY = (secret value hidden) must be at least 16 characters",
        ]
    );
    let err = load(&[("ORCHEO_VAULT_BACKEND", "aws")]).unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        r#"ORCHEO_VAULT_BACKEND = "aws" is invalid: expected one of: file, inmemory, aws_kms (did you mean `aws_kms`?)"#
    );
}

#[test]
fn the_schema_keeps_every_group_with_its_condition() {
    let schema = Settings::schema();
    let names: Vec<_> = schema.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ORCHEO_VAULT_BACKEND",
            "ORCHEO_VAULT_LOCAL_PATH",
            "ORCHEO_VAULT_AWS_REGION",
            "ORCHEO_VAULT_AWS_KMS_KEY_ID",
            "ORCHEO_VAULT_ENCRYPTION_KEY",
            "ORCHEO_PORT",
        ]
    );
    let selector = schema.variable("ORCHEO_VAULT_BACKEND").unwrap();
    assert_eq!(selector.value_type.to_string(), "one of: file, inmemory, aws_kms");
    assert_eq!(selector.section.as_deref(), Some("Vault"));
    let region = schema.variable("ORCHEO_VAULT_AWS_REGION").unwrap();
    assert_eq!(region.read_when.as_ref().map(Condition::to_string).as_deref(), Some("ORCHEO_VAULT_BACKEND=aws_kms"));
    assert!(schema.variable("ORCHEO_PORT").unwrap().read_when.is_none());
    let groups: Vec<_> = schema.groups.iter().map(|g| (g.value.as_str(), g.variables.len())).collect();
    assert_eq!(groups, [("file", 1), ("aws_kms", 3)]);
}
