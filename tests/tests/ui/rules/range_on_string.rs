use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(range = 1..=10)]
    name: String,
}

fn main() {}
