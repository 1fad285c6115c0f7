use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(secret)]
    api_token: String,
}

fn main() {}
