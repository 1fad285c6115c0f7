use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = 8080u16)]
    port: u16,
}

fn main() {}
