use envspec::{EnvConfig, SecretString};

// The source is secret by its type alone; the derive asks the type.
#[derive(EnvConfig)]
struct Settings {
    api_token: Option<SecretString>,
    #[env(same_as = api_token)]
    copied: Option<String>,
}

fn main() {}
