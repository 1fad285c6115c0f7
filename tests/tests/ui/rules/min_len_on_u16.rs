use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(min_len = 2)]
    port: u16,
}

fn main() {}
