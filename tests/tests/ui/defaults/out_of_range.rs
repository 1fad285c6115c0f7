use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = 70000)]
    port: u16,
}

fn main() {}
