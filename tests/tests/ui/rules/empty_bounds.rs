use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
struct Settings {
    #[env(min = 10, max = 5)]
    workers: u32,
    #[env(gt = 1, lt = 1)]
    ratio: f64,
    #[env(range = 0..0)]
    retries: u8,
    #[env(key(bytes = 0, hex))]
    key: SecretString,
}

fn main() {}
