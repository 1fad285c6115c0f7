use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
struct Settings {
    #[env(key(hex))]
    signing_key: SecretString,
}

fn main() {}
