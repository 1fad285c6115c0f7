use config_runtime::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(required_in(production))]
    jwt_secret: Option<String>,
}

fn main() {}
