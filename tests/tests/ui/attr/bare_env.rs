use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env]
    port: u16,
}

fn main() {}
