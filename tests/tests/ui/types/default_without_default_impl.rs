use envspec::{EnvConfig, EnvEnum};

#[derive(EnvEnum)]
enum Mode {
    Fast,
    Slow,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(default)]
    mode: Mode,
}

fn main() {}
