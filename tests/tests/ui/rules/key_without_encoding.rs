use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
struct Settings {
    #[env(key(bytes = 32))]
    signing_key: SecretString,
}

fn main() {}
