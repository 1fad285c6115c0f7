use envspec::{EnvConfig, Url};

#[derive(EnvConfig)]
struct Settings {
    #[env(schemes())]
    redis_url: Url,
}

fn main() {}
