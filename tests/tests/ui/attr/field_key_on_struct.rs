use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(secret)]
struct Settings {
    port: u16,
}

fn main() {}
