use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(json, min_len = 1)]
    limits: Vec<u32>,
}

fn main() {}
