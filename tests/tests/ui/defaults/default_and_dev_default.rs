use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(default = "localhost", dev_default = "127.0.0.1")]
    host: String,
}

fn main() {}
