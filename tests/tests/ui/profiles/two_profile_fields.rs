use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(profile, default = "development")]
    deployment: String,
}

fn main() {}
