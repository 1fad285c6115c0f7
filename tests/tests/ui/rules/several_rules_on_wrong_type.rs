use envspec::EnvConfig;

// Each rule that does not fit the type is reported at that rule.
#[derive(EnvConfig)]
struct Settings {
    #[env(range = 1..=10, pattern = "[0-9]+", min_len = 1)]
    port: u16,
    #[env(secret, max = 3)]
    tags: Vec<String>,
}

fn main() {}
