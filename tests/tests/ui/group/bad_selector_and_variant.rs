use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Kms {
    region: String,
}

#[derive(EnvConfig)]
#[env(selector = "vault-backend", selecter = "X")]
enum Vault {
    File,
    Kms(Kms, Kms),
    #[env(alias = "file")]
    Disk,
}

fn main() {}
