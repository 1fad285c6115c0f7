use envspec::EnvConfig;

// Only the mistake itself is reported, not every field using the broken backend group.
#[derive(EnvConfig)]
#[env(selector = "VAULT_BACKEND", default = "fiel")]
enum Vault {
    File,
    Inmemory,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(nested)]
    vault: Vault,
}

fn main() {
    let _ = Settings::from_env();
}
