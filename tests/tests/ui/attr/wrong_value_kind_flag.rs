use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(file = "yes")]
    port: u16,
}

fn main() {}
