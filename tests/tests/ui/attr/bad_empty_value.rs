use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(empty = "maybe")]
struct Settings {
    port: u16,
}

fn main() {}
