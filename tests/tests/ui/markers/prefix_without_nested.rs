use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(prefix = "DB_")]
    port: u16,
}

fn main() {}
