use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(pattern = "[0-9]+")]
    port: u16,
}

fn main() {}
