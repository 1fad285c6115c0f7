use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(empty = "unset")]
    port: u16,
}

fn main() {}
