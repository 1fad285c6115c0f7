use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
#[env(prefix = "APP_")]
struct Settings {
    #[env(secret)]
    api_token: Option<SecretString>,
    #[env(same_as = api_token)]
    copied: Option<String>,
    #[env(default_from = "Bearer {api_token}")]
    header: String,
    #[env(fallback("APP_API_TOKEN"))]
    legacy: Option<String>,
    // Marked secret too: allowed.
    #[env(secret, same_as = api_token)]
    also_secret: Option<SecretString>,
}

fn main() {}
