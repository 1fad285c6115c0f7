use envspec::EnvConfig;
use std::time::Duration;

#[derive(EnvConfig)]
struct Settings {
    #[env(on_invalid = "skip")]
    a: Option<u32>,
    #[env(unit = "days")]
    b: Duration,
}

fn main() {}
