use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(json, default)]
    limits: Vec<u32>,
}

fn main() {}
