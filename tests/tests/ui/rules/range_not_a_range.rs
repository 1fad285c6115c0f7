use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(range = 65535)]
    port: u16,
}

fn main() {}
