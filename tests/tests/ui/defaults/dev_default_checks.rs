use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(profile, default = "development")]
    environment: String,
    #[env(dev_default = "eighty")]
    port: u16,
    #[env(dev_default = "a", dev_default = "b")]
    host: String,
    #[env(same_as = host, dev_default = "127.0.0.1")]
    bind: String,
}

fn main() {}
