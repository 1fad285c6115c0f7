use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(required_in(prodution))]
    jwt_secret: Option<String>,
    #[env(default = false, forbidden_in(qa))]
    debug: bool,
}

fn main() {}
