use config_runtime::EnvConfig;

struct Color;

#[derive(EnvConfig)]
struct Settings {
    #[env(from_str)]
    accent: Color,
}

fn main() {}
