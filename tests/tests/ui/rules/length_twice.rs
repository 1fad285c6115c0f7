use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(min_len = 8, len = 16)]
    name: String,
}

fn main() {}
