use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(name = PORT)]
    port: u16,
}

fn main() {}
