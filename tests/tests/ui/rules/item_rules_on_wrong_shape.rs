use envspec::{EnvConfig, Url};

#[derive(EnvConfig)]
struct Settings {
    #[env(schemes("redis://", "rediss", "1x"))]
    cache_url: Url,
}

fn main() {}
