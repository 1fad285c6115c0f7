use envspec::EnvConfig;

struct Limits {
    max: u32,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(json)]
    limits: Limits,
}

fn main() {}
