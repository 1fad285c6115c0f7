use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "app-")]
struct Settings {
    port: u16,
}

fn main() {}
