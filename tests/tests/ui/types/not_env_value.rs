use envspec::EnvConfig;

struct Color(u8, u8, u8);

#[derive(EnvConfig)]
struct Settings {
    accent: Color,
}

fn main() {}
