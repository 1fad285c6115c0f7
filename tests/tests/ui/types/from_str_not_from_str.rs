use envspec::EnvConfig;

struct Color;

#[derive(EnvConfig)]
struct Settings {
    #[env(from_str)]
    accent: Color,
}

fn main() {}
