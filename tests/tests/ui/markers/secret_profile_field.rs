use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, secret)]
    environment: SecretString,
}

fn main() {}
