use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
struct Settings {
    smtp_host: Option<String>,
    #[env(required_with(smtp_hots))]
    smtp_password: Option<SecretString>,
}

fn main() {}
