use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
#[env(prefix = "APP_", prefix = "OTHER_")]
struct Settings {
    #[env(name = "PORT", name = "LISTEN_PORT")]
    port: u16,
    #[env(secret)]
    #[env(secret)]
    token: SecretString,
}

fn main() {}
