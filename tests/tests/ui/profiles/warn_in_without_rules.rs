use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(warn_in(development))]
    jwt_secret: Option<String>,
}

fn main() {}
