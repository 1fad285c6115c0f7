use envspec::{EnvConfig, EnvEnum};

// Only the mistake itself is reported, not every field using the broken enum.
#[derive(EnvEnum)]
enum Mode {
    #[env(renam = "fast")]
    Fast,
    Slow,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "fast")]
    mode: Mode,
}

fn main() {
    let _ = Settings::from_env();
}
