use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(default = "*", forbid("*", only_in = staginng))]
    cors_origins: String,
}

fn main() {}
