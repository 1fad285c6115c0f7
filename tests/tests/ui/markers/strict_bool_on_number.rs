use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(strict_bool)]
    port: u16,
}

fn main() {}
