use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(required_in(production, staging), forbidden_in(production))]
    debug_token: Option<String>,
    #[env(not_default_in(production))]
    secret_key: String,
}

fn main() {}
