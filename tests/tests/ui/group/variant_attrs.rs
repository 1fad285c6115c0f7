use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(selector = "VAULT_BACKEND")]
enum Vault {
    #[env(prefix = "FILE_")]
    File,
    #[env(rename = "mem", rename = "memory")]
    Inmemory,
    #[env(rename = "")]
    Disk,
}

fn main() {}
