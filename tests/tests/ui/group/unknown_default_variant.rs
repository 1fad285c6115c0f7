use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(selector = "VAULT_BACKEND", default = "fiel")]
enum Vault {
    File,
    Inmemory,
}

fn main() {}
