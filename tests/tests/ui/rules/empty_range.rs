use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(range = 100..=1)]
    port: u16,
    #[env(min_len = 64, max_len = 8)]
    name: String,
}

fn main() {}
