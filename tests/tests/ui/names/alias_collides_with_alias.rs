use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(alias = "BIND")]
    host: String,
    #[env(alias = "BIND")]
    address: String,
}

fn main() {}
