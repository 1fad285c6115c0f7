use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(forbid())]
    allowed_origins: Vec<String>,
}

fn main() {}
