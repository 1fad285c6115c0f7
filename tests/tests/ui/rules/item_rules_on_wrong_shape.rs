use config_runtime::{EnvConfig, Url};

#[derive(EnvConfig)]
struct Settings {
    #[env(item_pattern = "[a-z]+")]
    name: String,
    #[env(item_pattern = "[0-9]+")]
    ports: Vec<u16>,
    #[env(forbid("0"))]
    workers: Vec<u32>,
    #[env(schemes("redis://", "rediss", "1x"))]
    cache_url: Url,
}

fn main() {}
