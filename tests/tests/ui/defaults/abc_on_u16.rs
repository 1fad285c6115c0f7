use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(default = "abc")]
    port: u16,
}

fn main() {}
